//! Groups of states: the members of a body on a date, the AI summit signatories, all UN members, or a list.

use std::collections::BTreeSet;

use accord_atlas::model::MemberRole;
use accord_atlas::{Atlas, BodyId, CountryCode, InstrumentId, LegalEffect, PartialDate, PartyRef};

use crate::AnalyticsError;

/// The predefined groups, with what each means.
pub const GROUPS: &[(&str, &str)] = &[
    ("g7", "state members of the G7"),
    ("g20", "state members of the G20 (the EU and the African Union, members as bodies, are left out)"),
    ("eu", "member states of the European Union"),
    ("asean", "member states of ASEAN"),
    ("oecd", "member states of the OECD"),
    ("ai-safety-summit", "states that signed or endorsed a Bletchley, Seoul or Paris summit text"),
    ("all", "every member state of the United Nations"),
];

/// The summit texts whose signatories make up `ai-safety-summit`.
pub const SUMMIT_TEXTS: &[&str] = &[
    "bletchley-declaration",
    "seoul-declaration",
    "seoul-ministerial-statement",
    "paris-statement-inclusive-sustainable-ai",
];

/// The states of a group on a date, sorted by code.
pub fn members(atlas: &Atlas, spec: &str, as_of: PartialDate) -> Result<Vec<CountryCode>, AnalyticsError> {
    let spec = spec.trim();
    let states: BTreeSet<CountryCode> = match spec {
        "g7" | "g20" | "eu" | "asean" | "oecd" => body_states(atlas, spec, as_of)?,
        "all" => body_states(atlas, "un", as_of)?,
        "ai-safety-summit" => summit_states(atlas, as_of),
        list => codes(list)?,
    };
    Ok(states.into_iter().collect())
}

/// State members of a body on a date (observers excluded).
pub fn body_states(atlas: &Atlas, body: &str, as_of: PartialDate) -> Result<BTreeSet<CountryCode>, AnalyticsError> {
    let record = atlas.body(&BodyId::from(body)).ok_or_else(|| AnalyticsError::UnknownBody(body.to_owned()))?;
    Ok(record.members_on(as_of).filter(|m| m.role != MemberRole::Observer).filter_map(|m| m.member.state()).collect())
}

fn summit_states(atlas: &Atlas, as_of: PartialDate) -> BTreeSet<CountryCode> {
    SUMMIT_TEXTS
        .iter()
        .filter_map(|id| atlas.instrument(&InstrumentId::from(*id)))
        .flat_map(|instrument| atlas.parties_as_of(instrument, as_of))
        .filter(|p| p.effect != LegalEffect::None)
        .filter_map(|p| match p.party {
            PartyRef::State(code) => Some(code),
            _ => None,
        })
        .collect()
}

/// A comma-separated list of ISO codes; anything else is an unknown group.
fn codes(list: &str) -> Result<BTreeSet<CountryCode>, AnalyticsError> {
    list.split(',')
        .map(|code| {
            let code = code.trim().to_ascii_uppercase();
            CountryCode::parse(&code).ok_or_else(|| AnalyticsError::UnknownGroup {
                name: list.to_owned(),
                groups: GROUPS.iter().map(|(g, _)| *g).collect::<Vec<_>>().join(", "),
            })
        })
        .collect()
}
