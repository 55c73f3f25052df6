//! `accord export-check`: licences per item and destination, and counterparty screening.

use std::path::Path;
use std::process::ExitCode;

use accord_atlas::Atlas;
use accord_exports::{ExportCheck, Package, PackageError, PackageFormat, check};
use anyhow::Context;

use super::optional_date;
use super::screen::load_lists;
use crate::cli::{CheckFormat, ExportCheckArgs};
use crate::output::{Format, Grid, Report, print, source_cell};

pub fn run(atlas: &Atlas, args: &ExportCheckArgs) -> anyhow::Result<ExitCode> {
    let text =
        std::fs::read_to_string(&args.package).with_context(|| format!("cannot read {}", args.package.display()))?;
    let format = match args.package.extension().and_then(|e| e.to_str()) {
        Some("json") => PackageFormat::Json,
        _ => PackageFormat::Toml,
    };
    let package = Package::parse(&text, format).map_err(|e| package_error(&args.package, &e))?;
    let screener = if args.lists.is_empty() { None } else { Some(load_lists(&args.lists)?) };
    let result = check(atlas, screener.as_ref(), &package, optional_date(&args.as_of)?)
        .map_err(|e| package_error(&args.package, &e))?;
    match args.format {
        CheckFormat::Json => print(Format::Json, Report { json: &result, preamble: vec![], grids: vec![] })?,
        CheckFormat::Table => print_table(&result)?,
    }
    Ok(if result.summary.needs_attention { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn package_error(path: &Path, error: &PackageError) -> anyhow::Error {
    let mut message = format!("invalid package {}: {error}", path.display());
    if !error.allowed.is_empty() {
        message.push_str(&format!("\n  allowed values: {}", error.allowed.join(", ")));
    }
    anyhow::anyhow!(message)
}

fn print_table(result: &ExportCheck) -> anyhow::Result<()> {
    let mut licences = Grid::new(&["item", "classification", "to", "answer", "since", "rule", "source"])
        .titled("Licences, item by destination");
    let mut reasons = Grid::new(&["item", "to", "why"]).titled("Why");
    let mut history = Grid::new(&["item", "to", "rule", "change", "from", "until", "requirement"])
        .titled("Rules that applied on other dates");
    for l in &result.licences {
        licences.row(vec![
            l.item.clone(),
            l.classification.clone(),
            l.destination.to_string(),
            l.outcome.as_str().to_owned(),
            l.since.map(|d| d.to_string()).unwrap_or_default(),
            l.rules.iter().map(|r| format!("{}#{}", r.instrument, r.rule)).collect::<Vec<_>>().join("\n"),
            l.rules.iter().map(|r| source_cell(r.source.as_ref())).collect::<Vec<_>>().join("\n"),
        ]);
        for reason in &l.reasons {
            reasons.row(vec![l.item.clone(), l.destination.to_string(), reason.clone()]);
        }
        for h in &l.history {
            history.row(vec![
                l.item.clone(),
                l.destination.to_string(),
                format!("{}#{}", h.rule.instrument, h.rule.rule),
                h.change.to_owned(),
                h.rule.from.to_string(),
                h.rule.until.map(|d| d.to_string()).unwrap_or_default(),
                h.rule.requirement.to_string(),
            ]);
        }
    }
    let mut parties = Grid::new(&["counterparty", "role", "score", "list", "entry", "matched name", "explanation"])
        .titled("Counterparties");
    for c in &result.counterparties {
        let role = c.role.map(|r| <&str>::from(r).to_owned()).unwrap_or_default();
        if !c.screened {
            parties.row(vec![
                c.name.clone(),
                role.clone(),
                String::new(),
                "not screened: no --list given".into(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        } else if c.matches.is_empty() {
            parties.row(vec![
                c.name.clone(),
                role.clone(),
                String::new(),
                "no match".into(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
        for m in &c.matches {
            parties.row(vec![
                c.name.clone(),
                role.clone(),
                format!("{:.2}", m.found.score),
                m.found.list.to_string(),
                m.found.entry_id.to_string(),
                m.found.matched_name.clone(),
                m.explanation_text.clone(),
            ]);
        }
    }
    let s = &result.summary;
    let preamble = vec![
        format!("{} as of {}", result.package, result.as_of),
        result.disclaimer.to_owned(),
        format!(
            "{} licence(s) required, {} undetermined, {} with a licence exception available; {} counterparty match(es){}",
            s.licence_required,
            s.undetermined,
            s.licence_exception_available,
            s.counterparty_matches,
            if s.needs_attention { ": needs attention" } else { "" }
        ),
    ];
    print(Format::Table, Report { json: result, preamble, grids: vec![licences, reasons, history, parties] })
}
