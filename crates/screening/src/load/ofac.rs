//! OFAC legacy CSV: `sdn.csv` with `alt.csv`, `add.csv` and `sdn_comments.csv` (or the consolidated
//! non-SDN `cons_prim.csv` with `cons_alt.csv`, ...). No header row, `-0-` for null, CRLF line ends
//! and a trailing Ctrl-Z byte.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::text::Lines;
use super::{LoadError, Loaded, Problems, Strictness};
use crate::entry::{Address, BirthDate, EntityKind, Entry, Name, NameKind};

const PRIMARY_FIELDS: usize = 12;
const ALT_FIELDS: usize = 5;
const ADD_FIELDS: usize = 6;
const COMMENT_FIELDS: usize = 2;

/// The files of one OFAC publication, each as (path for messages, content).
pub struct OfacFiles {
    pub primary: (PathBuf, String),
    pub alt: Option<(PathBuf, String)>,
    pub add: Option<(PathBuf, String)>,
    pub comments: Option<(PathBuf, String)>,
}

pub(super) struct Companions {
    pub alt: Option<PathBuf>,
    pub add: Option<PathBuf>,
    pub comments: Option<PathBuf>,
}

pub(super) fn is_companion(file_name: &str) -> bool {
    matches!(
        file_name,
        "alt.csv" | "add.csv" | "sdn_comments.csv" | "cons_alt.csv" | "cons_add.csv" | "cons_comments.csv"
    )
}

/// The companion files beside a primary file, by OFAC's naming.
pub(super) fn companion_paths(primary: &Path) -> Companions {
    let name = primary.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    let dir = primary.parent().unwrap_or(Path::new("."));
    let (alt, add, comments) = if name.starts_with("cons_") {
        ("cons_alt.csv", "cons_add.csv", "cons_comments.csv")
    } else {
        ("alt.csv", "add.csv", "sdn_comments.csv")
    };
    Companions { alt: Some(dir.join(alt)), add: Some(dir.join(add)), comments: Some(dir.join(comments)) }
}

/// A headerless file whose first record starts with a numeric entry number and has twelve fields.
pub(super) fn looks_like_primary(content: &str) -> bool {
    let first = content.lines().next().unwrap_or("");
    let mut fields = first.split(',');
    fields.next().is_some_and(|f| !f.is_empty() && f.trim().bytes().all(|b| b.is_ascii_digit()))
        && first.matches(',').count() >= PRIMARY_FIELDS - 1
}

/// `None` for OFAC's null marker.
fn value(field: &str) -> Option<&str> {
    let v = field.trim();
    (!v.is_empty() && v != "-0-").then_some(v)
}

/// Reads every record of a headerless OFAC file as (line, fields), reporting malformed ones.
fn records(
    path: &Path,
    content: &str,
    expected: usize,
    problems: &mut Problems,
) -> Result<Vec<(u64, Vec<String>)>, LoadError> {
    // The files end with a DOS end-of-file byte.
    let content = content.trim_end_matches(['\u{1a}', '\r', '\n', ' ']);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(content.as_bytes());
    let mut out = Vec::new();
    let mut lines = Lines::new(content);
    for result in reader.records() {
        match result {
            Ok(record) => {
                let line = record.position().map_or(0, |p| lines.line_at(p.byte() as usize));
                if record.len() == 1 && record.get(0).is_some_and(|f| f.trim().is_empty()) {
                    continue;
                }
                if record.len() != expected {
                    problems.report(path, line, format!("expected {expected} fields, found {}", record.len()))?;
                    continue;
                }
                if value(&record[0]).is_none_or(|id| !id.bytes().all(|b| b.is_ascii_digit())) {
                    problems.report(path, line, format!("entry number {:?} is not a number", &record[0]))?;
                    continue;
                }
                out.push((line, record.iter().map(str::to_string).collect()));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line_at(p.byte() as usize));
                problems.report(path, line, format!("unreadable CSV record: {e}"))?;
            }
        }
    }
    Ok(out)
}

pub fn parse_ofac(files: &OfacFiles, strictness: Strictness) -> Result<Loaded, LoadError> {
    let mut problems = Problems::new(strictness);
    let (primary_path, primary) = &files.primary;
    let consolidated =
        primary_path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.to_ascii_lowercase().starts_with("cons_"));
    let (list, source_list) = if consolidated { ("OFAC Consolidated", "Non-SDN") } else { ("OFAC SDN", "SDN") };

    let mut entries = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (line, f) in records(primary_path, primary, PRIMARY_FIELDS, &mut problems)? {
        let Some(name) = value(&f[1]) else {
            problems.report(primary_path, line, "entry without a name")?;
            continue;
        };
        let id = f[0].trim().to_string();
        let mut entry = Entry::new(id.clone(), list, name);
        entry.source_list = source_list.to_string();
        entry.kind = match value(&f[2]).map(str::to_ascii_lowercase).as_deref() {
            Some("individual") => EntityKind::Person,
            Some("vessel") => EntityKind::Vessel,
            Some("aircraft") => EntityKind::Aircraft,
            _ => EntityKind::Organization,
        };
        entry.programs = value(&f[3]).map(split_programs).unwrap_or_default();
        if let Some(flag) = value(&f[9]) {
            entry.countries.push(flag.to_string());
        }
        if let Some(remarks) = value(&f[11]) {
            read_remarks(remarks, &mut entry);
            entry.remarks = Some(remarks.to_string());
        }
        if by_id.insert(id, entries.len()).is_some() {
            problems.report(primary_path, line, format!("duplicate entry number {}", f[0].trim()))?;
            continue;
        }
        entries.push(entry);
    }

    if let Some((path, content)) = &files.alt {
        for (line, f) in records(path, content, ALT_FIELDS, &mut problems)? {
            let Some(&e) = by_id.get(f[0].trim()) else {
                problems.report(path, line, format!("alias of unknown entry {}", f[0].trim()))?;
                continue;
            };
            let Some(name) = value(&f[3]) else {
                problems.report(path, line, "alias without a name")?;
                continue;
            };
            let kind = match value(&f[2]).map(str::to_ascii_lowercase).as_deref() {
                Some("fka") => NameKind::Fka,
                Some("nka") => NameKind::Nka,
                Some("aka") => NameKind::Aka,
                _ => NameKind::Alias,
            };
            entries[e].names.push(Name::alias(name, kind));
        }
    }
    if let Some((path, content)) = &files.add {
        for (line, f) in records(path, content, ADD_FIELDS, &mut problems)? {
            let Some(&e) = by_id.get(f[0].trim()) else {
                problems.report(path, line, format!("address of unknown entry {}", f[0].trim()))?;
                continue;
            };
            let text = [value(&f[2]), value(&f[3])].into_iter().flatten().collect::<Vec<_>>().join(", ");
            let country = value(&f[4]).map(str::to_string);
            if text.is_empty() && country.is_none() {
                continue;
            }
            entries[e].addresses.push(Address { text, country });
        }
    }
    if let Some((path, content)) = &files.comments {
        for (line, f) in records(path, content, COMMENT_FIELDS, &mut problems)? {
            let Some(&e) = by_id.get(f[0].trim()) else {
                problems.report(path, line, format!("comment on unknown entry {}", f[0].trim()))?;
                continue;
            };
            if let Some(more) = value(&f[1]) {
                let remarks = entries[e].remarks.get_or_insert_with(String::new);
                remarks.push_str(more);
            }
        }
    }
    Ok(Loaded { entries, problems: problems.found })
}

/// "SDGT] [IRGC" → ["SDGT", "IRGC"].
fn split_programs(field: &str) -> Vec<String> {
    field.split("] [").map(|p| p.trim_matches(['[', ']', ' ']).to_string()).filter(|p| !p.is_empty()).collect()
}

/// Pulls dates of birth, nationalities and citizenships out of the free-text remarks
/// ("DOB 12 Jan 1965; POB Baghdad, Iraq; nationality Iraq; ...").
fn read_remarks(remarks: &str, entry: &mut Entry) {
    for part in remarks.split(';').map(str::trim) {
        if let Some(rest) = part.strip_prefix("DOB ") {
            if let Some(date) = BirthDate::parse(rest) {
                entry.birth_dates.push(date);
            }
        } else if let Some(rest) = part.strip_prefix("nationality ").or_else(|| part.strip_prefix("citizen ")) {
            let country = rest.trim_end_matches('.').trim();
            if !country.is_empty() && !entry.countries.iter().any(|c| c == country) {
                entry.countries.push(country.to_string());
            }
        }
    }
}
