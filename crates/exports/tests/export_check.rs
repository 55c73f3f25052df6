//! Hand-checked export answers against the shipped atlas: the advanced computing rules before and
//! after their changes, a close ally, EAR99, malformed packages and counterparty screening.

use std::path::Path;

use accord_atlas::{Atlas, CountryCode, PartialDate};
use accord_exports::{Outcome, Package, PackageFormat, answer, check};
use accord_screening::{Screener, Strictness, load_file};

fn atlas() -> Atlas {
    Atlas::embedded().expect("the shipped atlas is valid")
}

fn date(text: &str) -> PartialDate {
    text.parse().unwrap()
}

fn cc(code: &str) -> CountryCode {
    CountryCode::parse(code).unwrap()
}

/// The outcome, the deciding rule ids and their source URLs.
fn outcome(atlas: &Atlas, classification: &str, destination: &str, on: &str) -> (Outcome, Vec<String>, Vec<String>) {
    let a = answer(atlas, "item", classification, cc(destination), date(on));
    let rules = a.rules.iter().map(|r| r.rule.clone()).collect();
    let urls = a.rules.iter().filter_map(|r| r.source.as_ref().and_then(|s| s.url.clone())).collect();
    (a.outcome, rules, urls)
}

#[test]
fn a_3a090_chip_to_china_needs_a_licence_under_the_2022_rule_and_then_the_2023_rule() {
    let atlas = atlas();
    let (o, rules, urls) = outcome(&atlas, "3A090", "CN", "2023-06-01");
    assert_eq!(o, Outcome::LicenceRequired);
    assert_eq!(rules, ["advanced-computing-china-2022"]);
    assert_eq!(urls, ["https://www.federalregister.gov/d/2022-21658"]);

    let later = answer(&atlas, "chip", "3A090.a", cc("CN"), date("2024-06-01"));
    assert_eq!(later.outcome, Outcome::LicenceRequired);
    let rule = later.rules.iter().find(|r| r.rule == "advanced-computing-2023").expect("the 2023 rule applies");
    assert_eq!(rule.reaches, "ear-country-group-d5");
    assert_eq!(rule.source.as_ref().unwrap().url.as_deref(), Some("https://www.federalregister.gov/d/2023-23055"));
    assert!(rule.membership_source.is_some(), "China's membership of D:5 is sourced");
    assert_eq!(later.since, Some(date("2023-11-17")));
    // The 2022 rule it replaced is history, ended the day before.
    let ended = later.history.iter().find(|h| h.rule.rule == "advanced-computing-china-2022").unwrap();
    assert_eq!((ended.change, ended.rule.until), ("ended", Some(date("2023-11-16"))));
}

#[test]
fn before_the_2022_rule_a_3a090_chip_to_china_needed_no_licence_and_the_rule_is_shown_as_coming() {
    let a = answer(&atlas(), "chip", "3A090", cc("CN"), date("2022-10-06"));
    assert_eq!(a.outcome, Outcome::NoLicenceRequired);
    assert!(a.history.iter().any(|h| h.change == "later" && h.rule.rule == "advanced-computing-china-2022"));
}

#[test]
fn a_3a090_chip_to_venezuela_needs_no_licence_under_the_2022_rule_and_one_under_the_2023_rule() {
    let atlas = atlas();
    let (before, rules, _) = outcome(&atlas, "3A090", "VE", "2023-06-01");
    assert_eq!((before, rules.len()), (Outcome::NoLicenceRequired, 0));
    let (after, rules, urls) = outcome(&atlas, "3A090", "VE", "2024-06-01");
    assert_eq!(after, Outcome::LicenceRequired);
    assert_eq!(rules, ["advanced-computing-2023"]);
    assert_eq!(urls, ["https://www.federalregister.gov/d/2023-23055"]);
}

#[test]
fn a_3a090_chip_to_a_close_ally_needs_no_licence_outside_the_ai_diffusion_window() {
    let atlas = atlas();
    for code in ["GB", "JP"] {
        for on in ["2022-12-01", "2023-06-01", "2024-06-01", "2025-01-12", "2025-05-13", "2025-08-01"] {
            let (o, rules, _) = outcome(&atlas, "3A090", code, on);
            assert_eq!(o, Outcome::NoLicenceRequired, "{code} on {on}: {rules:?}");
        }
        // Inside the window the rescinded rule's worldwide requirement is reported, with its status.
        let inside = answer(&atlas, "chip", "3A090", cc(code), date("2025-03-01"));
        assert_eq!(inside.outcome, Outcome::LicenceRequired);
        let rule = &inside.rules[0];
        assert_eq!((rule.rule.as_str(), rule.reaches.as_str()), ("ai-diffusion-worldwide", "worldwide"));
        assert_eq!(rule.until, Some(date("2025-05-12")));
        assert!(rule.note.as_deref().unwrap().contains("never bound exporters"));
    }
}

#[test]
fn model_weights_needed_a_licence_only_while_the_diffusion_rule_stood() {
    let atlas = atlas();
    assert_eq!(outcome(&atlas, "4E091", "IN", "2025-02-01").0, Outcome::LicenceRequired);
    assert_eq!(outcome(&atlas, "4E091", "IN", "2025-06-01").0, Outcome::NoLicenceRequired);
}

#[test]
fn a_d1_or_d4_destination_whose_group_is_not_recorded_is_undetermined_not_cleared() {
    let a = answer(&atlas(), "chip", "3A090", cc("SA"), date("2024-06-01"));
    assert_eq!(a.outcome, Outcome::Undetermined);
    assert!(
        a.reasons.iter().any(|r| r.contains("ear-country-group-d1") && r.contains("does not record")),
        "{:?}",
        a.reasons
    );
}

#[test]
fn ear99_needs_no_licence_except_to_an_embargoed_destination() {
    let atlas = atlas();
    let (o, rules, _) = outcome(&atlas, "EAR99", "GB", "2024-06-01");
    assert_eq!((o, rules.len()), (Outcome::NotControlled, 0));
    let (cuba, rules, urls) = outcome(&atlas, "ear99", "CU", "2024-06-01");
    assert_eq!((cuba, rules), (Outcome::LicenceRequired, vec!["embargo-cuba-ear99".to_string()]));
    assert!(urls[0].starts_with("https://www.bis.gov/"));
}

#[test]
fn an_unknown_classification_or_an_item_with_partial_rules_is_undetermined() {
    let atlas = atlas();
    let unknown = answer(&atlas, "x", "9Z999", cc("GB"), date("2024-06-01"));
    assert_eq!(unknown.outcome, Outcome::Undetermined);
    assert!(unknown.control_items.is_empty());
    assert_eq!(outcome(&atlas, "5A002", "GB", "2024-06-01").0, Outcome::Undetermined);
    assert_eq!(outcome(&atlas, "5A002", "RU", "2024-06-01").0, Outcome::LicenceRequired);
}

const PACKAGE: &str = r#"
name = "Cluster for a research lab"
as_of = "2024-06-01"
destinations = ["CN", "GB"]

[[items]]
id = "gpu"
classification = "3A090.a"

[[items]]
id = "cables"
classification = "EAR99"

[[counterparties]]
name = "Hangzhou Example Microelectronics Co Ltd"
country = "CN"
kind = "organization"
role = "end-user"

[[counterparties]]
name = "Jane Unlisted Buyer"
role = "buyer"
"#;

fn fixture_screener() -> Screener {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../screening/tests/fixtures/csl/csl.json");
    Screener::new(load_file(&path, Strictness::Lenient).expect("fixture list loads").entries)
}

#[test]
fn a_package_is_checked_item_by_destination_and_a_listed_counterparty_is_reported_with_score_and_explanation() {
    let atlas = atlas();
    let package = Package::parse(PACKAGE, PackageFormat::Toml).unwrap();
    let screener = fixture_screener();
    let result = check(&atlas, Some(&screener), &package, None).unwrap();
    assert_eq!(result.as_of, date("2024-06-01"));
    assert!(result.disclaimer.contains("not legal advice"));
    let outcomes: Vec<(&str, &str, Outcome)> =
        result.licences.iter().map(|l| (l.item.as_str(), l.destination.as_str(), l.outcome)).collect();
    assert_eq!(
        outcomes,
        [
            ("gpu", "CN", Outcome::LicenceRequired),
            ("gpu", "GB", Outcome::NoLicenceRequired),
            ("cables", "CN", Outcome::NotControlled),
            ("cables", "GB", Outcome::NotControlled),
        ]
    );
    let listed = &result.counterparties[0];
    assert!(listed.screened);
    let top = listed.matches.first().expect("the listed company matches");
    assert!(top.found.score >= 0.8 && top.found.score <= 1.0, "{}", top.found.score);
    assert_eq!(top.found.matched_name, "Hangzhou Example Microelectronics Co., Ltd.");
    assert!(!top.explanation_text.is_empty());
    assert!(result.counterparties[1].matches.is_empty());
    assert_eq!((result.summary.licence_required, result.summary.counterparty_matches), (1, 1));
    assert!(result.summary.needs_attention);

    let unscreened = check(&atlas, None, &package, None).unwrap();
    assert_eq!(unscreened.summary.unscreened_counterparties, 2);
}

#[test]
fn a_malformed_package_names_the_field_and_the_allowed_values() {
    let bad_kind = PACKAGE.replace("kind = \"organization\"", "kind = \"company\"");
    let error = Package::parse(&bad_kind, PackageFormat::Toml).unwrap_err();
    assert_eq!(error.path, "counterparties[0].kind");
    assert_eq!(error.allowed, ["person", "organization"]);

    let json = r#"{"name": "x", "items": [{"id": "a", "classification": "3A090"}], "destinations": ["China"]}"#;
    let package = Package::parse(json, PackageFormat::Json).unwrap();
    let error = check(&atlas(), None, &package, None).unwrap_err();
    assert_eq!(error.path, "destinations[0]");
    assert!(error.message.contains("ISO 3166-1 alpha-2"));

    let missing =
        Package::parse(r#"{"name": "x", "items": [{"id": "a"}], "destinations": ["CN"]}"#, PackageFormat::Json)
            .unwrap_err();
    assert_eq!(missing.path, "items[0]");
    assert!(missing.message.contains("classification"), "{}", missing.message);
}
