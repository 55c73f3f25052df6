//! `accord assess`: one profile, or an inventory of many.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use accord_atlas::Atlas;
use accord_navigator::{Assessment, Navigator, Profile, ProfileError, ProfileFormat};
use anyhow::{Context, bail};
use serde_json::json;

use super::optional_date;
use crate::cli::{AssessArgs, AssessFormat};
use crate::output::{Grid, Report, print};

pub fn run(atlas: Atlas, args: &AssessArgs) -> anyhow::Result<ExitCode> {
    let navigator = Navigator::new(Arc::new(atlas));
    let as_of = optional_date(&args.as_of)?;
    match (&args.profile, &args.inventory) {
        (Some(path), _) => single(&navigator, path, as_of, args.format),
        (None, Some(path)) => inventory(&navigator, path, as_of, args.out.as_deref(), args.full),
        (None, None) => bail!("give a profile file or --inventory FILE.jsonl"),
    }
}

fn read_profile(path: &Path) -> anyhow::Result<Result<Profile, ProfileError>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let format = match path.extension().and_then(|e| e.to_str()) {
        Some("json") => ProfileFormat::Json,
        _ => ProfileFormat::Toml,
    };
    Ok(Profile::parse(&text, format))
}

fn profile_error(path: &Path, error: &ProfileError) -> anyhow::Error {
    let mut message = format!("invalid profile {}: {}", path.display(), error);
    if !error.allowed.is_empty() && !error.message.contains("expected one of") {
        message.push_str(&format!("\n  allowed values: {}", error.allowed.join(", ")));
    }
    anyhow::anyhow!(message)
}

fn single(
    navigator: &Navigator,
    path: &Path,
    as_of: Option<accord_atlas::PartialDate>,
    format: AssessFormat,
) -> anyhow::Result<ExitCode> {
    let profile = read_profile(path)?.map_err(|e| profile_error(path, &e))?;
    let assessment = navigator.assess(&profile, as_of).map_err(|e| profile_error(path, &e))?;
    match format {
        AssessFormat::Json => {
            print(crate::output::Format::Json, Report { json: &assessment, preamble: vec![], grids: vec![] })?
        }
        AssessFormat::Md => print!("{}", accord_navigator::report::markdown(&assessment)),
        AssessFormat::Table => print_table(&assessment)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn print_table(a: &Assessment) -> anyhow::Result<()> {
    let mut grids = Vec::new();
    for j in &a.jurisdictions {
        let mut grid =
            Grid::new(&["layer", "instrument", "effect", "applies from"]).titled(format!("{} ({})", j.name, j.code));
        for f in &j.findings {
            grid.row(vec![
                f.mechanism.to_string(),
                f.instrument.to_string(),
                f.effect.label().to_owned(),
                f.applies_from.map(|d| d.to_string()).unwrap_or_default(),
            ]);
        }
        for p in &j.proposals {
            grid.row(vec!["proposal".into(), p.instrument.to_string(), "proposed".into(), String::new()]);
        }
        grids.push(grid);
    }
    let mut operator = Grid::new(&["instrument", "effect"]).titled("The operator's voluntary commitments");
    for f in &a.operator_commitments {
        operator.row(vec![f.instrument.to_string(), f.effect.label().to_owned()]);
    }
    grids.push(operator);
    let mut plan = Grid::new(&["topic", "requirement", "from", "effect", "where"])
        .titled("Unified plan: the strictest requirement per topic");
    for item in &a.unified_plan {
        let r = &item.requirement;
        let places: Vec<String> = r.applies_in.iter().map(|w| w.to_string()).collect();
        plan.row(vec![
            item.topic_name.to_string(),
            r.title.to_string(),
            format!("{}#{}", r.instrument, r.provision),
            r.effect.label().to_owned(),
            places.join(", "),
        ]);
    }
    grids.push(plan);
    let preamble = vec![
        format!("{} as of {}", a.system, a.as_of),
        a.disclaimer.to_owned(),
        "Use --format md for the full report with reasons and sources, or --format json.".to_owned(),
    ];
    print(crate::output::Format::Table, Report { json: a, preamble, grids })
}

/// Assesses each line, in parallel, in chunks that keep the output in input order; a bad line is
/// reported on its own output line and does not stop the others.
fn inventory(
    navigator: &Navigator,
    path: &Path,
    as_of: Option<accord_atlas::PartialDate>,
    out: Option<&Path>,
    full: bool,
) -> anyhow::Result<ExitCode> {
    use rayon::prelude::*;
    let file = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let lines: Vec<String> = BufReader::new(file)
        .lines()
        .collect::<Result<_, _>>()
        .with_context(|| format!("cannot read {}", path.display()))?;
    let sink: Box<dyn Write> = match out {
        Some(p) => Box::new(File::create(p).with_context(|| format!("cannot write {}", p.display()))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut sink = BufWriter::new(sink);
    let progress = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(lines.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut failures = 0usize;
    for (chunk_index, chunk) in lines.chunks(256).enumerate() {
        let records: Vec<(bool, String)> = chunk
            .par_iter()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(i, line)| inventory_line(navigator, chunk_index * 256 + i + 1, line, as_of, full))
            .collect();
        for (ok, record) in records {
            failures += usize::from(!ok);
            sink.write_all(record.as_bytes())?;
            sink.write_all(b"\n")?;
        }
        progress.inc(chunk.len() as u64);
    }
    sink.flush()?;
    progress.finish_and_clear();
    if failures > 0 {
        eprintln!(
            "{failures} of {} profile(s) in {} could not be assessed; see their \"error\" lines",
            lines.len(),
            path.display()
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// One output line: the assessment (in full or summarised), or the error with its field path.
fn inventory_line(
    navigator: &Navigator,
    number: usize,
    line: &str,
    as_of: Option<accord_atlas::PartialDate>,
    full: bool,
) -> (bool, String) {
    let result = serde_json::from_str::<serde_json::Value>(line)
        .map_err(|e| ProfileError { path: String::new(), message: format!("not JSON: {e}"), allowed: vec![] })
        .and_then(Profile::from_value)
        .and_then(|p| navigator.assess(&p, as_of));
    let record = match &result {
        Ok(a) if full => serde_json::to_string(&json_line(number, a, Some(a), None)),
        Ok(a) => serde_json::to_string(&json_line(number, a, None, Some(accord_navigator::Summary::of(a)))),
        Err(error) => serde_json::to_string(&json!({"line": number, "error": error})),
    };
    (result.is_ok(), record.unwrap_or_default())
}

/// One inventory line, serialised directly (no intermediate JSON value).
#[derive(serde::Serialize)]
struct Line<'a> {
    line: usize,
    system: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    assessment: Option<&'a Assessment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<accord_navigator::Summary>,
}

fn json_line<'a>(
    line: usize,
    a: &'a Assessment,
    assessment: Option<&'a Assessment>,
    summary: Option<accord_navigator::Summary>,
) -> Line<'a> {
    Line { line, system: &a.system, assessment, summary }
}
