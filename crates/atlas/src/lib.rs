//! The Accord atlas: the data model of AI governance instruments, bodies and topics, its loader and
//! validator, and as-of resolution of who is party to what.
//!
//! Data flows one way: [`DataFile`]s (from a directory or embedded in the binary) are parsed and validated
//! into an immutable [`Atlas`], which the engines query. This crate does no network I/O and knows nothing of
//! the CLI or HTTP.

pub mod date;
pub mod diag;
pub mod ids;
pub mod load;
pub mod model;
pub mod query;
pub mod resolve;
pub mod schema;
mod validate;

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

pub use crate::date::PartialDate;
pub use crate::diag::Diagnostic;
pub use crate::ids::{BodyId, CountryCode, InstrumentId, PartyRef, TopicId};
pub use crate::load::{DataFile, LoadError};
pub use crate::model::{Body, Crosswalk, Instrument, Seed, Topic};
pub use crate::resolve::{LegalEffect, Lifecycle, ResolvedParty, Route};

/// Why an atlas could not be built.
#[derive(Debug, thiserror::Error)]
pub enum AtlasError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("the data has {} error(s)", .0.len())]
    Invalid(Vec<Diagnostic>),
}

/// How many records of each kind an atlas holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub instruments: usize,
    pub bodies: usize,
    pub topics: usize,
    pub parties: usize,
    pub memberships: usize,
    pub provisions: usize,
    pub sources: usize,
}

/// The validated, immutable atlas.
#[derive(Debug, Clone)]
pub struct Atlas {
    seeds: Vec<Seed>,
    topics: Vec<Topic>,
    bodies: Vec<Body>,
    instruments: Vec<Instrument>,
    crosswalks: Vec<Crosswalk>,
    files: HashMap<String, String>,
    topic_index: HashMap<TopicId, usize>,
    body_index: HashMap<BodyId, usize>,
    instrument_index: HashMap<InstrumentId, usize>,
}

impl Atlas {
    /// Parses and validates data files; on any problem returns every diagnostic.
    pub fn from_files(files: &[DataFile]) -> Result<Self, Vec<Diagnostic>> {
        let parsed = load::parse_all(files);
        let mut diagnostics = parsed.diagnostics.clone();
        diagnostics.extend(validate::validate(files, &parsed));
        if !diagnostics.is_empty() {
            diagnostics.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
            return Err(diagnostics);
        }
        let mut topics: Vec<Topic> = parsed.topics.into_iter().map(|p| p.record).collect();
        let mut bodies: Vec<Body> = parsed.bodies.into_iter().map(|p| p.record).collect();
        let mut instruments: Vec<Instrument> = parsed.instruments.into_iter().map(|p| p.record).collect();
        topics.sort_by(|a, b| a.id.cmp(&b.id));
        bodies.sort_by(|a, b| a.id.cmp(&b.id));
        instruments.sort_by(|a, b| a.id.cmp(&b.id));
        let mut crosswalks: Vec<Crosswalk> = parsed.crosswalks.into_iter().map(|p| p.record).collect();
        crosswalks.sort_by(|a, b| a.id.cmp(&b.id));
        let files = files
            .iter()
            .filter_map(|f| Some((f.path.rsplit('/').next()?.strip_suffix(".toml")?.to_owned(), f.path.clone())))
            .collect();
        Ok(Self {
            seeds: parsed.seeds.map(|s| s.record.seeds).unwrap_or_default(),
            topic_index: topics.iter().enumerate().map(|(i, t)| (t.id.clone(), i)).collect(),
            body_index: bodies.iter().enumerate().map(|(i, b)| (b.id.clone(), i)).collect(),
            instrument_index: instruments.iter().enumerate().map(|(i, x)| (x.id.clone(), i)).collect(),
            topics,
            bodies,
            instruments,
            crosswalks,
            files,
        })
    }

    /// The atlas shipped inside the binary.
    pub fn embedded() -> Result<Self, AtlasError> {
        Self::from_files(&load::embedded_files()).map_err(AtlasError::Invalid)
    }

    /// The atlas in a data directory.
    pub fn from_dir(dir: &Path) -> Result<Self, AtlasError> {
        Self::from_files(&load::read_dir(dir)?).map_err(AtlasError::Invalid)
    }

    pub fn seeds(&self) -> &[Seed] {
        &self.seeds
    }

    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    pub fn bodies(&self) -> &[Body] {
        &self.bodies
    }

    pub fn instruments(&self) -> &[Instrument] {
        &self.instruments
    }

    /// Provision-to-provision links between pairs of instruments, sorted by id.
    pub fn crosswalks(&self) -> &[Crosswalk] {
        &self.crosswalks
    }

    pub fn topic(&self, id: &TopicId) -> Option<&Topic> {
        self.topic_index.get(id).map(|&i| &self.topics[i])
    }

    pub fn body(&self, id: &BodyId) -> Option<&Body> {
        self.body_index.get(id).map(|&i| &self.bodies[i])
    }

    pub fn instrument(&self, id: &InstrumentId) -> Option<&Instrument> {
        self.instrument_index.get(id).map(|&i| &self.instruments[i])
    }

    /// The position of an instrument in [`Atlas::instruments`].
    pub fn instrument_index(&self, id: &InstrumentId) -> Option<usize> {
        self.instrument_index.get(id).copied()
    }

    /// The data file a record was read from, relative to the data directory.
    pub fn file_of(&self, id: &str) -> Option<&str> {
        self.files.get(id).map(String::as_str)
    }

    /// A display name for a party: the country's or the body's name.
    pub fn party_name<'a>(&'a self, party: &'a PartyRef) -> &'a str {
        match party {
            PartyRef::State(code) => code.name(),
            PartyRef::Body(id) => self.body(id).map_or(id.as_str(), |b| b.name.as_str()),
            PartyRef::Invalid(text) => text,
        }
    }

    /// Bodies `party` belongs to on `as_of`, with the membership record.
    pub fn memberships_of<'a>(
        &'a self,
        party: &'a PartyRef,
        as_of: PartialDate,
    ) -> impl Iterator<Item = (&'a Body, &'a model::Membership)> + 'a {
        self.bodies
            .iter()
            .filter_map(move |body| body.members_on(as_of).find(|m| &m.member == party).map(|m| (body, m)))
    }

    pub fn counts(&self) -> Counts {
        let sources = self.instruments.iter().map(|i| i.sources.len()).sum::<usize>()
            + self.bodies.iter().map(|b| b.sources.len()).sum::<usize>();
        Counts {
            instruments: self.instruments.len(),
            bodies: self.bodies.len(),
            topics: self.topics.len(),
            parties: self.instruments.iter().map(|i| i.parties.len() + i.party_sets.len()).sum(),
            memberships: self.bodies.iter().map(|b| b.members.len()).sum(),
            provisions: self.instruments.iter().map(|i| i.provisions.len()).sum(),
            sources,
        }
    }
}
