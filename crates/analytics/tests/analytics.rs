//! The analytics over the shipped atlas, against answers checked by hand in the data files.

use accord_analytics::alignment::{self, Matrix};
use accord_analytics::participation::Snapshot;
use accord_analytics::{changes, crosswalk, fragmentation, groups, query};
use accord_atlas::load::{DataFile, embedded_files};
use accord_atlas::model::{PartyRecord, PartyStatus};
use accord_atlas::{Atlas, CountryCode, InstrumentId, PartialDate, PartyRef};

fn atlas() -> Atlas {
    Atlas::embedded().expect("shipped data is valid")
}

fn date(text: &str) -> PartialDate {
    text.parse().unwrap()
}

fn cc(code: &str) -> CountryCode {
    CountryCode::parse(code).unwrap()
}

fn ids(list: &[alignment::ComparedInstrument]) -> Vec<&str> {
    list.iter().map(|i| i.id.as_str()).collect()
}

#[test]
fn us_and_uk_share_bletchley_and_neither_signed_paris_while_france_signed_both() {
    let atlas = atlas();
    let snapshot = Snapshot::build(&atlas, date("2025-06-01"));
    let us_uk = alignment::compare(&atlas, &snapshot, &[cc("US"), cc("GB")]);
    assert!(ids(&us_uk.in_all).contains(&"bletchley-declaration"));
    let everywhere: Vec<&str> = [&us_uk.in_all, &us_uk.in_some, &us_uk.in_one].iter().flat_map(|l| ids(l)).collect();
    assert!(!everywhere.contains(&"paris-statement-inclusive-sustainable-ai"));
    let bletchley = us_uk.in_all.iter().find(|i| i.id.as_str() == "bletchley-declaration").unwrap();
    assert!(bletchley.holders.iter().all(|h| h.status == PartyStatus::Endorsed));

    let with_france = alignment::compare(&atlas, &snapshot, &[cc("FR"), cc("US"), cc("GB")]);
    let france_only = ids(&with_france.in_one);
    assert!(france_only.contains(&"paris-statement-inclusive-sustainable-ai"), "{france_only:?}");
    assert!(ids(&with_france.in_all).contains(&"bletchley-declaration"));
    // The EU AI Act applies in France (an EU member), in neither the US nor the UK.
    assert!(france_only.contains(&"eu-ai-act"));
    assert_eq!(with_france.scores.len(), 3);
}

#[test]
fn a_state_is_perfectly_aligned_with_itself_and_scores_stay_in_zero_one() {
    let atlas = atlas();
    let snapshot = Snapshot::build(&atlas, date("2025-06-01"));
    let g20 = groups::members(&atlas, "g20", date("2025-06-01")).unwrap();
    let matrix = Matrix::build(&snapshot, &g20);
    for (i, row) in matrix.scores.iter().enumerate() {
        assert_eq!(row[i], 1.0);
        for (j, &s) in row.iter().enumerate() {
            assert!((0.0..=1.0).contains(&s));
            assert_eq!(s, matrix.scores[j][i]);
        }
    }
    assert_eq!(alignment::score(&snapshot, cc("FR"), cc("FR")), 1.0);
    // Two EU members share far more than the United States and China.
    let eu_pair = alignment::score(&snapshot, cc("FR"), cc("DE"));
    let rivals = alignment::score(&snapshot, cc("US"), cc("CN"));
    assert!(eu_pair > 0.8 && rivals < eu_pair, "FR-DE {eu_pair}, US-CN {rivals}");
}

#[test]
fn the_score_weighs_a_ratified_treaty_in_force_at_3_and_an_endorsed_declaration_at_0_4() {
    use accord_analytics::participation::{effect_weight, layer_weight};
    use accord_atlas::LegalEffect;
    use accord_atlas::model::Mechanism;
    assert_eq!(effect_weight(LegalEffect::Bound) * layer_weight(Mechanism::Treaty), 3.0);
    assert_eq!(effect_weight(LegalEffect::PoliticalCommitment) * layer_weight(Mechanism::SoftLaw), 0.4);
    let atlas = atlas();
    let snapshot = Snapshot::build(&atlas, date("2025-06-01"));
    let bletchley = atlas.instruments().iter().position(|i| i.id.as_str() == "bletchley-declaration").unwrap();
    assert_eq!(snapshot.holding(cc("GB"), bletchley).unwrap().weight, 0.4);
}

/// Adds a withdrawal by `state` from the instrument in `file` on `on`, keeping the data valid.
fn with_withdrawal(files: &[DataFile], path: &str, state: CountryCode, on: PartialDate) -> Vec<DataFile> {
    let mut files = files.to_vec();
    let file = files.iter_mut().find(|f| f.path == path).unwrap();
    let mut instrument: accord_atlas::Instrument = toml::from_str(&file.text).unwrap();
    let source = instrument.sources[0].id.clone();
    instrument.parties.push(PartyRecord {
        party: PartyRef::State(state),
        status: PartyStatus::Withdrawn,
        date: on,
        effective: None,
        source: Some(source),
        note: None,
    });
    file.text = toml::to_string(&instrument).unwrap();
    files
}

#[test]
fn a_withdrawal_never_raises_a_score() {
    let files = embedded_files();
    let atlas = Atlas::from_files(&files).unwrap();
    // Nothing in the atlas happens on 2025-06-01, so a withdrawal that day compares like with like.
    let (day, before) = (date("2025-06-01"), date("2025-05-31"));
    let snapshot = Snapshot::build(&atlas, day);
    let previous = Snapshot::build(&atlas, before);
    let all: Vec<CountryCode> = snapshot.states().collect();
    for &c in &all {
        assert_eq!(snapshot.holdings(c), previous.holdings(c), "{c} changes on {day}; pick another day");
    }
    let mut checked = 0;
    for code in ["US", "GB", "FR", "JP", "IN", "BR", "KE"] {
        let a = cc(code);
        for holding in snapshot.holdings(a).iter().filter(|h| h.weight > 0.0) {
            let instrument = &atlas.instruments()[holding.instrument];
            let path = atlas.file_of(instrument.id.as_str()).unwrap();
            let changed = with_withdrawal(&files, path, a, day);
            let Ok(after) = Atlas::from_files(&changed) else { continue };
            let snapshot_after = Snapshot::build(&after, day);
            assert_eq!(snapshot_after.holding(a, holding.instrument).map(|h| h.weight), Some(0.0));
            for &b in all.iter().filter(|&&b| b != a) {
                let old = alignment::score(&snapshot, a, b);
                let new = alignment::score(&snapshot_after, a, b);
                assert!(new <= old + 1e-12, "{a}-{b} rose from {old} to {new} when {a} left {}", instrument.id);
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "only {checked} pairs checked");
}

#[test]
fn paris_but_not_bletchley_is_the_hand_checked_set() {
    let atlas = atlas();
    let text = "signed(paris-statement-inclusive-sustainable-ai) and not signed(bletchley-declaration)";
    let result = query::run(&atlas, text, date("2025-06-01")).unwrap();
    let codes: Vec<&str> = result.states.iter().map(|s| s.code.as_str()).collect();
    // Read off the two data files: Paris signatories less Bletchley's, states only.
    let expected = [
        "AM", "AT", "BE", "BG", "CY", "CZ", "DJ", "DK", "EE", "FI", "GR", "HR", "HU", "KH", "KZ", "LT", "LU", "LV",
        "MA", "MC", "MT", "MX", "NO", "NZ", "PL", "PT", "RO", "RS", "SE", "SI", "SK", "SN", "TH", "UY", "VA",
    ];
    assert_eq!(codes, expected);
    assert_eq!(result.count, 35);
    // Before the Paris summit the answer is empty.
    assert_eq!(query::run(&atlas, text, date("2025-02-10")).unwrap().count, 0);
}

#[test]
fn g20_states_bound_by_no_binding_instrument() {
    let atlas = atlas();
    let result = query::run(&atlas, "member(g20) and not bound(any)", date("2025-06-01")).unwrap();
    let codes: Vec<&str> = result.states.iter().map(|s| s.code.as_str()).collect();
    // EU members are bound by the EU AI Act and the GDPR; everyone in the WTO by GATS and TRIPS.
    assert!(!codes.contains(&"FR") && !codes.contains(&"DE") && !codes.contains(&"IT"), "{codes:?}");
    let g20 = groups::members(&atlas, "g20", date("2025-06-01")).unwrap();
    assert!(result.states.iter().all(|s| g20.contains(&s.code)));
}

#[test]
fn groups_resolve_on_the_date_and_unknown_ones_are_named() {
    let atlas = atlas();
    let g7 = groups::members(&atlas, "g7", date("2025-01-01")).unwrap();
    let codes: Vec<&str> = g7.iter().map(|c| c.as_str()).collect();
    assert_eq!(codes, ["CA", "DE", "FR", "GB", "IT", "JP", "US"]);
    let g20 = groups::members(&atlas, "g20", date("2025-01-01")).unwrap();
    assert_eq!(g20.len(), 19, "the G20's state members, without the EU and the African Union");
    assert_eq!(groups::members(&atlas, "all", date("2025-01-01")).unwrap().len(), 193);
    let summit = groups::members(&atlas, "ai-safety-summit", date("2025-06-01")).unwrap();
    assert!(summit.contains(&cc("US")) && summit.contains(&cc("MX")));
    assert_eq!(groups::members(&atlas, "fr, us", date("2025-01-01")).unwrap(), vec![cc("FR"), cc("US")]);
    let error = groups::members(&atlas, "g8", date("2025-01-01")).unwrap_err().to_string();
    assert!(error.contains("unknown group \"g8\"") && error.contains("ai-safety-summit"), "{error}");
}

#[test]
fn g20_fragmentation_from_2017_has_one_point_per_year_and_falls_after_the_g20_principles() {
    let atlas = atlas();
    let dates = accord_analytics::steps(date("2017"), date("2025-06-01"), accord_analytics::Step::Year).unwrap();
    let history = fragmentation::history(&atlas, "g20", &dates, accord_analytics::DEFAULT_CUT).unwrap();
    assert_eq!(history.points.len(), 10);
    for point in &history.points {
        let index = point.index.unwrap();
        assert!((0.0..=1.0).contains(&index));
        assert_eq!(point.coalitions.iter().map(|c| c.members.len()).sum::<usize>(), point.members);
    }
    // The G20 AI Principles (June 2019) gave every member a commitment in common.
    let (y2019, y2020) = (&history.points[2], &history.points[3]);
    assert!(y2020.index.unwrap() < y2019.index.unwrap(), "{:?} then {:?}", y2019.index, y2020.index);
}

#[test]
fn crosswalk_export_is_oscal_shaped_and_every_link_names_two_existing_provisions() {
    let atlas = atlas();
    let all = crosswalk::select(&atlas, None, None);
    let links: usize = all.iter().map(|c| c.links.len()).sum();
    assert!(links >= 60, "only {links} curated links");
    let text = serde_json::to_string(&crosswalk::oscal(&all, "2026-01-01T00:00:00Z")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let collection = &doc["mapping-collection"];
    assert!(collection["uuid"].as_str().unwrap().len() == 36);
    assert_eq!(collection["metadata"]["oscal-version"], crosswalk::OSCAL_VERSION);
    let provision_exists = |reference: &str| {
        let (instrument, provision) = reference.split_once('#').unwrap();
        atlas.instrument(&InstrumentId::from(instrument)).unwrap().provisions.iter().any(|p| p.id.as_str() == provision)
    };
    let mut maps = 0;
    for mapping in collection["mappings"].as_array().unwrap() {
        assert!(mapping["source-resource"]["href"].as_str().unwrap().starts_with('#'));
        for map in mapping["maps"].as_array().unwrap() {
            let relationship = map["relationship"].as_str().unwrap();
            assert!(["equivalent-to", "subset-of", "superset-of", "intersects-with"].contains(&relationship));
            for side in ["sources", "targets"] {
                let reference = map[side][0]["id-ref"].as_str().unwrap();
                assert!(provision_exists(reference), "{reference} does not exist");
            }
            assert!(!map["remarks"].as_str().unwrap().is_empty());
            maps += 1;
        }
    }
    assert_eq!(maps, links);
    // Same data, same document.
    assert_eq!(text, serde_json::to_string(&crosswalk::oscal(&all, "2026-01-01T00:00:00Z")).unwrap());
}

#[test]
fn the_issue_s_instruments_are_all_crosswalked() {
    let atlas = atlas();
    let linked = crosswalk::linked_instruments(&atlas);
    for id in [
        "oecd-ai-recommendation",
        "g20-ai-principles",
        "hiroshima-guiding-principles",
        "hiroshima-code-of-conduct",
        "unesco-recommendation-ethics-ai",
        "coe-framework-convention-ai",
        "bletchley-declaration",
        "seoul-declaration",
        "paris-statement-inclusive-sustainable-ai",
        "frontier-ai-safety-commitments",
        "eu-ai-act",
    ] {
        assert!(linked.iter().any(|l| l.as_str() == id), "{id} has no crosswalk");
    }
    let g7 = crosswalk::harmonisation(&atlas, "g7", None).unwrap();
    assert!(g7.instruments.iter().any(|i| i.as_str() == "hiroshima-code-of-conduct"));
    assert!(!g7.links.is_empty());
    assert!(g7.links.iter().all(|l| g7.instruments.contains(&l.from.instrument)));
    // The Code of Conduct's topics (read off its provisions) leave out democracy and the rule of law, which
    // the CoE Convention covers in its Art. 5, and prohibited practices, which the EU AI Act bans.
    let code = crosswalk::harmonisation(&atlas, "hiroshima-code-of-conduct", None).unwrap();
    for topic in ["democracy-rule-of-law", "prohibited-practices"] {
        assert!(code.missing_topics.iter().any(|t| t.as_str() == topic), "{topic}");
    }
    assert!(code.missing_provisions.iter().any(|m| m.provision.instrument.as_str() == "coe-framework-convention-ai"
        && m.provision.provision == "democracy-rule-of-law"));
    assert!(!code.missing_topics.iter().any(|t| t.as_str() == "security"));
    // Links found from the Code's side read from the Code: the Guiding Principles link comes out reversed.
    let reversed = code
        .links
        .iter()
        .find(|l| l.to.instrument.as_str() == "frontier-ai-safety-commitments" && l.to.provision == "thresholds")
        .unwrap();
    assert_eq!(reversed.relation, accord_atlas::model::LinkRelation::Broader);
}

#[test]
fn the_2024_2025_change_log_has_the_coe_opening_and_the_paris_signatures() {
    let atlas = atlas();
    let log = changes::between(&atlas, date("2024-01-01"), date("2025-12-31")).unwrap();
    let opening =
        log.changes.iter().find(|c| c.subject == "coe-framework-convention-ai" && c.kind == "opened-for-signature");
    let opening = opening.expect("the CoE Convention's opening for signature");
    assert_eq!(opening.date, date("2024-09-05"));
    let paris: Vec<_> = log
        .changes
        .iter()
        .filter(|c| c.subject == "paris-statement-inclusive-sustainable-ai" && c.kind == "signed")
        .collect();
    assert!(paris.len() >= 50, "{} Paris signatures", paris.len());
    assert!(paris.iter().any(|c| c.party.as_deref() == Some("FR") && c.date == date("2025-02-11")));
    assert!(log.changes.windows(2).all(|w| w[0].date <= w[1].date));
    assert!(log.changes.iter().all(|c| c.date >= date("2024-01-01") && c.date <= date("2025-12-31")));

    let feed = changes::atom(&log);
    assert!(feed.contains("<feed") && feed.contains("http://www.w3.org/2005/Atom"));
    assert_eq!(feed.matches("<entry>").count(), log.count);
    assert!(feed.contains(&opening.tag()));
}
