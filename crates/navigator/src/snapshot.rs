//! Every instrument's parties resolved once for a date, so that many assessments on that date are cheap.

use std::collections::HashMap;

use accord_atlas::resolve::lifecycle;
use accord_atlas::{Atlas, Lifecycle, PartialDate, PartyRef, ResolvedParty};

/// The parties of every instrument, by instrument index, as of one date.
pub struct Snapshot {
    pub date: PartialDate,
    parties: Vec<HashMap<PartyRef, ResolvedParty>>,
    lifecycles: Vec<Lifecycle>,
}

impl Snapshot {
    pub fn new(atlas: &Atlas, date: PartialDate) -> Self {
        let instruments = atlas.instruments();
        Self {
            date,
            parties: instruments
                .iter()
                .map(|i| atlas.parties_as_of(i, date).into_iter().map(|p| (p.party.clone(), p)).collect())
                .collect(),
            lifecycles: instruments.iter().map(|i| lifecycle(i, date)).collect(),
        }
    }

    /// The resolved record of `party` in the instrument at `index`.
    pub fn party(&self, index: usize, party: &PartyRef) -> Option<&ResolvedParty> {
        self.parties[index].get(party)
    }

    pub fn lifecycle(&self, index: usize) -> Lifecycle {
        self.lifecycles[index]
    }
}
