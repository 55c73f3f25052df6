//! OpenSanctions exports: `targets.simple.csv` and FollowTheMoney entities as JSON lines.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::csv_rows::for_each_row;
use super::text::split_values;
use super::{LoadError, Loaded, Problems, Strictness};
use crate::entry::{Address, BirthDate, EntityKind, Entry, Name, NameKind};

const LIST: &str = "OpenSanctions";

fn kind_of(schema: &str) -> EntityKind {
    match schema {
        "Person" => EntityKind::Person,
        "Organization" | "Company" | "LegalEntity" | "PublicBody" => EntityKind::Organization,
        "Vessel" => EntityKind::Vessel,
        "Airplane" => EntityKind::Aircraft,
        _ => EntityKind::Unknown,
    }
}

pub fn parse_opensanctions_csv(path: &Path, content: &str, strictness: Strictness) -> Result<Loaded, LoadError> {
    let mut problems = Problems::new(strictness);
    let mut entries = Vec::new();
    for_each_row(path, content, &["id", "schema", "name"], &mut problems, |row, problems| {
        let (get, line) = (|name: &str| row.get(name), row.line);
        let (id, name) = (get("id"), get("name"));
        if id.is_empty() || name.is_empty() {
            problems.report(path, line, "row without an id or a name")?;
            return Ok(());
        }
        let mut entry = Entry::new(id, LIST, name);
        entry.kind = kind_of(get("schema"));
        entry.source_list = get("dataset").to_string();
        entry.names.extend(split_values(get("aliases"), ';').into_iter().map(|a| Name::alias(a, NameKind::Aka)));
        entry.birth_dates = split_values(get("birth_date"), ';').iter().filter_map(|d| BirthDate::parse(d)).collect();
        entry.countries = split_values(get("countries"), ';');
        entry.addresses =
            split_values(get("addresses"), ';').into_iter().map(|text| Address { text, country: None }).collect();
        entry.programs = split_values(get("sanctions"), ';');
        entries.push(entry);
        Ok(())
    })?;
    Ok(Loaded { entries, problems: problems.found })
}

#[derive(Deserialize)]
struct FtmEntity {
    id: String,
    schema: String,
    #[serde(default)]
    caption: Option<String>,
    #[serde(default)]
    properties: HashMap<String, Vec<serde_json::Value>>,
    #[serde(default)]
    datasets: Vec<String>,
}

pub fn parse_ftm_jsonl(path: &Path, content: &str, strictness: Strictness) -> Result<Loaded, LoadError> {
    let mut problems = Problems::new(strictness);
    let mut entries = Vec::new();
    for (i, text) in content.lines().enumerate() {
        let line = i as u64 + 1;
        if text.trim().is_empty() {
            continue;
        }
        let entity: FtmEntity = match serde_json::from_str(text) {
            Ok(e) => e,
            Err(e) => {
                problems.report(path, line, format!("not a FollowTheMoney entity: {e}"))?;
                continue;
            }
        };
        let property = |key: &str| -> Vec<String> {
            entity
                .properties
                .get(key)
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str())
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };
        let mut names = property("name");
        let caption = entity.caption.clone().filter(|c| !c.trim().is_empty());
        let primary = caption.or_else(|| names.first().cloned());
        let Some(primary) = primary else {
            problems.report(path, line, format!("entity {} has no name", entity.id))?;
            continue;
        };
        names.retain(|n| *n != primary);
        let mut entry = Entry::new(entity.id.clone(), LIST, primary);
        entry.kind = kind_of(&entity.schema);
        entry.source_list = entity.datasets.join(", ");
        entry.names.extend(names.into_iter().map(|n| Name::alias(n, NameKind::Alias)));
        entry.names.extend(property("alias").into_iter().map(|n| Name::alias(n, NameKind::Aka)));
        entry.names.extend(property("previousName").into_iter().map(|n| Name::alias(n, NameKind::Fka)));
        entry.names.extend(property("weakAlias").into_iter().map(|n| Name::alias(n, NameKind::Weak)));
        entry.birth_dates = property("birthDate").iter().filter_map(|d| BirthDate::parse(d)).collect();
        for key in ["country", "nationality", "citizenship", "jurisdiction"] {
            for country in property(key) {
                if !entry.countries.contains(&country) {
                    entry.countries.push(country);
                }
            }
        }
        entry.addresses = property("address").into_iter().map(|text| Address { text, country: None }).collect();
        entry.programs = property("program");
        entry.remarks = Some(property("notes").join(" ")).filter(|n| !n.is_empty());
        entry.source_url = property("sourceUrl").into_iter().next();
        entries.push(entry);
    }
    Ok(Loaded { entries, problems: problems.found })
}
