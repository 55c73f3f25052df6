//! `accord validate` and `accord schema`.

use std::process::ExitCode;

use accord_atlas::load::DataFile;
use accord_atlas::{Atlas, Diagnostic};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};

use crate::cli::{SchemaArgs, SchemaKind, ValidateArgs};

pub fn run(files: &[DataFile], from_dir: bool, args: &ValidateArgs) -> anyhow::Result<ExitCode> {
    match Atlas::from_files(files) {
        Ok(atlas) => {
            let c = atlas.counts();
            println!(
                "ok: {} instruments, {} bodies, {} topics, {} party records, {} memberships, {} provisions, {} sources ({})",
                c.instruments,
                c.bodies,
                c.topics,
                c.parties,
                c.memberships,
                c.provisions,
                c.sources,
                if from_dir { "data directory" } else { "built-in atlas" }
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(diagnostics) if args.json => {
            println!("{}", serde_json::to_string_pretty(&diagnostics)?);
            Ok(ExitCode::from(1))
        }
        Err(diagnostics) => {
            for diagnostic in &diagnostics {
                eprintln!("error: {diagnostic}");
                eprintln!("{}", annotate(files, diagnostic));
            }
            let file_count = diagnostics.iter().map(|d| &d.file).collect::<std::collections::HashSet<_>>().len();
            eprintln!("{} error(s) in {file_count} file(s)", diagnostics.len());
            Ok(ExitCode::from(1))
        }
    }
}

/// The offending lines with a caret under the problem.
fn annotate(files: &[DataFile], diagnostic: &Diagnostic) -> String {
    let Some(file) = files.iter().find(|f| f.path == diagnostic.file) else { return String::new() };
    let span = diagnostic.span.clone();
    let len = span.end.saturating_sub(span.start).max(1);
    let report =
        miette::miette!(labels = vec![LabeledSpan::at(span.start..span.start + len, "here")], "{}", diagnostic.message)
            .with_source_code(NamedSource::new(&diagnostic.file, file.text.clone()));
    let theme = if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let mut out = String::new();
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1);
    if handler.render_report(&mut out, report.as_ref()).is_err() {
        return String::new();
    }
    out
}

pub fn schema(args: &SchemaArgs) -> anyhow::Result<ExitCode> {
    let schema = match args.kind {
        None => accord_atlas::schema::data_schema(),
        Some(kind) => {
            let name = match kind {
                SchemaKind::Instrument => "Instrument",
                SchemaKind::Body => "Body",
                SchemaKind::Topic => "Topic",
                SchemaKind::Seeds => "SeedList",
                SchemaKind::Crosswalk => "Crosswalk",
            };
            accord_atlas::schema::schema_for(name).expect("every kind has a schema")
        }
    };
    println!("{}", serde_json::to_string_pretty(&schema)?);
    Ok(ExitCode::SUCCESS)
}
