//! The Consolidated Screening List from trade.gov, as CSV (2019 header without `_id`, or the current
//! one) and as JSON (`{"results": [...]}`, or a bare array of results).

use std::path::Path;

use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

use super::csv_rows::for_each_row;
use super::text::{line_at, split_values};
use super::{LoadError, Loaded, Problems, RowProblem, Strictness};
use crate::entry::{Address, BirthDate, EntityKind, Entry, Name, NameKind};

const LIST: &str = "Consolidated Screening List";

/// The fields of a CSL row, read from either format.
#[derive(Default)]
struct Row {
    id: String,
    source: String,
    kind: String,
    name: String,
    alt_names: Vec<String>,
    programs: Vec<String>,
    addresses: Vec<Address>,
    countries: Vec<String>,
    dates_of_birth: Vec<String>,
    remarks: String,
    source_url: String,
}

fn entry_from(row: Row) -> Entry {
    let mut entry = Entry::new(row.id, LIST, row.name.trim());
    entry.source_list = row.source;
    entry.kind = match row.kind.trim().to_ascii_lowercase().as_str() {
        "individual" | "person" => EntityKind::Person,
        "entity" | "organization" | "company" => EntityKind::Organization,
        "vessel" => EntityKind::Vessel,
        "aircraft" => EntityKind::Aircraft,
        _ => EntityKind::Unknown,
    };
    entry
        .names
        .extend(row.alt_names.into_iter().filter(|n| !n.trim().is_empty()).map(|n| Name::alias(n, NameKind::Aka)));
    entry.programs = row.programs;
    entry.addresses = row.addresses;
    entry.countries = row.countries;
    entry.birth_dates = row.dates_of_birth.iter().filter_map(|d| BirthDate::parse(d)).collect();
    entry.remarks = Some(row.remarks).filter(|r| !r.is_empty());
    entry.source_url = Some(row.source_url).filter(|u| !u.is_empty());
    entry
}

/// "Komitas 26/114, Yerevan, Armenia, AM": the country is the last comma-separated part.
fn address_from_text(text: &str) -> Address {
    let country = text.rsplit(',').next().map(str::trim).filter(|c| !c.is_empty() && *c != text.trim());
    Address { text: text.trim().to_string(), country: country.map(str::to_string) }
}

pub fn parse_csl_csv(path: &Path, content: &str, strictness: Strictness) -> Result<Loaded, LoadError> {
    let mut problems = Problems::new(strictness);
    let mut entries = Vec::new();
    for_each_row(path, content, &["name"], &mut problems, |row, problems| {
        let (get, line) = (|name: &str| row.get(name), row.line);
        if get("name").is_empty() {
            problems.report(path, line, "row without a name")?;
            return Ok(());
        }
        let id = [get("_id"), get("id"), get("entity_number")]
            .into_iter()
            .find(|v| !v.is_empty())
            .map_or_else(|| format!("line-{line}"), str::to_string);
        let mut countries = split_values(get("nationalities"), ';');
        countries.extend(split_values(get("citizenships"), ';'));
        entries.push(entry_from(Row {
            id,
            source: get("source").to_string(),
            kind: get("type").to_string(),
            name: get("name").to_string(),
            alt_names: split_values(get("alt_names"), ';'),
            programs: split_values(get("programs"), ';'),
            addresses: split_values(get("addresses"), ';').iter().map(|a| address_from_text(a)).collect(),
            countries,
            dates_of_birth: split_values(get("dates_of_birth"), ';'),
            remarks: get("remarks").to_string(),
            source_url: [get("source_information_url"), get("source_list_url")]
                .into_iter()
                .find(|u| !u.is_empty())
                .unwrap_or("")
                .to_string(),
        }));
        Ok(())
    })?;
    Ok(Loaded { entries, problems: problems.found })
}

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow)]
    results: Vec<&'a RawValue>,
}

pub fn parse_csl_json(path: &Path, content: &str, strictness: Strictness) -> Result<Loaded, LoadError> {
    let mut problems = Problems::new(strictness);
    let malformed = |e: serde_json::Error| {
        LoadError::Malformed(RowProblem {
            file: path.to_path_buf(),
            line: e.line() as u64,
            message: format!("invalid JSON: {e}"),
        })
    };
    let results: Vec<&RawValue> = if content.trim_start().starts_with('[') {
        serde_json::from_str(content).map_err(malformed)?
    } else {
        serde_json::from_str::<Envelope>(content).map_err(malformed)?.results
    };

    let mut entries = Vec::new();
    for raw in results {
        // A raw value borrows from `content`, so its offset gives the line the result starts on.
        let line = line_at(content, raw.get().as_ptr() as usize - content.as_ptr() as usize);
        let Ok(Value::Object(object)) = serde_json::from_str::<Value>(raw.get()) else {
            problems.report(path, line, "a result that is not a JSON object")?;
            continue;
        };
        let text = |key: &str| match object.get(key) {
            Some(Value::String(s)) => s.trim().to_string(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        let list = |key: &str| strings(object.get(key));
        let name = text("name");
        if name.is_empty() {
            problems.report(path, line, "result without a name")?;
            continue;
        }
        let id = ["id", "_id", "entity_number"]
            .into_iter()
            .map(text)
            .find(|v| !v.is_empty())
            .unwrap_or_else(|| format!("line-{line}"));
        let addresses = match object.get("addresses") {
            Some(Value::Array(items)) => items.iter().filter_map(json_address).collect(),
            Some(Value::String(s)) => split_values(s, ';').iter().map(|a| address_from_text(a)).collect(),
            _ => Vec::new(),
        };
        let mut countries = list("nationalities");
        countries.extend(list("citizenships"));
        entries.push(entry_from(Row {
            id,
            source: text("source"),
            kind: text("type"),
            name,
            alt_names: list("alt_names"),
            programs: list("programs"),
            addresses,
            countries,
            dates_of_birth: list("dates_of_birth"),
            remarks: text("remarks"),
            source_url: [text("source_information_url"), text("source_list_url")]
                .into_iter()
                .find(|u| !u.is_empty())
                .unwrap_or_default(),
        }));
    }
    Ok(Loaded { entries, problems: problems.found })
}

/// A list of strings from a JSON array, or from a `; `-separated string as the CSV has it.
fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str())
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        Some(Value::String(s)) => split_values(s, ';'),
        _ => Vec::new(),
    }
}

fn json_address(value: &Value) -> Option<Address> {
    let field = |key: &str| value.get(key).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
    let text = ["address", "city", "state", "postal_code"].into_iter().filter_map(field).collect::<Vec<_>>().join(", ");
    let country = field("country").map(str::to_string);
    (!text.is_empty() || country.is_some()).then_some(Address { text, country })
}
