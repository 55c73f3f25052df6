//! The alignment score of two states, the comparison of several, and the square matrix of a group.
//!
//! S(A, B) = Σ min(a_i, b_i) / Σ max(pa_i, pb_i): commitments held in common over every commitment either
//! has taken on, where a_i is A's weight in instrument i on the date and pa_i its peak weight (before any
//! withdrawal). A withdrawal lowers the numerator and leaves the denominator unchanged, so it can never
//! raise a score.

use accord_atlas::model::{Binding, Mechanism, PartyStatus};
use accord_atlas::{Atlas, CountryCode, InstrumentId, LegalEffect, PartialDate};
use serde::Serialize;

use crate::participation::{Holding, Snapshot};

/// The alignment of two states' holdings; 1 for a state with itself, 0 when neither holds anything.
pub fn score(snapshot: &Snapshot, a: CountryCode, b: CountryCode) -> f64 {
    if a == b { 1.0 } else { score_holdings(snapshot.holdings(a), snapshot.holdings(b)) }
}

/// S over two sparse vectors sorted by instrument index.
pub fn score_holdings(a: &[Holding], b: &[Holding]) -> f64 {
    let (mut shared, mut either) = (0.0, 0.0);
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let next_a = a.get(i).map_or(usize::MAX, |h| h.instrument);
        let next_b = b.get(j).map_or(usize::MAX, |h| h.instrument);
        if next_a == next_b {
            shared += a[i].weight.min(b[j].weight);
            either += a[i].peak.max(b[j].peak);
            i += 1;
            j += 1;
        } else if next_a < next_b {
            either += a[i].peak;
            i += 1;
        } else {
            either += b[j].peak;
            j += 1;
        }
    }
    if either > 0.0 { shared / either } else { 0.0 }
}

/// A state with its name, for output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
pub struct State {
    pub code: CountryCode,
    pub name: String,
}

impl State {
    pub fn new(code: CountryCode) -> Self {
        Self { code, name: code.name().to_owned() }
    }
}

/// The score of one pair.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PairScore {
    pub a: CountryCode,
    pub b: CountryCode,
    pub score: f64,
}

/// One compared state's standing in an instrument.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Standing {
    pub code: CountryCode,
    pub status: PartyStatus,
    pub effect: LegalEffect,
    pub weight: f64,
}

/// An instrument held by at least one of the compared states.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ComparedInstrument {
    pub id: InstrumentId,
    pub name: String,
    pub layer: Mechanism,
    pub binding: Binding,
    /// The compared states that hold it (effect other than none), in the order they were given.
    pub holders: Vec<Standing>,
}

/// Several states compared on one date.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Comparison {
    pub as_of: PartialDate,
    pub states: Vec<State>,
    /// Held by every compared state, in layer order.
    pub in_all: Vec<ComparedInstrument>,
    /// Held by more than one but not all.
    pub in_some: Vec<ComparedInstrument>,
    /// Held by exactly one.
    pub in_one: Vec<ComparedInstrument>,
    pub scores: Vec<PairScore>,
}

/// Compares `codes` (two or more, in the given order) on the snapshot's date.
pub fn compare(atlas: &Atlas, snapshot: &Snapshot, codes: &[CountryCode]) -> Comparison {
    let mut held: Vec<ComparedInstrument> = atlas
        .instruments()
        .iter()
        .enumerate()
        .filter_map(|(index, instrument)| {
            let holders: Vec<Standing> = codes
                .iter()
                .filter_map(|&code| {
                    let h = snapshot.holding(code, index).filter(|h| h.weight > 0.0)?;
                    Some(Standing { code, status: h.status, effect: h.effect, weight: h.weight })
                })
                .collect();
            (!holders.is_empty()).then(|| ComparedInstrument {
                id: instrument.id.clone(),
                name: instrument.label().to_owned(),
                layer: instrument.mechanism,
                binding: instrument.binding,
                holders,
            })
        })
        .collect();
    held.sort_by(|a, b| (a.layer, &a.name).cmp(&(b.layer, &b.name)));
    let (mut in_all, mut in_some, mut in_one) = (Vec::new(), Vec::new(), Vec::new());
    for instrument in held {
        match instrument.holders.len() {
            n if n == codes.len() => in_all.push(instrument),
            1 => in_one.push(instrument),
            _ => in_some.push(instrument),
        }
    }
    Comparison {
        as_of: snapshot.as_of,
        states: codes.iter().map(|&c| State::new(c)).collect(),
        in_all,
        in_some,
        in_one,
        scores: pair_scores(snapshot, codes),
    }
}

/// Every distinct pair of `codes`, in order.
pub fn pair_scores(snapshot: &Snapshot, codes: &[CountryCode]) -> Vec<PairScore> {
    let mut scores = Vec::new();
    for (i, &a) in codes.iter().enumerate() {
        for &b in &codes[i + 1..] {
            scores.push(PairScore { a, b, score: score(snapshot, a, b) });
        }
    }
    scores
}

/// Scores of every pair of a group, members in code order.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Matrix {
    pub as_of: PartialDate,
    pub members: Vec<CountryCode>,
    /// `scores[i][j]` = S(members[i], members[j]); symmetric with ones on the diagonal.
    pub scores: Vec<Vec<f64>>,
}

impl Matrix {
    pub fn build(snapshot: &Snapshot, members: &[CountryCode]) -> Self {
        let n = members.len();
        let holdings: Vec<&[Holding]> = members.iter().map(|&c| snapshot.holdings(c)).collect();
        let mut scores = vec![vec![1.0; n]; n];
        for i in 0..n {
            for j in i + 1..n {
                let s = score_holdings(holdings[i], holdings[j]);
                scores[i][j] = s;
                scores[j][i] = s;
            }
        }
        Self { as_of: snapshot.as_of, members: members.to_vec(), scores }
    }

    /// The mean score over distinct pairs, or none with fewer than two members.
    pub fn mean(&self) -> Option<f64> {
        let n = self.members.len();
        if n < 2 {
            return None;
        }
        let sum: f64 = (0..n).flat_map(|i| (i + 1..n).map(move |j| (i, j))).map(|(i, j)| self.scores[i][j]).sum();
        Some(sum / (n * (n - 1) / 2) as f64)
    }
}
