//! The analytics commands end to end: output shapes, exit codes and the acceptance examples.

mod common;

use common::{accord, json, stderr};
use serde_json::Value;

#[test]
fn compare_lists_bletchley_for_both_and_paris_for_neither() {
    let v = json(&["compare", "US", "GB", "--as-of", "2025-06-01", "--format", "json"]);
    let ids = |key: &str| -> Vec<String> {
        v[key].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect()
    };
    assert!(ids("in_all").contains(&"bletchley-declaration".to_owned()));
    let paris = "paris-statement-inclusive-sustainable-ai".to_owned();
    assert!(!ids("in_all").contains(&paris) && !ids("in_one").contains(&paris));
    let score = v["scores"][0]["score"].as_f64().unwrap();
    assert!(score > 0.0 && score < 1.0);
    let history = json(&[
        "compare",
        "US",
        "FR",
        "--history",
        "year",
        "--from",
        "2020",
        "--as-of",
        "2025-06-01",
        "--format",
        "json",
    ]);
    let dates: Vec<&str> = history["history"].as_array().unwrap().iter().map(|p| p["date"].as_str().unwrap()).collect();
    assert_eq!(
        dates,
        ["2020-01-01", "2021-01-01", "2022-01-01", "2023-01-01", "2024-01-01", "2025-01-01", "2025-06-01"]
    );
}

#[test]
fn matrix_json_has_the_documented_shape() {
    let v = json(&["matrix", "--group", "g7", "--as-of", "2025-06-01", "--format", "json"]);
    let members = v["members"].as_array().unwrap();
    assert_eq!(members.len(), 7);
    let scores = v["scores"].as_array().unwrap();
    assert_eq!(scores.len(), 7);
    for (i, row) in scores.iter().enumerate() {
        assert_eq!(row[i].as_f64(), Some(1.0));
    }
    let covered: usize =
        v["coalitions"].as_array().unwrap().iter().map(|c| c["members"].as_array().unwrap().len()).sum();
    assert_eq!(covered, 7);
    let csv = accord(&["matrix", "--group", "US,GB,FR", "--as-of", "2025-06-01", "--format", "csv"]);
    let text = String::from_utf8_lossy(&csv.stdout);
    assert!(text.starts_with(",FR,GB,US\nFR,1.00,"), "{text}");
}

#[test]
fn g20_fragmentation_from_2017_prints_a_row_per_year_in_one_command() {
    let out = accord(&["fragmentation", "--group", "g20", "--from", "2017", "--to", "2025-06-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    for year in 2017..=2025 {
        assert!(text.contains(&format!("{year}-01-01")), "{year} missing:\n{text}");
    }
    let v = json(&["fragmentation", "--group", "g20", "--from", "2017", "--to", "2025-06-01", "--format", "json"]);
    let points = v["points"].as_array().unwrap();
    assert_eq!(points.len(), 10);
    assert!(points.iter().all(|p| p["index"].as_f64().is_some() && p["coalitions"].is_array()));
}

#[test]
fn query_paris_not_bletchley_returns_the_states_as_json() {
    let query = "signed(paris-statement-inclusive-sustainable-ai) and not signed(bletchley-declaration)";
    let v = json(&["query", query, "--as-of", "2025-06-01", "--format", "json"]);
    assert_eq!(v["count"], 35);
    let codes: Vec<&str> = v["states"].as_array().unwrap().iter().map(|s| s["code"].as_str().unwrap()).collect();
    for present in ["MX", "NZ", "NO", "SE", "VA"] {
        assert!(codes.contains(&present), "{present} missing");
    }
    for absent in ["FR", "GB", "US", "IN", "CN"] {
        assert!(!codes.contains(&absent), "{absent} should not be there");
    }
    assert_eq!(v["states"][0]["name"], "Armenia");
}

#[test]
fn a_bad_query_exits_1_and_points_at_the_column() {
    let out = accord(&["query", "member(g20) and (party(nothing)"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("column 24: unknown instrument \"nothing\""), "{err}");
    assert!(err.contains("                         ^"), "{err}");
    let out = accord(&["matrix", "--group", "g8"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("groups are g7, g20"), "{}", stderr(&out));
    assert_eq!(accord(&["coalitions", "--group", "g7", "--cut", "2"]).status.code(), Some(2));
    assert_eq!(accord(&["compare", "US"]).status.code(), Some(2));
    assert_eq!(accord(&["changes", "--from", "2024-13"]).status.code(), Some(1));
}

#[test]
fn crosswalk_exports_oscal_and_csv_files() {
    let tmp = tempfile::tempdir().unwrap();
    let oscal = tmp.path().join("crosswalk.json");
    let out = accord(&["crosswalk", "--export", "oscal", "--out", oscal.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&std::fs::read(&oscal).unwrap()).unwrap();
    let mappings = doc["mapping-collection"]["mappings"].as_array().unwrap();
    assert!(mappings.len() >= 10);
    assert!(doc["mapping-collection"]["metadata"]["last-modified"].as_str().unwrap().ends_with('Z'));
    let csv = tmp.path().join("crosswalk.csv");
    let out = accord(&[
        "crosswalk",
        "--export",
        "csv",
        "--out",
        csv.to_str().unwrap(),
        "--from",
        "oecd-ai-recommendation",
        "--to",
        "g20-ai-principles",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("crosswalk,from_instrument,from_provision,to_instrument,to_provision,relation,"));
    assert_eq!(text.lines().count(), 12, "a header and the 11 OECD-G20 links");
    let v = json(&["crosswalk", "coe-framework-convention-ai", "--format", "json"]);
    assert!(v["links"].as_array().unwrap().iter().all(|l| l["from"]["instrument"] == "coe-framework-convention-ai"));
    assert!(
        v["topics"].as_array().unwrap().iter().any(|t| t["topic"] == "democracy-rule-of-law" && t["subject"] == true)
    );
}

#[test]
fn changes_2024_2025_include_the_coe_opening_and_paris_signatures_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let feed = tmp.path().join("changes.atom");
    let v = json(&[
        "changes",
        "--from",
        "2024-01-01",
        "--to",
        "2025-12-31",
        "--format",
        "json",
        "--atom",
        feed.to_str().unwrap(),
    ]);
    let changes = v["changes"].as_array().unwrap();
    assert!(changes.iter().any(|c| c["subject"] == "coe-framework-convention-ai"
        && c["kind"] == "opened-for-signature"
        && c["date"] == "2024-09-05"));
    let paris =
        changes.iter().filter(|c| c["subject"] == "paris-statement-inclusive-sustainable-ai" && c["kind"] == "signed");
    assert!(paris.count() >= 50);
    let atom = std::fs::read_to_string(&feed).unwrap();
    assert!(atom.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
    assert_eq!(atom.matches("<entry>").count(), changes.len());
    let out = accord(&["changes", "--from", "2024-09-05", "--to", "2024-09-05", "--format", "csv"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("date,category,kind,subject,party,description,source\n"));
    assert!(text.contains("2024-09-05,instrument,opened-for-signature,coe-framework-convention-ai"), "{text}");
}
