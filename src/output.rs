//! Rendering query results as a table, JSON or CSV.

use std::io::Write;

use clap::ValueEnum;
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use serde::Serialize;

/// How a data command prints its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Table,
    Json,
    Csv,
}

/// Rows under headers: what table and CSV output print.
pub struct Grid {
    pub title: Option<String>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Grid {
    pub fn new(headers: &[&str]) -> Self {
        Self::with_headers(headers.iter().map(|h| (*h).to_owned()).collect())
    }

    /// A grid whose headers are only known at run time (country codes, dates).
    pub fn with_headers(headers: Vec<String>) -> Self {
        Self { title: None, headers, rows: Vec::new() }
    }

    pub fn titled(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }
}

/// A printable result: lines of text before the grids, the grids, and the JSON value.
pub struct Report<'a, T: Serialize> {
    pub json: &'a T,
    pub preamble: Vec<String>,
    /// The first grid is the one CSV output prints.
    pub grids: Vec<Grid>,
}

pub fn print<T: Serialize>(format: Format, report: Report<'_, T>) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, report.json)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            if let Some(grid) = report.grids.first() {
                writer.write_record(&grid.headers)?;
                for row in &grid.rows {
                    writer.write_record(row)?;
                }
            }
            writer.flush()?;
        }
        Format::Table => {
            for line in &report.preamble {
                writeln!(out, "{line}")?;
            }
            for grid in &report.grids {
                writeln!(out)?;
                if let Some(title) = &grid.title {
                    writeln!(out, "{title}")?;
                }
                if grid.rows.is_empty() {
                    writeln!(out, "  (none)")?;
                } else {
                    writeln!(out, "{}", render_table(grid))?;
                }
            }
        }
    }
    Ok(())
}

fn render_table(grid: &Grid) -> Table {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    table.set_header(grid.headers.clone());
    for row in &grid.rows {
        table.add_row(row.clone());
    }
    table
}

/// An optional value as a cell.
pub fn cell<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The URL of a source, or the seed file it cites.
pub fn source_cell(source: Option<&accord_atlas::model::Source>) -> String {
    match source {
        Some(s) => s.url.clone().or_else(|| s.seed.as_ref().map(|f| format!("seed:{f}"))).unwrap_or_default(),
        None => String::new(),
    }
}
