//! Who holds which commitments on one date: every state's weighted participation in every instrument.
//!
//! A snapshot resolves each instrument once with [`Atlas::parties_as_of`] and keeps, per state, a sparse
//! vector sorted by instrument index. Bodies (the EU, companies) are left out: the analytics compare states.

use std::collections::{BTreeMap, HashMap};

use accord_atlas::model::{Mechanism, PartyStatus};
use accord_atlas::{Atlas, CountryCode, LegalEffect, PartialDate, PartyRef};

/// How much a legal effect commits a state, before the layer weight.
pub fn effect_weight(effect: LegalEffect) -> f64 {
    match effect {
        LegalEffect::Bound => 1.0,
        LegalEffect::Pending => 0.8,
        LegalEffect::SignedNotBound => 0.5,
        LegalEffect::PoliticalCommitment => 0.4,
        LegalEffect::Voluntary => 0.2,
        LegalEffect::None => 0.0,
    }
}

/// How much an instrument's layer weighs: a treaty binds under international law, a standard is optional.
pub fn layer_weight(mechanism: Mechanism) -> f64 {
    match mechanism {
        Mechanism::Treaty => 3.0,
        Mechanism::Domestic | Mechanism::Sector | Mechanism::Trade | Mechanism::ExportControl => 2.0,
        Mechanism::Multilateral => 1.5,
        Mechanism::Bilateral | Mechanism::SoftLaw => 1.0,
        Mechanism::Industry | Mechanism::Standard => 0.5,
    }
}

/// A state's standing in one instrument on the snapshot's date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Holding {
    /// Index into [`Atlas::instruments`].
    pub instrument: usize,
    pub status: PartyStatus,
    pub effect: LegalEffect,
    /// Effect weight × layer weight on the date.
    pub weight: f64,
    /// The weight before any withdrawal (equal to `weight` when the state has not withdrawn).
    pub peak: f64,
}

/// Every state's holdings on one date.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub as_of: PartialDate,
    states: BTreeMap<CountryCode, Vec<Holding>>,
}

/// The holdings of a state with no recorded act.
const NOTHING: &[Holding] = &[];

impl Snapshot {
    /// Resolves every instrument of the atlas once as of `as_of`.
    pub fn build(atlas: &Atlas, as_of: PartialDate) -> Self {
        let mut states: BTreeMap<CountryCode, Vec<Holding>> = BTreeMap::new();
        for (index, instrument) in atlas.instruments().iter().enumerate() {
            let layer = layer_weight(instrument.mechanism);
            let mut earlier: HashMap<PartialDate, Vec<accord_atlas::ResolvedParty>> = HashMap::new();
            for party in atlas.parties_as_of(instrument, as_of) {
                let PartyRef::State(code) = party.party else { continue };
                let weight = effect_weight(party.effect) * layer;
                let peak = if party.status == PartyStatus::Withdrawn {
                    // The weight the state held the day before it withdrew.
                    let before = day_before(party.date);
                    let resolved = earlier.entry(before).or_insert_with(|| atlas.parties_as_of(instrument, before));
                    resolved
                        .iter()
                        .find(|p| p.party == PartyRef::State(code))
                        .map_or(0.0, |p| effect_weight(p.effect) * layer)
                } else {
                    weight
                };
                if weight > 0.0 || peak > 0.0 {
                    let holding =
                        Holding { instrument: index, status: party.status, effect: party.effect, weight, peak };
                    states.entry(code).or_default().push(holding);
                }
            }
        }
        Self { as_of, states }
    }

    /// A state's holdings, sorted by instrument index; empty if it holds nothing.
    pub fn holdings(&self, code: CountryCode) -> &[Holding] {
        self.states.get(&code).map_or(NOTHING, Vec::as_slice)
    }

    /// A state's holding in one instrument, if any.
    pub fn holding(&self, code: CountryCode, instrument: usize) -> Option<&Holding> {
        let holdings = self.holdings(code);
        holdings.binary_search_by_key(&instrument, |h| h.instrument).ok().map(|i| &holdings[i])
    }

    /// States with at least one holding, in code order.
    pub fn states(&self) -> impl Iterator<Item = CountryCode> + '_ {
        self.states.keys().copied()
    }
}

fn day_before(date: PartialDate) -> PartialDate {
    date.start().yesterday().map_or(date, PartialDate::from_civil)
}
