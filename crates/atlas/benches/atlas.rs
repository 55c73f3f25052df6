//! Loading and validating the atlas, and resolving every instrument's parties as of a date.
//!
//! Run with `cargo bench -p accord-atlas --bench atlas`.

use accord_atlas::load::{DataFile, embedded_files};
use accord_atlas::{Atlas, PartialDate};

fn main() {
    divan::main();
}

/// The shipped atlas copied `factor` times: every instrument and body again under a new id, each copy
/// still referring to the original bodies, topics and instruments, so that every reference resolves.
fn synthetic(factor: usize) -> Vec<DataFile> {
    let atlas = Atlas::from_files(&embedded_files()).expect("shipped data is valid");
    let mut files: Vec<DataFile> = embedded_files();
    for n in 1..factor {
        for instrument in atlas.instruments() {
            let mut copy = instrument.clone();
            copy.id.0 = format!("{}-x{n}", instrument.id);
            let text = toml::to_string(&copy).expect("serialisable");
            files.push(DataFile { path: format!("instruments/{}/{}.toml", copy.mechanism, copy.id), text });
        }
        for body in atlas.bodies() {
            let mut copy = body.clone();
            copy.id.0 = format!("{}-x{n}", body.id);
            let text = toml::to_string(&copy).expect("serialisable");
            files.push(DataFile { path: format!("bodies/{}.toml", copy.id), text });
        }
    }
    files
}

#[divan::bench(sample_count = 30)]
fn load_and_validate_shipped(bencher: divan::Bencher) {
    let files = embedded_files();
    bencher.bench(|| Atlas::from_files(divan::black_box(&files)).expect("valid"));
}

#[divan::bench(sample_count = 5)]
fn load_and_validate_synthetic_100x(bencher: divan::Bencher) {
    let files = synthetic(100);
    let atlas = Atlas::from_files(&files).expect("the synthetic atlas is valid");
    assert_eq!(atlas.instruments().len(), 100 * Atlas::from_files(&embedded_files()).unwrap().instruments().len());
    bencher.bench(|| Atlas::from_files(divan::black_box(&files)).expect("valid"));
}

#[divan::bench(sample_count = 30)]
fn resolve_all_parties_as_of(bencher: divan::Bencher) {
    let atlas = Atlas::from_files(&embedded_files()).expect("valid");
    let date: PartialDate = "2025-06-01".parse().unwrap();
    bencher.bench(|| {
        atlas.instruments().iter().map(|i| atlas.parties_as_of(i, divan::black_box(date)).len()).sum::<usize>()
    });
}
