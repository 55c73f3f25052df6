//! Matching a profile against the atlas: for each jurisdiction, the instruments that reach the system,
//! their legal effect there on the date, and the chain of records that makes them apply.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use accord_atlas::model::{Binding, EventKind, Hook, Instrument, Mechanism, Source};
use accord_atlas::{Atlas, CountryCode, LegalEffect, PartialDate, PartyRef, ResolvedParty};
use serde::Serialize;

use crate::compiled::{Compiled, CompiledRule, ProfileMask, mask};
use crate::profile::Checked;
use crate::reasons;
use crate::snapshot::Snapshot;

/// The legal effect of an instrument (or of one of its rules) for the system in one jurisdiction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Effect {
    /// Binding on the state and applicable to the operator on the date.
    BindingInForce,
    /// A binding rule of a sector regime (vehicles, aviation, medical devices) applicable on the date.
    SectorRule,
    /// Binding, but the part that reaches the system applies only from a later date (`applies_from`).
    BindingNotYetApplicable,
    /// The state signed a binding instrument but is not bound by it.
    SignedNotBound,
    /// A political commitment of the state (a declaration, principles it endorsed).
    PoliticalCommitment,
    /// Non-binding guidance of a government or regulator addressed to operators.
    Guidance,
    /// A voluntary commitment of the operator.
    Voluntary,
}

impl Effect {
    /// How demanding the effect is: used to pick the strictest requirement per topic.
    pub fn rank(self) -> u8 {
        match self {
            Self::BindingInForce | Self::SectorRule => 6,
            Self::BindingNotYetApplicable => 5,
            Self::SignedNotBound => 3,
            Self::PoliticalCommitment | Self::Guidance => 2,
            Self::Voluntary => 1,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::BindingInForce => "binding, in force",
            Self::SectorRule => "sector rule",
            Self::BindingNotYetApplicable => "binding, not yet applicable",
            Self::SignedNotBound => "signed, not bound",
            Self::PoliticalCommitment => "political commitment of the state",
            Self::Guidance => "government guidance",
            Self::Voluntary => "voluntary for the operator",
        }
    }
}

/// One record in the chain that makes an instrument reach the system.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Reason {
    pub text: Arc<str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Arc<Source>>,
}

/// One applicability rule that matched, with its own effect and date.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct RuleMatch {
    pub id: Arc<str>,
    pub title: Arc<str>,
    pub effect: Effect,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_from: Option<PartialDate>,
    /// The provisions the rule brings in.
    pub provisions: Arc<[String]>,
    #[serde(skip)]
    pub instrument: usize,
    /// Position of the rule among the instrument's compiled rules.
    #[serde(skip)]
    pub rule: usize,
    /// Whether the rule names operator roles; a state's commitment that does not is context, not a
    /// requirement of the operator.
    #[serde(skip)]
    pub addresses_operators: bool,
    #[serde(skip)]
    pub provision_indices: Arc<[usize]>,
}

/// An instrument that reaches the system in a jurisdiction (or through the operator's own commitment).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Finding {
    pub instrument: Arc<str>,
    pub name: Arc<str>,
    pub mechanism: Mechanism,
    pub binding: Binding,
    /// The strongest effect among the matched rules.
    pub effect: Effect,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_from: Option<PartialDate>,
    pub rules: Vec<RuleMatch>,
    pub reasons: Vec<Reason>,
}

/// A proposal (a bill, a draft) of a jurisdiction that would reach the system.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Proposal {
    pub instrument: Arc<str>,
    pub name: Arc<str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposed: Option<PartialDate>,
    pub reasons: Vec<Reason>,
}

/// The answer for one jurisdiction.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct JurisdictionAnswer {
    pub code: CountryCode,
    pub name: String,
    /// How the system touches the jurisdiction.
    pub presence: Vec<Hook>,
    /// Findings in layer order (treaty, multilateral, ..., standard).
    pub findings: Vec<Finding>,
    pub proposals: Vec<Proposal>,
}

/// The per-jurisdiction part of an assessment.
pub struct Footprint {
    pub answers: Vec<Arc<JurisdictionAnswer>>,
    pub operator_commitments: Vec<Finding>,
}

/// The system's jurisdictions with how it touches each.
pub fn presence(checked: &Checked) -> BTreeMap<CountryCode, BTreeSet<Hook>> {
    let mut map: BTreeMap<CountryCode, BTreeSet<Hook>> = BTreeMap::new();
    let mut add = |codes: &[CountryCode], hook: Hook| {
        for code in codes {
            map.entry(*code).or_default().insert(hook);
        }
    };
    add(&checked.offered_in, Hook::PlacedOnMarket);
    add(&checked.deployed_in, Hook::Deployed);
    add(&checked.developed_in, Hook::Developed);
    add(&[checked.established_in], Hook::Established);
    add(&checked.export_destinations, Hook::ImportedInto);
    if checked.output_used_in.is_empty() {
        let used: Vec<_> = checked.deployed_in.iter().chain(&checked.offered_in).copied().collect();
        add(&used, Hook::OutputUsed);
    } else {
        add(&checked.output_used_in, Hook::OutputUsed);
    }
    if !checked.export_destinations.is_empty() {
        let origins: Vec<_> = checked.developed_in.iter().chain([&checked.established_in]).copied().collect();
        add(&origins, Hook::ExportsFrom);
    }
    for (from, to) in &checked.data_flows {
        map.entry(*from).or_default();
        map.entry(*to).or_default();
    }
    map
}

/// Evaluates one profile in every jurisdiction of its footprint; `jurisdiction` answers one jurisdiction
/// (the navigator memoises it, since many systems share a kind, a role and a country).
pub fn evaluate(
    atlas: &Atlas,
    compiled: &Compiled,
    snapshot: &Snapshot,
    profile: ProfileMask,
    checked: &Checked,
    jurisdiction: impl Fn(CountryCode, &[Hook]) -> Arc<JurisdictionAnswer>,
) -> Footprint {
    let answers = presence(checked)
        .into_iter()
        .map(|(code, hooks)| {
            let hooks: Vec<Hook> = hooks.into_iter().collect();
            jurisdiction(code, &hooks)
        })
        .collect();
    Footprint { answers, operator_commitments: operator_commitments(atlas, compiled, snapshot, profile, checked) }
}

/// Evaluates the instruments of one jurisdiction: the unit the navigator's throughput is measured in.
pub fn evaluate_jurisdiction(
    atlas: &Atlas,
    compiled: &Compiled,
    snapshot: &Snapshot,
    profile: ProfileMask,
    code: CountryCode,
    hooks: &[Hook],
) -> JurisdictionAnswer {
    let hook_mask = mask(hooks);
    let state = snapshot.state(code);
    let presence = reasons::presence(code, hooks);
    let instruments = atlas.instruments();
    let mut findings = Vec::new();
    for entry in &state.entries {
        let instrument = &instruments[entry.instrument];
        let rules = matching_rules(
            instrument,
            entry.instrument,
            &compiled.rules[entry.instrument],
            profile,
            Some(hook_mask),
            &entry.party,
            snapshot.date,
        );
        if rules.is_empty() {
            continue;
        }
        let mut why = Vec::with_capacity(entry.reasons.len() + rules.len() + 1);
        why.push(presence.clone());
        why.extend(entry.reasons.iter().cloned());
        why.extend(rules.iter().map(|(rule, _)| rule.reason.clone()));
        findings.push(finding(
            instrument,
            compiled,
            entry.instrument,
            rules.into_iter().map(|(_, m)| m).collect(),
            why,
        ));
    }
    // Entries come in instrument order; a stable sort by layer keeps that order within each layer.
    findings.sort_by_key(|f| f.mechanism);
    let proposals = state
        .proposals
        .iter()
        .filter_map(|&index| {
            let instrument = &instruments[index];
            let rule = compiled.rules[index].iter().find(|r| r.matches(profile, Some(hook_mask)))?;
            let proposed = instrument.first_event(EventKind::Proposed);
            Some(Proposal {
                instrument: compiled.ids[index].clone(),
                name: compiled.names[index].clone(),
                proposed,
                reasons: vec![reasons::proposal(instrument, proposed), reasons::if_adopted(&rule.reason)],
            })
        })
        .collect();
    JurisdictionAnswer { code, name: code.name().to_owned(), presence: hooks.to_vec(), findings, proposals }
}

fn finding(
    instrument: &Instrument,
    compiled: &Compiled,
    index: usize,
    rules: Vec<RuleMatch>,
    reasons: Vec<Reason>,
) -> Finding {
    let strongest = rules.iter().min_by_key(|r| (std::cmp::Reverse(r.effect.rank()), r.effect)).expect("non-empty");
    Finding {
        instrument: compiled.ids[index].clone(),
        name: compiled.names[index].clone(),
        mechanism: instrument.mechanism,
        binding: instrument.binding,
        effect: strongest.effect,
        applies_from: strongest.applies_from,
        reasons,
        rules,
    }
}

/// Voluntary codes the operator subscribes to, by the profile or by its own signature in the atlas.
fn operator_commitments(
    atlas: &Atlas,
    compiled: &Compiled,
    snapshot: &Snapshot,
    profile: ProfileMask,
    checked: &Checked,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (index, instrument) in atlas.instruments().iter().enumerate() {
        if instrument.binding != Binding::Voluntary || instrument.mechanism == Mechanism::Standard {
            continue;
        }
        let signed = checked
            .operator
            .as_ref()
            .and_then(|op| snapshot.party(index, &PartyRef::Body(op.clone())))
            .filter(|p| p.effect != LegalEffect::None);
        let listed = checked.voluntary_codes.contains(&instrument.id);
        if signed.is_none() && !listed {
            continue;
        }
        let rules =
            matching_rules(instrument, index, &compiled.rules[index], profile, None, &voluntary(signed), snapshot.date);
        if rules.is_empty() {
            continue;
        }
        let mut why = Vec::new();
        if let Some(party) = signed {
            why.push(reasons::operator_signature(instrument, party));
        }
        if listed {
            why.push(reasons::operator_listed(instrument));
        }
        why.extend(rules.iter().map(|(rule, _)| rule.reason.clone()));
        out.push(finding(instrument, compiled, index, rules.into_iter().map(|(_, m)| m).collect(), why));
    }
    out
}

/// The operator's standing in a voluntary code: voluntary, whether it signed or the profile says so.
fn voluntary(signed: Option<&ResolvedParty>) -> ResolvedParty {
    let mut party = signed.cloned().unwrap_or_else(|| ResolvedParty {
        party: PartyRef::Invalid("operator".into()),
        name: "the operator".into(),
        status: accord_atlas::model::PartyStatus::Signed,
        date: PartialDate::today(),
        effective: None,
        how: accord_atlas::Route::Direct,
        via: None,
        effect: LegalEffect::Voluntary,
        source: None,
        membership_source: None,
        note: None,
    });
    party.effect = LegalEffect::Voluntary;
    party
}

fn matching_rules<'r>(
    instrument: &Instrument,
    index: usize,
    rules: &'r [CompiledRule],
    profile: ProfileMask,
    hooks: Option<u32>,
    party: &ResolvedParty,
    date: PartialDate,
) -> Vec<(&'r CompiledRule, RuleMatch)> {
    rules
        .iter()
        .enumerate()
        .filter(|(_, rule)| rule.matches(profile, hooks))
        .filter_map(|(position, rule)| {
            let (effect, applies_from) = rule_effect(instrument, rule, party, date)?;
            let matched = RuleMatch {
                id: rule.id.clone(),
                title: rule.title.clone(),
                effect,
                applies_from,
                provisions: rule.provisions.clone(),
                instrument: index,
                rule: position,
                addresses_operators: rule.addresses_operators(),
                provision_indices: rule.provision_indices.clone(),
            };
            Some((rule, matched))
        })
        .collect()
}

/// The effect of one rule for a party, or `None` when the rule has lapsed.
fn rule_effect(
    instrument: &Instrument,
    rule: &CompiledRule,
    party: &ResolvedParty,
    date: PartialDate,
) -> Option<(Effect, Option<PartialDate>)> {
    if rule.until.is_some_and(|until| until.is_on_or_before(date)) {
        return None;
    }
    let not_yet = rule.from.filter(|from| !from.is_on_or_before(date));
    let effect = match party.effect {
        LegalEffect::None => return None,
        LegalEffect::Bound if not_yet.is_some() => return Some((Effect::BindingNotYetApplicable, not_yet)),
        LegalEffect::Bound if instrument.mechanism == Mechanism::Sector => Effect::SectorRule,
        LegalEffect::Bound => Effect::BindingInForce,
        LegalEffect::Pending => {
            let from = party.effective.or(instrument.first_event(EventKind::EnteredIntoForce));
            return Some((Effect::BindingNotYetApplicable, not_yet.or(from.filter(|f| !f.is_on_or_before(date)))));
        }
        LegalEffect::SignedNotBound => Effect::SignedNotBound,
        LegalEffect::PoliticalCommitment
            if matches!(instrument.mechanism, Mechanism::Domestic | Mechanism::Sector | Mechanism::Standard) =>
        {
            Effect::Guidance
        }
        LegalEffect::PoliticalCommitment => Effect::PoliticalCommitment,
        LegalEffect::Voluntary => Effect::Voluntary,
    };
    Some((effect, None))
}
