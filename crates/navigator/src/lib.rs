//! The navigator: which instruments of the atlas reach an AI system in each country, how binding they are
//! there on a date and why, what they ask by topic, and one plan that satisfies the strictest of them.
//!
//! It matches a [`Profile`] against the applicability rules declared in the data; it holds no rule of its
//! own about any instrument. It knows nothing of the CLI or HTTP.

pub mod assess;
pub mod compiled;
pub mod plan;
pub mod profile;
mod reasons;
pub mod report;
pub mod snapshot;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use accord_atlas::{Atlas, PartialDate};
use serde::Serialize;

pub use crate::assess::{Effect, Finding, JurisdictionAnswer, Reason};
use crate::compiled::{Compiled, ProfileMask};
pub use crate::plan::{DifferentiatedPlan, Obligation, PlanItem, RelevantBody, StandardSupport};
pub use crate::profile::{Profile, ProfileError, ProfileFormat};
use crate::snapshot::Snapshot;

/// Printed with every assessment: the navigator maps instruments, it does not give legal advice.
pub const DISCLAIMER: &str = "This assessment maps the instruments recorded in the Accord atlas to the system as \
described. It is a screening aid for compliance planning, not legal advice; confirm obligations with counsel in \
each jurisdiction.";

/// The full answer for one system.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Assessment {
    pub system: String,
    pub as_of: PartialDate,
    pub disclaimer: &'static str,
    pub jurisdictions: Vec<Arc<JurisdictionAnswer>>,
    pub operator_commitments: Vec<Finding>,
    pub obligations: Vec<Arc<Obligation>>,
    pub unified_plan: Vec<PlanItem>,
    pub differentiated_plan: DifferentiatedPlan,
    pub standards: Vec<StandardSupport>,
    pub industry_bodies: Vec<RelevantBody>,
}

/// Assesses profiles against one atlas, resolving each date's parties once.
pub struct Navigator {
    atlas: Arc<Atlas>,
    compiled: Compiled,
    snapshots: Mutex<HashMap<PartialDate, Arc<Snapshot>>>,
    answers: Mutex<HashMap<AnswerKey, Arc<JurisdictionAnswer>>>,
}

/// What a jurisdiction's answer depends on: the date, the country, how the system touches it, and the
/// profile's roles, kinds and sectors.
type AnswerKey = (PartialDate, accord_atlas::CountryCode, u32, ProfileMask);

/// Memoised answers kept at most; past this the memo starts afresh.
const ANSWER_MEMO_LIMIT: usize = 100_000;

impl Navigator {
    pub fn new(atlas: Arc<Atlas>) -> Self {
        Self {
            compiled: Compiled::new(&atlas),
            atlas,
            snapshots: Mutex::new(HashMap::new()),
            answers: Mutex::new(HashMap::new()),
        }
    }

    /// The applicability rules, compiled.
    pub fn compiled(&self) -> &Compiled {
        &self.compiled
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
        let mask = ProfileMask::new(&profile.roles, &profile.kinds, &profile.sectors);
        let jurisdiction = |code, hooks: &[accord_atlas::model::Hook]| {
            let key = (date, code, compiled::mask(hooks), mask);
            if let Some(answer) = self.answers.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
                return answer.clone();
            }
            let answer = Arc::new(assess::evaluate_jurisdiction(atlas, &self.compiled, &snapshot, mask, code, hooks));
            let mut memo = self.answers.lock().unwrap_or_else(|p| p.into_inner());
            if memo.len() >= ANSWER_MEMO_LIMIT {
                memo.clear();
            }
            memo.insert(key, answer.clone());
            answer
        };
        let footprint = assess::evaluate(atlas, &self.compiled, &snapshot, mask, &checked, jurisdiction);
        let obligations = plan::obligations(&self.compiled, &footprint.answers, &footprint.operator_commitments);
        Ok(Assessment {
            system: profile.name.clone(),
            as_of: date,
            disclaimer: DISCLAIMER,
            unified_plan: plan::unified_plan(&self.compiled, &obligations),
            differentiated_plan: plan::differentiated_plan(&self.compiled, &obligations, &footprint.answers),
            standards: plan::supporting_standards(atlas, &obligations),
            industry_bodies: plan::relevant_bodies(atlas, profile),
            jurisdictions: footprint.answers,
            operator_commitments: footprint.operator_commitments,
            obligations,
        })
    }
}

/// The short form of an assessment that an inventory writes per system: per jurisdiction, each instrument
/// with its effect; and per topic, the governing requirement.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Summary {
    pub as_of: PartialDate,
    pub jurisdictions: Vec<JurisdictionSummary>,
    pub operator_commitments: Vec<FindingSummary>,
    pub unified_plan: Vec<PlanSummary>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct JurisdictionSummary {
    pub code: accord_atlas::CountryCode,
    pub findings: Vec<FindingSummary>,
    pub proposals: Vec<std::sync::Arc<str>>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct FindingSummary {
    pub instrument: std::sync::Arc<str>,
    pub effect: Effect,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_from: Option<PartialDate>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PlanSummary {
    pub topic: std::sync::Arc<str>,
    pub requirement: String,
    pub effect: Effect,
}

impl Summary {
    pub fn of(a: &Assessment) -> Self {
        let finding = |f: &Finding| FindingSummary {
            instrument: f.instrument.clone(),
            effect: f.effect,
            applies_from: f.applies_from,
        };
        Self {
            as_of: a.as_of,
            jurisdictions: a
                .jurisdictions
                .iter()
                .map(|j| JurisdictionSummary {
                    code: j.code,
                    findings: j.findings.iter().map(finding).collect(),
                    proposals: j.proposals.iter().map(|p| p.instrument.clone()).collect(),
                })
                .collect(),
            operator_commitments: a.operator_commitments.iter().map(finding).collect(),
            unified_plan: a
                .unified_plan
                .iter()
                .map(|p| PlanSummary {
                    topic: p.topic.clone(),
                    requirement: format!("{}#{}", p.requirement.instrument, p.requirement.provision),
                    effect: p.requirement.effect,
                })
                .collect(),
        }
    }
}
