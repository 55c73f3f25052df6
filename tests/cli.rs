//! The `accord` binary end to end: output shapes, exit codes and messages.

mod common;

use common::{accord, json, stderr};
use serde_json::Value;

#[test]
fn validate_succeeds_on_the_built_in_atlas_with_a_summary() {
    let out = accord(&["validate"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("ok: ") && text.contains(" instruments, "), "{text}");
}

#[test]
fn validate_reports_errors_with_file_line_and_column_and_exits_1() {
    let tmp = tempfile::tempdir().unwrap();
    let topics = tmp.path().join("topics");
    std::fs::create_dir_all(&topics).unwrap();
    std::fs::write(topics.join("a.toml"), "id = \"a\"\nname = \"A\"\ndefinition = \"d\"\nsee_also = [\"nope\"]\n")
        .unwrap();
    std::fs::write(topics.join("b.toml"), "id = \"B\"\nname = \"B\"\ndefinition = \"d\"\n").unwrap();
    let out = accord(&["validate", "--data", tmp.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("topics/a.toml:4:13: see_also[0]: unknown topic \"nope\""), "{err}");
    assert!(err.contains("topics/b.toml:1:6: id: id \"B\" is not a kebab-case slug"), "{err}");
    assert!(err.contains("2 error(s) in 2 file(s)"), "{err}");
}

#[test]
fn show_bletchley_as_json_lists_each_party_with_status_date_and_source() {
    let v = json(&["show", "bletchley-declaration", "--format", "json", "--as-of", "2024-01-01"]);
    let parties = v["parties"].as_array().unwrap();
    assert_eq!(parties.len(), 29);
    let is_state = |p: &&Value| p["party"].as_str().unwrap().chars().all(|c| c.is_ascii_uppercase());
    assert_eq!(parties.iter().filter(is_state).count(), 28);
    for p in parties {
        assert_eq!(p["status"], "endorsed");
        assert_eq!(p["date"], "2023-11-01");
        assert_eq!(p["how"], "direct");
        assert!(p["source"]["url"].as_str().unwrap().starts_with("https://"));
    }
    let before = json(&["show", "bletchley-declaration", "--format", "json", "--as-of", "2023-10-01"]);
    assert_eq!(before["parties"].as_array().unwrap().len(), 0);
    assert_eq!(before["lifecycle"], "not-yet-adopted");
}

#[test]
fn country_us_in_march_2025_has_signed_the_coe_convention_and_not_the_paris_statement() {
    let v = json(&["country", "US", "--as-of", "2025-03-01", "--format", "json"]);
    let instruments = v["instruments"].as_array().unwrap();
    let coe = instruments.iter().find(|i| i["id"] == "coe-framework-convention-ai").expect("CoE Convention listed");
    assert_eq!(coe["status"], "signed");
    assert_eq!(coe["effect"], "signed-not-bound");
    assert_eq!(coe["date"], "2024-09-05");
    assert!(!instruments.iter().any(|i| i["id"] == "paris-statement-inclusive-sustainable-ai"));
    assert!(v["memberships"].as_array().unwrap().iter().any(|m| m["body"] == "oecd"));
}

#[test]
fn countries_lists_every_state_with_its_counts_as_of_a_date() {
    let list = json(&["countries", "--as-of", "2024-01-01", "--format", "json"]);
    assert_eq!(list["as_of"], "2024-01-01");
    let countries = list["countries"].as_array().expect("countries");
    let japan = countries.iter().find(|c| c["code"] == "JP").expect("Japan");
    assert_eq!(japan["name"], "Japan");
    assert!(japan["instruments"].as_u64() > Some(5) && japan["memberships"].as_u64() > Some(5), "{japan}");
    let table = accord(&["countries"]);
    assert!(table.status.success());
    assert!(String::from_utf8_lossy(&table.stdout).contains("South Korea"));
}

#[test]
fn instruments_filters_combine() {
    let v = json(&["instruments", "--mechanism", "treaty", "--format", "json"]);
    let list = v["instruments"].as_array().unwrap();
    assert!(!list.is_empty());
    assert!(list.iter().all(|i| i["mechanism"] == "treaty"));

    let fr = json(&["instruments", "--party", "FR", "--as-of", "2024-01-01", "--format", "json"]);
    let ids: Vec<&str> = fr["instruments"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"bletchley-declaration"));
    assert!(!ids.contains(&"paris-statement-inclusive-sustainable-ai"), "not adopted yet in January 2024");

    let search = json(&["instruments", "--search", "Bletchley", "--format", "json"]);
    let found = search["instruments"].as_array().unwrap();
    assert!(found.iter().any(|i| i["id"] == "bletchley-declaration"));
    assert!(found.len() < 10, "the search must narrow the list");

    let topic = json(&["instruments", "--topic", "frontier-risks", "--binding", "voluntary", "--format", "json"]);
    assert!(topic["instruments"].as_array().unwrap().iter().all(|i| i["binding"] == "voluntary"));
}

#[test]
fn csv_output_has_a_header_and_one_row_per_party() {
    let out = accord(&["show", "bletchley-declaration", "--format", "csv"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("party,name,status,date,how,effect,source"));
    assert_eq!(lines.count(), 29);
}

#[test]
fn unknown_ids_and_bad_dates_exit_1_with_a_clear_message() {
    let out = accord(&["show", "no-such-thing"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no instrument or body with id \"no-such-thing\""));

    let out = accord(&["country", "XX"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("\"XX\" is not an ISO 3166-1 alpha-2 country code"));

    let out = accord(&["instruments", "--as-of", "2024-02-30"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("bad --as-of date \"2024-02-30\""), "{}", stderr(&out));

    let out = accord(&["instruments", "--topic", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("unknown topic \"nope\""));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(accord(&["instruments", "--no-such-flag"]).status.code(), Some(2));
    let out = accord(&["instruments", "--mechanism", "treatise"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("expected one of: treaty, multilateral"), "{}", stderr(&out));
    assert_eq!(accord(&["show"]).status.code(), Some(2));
}

#[test]
fn schema_is_a_json_schema_with_a_definition_per_record_kind() {
    let v = json(&["schema"]);
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
    for kind in ["Instrument", "Body", "Topic", "SeedList"] {
        assert!(v["$defs"][kind].is_object(), "{kind} missing");
    }
    assert_eq!(v["$defs"]["Instrument"]["additionalProperties"], false);
}

#[test]
fn export_writes_json_and_csv_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_str().unwrap();
    assert!(accord(&["export", "--format", "json", "--out", dir]).status.success());
    let atlas: Value = serde_json::from_slice(&std::fs::read(tmp.path().join("atlas.json")).unwrap()).unwrap();
    assert!(atlas["instruments"].as_array().unwrap().len() >= 50);
    assert!(accord(&["export", "--format", "csv", "--out", dir]).status.success());
    let parties = std::fs::read_to_string(tmp.path().join("parties.csv")).unwrap();
    assert!(parties.starts_with("instrument,party,status,date,effective,note,source"));
    assert!(parties.lines().any(|l| l.starts_with("bletchley-declaration,US,endorsed,2023-11-01")));
}

#[test]
fn serve_rejects_a_bad_address_as_a_usage_error() {
    let out = accord(&["serve", "--addr", "not-an-address"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn assess_prints_json_and_markdown_and_rejects_a_malformed_profile_with_exit_1() {
    let v = json(&["assess", "examples/general-purpose-model.toml", "--format", "json", "--as-of", "2025-09-01"]);
    assert_eq!(v["as_of"], "2025-09-01");
    assert!(v["jurisdictions"].as_array().unwrap().iter().any(|j| j["code"] == "FR"));
    assert!(v["unified_plan"].as_array().is_some_and(|p| !p.is_empty()));

    let out = accord(&["assess", "examples/medical-device.toml", "--format", "md"]);
    assert!(out.status.success());
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.starts_with("# AI governance assessment:") && md.contains("## Differentiated plan"), "{md}");

    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.toml");
    std::fs::write(&bad, "name = \"x\"\nkinds = [\"toaster\"]\nroles = [\"provider\"]\nestablished_in = \"FR\"\n")
        .unwrap();
    let out = accord(&["assess", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("kinds[0]") && err.contains("medical-device"), "{err}");
}

#[test]
fn an_inventory_gets_one_json_line_per_system_and_a_bad_line_does_not_stop_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let inventory = tmp.path().join("systems.jsonl");
    let good = r#"{"name": "a", "kinds": ["generative"], "roles": ["provider"], "offered_in": ["FR"], "established_in": "FR"}"#;
    let bad = r#"{"name": "b", "kinds": ["generative"], "roles": ["pilot"], "established_in": "FR"}"#;
    std::fs::write(&inventory, format!("{good}\n{bad}\n{good}\n")).unwrap();
    let out = accord(&["assess", "--inventory", inventory.to_str().unwrap(), "--as-of", "2026-01-01"]);
    assert_eq!(out.status.code(), Some(1), "one line failed");
    let lines: Vec<Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["system"], "a");
    assert_eq!(lines[1]["error"]["path"], "roles[0]");
    assert!(lines[1]["error"]["allowed"].as_array().unwrap().iter().any(|v| v == "deployer"));
    assert_eq!(lines[2]["summary"]["as_of"], "2026-01-01");
    assert!(lines[2]["summary"]["jurisdictions"][0]["findings"].as_array().is_some_and(|f| !f.is_empty()));

    let full = accord(&["assess", "--inventory", inventory.to_str().unwrap(), "--full"]);
    let first: Value = serde_json::from_str(String::from_utf8_lossy(&full.stdout).lines().next().unwrap()).unwrap();
    assert!(first["assessment"]["unified_plan"].is_array());
}
