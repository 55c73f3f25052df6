//! Composite answers that both the CLI and the HTTP API return: a group's matrix with its coalitions, and a
//! comparison's history.

use accord_atlas::{Atlas, CountryCode, PartialDate};
use serde::Serialize;

use crate::alignment::{self, Matrix, PairScore};
use crate::cluster::Coalition;
use crate::fragmentation::Fragmentation;
use crate::{AnalyticsError, Snapshot, Step, groups, steps};

/// A group's alignment matrix on a date, with its mean, fragmentation index and coalitions.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct GroupView {
    pub as_of: PartialDate,
    pub group: String,
    pub members: Vec<CountryCode>,
    /// `scores[i][j]` is the alignment of `members[i]` and `members[j]`.
    pub scores: Vec<Vec<f64>>,
    pub mean_alignment: Option<f64>,
    pub fragmentation: Option<f64>,
    pub cut: f64,
    pub coalitions: Vec<Coalition>,
}

/// The matrix, fragmentation and coalitions of `group` (a predefined group or a list of codes) on `as_of`.
pub fn group_view(atlas: &Atlas, group: &str, as_of: PartialDate, cut: f64) -> Result<GroupView, AnalyticsError> {
    let members = groups::members(atlas, group, as_of)?;
    let matrix = Matrix::build(&Snapshot::build(atlas, as_of), &members);
    let fragmentation = Fragmentation::of(&matrix, cut);
    Ok(GroupView {
        as_of: matrix.as_of,
        group: group.to_owned(),
        members: matrix.members,
        scores: matrix.scores,
        mean_alignment: fragmentation.mean_alignment,
        fragmentation: fragmentation.index,
        cut,
        coalitions: fragmentation.coalitions,
    })
}

/// Pairwise scores of some states, period by period.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CompareHistory {
    pub states: Vec<CountryCode>,
    pub step: Step,
    pub history: Vec<HistoryPoint>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct HistoryPoint {
    pub date: PartialDate,
    pub scores: Vec<PairScore>,
}

/// The pairwise scores of `states` at every step from `from` to `to`.
pub fn compare_history(
    atlas: &Atlas,
    states: &[CountryCode],
    from: PartialDate,
    to: PartialDate,
    step: Step,
) -> Result<CompareHistory, AnalyticsError> {
    let history = steps(from, to, step)?
        .into_iter()
        .map(|date| HistoryPoint { date, scores: alignment::pair_scores(&Snapshot::build(atlas, date), states) })
        .collect();
    Ok(CompareHistory { states: states.to_vec(), step, history })
}
