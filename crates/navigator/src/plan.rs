//! From findings to plans: obligations by topic, the unified plan (the strictest requirement per topic
//! across all jurisdictions) and the differentiated plan (a common baseline and what each jurisdiction adds).

use std::collections::{BTreeMap, BTreeSet};

use accord_atlas::model::{BodyKind, Mechanism};
use accord_atlas::{Atlas, BodyId, CountryCode, InstrumentId, TopicId};
use serde::Serialize;

use crate::assess::{Effect, Finding, JurisdictionAnswer};
use crate::profile::Profile;

/// Where an obligation applies: a jurisdiction, or the operator's own voluntary commitment.
/// Serialised as the country code, or `"operator"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Where {
    Jurisdiction(CountryCode),
    Operator,
}

impl std::fmt::Display for Where {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Jurisdiction(code) => f.write_str(code.as_str()),
            Self::Operator => f.write_str("operator"),
        }
    }
}

impl Serialize for Where {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A provision that applies to the system, with its strongest effect and where it applies.
#[derive(Debug, Clone, Serialize)]
pub struct Obligation {
    pub topic: TopicId,
    pub instrument: InstrumentId,
    pub provision: String,
    pub title: String,
    pub summary: String,
    pub effect: Effect,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_from: Option<accord_atlas::PartialDate>,
    pub applies_in: Vec<Where>,
}

/// One line of a plan: a topic and the requirement that governs it.
#[derive(Debug, Clone, Serialize)]
pub struct PlanItem {
    pub topic: TopicId,
    pub topic_name: String,
    pub requirement: Obligation,
    /// Other instruments' provisions on the same topic that meeting the requirement also addresses.
    pub also_covers: Vec<String>,
}

/// A baseline common to every jurisdiction, and what each jurisdiction adds on top of it.
#[derive(Debug, Clone, Serialize)]
pub struct DifferentiatedPlan {
    pub baseline: Vec<PlanItem>,
    pub additions: Vec<JurisdictionAdditions>,
}

#[derive(Debug, Clone, Serialize)]
pub struct JurisdictionAdditions {
    pub code: CountryCode,
    pub name: String,
    pub items: Vec<PlanItem>,
}

/// A standard whose provisions cover topics of the system's binding obligations.
#[derive(Debug, Clone, Serialize)]
pub struct StandardSupport {
    pub instrument: InstrumentId,
    pub name: String,
    pub topics: Vec<TopicId>,
    /// Jurisdictions whose binding obligations on those topics it supports.
    pub supports_in: Vec<CountryCode>,
}

/// An industry or standards body whose scope matches the system.
#[derive(Debug, Clone, Serialize)]
pub struct RelevantBody {
    pub body: BodyId,
    pub name: String,
    pub why: String,
}

/// Every provision of every finding, merged across jurisdictions.
pub fn obligations(atlas: &Atlas, answers: &[JurisdictionAnswer], operator: &[Finding]) -> Vec<Obligation> {
    let mut merged: BTreeMap<(TopicId, InstrumentId, String), Obligation> = BTreeMap::new();
    let sites = answers
        .iter()
        .flat_map(|a| a.findings.iter().map(move |f| (Where::Jurisdiction(a.code), f)))
        .chain(operator.iter().map(|f| (Where::Operator, f)));
    for (site, finding) in sites {
        let Some(instrument) = atlas.instrument(&finding.instrument) else { continue };
        for rule in &finding.rules {
            for provision_id in &rule.provisions {
                let Some(provision) = instrument.provisions.iter().find(|p| p.id.as_str() == provision_id) else {
                    continue;
                };
                for topic in &provision.topics {
                    let key = (topic.clone(), instrument.id.clone(), provision_id.clone());
                    let entry = merged.entry(key).or_insert_with(|| Obligation {
                        topic: topic.clone(),
                        instrument: instrument.id.clone(),
                        provision: provision_id.clone(),
                        title: provision.title.clone(),
                        summary: provision.summary.clone(),
                        effect: rule.effect,
                        applies_from: rule.applies_from,
                        applies_in: Vec::new(),
                    });
                    if rule.effect.rank() > entry.effect.rank() {
                        entry.effect = rule.effect;
                        entry.applies_from = rule.applies_from;
                    }
                    if !entry.applies_in.contains(&site) {
                        entry.applies_in.push(site);
                    }
                }
            }
        }
    }
    merged.into_values().collect()
}

/// The strictest obligation: highest effect, then the widest reach, then a stable order by id.
fn strictest<'a>(candidates: impl Iterator<Item = &'a Obligation>) -> Option<&'a Obligation> {
    candidates.max_by(|a, b| {
        (a.effect.rank(), a.applies_in.len())
            .cmp(&(b.effect.rank(), b.applies_in.len()))
            .then_with(|| (&b.instrument, &b.provision).cmp(&(&a.instrument, &a.provision)))
    })
}

fn plan_item(atlas: &Atlas, topic: &TopicId, chosen: &Obligation, all: &[&Obligation]) -> PlanItem {
    let also_covers = all
        .iter()
        .filter(|o| !(o.instrument == chosen.instrument && o.provision == chosen.provision))
        .map(|o| format!("{}#{}", o.instrument, o.provision))
        .collect();
    PlanItem {
        topic: topic.clone(),
        topic_name: atlas.topic(topic).map_or_else(|| topic.to_string(), |t| t.name.clone()),
        requirement: chosen.clone(),
        also_covers,
    }
}

fn by_topic(obligations: &[Obligation]) -> BTreeMap<&TopicId, Vec<&Obligation>> {
    let mut map: BTreeMap<&TopicId, Vec<&Obligation>> = BTreeMap::new();
    for o in obligations {
        map.entry(&o.topic).or_default().push(o);
    }
    map
}

/// For each topic, the one strictest requirement across all jurisdictions, and where it comes from.
pub fn unified_plan(atlas: &Atlas, obligations: &[Obligation]) -> Vec<PlanItem> {
    by_topic(obligations)
        .into_iter()
        .filter_map(|(topic, all)| Some(plan_item(atlas, topic, strictest(all.iter().copied())?, &all)))
        .collect()
}

/// The baseline is what applies in every jurisdiction of the system; each jurisdiction then adds the topics
/// the baseline lacks and the requirements stricter than the baseline's.
pub fn differentiated_plan(
    atlas: &Atlas,
    obligations: &[Obligation],
    answers: &[JurisdictionAnswer],
) -> DifferentiatedPlan {
    let everywhere: BTreeSet<Where> = answers.iter().map(|a| Where::Jurisdiction(a.code)).collect();
    let topics = by_topic(obligations);
    let mut baseline = Vec::new();
    let mut baseline_rank: BTreeMap<&TopicId, u8> = BTreeMap::new();
    for (topic, all) in &topics {
        let common = all
            .iter()
            .copied()
            .filter(|o| o.applies_in.contains(&Where::Operator) || everywhere.iter().all(|w| o.applies_in.contains(w)));
        if let Some(chosen) = strictest(common) {
            baseline_rank.insert(topic, chosen.effect.rank());
            baseline.push(plan_item(atlas, topic, chosen, all));
        }
    }
    let additions = answers
        .iter()
        .map(|answer| {
            let here = Where::Jurisdiction(answer.code);
            let items = topics
                .iter()
                .filter_map(|(topic, all)| {
                    let local: Vec<&Obligation> =
                        all.iter().copied().filter(|o| o.applies_in.contains(&here)).collect();
                    let chosen = strictest(local.iter().copied())?;
                    let adds = baseline_rank.get(topic).is_none_or(|&rank| chosen.effect.rank() > rank);
                    adds.then(|| plan_item(atlas, topic, chosen, &local))
                })
                .collect();
            JurisdictionAdditions { code: answer.code, name: answer.name.clone(), items }
        })
        .collect();
    DifferentiatedPlan { baseline, additions }
}

/// Standards whose provisions cover topics of binding obligations, widest support first.
pub fn supporting_standards(atlas: &Atlas, obligations: &[Obligation]) -> Vec<StandardSupport> {
    let binding: Vec<&Obligation> =
        obligations.iter().filter(|o| o.effect.rank() >= Effect::BindingNotYetApplicable.rank()).collect();
    let mut out: Vec<StandardSupport> = atlas
        .instruments()
        .iter()
        .filter(|i| i.mechanism == Mechanism::Standard)
        .filter_map(|standard| {
            let covered: BTreeSet<&TopicId> = standard.provisions.iter().flat_map(|p| &p.topics).collect();
            let matched: Vec<&&Obligation> = binding.iter().filter(|o| covered.contains(&o.topic)).collect();
            if matched.is_empty() {
                return None;
            }
            let topics: BTreeSet<TopicId> = matched.iter().map(|o| o.topic.clone()).collect();
            let supports_in: BTreeSet<CountryCode> = matched
                .iter()
                .flat_map(|o| o.applies_in.iter())
                .filter_map(|w| match w {
                    Where::Jurisdiction(code) => Some(*code),
                    Where::Operator => None,
                })
                .collect();
            Some(StandardSupport {
                instrument: standard.id.clone(),
                name: standard.name.clone(),
                topics: topics.into_iter().collect(),
                supports_in: supports_in.into_iter().collect(),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (b.supports_in.len(), b.topics.len(), &a.instrument).cmp(&(a.supports_in.len(), a.topics.len(), &b.instrument))
    });
    out
}

/// Industry and standards bodies whose declared scope matches the profile.
pub fn relevant_bodies(atlas: &Atlas, profile: &Profile) -> Vec<RelevantBody> {
    atlas
        .bodies()
        .iter()
        .filter(|b| matches!(b.kind, BodyKind::IndustryBody | BodyKind::StandardsBody))
        .filter_map(|body| {
            let scope = body.scope.as_ref()?;
            let kinds = scope.system_kinds.iter().filter(|k| profile.kinds.contains(k)).map(|k| k.as_str());
            let sectors = scope.sectors.iter().filter(|s| profile.sectors.contains(s)).map(|s| s.as_str());
            let matched: Vec<&str> = kinds.chain(sectors).collect();
            let kinds_ok =
                scope.system_kinds.is_empty() || scope.system_kinds.iter().any(|k| profile.kinds.contains(k));
            let sectors_ok = scope.sectors.is_empty() || scope.sectors.iter().any(|s| profile.sectors.contains(s));
            let roles_ok = scope.addressees.is_empty()
                || scope.addressees.iter().any(|a| a.roles().iter().any(|r| profile.roles.contains(r)));
            (kinds_ok && sectors_ok && roles_ok).then(|| RelevantBody {
                body: body.id.clone(),
                name: body.name.clone(),
                why: if matched.is_empty() {
                    "works on AI systems of every kind".to_owned()
                } else {
                    format!("works on {}", matched.join(", "))
                },
            })
        })
        .collect()
}
