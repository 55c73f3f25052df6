//! Writes the seeded synthetic list and its labelled queries to files another screening engine can
//! read, so both can be measured on the same data (see `scripts/compare-screening/`).
//!
//! `cargo run --release -p accord-screening --example export_benchmark_set -- <dir> [per_class]`
//!
//! Writes `<dir>/list.ftm.json` (FollowTheMoney entities as JSON lines: schema `Person` or `Company`,
//! properties `name`, `alias`, `country` and `birthDate`) and `<dir>/queries.csv` (`query`, `expected`
//! entity id or empty for a query that should match nothing, `class`). The list is
//! `synthetic::generate(7, 30_000, per_class)`, the one the throughput benchmark and the recall table
//! use; `per_class` defaults to 200 (15 classes, 3,000 queries).

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use accord_screening::synthetic::{self, CSL_SIZE};
use accord_screening::{EntityKind, Entry, NameKind};
use serde_json::json;

const SEED: u64 = 7;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: export_benchmark_set <dir> [per_class]");
        return ExitCode::from(2);
    };
    let per_class = match args.next().map(|a| a.parse::<usize>()) {
        None => 200,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("per_class: {e}");
            return ExitCode::from(2);
        }
    };
    match export(&dir, per_class) {
        Ok((entries, queries)) => {
            println!("wrote {entries} entries to {}", dir.join("list.ftm.json").display());
            println!("wrote {queries} queries to {}", dir.join("queries.csv").display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn export(dir: &std::path::Path, per_class: usize) -> Result<(usize, usize), Box<dyn std::error::Error>> {
    fs::create_dir_all(dir)?;
    let data = synthetic::generate(SEED, CSL_SIZE, per_class);

    let mut list = BufWriter::new(File::create(dir.join("list.ftm.json"))?);
    for entry in &data.entries {
        serde_json::to_writer(&mut list, &ftm_entity(entry))?;
        list.write_all(b"\n")?;
    }
    list.flush()?;

    let mut queries = csv::Writer::from_path(dir.join("queries.csv"))?;
    queries.write_record(["query", "expected", "class"])?;
    for case in &data.cases {
        let expected = case.expected.as_ref().map_or("", |id| id.0.as_str());
        queries.write_record([case.query.as_str(), expected, case.class.as_str()])?;
    }
    queries.flush()?;
    Ok((data.entries.len(), data.cases.len()))
}

/// One entry as a FollowTheMoney entity: the primary name as `name`, every other name as `alias`,
/// countries as lower-case ISO codes.
fn ftm_entity(entry: &Entry) -> serde_json::Value {
    let schema = match entry.kind {
        EntityKind::Person => "Person",
        EntityKind::Organization => "Company",
        EntityKind::Vessel => "Vessel",
        EntityKind::Aircraft => "Airplane",
        EntityKind::Unknown => "LegalEntity",
    };
    let (primary, aliases): (Vec<_>, Vec<_>) = entry.names.iter().partition(|n| n.kind == NameKind::Primary);
    let texts = |names: Vec<&accord_screening::Name>| names.into_iter().map(|n| n.text.clone()).collect::<Vec<_>>();
    let mut properties = serde_json::Map::new();
    properties.insert("name".into(), json!(texts(primary)));
    let aliases = texts(aliases);
    if !aliases.is_empty() {
        properties.insert("alias".into(), json!(aliases));
    }
    if !entry.countries.is_empty() {
        let countries: Vec<String> = entry.countries.iter().map(|c| c.to_ascii_lowercase()).collect();
        properties.insert("country".into(), json!(countries));
    }
    if !entry.birth_dates.is_empty() {
        let dates: Vec<String> = entry.birth_dates.iter().map(ToString::to_string).collect();
        properties.insert("birthDate".into(), json!(dates));
    }
    json!({
        "id": entry.id.0,
        "schema": schema,
        "properties": properties,
        "datasets": ["synthetic"],
    })
}
