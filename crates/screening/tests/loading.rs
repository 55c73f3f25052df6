//! The loaders, one format at a time: entries, aliases, addresses, countries and dates come through,
//! malformed rows are reported with their line and do not stop the rest, strict mode stops at the first.

use std::path::{Path, PathBuf};

use accord_screening::load::{Format, detect};
use accord_screening::{BirthDate, EntityKind, LoadError, Loaded, NameKind, Strictness, load_file};

fn fixture(relative: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(relative);
    assert!(path.exists(), "fixture {} is missing from the repository", path.display());
    path
}

fn load(relative: &str) -> Loaded {
    let path = fixture(relative);
    load_file(&path, Strictness::Lenient).unwrap_or_else(|e| panic!("{} should load: {e}", path.display()))
}

fn entry<'a>(loaded: &'a Loaded, id: &str) -> &'a accord_screening::Entry {
    loaded.entries.iter().find(|e| e.id.0 == id).unwrap_or_else(|| panic!("entry {id} not loaded"))
}

#[test]
fn formats_are_detected_from_content() {
    let cases = [
        ("ofac/sdn.csv", Format::Ofac),
        ("csl/consolidated_2025_sample.csv", Format::CslCsv),
        ("csl/csl_2019_sample.csv", Format::CslCsv),
        ("csl/csl.json", Format::CslJson),
        ("opensanctions/targets.simple.csv", Format::OpenSanctionsCsv),
        ("opensanctions/t1_entities.ftm.json", Format::FollowTheMoney),
    ];
    for (file, format) in cases {
        assert_eq!(detect(&fixture(file)).expect(file), format, "{file}");
    }
    let companion = detect(&fixture("ofac/alt.csv")).expect_err("alt.csv alone is not a list");
    assert!(companion.to_string().contains("sdn.csv"), "the message says what to load instead: {companion}");
}

#[test]
fn ofac_sdn_keeps_aliases_addresses_programs_and_remarks() {
    let loaded = load("ofac/sdn.csv");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.entries.len(), 16);
    let bank = entry(&loaded, "306");
    assert_eq!(bank.primary_name(), "BANCO NACIONAL DE CUBA");
    assert_eq!(bank.kind, EntityKind::Organization);
    assert_eq!(bank.programs, ["CUBA"]);
    assert_eq!(bank.source_list, "SDN");
    assert!(bank.names.iter().any(|n| n.text == "NATIONAL BANK OF CUBA" && n.kind == NameKind::Aka));
    assert!(bank.addresses.iter().any(|a| a.country.as_deref() == Some("Switzerland")));
    let person = entry(&loaded, "2674");
    assert_eq!(person.kind, EntityKind::Person);
    assert!(!person.birth_dates.is_empty(), "DOB read from the remarks");
    assert!(loaded.entries.iter().any(|e| e.kind == EntityKind::Vessel));
}

#[test]
fn ofac_malformed_rows_are_reported_with_their_line_and_the_rest_load() {
    let loaded = load("ofac_malformed/sdn.csv");
    let ids: Vec<&str> = loaded.entries.iter().map(|e| e.id.0.as_str()).collect();
    assert_eq!(ids, ["36", "306", "2674"]);
    let lines: Vec<(String, u64)> = loaded
        .problems
        .iter()
        .map(|p| (p.file.file_name().unwrap_or_default().to_string_lossy().into_owned(), p.line))
        .collect();
    assert_eq!(
        lines,
        [
            ("sdn.csv".to_string(), 2),
            ("sdn.csv".to_string(), 3),
            ("sdn.csv".to_string(), 5),
            ("alt.csv".to_string(), 2)
        ]
    );
    assert!(loaded.problems[0].message.contains("expected 12 fields"), "{}", loaded.problems[0]);
    assert_eq!(entry(&loaded, "2674").birth_dates, [BirthDate { year: 1948, month: Some(12), day: Some(10) }]);
    assert_eq!(entry(&loaded, "2674").countries, ["Iraq"]);
}

#[test]
fn strict_mode_stops_at_the_first_malformed_row() {
    let error = load_file(&fixture("ofac_malformed/sdn.csv"), Strictness::Strict).expect_err("strict mode fails");
    match error {
        LoadError::Malformed(problem) => assert_eq!(problem.line, 2),
        other => panic!("expected a malformed-row error, got {other}"),
    }
    assert!(load_file(&fixture("csl/malformed.csv"), Strictness::Strict).is_err());
    assert!(load_file(&fixture("opensanctions/malformed.ftm.json"), Strictness::Strict).is_err());
}

#[test]
fn csl_csv_reads_both_headers() {
    let current = load("csl/consolidated_2025_sample.csv");
    assert_eq!(current.entries.len(), 13);
    assert!(current.problems.is_empty(), "{:?}", current.problems);
    let armenia = current.entries.iter().find(|e| e.primary_name() == "Atlas Sanatgaran").expect("UVL row");
    assert_eq!(armenia.source_list, "Unverified List (UVL) - Bureau of Industry and Security");
    assert_eq!(armenia.addresses[0].country.as_deref(), Some("AM"));
    assert_eq!(armenia.id.0, "1b5979e8fd3920a1a0985bf5088dad930a6a5562d1513f9e4b015e42");

    let old = load("csl/csl_2019_sample.csv");
    assert_eq!(old.entries.len() + old.problems.len(), 115);
    assert!(old.entries.len() >= 110);
    assert!(old.entries.iter().any(|e| e.names.len() > 1), "alt_names become aliases");
    assert!(old.entries.iter().any(|e| e.kind == EntityKind::Person && !e.birth_dates.is_empty()));
}

#[test]
fn csl_csv_malformed_rows_are_reported_and_skipped() {
    let loaded = load("csl/malformed.csv");
    let names: Vec<&str> = loaded.entries.iter().map(|e| e.primary_name()).collect();
    assert_eq!(names, ["Example Trading LLC", "Example Aviation Plant JSC"]);
    let lines: Vec<u64> = loaded.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [3, 4]);
}

#[test]
fn csl_json_keeps_aliases_addresses_dates_and_reports_results_without_names() {
    let loaded = load("csl/csl.json");
    assert_eq!(loaded.entries.len(), 3);
    assert_eq!(loaded.problems.len(), 1);
    assert_eq!(loaded.problems[0].line, 14, "{}", loaded.problems[0]);
    let company = entry(&loaded, "e7f1a3c0");
    assert_eq!(company.names.len(), 3);
    assert_eq!(company.addresses[0].country.as_deref(), Some("CN"));
    assert_eq!(company.source_list, "Entity List (EL) - Bureau of Industry and Security");
    let person = entry(&loaded, "9b2c4d10");
    assert_eq!(person.kind, EntityKind::Person);
    assert_eq!(person.birth_dates, [BirthDate { year: 1971, month: Some(1), day: Some(22) }]);
    assert_eq!(person.countries, ["RU", "RU"]);
    assert_eq!(person.programs, ["SDGT"]);
}

#[test]
fn csl_json_that_is_not_json_fails_with_its_line() {
    let dir = std::env::temp_dir().join(format!("accord-screening-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("broken.json");
    std::fs::write(&path, "{\"results\": [\n  {\"name\": \"A\"},\n  {\"name\": }\n]}\n").expect("write");
    match load_file(&path, Strictness::Lenient) {
        Err(LoadError::Malformed(problem)) => assert_eq!(problem.line, 3),
        other => panic!("expected a malformed-file error, got {other:?}"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn opensanctions_simple_csv_reads_aliases_countries_and_reports_bad_rows() {
    let loaded = load("opensanctions/targets.simple.csv");
    let ids: Vec<&str> = loaded.entries.iter().map(|e| e.id.0.as_str()).collect();
    assert_eq!(ids, ["NK-example1", "NK-example2", "NK-example3"]);
    let lines: Vec<u64> = loaded.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [4, 6]);
    let person = entry(&loaded, "NK-example1");
    assert_eq!(person.kind, EntityKind::Person);
    assert_eq!(person.names.len(), 3);
    assert_eq!(person.birth_dates, [BirthDate { year: 1965, month: Some(3), day: Some(4) }]);
    assert_eq!(entry(&loaded, "NK-example2").countries, ["cn", "hk"]);
    assert_eq!(entry(&loaded, "NK-example3").kind, EntityKind::Vessel);
}

#[test]
fn followthemoney_lines_keep_every_name_and_report_broken_lines() {
    let loaded = load("opensanctions/t1_entities.ftm.json");
    assert_eq!(loaded.entries.len(), 7);
    assert!(loaded.problems.is_empty());
    let kuzmenko = entry(&loaded, "NK-2Ka3UvopqbpZmVDFjWd4LA");
    assert_eq!(kuzmenko.kind, EntityKind::Person);
    assert!(kuzmenko.names.iter().any(|n| n.text == "Виталий Юрьевич КУЗЬМЕНКО"));
    assert_eq!(kuzmenko.birth_dates, [BirthDate { year: 1971, month: Some(1), day: Some(22) }]);
    assert_eq!(kuzmenko.countries, ["ru"]);

    let broken = load("opensanctions/malformed.ftm.json");
    let ids: Vec<&str> = broken.entries.iter().map(|e| e.id.0.as_str()).collect();
    assert_eq!(ids, ["ftm-1", "ftm-3"]);
    let lines: Vec<u64> = broken.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [2, 5]);
}

#[test]
fn the_real_sdn_2021_snapshot_loads_without_problems() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/testdata/screening/ofac_sdn_2021/sdn.csv");
    if !path.exists() {
        println!("skipped: {} is absent (the shared test data sits beside the repository)", path.display());
        return;
    }
    let loaded = load_file(&path, Strictness::Strict).expect("the SDN snapshot loads in strict mode");
    assert_eq!(loaded.entries.len(), 8976);
    let people = loaded.entries.iter().filter(|e| e.kind == EntityKind::Person).count();
    assert_eq!(people, 4620);
}
