//! Cross-record checks: references, sources and the order of dates. Every problem is reported.

use std::collections::{HashMap, HashSet};

use crate::diag::{Diagnostic, FieldPath};
use crate::ids::{PartyRef, SourceId, is_slug};
use crate::load::{DataFile, ParsedFiles};
use crate::model::{
    Body, BodyKind, Crosswalk, EventKind, Instrument, Membership, PartyStatus, RuleStatus, Source, Topic,
};

/// Known ids of every kind, for checking references.
struct Known<'a> {
    topics: HashSet<&'a str>,
    bodies: HashSet<&'a str>,
    instruments: HashSet<&'a str>,
    seeds: HashSet<&'a str>,
    /// Bodies of kind `country-group`, the only bodies a licence rule may name as a destination.
    country_groups: HashSet<&'a str>,
}

/// Collects the diagnostics of one file.
struct Report<'a> {
    file: &'a DataFile,
    out: &'a mut Vec<Diagnostic>,
}

impl Report<'_> {
    fn error(&mut self, path: FieldPath, message: impl Into<String>) {
        self.out.push(Diagnostic::at_path(&self.file.path, &self.file.text, &path, message));
    }
}

pub(crate) fn validate(files: &[DataFile], parsed: &ParsedFiles) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let unparsed = parsed.unparsed_ids.iter().map(String::as_str);
    let known = Known {
        topics: parsed.topics.iter().map(|p| p.record.id.as_str()).chain(unparsed.clone()).collect(),
        bodies: parsed.bodies.iter().map(|p| p.record.id.as_str()).chain(unparsed.clone()).collect(),
        instruments: parsed.instruments.iter().map(|p| p.record.id.as_str()).chain(unparsed).collect(),
        seeds: parsed.seeds.iter().flat_map(|s| s.record.seeds.iter().map(|s| s.file.as_str())).collect(),
        country_groups: parsed
            .bodies
            .iter()
            .filter(|p| p.record.kind == BodyKind::CountryGroup)
            .map(|p| p.record.id.as_str())
            .collect(),
    };

    check_duplicates(files, parsed.topics.iter().map(|p| (p.file, p.record.id.as_str())), "topic", &mut out);
    check_duplicates(files, parsed.bodies.iter().map(|p| (p.file, p.record.id.as_str())), "body", &mut out);
    check_duplicates(files, parsed.instruments.iter().map(|p| (p.file, p.record.id.as_str())), "instrument", &mut out);

    for p in &parsed.topics {
        check_topic(&p.record, &known, &mut Report { file: &files[p.file], out: &mut out });
    }
    for p in &parsed.bodies {
        check_body(&p.record, &known, &mut Report { file: &files[p.file], out: &mut out });
    }
    for p in &parsed.instruments {
        check_instrument(&p.record, &known, &mut Report { file: &files[p.file], out: &mut out });
    }
    check_crosswalks(files, parsed, &known, &mut out);
    out
}

fn check_duplicates<'a>(
    files: &[DataFile],
    ids: impl Iterator<Item = (usize, &'a str)>,
    kind: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (file, id) in ids {
        if let Some(&earlier) = first.get(id) {
            let f = &files[file];
            let message = format!("duplicate {kind} id {id:?}: already used by {}", files[earlier].path);
            out.push(Diagnostic::at_path(&f.path, &f.text, &FieldPath::root().key("id"), message));
        } else {
            first.insert(id, file);
        }
    }
}

fn check_id(id: &str, report: &mut Report) {
    let path = FieldPath::root().key("id");
    if !is_slug(id) {
        report.error(path, format!("id {id:?} is not a kebab-case slug (lower-case letters, digits, single hyphens)"));
        return;
    }
    let stem = report.file.path.rsplit('/').next().and_then(|n| n.strip_suffix(".toml")).unwrap_or("");
    if stem != id {
        report.error(path, format!("id {id:?} does not match the file name {stem:?}.toml"));
    }
}

fn check_topic(topic: &Topic, known: &Known, report: &mut Report) {
    check_id(topic.id.as_str(), report);
    for (i, other) in topic.see_also.iter().enumerate() {
        if !known.topics.contains(other.as_str()) {
            report.error(FieldPath::root().key("see_also").index(i), format!("unknown topic {:?}", other.as_str()));
        }
    }
}

fn check_body(body: &Body, known: &Known, report: &mut Report) {
    check_id(body.id.as_str(), report);
    check_sources(&body.sources, known, report);
    if let Some(country) = &body.country {
        check_party_ref(country, known, FieldPath::root().key("country"), report);
    }
    if let Some(parent) = &body.parent
        && !known.bodies.contains(parent.as_str())
    {
        report.error(FieldPath::root().key("parent"), format!("unknown body {:?}", parent.as_str()));
    }
    if let (Some(from), Some(to)) = (body.established, body.dissolved)
        && from.certainly_after(to)
    {
        report.error(FieldPath::root().key("dissolved"), format!("dissolved {to} before it was established {from}"));
    }
    for (i, member) in body.members.iter().enumerate() {
        check_membership(body, i, member, known, report);
    }
    check_overlapping_memberships(&body.members, report);
    for (i, non) in body.non_members.iter().enumerate() {
        let path = FieldPath::item("non_members", i, "state");
        if body.kind != BodyKind::CountryGroup || !body.members.is_empty() {
            report.error(path, "`non_members` belong only to a country group whose `members` are not recorded");
        } else if non.state.state().is_none() {
            report.error(path, format!("{:?} is not an ISO 3166-1 alpha-2 state code", non.state.as_str()));
        }
        check_source_ref(non.source.as_ref(), &body.sources, FieldPath::item("non_members", i, "source"), report);
    }
}

fn check_membership(body: &Body, i: usize, member: &Membership, known: &Known, report: &mut Report) {
    check_party_ref(&member.member, known, FieldPath::item("members", i, "member"), report);
    if member.member == PartyRef::Body(body.id.clone()) {
        report.error(FieldPath::item("members", i, "member"), "a body cannot be a member of itself");
    }
    check_source_ref(member.source.as_ref(), &body.sources, FieldPath::item("members", i, "source"), report);
    if let Some(left) = member.left
        && member.joined.certainly_after(left)
    {
        report.error(
            FieldPath::item("members", i, "left"),
            format!("{} left on {left}, before joining on {}", member.member, member.joined),
        );
    }
}

fn check_overlapping_memberships(members: &[Membership], report: &mut Report) {
    let mut by_member: HashMap<&PartyRef, Vec<(usize, &Membership)>> = HashMap::new();
    for (i, m) in members.iter().enumerate() {
        by_member.entry(&m.member).or_default().push((i, m));
    }
    for periods in by_member.values_mut() {
        periods.sort_by_key(|(_, m)| m.joined);
        for pair in periods.windows(2) {
            let ((_, earlier), (later_index, later)) = (pair[0], pair[1]);
            let overlaps = earlier.left.is_none_or(|left| !later.joined.certainly_after(left));
            if overlaps {
                report.error(
                    FieldPath::item("members", later_index, "joined"),
                    format!(
                        "membership of {} from {} overlaps an earlier period from {}; close that period with `left`",
                        later.member, later.joined, earlier.joined
                    ),
                );
            }
        }
    }
}

fn check_instrument(instrument: &Instrument, known: &Known, report: &mut Report) {
    check_id(instrument.id.as_str(), report);
    let folder = report.file.path.split('/').nth(1).unwrap_or("");
    if folder != instrument.mechanism.as_str() {
        report.error(
            FieldPath::root().key("mechanism"),
            format!("mechanism {:?} does not match the folder instruments/{folder}/", instrument.mechanism.as_str()),
        );
    }
    check_sources(&instrument.sources, known, report);
    if let Some(body) = &instrument.body
        && !known.bodies.contains(body.as_str())
    {
        report.error(FieldPath::root().key("body"), format!("unknown body {:?}", body.as_str()));
    }
    if let Some(jurisdiction) = &instrument.jurisdiction {
        check_party_ref(jurisdiction, known, FieldPath::root().key("jurisdiction"), report);
    }
    for (i, event) in instrument.events.iter().enumerate() {
        check_source_ref(event.source.as_ref(), &instrument.sources, FieldPath::item("events", i, "source"), report);
    }
    check_event_order(instrument, report);
    check_parties(instrument, known, report);
    check_party_sets(instrument, known, report);
    check_provisions(instrument, known, report);
    check_applicability(instrument, report);
    check_control_items(instrument, report);
    check_licence_rules(instrument, known, report);
    for (i, relation) in instrument.relations.iter().enumerate() {
        let path = FieldPath::item("relations", i, "target");
        if relation.target == instrument.id {
            report.error(path, "an instrument cannot relate to itself");
        } else if !known.instruments.contains(relation.target.as_str()) {
            report.error(path, format!("unknown instrument {:?}", relation.target.as_str()));
        }
        if relation.source.is_some() {
            check_source_ref(
                relation.source.as_ref(),
                &instrument.sources,
                FieldPath::item("relations", i, "source"),
                report,
            );
        }
    }
}

/// Lifecycle events must come in an order that is possible.
fn check_event_order(instrument: &Instrument, report: &mut Report) {
    let first = |kind| instrument.first_event(kind);
    let index_of = |kind| instrument.events.iter().position(|e| e.kind == kind).unwrap_or(0);
    let rules = [
        (EventKind::EnteredIntoForce, EventKind::OpenedForSignature, "enters into force before it opens for signature"),
        (EventKind::EnteredIntoForce, EventKind::Adopted, "enters into force before it is adopted"),
        (EventKind::OpenedForSignature, EventKind::Adopted, "opens for signature before it is adopted"),
        (EventKind::Revoked, EventKind::Adopted, "is revoked before it is adopted"),
        (EventKind::Revoked, EventKind::EnteredIntoForce, "is revoked before it enters into force"),
    ];
    for (later, earlier, what) in rules {
        if let (Some(l), Some(e)) = (first(later), first(earlier))
            && e.certainly_after(l)
        {
            report.error(
                FieldPath::item("events", index_of(later), "date"),
                format!(
                    "impossible date order: the instrument {what} ({} {l}, {} {e})",
                    later.as_str(),
                    earlier.as_str()
                ),
            );
        }
    }
}

fn check_parties(instrument: &Instrument, known: &Known, report: &mut Report) {
    let opened = instrument.first_event(EventKind::OpenedForSignature);
    let mut seen: HashSet<(&PartyRef, PartyStatus)> = HashSet::new();
    for (i, party) in instrument.parties.iter().enumerate() {
        check_party_ref(&party.party, known, FieldPath::item("parties", i, "party"), report);
        check_source_ref(party.source.as_ref(), &instrument.sources, FieldPath::item("parties", i, "source"), report);
        if !seen.insert((&party.party, party.status)) {
            report.error(
                FieldPath::item("parties", i, "status"),
                format!("{} already has a record with status {:?}", party.party, party.status.as_str()),
            );
        }
        if let Some(opened) = opened
            && matches!(party.status, PartyStatus::Signed)
            && opened.certainly_after(party.date)
        {
            report.error(
                FieldPath::item("parties", i, "date"),
                format!(
                    "impossible date order: {} signed on {} before the instrument opened for signature on {opened}",
                    party.party, party.date
                ),
            );
        }
        if let Some(effective) = party.effective
            && party.date.certainly_after(effective)
        {
            report.error(
                FieldPath::item("parties", i, "effective"),
                format!("impossible date order: effective {effective} before the act of {}", party.date),
            );
        }
        check_party_act_order(instrument, i, report);
    }
}

/// A party cannot ratify before it signs, nor act after it has withdrawn.
fn check_party_act_order(instrument: &Instrument, i: usize, report: &mut Report) {
    let act = &instrument.parties[i];
    let others = instrument.parties.iter().filter(|p| p.party == act.party);
    for other in others {
        let ratification = matches!(act.status, PartyStatus::Ratified | PartyStatus::Approved | PartyStatus::Accepted);
        if ratification && other.status == PartyStatus::Signed && other.date.certainly_after(act.date) {
            report.error(
                FieldPath::item("parties", i, "date"),
                format!(
                    "impossible date order: {} is {} on {} but signed only on {}",
                    act.party,
                    act.status.as_str(),
                    act.date,
                    other.date
                ),
            );
        }
        if act.status == PartyStatus::Withdrawn
            && other.status != PartyStatus::Withdrawn
            && other.date.certainly_after(act.date)
        {
            report.error(
                FieldPath::item("parties", i, "date"),
                format!(
                    "impossible date order: {} withdrew on {} before it {} on {}",
                    act.party,
                    act.date,
                    other.status.as_str(),
                    other.date
                ),
            );
        }
    }
}

fn check_party_sets(instrument: &Instrument, known: &Known, report: &mut Report) {
    for (i, set) in instrument.party_sets.iter().enumerate() {
        if !known.bodies.contains(set.members_of.as_str()) {
            report.error(
                FieldPath::item("party_sets", i, "members_of"),
                format!("unknown body {:?}", set.members_of.as_str()),
            );
        }
        check_source_ref(set.source.as_ref(), &instrument.sources, FieldPath::item("party_sets", i, "source"), report);
        for (j, except) in set.except.iter().enumerate() {
            check_party_ref(except, known, FieldPath::root().key("party_sets").index(i).key("except").index(j), report);
        }
        if set.at.is_none() && set.date.is_none() {
            report.error(
                FieldPath::item("party_sets", i, "date"),
                "a party set that follows membership at the query date needs a `date` from which it applies",
            );
        }
    }
}

fn check_provisions(instrument: &Instrument, known: &Known, report: &mut Report) {
    let mut ids = HashSet::new();
    for (i, provision) in instrument.provisions.iter().enumerate() {
        let id = provision.id.as_str();
        if !is_slug(id) {
            report
                .error(FieldPath::item("provisions", i, "id"), format!("provision id {id:?} is not a kebab-case slug"));
        } else if !ids.insert(id) {
            report.error(FieldPath::item("provisions", i, "id"), format!("duplicate provision id {id:?}"));
        }
        if provision.topics.is_empty() {
            report.error(FieldPath::item("provisions", i, "topics"), "a provision needs at least one topic");
        }
        for (j, topic) in provision.topics.iter().enumerate() {
            if !known.topics.contains(topic.as_str()) {
                report.error(
                    FieldPath::root().key("provisions").index(i).key("topics").index(j),
                    format!("unknown topic {:?}; topics are the files in topics/", topic.as_str()),
                );
            }
        }
    }
}

fn check_applicability(instrument: &Instrument, report: &mut Report) {
    let mut ids = HashSet::new();
    for (i, rule) in instrument.applicability.iter().enumerate() {
        if !is_slug(&rule.id) {
            report.error(
                FieldPath::item("applicability", i, "id"),
                format!("rule id {:?} is not a kebab-case slug", rule.id),
            );
        } else if !ids.insert(rule.id.as_str()) {
            report.error(FieldPath::item("applicability", i, "id"), format!("duplicate rule id {:?}", rule.id));
        }
        check_source_ref(
            rule.source.as_ref(),
            &instrument.sources,
            FieldPath::item("applicability", i, "source"),
            report,
        );
        for (j, provision) in rule.provisions.iter().enumerate() {
            if !instrument.provisions.iter().any(|p| &p.id == provision) {
                report.error(
                    FieldPath::root().key("applicability").index(i).key("provisions").index(j),
                    format!("unknown provision {:?} of this instrument", provision.as_str()),
                );
            }
        }
        if let (Some(from), Some(until)) = (rule.from, rule.until)
            && from.certainly_after(until)
        {
            report.error(
                FieldPath::item("applicability", i, "until"),
                format!("impossible date order: applies from {from} until {until}"),
            );
        }
    }
}

fn check_control_items(instrument: &Instrument, report: &mut Report) {
    let mut ids = HashSet::new();
    for (i, item) in instrument.control_items.iter().enumerate() {
        if !is_slug(&item.id) {
            report.error(
                FieldPath::item("control_items", i, "id"),
                format!("control item id {:?} is not a kebab-case slug", item.id),
            );
        } else if !ids.insert(item.id.as_str()) {
            report.error(FieldPath::item("control_items", i, "id"), format!("duplicate control item id {:?}", item.id));
        }
        if item.classification.trim().is_empty() {
            report.error(
                FieldPath::item("control_items", i, "classification"),
                "a control item needs its classification",
            );
        }
        let path = FieldPath::item("control_items", i, "source");
        check_source_ref(item.source.as_ref(), &instrument.sources, path, report);
    }
}

fn check_licence_rules(instrument: &Instrument, known: &Known, report: &mut Report) {
    let mut ids = HashSet::new();
    for (i, rule) in instrument.licence_rules.iter().enumerate() {
        let at = |field: &str| FieldPath::item("licence_rules", i, field);
        let at_index = |field: &str, j: usize| FieldPath::root().key("licence_rules").index(i).key(field).index(j);
        if !is_slug(&rule.id) {
            report.error(at("id"), format!("licence rule id {:?} is not a kebab-case slug", rule.id));
        } else if !ids.insert(rule.id.as_str()) {
            report.error(at("id"), format!("duplicate licence rule id {:?}", rule.id));
        }
        if rule.items.is_empty() {
            report.error(at("items"), "a licence rule needs at least one control item");
        }
        for (j, item) in rule.items.iter().enumerate() {
            if !instrument.control_items.iter().any(|c| &c.id == item) {
                let listed: Vec<&str> = instrument.control_items.iter().map(|c| c.id.as_str()).collect();
                report.error(
                    at_index("items", j),
                    format!(
                        "unknown control item {item:?}; this instrument's control items are: {}",
                        listed.join(", ")
                    ),
                );
            }
        }
        if rule.destinations.is_empty() && !rule.worldwide {
            report.error(at("destinations"), "a licence rule needs destinations, or `worldwide = true`");
        }
        for (field, list) in [("destinations", &rule.destinations), ("except", &rule.except)] {
            for (j, place) in list.iter().enumerate() {
                check_destination(place, known, at_index(field, j), report);
            }
        }
        if let Some(until) = rule.until
            && rule.from.certainly_after(until)
        {
            report.error(at("until"), format!("impossible date order: applies from {} until {until}", rule.from));
        }
        let ended = matches!(rule.status, RuleStatus::Rescinded | RuleStatus::Superseded);
        if ended && rule.until.is_none() {
            report.error(at("until"), format!("a {} rule needs `until`, the last day it applied", rule.status));
        }
        if rule.status == RuleStatus::InForce && rule.until.is_some() {
            report.error(at("status"), "a rule with `until` is rescinded or superseded, not in force");
        }
        if rule.reason.trim().is_empty() || rule.reason.contains('\n') {
            report.error(at("reason"), "a reason is one non-empty line");
        }
        check_source_ref(rule.source.as_ref(), &instrument.sources, at("source"), report);
    }
}

/// A destination is a state or a body of kind `country-group`.
fn check_destination(place: &PartyRef, known: &Known, path: FieldPath, report: &mut Report) {
    match place {
        PartyRef::Body(id) if known.bodies.contains(id.as_str()) && !known.country_groups.contains(id.as_str()) => {
            report.error(path, format!("{:?} is a body but not a country group (kind `country-group`)", id.as_str()))
        }
        other => check_party_ref(other, known, path, report),
    }
}

fn check_party_ref(party: &PartyRef, known: &Known, path: FieldPath, report: &mut Report) {
    match party {
        PartyRef::State(_) => {}
        PartyRef::Body(id) if known.bodies.contains(id.as_str()) => {}
        PartyRef::Body(id) => report.error(path, format!("unknown body {:?}", id.as_str())),
        PartyRef::Invalid(text) => {
            report.error(path, format!("{text:?} is neither an ISO 3166-1 alpha-2 code in upper case nor a body id"))
        }
    }
}

fn check_sources(sources: &[Source], known: &Known, report: &mut Report) {
    if sources.is_empty() {
        report.error(FieldPath::root(), "the record has no [[sources]]: every record must cite where it comes from");
    }
    let mut ids = HashSet::new();
    for (i, source) in sources.iter().enumerate() {
        if !ids.insert(source.id.as_str()) {
            report.error(FieldPath::item("sources", i, "id"), format!("duplicate source id {:?}", source.id.as_str()));
        }
        match (&source.url, &source.seed) {
            (Some(_), Some(_)) | (None, None) => {
                report.error(FieldPath::root().key("sources").index(i), "a source needs exactly one of `url` or `seed`")
            }
            (Some(url), None) if !(url.starts_with("https://") || url.starts_with("http://")) => {
                report.error(FieldPath::item("sources", i, "url"), format!("{url:?} is not an http(s) URL"))
            }
            (None, Some(seed)) if !known.seeds.contains(seed.as_str()) => report.error(
                FieldPath::item("sources", i, "seed"),
                format!("unknown seed document {seed:?}; seeds are listed in seeds.toml"),
            ),
            _ => {}
        }
    }
}

fn check_source_ref(source: Option<&SourceId>, sources: &[Source], path: FieldPath, report: &mut Report) {
    match source {
        None => report.error(path, "no source: name one of this file's [[sources]] by its id"),
        Some(id) if sources.iter().any(|s| &s.id == id) => {}
        Some(id) => {
            let ids: Vec<_> = sources.iter().map(|s| s.id.as_str()).collect();
            report.error(path, format!("unknown source {:?}; this file's sources are: {}", id.as_str(), ids.join(", ")))
        }
    }
}

/// Crosswalk links must join provisions that exist in the two instruments the crosswalk names.
fn check_crosswalks(files: &[DataFile], parsed: &ParsedFiles, known: &Known, out: &mut Vec<Diagnostic>) {
    let provisions: HashMap<&str, HashSet<&str>> = parsed
        .instruments
        .iter()
        .map(|p| (p.record.id.as_str(), p.record.provisions.iter().map(|x| x.id.as_str()).collect()))
        .collect();
    check_duplicates(files, parsed.crosswalks.iter().map(|p| (p.file, p.record.id.as_str())), "crosswalk", out);
    for p in &parsed.crosswalks {
        check_crosswalk(&p.record, known, &provisions, &mut Report { file: &files[p.file], out });
    }
}

fn check_crosswalk(
    crosswalk: &Crosswalk,
    known: &Known,
    provisions: &HashMap<&str, HashSet<&str>>,
    report: &mut Report,
) {
    let (from, to) = (crosswalk.from.as_str(), crosswalk.to.as_str());
    let expected = format!("{from}--{to}");
    let stem = report.file.path.rsplit('/').next().and_then(|n| n.strip_suffix(".toml")).unwrap_or("");
    if crosswalk.id != expected || stem != expected {
        report.error(
            FieldPath::root().key("id"),
            format!("a crosswalk's id and file name are `<from>--<to>`: expected {expected:?} (file {stem:?}.toml)"),
        );
    }
    if from == to {
        report.error(FieldPath::root().key("to"), "a crosswalk links two different instruments");
    }
    for (field, id) in [("from", from), ("to", to)] {
        if !known.instruments.contains(id) {
            report.error(FieldPath::root().key(field), format!("unknown instrument {id:?}"));
        }
    }
    check_sources(&crosswalk.sources, known, report);
    let mut seen = HashSet::new();
    for (i, link) in crosswalk.links.iter().enumerate() {
        for (field, instrument, provision) in [("from", from, link.from.as_str()), ("to", to, link.to.as_str())] {
            if let Some(ids) = provisions.get(instrument)
                && !ids.contains(provision)
            {
                let mut listed: Vec<_> = ids.iter().copied().collect();
                listed.sort_unstable();
                report.error(
                    FieldPath::item("links", i, field),
                    format!("{instrument} has no provision {provision:?}; its provisions are: {}", listed.join(", ")),
                );
            }
        }
        if !seen.insert((link.from.as_str(), link.to.as_str())) {
            report.error(
                FieldPath::item("links", i, "to"),
                format!("the link {} -> {} is listed twice", link.from, link.to),
            );
        }
        if link.rationale.trim().is_empty() || link.rationale.contains('\n') {
            report.error(FieldPath::item("links", i, "rationale"), "a rationale is one non-empty line");
        }
        if link.source.is_some() {
            check_source_ref(link.source.as_ref(), &crosswalk.sources, FieldPath::item("links", i, "source"), report);
        }
    }
}
