//! The alignment matrix of every UN member state on one date, and ten years of monthly fragmentation
//! history for the same group (a snapshot, a matrix and coalitions per month).
//!
//! Run with `cargo bench -p accord-analytics --bench analytics`.

use accord_analytics::alignment::Matrix;
use accord_analytics::fragmentation::{self, Fragmentation};
use accord_analytics::{DEFAULT_CUT, Snapshot, Step, groups, steps};
use accord_atlas::{Atlas, PartialDate};

fn main() {
    divan::main();
}

fn date(text: &str) -> PartialDate {
    text.parse().expect("valid date")
}

#[divan::bench(sample_count = 30)]
fn matrix_all_states_one_date(bencher: divan::Bencher) {
    let atlas = Atlas::embedded().expect("shipped data is valid");
    let day = date("2025-06-01");
    bencher.bench(|| {
        let members = groups::members(&atlas, "all", day).expect("known group");
        let matrix = Matrix::build(&Snapshot::build(&atlas, day), &members);
        assert_eq!(matrix.members.len(), 193);
        Fragmentation::of(divan::black_box(&matrix), DEFAULT_CUT)
    });
}

#[divan::bench(sample_count = 5)]
fn fragmentation_all_states_ten_years_monthly(bencher: divan::Bencher) {
    let atlas = Atlas::embedded().expect("shipped data is valid");
    let dates = steps(date("2016-01"), date("2025-12"), Step::Month).expect("a valid range");
    assert_eq!(dates.len(), 120);
    bencher
        .bench(|| fragmentation::history(&atlas, "all", divan::black_box(&dates), DEFAULT_CUT).expect("known group"));
}
