//! Walking a CSV file that has a header row: the part the CSL and OpenSanctions loaders share.

use std::collections::HashMap;
use std::path::Path;

use super::text::Lines;
use super::{LoadError, Problems, RowProblem};

/// One well-formed row, read by column name.
pub(crate) struct CsvRow<'a> {
    record: &'a csv::StringRecord,
    columns: &'a HashMap<&'a str, usize>,
    /// The row's line in the file.
    pub(crate) line: u64,
}

impl<'a> CsvRow<'a> {
    /// The trimmed value of a column, or "" when the header has no such column.
    pub(crate) fn get(&self, name: &str) -> &'a str {
        self.columns.get(name).and_then(|&i| self.record.get(i)).unwrap_or("").trim()
    }
}

/// Checks that the header has the `required` columns (a missing one fails the file), reports unreadable
/// rows and rows with the wrong number of fields with their line, and hands every other row to `row`.
pub(crate) fn for_each_row(
    path: &Path,
    content: &str,
    required: &[&str],
    problems: &mut Problems,
    mut row: impl FnMut(&CsvRow<'_>, &mut Problems) -> Result<(), LoadError>,
) -> Result<(), LoadError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(content.as_bytes());
    let malformed =
        |line: u64, message: String| LoadError::Malformed(RowProblem { file: path.to_path_buf(), line, message });
    let headers = reader.headers().map_err(|e| malformed(1, format!("unreadable header: {e}")))?.clone();
    let columns: HashMap<&str, usize> = headers.iter().enumerate().map(|(i, h)| (h.trim(), i)).collect();
    for column in required {
        if !columns.contains_key(column) {
            return Err(malformed(1, format!("no `{column}` column in the header")));
        }
    }
    let mut lines = Lines::new(content);
    for result in reader.records() {
        let record = match result {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line_at(p.byte() as usize));
                problems.report(path, line, format!("unreadable CSV record: {e}"))?;
                continue;
            }
        };
        let line = record.position().map_or(0, |p| lines.line_at(p.byte() as usize));
        if record.len() != headers.len() {
            problems.report(path, line, format!("expected {} fields, found {}", headers.len(), record.len()))?;
            continue;
        }
        row(&CsvRow { record: &record, columns: &columns, line }, problems)?;
    }
    Ok(())
}
