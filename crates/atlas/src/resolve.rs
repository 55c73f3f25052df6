//! As-of resolution: who is party to an instrument on a date, how it got there and what that means.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::Atlas;
use crate::date::PartialDate;
use crate::ids::{BodyId, PartyRef};
use crate::model::{Binding, EventKind, Instrument, Membership, PartyStatus, Source};

/// The legal effect of an instrument for one party on one date.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, strum::IntoStaticStr, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum LegalEffect {
    /// Bound by a binding instrument in force for it.
    Bound,
    /// Consented to be bound, but the instrument is not yet in force for it.
    Pending,
    /// Signed a binding instrument without (yet) consenting to be bound.
    SignedNotBound,
    /// A state's (or a state union's) political commitment to a non-binding text.
    PoliticalCommitment,
    /// A voluntary commitment by a company or other non-state body.
    Voluntary,
    /// No effect: withdrawn, not signed, or the instrument is no longer in effect.
    None,
}

impl LegalEffect {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Where an instrument stands in its life on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Lifecycle {
    /// No event of the instrument has happened yet.
    NotYetAdopted,
    /// Proposed (a bill, a draft) and not adopted.
    Proposed,
    /// Adopted, published or launched (and, for a binding text, not yet in force).
    Adopted,
    OpenForSignature,
    InForce,
    Revoked,
    Superseded,
    Expired,
}

impl Lifecycle {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// True once the instrument has stopped having effect.
    pub fn has_ended(self) -> bool {
        matches!(self, Self::Revoked | Self::Superseded | Self::Expired)
    }
}

/// How a party came to be a party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Route {
    /// Its own act (signature, ratification, endorsement ...).
    Direct,
    /// Its membership of a body (`via`).
    Via,
}

/// One party of an instrument as of a date.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ResolvedParty {
    pub party: PartyRef,
    /// The country's or body's name.
    pub name: String,
    pub status: PartyStatus,
    pub date: PartialDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective: Option<PartialDate>,
    pub how: Route,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<BodyId>,
    pub effect: LegalEffect,
    /// The instrument's source for this party's record.
    pub source: Option<Source>,
    /// For a party by membership: the body's source for that membership.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub membership_source: Option<Source>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The stage an instrument has reached on `as_of`.
pub fn lifecycle(instrument: &Instrument, as_of: PartialDate) -> Lifecycle {
    let happened = |kind| instrument.events.iter().any(|e| e.kind == kind && e.date.is_on_or_before(as_of));
    if happened(EventKind::Revoked) {
        Lifecycle::Revoked
    } else if happened(EventKind::Superseded) {
        Lifecycle::Superseded
    } else if happened(EventKind::Expired) {
        Lifecycle::Expired
    } else if is_in_force(instrument, as_of) {
        Lifecycle::InForce
    } else if happened(EventKind::OpenedForSignature) {
        Lifecycle::OpenForSignature
    } else if instrument.events.iter().any(|e| e.kind != EventKind::Proposed && e.date.is_on_or_before(as_of)) {
        Lifecycle::Adopted
    } else if happened(EventKind::Proposed) {
        Lifecycle::Proposed
    } else {
        Lifecycle::NotYetAdopted
    }
}

/// A binding text is in force from its entry-into-force event; one with neither that nor an opening for
/// signature (an executive order, a regulation's own date) from its earliest event other than a proposal.
fn is_in_force(instrument: &Instrument, as_of: PartialDate) -> bool {
    if instrument.binding != Binding::Binding {
        return false;
    }
    match instrument.first_event(EventKind::EnteredIntoForce) {
        Some(date) => date.is_on_or_before(as_of),
        None => {
            instrument.first_event(EventKind::OpenedForSignature).is_none()
                && instrument.events.iter().any(|e| e.kind != EventKind::Proposed && e.date.is_on_or_before(as_of))
        }
    }
}

impl Atlas {
    /// Every party of `instrument` as of `as_of`, sorted: states by code, then bodies by id.
    pub fn parties_as_of(&self, instrument: &Instrument, as_of: PartialDate) -> Vec<ResolvedParty> {
        let mut parties: BTreeMap<PartyRef, ResolvedParty> = BTreeMap::new();
        for party in direct_parties(instrument, as_of) {
            parties.insert(party.party.clone(), party);
        }
        for party in self.parties_by_membership(instrument, as_of) {
            parties.entry(party.party.clone()).or_insert(party);
        }
        for party in self.parties_by_inheritance(instrument, &parties, as_of) {
            parties.entry(party.party.clone()).or_insert(party);
        }
        let stage = lifecycle(instrument, as_of);
        let mut resolved: Vec<ResolvedParty> = parties.into_values().collect();
        for party in &mut resolved {
            party.effect = self.effect(instrument, stage, party, as_of);
            party.name = self.party_name(&party.party).to_owned();
        }
        resolved.sort_by(|a, b| party_order(&a.party).cmp(&party_order(&b.party)));
        resolved
    }

    fn effect(
        &self,
        instrument: &Instrument,
        stage: Lifecycle,
        party: &ResolvedParty,
        as_of: PartialDate,
    ) -> LegalEffect {
        if party.status.is_outside() || stage.has_ended() || stage == Lifecycle::Proposed {
            return LegalEffect::None;
        }
        let state_like = match &party.party {
            PartyRef::Body(id) => self.body(id).is_some_and(|b| b.acts_as_party),
            _ => true,
        };
        match instrument.binding {
            Binding::Binding if party.status.is_consent_to_be_bound() => {
                let effective_for_party = party.effective.is_none_or(|d| d.is_on_or_before(as_of));
                if stage == Lifecycle::InForce && effective_for_party {
                    LegalEffect::Bound
                } else {
                    LegalEffect::Pending
                }
            }
            Binding::Binding => LegalEffect::SignedNotBound,
            Binding::NonBinding | Binding::Voluntary if state_like => LegalEffect::PoliticalCommitment,
            Binding::NonBinding | Binding::Voluntary => LegalEffect::Voluntary,
        }
    }

    fn parties_by_membership(&self, instrument: &Instrument, as_of: PartialDate) -> Vec<ResolvedParty> {
        let mut out = Vec::new();
        for set in &instrument.party_sets {
            let Some(body) = self.body(&set.members_of) else { continue };
            let Some(applies_from) = set.date.or(set.at) else { continue };
            if !applies_from.is_on_or_before(as_of) {
                continue;
            }
            let membership_date = set.at.unwrap_or(as_of);
            for member in unique_members(body.members_on(membership_date)) {
                if set.except.contains(&member.member) {
                    continue;
                }
                let date = if set.at.is_some() { applies_from } else { applies_from.max(member.joined) };
                out.push(ResolvedParty {
                    party: member.member.clone(),
                    name: String::new(),
                    status: set.status,
                    date,
                    effective: None,
                    how: Route::Via,
                    via: Some(body.id.clone()),
                    effect: LegalEffect::None,
                    source: set.source.as_ref().and_then(|s| instrument.source(s)).cloned(),
                    membership_source: member
                        .source
                        .as_ref()
                        .and_then(|s| body.sources.iter().find(|b| &b.id == s))
                        .cloned(),
                    note: set.note.clone(),
                });
            }
        }
        out
    }

    /// Binding agreements concluded by a body such as the EU bind its members for the dates of their membership.
    fn parties_by_inheritance(
        &self,
        instrument: &Instrument,
        parties: &BTreeMap<PartyRef, ResolvedParty>,
        as_of: PartialDate,
    ) -> Vec<ResolvedParty> {
        if instrument.binding != Binding::Binding {
            return Vec::new();
        }
        let mut out = Vec::new();
        for party in parties.values().filter(|p| p.status.is_consent_to_be_bound()) {
            let PartyRef::Body(id) = &party.party else { continue };
            let Some(body) = self.body(id).filter(|b| b.binds_members) else { continue };
            for member in unique_members(body.members_on(as_of)) {
                out.push(ResolvedParty {
                    party: member.member.clone(),
                    name: String::new(),
                    status: party.status,
                    date: party.date.max(member.joined),
                    effective: party.effective.map(|e| e.max(member.joined)),
                    how: Route::Via,
                    via: Some(body.id.clone()),
                    effect: LegalEffect::None,
                    source: party.source.clone(),
                    membership_source: member
                        .source
                        .as_ref()
                        .and_then(|s| body.sources.iter().find(|b| &b.id == s))
                        .cloned(),
                    note: Some(format!("bound through {} membership", body.label())),
                });
            }
        }
        out
    }
}

/// A party's own acts up to `as_of`: the latest one stands.
fn direct_parties(instrument: &Instrument, as_of: PartialDate) -> Vec<ResolvedParty> {
    let mut latest: BTreeMap<&PartyRef, &crate::model::PartyRecord> = BTreeMap::new();
    for record in instrument.parties.iter().filter(|r| r.date.is_on_or_before(as_of)) {
        let replace = latest.get(&record.party).is_none_or(|current| {
            (record.date, status_rank(record.status)) >= (current.date, status_rank(current.status))
        });
        if replace {
            latest.insert(&record.party, record);
        }
    }
    latest
        .into_values()
        .map(|record| ResolvedParty {
            party: record.party.clone(),
            name: String::new(),
            status: record.status,
            date: record.date,
            effective: record.effective,
            how: Route::Direct,
            via: None,
            effect: LegalEffect::None,
            source: record.source.as_ref().and_then(|s| instrument.source(s)).cloned(),
            membership_source: None,
            note: record.note.clone(),
        })
        .collect()
}

/// On the same day, a later step of the same party outranks an earlier one.
fn status_rank(status: PartyStatus) -> u8 {
    match status {
        PartyStatus::NotSigned => 0,
        PartyStatus::Signed => 1,
        PartyStatus::Withdrawn => 3,
        _ => 2,
    }
}

fn unique_members<'a>(members: impl Iterator<Item = &'a Membership>) -> Vec<&'a Membership> {
    let mut seen = std::collections::HashSet::new();
    members.filter(|m| seen.insert(&m.member)).collect()
}

fn party_order(party: &PartyRef) -> (u8, &str) {
    match party {
        PartyRef::State(code) => (0, code.as_str()),
        PartyRef::Body(id) => (1, id.as_str()),
        PartyRef::Invalid(text) => (2, text.as_str()),
    }
}
