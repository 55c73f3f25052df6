//! Licence answers: for one item and one destination on a date, which recorded rules apply and what
//! they require, with the reasons, dates and sources. Everything comes from the atlas's data.

use accord_atlas::model::{
    ControlCategory, ControlItem, Instrument, LicenceRule, Mechanism, Requirement, RuleStatus, Source,
};
use accord_atlas::{Atlas, BodyId, CountryCode, InstrumentId, PartialDate, PartyRef};
use serde::Serialize;

/// The answer for one item to one destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Outcome {
    LicenceRequired,
    /// The recorded rules cannot settle it: a country group whose members are not recorded, an
    /// item whose rules are recorded only in part, or a classification the atlas does not know.
    Undetermined,
    LicenceExceptionAvailable,
    NoLicenceRequired,
    /// EAR99 or the like, and no recorded rule reaches the destination.
    NotControlled,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// True when the exporter must act before shipping: apply for a licence, or find out.
    pub fn needs_attention(self) -> bool {
        matches!(self, Self::LicenceRequired | Self::Undetermined)
    }
}

/// A recorded control item the package item falls under.
#[derive(Debug, Clone, Serialize)]
pub struct ControlRef {
    pub instrument: InstrumentId,
    pub id: String,
    pub classification: String,
    pub name: String,
    pub category: ControlCategory,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// A licence rule as it bears on the answer.
#[derive(Debug, Clone, Serialize)]
pub struct RuleAnswer {
    pub instrument: InstrumentId,
    pub rule: String,
    pub requirement: Requirement,
    pub status: RuleStatus,
    pub from: PartialDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<PartialDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub announced: Option<PartialDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    pub reason: String,
    /// How the rule reaches the destination: `direct`, `worldwide`, or the country group.
    pub reaches: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The country group's source for the destination's membership, when the rule reaches it through one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub membership_source: Option<Source>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A rule that reaches the destination but does not apply on the date: it ended, or starts later.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    /// `ended`, `later`, or `announced-not-effective`.
    pub change: &'static str,
    #[serde(flatten)]
    pub rule: RuleAnswer,
}

/// Whether one item needs a licence to one destination on one date, and why.
#[derive(Debug, Clone, Serialize)]
pub struct LicenceAnswer {
    pub item: String,
    pub classification: String,
    pub destination: CountryCode,
    pub destination_name: String,
    pub as_of: PartialDate,
    pub outcome: Outcome,
    /// Since when the outcome holds, from the rules that decide it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<PartialDate>,
    /// Why, in a few lines.
    pub reasons: Vec<String>,
    pub control_items: Vec<ControlRef>,
    /// The rules that apply on the date and reach the destination.
    pub rules: Vec<RuleAnswer>,
    /// Rules that reach the destination on other dates: what changed before, and what comes after.
    pub history: Vec<HistoryEntry>,
}

/// How a rule reaches a destination on a date.
enum Reach {
    Yes {
        how: String,
        membership_source: Option<Source>,
    },
    No,
    /// Through a country group whose members are not recorded.
    Unknown(BodyId),
}

/// The licence answer for an item classified `classification` to `destination` on `date`.
pub fn answer(
    atlas: &Atlas,
    item: &str,
    classification: &str,
    destination: CountryCode,
    date: PartialDate,
) -> LicenceAnswer {
    let mut out = LicenceAnswer {
        item: item.to_owned(),
        classification: classification.trim().to_owned(),
        destination,
        destination_name: destination.name().to_owned(),
        as_of: date,
        outcome: Outcome::Undetermined,
        since: None,
        reasons: Vec::new(),
        control_items: Vec::new(),
        rules: Vec::new(),
        history: Vec::new(),
    };
    let matched = matching_items(atlas, classification);
    if matched.is_empty() {
        out.reasons.push(format!(
            "no export-control instrument of the atlas records the classification {:?}; check it against the control list",
            out.classification
        ));
        return out;
    }

    let mut unknown_groups: Vec<BodyId> = Vec::new();
    let mut fallback = Outcome::NotControlled;
    for (instrument, control) in &matched {
        out.control_items.push(ControlRef {
            instrument: instrument.id.clone(),
            id: control.id.clone(),
            classification: control.classification.clone(),
            name: control.name.clone(),
            category: control.category,
            source: control.source.as_ref().and_then(|s| instrument.source(s)).cloned(),
        });
        fallback = fallback.min(match (control.category, control.rules_complete) {
            (ControlCategory::Ear99, _) => Outcome::NotControlled,
            (_, true) => Outcome::NoLicenceRequired,
            (_, false) => Outcome::Undetermined,
        });
        for rule in instrument.licence_rules.iter().filter(|r| r.items.contains(&control.id)) {
            let reach = reach(atlas, rule, destination, date);
            let (how, membership_source) = match reach {
                Reach::No => continue,
                Reach::Yes { how, membership_source } => (how, membership_source),
                Reach::Unknown(group) => {
                    if rule.applies_on(date) {
                        unknown_groups.push(group.clone());
                    }
                    (format!("{group} (members not recorded)"), None)
                }
            };
            let answer = rule_answer(instrument, rule, how, membership_source);
            if rule.applies_on(date) {
                if !out.rules.iter().any(|r| r.instrument == answer.instrument && r.rule == answer.rule) {
                    out.rules.push(answer);
                }
            } else if !out.history.iter().any(|h| h.rule.instrument == answer.instrument && h.rule.rule == answer.rule)
            {
                let change = match rule.status {
                    RuleStatus::AnnouncedNotEffective => "announced-not-effective",
                    _ if date.start() < rule.from.start() => "later",
                    _ => "ended",
                };
                out.history.push(HistoryEntry { change, rule: answer });
            }
        }
    }
    out.history.sort_by_key(|h| h.rule.from);
    // A rule that reaches the destination only through an unrecorded group does not decide the answer.
    let deciding: Vec<&RuleAnswer> =
        out.rules.iter().filter(|r| !r.reaches.ends_with("(members not recorded)")).collect();
    let strictest = deciding.iter().map(|r| requirement_outcome(r.requirement)).min();
    out.outcome = match strictest {
        Some(Outcome::LicenceRequired) => Outcome::LicenceRequired,
        _ if !unknown_groups.is_empty() => Outcome::Undetermined,
        Some(outcome) => outcome,
        None => fallback,
    };
    out.since = deciding.iter().filter(|r| requirement_outcome(r.requirement) == out.outcome).map(|r| r.from).min();
    out.reasons = reasons(&out, &deciding, &unknown_groups);
    out
}

/// Control items of export-control instruments whose classification covers `classification`: the same
/// entry, or a sub-paragraph of it (`3A090.a` falls under `3A090`).
fn matching_items<'a>(atlas: &'a Atlas, classification: &str) -> Vec<(&'a Instrument, &'a ControlItem)> {
    let wanted = classification.trim().to_ascii_uppercase();
    atlas
        .instruments()
        .iter()
        .filter(|i| i.mechanism == Mechanism::ExportControl)
        .flat_map(|i| i.control_items.iter().map(move |c| (i, c)))
        .filter(|(_, c)| {
            let listed = c.classification.trim().to_ascii_uppercase();
            wanted == listed || wanted.strip_prefix(&listed).is_some_and(|rest| rest.starts_with('.'))
        })
        .collect()
}

fn reach(atlas: &Atlas, rule: &LicenceRule, destination: CountryCode, date: PartialDate) -> Reach {
    let state = PartyRef::State(destination);
    let mut excluded_by_unknown = None;
    for place in &rule.except {
        match in_place(atlas, place, &state, date) {
            Some(true) => return Reach::No,
            Some(false) => {}
            None => excluded_by_unknown = place_group(place),
        }
    }
    let mut reach =
        if rule.worldwide { Reach::Yes { how: "worldwide".into(), membership_source: None } } else { Reach::No };
    for place in &rule.destinations {
        match in_place(atlas, place, &state, date) {
            Some(true) => {
                let (how, membership_source) = match place {
                    PartyRef::Body(group) => (group.to_string(), membership_source(atlas, group, &state, date)),
                    _ => ("direct".into(), None),
                };
                reach = Reach::Yes { how, membership_source };
                break;
            }
            Some(false) => {}
            None => {
                if let (Reach::No, Some(group)) = (&reach, place_group(place)) {
                    reach = Reach::Unknown(group);
                }
            }
        }
    }
    match (reach, excluded_by_unknown) {
        // Reached, but possibly excepted through a group whose members are not recorded.
        (Reach::Yes { .. }, Some(group)) => Reach::Unknown(group),
        (reach, _) => reach,
    }
}

/// Whether `state` is `place` (a state) or a member of it (a country group) on `date`; `None` when the
/// group's members are not recorded.
fn in_place(atlas: &Atlas, place: &PartyRef, state: &PartyRef, date: PartialDate) -> Option<bool> {
    match place {
        PartyRef::State(_) => Some(place == state),
        PartyRef::Body(id) => {
            let body = atlas.body(id)?;
            if body.members.is_empty() {
                // Members not recorded: only a recorded non-membership settles it.
                return body.non_members.iter().any(|n| &n.state == state).then_some(false);
            }
            Some(body.members_on(date).any(|m| &m.member == state))
        }
        PartyRef::Invalid(_) => Some(false),
    }
}

fn place_group(place: &PartyRef) -> Option<BodyId> {
    match place {
        PartyRef::Body(id) => Some(id.clone()),
        _ => None,
    }
}

fn membership_source(atlas: &Atlas, group: &BodyId, state: &PartyRef, date: PartialDate) -> Option<Source> {
    let body = atlas.body(group)?;
    let membership = body.members_on(date).find(|m| &m.member == state)?;
    let id = membership.source.as_ref()?;
    body.sources.iter().find(|s| &s.id == id).cloned()
}

fn rule_answer(
    instrument: &Instrument,
    rule: &LicenceRule,
    reaches: String,
    membership_source: Option<Source>,
) -> RuleAnswer {
    RuleAnswer {
        instrument: instrument.id.clone(),
        rule: rule.id.clone(),
        requirement: rule.requirement,
        status: rule.status,
        from: rule.from,
        until: rule.until,
        announced: rule.announced,
        policy: rule.policy.clone(),
        reason: rule.reason.clone(),
        reaches,
        source: rule.source.as_ref().and_then(|s| instrument.source(s)).cloned(),
        membership_source,
        note: rule.note.clone(),
    }
}

fn requirement_outcome(requirement: Requirement) -> Outcome {
    match requirement {
        Requirement::LicenceRequired => Outcome::LicenceRequired,
        Requirement::LicenceExceptionAvailable => Outcome::LicenceExceptionAvailable,
        Requirement::NoLicenceRequired => Outcome::NoLicenceRequired,
    }
}

fn reasons(answer: &LicenceAnswer, deciding: &[&RuleAnswer], unknown_groups: &[BodyId]) -> Vec<String> {
    let mut lines = Vec::new();
    let dest = format!("{} ({})", answer.destination_name, answer.destination);
    for rule in deciding {
        let via = match rule.reaches.as_str() {
            "direct" => String::new(),
            "worldwide" => " (all destinations)".to_owned(),
            group => format!(" (as a member of {group})"),
        };
        lines.push(format!(
            "{}: {} to {dest}{via} from {}{}: {}",
            rule.rule,
            rule.requirement,
            rule.from,
            rule.until.map(|u| format!(" until {u}")).unwrap_or_default(),
            rule.reason
        ));
    }
    for group in unknown_groups {
        lines.push(format!(
            "a rule in force reaches {group}, whose members the atlas does not record; check whether {} belongs to it",
            answer.destination
        ));
    }
    if deciding.is_empty() && unknown_groups.is_empty() {
        lines.push(match answer.outcome {
            Outcome::NotControlled => format!(
                "{} is not on a control list and no recorded rule reaches {dest} on {}; embargoes, listed parties and prohibited end uses can still require a licence",
                answer.classification, answer.as_of
            ),
            Outcome::NoLicenceRequired => format!(
                "no recorded destination-based licence requirement for {} reaches {dest} on {}; end-use and end-user controls are not covered",
                answer.classification, answer.as_of
            ),
            _ => format!(
                "the atlas records the licence rules for {} only in part, and none reaches {dest} on {}",
                answer.classification, answer.as_of
            ),
        });
    }
    lines
}
