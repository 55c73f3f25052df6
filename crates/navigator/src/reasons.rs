//! The sentences that explain why an instrument reaches a system, each tied to the record behind it.

use std::collections::HashMap;
use std::sync::Arc;

use accord_atlas::model::{Hook, Instrument, PartyStatus, RelationKind};
use accord_atlas::{Atlas, CountryCode, LegalEffect, PartyRef, ResolvedParty};

use crate::assess::Reason;

fn reason(text: String, source: Option<&accord_atlas::model::Source>) -> Reason {
    Reason { text: Arc::from(text), source: source.cloned().map(Arc::new) }
}

/// How the system touches the jurisdiction.
pub fn presence(code: CountryCode, hooks: &[Hook]) -> Reason {
    let how: Vec<&str> = hooks.iter().map(|h| hook_phrase(*h)).collect();
    let text = if how.is_empty() {
        format!("Data of the system flows to or from {}.", code.name())
    } else {
        format!("The system is {} {}.", how.join(", "), code.name())
    };
    reason(text, None)
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
pub fn party(atlas: &Atlas, instrument: &Instrument, code: CountryCode, party: &ResolvedParty) -> Vec<Reason> {
    let label = instrument.label();
    let Some(body_id) = &party.via else {
        let text = format!("{} {} {} on {}.", code.name(), status_phrase(party.status), label, party.date);
        return vec![reason(text, party.source.as_ref())];
    };
    let body = atlas.body(body_id);
    let body_label = body.map_or(body_id.as_str(), |b| b.label());
    let joined = body
        .and_then(|b| b.members_on(party.date).find(|m| m.member == party.party))
        .or_else(|| body.and_then(|b| b.members.iter().find(|m| m.member == party.party)))
        .map(|m| m.joined);
    let since = joined.map(|d| format!(" since {d}")).unwrap_or_default();
    vec![
        reason(format!("{} is a member of {body_label}{since}.", code.name()), party.membership_source.as_ref()),
        reason(
            format!("{label} reaches the members of {body_label} ({} from {}).", party.status, party.date),
            party.source.as_ref(),
        ),
    ]
}

/// The framework an instrument is adopted under, where the jurisdiction is a party to it too
/// (a UN Regulation under the 1958 Agreement).
pub fn framework(
    atlas: &Atlas,
    parties: &[HashMap<PartyRef, ResolvedParty>],
    instrument: &Instrument,
    party: &PartyRef,
) -> Vec<Reason> {
    instrument
        .relations
        .iter()
        .filter(|r| matches!(r.kind, RelationKind::Implements | RelationKind::BuildsOn))
        .filter_map(|relation| {
            let index = atlas.instrument_index(&relation.target)?;
            let target = &atlas.instruments()[index];
            let via = parties[index].get(party).filter(|p| p.effect != LegalEffect::None)?;
            let route = via.via.as_ref().map(|b| format!(" through {b}")).unwrap_or_default();
            let verb = if relation.kind == RelationKind::Implements { "implements" } else { "builds on" };
            let text = format!(
                "{} {verb} {}, to which {} is a party{route} ({} {}).",
                instrument.label(),
                target.label(),
                via.name,
                via.status,
                via.date
            );
            Some(reason(text, via.source.as_ref()))
        })
        .collect()
}

pub fn status_phrase(status: PartyStatus) -> &'static str {
    use PartyStatus::*;
    match status {
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

/// The operator's own signature of a voluntary code.
pub fn operator_signature(instrument: &Instrument, party: &ResolvedParty) -> Reason {
    let text = format!(
        "The operator, {}, {} {} on {}.",
        party.name,
        status_phrase(party.status),
        instrument.label(),
        party.date
    );
    reason(text, party.source.as_ref())
}

pub fn operator_listed(instrument: &Instrument) -> Reason {
    reason(
        format!("The profile lists {} among the voluntary codes the operator subscribes to.", instrument.label()),
        None,
    )
}

pub fn proposal(instrument: &Instrument, proposed: Option<accord_atlas::PartialDate>) -> Reason {
    let event = instrument.events.iter().find(|e| e.kind == accord_atlas::model::EventKind::Proposed);
    let when = proposed.map(|d| format!(" made on {d}")).unwrap_or_default();
    reason(
        format!("{} is a proposal{when}, not law on this date.", instrument.label()),
        event.and_then(|e| e.source.as_ref()).and_then(|s| instrument.source(s)),
    )
}

pub fn if_adopted(rule: &Reason) -> Reason {
    Reason { text: Arc::from(format!("If adopted as proposed: {}", rule.text)), source: rule.source.clone() }
}
