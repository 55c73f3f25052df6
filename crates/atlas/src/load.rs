//! Reading data files and parsing them into records, with a diagnostic for every file that fails.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::diag::Diagnostic;
use crate::model::{Body, Crosswalk, Instrument, Mechanism, SeedList, Topic};

/// One data file: its path relative to the data directory (with `/` separators) and its text.
#[derive(Debug, Clone)]
pub struct DataFile {
    pub path: String,
    pub text: String,
}

/// Failure to read the data directory itself (as opposed to problems in its contents).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read data directory {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path} is not valid UTF-8")]
    NotUtf8 { path: PathBuf },
}

static EMBEDDED: include_dir::Dir<'static> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/../../data");

/// The atlas shipped with Accord, compiled into the binary.
pub fn embedded_files() -> Vec<DataFile> {
    let mut files = Vec::new();
    collect_embedded(&EMBEDDED, &mut files);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn collect_embedded(dir: &include_dir::Dir<'static>, out: &mut Vec<DataFile>) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        if path.ends_with(".toml")
            && let Some(text) = file.contents_utf8()
        {
            out.push(DataFile { path, text: text.to_owned() });
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}

/// Every `.toml` file under `dir`, sorted by path.
pub fn read_dir(dir: &Path) -> Result<Vec<DataFile>, LoadError> {
    let mut files = Vec::new();
    walk(dir, dir, &mut files)?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<DataFile>) -> Result<(), LoadError> {
    let io = |source| LoadError::Io { path: dir.to_owned(), source };
    let mut entries: Vec<_> = std::fs::read_dir(dir).map_err(io)?.collect::<Result<_, _>>().map_err(io)?;
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            walk(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            let bytes = std::fs::read(&path).map_err(|source| LoadError::Io { path: path.clone(), source })?;
            let text = String::from_utf8(bytes).map_err(|_| LoadError::NotUtf8 { path: path.clone() })?;
            let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            out.push(DataFile { path: rel, text });
        }
    }
    Ok(())
}

/// A record parsed from a file, with the index of that file.
#[derive(Debug)]
pub(crate) struct Parsed<T> {
    pub file: usize,
    pub record: T,
}

/// Everything that parsed, plus the diagnostics of what did not.
#[derive(Debug, Default)]
pub(crate) struct ParsedFiles {
    pub seeds: Option<Parsed<SeedList>>,
    pub topics: Vec<Parsed<Topic>>,
    pub bodies: Vec<Parsed<Body>>,
    pub instruments: Vec<Parsed<Instrument>>,
    pub crosswalks: Vec<Parsed<Crosswalk>>,
    /// Ids declared by files that failed to parse, so that references to them do not cascade.
    pub unparsed_ids: HashSet<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Where a file sits decides what it holds.
enum FileKind {
    Seeds,
    Topic,
    Body,
    Instrument(Option<Mechanism>),
    Crosswalk,
    Unknown,
}

fn classify(path: &str) -> FileKind {
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        ["seeds.toml"] => FileKind::Seeds,
        ["topics", _] => FileKind::Topic,
        ["bodies", _] => FileKind::Body,
        ["instruments", mechanism, _] => FileKind::Instrument(mechanism.parse().ok()),
        ["crosswalks", _] => FileKind::Crosswalk,
        _ => FileKind::Unknown,
    }
}

pub(crate) fn parse_all(files: &[DataFile]) -> ParsedFiles {
    let mut out = ParsedFiles::default();
    for (index, file) in files.iter().enumerate() {
        match classify(&file.path) {
            FileKind::Seeds => out.seeds = parse_record(index, file, &mut out),
            FileKind::Topic => {
                let topic = parse_record(index, file, &mut out);
                out.topics.extend(topic);
            }
            FileKind::Body => {
                let body = parse_record(index, file, &mut out);
                out.bodies.extend(body);
            }
            FileKind::Instrument(Some(_)) => {
                let instrument = parse_record(index, file, &mut out);
                out.instruments.extend(instrument);
            }
            FileKind::Crosswalk => {
                let crosswalk = parse_record(index, file, &mut out);
                out.crosswalks.extend(crosswalk);
            }
            FileKind::Instrument(None) => out.diagnostics.push(Diagnostic::at_span(
                &file.path,
                &file.text,
                0..0,
                String::new(),
                format!(
                    "instrument files live in a folder named after their mechanism; expected one of: {}",
                    allowed::<Mechanism>()
                ),
            )),
            FileKind::Unknown => out.diagnostics.push(Diagnostic::at_span(
                &file.path,
                &file.text,
                0..0,
                String::new(),
                "unexpected file: data files belong in seeds.toml, topics/, bodies/, instruments/<mechanism>/ or crosswalks/"
                    .into(),
            )),
        }
    }
    out
}

fn parse_record<T: DeserializeOwned>(index: usize, file: &DataFile, out: &mut ParsedFiles) -> Option<Parsed<T>> {
    match toml::from_str::<T>(&file.text) {
        Ok(record) => Some(Parsed { file: index, record }),
        Err(error) => {
            if let Ok(table) = file.text.parse::<toml::Table>()
                && let Some(id) = table.get("id").and_then(|v| v.as_str())
            {
                out.unparsed_ids.insert(id.to_owned());
            }
            let span = error.span().unwrap_or(0..0);
            let message = error.message().trim().to_owned();
            out.diagnostics.push(Diagnostic::at_span(&file.path, &file.text, span, String::new(), message));
            None
        }
    }
}

/// The allowed values of an enumeration, comma-separated, for messages.
pub(crate) fn allowed<T: strum::VariantArray + Into<&'static str> + Copy>() -> String {
    T::VARIANTS.iter().map(|v| (*v).into()).collect::<Vec<&str>>().join(", ")
}
