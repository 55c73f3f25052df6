//! `accord export-check` and `accord screen` end to end: answers, JSON shape, exit codes, batches.

use std::path::{Path, PathBuf};
mod common;

use common::accord;

use serde_json::Value;

fn fixture(relative: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/screening/tests/fixtures").join(relative).display().to_string()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const CHIP: &str = r#"
name = "One accelerator"
destinations = ["VE", "JP"]
[[items]]
id = "gpu"
classification = "3A090"
"#;

fn check(package: &Path, as_of: &str) -> (Option<i32>, Value) {
    let out = accord(&["export-check", package.to_str().unwrap(), "--as-of", as_of, "--format", "json"]);
    let json =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code(), json)
}

#[test]
fn an_advanced_computing_chip_before_and_after_the_2023_rule_with_rule_and_source_and_exit_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let package = write(tmp.path(), "chip.toml", CHIP);

    let (code, before) = check(&package, "2023-06-01");
    assert_eq!(code, Some(0), "nothing needs attention before the 2023 rule: {before:#}");
    for answer in before["licences"].as_array().unwrap() {
        assert_eq!(answer["outcome"], "no-licence-required");
    }
    assert!(before["disclaimer"].as_str().unwrap().contains("not legal advice"));

    let (code, after) = check(&package, "2024-06-01");
    assert_eq!(code, Some(1), "a licence is required: exit 1");
    let ve = &after["licences"][0];
    assert_eq!((ve["destination"].as_str(), ve["outcome"].as_str()), (Some("VE"), Some("licence-required")));
    assert_eq!(ve["since"], "2023-11-17");
    assert_eq!(ve["rules"][0]["rule"], "advanced-computing-2023");
    assert_eq!(ve["rules"][0]["instrument"], "us-ear");
    assert_eq!(ve["rules"][0]["source"]["url"], "https://www.federalregister.gov/d/2023-23055");
    let jp = &after["licences"][1];
    assert_eq!((jp["destination"].as_str(), jp["outcome"].as_str()), (Some("JP"), Some("no-licence-required")));
    assert_eq!(after["summary"]["licence_required"], 1);
}

#[test]
fn a_listed_counterparty_is_reported_with_score_and_explanation_and_the_table_carries_the_disclaimer() {
    let tmp = tempfile::tempdir().unwrap();
    let package = write(
        tmp.path(),
        "cables.json",
        r#"{"name": "Cables", "as_of": "2024-06-01", "destinations": ["GB"],
            "items": [{"id": "cable", "classification": "EAR99"}],
            "counterparties": [{"name": "Banco Nacional de Cuba", "role": "buyer"}]}"#,
    );
    let list = fixture("ofac/sdn.csv");
    let out = accord(&["export-check", package.to_str().unwrap(), "--list", &list, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "a match needs attention");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["licences"][0]["outcome"], "not-controlled");
    let top = &json["counterparties"][0]["matches"][0];
    assert_eq!(top["entry_id"], "306");
    assert!(top["score"].as_f64().unwrap() >= 0.8);
    assert!(top["explanation_text"].as_str().unwrap().contains("Nacional ~ NACIONAL"));

    let table = accord(&["export-check", package.to_str().unwrap(), "--list", &list]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.contains("screening aid, not legal advice") && text.contains("BANCO NACIONAL DE CUBA"), "{text}");
}

#[test]
fn a_malformed_package_names_the_field_and_exits_1() {
    let tmp = tempfile::tempdir().unwrap();
    let package = write(tmp.path(), "bad.toml", &CHIP.replace("[\"VE\", \"JP\"]", "[\"VE\", \"Japan\"]"));
    let out = accord(&["export-check", package.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("destinations[1]") && err.contains("ISO 3166-1 alpha-2"), "{err}");
}

#[test]
fn screen_one_name_as_json_and_a_batch_as_csv_and_jsonl() {
    let list = fixture("ofac/sdn.csv");
    let out = accord(&["screen", "--list", &list, "BANCO NACIONAL DE CUBA", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["matches"][0]["entry_id"], "306");

    let tmp = tempfile::tempdir().unwrap();
    let names =
        write(tmp.path(), "names.csv", "name,country,kind\nBanco Nacional de Cuba,,organization\nNobody Special,,\n");
    let out_csv = tmp.path().join("out.csv");
    let out =
        accord(&["screen", "--list", &list, "--batch", names.to_str().unwrap(), "--out", out_csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let csv = std::fs::read_to_string(&out_csv).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("line,name,score,list,entry_id,matched_name,explanation"));
    assert!(lines.next().unwrap().starts_with("2,Banco Nacional de Cuba,"));
    assert_eq!(lines.next(), None, "the unlisted name has no row");

    let out = accord(&["screen", "--list", &list, "--batch", names.to_str().unwrap(), "--format", "jsonl"]);
    let rows: Vec<Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["matches"].as_array().unwrap().len(), 0);

    let bad = write(tmp.path(), "bad.csv", "company\nX\n");
    let out = accord(&["screen", "--list", &list, "--batch", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no `name` column"));
}

#[test]
fn screen_evaluate_prints_recall_and_precision_on_the_synthetic_set() {
    let out = accord(&["screen", "--evaluate", "--testdata", "/nonexistent", "--per-class", "5"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("synthetic list") && text.contains("recall") && text.contains("overall"), "{text}");
    assert!(text.contains("skipped the SDN benchmark"), "{text}");
}
