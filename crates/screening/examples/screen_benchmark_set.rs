//! Screens a labelled query set against a list file and prints recall, precision and throughput, on
//! one thread, at the default threshold: the figures `scripts/compare-screening/run.py` sets beside
//! another engine's on the same files.
//!
//! ```text
//! cargo run --release -p accord-screening --example screen_benchmark_set -- list <list file> <queries.csv> [--runs N] [--json]
//! cargo run --release -p accord-screening --example screen_benchmark_set -- pairs <cases.csv> [--runs N] [--json]
//! ```
//!
//! `list`: loads the list with `load_file` (any format it reads; the comparison uses FollowTheMoney
//! JSON lines from `export_benchmark_set`), reads `query,expected,class` rows and screens each query
//! by name alone with `Options::default()`. Throughput counts screening only (not loading or
//! indexing), as the median of `--runs` passes over all queries (default 5).
//!
//! `pairs`: scores nomenklatura's labelled name pairs (`case_group,schema,name1,name2,is_match,...`)
//! with `eval::run_pairs` at `DEFAULT_THRESHOLD`, and reports the median time per pair.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use accord_screening::eval::{self, Case, EvalReport};
use accord_screening::{DEFAULT_THRESHOLD, EntryId, Options, Screener, Strictness, load_file};
use serde_json::json;

type Error = Box<dyn std::error::Error>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let runs = match args.iter().position(|a| a == "--runs").map(|i| args.get(i + 1).map(|n| n.parse::<usize>())) {
        None => 5,
        Some(Some(Ok(n))) if n > 0 => n,
        _ => {
            eprintln!("--runs takes a positive number");
            return ExitCode::from(2);
        }
    };
    let positional: Vec<&str> = args
        .iter()
        .enumerate()
        .filter(|&(i, a)| {
            let is_runs_value = i > 0 && args[i - 1] == "--runs";
            !a.starts_with("--") && !is_runs_value
        })
        .map(|(_, a)| a.as_str())
        .collect();
    let result = match positional.as_slice() {
        ["list", list, queries] => screen_list(Path::new(list), Path::new(queries), runs, json),
        ["pairs", cases] => score_pairs(Path::new(cases), runs, json),
        _ => {
            eprintln!("usage: screen_benchmark_set list <list file> <queries.csv> [--runs N] [--json]");
            eprintln!("       screen_benchmark_set pairs <cases.csv> [--runs N] [--json]");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn screen_list(list: &Path, queries: &Path, runs: usize, json: bool) -> Result<(), Error> {
    let started = Instant::now();
    let loaded = load_file(list, Strictness::Lenient)?;
    let entries = loaded.entries.len();
    let screener = Screener::new(loaded.entries);
    let load_seconds = started.elapsed().as_secs_f64();
    let cases = read_cases(queries)?;

    let options = Options::default();
    let mut report = EvalReport::default();
    let mut seconds = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        report = eval::run("accord-screening", &screener, &cases, &options);
        seconds.push(started.elapsed().as_secs_f64());
    }
    let median = median(&mut seconds);
    let per_second = cases.len() as f64 / median;
    if json {
        let out = json!({
            "engine": "accord-screening",
            "entries": entries,
            "queries": cases.len(),
            "threshold": options.threshold,
            "limit": options.limit,
            "recall": report.overall.recall(),
            "precision": report.overall.precision(),
            "true_positives": report.overall.true_positives,
            "false_positives": report.overall.false_positives,
            "false_negatives": report.overall.false_negatives,
            "true_negatives": report.overall.true_negatives,
            "load_and_index_seconds": load_seconds,
            "screen_seconds_median": median,
            "screen_seconds_runs": seconds,
            "queries_per_second": per_second,
            "classes": classes_json(&report),
        });
        println!("{out}");
    } else {
        print!("{report}");
        println!("{entries} entries loaded and indexed in {load_seconds:.2} s");
        println!(
            "{} queries screened in {median:.3} s (median of {runs}): {per_second:.0} names/s, {:.0} µs per name",
            cases.len(),
            1e6 / per_second
        );
    }
    Ok(())
}

fn score_pairs(path: &Path, runs: usize, json: bool) -> Result<(), Error> {
    let cases = eval::name_pair_cases(&std::fs::read_to_string(path)?)?;
    let mut report = EvalReport::default();
    let mut seconds = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        report = eval::run_pairs("accord-screening pairs", &cases, DEFAULT_THRESHOLD);
        seconds.push(started.elapsed().as_secs_f64());
    }
    let median = median(&mut seconds);
    let micros_per_pair = median * 1e6 / cases.len() as f64;
    if json {
        let out = json!({
            "engine": "accord-screening",
            "pairs": cases.len(),
            "threshold": DEFAULT_THRESHOLD,
            "recall": report.overall.recall(),
            "precision": report.overall.precision(),
            "true_positives": report.overall.true_positives,
            "false_positives": report.overall.false_positives,
            "false_negatives": report.overall.false_negatives,
            "true_negatives": report.overall.true_negatives,
            "seconds_median": median,
            "micros_per_pair": micros_per_pair,
            "classes": classes_json(&report),
        });
        println!("{out}");
    } else {
        print!("{report}");
        println!("{} pairs scored in {median:.4} s (median of {runs}): {micros_per_pair:.1} µs per pair", cases.len());
    }
    Ok(())
}

/// Rows of `query,expected,class`; an empty `expected` is a query that should match nothing.
fn read_cases(path: &Path) -> Result<Vec<Case>, Error> {
    let mut reader = csv::Reader::from_path(path)?;
    let mut cases = Vec::new();
    for record in reader.records() {
        let record = record?;
        let field = |i: usize| record.get(i).unwrap_or("").to_string();
        let expected = field(1);
        cases.push(Case {
            query: field(0),
            expected: (!expected.is_empty()).then_some(EntryId(expected)),
            class: field(2),
        });
    }
    Ok(cases)
}

fn classes_json(report: &EvalReport) -> serde_json::Value {
    report
        .classes
        .iter()
        .map(|c| {
            json!({
                "class": c.class,
                "cases": c.cases,
                "true_positives": c.true_positives,
                "false_positives": c.false_positives,
                "false_negatives": c.false_negatives,
                "true_negatives": c.true_negatives,
            })
        })
        .collect()
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
