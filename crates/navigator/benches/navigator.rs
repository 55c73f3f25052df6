//! Navigator throughput: single (system x jurisdiction) evaluations, and a 10,000-system inventory over
//! 20 jurisdictions. Run with `cargo bench -p accord-navigator --bench navigator`.

use std::sync::Arc;

use accord_atlas::model::{Hook, Role, SystemKind};
use accord_atlas::{Atlas, CountryCode, PartialDate};
use accord_navigator::assess::evaluate_jurisdiction;
use accord_navigator::compiled::ProfileMask;
use accord_navigator::{Navigator, Profile};

fn main() {
    divan::main();
}

const JURISDICTIONS: [&str; 20] = [
    "US", "GB", "FR", "DE", "IT", "ES", "NL", "IE", "JP", "KR", "CN", "IN", "SG", "AU", "CA", "BR", "MX", "AE", "SA",
    "CH",
];

/// A deterministic variety of systems: kinds, roles and footprints rotate with the index.
fn profile(i: usize) -> Profile {
    let kinds = <SystemKind as strum::VariantArray>::VARIANTS;
    let roles = <Role as strum::VariantArray>::VARIANTS;
    let offered: Vec<String> =
        (0..20).filter(|j| !(i + j).is_multiple_of(3)).map(|j| JURISDICTIONS[j].to_owned()).collect();
    let deployed: Vec<String> =
        (0..20).filter(|j| (i + j).is_multiple_of(3)).map(|j| JURISDICTIONS[j].to_owned()).collect();
    Profile {
        name: format!("system {i}"),
        description: None,
        kinds: vec![kinds[i % kinds.len()], kinds[(i / 3) % kinds.len()]],
        roles: vec![roles[i % roles.len()], Role::Provider],
        sectors: vec![],
        developed_in: vec![JURISDICTIONS[i % 20].to_owned()],
        deployed_in: deployed,
        offered_in: offered,
        output_used_in: vec![],
        established_in: JURISDICTIONS[(i * 7) % 20].to_owned(),
        data_flows: vec![],
        export_destinations: vec![],
        voluntary_codes: vec![],
        operator: None,
        as_of: Some("2026-06-01".parse().unwrap()),
    }
}

fn navigator() -> Navigator {
    Navigator::new(Arc::new(Atlas::embedded().expect("valid atlas")))
}

/// One (system x jurisdiction) evaluation, cycling through systems and jurisdictions.
#[divan::bench(sample_count = 50, sample_size = 100)]
fn evaluate_one_system_in_one_jurisdiction(bencher: divan::Bencher) {
    let navigator = navigator();
    let date: PartialDate = "2026-06-01".parse().unwrap();
    let snapshot = navigator.snapshot(date);
    let profiles: Vec<Profile> = (0..64).map(profile).collect();
    let masks: Vec<ProfileMask> = profiles.iter().map(|p| ProfileMask::new(&p.roles, &p.kinds, &p.sectors)).collect();
    let hooks = [Hook::PlacedOnMarket, Hook::Deployed, Hook::OutputUsed];
    let codes: Vec<CountryCode> = JURISDICTIONS.iter().map(|c| CountryCode::parse(c).unwrap()).collect();
    let mut n = 0usize;
    bencher.bench_local(|| {
        n += 1;
        let answer = evaluate_jurisdiction(
            navigator.atlas(),
            navigator.compiled(),
            &snapshot,
            masks[n % 64],
            codes[n % 20],
            divan::black_box(&hooks),
        );
        answer.findings.len()
    });
}

/// 10,000 systems over 20 jurisdictions, with plans, on both cores as `accord assess --inventory` runs them.
#[divan::bench(sample_count = 5)]
fn inventory_of_10000_systems_over_20_jurisdictions_parallel(bencher: divan::Bencher) {
    use rayon::prelude::*;
    let navigator = navigator();
    let profiles: Vec<Profile> = (0..10_000).map(profile).collect();
    navigator.snapshot("2026-06-01".parse().unwrap());
    bencher.bench_local(|| {
        profiles
            .par_iter()
            .map(|p| navigator.assess(p, None).expect("valid profile").jurisdictions.len())
            .sum::<usize>()
    });
}

/// The same inventory on one core.
#[divan::bench(sample_count = 3)]
fn inventory_of_10000_systems_over_20_jurisdictions_one_core(bencher: divan::Bencher) {
    let navigator = navigator();
    let profiles: Vec<Profile> = (0..10_000).map(profile).collect();
    navigator.snapshot("2026-06-01".parse().unwrap());
    bencher.bench_local(|| {
        profiles.iter().map(|p| navigator.assess(p, None).expect("valid profile").jurisdictions.len()).sum::<usize>()
    });
}
