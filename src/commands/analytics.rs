//! `accord compare`, `matrix`, `coalitions`, `fragmentation`, `query`, `crosswalk` and `changes`: flags in,
//! analytics out.

use std::process::ExitCode;

use accord_analytics::alignment::{self, ComparedInstrument, PairScore};
use accord_analytics::cluster::Coalition;
use accord_analytics::fragmentation;
use accord_analytics::view::GroupView;
use accord_analytics::{AnalyticsError, Snapshot, Step, changes, crosswalk, steps};
use accord_atlas::{Atlas, CountryCode, InstrumentId, PartialDate};
use anyhow::{Context, anyhow};
use serde::Serialize;

use super::export::write_atomic;
use super::{UsageError, as_of};
use crate::cli::{
    ChangesArgs, CompareArgs, CrosswalkArgs, CrosswalkExport, FragmentationArgs, GroupArgs, QueryArgs, StepArg,
};
use crate::output::{Format, Grid, Report, print};

fn step(arg: StepArg) -> Step {
    match arg {
        StepArg::Year => Step::Year,
        StepArg::Month => Step::Month,
    }
}

fn date_flag(name: &str, text: &str) -> anyhow::Result<PartialDate> {
    text.parse().with_context(|| format!("bad --{name} date {text:?}"))
}

fn cut(value: f64) -> anyhow::Result<f64> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(UsageError(format!("--cut {value} is outside 0..=1 (it is a distance, 1 - alignment)")).into())
    }
}

fn codes(texts: &[String]) -> anyhow::Result<Vec<CountryCode>> {
    texts
        .iter()
        .map(|t| {
            CountryCode::parse(&t.to_ascii_uppercase())
                .ok_or_else(|| anyhow!("{t:?} is not an ISO 3166-1 alpha-2 country code (for example FR, US, KR)"))
        })
        .collect()
}

fn score(value: f64) -> String {
    format!("{value:.3}")
}

fn optional_score(value: Option<f64>) -> String {
    value.map(score).unwrap_or_default()
}

fn members_text(coalition: &Coalition) -> String {
    coalition.members.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(" ")
}

pub fn compare(atlas: &Atlas, args: &CompareArgs) -> anyhow::Result<ExitCode> {
    let states = codes(&args.codes)?;
    let date = as_of(&args.view.as_of)?;
    if let Some(history) = args.history {
        return compare_history(atlas, &states, date, step(history), args);
    }
    let comparison = alignment::compare(atlas, &Snapshot::build(atlas, date), &states);
    let mut headers = vec!["held by".to_owned(), "layer".to_owned(), "instrument".to_owned()];
    headers.extend(states.iter().map(|c| c.to_string()));
    let mut instruments = Grid::with_headers(headers).titled("Instruments by layer (each state's status and effect)");
    let sets = [("all", &comparison.in_all), ("some", &comparison.in_some), ("one", &comparison.in_one)];
    for (label, list) in sets {
        for instrument in list.iter() {
            instruments.row(instrument_row(label, instrument, &states));
        }
    }
    let scores = scores_grid(&comparison.scores);
    let names: Vec<String> = comparison.states.iter().map(|s| format!("{} ({})", s.name, s.code)).collect();
    let preamble = vec![
        format!("Compared as of {date}: {}", names.join(", ")),
        format!(
            "{} instrument(s) held by all, {} by some, {} by one only",
            comparison.in_all.len(),
            comparison.in_some.len(),
            comparison.in_one.len()
        ),
    ];
    print(args.view.format, Report { json: &comparison, preamble, grids: vec![instruments, scores] })?;
    Ok(ExitCode::SUCCESS)
}

fn instrument_row(label: &str, instrument: &ComparedInstrument, states: &[CountryCode]) -> Vec<String> {
    let mut row = vec![label.to_owned(), instrument.layer.to_string(), instrument.id.to_string()];
    for code in states {
        let standing = instrument.holders.iter().find(|h| &h.code == code);
        row.push(standing.map_or_else(String::new, |h| format!("{} ({})", h.status, h.effect.as_str())));
    }
    row
}

fn scores_grid(scores: &[PairScore]) -> Grid {
    let mut grid = Grid::new(&["state", "state", "alignment"]).titled("Alignment (0 = nothing shared, 1 = the same)");
    for s in scores {
        grid.row(vec![s.a.to_string(), s.b.to_string(), score(s.score)]);
    }
    grid
}

fn compare_history(
    atlas: &Atlas,
    states: &[CountryCode],
    to: PartialDate,
    by: Step,
    args: &CompareArgs,
) -> anyhow::Result<ExitCode> {
    let from = match &args.from {
        Some(text) => date_flag("from", text)?,
        None => PartialDate::from_ymd(to.year() - 10, 1, 1)?,
    };
    let json = accord_analytics::view::compare_history(atlas, states, from, to, by)?;
    let pairs = alignment::pair_scores(&Snapshot::build(atlas, to), states);
    let mut headers = vec!["date".to_owned()];
    headers.extend(pairs.iter().map(|p| format!("{}-{}", p.a, p.b)));
    let mut grid = Grid::with_headers(headers).titled("Alignment by date");
    for point in &json.history {
        let mut row = vec![point.date.to_string()];
        row.extend(point.scores.iter().map(|s| score(s.score)));
        grid.row(row);
    }
    let preamble = vec![format!("Alignment from {from} to {to}")];
    print(args.view.format, Report { json: &json, preamble, grids: vec![grid] })?;
    Ok(ExitCode::SUCCESS)
}

fn group_view(atlas: &Atlas, args: &GroupArgs) -> anyhow::Result<GroupView> {
    let date = as_of(&args.view.as_of)?;
    Ok(accord_analytics::view::group_view(atlas, &args.group, date, cut(args.cut)?)?)
}

fn coalitions_grid(coalitions: &[Coalition]) -> Grid {
    let mut grid = Grid::new(&["coalition", "size", "cohesion", "members"]).titled("Coalitions, largest first");
    for (i, c) in coalitions.iter().enumerate() {
        grid.row(vec![(i + 1).to_string(), c.members.len().to_string(), score(c.cohesion), members_text(c)]);
    }
    grid
}

fn group_preamble(view: &GroupView) -> Vec<String> {
    vec![
        format!("Group {} as of {}: {} state(s)", view.group, view.as_of, view.members.len()),
        format!(
            "mean alignment {}, fragmentation index {}, {} coalition(s) at cut {}",
            optional_score(view.mean_alignment),
            optional_score(view.fragmentation),
            view.coalitions.len(),
            view.cut
        ),
    ]
}

pub fn matrix(atlas: &Atlas, args: &GroupArgs) -> anyhow::Result<ExitCode> {
    let view = group_view(atlas, args)?;
    let mut headers = vec![String::new()];
    headers.extend(view.members.iter().map(|c| c.to_string()));
    let mut grid = Grid::with_headers(headers).titled("Alignment matrix");
    for (code, row) in view.members.iter().zip(&view.scores) {
        let mut cells = vec![code.to_string()];
        cells.extend(row.iter().map(|&s| format!("{s:.2}")));
        grid.row(cells);
    }
    let preamble = group_preamble(&view);
    let grids = vec![grid, coalitions_grid(&view.coalitions)];
    print(args.view.format, Report { json: &view, preamble, grids })?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct CoalitionsView<'a> {
    as_of: PartialDate,
    group: &'a str,
    cut: f64,
    coalitions: &'a [Coalition],
}

pub fn coalitions(atlas: &Atlas, args: &GroupArgs) -> anyhow::Result<ExitCode> {
    let view = group_view(atlas, args)?;
    let json = CoalitionsView { as_of: view.as_of, group: &view.group, cut: view.cut, coalitions: &view.coalitions };
    let preamble = group_preamble(&view);
    print(args.view.format, Report { json: &json, preamble, grids: vec![coalitions_grid(&view.coalitions)] })?;
    Ok(ExitCode::SUCCESS)
}

pub fn fragmentation(atlas: &Atlas, args: &FragmentationArgs) -> anyhow::Result<ExitCode> {
    let from = date_flag("from", &args.from)?;
    let to = match &args.to {
        Some(text) => date_flag("to", text)?,
        None => PartialDate::today(),
    };
    let dates = steps(from, to, step(args.step))?;
    let history = fragmentation::history(atlas, &args.group, &dates, cut(args.cut)?)?;
    let mut grid = Grid::new(&["date", "states", "fragmentation", "mean alignment", "coalitions", "coalition members"])
        .titled("Fragmentation (0 = all hold the same commitments, 1 = nothing shared)");
    for point in &history.points {
        let blocs: Vec<String> =
            point.coalitions.iter().filter(|c| c.members.len() > 1).map(|c| format!("[{}]", members_text(c))).collect();
        let alone = point.coalitions.iter().filter(|c| c.members.len() == 1).count();
        let mut described = blocs.join(" ");
        if alone > 0 {
            described.push_str(&format!(" +{alone} alone"));
        }
        grid.row(vec![
            point.date.to_string(),
            point.members.to_string(),
            optional_score(point.index),
            optional_score(point.mean_alignment),
            point.coalitions.len().to_string(),
            described.trim().to_owned(),
        ]);
    }
    let preamble = vec![format!("Group {} from {from} to {to}, coalitions at cut {}", args.group, args.cut)];
    print(args.format, Report { json: &history, preamble, grids: vec![grid] })?;
    Ok(ExitCode::SUCCESS)
}

pub fn query(atlas: &Atlas, args: &QueryArgs) -> anyhow::Result<ExitCode> {
    let date = as_of(&args.view.as_of)?;
    let result = accord_analytics::query::run(atlas, &args.expression, date).map_err(|error| {
        let caret = format!("{}^", " ".repeat(error.column.saturating_sub(1)));
        anyhow!("bad query: {error}\n  {}\n  {caret}\n`accord query --help` describes the syntax", args.expression)
    })?;
    let mut grid = Grid::new(&["code", "name"]);
    for state in &result.states {
        grid.row(vec![state.code.to_string(), state.name.clone()]);
    }
    let preamble = vec![format!("{} state(s) as of {date}: {}", result.count, result.query)];
    print(args.view.format, Report { json: &result, preamble, grids: vec![grid] })?;
    Ok(ExitCode::SUCCESS)
}

pub fn crosswalk(atlas: &Atlas, args: &CrosswalkArgs) -> anyhow::Result<ExitCode> {
    let instrument = |id: &Option<String>| -> anyhow::Result<Option<InstrumentId>> {
        id.as_deref()
            .map(|text| {
                let id = InstrumentId::from(text);
                atlas.instrument(&id).map(|_| id).ok_or_else(|| AnalyticsError::UnknownInstrument(text.to_owned()))
            })
            .transpose()
            .map_err(Into::into)
    };
    let (from, to) = (instrument(&args.from)?, instrument(&args.to)?);
    let selected = crosswalk::select(atlas, from.as_ref(), to.as_ref());
    if selected.is_empty() {
        anyhow::bail!("no crosswalk links the instruments given with --from and --to");
    }
    if let (Some(kind), Some(out)) = (args.export, &args.out) {
        let bytes = match kind {
            CrosswalkExport::Oscal => {
                let stamp = format!("{}T00:00:00Z", PartialDate::today());
                serde_json::to_vec_pretty(&crosswalk::oscal(&selected, &stamp))?
            }
            CrosswalkExport::Csv => {
                let mut writer = csv::Writer::from_writer(Vec::new());
                for row in crosswalk::rows(&selected) {
                    writer.serialize(row)?;
                }
                writer.into_inner().context("finishing CSV")?
            }
        };
        write_atomic(out, &bytes)?;
        let links: usize = selected.iter().map(|c| c.links.len()).sum();
        println!("wrote {} ({} crosswalk(s), {links} link(s))", out.display(), selected.len());
        return Ok(ExitCode::SUCCESS);
    }
    match &args.id {
        Some(id) => harmonisation(atlas, id, args),
        None => {
            let rows = crosswalk::rows(&selected);
            let mut grid = Grid::new(&["from", "relation", "to", "rationale"]);
            for r in &rows {
                grid.row(vec![
                    format!("{}#{}", r.from_instrument, r.from_provision),
                    r.relation.to_string(),
                    format!("{}#{}", r.to_instrument, r.to_provision),
                    r.rationale.clone(),
                ]);
            }
            let preamble = vec![format!("{} link(s) in {} crosswalk(s)", rows.len(), selected.len())];
            print(args.format, Report { json: &rows, preamble, grids: vec![grid] })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn harmonisation(atlas: &Atlas, id: &str, args: &CrosswalkArgs) -> anyhow::Result<ExitCode> {
    let against: Vec<InstrumentId> = args.against.iter().map(|a| InstrumentId::from(a.trim())).collect();
    let report = crosswalk::harmonisation(atlas, id, (!against.is_empty()).then_some(against.as_slice()))?;
    let mut topics = Grid::new(&["topic", id, "covered elsewhere by"]).titled("Topic coverage");
    for t in &report.topics {
        let elsewhere: Vec<&str> = t.instruments.iter().map(|i| i.as_str()).collect();
        topics.row(vec![t.topic.to_string(), if t.subject { "yes" } else { "" }.to_owned(), elsewhere.join(", ")]);
    }
    let mut links = Grid::new(&["provision", "relation", "linked provision", "rationale"]).titled("Linked provisions");
    for l in &report.links {
        links.row(vec![
            format!("{}#{}", l.from.instrument, l.from.provision),
            l.relation.to_string(),
            format!("{}#{}", l.to.instrument, l.to.provision),
            l.rationale.clone(),
        ]);
    }
    let mut missing = Grid::new(&["provision elsewhere", "title", "topics it lacks"])
        .titled(format!("Found elsewhere, missing from {id}"));
    for m in &report.missing_provisions {
        let uncovered: Vec<&str> = m.uncovered_topics.iter().map(|t| t.as_str()).collect();
        missing.row(vec![
            format!("{}#{}", m.provision.instrument, m.provision.provision),
            m.provision.title.clone(),
            uncovered.join(", "),
        ]);
    }
    let own: Vec<&str> = report.instruments.iter().map(|i| i.as_str()).collect();
    let gaps: Vec<&str> = report.missing_topics.iter().map(|t| t.as_str()).collect();
    let preamble = vec![
        format!("{id}: {}", own.join(", ")),
        format!("compared with {} instrument(s); topics it lacks: {}", report.against.len(), gaps.join(", ")),
    ];
    print(args.format, Report { json: &report, preamble, grids: vec![topics, links, missing] })?;
    Ok(ExitCode::SUCCESS)
}

pub fn changes(atlas: &Atlas, args: &ChangesArgs) -> anyhow::Result<ExitCode> {
    let from = date_flag("from", &args.from)?;
    let to = match &args.to {
        Some(text) => date_flag("to", text)?,
        None => PartialDate::today(),
    };
    let log = changes::between(atlas, from, to)?;
    if let Some(path) = &args.atom {
        write_atomic(path, changes::atom(&log).as_bytes())?;
        if args.format == Format::Table {
            println!("wrote {} ({} entries)", path.display(), log.count);
        }
    }
    let mut grid = Grid::new(&["date", "category", "kind", "subject", "party", "description", "source"]);
    for c in &log.changes {
        grid.row(vec![
            c.date.to_string(),
            c.category.as_str().to_owned(),
            c.kind.clone(),
            c.subject.clone(),
            c.party.clone().unwrap_or_default(),
            c.description.clone(),
            c.source.clone().unwrap_or_default(),
        ]);
    }
    let preamble = vec![format!("{} change(s) from {from} to {to}", log.count)];
    print(args.format, Report { json: &log, preamble, grids: vec![grid] })?;
    Ok(ExitCode::SUCCESS)
}
