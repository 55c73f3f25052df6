//! Breaks a copy of the shipped data in every way the validator must catch, and checks that each problem
//! is reported with the right file and line, all in one run.

use std::fs;
use std::path::{Path, PathBuf};

use accord_atlas::{Atlas, AtlasError, Diagnostic};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");

/// A treaty with an impossible lifecycle, bad references and parties in an impossible order.
const BROKEN_TREATY: &str = r#"id = "broken-treaty"
name = "Broken Treaty"
mechanism = "treaty"
form = "convention"
binding = "binding"
body = "no-such-forum"
summary = "A test record."

[[events]]
kind = "opened-for-signature"
date = "2024-09-05"
source = "text"

[[events]]
kind = "entered-into-force"
date = "2024-01-01"
source = "text"

[[parties]]
party = "FR"
status = "signed"
date = "2024-10-01"
source = "text"

[[parties]]
party = "FR"
status = "ratified"
date = "2024-09-20"
source = "text"

[[parties]]
party = "XX"
status = "signed"
date = "2024-10-01"
source = "text"

[[parties]]
party = "no-such-body"
status = "signed"
date = "2024-10-01"
source = "text"

[[parties]]
party = "DE"
status = "signed"
date = "2024-10-01"

[[provisions]]
id = "one"
title = "A provision without a topic"
summary = "Text."
topics = []

[[provisions]]
id = "two"
title = "A provision with an unknown topic"
summary = "Text."
topics = ["no-such-topic"]

[[relations]]
kind = "builds-on"
target = "no-such-instrument"

[[sources]]
id = "text"
url = "https://example.org/broken-treaty"
title = "Text"
supports = "everything"
"#;

/// A body whose membership records lack a source and leave before they join.
const BROKEN_BODY: &str = r#"id = "broken-body"
name = "Broken Body"
kind = "forum"
summary = "A test record."

[[members]]
member = "FR"
joined = "2020-01-01"

[[members]]
member = "DE"
joined = "2020-01-01"
left = "2019-01-01"
source = "site"

[[sources]]
id = "site"
url = "https://example.org/broken-body"
title = "Site"
supports = "members"
"#;

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn broken_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    copy_dir(Path::new(DATA), &dir);
    fs::write(dir.join("instruments/treaty/broken-treaty.toml"), BROKEN_TREATY).unwrap();
    fs::write(dir.join("bodies/broken-body.toml"), BROKEN_BODY).unwrap();
    // Syntax error: an unterminated string on line 2.
    fs::write(dir.join("topics/broken-syntax.toml"), "id = \"broken-syntax\"\nname = \"unterminated\n").unwrap();
    // Unknown field on line 4.
    fs::write(
        dir.join("topics/unknown-field.toml"),
        "id = \"unknown-field\"\nname = \"Unknown field\"\ndefinition = \"Text.\"\ncolour = \"red\"\n",
    )
    .unwrap();
    // Duplicate id: a second file declaring the id of an existing topic (and not matching its own name).
    let dup = fs::read_to_string(dir.join("topics/privacy.toml")).unwrap();
    fs::write(dir.join("topics/privacy2.toml"), dup).unwrap();
    (tmp, dir)
}

fn diagnostics(dir: &Path) -> Vec<Diagnostic> {
    match Atlas::from_dir(dir) {
        Err(AtlasError::Invalid(diagnostics)) => diagnostics,
        Err(other) => panic!("unexpected error: {other}"),
        Ok(_) => panic!("broken data was accepted"),
    }
}

fn expect(diags: &[Diagnostic], file: &str, line: usize, needle: &str) {
    let found = diags.iter().any(|d| d.file == file && d.line == line && d.message.contains(needle));
    assert!(
        found,
        "expected {file}:{line} to report {needle:?}; got:\n{}",
        diags.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn every_kind_of_error_is_reported_with_file_and_line_in_one_run() {
    let (_tmp, dir) = broken_copy();
    let diags = diagnostics(&dir);
    let treaty = "instruments/treaty/broken-treaty.toml";
    let body = "bodies/broken-body.toml";

    expect(&diags, "topics/broken-syntax.toml", 2, "");
    expect(&diags, "topics/unknown-field.toml", 4, "unknown field `colour`");
    expect(&diags, "topics/privacy2.toml", 1, "duplicate topic id \"privacy\"");
    expect(&diags, "topics/privacy2.toml", 1, "does not match the file name");
    expect(&diags, treaty, 6, "unknown body \"no-such-forum\"");
    expect(&diags, treaty, 16, "enters into force before it opens for signature");
    expect(&diags, treaty, 28, "is ratified on 2024-09-20 but signed only on 2024-10-01");
    expect(&diags, treaty, 32, "neither an ISO 3166-1 alpha-2 code");
    expect(&diags, treaty, 38, "unknown body \"no-such-body\"");
    expect(&diags, treaty, 43, "no source");
    expect(&diags, treaty, 52, "at least one topic");
    expect(&diags, treaty, 58, "unknown topic \"no-such-topic\"");
    expect(&diags, treaty, 62, "unknown instrument \"no-such-instrument\"");
    expect(&diags, body, 6, "no source");
    expect(&diags, body, 13, "left on 2019-01-01, before joining on 2020-01-01");

    // Nothing else is wrong: the shipped data itself is clean.
    let broken_files = [treaty, body, "topics/broken-syntax.toml", "topics/unknown-field.toml", "topics/privacy2.toml"];
    let stray: Vec<_> = diags.iter().filter(|d| !broken_files.contains(&d.file.as_str())).collect();
    assert!(stray.is_empty(), "unexpected diagnostics: {stray:?}");
}

#[test]
fn the_shipped_data_is_valid() {
    let atlas = Atlas::from_dir(Path::new(DATA)).unwrap_or_else(|e| match e {
        AtlasError::Invalid(d) => panic!("{}", d.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")),
        other => panic!("{other}"),
    });
    assert!(atlas.instruments().len() >= 50);
}

#[test]
fn a_file_in_the_wrong_mechanism_folder_is_reported() {
    let (_tmp, dir) = broken_copy();
    fs::rename(dir.join("instruments/treaty/broken-treaty.toml"), dir.join("instruments/sector/broken-treaty.toml"))
        .unwrap();
    let diags = diagnostics(&dir);
    expect(&diags, "instruments/sector/broken-treaty.toml", 3, "does not match the folder instruments/sector/");
}

/// A crosswalk whose name, instruments and provisions do not hold together.
const BROKEN_CROSSWALK: &str = r#"id = "oecd-ai-recommendation--g20-ai-principles"
from = "oecd-ai-recommendation"
to = "no-such-instrument"

[[links]]
from = "transparency-explainability"
to = "transparency"
relation = "equivalent"
rationale = "Same wording."

[[links]]
from = "no-such-provision"
to = "transparency"
relation = "related"
rationale = "Made up."
source = "nowhere"

[[sources]]
id = "text"
url = "https://example.org/text"
title = "Text"
supports = "the provisions"
"#;

#[test]
fn a_crosswalk_must_name_existing_instruments_and_provisions() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    copy_dir(Path::new(DATA), &dir);
    fs::create_dir_all(dir.join("crosswalks")).unwrap();
    let file = "crosswalks/broken.toml";
    fs::write(dir.join(file), BROKEN_CROSSWALK).unwrap();
    let diags = diagnostics(&dir);
    expect(&diags, file, 1, "expected \"oecd-ai-recommendation--no-such-instrument\"");
    expect(&diags, file, 3, "unknown instrument \"no-such-instrument\"");
    expect(&diags, file, 12, "oecd-ai-recommendation has no provision \"no-such-provision\"");
    expect(&diags, file, 16, "unknown source \"nowhere\"");
    let bad_relation = BROKEN_CROSSWALK.replace("relation = \"related\"", "relation = \"similar\"");
    fs::write(dir.join(file), bad_relation).unwrap();
    expect(&diagnostics(&dir), file, 14, "unknown variant `similar`");
}

/// An export-control instrument whose control items and licence rules do not hold together.
const BROKEN_CONTROLS: &str = r#"id = "broken-controls"
name = "Broken Controls"
mechanism = "export-control"
form = "regulation"
binding = "binding"
summary = "A test record."

[[control_items]]
id = "eccn-1a001"
classification = "1A001"
name = "Item"
summary = "Text."
category = "other"
source = "text"

[[licence_rules]]
id = "bad-rule"
items = ["eccn-1a001", "eccn-9z999"]
destinations = ["CN", "oecd", "no-such-group"]
requirement = "licence-required"
from = "2024-01-01"
until = "2023-01-01"
status = "rescinded"
reason = "A reason."

[[licence_rules]]
id = "ended-without-end"
items = ["eccn-1a001"]
requirement = "licence-required"
from = "2024-01-01"
status = "superseded"
reason = "A reason."
source = "text"

[[sources]]
id = "text"
url = "https://example.org/broken-controls"
title = "Text"
supports = "everything"
"#;

#[test]
fn licence_rules_must_name_known_items_country_groups_dates_in_order_and_a_source() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    copy_dir(Path::new(DATA), &dir);
    let file = "instruments/export-control/broken-controls.toml";
    fs::write(dir.join(file), BROKEN_CONTROLS).unwrap();
    let diags = diagnostics(&dir);
    expect(&diags, file, 18, "unknown control item \"eccn-9z999\"; this instrument's control items are: eccn-1a001");
    expect(&diags, file, 19, "\"oecd\" is a body but not a country group");
    expect(&diags, file, 19, "unknown body \"no-such-group\"");
    expect(&diags, file, 22, "impossible date order: applies from 2024-01-01 until 2023-01-01");
    // Missing fields are reported at the rule's table header.
    expect(&diags, file, 16, "no source");
    expect(&diags, file, 26, "a licence rule needs destinations, or `worldwide = true`");
    expect(&diags, file, 26, "a superseded rule needs `until`");
    assert_eq!(diags.len(), 7, "{diags:#?}");
}
