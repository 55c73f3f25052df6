//! Loading restricted-party lists from the files their publishers distribute.
//!
//! One module per format. Every loader reports a bad row with its file and line and goes on with the
//! next (or stops at the first, in [`Strictness::Strict`]); a file that cannot be read as its format
//! at all is an error.

mod csl;
mod csv_rows;
mod ofac;
mod opensanctions;
mod text;

use std::path::{Path, PathBuf};

use crate::entry::Entry;

pub use csl::{parse_csl_csv, parse_csl_json};
pub use ofac::{OfacFiles, parse_ofac};
pub use opensanctions::{parse_ftm_jsonl, parse_opensanctions_csv};

/// What to do with a row that cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Strictness {
    /// Report it in [`Loaded::problems`] and continue.
    #[default]
    Lenient,
    /// Stop with [`LoadError::Malformed`].
    Strict,
}

/// A row that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub file: PathBuf,
    /// 1-based line in the file where the row starts.
    pub line: u64,
    pub message: String,
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

/// The entries read from a file, and the rows that were skipped.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub entries: Vec<Entry>,
    pub problems: Vec<RowProblem>,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{0}")]
    Malformed(RowProblem),
    #[error("{}: {message}", path.display())]
    UnknownFormat { path: PathBuf, message: String },
}

/// The list formats this crate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// OFAC legacy CSV: `sdn.csv` (or `cons_prim.csv`) with `alt`, `add` and `comments` files beside it.
    Ofac,
    /// The Consolidated Screening List CSV from trade.gov (2019 or current header).
    CslCsv,
    /// The Consolidated Screening List JSON from trade.gov (`{"results": [...]}`).
    CslJson,
    /// OpenSanctions `targets.simple.csv`.
    OpenSanctionsCsv,
    /// OpenSanctions FollowTheMoney entities, one JSON object per line.
    FollowTheMoney,
}

/// Collects row problems, or turns the first into an error in strict mode.
pub(crate) struct Problems {
    strictness: Strictness,
    pub(crate) found: Vec<RowProblem>,
}

impl Problems {
    pub(crate) fn new(strictness: Strictness) -> Self {
        Problems { strictness, found: Vec::new() }
    }

    pub(crate) fn report(&mut self, file: &Path, line: u64, message: impl Into<String>) -> Result<(), LoadError> {
        let problem = RowProblem { file: file.to_path_buf(), line, message: message.into() };
        match self.strictness {
            Strictness::Strict => Err(LoadError::Malformed(problem)),
            Strictness::Lenient => {
                self.found.push(problem);
                Ok(())
            }
        }
    }
}

/// Guesses a file's format from its name and first bytes.
pub fn detect(path: &Path) -> Result<Format, LoadError> {
    let content = read(path)?;
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    detect_content(&file_name, &content)
        .map_err(|message| LoadError::UnknownFormat { path: path.to_path_buf(), message })
}

fn detect_content(file_name: &str, content: &str) -> Result<Format, String> {
    if ofac::is_companion(file_name) {
        return Err("an OFAC alias, address or comments file; load the primary file (sdn.csv or cons_prim.csv) \
                    and it is read with its companions"
            .into());
    }
    let start = content.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('{') || start.starts_with('[') {
        let first_line = start.lines().next().unwrap_or("");
        let is_ftm = serde_json::from_str::<serde_json::Value>(first_line)
            .is_ok_and(|v| v.get("schema").is_some() && v.get("properties").is_some());
        return Ok(if is_ftm { Format::FollowTheMoney } else { Format::CslJson });
    }
    let header = start.lines().next().unwrap_or("").to_ascii_lowercase();
    if header.starts_with("id,schema,name") {
        return Ok(Format::OpenSanctionsCsv);
    }
    if header.contains("source") && header.contains("name") && header.contains("alt_names") {
        return Ok(Format::CslCsv);
    }
    if ofac::looks_like_primary(start) {
        return Ok(Format::Ofac);
    }
    Err("not a list format this tool reads (OFAC SDN CSV, Consolidated Screening List CSV or JSON, \
         OpenSanctions targets.simple.csv or FollowTheMoney JSON lines)"
        .into())
}

/// Loads a list file of any supported format; an OFAC primary file brings its companions along.
pub fn load_file(path: &Path, strictness: Strictness) -> Result<Loaded, LoadError> {
    let content = read(path)?;
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    let format = detect_content(&file_name, &content)
        .map_err(|message| LoadError::UnknownFormat { path: path.to_path_buf(), message })?;
    match format {
        Format::Ofac => {
            let companions = ofac::companion_paths(path);
            let mut texts = Vec::new();
            for companion in [&companions.alt, &companions.add, &companions.comments] {
                let text = match companion {
                    Some(p) if p.exists() => Some((p.clone(), read(p)?)),
                    _ => None,
                };
                texts.push(text);
            }
            let files = OfacFiles {
                primary: (path.to_path_buf(), content),
                alt: texts[0].take(),
                add: texts[1].take(),
                comments: texts[2].take(),
            };
            parse_ofac(&files, strictness)
        }
        Format::CslCsv => parse_csl_csv(path, &content, strictness),
        Format::CslJson => parse_csl_json(path, &content, strictness),
        Format::OpenSanctionsCsv => parse_opensanctions_csv(path, &content, strictness),
        Format::FollowTheMoney => parse_ftm_jsonl(path, &content, strictness),
    }
}

/// Reads a file as text: UTF-8 when it is, else Windows-1252 as older OFAC files are.
fn read(path: &Path) -> Result<String, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io { path: path.to_path_buf(), source })?;
    Ok(text::decode(bytes))
}
