//! From findings to plans: obligations by topic, the unified plan (the strictest requirement per topic
//! across all jurisdictions) and the differentiated plan (a common baseline and what each jurisdiction adds).

use std::collections::BTreeSet;
use std::sync::Arc;

use accord_atlas::model::{BodyKind, Mechanism};
use accord_atlas::{Atlas, BodyId, CountryCode, InstrumentId, TopicId};
use serde::Serialize;

use crate::assess::{Effect, Finding, JurisdictionAnswer, RuleMatch};
use crate::compiled::Compiled;
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
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Obligation {
    pub topic: Arc<str>,
    pub instrument: Arc<str>,
    pub provision: Arc<str>,
    pub title: Arc<str>,
    pub summary: Arc<str>,
    pub effect: Effect,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_from: Option<accord_atlas::PartialDate>,
    pub applies_in: Sites,
    /// Position of the topic in the taxonomy, and of the instrument and provision in the atlas: for grouping
    /// and ordering without comparing strings.
    #[serde(skip)]
    topic_index: usize,
    #[serde(skip)]
    order: (usize, usize),
    #[serde(skip)]
    key: Arc<str>,
}

const OPERATOR_BIT: u64 = 1 << 63;

/// Where an obligation applies, as bits over the system's jurisdictions (bit 63: the operator); serialised as
/// a list of codes and `"operator"`.
#[derive(Debug, Clone)]
pub struct Sites {
    mask: u64,
    codes: Arc<[CountryCode]>,
}

impl Sites {
    pub fn iter(&self) -> impl Iterator<Item = Where> + '_ {
        self.codes
            .iter()
            .enumerate()
            .filter(|(i, _)| self.mask & (1 << (*i).min(62)) != 0)
            .map(|(_, code)| Where::Jurisdiction(*code))
            .chain((self.mask & OPERATOR_BIT != 0).then_some(Where::Operator))
    }

    pub fn contains(&self, site: &Where) -> bool {
        match site {
            Where::Operator => self.mask & OPERATOR_BIT != 0,
            Where::Jurisdiction(code) => {
                self.codes.iter().position(|c| c == code).is_some_and(|i| self.mask & (1 << i.min(62)) != 0)
            }
        }
    }

    pub fn to_vec(&self) -> Vec<Where> {
        self.iter().collect()
    }

    fn count(&self) -> u32 {
        self.mask.count_ones()
    }
}

impl schemars::JsonSchema for Sites {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Sites".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "array",
            "items": {"type": "string", "description": "An ISO 3166-1 alpha-2 code, or \"operator\"."},
            "description": "Where an obligation applies: the system's jurisdictions, and the operator for its own commitments."
        })
    }
}

impl Serialize for Sites {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// One line of a plan: a topic and the requirement that governs it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PlanItem {
    pub topic: Arc<str>,
    pub topic_name: Arc<str>,
    pub requirement: Arc<Obligation>,
    /// Other instruments' provisions on the same topic (`instrument#provision`) that meeting the requirement
    /// also addresses.
    pub also_covers: Vec<Arc<str>>,
}

/// A baseline common to every jurisdiction, and what each jurisdiction adds on top of it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct DifferentiatedPlan {
    pub baseline: Vec<PlanItem>,
    pub additions: Vec<JurisdictionAdditions>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct JurisdictionAdditions {
    pub code: CountryCode,
    pub name: String,
    pub items: Vec<PlanItem>,
}

/// A standard whose provisions cover topics of the system's binding obligations.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct StandardSupport {
    pub instrument: InstrumentId,
    pub name: String,
    pub topics: Vec<TopicId>,
    /// Jurisdictions whose binding obligations on those topics it supports.
    pub supports_in: Vec<CountryCode>,
}

/// An industry or standards body whose scope matches the system.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct RelevantBody {
    pub body: BodyId,
    pub name: String,
    pub why: String,
}

/// Every (provision, topic) of every finding, merged across jurisdictions, ordered by topic.
pub fn obligations(
    compiled: &Compiled,
    answers: &[Arc<JurisdictionAnswer>],
    operator: &[Finding],
) -> Vec<Arc<Obligation>> {
    // The same rule of the same instrument usually reaches several jurisdictions: merge those first, so
    // that each rule's provisions are walked once.
    let mut merged: Vec<(&RuleMatch, u64)> = Vec::new();
    let sites = answers
        .iter()
        .enumerate()
        .flat_map(|(i, a)| a.findings.iter().map(move |f| (1u64 << i.min(62), f)))
        .chain(operator.iter().map(|f| (OPERATOR_BIT, f)));
    for (site, finding) in sites {
        for rule in finding.rules.iter().filter(|r| is_requirement(r)) {
            let same = |(m, _): &&mut (&RuleMatch, u64)| {
                m.instrument == rule.instrument
                    && m.rule == rule.rule
                    && m.effect == rule.effect
                    && m.applies_from == rule.applies_from
            };
            match merged.iter_mut().find(same) {
                Some((_, mask)) => *mask |= site,
                None => merged.push((rule, site)),
            }
        }
    }
    const EMPTY: u32 = u32::MAX;
    let mut slots = vec![EMPTY; compiled.slots];
    let mut out: Vec<Obligation> = Vec::new();
    let codes: Arc<[CountryCode]> = answers.iter().map(|a| a.code).collect();
    for (rule, site) in merged {
        for &p in rule.provision_indices.iter() {
            let text = &compiled.provisions[rule.instrument][p];
            for (t, &topic) in text.topics.iter().enumerate() {
                let slot = &mut slots[text.slot + t];
                if *slot == EMPTY {
                    *slot = out.len() as u32;
                    out.push(Obligation {
                        topic: compiled.topics[topic].id.clone(),
                        instrument: compiled.ids[rule.instrument].clone(),
                        provision: text.id.clone(),
                        title: text.title.clone(),
                        summary: text.summary.clone(),
                        effect: rule.effect,
                        applies_from: rule.applies_from,
                        applies_in: Sites { mask: 0, codes: codes.clone() },
                        topic_index: topic,
                        order: (rule.instrument, p),
                        key: text.key.clone(),
                    });
                }
                let entry = &mut out[*slot as usize];
                if rule.effect.rank() > entry.effect.rank() {
                    entry.effect = rule.effect;
                    entry.applies_from = rule.applies_from;
                }
                entry.applies_in.mask |= site;
            }
        }
    }
    out.sort_unstable_by_key(|o| (o.topic_index, o.order));
    out.into_iter().map(Arc::new).collect()
}

/// A rule's provisions are the operator's obligations when they bind it, guide it or are its own voluntary
/// commitments, or when a state's commitment names operators directly (a code of conduct for developers);
/// a state's general commitments are context, not requirements of the operator.
fn is_requirement(rule: &RuleMatch) -> bool {
    rule.addresses_operators || !matches!(rule.effect, Effect::PoliticalCommitment | Effect::SignedNotBound)
}

/// The strictest obligation: highest effect, then the widest reach, then a stable order by key.
fn strictest<'a>(candidates: impl Iterator<Item = &'a Arc<Obligation>>) -> Option<&'a Arc<Obligation>> {
    candidates.max_by(|a, b| {
        (a.effect.rank(), a.applies_in.count())
            .cmp(&(b.effect.rank(), b.applies_in.count()))
            .then_with(|| b.order.cmp(&a.order))
    })
}

/// A plan line; `all` are the other candidates on the topic whose coverage it lists (the unified plan only:
/// the differentiated plan's lines leave it empty, since the unified plan already says it per topic).
fn plan_item(compiled: &Compiled, chosen: &Arc<Obligation>, all: &[&Arc<Obligation>]) -> PlanItem {
    PlanItem {
        topic: chosen.topic.clone(),
        topic_name: compiled.topics[chosen.topic_index].name.clone(),
        requirement: chosen.clone(),
        also_covers: all.iter().filter(|o| !Arc::ptr_eq(&o.key, &chosen.key)).map(|o| o.key.clone()).collect(),
    }
}

/// Obligations grouped by topic; they arrive ordered by topic.
fn by_topic(obligations: &[Arc<Obligation>]) -> Vec<Vec<&Arc<Obligation>>> {
    obligations.chunk_by(|a, b| a.topic_index == b.topic_index).map(|run| run.iter().collect()).collect()
}

/// For each topic, the one strictest requirement across all jurisdictions, and where it comes from.
pub fn unified_plan(compiled: &Compiled, obligations: &[Arc<Obligation>]) -> Vec<PlanItem> {
    by_topic(obligations)
        .into_iter()
        .filter_map(|all| Some(plan_item(compiled, strictest(all.iter().copied())?, &all)))
        .collect()
}

/// The baseline is what applies in every jurisdiction of the system; each jurisdiction then adds the topics
/// the baseline lacks and the requirements stricter than the baseline's.
pub fn differentiated_plan(
    compiled: &Compiled,
    obligations: &[Arc<Obligation>],
    answers: &[Arc<JurisdictionAnswer>],
) -> DifferentiatedPlan {
    let everywhere: u64 = (0..answers.len()).fold(0, |m, i| m | 1 << i.min(62));
    let topics = by_topic(obligations);
    let mut baseline = Vec::new();
    let mut baseline_rank = vec![None; topics.len()];
    for (i, all) in topics.iter().enumerate() {
        let common = all
            .iter()
            .copied()
            .filter(|o| o.applies_in.mask & OPERATOR_BIT != 0 || o.applies_in.mask & everywhere == everywhere);
        if let Some(chosen) = strictest(common) {
            baseline_rank[i] = Some(chosen.effect.rank());
            baseline.push(plan_item(compiled, chosen, &[]));
        }
    }
    let additions = answers
        .iter()
        .enumerate()
        .map(|(i, answer)| {
            let here = 1u64 << i.min(62);
            let items = topics
                .iter()
                .enumerate()
                .filter_map(|(t, all)| {
                    let chosen = strictest(all.iter().copied().filter(|o| o.applies_in.mask & here != 0))?;
                    let adds = baseline_rank[t].is_none_or(|rank| chosen.effect.rank() > rank);
                    adds.then(|| plan_item(compiled, chosen, &[]))
                })
                .collect();
            JurisdictionAdditions { code: answer.code, name: answer.name.clone(), items }
        })
        .collect();
    DifferentiatedPlan { baseline, additions }
}

/// Standards whose provisions cover topics of binding obligations, widest support first.
pub fn supporting_standards(atlas: &Atlas, obligations: &[Arc<Obligation>]) -> Vec<StandardSupport> {
    let binding: Vec<&Arc<Obligation>> =
        obligations.iter().filter(|o| o.effect.rank() >= Effect::BindingNotYetApplicable.rank()).collect();
    let mut out: Vec<StandardSupport> = atlas
        .instruments()
        .iter()
        .filter(|i| i.mechanism == Mechanism::Standard)
        .filter_map(|standard| {
            let covered: BTreeSet<&str> =
                standard.provisions.iter().flat_map(|p| &p.topics).map(|t| t.as_str()).collect();
            let matched: Vec<&&Arc<Obligation>> = binding.iter().filter(|o| covered.contains(&*o.topic)).collect();
            if matched.is_empty() {
                return None;
            }
            let topics: BTreeSet<TopicId> = matched.iter().map(|o| TopicId::from(&*o.topic)).collect();
            let supports_in: BTreeSet<CountryCode> = matched
                .iter()
                .flat_map(|o| o.applies_in.iter())
                .filter_map(|w| match w {
                    Where::Jurisdiction(code) => Some(code),
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
