//! Query results turned into the chart library's inputs: which colour a party gets, which events a
//! timeline shows.

use accord_analytics::fragmentation::FragmentationHistory;
use accord_analytics::view::GroupView;
use accord_atlas::query::{BodyDetail, InstrumentDetail};
use accord_atlas::{Atlas, CountryCode, Instrument, InstrumentId, LegalEffect, PartialDate, PartyRef};
use accord_charts::{Category, LegendEntry, Series, TimelineEvent};
use minijinja::{Value, context};

/// The legend of effects, in the order of [`effect_category`].
const EFFECTS: [(LegalEffect, &str); 6] = [
    (LegalEffect::Bound, "Bound"),
    (LegalEffect::Pending, "Consented, not yet in force"),
    (LegalEffect::SignedNotBound, "Signed, not bound"),
    (LegalEffect::PoliticalCommitment, "Political commitment"),
    (LegalEffect::Voluntary, "Voluntary"),
    (LegalEffect::None, "Withdrawn or not signed"),
];

fn category(index: usize) -> Category {
    Category::new(index % Category::COUNT).expect("index below COUNT")
}

fn effect_category(effect: LegalEffect) -> Category {
    category(EFFECTS.iter().position(|(e, _)| *e == effect).unwrap_or(0))
}

/// The world map of an instrument's states, coloured by legal effect.
pub fn party_map(detail: &InstrumentDetail) -> String {
    let regions: Vec<(&str, Category)> = detail
        .parties
        .iter()
        .filter(|p| p.party.state().is_some())
        .map(|p| (p.party.as_str(), effect_category(p.effect)))
        .collect();
    let present: Vec<LegendEntry> = EFFECTS
        .iter()
        .filter(|(e, _)| detail.parties.iter().any(|p| p.effect == *e))
        .map(|(e, label)| LegendEntry { category: effect_category(*e), label: (*label).to_owned() })
        .collect();
    let title = format!("Parties to {} as of {}", detail.instrument.label(), detail.as_of);
    accord_charts::world_map(&regions, &present, &title)
}

/// The world map of a body's member states.
pub fn member_map(detail: &BodyDetail) -> String {
    let member = category(0);
    let regions: Vec<(&str, Category)> = detail
        .members_as_of
        .iter()
        .filter(|m| m.member.state().is_some())
        .map(|m| (m.member.as_str(), member))
        .collect();
    let legend = [LegendEntry { category: member, label: "Member".to_owned() }];
    accord_charts::world_map(&regions, &legend, &format!("Members of {} as of {}", detail.body.label(), detail.as_of))
}

/// An instrument's lifecycle events on a time axis.
pub fn instrument_timeline(instrument: &Instrument) -> String {
    let events: Vec<TimelineEvent> = instrument
        .events
        .iter()
        .map(|e| TimelineEvent {
            date: e.date.to_string(),
            label: e.kind.as_str().replace('-', " "),
            kind: e.kind.as_str().to_owned(),
            href: None,
        })
        .collect();
    accord_charts::timeline(&events, &format!("Timeline of {}", instrument.label())).unwrap_or_default()
}

/// A country's acts (signatures, ratifications, endorsements) and memberships, on a time axis.
pub fn country_timeline(atlas: &Atlas, code: CountryCode, as_of: PartialDate) -> String {
    let party = PartyRef::State(code);
    let mut events: Vec<TimelineEvent> = Vec::new();
    for instrument in atlas.instruments() {
        for record in instrument.parties.iter().filter(|r| r.party == party && r.date.is_on_or_before(as_of)) {
            events.push(TimelineEvent {
                date: record.date.to_string(),
                label: format!("{} {}", record.status, instrument.label()),
                kind: record.status.as_str().to_owned(),
                href: Some(format!("/instruments/{}", instrument.id)),
            });
        }
    }
    for (body, membership) in atlas.memberships_of(&party, as_of) {
        events.push(TimelineEvent {
            date: membership.joined.to_string(),
            label: format!("joined {}", body.label()),
            kind: "joined".to_owned(),
            href: Some(format!("/bodies/{}", body.id)),
        });
    }
    events.sort_by(|a, b| a.date.cmp(&b.date));
    accord_charts::timeline(&events, &format!("Timeline of {}", code.name())).unwrap_or_default()
}

/// The alignment heatmap of a group.
pub fn heatmap(view: &GroupView) -> String {
    let labels: Vec<&str> = view.members.iter().map(|c| c.as_str()).collect();
    accord_charts::heatmap(&labels, &view.scores, &format!("Alignment of {} as of {}", view.group, view.as_of))
        .unwrap_or_default()
}

/// The fragmentation index of a group over time.
pub fn fragmentation_chart(history: &FragmentationHistory) -> String {
    let points = |f: fn(&accord_analytics::fragmentation::Fragmentation) -> Option<f64>| -> Vec<(String, f64)> {
        history.points.iter().filter_map(|p| f(p).map(|v| (p.date.to_string(), v))).collect()
    };
    let series = [
        Series { label: "Fragmentation index".to_owned(), points: points(|p| p.index) },
        Series { label: "Mean alignment".to_owned(), points: points(|p| p.mean_alignment) },
    ];
    accord_charts::line_chart(&series, "0 to 1", (0.0, 1.0), &format!("Fragmentation of {} over time", history.group))
}

/// The crosswalk links from or to an instrument, seen from its side.
pub fn crosswalk_links(atlas: &Atlas, id: &InstrumentId) -> Vec<Value> {
    accord_analytics::crosswalk::all_links(atlas)
        .into_iter()
        .filter_map(|link| {
            if &link.from.instrument == id {
                Some(context! {
                    from => link.from.title, to => link.to.title, other_instrument => link.to.instrument.as_str(),
                    relation => Value::from_serialize(link.relation), rationale => link.rationale,
                })
            } else if &link.to.instrument == id {
                Some(context! {
                    from => link.to.title, to => link.from.title, other_instrument => link.from.instrument.as_str(),
                    relation => Value::from_serialize(accord_analytics::crosswalk::inverse(link.relation)),
                    rationale => link.rationale,
                })
            } else {
                None
            }
        })
        .collect()
}
