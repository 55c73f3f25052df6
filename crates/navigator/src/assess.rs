//! Matching a profile against the atlas: for each jurisdiction, the instruments that reach the system,
//! their legal effect there on the date, and the chain of records that makes them apply.

use std::collections::{BTreeMap, BTreeSet};

use accord_atlas::model::{Applicability, Binding, Hook, Instrument, Mechanism, Role, Sector, Source, SystemKind};
use accord_atlas::{Atlas, CountryCode, InstrumentId, LegalEffect, Lifecycle, PartialDate, PartyRef, ResolvedParty};
use serde::Serialize;

use crate::profile::{Checked, Profile};
use crate::snapshot::Snapshot;

/// The legal effect of an instrument (or of one of its rules) for the system in one jurisdiction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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
#[derive(Debug, Clone, Serialize)]
pub struct Reason {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// One applicability rule that matched, with its own effect and date.
#[derive(Debug, Clone, Serialize)]
pub struct RuleMatch {
    pub id: String,
    pub title: String,
    pub effect: Effect,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_from: Option<PartialDate>,
    /// The provisions the rule brings in.
    pub provisions: Vec<String>,
}

/// An instrument that reaches the system in a jurisdiction (or through the operator's own commitment).
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub instrument: InstrumentId,
    pub name: String,
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
#[derive(Debug, Clone, Serialize)]
pub struct Proposal {
    pub instrument: InstrumentId,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposed: Option<PartialDate>,
    pub reasons: Vec<Reason>,
}

/// The answer for one jurisdiction.
#[derive(Debug, Clone, Serialize)]
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
    pub answers: Vec<JurisdictionAnswer>,
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

/// Evaluates one profile against every instrument in every jurisdiction of its footprint.
pub fn evaluate(atlas: &Atlas, snapshot: &Snapshot, profile: &Profile, checked: &Checked) -> Footprint {
    let answers = presence(checked)
        .into_iter()
        .map(|(code, hooks)| evaluate_jurisdiction(atlas, snapshot, profile, code, &hooks))
        .collect();
    Footprint { answers, operator_commitments: operator_commitments(atlas, snapshot, profile, checked) }
}

/// Evaluates the instruments of one jurisdiction: the unit the navigator's throughput is measured in.
pub fn evaluate_jurisdiction(
    atlas: &Atlas,
    snapshot: &Snapshot,
    profile: &Profile,
    code: CountryCode,
    hooks: &BTreeSet<Hook>,
) -> JurisdictionAnswer {
    let party = PartyRef::State(code);
    let mut findings = Vec::new();
    let mut proposals = Vec::new();
    for (index, instrument) in atlas.instruments().iter().enumerate() {
        if snapshot.lifecycle(index) == Lifecycle::Proposed {
            if let Some(proposal) = proposal(atlas, instrument, profile, &party, hooks) {
                proposals.push(proposal);
            }
            continue;
        }
        let Some(resolved) = snapshot.party(index, &party) else { continue };
        if resolved.effect == LegalEffect::None {
            continue;
        }
        let rules = matching_rules(instrument, profile, Some(hooks), resolved, snapshot.date);
        if rules.is_empty() {
            continue;
        }
        let mut reasons = vec![presence_reason(code, hooks)];
        reasons.extend(party_reasons(atlas, instrument, code, resolved));
        reasons.extend(framework_reasons(atlas, snapshot, instrument, &party));
        reasons.extend(
            rules.iter().map(|(rule, _)| Reason { text: rule_text(rule), source: rule_source(instrument, rule) }),
        );
        findings.push(finding(instrument, rules.into_iter().map(|(_, m)| m).collect(), reasons));
    }
    findings.sort_by(|a, b| (a.mechanism, &a.name).cmp(&(b.mechanism, &b.name)));
    JurisdictionAnswer {
        code,
        name: code.name().to_owned(),
        presence: hooks.iter().copied().collect(),
        findings,
        proposals,
    }
}

fn finding(instrument: &Instrument, rules: Vec<RuleMatch>, reasons: Vec<Reason>) -> Finding {
    let strongest = rules.iter().min_by_key(|r| (std::cmp::Reverse(r.effect.rank()), r.effect)).expect("non-empty");
    Finding {
        instrument: instrument.id.clone(),
        name: instrument.name.clone(),
        mechanism: instrument.mechanism,
        binding: instrument.binding,
        effect: strongest.effect,
        applies_from: strongest.applies_from,
        reasons,
        rules,
    }
}

/// Voluntary codes the operator subscribes to, by the profile or by its own signature in the atlas.
fn operator_commitments(atlas: &Atlas, snapshot: &Snapshot, profile: &Profile, checked: &Checked) -> Vec<Finding> {
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
        let stand_in = ResolvedParty {
            effect: LegalEffect::Voluntary,
            ..signed.cloned().unwrap_or_else(|| voluntary_party(snapshot.date))
        };
        let rules = matching_rules(instrument, profile, None, &stand_in, snapshot.date);
        if rules.is_empty() {
            continue;
        }
        let mut reasons = Vec::new();
        if let Some(p) = signed {
            reasons.push(Reason {
                text: format!("The operator, {}, {} {} on {}.", p.name, p.status, instrument.label(), p.date),
                source: p.source.clone(),
            });
        }
        if listed {
            reasons.push(Reason {
                text: format!(
                    "The profile lists {} among the voluntary codes the operator subscribes to.",
                    instrument.label()
                ),
                source: None,
            });
        }
        reasons.extend(
            rules.iter().map(|(rule, _)| Reason { text: rule_text(rule), source: rule_source(instrument, rule) }),
        );
        out.push(finding(instrument, rules.into_iter().map(|(_, m)| m).collect(), reasons));
    }
    out
}

fn voluntary_party(date: PartialDate) -> ResolvedParty {
    ResolvedParty {
        party: PartyRef::Invalid("operator".into()),
        name: "the operator".into(),
        status: accord_atlas::model::PartyStatus::Signed,
        date,
        effective: None,
        how: accord_atlas::Route::Direct,
        via: None,
        effect: LegalEffect::Voluntary,
        source: None,
        membership_source: None,
        note: None,
    }
}

fn proposal(
    atlas: &Atlas,
    instrument: &Instrument,
    profile: &Profile,
    party: &PartyRef,
    hooks: &BTreeSet<Hook>,
) -> Option<Proposal> {
    let jurisdiction = instrument.jurisdiction.as_ref()?;
    let in_scope = jurisdiction == party
        || matches!(jurisdiction, PartyRef::Body(body) if atlas.body(body).is_some_and(|b| b.members.iter().any(|m| &m.member == party && m.left.is_none())));
    if !in_scope {
        return None;
    }
    let rules = effective_rules(instrument);
    let rule = rules.iter().find(|r| rule_matches(r, profile, Some(hooks)))?;
    let proposed = instrument.first_event(accord_atlas::model::EventKind::Proposed);
    let source = proposed.and_then(|_| {
        let event = instrument.events.iter().find(|e| e.kind == accord_atlas::model::EventKind::Proposed)?;
        event.source.as_ref().and_then(|s| instrument.source(s)).cloned()
    });
    Some(Proposal {
        instrument: instrument.id.clone(),
        name: instrument.name.clone(),
        proposed,
        reasons: vec![
            Reason {
                text: format!(
                    "{} is a proposal{}, not law on this date.",
                    instrument.label(),
                    proposed.map(|d| format!(" made on {d}")).unwrap_or_default()
                ),
                source,
            },
            Reason {
                text: format!("If adopted as proposed: {}", rule_text(rule)),
                source: rule_source(instrument, rule),
            },
        ],
    })
}

/// The instrument's rules, or one rule derived from its scope when it declares none.
pub fn effective_rules(instrument: &Instrument) -> std::borrow::Cow<'_, [Applicability]> {
    if !instrument.applicability.is_empty() {
        return std::borrow::Cow::Borrowed(&instrument.applicability);
    }
    let roles: BTreeSet<Role> = instrument.scope.addressees.iter().flat_map(|a| a.roles().iter().copied()).collect();
    std::borrow::Cow::Owned(vec![Applicability {
        id: "scope".into(),
        title: format!("{} as a whole", instrument.label()),
        roles: roles.into_iter().collect(),
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

fn matching_rules(
    instrument: &Instrument,
    profile: &Profile,
    hooks: Option<&BTreeSet<Hook>>,
    party: &ResolvedParty,
    date: PartialDate,
) -> Vec<(Applicability, RuleMatch)> {
    effective_rules(instrument)
        .iter()
        .filter(|rule| rule_matches(rule, profile, hooks))
        .filter_map(|rule| {
            let (effect, applies_from) = rule_effect(instrument, rule, party, date)?;
            let provisions = if rule.provisions.is_empty() {
                instrument.provisions.iter().map(|p| p.id.to_string()).collect()
            } else {
                rule.provisions.iter().map(|p| p.to_string()).collect()
            };
            let matched =
                RuleMatch { id: rule.id.clone(), title: rule.title.clone(), effect, applies_from, provisions };
            Some((rule.clone(), matched))
        })
        .collect()
}

fn rule_matches(rule: &Applicability, profile: &Profile, hooks: Option<&BTreeSet<Hook>>) -> bool {
    fn overlaps<T: PartialEq>(wanted: &[T], have: &[T]) -> bool {
        wanted.is_empty() || wanted.iter().any(|w| have.contains(w))
    }
    overlaps(&rule.roles, &profile.roles)
        && overlaps::<SystemKind>(&rule.system_kinds, &profile.kinds)
        && overlaps::<Sector>(&rule.sectors, &profile.sectors)
        && hooks.is_none_or(|have| rule.hooks.is_empty() || rule.hooks.iter().any(|h| have.contains(h)))
}

/// The effect of one rule for a party, or `None` when the rule has lapsed.
fn rule_effect(
    instrument: &Instrument,
    rule: &Applicability,
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
            let from = party.effective.or(instrument.first_event(accord_atlas::model::EventKind::EnteredIntoForce));
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

fn presence_reason(code: CountryCode, hooks: &BTreeSet<Hook>) -> Reason {
    let how: Vec<&str> = hooks.iter().map(|h| hook_phrase(*h)).collect();
    let text = if how.is_empty() {
        format!("Data of the system flows to or from {}.", code.name())
    } else {
        format!("The system is {} {}.", how.join(", "), code.name())
    };
    Reason { text, source: None }
}

fn hook_phrase(hook: Hook) -> &'static str {
    match hook {
        Hook::PlacedOnMarket => "offered in",
        Hook::Deployed => "deployed in",
        Hook::OutputUsed => "used (its output) in",
        Hook::Established => "operated by an operator established in",
        Hook::Developed => "developed in",
        Hook::ExportsFrom => "exported from",
        Hook::ImportedInto => "exported to",
    }
}

/// How the jurisdiction came to be a party: its own act, or its membership of a body.
fn party_reasons(atlas: &Atlas, instrument: &Instrument, code: CountryCode, party: &ResolvedParty) -> Vec<Reason> {
    let label = instrument.label();
    match &party.via {
        None => vec![Reason {
            text: format!("{} {} {} on {}.", code.name(), status_phrase(party), label, party.date),
            source: party.source.clone(),
        }],
        Some(body_id) => {
            let body = atlas.body(body_id);
            let body_label = body.map_or(body_id.as_str(), |b| b.label());
            let joined = body
                .and_then(|b| b.members_on(party.date).find(|m| m.member == party.party))
                .or_else(|| body.and_then(|b| b.members.iter().find(|m| m.member == party.party)))
                .map(|m| m.joined);
            let mut reasons = vec![Reason {
                text: format!(
                    "{} is a member of {}{}.",
                    code.name(),
                    body_label,
                    joined.map(|d| format!(" since {d}")).unwrap_or_default()
                ),
                source: party.membership_source.clone(),
            }];
            reasons.push(Reason {
                text: format!("{label} reaches the members of {body_label} ({} from {}).", party.status, party.date),
                source: party.source.clone(),
            });
            reasons
        }
    }
}

/// The framework an instrument is adopted under, where the jurisdiction is party to it too
/// (a UN Regulation under the 1958 Agreement).
fn framework_reasons(atlas: &Atlas, snapshot: &Snapshot, instrument: &Instrument, party: &PartyRef) -> Vec<Reason> {
    use accord_atlas::model::RelationKind;
    instrument
        .relations
        .iter()
        .filter(|r| matches!(r.kind, RelationKind::Implements | RelationKind::BuildsOn))
        .filter_map(|relation| {
            let index = atlas.instrument_index(&relation.target)?;
            let target = &atlas.instruments()[index];
            let via = snapshot.party(index, party).filter(|p| p.effect != LegalEffect::None)?;
            let route = via.via.as_ref().map(|b| format!(" through {b}")).unwrap_or_default();
            Some(Reason {
                text: format!(
                    "{} {} {}, to which {} is a party{route} ({} {}).",
                    instrument.label(),
                    if relation.kind == RelationKind::Implements { "implements" } else { "builds on" },
                    target.label(),
                    via.name,
                    via.status,
                    via.date
                ),
                source: via.source.clone(),
            })
        })
        .collect()
}

fn status_phrase(party: &ResolvedParty) -> &'static str {
    use accord_atlas::model::PartyStatus::*;
    match party.status {
        Signed => "signed",
        Ratified => "ratified",
        Approved => "approved",
        Accepted => "accepted",
        Acceded => "acceded to",
        Adopted => "adopted",
        Endorsed => "endorsed",
        Adhered => "adhered to",
        Joined => "joined",
        Applies => "has applied",
        Withdrawn => "withdrew from",
        NotSigned => "did not sign",
    }
}

/// "Obligations of providers of general-purpose AI models: providers of general-purpose-model systems
/// placed on the market; applies from 2025-08-02."
fn rule_text(rule: &Applicability) -> String {
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
        parts.push(format!("when {}", join(rule.hooks.iter().map(|h| h.as_str()).collect())));
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

fn rule_source(instrument: &Instrument, rule: &Applicability) -> Option<Source> {
    rule.source.as_ref().and_then(|s| instrument.source(s)).cloned()
}
