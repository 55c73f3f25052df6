//! Read-only queries over the atlas that the CLI and the HTTP API share. Their results serialise to the
//! documented, stable JSON shapes.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::Atlas;
use crate::date::PartialDate;
use crate::ids::{BodyId, CountryCode, InstrumentId, PartyRef, TopicId};
use crate::model::{Binding, Body, BodyKind, EventKind, Form, Instrument, Mechanism, MemberRole, PartyStatus, Source};
use crate::resolve::{LegalEffect, Lifecycle, ResolvedParty, Route, lifecycle};

/// Filters for listing instruments; all given filters must hold.
#[derive(Debug, Clone, Default)]
pub struct InstrumentFilter {
    pub mechanism: Option<Mechanism>,
    pub binding: Option<Binding>,
    /// A party on the as-of date (with any effect other than none).
    pub party: Option<PartyRef>,
    /// Adopted by this body, or with this body as a party.
    pub body: Option<BodyId>,
    pub topic: Option<TopicId>,
    /// Case-insensitive text in the id, names, aliases or summary.
    pub search: Option<String>,
}

/// The key dates of an instrument.
#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
pub struct KeyDates {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adopted: Option<PartialDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opened_for_signature: Option<PartialDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entered_into_force: Option<PartialDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revoked: Option<PartialDate>,
}

impl KeyDates {
    fn of(instrument: &Instrument) -> Self {
        Self {
            adopted: instrument
                .first_event(EventKind::Adopted)
                .or_else(|| instrument.first_event(EventKind::Signed))
                .or_else(|| instrument.first_event(EventKind::Published))
                .or_else(|| instrument.first_event(EventKind::Launched)),
            opened_for_signature: instrument.first_event(EventKind::OpenedForSignature),
            entered_into_force: instrument.first_event(EventKind::EnteredIntoForce),
            revoked: instrument.first_event(EventKind::Revoked),
        }
    }
}

/// One line of the instrument list.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct InstrumentSummary {
    pub id: InstrumentId,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    pub mechanism: Mechanism,
    pub form: Form,
    pub binding: Binding,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<BodyId>,
    pub lifecycle: Lifecycle,
    pub dates: KeyDates,
    /// Parties with an effect other than none on the as-of date.
    pub party_count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub sources: Vec<Source>,
}

/// The instrument list as of a date.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct InstrumentList {
    pub as_of: PartialDate,
    pub count: usize,
    pub instruments: Vec<InstrumentSummary>,
}

/// One instrument with its parties resolved as of a date.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct InstrumentDetail {
    pub as_of: PartialDate,
    pub lifecycle: Lifecycle,
    pub dates: KeyDates,
    /// Data file the record is read from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub instrument: Instrument,
    pub parties: Vec<ResolvedParty>,
}

/// A member of a body on a date.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct MemberView {
    pub member: PartyRef,
    pub name: String,
    pub joined: PartialDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left: Option<PartialDate>,
    pub role: MemberRole,
    pub source: Option<Source>,
}

/// One body with its members as of a date and the instruments it adopted.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct BodyDetail {
    pub as_of: PartialDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub body: Body,
    pub members_as_of: Vec<MemberView>,
    pub instruments: Vec<InstrumentId>,
}

/// One line of the body list.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct BodySummary {
    pub id: BodyId,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    pub kind: BodyKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub established: Option<PartialDate>,
    pub member_count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub sources: Vec<Source>,
}

/// The body list as of a date.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct BodyList {
    pub as_of: PartialDate,
    pub count: usize,
    pub bodies: Vec<BodySummary>,
}

/// A country's membership of a body.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CountryMembership {
    pub body: BodyId,
    pub name: String,
    pub kind: BodyKind,
    pub joined: PartialDate,
    pub role: MemberRole,
    pub source: Option<Source>,
}

/// A country's standing in one instrument.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CountryInstrument {
    pub id: InstrumentId,
    pub name: String,
    pub mechanism: Mechanism,
    pub binding: Binding,
    pub lifecycle: Lifecycle,
    pub status: PartyStatus,
    pub date: PartialDate,
    pub how: Route,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<BodyId>,
    pub effect: LegalEffect,
    pub source: Option<Source>,
}

/// One line of the country list.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CountrySummary {
    pub code: CountryCode,
    pub name: String,
    /// Instruments the country is party to on the date (withdrawn and not signed do not count).
    pub instruments: usize,
    /// Bodies the country is a member of on the date.
    pub memberships: usize,
}

/// Every country and territory ISO 3166-1 assigns a code to, by name, as of a date.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CountryList {
    pub as_of: PartialDate,
    pub count: usize,
    pub countries: Vec<CountrySummary>,
}

/// A country's memberships and instruments, by layer, as of a date.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CountryProfile {
    pub as_of: PartialDate,
    pub code: CountryCode,
    pub name: String,
    pub memberships: Vec<CountryMembership>,
    /// Instruments in layer order (treaty, multilateral, ..., standard), then by name.
    pub instruments: Vec<CountryInstrument>,
}

impl Atlas {
    /// Instruments matching `filter`, as of `as_of`, sorted by layer then name.
    pub fn list_instruments(&self, filter: &InstrumentFilter, as_of: PartialDate) -> InstrumentList {
        let needle = filter.search.as_ref().map(|s| s.to_lowercase());
        let mut instruments: Vec<InstrumentSummary> = self
            .instruments()
            .iter()
            .filter(|i| filter.mechanism.is_none_or(|m| i.mechanism == m))
            .filter(|i| filter.binding.is_none_or(|b| i.binding == b))
            .filter(|i| filter.topic.as_ref().is_none_or(|t| i.provisions.iter().any(|p| p.topics.contains(t))))
            .filter(|i| needle.as_deref().is_none_or(|n| matches_text(i, n)))
            .filter_map(|i| {
                let parties = self.parties_as_of(i, as_of);
                let active = |p: &&ResolvedParty| p.effect != LegalEffect::None;
                if let Some(party) = &filter.party
                    && !parties.iter().filter(active).any(|p| &p.party == party)
                {
                    return None;
                }
                if let Some(body) = &filter.body {
                    let as_party = PartyRef::Body(body.clone());
                    let adopted_by = i.body.as_ref() == Some(body);
                    if !adopted_by && !parties.iter().filter(active).any(|p| p.party == as_party) {
                        return None;
                    }
                }
                Some(self.summary(i, as_of, parties.iter().filter(active).count()))
            })
            .collect();
        instruments.sort_by(|a, b| (a.mechanism, &a.name).cmp(&(b.mechanism, &b.name)));
        InstrumentList { as_of, count: instruments.len(), instruments }
    }

    fn summary(&self, instrument: &Instrument, as_of: PartialDate, party_count: usize) -> InstrumentSummary {
        InstrumentSummary {
            id: instrument.id.clone(),
            name: instrument.name.clone(),
            short_name: instrument.short_name.clone(),
            mechanism: instrument.mechanism,
            form: instrument.form,
            binding: instrument.binding,
            body: instrument.body.clone(),
            lifecycle: lifecycle(instrument, as_of),
            dates: KeyDates::of(instrument),
            party_count,
            url: instrument.url.clone(),
            sources: instrument.sources.clone(),
        }
    }

    /// One instrument with its parties as of `as_of`.
    pub fn instrument_detail(&self, id: &InstrumentId, as_of: PartialDate) -> Option<InstrumentDetail> {
        let instrument = self.instrument(id)?;
        Some(InstrumentDetail {
            as_of,
            lifecycle: lifecycle(instrument, as_of),
            dates: KeyDates::of(instrument),
            file: self.file_of(id.as_str()).map(|f| f.to_owned()),
            instrument: instrument.clone(),
            parties: self.parties_as_of(instrument, as_of),
        })
    }

    /// One body with its members as of `as_of`.
    pub fn body_detail(&self, id: &BodyId, as_of: PartialDate) -> Option<BodyDetail> {
        let body = self.body(id)?;
        let members_as_of = body.members_on(as_of).map(|m| self.member_view(body, m)).collect();
        let instruments =
            self.instruments().iter().filter(|i| i.body.as_ref() == Some(id)).map(|i| i.id.clone()).collect();
        Some(BodyDetail {
            as_of,
            file: self.file_of(id.as_str()).map(|f| f.to_owned()),
            body: body.clone(),
            members_as_of,
            instruments,
        })
    }

    fn member_view(&self, body: &Body, m: &crate::model::Membership) -> MemberView {
        MemberView {
            member: m.member.clone(),
            name: self.party_name(&m.member).to_owned(),
            joined: m.joined,
            left: m.left,
            role: m.role,
            source: m.source.as_ref().and_then(|s| body.sources.iter().find(|b| &b.id == s)).cloned(),
        }
    }

    /// Every body, optionally of one kind, with its member count as of `as_of`.
    pub fn list_bodies(&self, kind: Option<BodyKind>, as_of: PartialDate) -> BodyList {
        let bodies: Vec<BodySummary> = self
            .bodies()
            .iter()
            .filter(|b| kind.is_none_or(|k| b.kind == k))
            .map(|b| BodySummary {
                id: b.id.clone(),
                name: b.name.clone(),
                short_name: b.short_name.clone(),
                kind: b.kind,
                established: b.established,
                member_count: b.members_on(as_of).count(),
                url: b.url.clone(),
                sources: b.sources.clone(),
            })
            .collect();
        BodyList { as_of, count: bodies.len(), bodies }
    }

    /// Every country with how many instruments it is party to and bodies it belongs to on `as_of`.
    pub fn list_countries(&self, as_of: PartialDate) -> CountryList {
        let mut instruments: BTreeMap<CountryCode, usize> = BTreeMap::new();
        for instrument in self.instruments() {
            for party in self.parties_as_of(instrument, as_of) {
                if let (Some(code), true) = (party.party.state(), party.effect != LegalEffect::None) {
                    *instruments.entry(code).or_default() += 1;
                }
            }
        }
        let mut memberships: BTreeMap<CountryCode, usize> = BTreeMap::new();
        for body in self.bodies() {
            let states: BTreeSet<CountryCode> = body.members_on(as_of).filter_map(|m| m.member.state()).collect();
            for code in states {
                *memberships.entry(code).or_default() += 1;
            }
        }
        let mut countries: Vec<CountrySummary> = CountryCode::all()
            .map(|code| CountrySummary {
                code,
                name: code.name().to_owned(),
                instruments: instruments.get(&code).copied().unwrap_or(0),
                memberships: memberships.get(&code).copied().unwrap_or(0),
            })
            .collect();
        countries.sort_by(|a, b| a.name.cmp(&b.name));
        CountryList { as_of, count: countries.len(), countries }
    }

    /// A country's memberships and instruments as of `as_of`.
    pub fn country_profile(&self, code: CountryCode, as_of: PartialDate) -> CountryProfile {
        let party = PartyRef::State(code);
        let mut memberships: Vec<CountryMembership> = self
            .memberships_of(&party, as_of)
            .map(|(body, m)| CountryMembership {
                body: body.id.clone(),
                name: body.name.clone(),
                kind: body.kind,
                joined: m.joined,
                role: m.role,
                source: m.source.as_ref().and_then(|s| body.sources.iter().find(|b| &b.id == s)).cloned(),
            })
            .collect();
        memberships.sort_by(|a, b| a.name.cmp(&b.name));
        let mut instruments: Vec<CountryInstrument> = self
            .instruments()
            .iter()
            .filter_map(|i| {
                let p = self.parties_as_of(i, as_of).into_iter().find(|p| p.party == party)?;
                // A notable non-signature is part of the instrument's record, not of the country's.
                if p.status == PartyStatus::NotSigned {
                    return None;
                }
                Some(CountryInstrument {
                    id: i.id.clone(),
                    name: i.name.clone(),
                    mechanism: i.mechanism,
                    binding: i.binding,
                    lifecycle: lifecycle(i, as_of),
                    status: p.status,
                    date: p.date,
                    how: p.how,
                    via: p.via,
                    effect: p.effect,
                    source: p.source,
                })
            })
            .collect();
        instruments.sort_by(|a, b| (a.mechanism, &a.name).cmp(&(b.mechanism, &b.name)));
        CountryProfile { as_of, code, name: code.name().to_owned(), memberships, instruments }
    }
}

fn matches_text(instrument: &Instrument, needle: &str) -> bool {
    let hay = [instrument.id.as_str(), &instrument.name, &instrument.summary];
    hay.iter().any(|h| h.to_lowercase().contains(needle))
        || instrument.short_name.as_ref().is_some_and(|s| s.to_lowercase().contains(needle))
        || instrument.aliases.iter().any(|a| a.to_lowercase().contains(needle))
}
