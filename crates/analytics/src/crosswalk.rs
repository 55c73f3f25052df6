//! Harmonisation: which topics an instrument (or a forum's instruments) covers against others, the
//! provisions linked to it by crosswalks, what exists elsewhere that it lacks, and crosswalk exports in an
//! OSCAL mapping-style JSON document or flat rows.

use std::collections::{BTreeMap, BTreeSet};

use accord_atlas::model::{Crosswalk, LinkRelation, Provision};
use accord_atlas::{Atlas, BodyId, InstrumentId, TopicId};
use serde::Serialize;
use uuid::Uuid;

use crate::AnalyticsError;

/// The OSCAL version whose mapping model the export follows.
pub const OSCAL_VERSION: &str = "1.2.0";

/// The OSCAL relationship for a link's relation (the `from` provision relative to the `to` provision).
pub fn oscal_relationship(relation: LinkRelation) -> &'static str {
    match relation {
        LinkRelation::Equivalent => "equivalent-to",
        LinkRelation::Narrower => "subset-of",
        LinkRelation::Broader => "superset-of",
        LinkRelation::Related => "intersects-with",
    }
}

/// The same relation read from the other end of the link.
pub fn inverse(relation: LinkRelation) -> LinkRelation {
    match relation {
        LinkRelation::Narrower => LinkRelation::Broader,
        LinkRelation::Broader => LinkRelation::Narrower,
        other => other,
    }
}

/// A provision named by its instrument.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
pub struct ProvisionRef {
    pub instrument: InstrumentId,
    pub provision: String,
    pub title: String,
}

/// A crosswalk link, oriented from the subject's side when it touches the subject.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Link {
    pub crosswalk: String,
    pub from: ProvisionRef,
    pub to: ProvisionRef,
    pub relation: LinkRelation,
    pub rationale: String,
}

/// One topic and the instruments whose provisions cover it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct TopicCoverage {
    pub topic: TopicId,
    pub name: String,
    /// True when the subject covers it.
    pub subject: bool,
    /// The compared instruments that cover it.
    pub instruments: Vec<InstrumentId>,
}

/// A provision found elsewhere that the subject lacks.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Missing {
    #[serde(flatten)]
    pub provision: ProvisionRef,
    /// Its topics the subject does not cover.
    pub uncovered_topics: Vec<TopicId>,
}

/// How an instrument or a forum's instruments compare with others, provision by provision.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Harmonisation {
    pub subject: String,
    /// The subject's instruments: the instrument itself, or those the forum adopted.
    pub instruments: Vec<InstrumentId>,
    pub against: Vec<InstrumentId>,
    pub topics: Vec<TopicCoverage>,
    pub links: Vec<Link>,
    /// Topics covered by a compared instrument and not by the subject.
    pub missing_topics: Vec<TopicId>,
    /// Provisions of the compared instruments that no link ties to the subject and that cover a topic the
    /// subject does not.
    pub missing_provisions: Vec<Missing>,
}

/// The instruments an id stands for: an instrument, or every instrument a body adopted.
pub fn subject_instruments(atlas: &Atlas, id: &str) -> Result<Vec<InstrumentId>, AnalyticsError> {
    if let Some(instrument) = atlas.instrument(&InstrumentId::from(id)) {
        return Ok(vec![instrument.id.clone()]);
    }
    let body = BodyId::from(id);
    if atlas.body(&body).is_none() {
        return Err(AnalyticsError::UnknownSubject(id.to_owned()));
    }
    let adopted: Vec<InstrumentId> =
        atlas.instruments().iter().filter(|i| i.body.as_ref() == Some(&body)).map(|i| i.id.clone()).collect();
    if adopted.is_empty() {
        return Err(AnalyticsError::NoInstruments(id.to_owned()));
    }
    Ok(adopted)
}

/// The instruments any crosswalk links, sorted: the default set to compare against.
pub fn linked_instruments(atlas: &Atlas) -> Vec<InstrumentId> {
    let ids: BTreeSet<&InstrumentId> = atlas.crosswalks().iter().flat_map(|c| [&c.from, &c.to]).collect();
    ids.into_iter().cloned().collect()
}

/// Compares `subject` (an instrument or body id) with `against` (default: every instrument crosswalks link).
pub fn harmonisation(
    atlas: &Atlas,
    subject: &str,
    against: Option<&[InstrumentId]>,
) -> Result<Harmonisation, AnalyticsError> {
    let own = subject_instruments(atlas, subject)?;
    let against: Vec<InstrumentId> = match against {
        Some(ids) => {
            for id in ids {
                atlas.instrument(id).ok_or_else(|| AnalyticsError::UnknownInstrument(id.to_string()))?;
            }
            ids.iter().filter(|id| !own.contains(id)).cloned().collect()
        }
        None => linked_instruments(atlas).into_iter().filter(|id| !own.contains(id)).collect(),
    };
    let provisions = |ids: &[InstrumentId]| -> Vec<(InstrumentId, Provision)> {
        ids.iter()
            .filter_map(|id| atlas.instrument(id))
            .flat_map(|i| i.provisions.iter().map(|p| (i.id.clone(), p.clone())))
            .collect()
    };
    let own_provisions = provisions(&own);
    let other_provisions = provisions(&against);
    let own_topics: BTreeSet<&TopicId> = own_provisions.iter().flat_map(|(_, p)| &p.topics).collect();

    let mut by_topic: BTreeMap<&TopicId, BTreeSet<&InstrumentId>> = BTreeMap::new();
    for (instrument, provision) in &other_provisions {
        for topic in &provision.topics {
            by_topic.entry(topic).or_default().insert(instrument);
        }
    }
    for topic in &own_topics {
        by_topic.entry(topic).or_default();
    }
    let topics = by_topic
        .iter()
        .map(|(topic, instruments)| TopicCoverage {
            topic: (*topic).clone(),
            name: atlas.topic(topic).map_or_else(|| topic.to_string(), |t| t.name.clone()),
            subject: own_topics.contains(topic),
            instruments: instruments.iter().map(|i| (*i).clone()).collect(),
        })
        .collect();
    let missing_topics = by_topic.keys().filter(|t| !own_topics.contains(*t)).map(|t| (*t).clone()).collect();

    let links: Vec<Link> = all_links(atlas)
        .into_iter()
        .filter_map(|link| {
            let (from_own, to_own) = (own.contains(&link.from.instrument), own.contains(&link.to.instrument));
            let other = if from_own { &link.to.instrument } else { &link.from.instrument };
            if from_own == to_own || !against.contains(other) {
                return None;
            }
            Some(if from_own { link } else { reversed(link) })
        })
        .collect();
    let linked: BTreeSet<(&InstrumentId, &str)> =
        links.iter().map(|l| (&l.to.instrument, l.to.provision.as_str())).collect();
    let missing_provisions = other_provisions
        .iter()
        .filter(|(instrument, p)| !linked.contains(&(instrument, p.id.as_str())))
        .filter_map(|(instrument, p)| {
            let uncovered: Vec<TopicId> = p.topics.iter().filter(|t| !own_topics.contains(t)).cloned().collect();
            (!uncovered.is_empty()).then(|| Missing {
                provision: ProvisionRef {
                    instrument: instrument.clone(),
                    provision: p.id.to_string(),
                    title: p.title.clone(),
                },
                uncovered_topics: uncovered,
            })
        })
        .collect();
    Ok(Harmonisation {
        subject: subject.to_owned(),
        instruments: own,
        against,
        topics,
        links,
        missing_topics,
        missing_provisions,
    })
}

fn reversed(link: Link) -> Link {
    Link {
        crosswalk: link.crosswalk,
        from: link.to,
        to: link.from,
        relation: inverse(link.relation),
        rationale: link.rationale,
    }
}

/// Every link of every crosswalk, as stored.
pub fn all_links(atlas: &Atlas) -> Vec<Link> {
    atlas.crosswalks().iter().flat_map(|c| links_of(atlas, c)).collect()
}

fn links_of(atlas: &Atlas, crosswalk: &Crosswalk) -> Vec<Link> {
    let title = |instrument: &InstrumentId, provision: &str| {
        atlas
            .instrument(instrument)
            .and_then(|i| i.provisions.iter().find(|p| p.id.as_str() == provision))
            .map_or_else(String::new, |p| p.title.clone())
    };
    crosswalk
        .links
        .iter()
        .map(|l| Link {
            crosswalk: crosswalk.id.clone(),
            from: ProvisionRef {
                instrument: crosswalk.from.clone(),
                provision: l.from.to_string(),
                title: title(&crosswalk.from, l.from.as_str()),
            },
            to: ProvisionRef {
                instrument: crosswalk.to.clone(),
                provision: l.to.to_string(),
                title: title(&crosswalk.to, l.to.as_str()),
            },
            relation: l.relation,
            rationale: l.rationale.clone(),
        })
        .collect()
}

/// Crosswalks that touch every given instrument (all crosswalks when none is given).
pub fn select<'a>(atlas: &'a Atlas, from: Option<&InstrumentId>, to: Option<&InstrumentId>) -> Vec<&'a Crosswalk> {
    let touches = |c: &Crosswalk, id: Option<&InstrumentId>| id.is_none_or(|id| &c.from == id || &c.to == id);
    atlas.crosswalks().iter().filter(|c| touches(c, from) && touches(c, to)).collect()
}

fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"https://accord.example/crosswalks")
}

fn uuid(name: &str) -> String {
    Uuid::new_v5(&namespace(), name.as_bytes()).to_string()
}

/// An OSCAL mapping-style document: `{"mapping-collection": {...}}`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct OscalDocument {
    #[serde(rename = "mapping-collection")]
    pub mapping_collection: MappingCollection,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct MappingCollection {
    pub uuid: String,
    pub metadata: Metadata,
    pub mappings: Vec<Mapping>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct Metadata {
    pub title: String,
    pub last_modified: String,
    pub version: String,
    pub oscal_version: String,
}

/// One crosswalk: the links from one instrument to another.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct Mapping {
    pub uuid: String,
    pub source_resource: Resource,
    pub target_resource: Resource,
    pub maps: Vec<Map>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Resource {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub href: String,
}

/// One link.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Map {
    pub uuid: String,
    pub relationship: &'static str,
    pub sources: Vec<ItemRef>,
    pub targets: Vec<ItemRef>,
    pub remarks: String,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ItemRef {
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// `<instrument>#<provision>`.
    #[serde(rename = "id-ref")]
    pub id_ref: String,
}

/// The crosswalks as an OSCAL mapping-style document. UUIDs are derived from ids (v5), so the same data
/// always exports the same document; `last_modified` is an RFC 3339 timestamp chosen by the caller.
pub fn oscal(crosswalks: &[&Crosswalk], last_modified: &str) -> OscalDocument {
    let ids: Vec<&str> = crosswalks.iter().map(|c| c.id.as_str()).collect();
    let provision =
        |instrument: &InstrumentId, id: &str| ItemRef { kind: "provision", id_ref: format!("{instrument}#{id}") };
    let mappings = crosswalks
        .iter()
        .map(|c| Mapping {
            uuid: uuid(&format!("mapping:{}", c.id)),
            source_resource: Resource { kind: "instrument", href: format!("#{}", c.from) },
            target_resource: Resource { kind: "instrument", href: format!("#{}", c.to) },
            maps: c
                .links
                .iter()
                .map(|l| Map {
                    uuid: uuid(&format!("map:{}:{}:{}", c.id, l.from, l.to)),
                    relationship: oscal_relationship(l.relation),
                    sources: vec![provision(&c.from, l.from.as_str())],
                    targets: vec![provision(&c.to, l.to.as_str())],
                    remarks: l.rationale.clone(),
                })
                .collect(),
        })
        .collect();
    OscalDocument {
        mapping_collection: MappingCollection {
            uuid: uuid(&format!("collection:{}", ids.join(","))),
            metadata: Metadata {
                title: format!("Accord crosswalk: {}", ids.join(", ")),
                last_modified: last_modified.to_owned(),
                version: env!("CARGO_PKG_VERSION").to_owned(),
                oscal_version: OSCAL_VERSION.to_owned(),
            },
            mappings,
        },
    }
}

/// One row of the flat export.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Row {
    pub crosswalk: String,
    pub from_instrument: String,
    pub from_provision: String,
    pub to_instrument: String,
    pub to_provision: String,
    pub relation: LinkRelation,
    pub oscal_relationship: &'static str,
    pub rationale: String,
}

/// The crosswalks' links as flat rows, for CSV.
pub fn rows(crosswalks: &[&Crosswalk]) -> Vec<Row> {
    crosswalks
        .iter()
        .flat_map(|c| {
            c.links.iter().map(|l| Row {
                crosswalk: c.id.clone(),
                from_instrument: c.from.to_string(),
                from_provision: l.from.to_string(),
                to_instrument: c.to.to_string(),
                to_provision: l.to.to_string(),
                relation: l.relation,
                oscal_relationship: oscal_relationship(l.relation),
                rationale: l.rationale.clone(),
            })
        })
        .collect()
}
