//! The fragmentation of a group: one minus its mean pairwise alignment, with its coalitions, over time.

use accord_atlas::{Atlas, PartialDate};
use serde::Serialize;

use crate::AnalyticsError;
use crate::alignment::Matrix;
use crate::cluster::{Coalition, coalitions};
use crate::groups;
use crate::participation::Snapshot;

/// A group's fragmentation on one date.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Fragmentation {
    pub date: PartialDate,
    pub members: usize,
    /// 1 − mean alignment: 0 when every member holds the same commitments, 1 when no pair shares any.
    /// Absent with fewer than two members.
    pub index: Option<f64>,
    pub mean_alignment: Option<f64>,
    pub coalitions: Vec<Coalition>,
}

impl Fragmentation {
    /// Measures a matrix's fragmentation and finds its coalitions.
    pub fn of(matrix: &Matrix, cut: f64) -> Self {
        let mean = matrix.mean();
        Self {
            date: matrix.as_of,
            members: matrix.members.len(),
            index: mean.map(|m| 1.0 - m),
            mean_alignment: mean,
            coalitions: coalitions(matrix, cut),
        }
    }
}

/// A group's fragmentation on each date; the group's membership is taken on each date.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct FragmentationHistory {
    pub group: String,
    pub cut: f64,
    pub points: Vec<Fragmentation>,
}

pub fn history(
    atlas: &Atlas,
    group: &str,
    dates: &[PartialDate],
    cut: f64,
) -> Result<FragmentationHistory, AnalyticsError> {
    let mut points = Vec::with_capacity(dates.len());
    for &date in dates {
        let members = groups::members(atlas, group, date)?;
        let snapshot = Snapshot::build(atlas, date);
        points.push(Fragmentation::of(&Matrix::build(&snapshot, &members), cut));
    }
    Ok(FragmentationHistory { group: group.to_owned(), cut, points })
}
