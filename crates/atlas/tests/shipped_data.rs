//! Checks over the shipped atlas: every fact is sourced, every file matches the published JSON Schema,
//! and as-of resolution gives the hand-checked answers.

use std::path::Path;

use accord_atlas::model::PartyStatus;
use accord_atlas::{Atlas, InstrumentId, LegalEffect, PartialDate, PartyRef, Route};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");

fn atlas() -> Atlas {
    Atlas::from_dir(Path::new(DATA)).expect("shipped data is valid")
}

fn date(text: &str) -> PartialDate {
    text.parse().unwrap()
}

fn party(text: &str) -> PartyRef {
    PartyRef::parse(text)
}

#[test]
fn every_instrument_party_membership_and_event_has_a_source() {
    let atlas = atlas();
    for instrument in atlas.instruments() {
        assert!(!instrument.sources.is_empty(), "{} has no sources", instrument.id);
        for source in &instrument.sources {
            assert!(
                source.url.is_some() != source.seed.is_some(),
                "{}: source {} needs a url or a seed",
                instrument.id,
                source.id
            );
        }
        let resolves =
            |s: &Option<accord_atlas::ids::SourceId>| s.as_ref().is_some_and(|s| instrument.source(s).is_some());
        for p in &instrument.parties {
            assert!(resolves(&p.source), "{}: party {} has no source", instrument.id, p.party);
        }
        for set in &instrument.party_sets {
            assert!(resolves(&set.source), "{}: party set of {} has no source", instrument.id, set.members_of);
        }
        for e in &instrument.events {
            assert!(resolves(&e.source), "{}: event {} has no source", instrument.id, e.kind);
        }
    }
    for body in atlas.bodies() {
        assert!(!body.sources.is_empty(), "{} has no sources", body.id);
        for m in &body.members {
            let ok = m.source.as_ref().is_some_and(|s| body.sources.iter().any(|b| &b.id == s));
            assert!(ok, "{}: membership of {} has no source", body.id, m.member);
        }
    }
}

#[test]
fn every_shipped_file_matches_the_published_json_schema() {
    let schema = accord_atlas::schema::data_schema();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("accord://data.json", schema).unwrap();
    let mut compile =
        |kind: &str| compiler.compile(&format!("accord://data.json#/$defs/{kind}"), &mut schemas).unwrap();
    let (instrument, body, topic, seeds, crosswalk) =
        (compile("Instrument"), compile("Body"), compile("Topic"), compile("SeedList"), compile("Crosswalk"));
    let mut checked = 0;
    for file in accord_atlas::load::read_dir(Path::new(DATA)).unwrap() {
        let value: serde_json::Value = toml::from_str(&file.text).unwrap();
        let index = match file.path.split('/').next().unwrap() {
            "instruments" => instrument,
            "bodies" => body,
            "topics" => topic,
            "seeds.toml" => seeds,
            "crosswalks" => crosswalk,
            other => panic!("unexpected data file {other}"),
        };
        if let Err(error) = schemas.validate(&value, index) {
            panic!("{} does not match the schema: {error}", file.path);
        }
        checked += 1;
    }
    assert!(checked > 100, "only {checked} files checked");

    // The schema is not vacuous: a record with an unknown field or a bad date fails it.
    let bad: serde_json::Value =
        toml::from_str("id = \"x\"\nname = \"X\"\ndefinition = \"d\"\ncolour = \"red\"\n").unwrap();
    assert!(schemas.validate(&bad, topic).is_err());
}

#[test]
fn bletchley_lists_28_countries_and_the_eu_and_nobody_before_the_summit() {
    let atlas = atlas();
    let bletchley = atlas.instrument(&InstrumentId::from("bletchley-declaration")).unwrap();
    let parties = atlas.parties_as_of(bletchley, date("2025-01-01"));
    let states = parties.iter().filter(|p| p.party.state().is_some()).count();
    assert_eq!(states, 28);
    assert!(parties.iter().any(|p| p.party == party("eu")));
    assert_eq!(parties.len(), 29);
    for p in &parties {
        assert_eq!(p.date, date("2023-11-01"));
        assert_eq!(p.effect, LegalEffect::PoliticalCommitment);
        assert!(p.source.as_ref().and_then(|s| s.url.as_ref()).is_some(), "{} lacks a source URL", p.party);
    }
    for code in ["US", "GB", "CN", "IN", "BR", "FR"] {
        assert!(parties.iter().any(|p| p.party == party(code)), "{code} missing");
    }
    assert!(atlas.parties_as_of(bletchley, date("2023-10-01")).is_empty());
}

#[test]
fn unesco_recommendation_parties_come_from_membership_at_adoption() {
    let atlas = atlas();
    let rec = atlas.instrument(&InstrumentId::from("unesco-recommendation-ethics-ai")).unwrap();
    assert!(rec.parties.is_empty(), "the parties must be derived, not listed");
    let parties = atlas.parties_as_of(rec, date("2022-01-01"));
    assert!(parties.len() >= 190, "{} parties", parties.len());
    assert!(parties.iter().all(|p| p.how == Route::Via && p.via.as_ref().map(|v| v.as_str()) == Some("unesco")));
    // The United States was not a UNESCO member in November 2021 (it left at the end of 2018, back in 2023).
    assert!(!parties.iter().any(|p| p.party == party("US")));
    assert!(parties.iter().any(|p| p.party == party("FR")));
    // Membership after adoption does not make a state a party retroactively.
    assert!(!atlas.parties_as_of(rec, date("2026-01-01")).iter().any(|p| p.party == party("US")));
}

#[test]
fn eu_law_reaches_member_states_only_while_they_are_members() {
    let atlas = atlas();
    let ai_act = atlas.instrument(&InstrumentId::from("eu-ai-act")).unwrap();
    let parties = atlas.parties_as_of(ai_act, date("2025-09-01"));
    let fr = parties.iter().find(|p| p.party == party("FR")).expect("FR is reached");
    assert_eq!(fr.via.as_ref().map(|v| v.as_str()), Some("eu"));
    assert_eq!(fr.effect, LegalEffect::Bound);
    assert!(fr.membership_source.is_some());
    assert!(!parties.iter().any(|p| p.party == party("GB")), "the UK left the EU before the AI Act");
    assert_eq!(parties.iter().filter(|p| p.party.state().is_some()).count(), 27);

    let gdpr = atlas.instrument(&InstrumentId::from("gdpr")).unwrap();
    assert!(atlas.parties_as_of(gdpr, date("2019-06-01")).iter().any(|p| p.party == party("GB")));
    assert!(!atlas.parties_as_of(gdpr, date("2021-06-01")).iter().any(|p| p.party == party("GB")));
}

#[test]
fn a_binding_agreement_the_eu_concludes_binds_its_members() {
    let atlas = atlas();
    let r155 = atlas.instrument(&InstrumentId::from("un-r155-cyber-security")).unwrap();
    let parties = atlas.parties_as_of(r155, date("2025-01-01"));
    let de = parties.iter().find(|p| p.party == party("DE")).expect("DE is reached through the EU");
    assert_eq!(de.via.as_ref().map(|v| v.as_str()), Some("eu"));
    assert_eq!(de.effect, LegalEffect::Bound);
    assert!(parties.iter().any(|p| p.party == party("JP") && p.how == Route::Direct));
    assert!(!parties.iter().any(|p| p.party == party("US")));
}

#[test]
fn the_coe_convention_is_signed_but_not_binding_for_the_us() {
    let atlas = atlas();
    let coe = atlas.instrument(&InstrumentId::from("coe-framework-convention-ai")).unwrap();
    let us = atlas.parties_as_of(coe, date("2025-03-01")).into_iter().find(|p| p.party == party("US")).unwrap();
    assert_eq!(us.status, PartyStatus::Signed);
    assert_eq!(us.effect, LegalEffect::SignedNotBound);
    // A signature by the EU is not a consent to be bound, so it binds no member state.
    let parties = atlas.parties_as_of(coe, date("2025-03-01"));
    assert!(!parties.iter().any(|p| p.party == party("DE") && p.via.is_some()));
    assert!(atlas.parties_as_of(coe, date("2024-09-04")).is_empty());
}

#[test]
fn a_revoked_order_has_no_effect_after_revocation() {
    let atlas = atlas();
    let eo = atlas.instrument(&InstrumentId::from("eo-14110")).unwrap();
    let before = atlas.parties_as_of(eo, date("2024-06-01"));
    assert_eq!(before.iter().find(|p| p.party == party("US")).unwrap().effect, LegalEffect::Bound);
    let after = atlas.parties_as_of(eo, date("2025-06-01"));
    assert_eq!(after.iter().find(|p| p.party == party("US")).unwrap().effect, LegalEffect::None);
}
