//! Screening throughput against a synthetic list the size of the Consolidated Screening List.
//! `cargo bench -p accord-screening`; names per second = queries per iteration / median time.

use std::sync::LazyLock;

use accord_screening::synthetic::{self, CSL_SIZE, Synthetic};
use accord_screening::{Options, Query, Screener};
use divan::{Bencher, black_box, counter::ItemsCount};

/// Queries screened per iteration: every labelled query of the synthetic set.
static DATA: LazyLock<(Screener, Vec<Query>)> = LazyLock::new(|| {
    let Synthetic { entries, cases } = synthetic::generate(7, CSL_SIZE, 100);
    let queries = cases.iter().map(|c| Query::name(&c.query)).collect();
    (Screener::new(entries), queries)
});

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 10)]
fn screen_labelled_queries(bencher: Bencher) {
    let (screener, queries) = &*DATA;
    let options = Options::default();
    bencher.counter(ItemsCount::new(queries.len())).bench(|| {
        for query in queries {
            black_box(screener.screen(black_box(query), &options));
        }
    });
}

#[divan::bench(sample_count = 3)]
fn build_index(bencher: Bencher) {
    let entries = synthetic::generate(7, CSL_SIZE, 0).entries;
    bencher.counter(ItemsCount::new(entries.len())).bench(|| Screener::new(black_box(entries.clone())));
}
