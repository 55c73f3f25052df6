//! Applicability rules compiled once per atlas into bit masks, so that matching a profile is a few
//! integer operations and the texts of the reasons are built once, not per assessment.

use std::sync::Arc;

use accord_atlas::Atlas;
use accord_atlas::model::{Applicability, Hook, Instrument, Role, Sector, SystemKind};
use strum::VariantArray;

use crate::assess::Reason;

/// One applicability rule, ready to match.
#[derive(Debug, Clone)]
pub struct CompiledRule {
    pub id: Arc<str>,
    pub title: Arc<str>,
    roles: u32,
    kinds: u32,
    sectors: u32,
    hooks: u32,
    pub from: Option<accord_atlas::PartialDate>,
    pub until: Option<accord_atlas::PartialDate>,
    /// Provision ids the rule brings in (all of the instrument's when the rule names none).
    pub provisions: Arc<[String]>,
    /// Positions of those provisions in the instrument's `provisions`.
    pub provision_indices: Arc<[usize]>,
    /// The rule in words, with its source.
    pub reason: Reason,
}

/// The parts of a profile that rules match against, as masks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ProfileMask {
    pub roles: u32,
    pub kinds: u32,
    pub sectors: u32,
}

impl ProfileMask {
    pub fn new(roles: &[Role], kinds: &[SystemKind], sectors: &[Sector]) -> Self {
        Self { roles: mask(roles), kinds: mask(kinds), sectors: mask(sectors) }
    }
}

/// Bit `i` is set when the `i`-th variant of the enumeration is present.
pub fn mask<T: VariantArray + PartialEq>(items: &[T]) -> u32 {
    T::VARIANTS.iter().enumerate().filter(|(_, v)| items.contains(v)).fold(0, |m, (i, _)| m | (1 << i))
}

impl CompiledRule {
    /// A rule matches when each of its non-empty lists meets the profile; `hooks` is `None` for the operator's
    /// own commitments, which do not depend on where the system is.
    /// True when the rule names operator roles (rather than reaching operators only through states).
    pub fn addresses_operators(&self) -> bool {
        self.roles != 0
    }

    pub fn matches(&self, profile: ProfileMask, hooks: Option<u32>) -> bool {
        let meets = |rule: u32, have: u32| rule == 0 || rule & have != 0;
        meets(self.roles, profile.roles)
            && meets(self.kinds, profile.kinds)
            && meets(self.sectors, profile.sectors)
            && hooks.is_none_or(|have| meets(self.hooks, have))
    }
}

/// The texts of a provision, shared by every obligation that cites it.
#[derive(Debug, Clone)]
pub struct ProvisionText {
    pub id: Arc<str>,
    /// `instrument#provision`.
    pub key: Arc<str>,
    pub title: Arc<str>,
    pub summary: Arc<str>,
    /// Positions of its topics in [`Compiled::topics`].
    pub topics: Vec<usize>,
    /// The first of its obligation slots (one per topic), numbered across the whole atlas.
    pub slot: usize,
}

/// A topic's id and name.
#[derive(Debug, Clone)]
pub struct TopicText {
    pub id: Arc<str>,
    pub name: Arc<str>,
}

/// Every instrument's rules and provision texts, by instrument index.
pub struct Compiled {
    pub rules: Vec<Vec<CompiledRule>>,
    pub ids: Vec<Arc<str>>,
    pub names: Vec<Arc<str>>,
    pub provisions: Vec<Vec<ProvisionText>>,
    pub topics: Vec<TopicText>,
    /// The number of (provision, topic) pairs in the atlas.
    pub slots: usize,
}

impl Compiled {
    pub fn new(atlas: &Atlas) -> Self {
        let instruments = atlas.instruments();
        let topics: Vec<TopicText> = atlas
            .topics()
            .iter()
            .map(|t| TopicText { id: Arc::from(t.id.as_str()), name: Arc::from(t.name.as_str()) })
            .collect();
        let topic_position = |id: &accord_atlas::TopicId| atlas.topics().iter().position(|t| &t.id == id);
        let mut slots = 0;
        let provisions = instruments
            .iter()
            .map(|i| {
                i.provisions
                    .iter()
                    .map(|p| {
                        let text = ProvisionText {
                            id: Arc::from(p.id.as_str()),
                            key: Arc::from(format!("{}#{}", i.id, p.id)),
                            title: Arc::from(p.title.as_str()),
                            summary: Arc::from(p.summary.as_str()),
                            topics: p.topics.iter().filter_map(topic_position).collect(),
                            slot: slots,
                        };
                        slots += text.topics.len();
                        text
                    })
                    .collect()
            })
            .collect();
        Self {
            rules: instruments.iter().map(compile_instrument).collect(),
            ids: instruments.iter().map(|i| Arc::from(i.id.as_str())).collect(),
            names: instruments.iter().map(|i| Arc::from(i.name.as_str())).collect(),
            provisions,
            topics,
            slots,
        }
    }
}

fn compile_instrument(instrument: &Instrument) -> Vec<CompiledRule> {
    effective_rules(instrument).iter().map(|rule| compile_rule(instrument, rule)).collect()
}

fn compile_rule(instrument: &Instrument, rule: &Applicability) -> CompiledRule {
    let indices: Vec<usize> = if rule.provisions.is_empty() {
        (0..instrument.provisions.len()).collect()
    } else {
        rule.provisions.iter().filter_map(|id| instrument.provisions.iter().position(|p| &p.id == id)).collect()
    };
    CompiledRule {
        id: Arc::from(rule.id.as_str()),
        title: Arc::from(rule.title.as_str()),
        roles: mask(&rule.roles),
        kinds: mask(&rule.system_kinds),
        sectors: mask(&rule.sectors),
        hooks: mask(&rule.hooks),
        from: rule.from,
        until: rule.until,
        provisions: indices.iter().map(|&i| instrument.provisions[i].id.to_string()).collect(),
        provision_indices: indices.into(),
        reason: Reason {
            text: Arc::from(rule_text(rule)),
            source: rule.source.as_ref().and_then(|s| instrument.source(s)).cloned().map(Arc::new),
        },
    }
}

/// The instrument's rules, or one rule derived from its scope when it declares none.
pub fn effective_rules(instrument: &Instrument) -> std::borrow::Cow<'_, [Applicability]> {
    if !instrument.applicability.is_empty() {
        return std::borrow::Cow::Borrowed(&instrument.applicability);
    }
    let mut roles: Vec<Role> = instrument.scope.addressees.iter().flat_map(|a| a.roles().iter().copied()).collect();
    roles.sort();
    roles.dedup();
    std::borrow::Cow::Owned(vec![Applicability {
        id: "scope".into(),
        title: format!("{} as a whole", instrument.label()),
        roles,
        system_kinds: instrument.scope.system_kinds.clone(),
        sectors: instrument.scope.sectors.clone(),
        hooks: Vec::new(),
        from: None,
        until: None,
        provisions: Vec::new(),
        source: None,
        note: None,
    }])
}

/// "Obligations of providers of general-purpose AI models: addresses provider; of general-purpose-model
/// systems; when placed-on-market; applies from 2025-08-02."
pub fn rule_text(rule: &Applicability) -> String {
    let join = |items: Vec<&str>| items.join(", ");
    let mut parts = Vec::new();
    if !rule.roles.is_empty() {
        parts.push(format!("addresses {}", join(rule.roles.iter().map(|r| r.as_str()).collect())));
    }
    if !rule.system_kinds.is_empty() {
        parts.push(format!("of {} systems", join(rule.system_kinds.iter().map(|k| k.as_str()).collect())));
    }
    if !rule.sectors.is_empty() {
        parts.push(format!("in {}", join(rule.sectors.iter().map(|s| s.as_str()).collect())));
    }
    if !rule.hooks.is_empty() {
        parts.push(format!("when {}", join(rule.hooks.iter().map(|h: &Hook| h.as_str()).collect())));
    }
    if let Some(from) = rule.from {
        parts.push(format!("applies from {from}"));
    }
    if let Some(until) = rule.until {
        parts.push(format!("until {until}"));
    }
    if parts.is_empty() {
        format!("{}: applies to any AI system.", rule.title)
    } else {
        format!("{}: {}.", rule.title, parts.join("; "))
    }
}
