//! The navigator: which instruments of the atlas reach an AI system in each country, how binding they are
//! there on a date and why, what they ask by topic, and one plan that satisfies the strictest of them.
//!
//! It matches a [`Profile`] against the applicability rules declared in the data; it holds no rule of its
//! own about any instrument. It knows nothing of the CLI or HTTP.

pub mod assess;
pub mod plan;
pub mod profile;
pub mod report;
pub mod snapshot;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use accord_atlas::{Atlas, PartialDate};
use serde::Serialize;

pub use crate::assess::{Effect, Finding, JurisdictionAnswer, Reason};
pub use crate::plan::{DifferentiatedPlan, Obligation, PlanItem, RelevantBody, StandardSupport};
pub use crate::profile::{Profile, ProfileError, ProfileFormat};
use crate::snapshot::Snapshot;

/// Printed with every assessment: the navigator maps instruments, it does not give legal advice.
pub const DISCLAIMER: &str = "This assessment maps the instruments recorded in the Accord atlas to the system as \
described. It is a screening aid for compliance planning, not legal advice; confirm obligations with counsel in \
each jurisdiction.";

/// The full answer for one system.
#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    pub system: String,
    pub as_of: PartialDate,
    pub disclaimer: &'static str,
    pub jurisdictions: Vec<JurisdictionAnswer>,
    pub operator_commitments: Vec<Finding>,
    pub obligations: Vec<Obligation>,
    pub unified_plan: Vec<PlanItem>,
    pub differentiated_plan: DifferentiatedPlan,
    pub standards: Vec<StandardSupport>,
    pub industry_bodies: Vec<RelevantBody>,
}

/// Assesses profiles against one atlas, resolving each date's parties once.
pub struct Navigator {
    atlas: Arc<Atlas>,
    snapshots: Mutex<HashMap<PartialDate, Arc<Snapshot>>>,
}

impl Navigator {
    pub fn new(atlas: Arc<Atlas>) -> Self {
        Self { atlas, snapshots: Mutex::new(HashMap::new()) }
    }

    pub fn atlas(&self) -> &Atlas {
        &self.atlas
    }

    /// Every instrument's parties as of `date`, computed once per date.
    pub fn snapshot(&self, date: PartialDate) -> Arc<Snapshot> {
        let mut cache = self.snapshots.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        cache.entry(date).or_insert_with(|| Arc::new(Snapshot::new(&self.atlas, date))).clone()
    }

    /// Assesses a profile as of `as_of`, else its own `as_of`, else today.
    pub fn assess(&self, profile: &Profile, as_of: Option<PartialDate>) -> Result<Assessment, ProfileError> {
        let checked = profile.check(&self.atlas)?;
        let date = as_of.or(profile.as_of).unwrap_or_else(PartialDate::today);
        let snapshot = self.snapshot(date);
        let atlas = &*self.atlas;
        let footprint = assess::evaluate(atlas, &snapshot, profile, &checked);
        let obligations = plan::obligations(atlas, &footprint.answers, &footprint.operator_commitments);
        Ok(Assessment {
            system: profile.name.clone(),
            as_of: date,
            disclaimer: DISCLAIMER,
            unified_plan: plan::unified_plan(atlas, &obligations),
            differentiated_plan: plan::differentiated_plan(atlas, &obligations, &footprint.answers),
            standards: plan::supporting_standards(atlas, &obligations),
            industry_bodies: plan::relevant_bodies(atlas, profile),
            jurisdictions: footprint.answers,
            operator_commitments: footprint.operator_commitments,
            obligations,
        })
    }
}
