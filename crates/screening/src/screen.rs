//! The public screening API: build a [`Screener`] over the entries of one or more lists, then screen
//! names against it.

use serde::Serialize;

use crate::country::country_key;
use crate::entry::{BirthDate, EntityKind, Entry, EntryId, ListId};
use crate::explain::{Discriminator, Explanation};
use crate::index::{Index, NameId};
use crate::normalize::{NormalizedName, normalize};
use crate::score;

/// The score at or above which a name is reported, chosen on the labelled sets (see `BENCHMARKS.md`).
pub const DEFAULT_THRESHOLD: f32 = 0.8;
/// How many names the index hands to full scoring per query.
const CANDIDATES: usize = 48;

/// A party to screen. Only the name is required; the other fields sharpen the score when the list
/// has them too.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    pub name: String,
    pub kind: Option<EntityKind>,
    /// A country name or ISO code (nationality, seat, address).
    pub country: Option<String>,
    pub birth_date: Option<BirthDate>,
}

impl Query {
    pub fn name(name: impl Into<String>) -> Self {
        Query { name: name.into(), ..Query::default() }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Matches scoring below this are not reported.
    pub threshold: f32,
    /// At most this many matches are reported, best first.
    pub limit: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { threshold: DEFAULT_THRESHOLD, limit: 10 }
    }
}

/// One listed entry a query matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    pub score: f32,
    pub entry_id: EntryId,
    pub list: ListId,
    pub source_list: String,
    /// The entry's name (primary or alias) that matched best.
    pub matched_name: String,
    pub explanation: Explanation,
}

/// Entries with their names normalised and indexed.
pub struct Screener {
    entries: Vec<Entry>,
    /// Per name: (entry position, name position within the entry).
    owners: Vec<(u32, u16)>,
    names: Vec<NormalizedName>,
    countries: Vec<Vec<String>>,
    index: Index,
}

impl Screener {
    pub fn new(entries: Vec<Entry>) -> Screener {
        let mut owners = Vec::new();
        let mut names = Vec::new();
        for (e, entry) in entries.iter().enumerate() {
            for (n, name) in entry.names.iter().enumerate() {
                let normalized = normalize(&name.text, entry.kind);
                if normalized.tokens.is_empty() {
                    continue;
                }
                owners.push((e as u32, n as u16));
                names.push(normalized);
            }
        }
        let countries = entries
            .iter()
            .map(|e| {
                let mut keys: Vec<String> = e
                    .countries
                    .iter()
                    .map(String::as_str)
                    .chain(e.addresses.iter().filter_map(|a| a.country.as_deref()))
                    .map(country_key)
                    .collect();
                keys.sort();
                keys.dedup();
                keys
            })
            .collect();
        let index = Index::build(&names);
        Screener { entries, owners, names, countries, index }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entries whose names match `query`, best first.
    pub fn screen(&self, query: &Query, options: &Options) -> Vec<Match> {
        let normalized = normalize(&query.name, query.kind.unwrap_or_default());
        if normalized.tokens.is_empty() {
            return Vec::new();
        }
        // Best name per entry.
        let mut best: Vec<(u32, NameId, f32)> = Vec::new();
        for name_id in self.index.candidates(&normalized, CANDIDATES) {
            let score = score::score(&normalized, &self.names[name_id as usize]);
            let entry = self.owners[name_id as usize].0;
            match best.iter_mut().find(|(e, _, _)| *e == entry) {
                Some(slot) if slot.2 < score => *slot = (entry, name_id, score),
                Some(_) => {}
                None => best.push((entry, name_id, score)),
            }
        }

        let mut matches: Vec<(f32, u32, NameId, Vec<Discriminator>)> = best
            .into_iter()
            .map(|(entry, name_id, score)| {
                let (score, discriminators) = self.discriminate(query, entry as usize, score);
                (score, entry, name_id, discriminators)
            })
            .filter(|m| m.0 >= options.threshold)
            .collect();
        matches.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        matches.truncate(options.limit);

        matches
            .into_iter()
            .map(|(score, entry_pos, name_id, discriminators)| {
                let entry = &self.entries[entry_pos as usize];
                let (name_score, parts) = score::explain(&normalized, &self.names[name_id as usize]);
                let name_pos = self.owners[name_id as usize].1 as usize;
                Match {
                    score,
                    entry_id: entry.id.clone(),
                    list: entry.list.clone(),
                    source_list: entry.source_list.clone(),
                    matched_name: entry.names[name_pos].text.clone(),
                    explanation: Explanation { parts, discriminators, name_score },
                }
            })
            .collect()
    }

    /// Adjusts a name score with the query's optional attributes: a difference lowers it, agreement
    /// raises it a little (never above 1).
    fn discriminate(&self, query: &Query, entry_pos: usize, mut score: f32) -> (f32, Vec<Discriminator>) {
        let entry = &self.entries[entry_pos];
        let mut found = Vec::new();
        if let Some(kind) = query.kind
            && kind != EntityKind::Unknown
            && entry.kind != EntityKind::Unknown
            && kind != entry.kind
        {
            score *= 0.85;
            found.push(Discriminator::KindDiffers { query: kind_name(kind), listed: kind_name(entry.kind) });
        }
        let countries = &self.countries[entry_pos];
        if let Some(country) = &query.country
            && !countries.is_empty()
        {
            let key = country_key(country);
            if countries.contains(&key) {
                score = (score + 0.02).min(1.0);
                found.push(Discriminator::CountryMatches { country: country.clone() });
            } else {
                score *= 0.9;
                found.push(Discriminator::CountryDiffers { query: country.clone(), listed: countries.clone() });
            }
        }
        if let Some(date) = query.birth_date
            && !entry.birth_dates.is_empty()
        {
            if entry.birth_dates.iter().any(|d| d.compatible(&date)) {
                score = (score + 0.03).min(1.0);
                found.push(Discriminator::BirthDateMatches { date: date.to_string() });
            } else if !entry.birth_dates.iter().any(|d| d.year.abs_diff(date.year) <= 1) {
                score *= 0.8;
                found.push(Discriminator::BirthDateDiffers {
                    query: date.to_string(),
                    listed: entry.birth_dates.iter().map(BirthDate::to_string).collect(),
                });
            }
        }
        (score, found)
    }
}

fn kind_name(kind: EntityKind) -> String {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "organization",
        EntityKind::Vessel => "vessel",
        EntityKind::Aircraft => "aircraft",
        EntityKind::Unknown => "unknown",
    }
    .to_string()
}
