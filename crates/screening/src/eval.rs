//! Measuring a screener against labelled data: recall and precision per class of variation.
//!
//! Two kinds of labelled data: screening cases (a query and the entry it should find, or none) run
//! through a [`Screener`], and name pairs (two names, same party or not) scored directly.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

use crate::entry::{EntityKind, EntryId};
use crate::normalize::normalize;
use crate::score;
use crate::screen::{Options, Query, Screener};

/// A labelled screening query.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    pub query: String,
    /// The entry the query designates, or `None` for a query that should match nothing.
    pub expected: Option<EntryId>,
    /// The kind of variation (e.g. "typo", "translit", or a negative class such as "cross_pair").
    pub class: String,
}

/// A labelled pair of names.
#[derive(Debug, Clone, PartialEq)]
pub struct PairCase {
    pub name1: String,
    pub name2: String,
    pub kind: EntityKind,
    pub is_match: bool,
    pub class: String,
}

/// Counts for one class (or all).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClassReport {
    pub class: String,
    pub cases: usize,
    pub true_positives: usize,
    /// Alerts that do not name the expected entry (on positive or negative cases).
    pub false_positives: usize,
    pub false_negatives: usize,
    pub true_negatives: usize,
}

impl ClassReport {
    /// Share of positive cases found; `None` without positive cases.
    pub fn recall(&self) -> Option<f64> {
        let positives = self.true_positives + self.false_negatives;
        (positives > 0).then(|| self.true_positives as f64 / positives as f64)
    }

    /// Share of alerts that are right; `None` without alerts.
    pub fn precision(&self) -> Option<f64> {
        let alerts = self.true_positives + self.false_positives;
        (alerts > 0).then(|| self.true_positives as f64 / alerts as f64)
    }

    fn add(&mut self, other: &ClassReport) {
        self.cases += other.cases;
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
        self.true_negatives += other.true_negatives;
    }
}

/// Recall and precision per class and overall, at one threshold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EvalReport {
    pub name: String,
    pub threshold: f32,
    pub classes: Vec<ClassReport>,
    pub overall: ClassReport,
}

/// Runs labelled screening cases through `screener`.
pub fn run(name: &str, screener: &Screener, cases: &[Case], options: &Options) -> EvalReport {
    let mut classes: BTreeMap<&str, ClassReport> = BTreeMap::new();
    for case in cases {
        let matches = screener.screen(&Query::name(&case.query), options);
        let report = classes.entry(&case.class).or_default();
        report.cases += 1;
        match &case.expected {
            Some(expected) => {
                if matches.iter().any(|m| &m.entry_id == expected) {
                    report.true_positives += 1;
                } else {
                    report.false_negatives += 1;
                    if !matches.is_empty() {
                        report.false_positives += 1;
                    }
                }
            }
            None if matches.is_empty() => report.true_negatives += 1,
            None => report.false_positives += 1,
        }
    }
    finish(name, options.threshold, classes)
}

/// Scores labelled name pairs directly (no index, no list).
pub fn run_pairs(name: &str, cases: &[PairCase], threshold: f32) -> EvalReport {
    let mut classes: BTreeMap<&str, ClassReport> = BTreeMap::new();
    for case in cases {
        let a = normalize(&case.name1, case.kind);
        let b = normalize(&case.name2, case.kind);
        let alert = score::score(&a, &b).max(score::score(&b, &a)) >= threshold;
        let report = classes.entry(&case.class).or_default();
        report.cases += 1;
        match (case.is_match, alert) {
            (true, true) => report.true_positives += 1,
            (true, false) => report.false_negatives += 1,
            (false, true) => report.false_positives += 1,
            (false, false) => report.true_negatives += 1,
        }
    }
    finish(name, threshold, classes)
}

fn finish(name: &str, threshold: f32, classes: BTreeMap<&str, ClassReport>) -> EvalReport {
    let mut overall = ClassReport { class: "overall".into(), ..ClassReport::default() };
    let classes: Vec<ClassReport> = classes
        .into_iter()
        .map(|(class, mut report)| {
            report.class = class.to_string();
            overall.add(&report);
            report
        })
        .collect();
    EvalReport { name: name.to_string(), threshold, classes, overall }
}

#[derive(Deserialize)]
struct SsbFile {
    cases: Vec<SsbCase>,
}

#[derive(Deserialize)]
struct SsbCase {
    query: String,
    expected_entity_id: Option<String>,
    perturbation: String,
}

/// Reads the cases of a sanctions-screening-benchmark JSON file (`{manifest, candidates, cases}`).
pub fn ssb_cases(json: &str) -> Result<Vec<Case>, serde_json::Error> {
    let file: SsbFile = serde_json::from_str(json)?;
    Ok(file
        .cases
        .into_iter()
        .map(|c| Case { query: c.query, expected: c.expected_entity_id.map(EntryId), class: c.perturbation })
        .collect())
}

/// Reads nomenklatura's labelled name pairs (`case_group,schema,name1,name2,is_match,...`); the class
/// of a pair is its schema and whether it is a match.
pub fn name_pair_cases(csv_text: &str) -> Result<Vec<PairCase>, csv::Error> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers()?.clone();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (schema, n1, n2, is_match) = (column("schema"), column("name1"), column("name2"), column("is_match"));
    let mut cases = Vec::new();
    for record in reader.records() {
        let record = record?;
        let get = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("");
        let schema_name = get(schema);
        let kind = match schema_name {
            "Person" => EntityKind::Person,
            "Vessel" => EntityKind::Vessel,
            "Company" | "Organization" | "LegalEntity" => EntityKind::Organization,
            _ => EntityKind::Unknown,
        };
        let matched = get(is_match).eq_ignore_ascii_case("true");
        cases.push(PairCase {
            name1: get(n1).to_string(),
            name2: get(n2).to_string(),
            kind,
            is_match: matched,
            class: format!("{schema_name} {}", if matched { "match" } else { "non-match" }),
        });
    }
    Ok(cases)
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pct = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{:.3}", v));
        writeln!(f, "{} (threshold {:.2})", self.name, self.threshold)?;
        writeln!(
            f,
            "{:<24} {:>7} {:>7} {:>7} {:>7} {:>7} {:>9} {:>9}",
            "class", "cases", "tp", "fp", "fn", "tn", "recall", "precision"
        )?;
        for c in self.classes.iter().chain(std::iter::once(&self.overall)) {
            writeln!(
                f,
                "{:<24} {:>7} {:>7} {:>7} {:>7} {:>7} {:>9} {:>9}",
                c.class,
                c.cases,
                c.true_positives,
                c.false_positives,
                c.false_negatives,
                c.true_negatives,
                pct(c.recall()),
                pct(c.precision())
            )?;
        }
        Ok(())
    }
}
