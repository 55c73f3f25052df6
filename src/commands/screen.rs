//! `accord screen`: one name, a CSV batch, or the labelled evaluation.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use accord_screening::eval::{self, EvalReport};
use accord_screening::synthetic::{self, CSL_SIZE};
use accord_screening::{BirthDate, EntityKind, Match, Options, Query, Screener, Strictness, load_file};
use anyhow::{Context, bail};
use serde::Serialize;

use super::UsageError;
use crate::cli::{KindArg, ScreenArgs, ScreenFormat};
use crate::output::{Format, Grid, Report, print};

pub fn run(args: &ScreenArgs) -> anyhow::Result<ExitCode> {
    if args.evaluate {
        return evaluate(&args.testdata, args.per_class);
    }
    let options = Options { threshold: threshold(args.threshold)?, ..Options::default() };
    let screener = load_lists(&args.lists)?;
    match (&args.name, &args.batch) {
        (Some(name), _) => single(&screener, name, args, &options),
        (None, Some(batch)) => self::batch(&screener, batch, args.out.as_deref(), args.format, &options),
        (None, None) => bail!("give a NAME, --batch FILE.csv or --evaluate"),
    }
}

fn threshold(value: Option<f32>) -> anyhow::Result<f32> {
    match value {
        Some(t) if !(0.0..=1.0).contains(&t) => {
            Err(UsageError(format!("--threshold {t} is not between 0 and 1")).into())
        }
        Some(t) => Ok(t),
        None => Ok(accord_screening::DEFAULT_THRESHOLD),
    }
}

/// Loads every list leniently, reporting skipped rows on standard error, into one screener.
pub fn load_lists(paths: &[PathBuf]) -> anyhow::Result<Screener> {
    let mut entries = Vec::new();
    for path in paths {
        let loaded =
            load_file(path, Strictness::Lenient).with_context(|| format!("cannot load list {}", path.display()))?;
        if !loaded.problems.is_empty() {
            eprintln!(
                "{}: {} row(s) skipped, the first: {}",
                path.display(),
                loaded.problems.len(),
                loaded.problems[0]
            );
        }
        entries.extend(loaded.entries);
    }
    Ok(Screener::new(entries))
}

fn kind(arg: Option<KindArg>) -> Option<EntityKind> {
    arg.map(|k| match k {
        KindArg::Person => EntityKind::Person,
        KindArg::Organization => EntityKind::Organization,
    })
}

/// A match as printed: the explanation in words beside its structure.
#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    found: &'a Match,
    explanation_text: String,
}

fn shown(matches: &[Match]) -> Vec<Shown<'_>> {
    matches.iter().map(|m| Shown { found: m, explanation_text: m.explanation.to_string() }).collect()
}

fn single(screener: &Screener, name: &str, args: &ScreenArgs, options: &Options) -> anyhow::Result<ExitCode> {
    let query = Query { name: name.to_owned(), kind: kind(args.kind), country: args.country.clone(), birth_date: None };
    let matches = screener.screen(&query, options);
    let format = match args.format {
        None | Some(ScreenFormat::Table) => Format::Table,
        Some(ScreenFormat::Json) => Format::Json,
        Some(other) => return Err(UsageError(format!("--format {other:?} is for --batch; use table or json")).into()),
    };
    let json = serde_json::json!({"query": name, "threshold": options.threshold, "matches": shown(&matches)});
    let mut grid = Grid::new(&["score", "list", "entry", "matched name", "explanation"]);
    for m in &matches {
        grid.row(vec![
            format!("{:.2}", m.score),
            m.list.to_string(),
            m.entry_id.to_string(),
            m.matched_name.clone(),
            m.explanation.to_string(),
        ]);
    }
    let preamble = vec![
        format!(
            "{name}: {} match(es) at threshold {:.2} in {} entries",
            matches.len(),
            options.threshold,
            screener.entries().len()
        ),
        "A match is a lead to review, not a finding.".to_owned(),
    ];
    print(format, Report { json: &json, preamble, grids: vec![grid] })?;
    Ok(ExitCode::SUCCESS)
}

/// One output record of a batch: the input row and its best matches.
#[derive(Serialize)]
struct BatchLine<'a> {
    line: usize,
    name: &'a str,
    matches: Vec<Shown<'a>>,
}

fn batch(
    screener: &Screener,
    path: &Path,
    out: Option<&Path>,
    format: Option<ScreenFormat>,
    options: &Options,
) -> anyhow::Result<ExitCode> {
    let jsonl = match format {
        None | Some(ScreenFormat::Csv) => false,
        Some(ScreenFormat::Jsonl) => true,
        Some(other) => {
            return Err(UsageError(format!("--format {other:?} is for one name; a batch writes csv or jsonl")).into());
        }
    };
    let mut reader = csv::Reader::from_path(path).with_context(|| format!("cannot read {}", path.display()))?;
    let headers = reader.headers().with_context(|| format!("cannot read the header of {}", path.display()))?.clone();
    let column = |name: &str| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let Some(name_col) = column("name") else {
        bail!(
            "{} has no `name` column; its header is: {}",
            path.display(),
            headers.iter().collect::<Vec<_>>().join(",")
        );
    };
    let (country_col, kind_col, birth_col) = (column("country"), column("kind"), column("birth_date"));
    let rows: Vec<csv::StringRecord> =
        reader.records().collect::<Result<_, _>>().with_context(|| format!("cannot read {}", path.display()))?;

    let sink: Box<dyn Write> = match out {
        Some(p) => Box::new(File::create(p).with_context(|| format!("cannot write {}", p.display()))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut sink = BufWriter::new(sink);
    let mut csv_out = (!jsonl).then(|| csv::Writer::from_writer(Vec::new()));
    if let Some(w) = csv_out.as_mut() {
        w.write_record(["line", "name", "score", "list", "entry_id", "matched_name", "explanation"])?;
    }
    let progress = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(rows.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut matched_rows = 0usize;
    for (i, row) in rows.iter().enumerate() {
        let line = i + 2; // after the header, counting from 1
        let get = |col: Option<usize>| col.and_then(|c| row.get(c)).map(str::trim).filter(|v| !v.is_empty());
        let name = get(Some(name_col)).unwrap_or("");
        let kind = match get(kind_col).map(str::to_ascii_lowercase).as_deref() {
            None => None,
            Some("person") => Some(EntityKind::Person),
            Some("organization" | "organisation") => Some(EntityKind::Organization),
            Some(other) => bail!("{}:{line}: kind {other:?} is not person or organization", path.display()),
        };
        let birth_date = match get(birth_col) {
            None => None,
            Some(text) => Some(BirthDate::parse(text).with_context(|| {
                format!("{}:{line}: birth_date {text:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", path.display())
            })?),
        };
        let query = Query { name: name.to_owned(), kind, country: get(country_col).map(str::to_owned), birth_date };
        let matches = screener.screen(&query, options);
        matched_rows += usize::from(!matches.is_empty());
        match csv_out.as_mut() {
            Some(w) => {
                for m in &matches {
                    w.write_record([
                        line.to_string(),
                        name.to_owned(),
                        format!("{:.3}", m.score),
                        m.list.to_string(),
                        m.entry_id.to_string(),
                        m.matched_name.clone(),
                        m.explanation.to_string(),
                    ])?;
                }
            }
            None => {
                serde_json::to_writer(&mut sink, &BatchLine { line, name, matches: shown(&matches) })?;
                sink.write_all(b"\n")?;
            }
        }
        progress.inc(1);
    }
    if let Some(w) = csv_out {
        sink.write_all(&w.into_inner().context("cannot write CSV")?)?;
    }
    sink.flush()?;
    progress.finish_and_clear();
    eprintln!("{} name(s) screened, {matched_rows} with at least one match", rows.len());
    Ok(ExitCode::SUCCESS)
}

fn evaluate(testdata: &Path, per_class: usize) -> anyhow::Result<ExitCode> {
    let options = Options::default();
    println!(
        "Recall and precision at the default threshold {:.2}; a match is found when the expected entry is",
        options.threshold
    );
    println!(
        "among the matches (limit {}). Negative classes have no recall; read their false positives.\n",
        options.limit
    );
    let sdn = testdata.join("ofac_sdn_2021/sdn.csv");
    let ssb = [
        ("ssb individuals", testdata.join("ssb_generated/ssb_sdn2021_individuals.json.gz")),
        ("ssb entities", testdata.join("ssb_generated/ssb_sdn2021_entities.json.gz")),
    ];
    if sdn.exists() && ssb.iter().all(|(_, p)| p.exists()) {
        let screener = load_lists(std::slice::from_ref(&sdn))?;
        for (name, path) in &ssb {
            let cases = eval::ssb_cases(&gunzip(path)?).with_context(|| format!("cannot parse {}", path.display()))?;
            show(&eval::run(&format!("{name} against the SDN 2021 list"), &screener, &cases, &options));
        }
    } else {
        println!("skipped the SDN benchmark: {} or its cases are absent (--testdata DIR)\n", sdn.display());
    }
    let pairs = testdata.join("nomenklatura_name_bench/cases.csv");
    if pairs.exists() {
        let text = std::fs::read_to_string(&pairs).with_context(|| format!("cannot read {}", pairs.display()))?;
        let cases = eval::name_pair_cases(&text).with_context(|| format!("cannot parse {}", pairs.display()))?;
        show(&eval::run_pairs("nomenklatura name pairs (scored pairwise)", &cases, options.threshold));
    } else {
        println!("skipped the name pairs: {} is absent\n", pairs.display());
    }
    let data = synthetic::generate(7, CSL_SIZE, per_class);
    let screener = Screener::new(data.entries);
    show(&eval::run(&format!("synthetic list ({CSL_SIZE} entries)"), &screener, &data.cases, &options));
    Ok(ExitCode::SUCCESS)
}

fn show(report: &EvalReport) {
    println!("{report}");
}

fn gunzip(path: &Path) -> anyhow::Result<String> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .with_context(|| format!("cannot decompress {}", path.display()))?;
    Ok(text)
}
