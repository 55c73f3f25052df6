//! The change log: everything the atlas records as happening between two dates, and its Atom feed.

use accord_atlas::model::{EventKind, Source};
use accord_atlas::{Atlas, PartialDate};
use atom_syndication::{Entry, Feed, FixedDateTime, Link, Text};
use serde::Serialize;

use crate::AnalyticsError;

/// What kind of record a change comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// An instrument's own event (its first event is `new-instrument`).
    Instrument,
    /// A party's act: signature, ratification, endorsement, withdrawal ...
    Party,
    /// A party set: the members of a body joining an instrument together.
    PartySet,
    /// A member joining or leaving a body.
    Membership,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Instrument => "instrument",
            Self::Party => "party",
            Self::PartySet => "party-set",
            Self::Membership => "membership",
        }
    }
}

/// One dated change.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Change {
    pub date: PartialDate,
    pub category: Category,
    /// `new-instrument`, an event kind (`opened-for-signature`, `entered-into-force`, `revoked` ...), a party
    /// status (`signed`, `ratified`, `withdrawn` ...), or `joined` / `left`.
    pub kind: String,
    /// The instrument or body the change is about.
    pub subject: String,
    /// The state or body that acted, where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    pub description: String,
    /// The source's URL, or `seed:<file>` for a seed document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Change {
    /// A stable identifier: the same change always gets the same tag URI.
    pub fn tag(&self) -> String {
        let party = self.party.as_deref().unwrap_or("-");
        format!(
            "tag:accord.example,2024:change/{}/{}/{}/{party}/{}",
            self.category.as_str(),
            self.subject,
            self.kind,
            self.date
        )
    }
}

/// Every change from `from` to `to`, both included, sorted by date.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ChangeLog {
    pub from: PartialDate,
    pub to: PartialDate,
    pub count: usize,
    pub changes: Vec<Change>,
}

pub fn between(atlas: &Atlas, from: PartialDate, to: PartialDate) -> Result<ChangeLog, AnalyticsError> {
    if from.start() > to.end() {
        return Err(AnalyticsError::BadRange { from, to });
    }
    let within = |d: PartialDate| d.start() >= from.start() && d.start() <= to.end();
    let mut changes = Vec::new();
    for instrument in atlas.instruments() {
        let label = instrument.label();
        let source =
            |id: &Option<accord_atlas::ids::SourceId>| source_text(id.as_ref().and_then(|s| instrument.source(s)));
        let origin = instrument.origin();
        let mut announced = false;
        let mut events: Vec<_> = instrument.events.iter().collect();
        events.sort_by_key(|e| e.date);
        for event in events.into_iter().filter(|e| within(e.date)) {
            let first = !announced && Some(event.date) == origin;
            announced |= first;
            let kind = if first { "new-instrument".to_owned() } else { event.kind.to_string() };
            let description = match event.kind {
                _ if first => format!("{label}: new instrument ({} {})", event.kind, event.date),
                EventKind::OpenedForSignature => format!("{label} opened for signature"),
                EventKind::EnteredIntoForce => format!("{label} entered into force"),
                other => format!("{label}: {other}"),
            };
            changes.push(Change {
                date: event.date,
                category: Category::Instrument,
                kind,
                subject: instrument.id.to_string(),
                party: None,
                description: with_note(description, event.note.as_deref()),
                source: source(&event.source),
            });
        }
        for record in instrument.parties.iter().filter(|r| within(r.date)) {
            changes.push(Change {
                date: record.date,
                category: Category::Party,
                kind: record.status.to_string(),
                subject: instrument.id.to_string(),
                party: Some(record.party.to_string()),
                description: format!(
                    "{} ({}): {} {label}",
                    atlas.party_name(&record.party),
                    record.party,
                    record.status
                ),
                source: source(&record.source),
            });
        }
        for set in &instrument.party_sets {
            let Some(date) = set.date.or(set.at).filter(|d| within(*d)) else { continue };
            changes.push(Change {
                date,
                category: Category::PartySet,
                kind: set.status.to_string(),
                subject: instrument.id.to_string(),
                party: Some(set.members_of.to_string()),
                description: format!("members of {}: {} {label}", set.members_of, set.status),
                source: source(&set.source),
            });
        }
    }
    for body in atlas.bodies() {
        for m in &body.members {
            let source = source_text(m.source.as_ref().and_then(|s| body.sources.iter().find(|x| &x.id == s)));
            let name = atlas.party_name(&m.member);
            let moves = [("joined", Some(m.joined)), ("left", m.left)];
            for (kind, date) in moves {
                let Some(date) = date.filter(|d| within(*d)) else { continue };
                changes.push(Change {
                    date,
                    category: Category::Membership,
                    kind: kind.to_owned(),
                    subject: body.id.to_string(),
                    party: Some(m.member.to_string()),
                    description: format!("{name} ({}) {kind} {}", m.member, body.label()),
                    source: source.clone(),
                });
            }
        }
    }
    changes.sort_by(|a, b| {
        (a.date, a.category, &a.subject, &a.party, &a.kind).cmp(&(b.date, b.category, &b.subject, &b.party, &b.kind))
    });
    Ok(ChangeLog { from, to, count: changes.len(), changes })
}

fn source_text(source: Option<&Source>) -> Option<String> {
    let source = source?;
    source.url.clone().or_else(|| source.seed.as_ref().map(|f| format!("seed:{f}")))
}

fn with_note(text: String, note: Option<&str>) -> String {
    match note {
        Some(note) => format!("{text}: {note}"),
        None => text,
    }
}

/// The change log as an Atom feed: one entry per change, `updated` = the change date.
pub fn atom(log: &ChangeLog) -> String {
    let entries: Vec<Entry> = log
        .changes
        .iter()
        .map(|change| {
            let mut entry = Entry::default();
            entry.set_id(change.tag());
            entry.set_title(Text::plain(change.description.clone()));
            entry.set_updated(timestamp(change.date));
            entry.set_summary(Some(Text::plain(format!("{} · {} · {}", change.date, change.kind, change.subject))));
            if let Some(url) = change.source.as_ref().filter(|s| s.starts_with("http")) {
                let mut link = Link::default();
                link.set_href(url.clone());
                link.set_rel("related");
                entry.set_links(vec![link]);
            }
            entry
        })
        .collect();
    let mut feed = Feed::default();
    feed.set_id(format!("tag:accord.example,2024:changes/{}/{}", log.from, log.to));
    feed.set_title(Text::plain(format!("Accord: changes from {} to {}", log.from, log.to)));
    feed.set_updated(log.changes.iter().map(|c| c.date).max().map_or_else(|| timestamp(log.to), timestamp));
    feed.set_entries(entries);
    feed.to_string()
}

/// Midnight UTC at the start of a date.
fn timestamp(date: PartialDate) -> FixedDateTime {
    format!("{}T00:00:00Z", date.start()).parse().unwrap_or_default()
}
