//! Recall and precision on the labelled sets, printed per class:
//! `cargo test --release -p accord-screening --test evaluation -- --nocapture`.

use std::io::Read;
use std::path::{Path, PathBuf};

use accord_screening::eval::{self, EvalReport};
use accord_screening::synthetic::{self, CSL_SIZE};
use accord_screening::{Options, Screener, Strictness, load_file};

fn shared(relative: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/testdata/screening").join(relative);
    if path.exists() {
        Some(path)
    } else {
        println!("skipped: {} is absent (the shared test data sits beside the repository)", path.display());
        None
    }
}

fn gunzip(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()));
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("cannot decompress {}: {e}", path.display()));
    text
}

fn sdn_2021() -> Option<Screener> {
    let sdn = shared("ofac_sdn_2021/sdn.csv")?;
    let loaded = load_file(&sdn, Strictness::Lenient).expect("the SDN 2021 snapshot loads");
    Some(Screener::new(loaded.entries))
}

fn print(report: &EvalReport) {
    println!("{report}");
}

#[test]
fn ssb_benchmark_on_the_sdn_2021_list() {
    let (Some(screener), Some(individuals), Some(entities)) = (
        sdn_2021(),
        shared("ssb_generated/ssb_sdn2021_individuals.json.gz"),
        shared("ssb_generated/ssb_sdn2021_entities.json.gz"),
    ) else {
        return;
    };
    let options = Options::default();
    for (name, path) in [("ssb individuals", individuals), ("ssb entities", entities)] {
        let mut cases = eval::ssb_cases(&gunzip(&path)).expect("the benchmark file parses");
        if cfg!(debug_assertions) {
            // Unoptimised builds take minutes over the whole set; `--release` runs every case.
            println!("debug build: every 10th case of {name}");
            cases = cases.into_iter().step_by(10).collect();
        }
        let report = eval::run(name, &screener, &cases, &options);
        print(&report);
    }
}

#[test]
fn nomenklatura_name_pairs() {
    let Some(path) = shared("nomenklatura_name_bench/cases.csv") else { return };
    let text = std::fs::read_to_string(&path).expect("cases.csv reads");
    let cases = eval::name_pair_cases(&text).expect("cases.csv parses");
    let report = eval::run_pairs("nomenklatura name pairs", &cases, Options::default().threshold);
    print(&report);
}

#[test]
fn synthetic_csl_sized_list_meets_the_recall_and_precision_targets() {
    let data = synthetic::generate(7, CSL_SIZE, 200);
    let screener = Screener::new(data.entries);
    let report = eval::run("synthetic list", &screener, &data.cases, &Options::default());
    print(&report);
    let recall = report.overall.recall().unwrap_or(0.0);
    let precision = report.overall.precision().unwrap_or(0.0);
    assert!(recall >= 0.95, "recall {recall:.3} below the 0.95 target");
    assert!(precision >= 0.9, "precision {precision:.3} below the 0.9 target");
}
