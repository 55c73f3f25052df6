//! Each command turns its flags into a query on the atlas and prints the result.

mod analytics;
mod assess;
mod browse;
mod export;
mod export_check;
mod screen;
mod validate;

use std::process::ExitCode;
use std::str::FromStr;

use accord_atlas::load::{self, DataFile};
use accord_atlas::{Atlas, PartialDate};
use anyhow::{Context, anyhow};

use crate::cli::{Cli, Command};

/// A flag value that is not allowed: a usage error (exit code 2), as opposed to a bad query (exit code 1).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let data = cli.data.clone();
    let result = match cli.command {
        Command::Serve(args) => serve(&data, &args),
        Command::Validate(args) => validate::run(&read_files(&data)?, data.is_some(), &args),
        Command::Schema(args) => validate::schema(&args),
        Command::Instruments(args) => browse::instruments(&load_atlas(&data)?, &args),
        Command::Show(args) => browse::show(&load_atlas(&data)?, &args),
        Command::Countries(args) => browse::countries(&load_atlas(&data)?, &args),
        Command::Country(args) => browse::country(&load_atlas(&data)?, &args),
        Command::Bodies(args) => browse::bodies(&load_atlas(&data)?, &args),
        Command::Export(args) => export::run(&load_atlas(&data)?, &args),
        Command::Assess(args) => assess::run(load_atlas(&data)?, &args),
        Command::Compare(args) => analytics::compare(&load_atlas(&data)?, &args),
        Command::Matrix(args) => analytics::matrix(&load_atlas(&data)?, &args),
        Command::Coalitions(args) => analytics::coalitions(&load_atlas(&data)?, &args),
        Command::Fragmentation(args) => analytics::fragmentation(&load_atlas(&data)?, &args),
        Command::Query(args) => analytics::query(&load_atlas(&data)?, &args),
        Command::Crosswalk(args) => analytics::crosswalk(&load_atlas(&data)?, &args),
        Command::Changes(args) => analytics::changes(&load_atlas(&data)?, &args),
        Command::ExportCheck(args) => export_check::run(&load_atlas(&data)?, &args),
        Command::Screen(args) => screen::run(&args),
    };
    match result {
        Err(error) if error.downcast_ref::<UsageError>().is_some() => {
            eprintln!("error: {error}");
            Ok(ExitCode::from(2))
        }
        other => other,
    }
}

fn serve(data: &Option<std::path::PathBuf>, args: &crate::cli::ServeArgs) -> anyhow::Result<ExitCode> {
    accord_server::init_logging();
    let atlas = std::sync::Arc::new(load_atlas(data)?);
    let config =
        accord_server::Config { addr: args.addr, database_url: args.database_url.clone(), lists: args.lists.clone() };
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(accord_server::serve(atlas, config))?;
    Ok(ExitCode::SUCCESS)
}

fn read_files(data: &Option<std::path::PathBuf>) -> anyhow::Result<Vec<DataFile>> {
    match data {
        Some(dir) => Ok(load::read_dir(dir)?),
        None => Ok(load::embedded_files()),
    }
}

/// Loads the atlas; invalid data is reported briefly, pointing to `accord validate` for details.
pub fn load_atlas(data: &Option<std::path::PathBuf>) -> anyhow::Result<Atlas> {
    let files = read_files(data)?;
    Atlas::from_files(&files).map_err(|diagnostics| {
        let first = diagnostics.first().map(|d| d.to_string()).unwrap_or_default();
        anyhow!(
            "the atlas data has {} error(s), the first: {first}\nrun `accord validate{}` to see them all",
            diagnostics.len(),
            data.as_ref().map(|d| format!(" --data {}", d.display())).unwrap_or_default()
        )
    })
}

/// An optional `--as-of` date. A bad date is a bad query (exit 1).
pub fn optional_date(text: &Option<String>) -> anyhow::Result<Option<PartialDate>> {
    text.as_deref().map(|t| t.parse().with_context(|| format!("bad --as-of date {t:?}"))).transpose()
}

/// The `--as-of` date, defaulting to today. A bad date is a bad query (exit 1), not a usage error.
pub fn as_of(text: &Option<String>) -> anyhow::Result<PartialDate> {
    match text {
        Some(text) => text.parse().with_context(|| format!("bad --as-of date {text:?}")),
        None => Ok(PartialDate::today()),
    }
}

/// Parses an enumerated flag value, naming the allowed values when it fails.
pub fn flag<T: FromStr>(name: &str, value: &Option<String>) -> anyhow::Result<Option<T>>
where
    T::Err: std::fmt::Display,
{
    value
        .as_deref()
        .map(|v| v.parse::<T>().map_err(|e| UsageError(format!("invalid value for --{name}: {e}")).into()))
        .transpose()
}
