//! Every instrument's parties resolved once for a date, indexed by state with the reasons that make each
//! instrument reach that state, so that many assessments on that date are cheap.

use std::collections::HashMap;
use std::sync::Arc;

use accord_atlas::resolve::lifecycle;
use accord_atlas::{Atlas, CountryCode, LegalEffect, Lifecycle, PartialDate, PartyRef, ResolvedParty};

use crate::assess::Reason;
use crate::reasons;

/// An instrument a state is party to on the date, with the reasons that make it so.
pub struct StateEntry {
    pub instrument: usize,
    pub party: ResolvedParty,
    pub reasons: Arc<[Reason]>,
}

/// What one state has on the date: instruments it is party to, and proposals of its own.
#[derive(Default)]
pub struct StateIndex {
    pub entries: Vec<StateEntry>,
    pub proposals: Vec<usize>,
}

/// The parties of every instrument as of one date.
pub struct Snapshot {
    pub date: PartialDate,
    parties: Vec<HashMap<PartyRef, ResolvedParty>>,
    states: HashMap<CountryCode, StateIndex>,
    empty: StateIndex,
}

impl Snapshot {
    pub fn new(atlas: &Atlas, date: PartialDate) -> Self {
        let instruments = atlas.instruments();
        let parties: Vec<HashMap<PartyRef, ResolvedParty>> = instruments
            .iter()
            .map(|i| atlas.parties_as_of(i, date).into_iter().map(|p| (p.party.clone(), p)).collect())
            .collect();
        let mut states: HashMap<CountryCode, StateIndex> = HashMap::new();
        for (index, instrument) in instruments.iter().enumerate() {
            let stage = lifecycle(instrument, date);
            if stage == Lifecycle::Proposed {
                for code in proposal_states(atlas, instrument) {
                    states.entry(code).or_default().proposals.push(index);
                }
                continue;
            }
            for party in parties[index].values().filter(|p| p.effect != LegalEffect::None) {
                let PartyRef::State(code) = party.party else { continue };
                let mut why = reasons::party(atlas, instrument, code, party);
                why.extend(reasons::framework(atlas, &parties, instrument, &party.party));
                states.entry(code).or_default().entries.push(StateEntry {
                    instrument: index,
                    party: party.clone(),
                    reasons: why.into(),
                });
            }
        }
        for index in states.values_mut() {
            index.entries.sort_by_key(|e| e.instrument);
        }
        Self { date, parties, states, empty: StateIndex::default() }
    }

    /// The resolved record of `party` in the instrument at `index`.
    pub fn party(&self, index: usize, party: &PartyRef) -> Option<&ResolvedParty> {
        self.parties[index].get(party)
    }

    /// Everything a state has on the date.
    pub fn state(&self, code: CountryCode) -> &StateIndex {
        self.states.get(&code).unwrap_or(&self.empty)
    }
}

/// The states a proposal would apply in: its jurisdiction, or the current members of that body.
fn proposal_states(atlas: &Atlas, instrument: &accord_atlas::Instrument) -> Vec<CountryCode> {
    match &instrument.jurisdiction {
        Some(PartyRef::State(code)) => vec![*code],
        Some(PartyRef::Body(body)) => atlas
            .body(body)
            .map(|b| b.members.iter().filter(|m| m.left.is_none()).filter_map(|m| m.member.state()).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}
