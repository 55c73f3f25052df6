//! Matching, one kind of real-world name variation per row: the expected entry is found above the
//! default threshold, hard non-matches are not, discriminators move the score the right way, and
//! every match explains itself.

use accord_screening::{
    BirthDate, DEFAULT_THRESHOLD, EntityKind, Entry, How, Name, NameKind, Options, Query, Screener,
};

fn entry(id: &str, kind: EntityKind, names: &[&str], countries: &[&str]) -> Entry {
    let mut e = Entry::new(id, "Test list", names[0]);
    e.kind = kind;
    e.source_list = "Entity List".into();
    e.names.extend(names[1..].iter().map(|n| Name::alias(*n, NameKind::Aka)));
    e.countries = countries.iter().map(|c| c.to_string()).collect();
    e
}

fn screener() -> Screener {
    use EntityKind::*;
    let mut putin = entry("ru-1", Person, &["PUTIN, Vladimir Vladimirovich"], &["RU"]);
    putin.birth_dates = vec![BirthDate { year: 1952, month: Some(10), day: Some(7) }];
    Screener::new(vec![
        putin,
        entry("ru-2", Person, &["KUZMENKO, Vitaly Yurievich"], &["RU"]),
        entry("cn-1", Person, &["XI, Jinping"], &["CN"]),
        entry("cn-2", Organization, &["HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD."], &["CN"]),
        entry("ar-1", Person, &["AL-ZAWAHIRI, Ayman Muhammad Rabi"], &["EG"]),
        entry("ar-2", Person, &["ABDULLAH, Mohammed Hassan"], &["SY"]),
        entry("org-1", Organization, &["INTER TOBACCO LLC"], &["BY"]),
        entry("org-2", Organization, &["ROSOBORONEXPORT OAO"], &["RU"]),
        entry("org-3", Organization, &["SIEMENS AG"], &["DE"]),
        entry("org-4", Organization, &["DEUTSCHE BANK AKTIENGESELLSCHAFT"], &["DE"]),
        entry("org-5", Organization, &["MAHAN AIR"], &["IR"]),
        entry("es-1", Person, &["GONZALEZ BETANCUR, Angel Horacio"], &["CO"]),
        entry("vs-1", Vessel, &["EXAMPLE STAR"], &["IR"]),
        entry("co-1", Organization, &["SKY BLUE BIRD AVIATION"], &["AE"]),
        entry("ks-1", Person, &["KIM, Jong Un"], &["KP"]),
    ])
}

/// (class, query, expected entry)
const VARIANTS: &[(&str, &str, &str)] = &[
    ("exact", "Vladimir Vladimirovich PUTIN", "ru-1"),
    ("case and punctuation", "putin vladimir-vladimirovich", "ru-1"),
    ("cyrillic", "Владимир Владимирович Путин", "ru-1"),
    ("cyrillic, other romanisation", "Vitalij Jurjevich Kuzmenko", "ru-2"),
    ("cyrillic with soft sign", "Виталий Юрьевич КУЗЬМЕНКО", "ru-2"),
    ("chinese characters", "习近平", "cn-1"),
    ("pinyin with tone marks", "Xí Jìnpíng", "cn-1"),
    ("pinyin with tone numbers", "Xi2 Jin4ping2", "cn-1"),
    ("pinyin syllables apart", "Xi Jin Ping", "cn-1"),
    ("arabic romanisation", "Aiman Mohamed Rabie al-Zawahri", "ar-1"),
    ("arabic romanisation, joined article", "Ayman Alzawahiri", "ar-1"),
    ("arabic script", "محمد حسن عبد الله", "ar-2"),
    ("legal form spelled out", "Inter Tobacco Limited Liability Company", "org-1"),
    ("legal form in russian", "ООО Интер Тобако", "org-1"),
    ("legal form dropped", "Rosoboronexport", "org-2"),
    ("legal form abbreviated", "Deutsche Bank AG", "org-4"),
    ("company word", "Hangzhou Hikvision Digital Technology Company Limited", "cn-2"),
    ("word order", "Betancur Gonzalez Angel Horacio", "es-1"),
    ("word order, organisation", "AVIATION SKY BLUE BIRD", "co-1"),
    ("initials", "A. H. Gonzalez Betancur", "es-1"),
    ("typo", "Vladimir Vladimirovich Puttin", "ru-1"),
    ("transposition", "Vladimir Vladmiirovich Putin", "ru-1"),
    ("ocr confusion", "Hangzhou Hikvision Digita1 Techno1ogy", "cn-2"),
    ("missing token", "Vladimir Putin", "ru-1"),
    ("extra title", "President Vladimir Vladimirovich Putin", "ru-1"),
    ("homoglyphs", "РUTIN, Vlаdimir Vladimirоvich", "ru-1"),
    ("invisible characters", "PU\u{200b}TIN, Vladimir\u{2060} Vladimirovich", "ru-1"),
    ("vowels dropped", "GNZLZ BTNCR, Angl Hrco", "es-1"),
    ("split word", "MAHAN A IR", "org-5"),
    ("korean name order and spacing", "Kim Jong-un", "ks-1"),
];

/// Queries that share words or sounds with listed names but designate other parties.
const NON_MATCHES: &[(&str, &str)] = &[
    ("same surname, other given names", "Sergey Ivanovich Putin"),
    ("same given names, other surname", "Vladimir Vladimirovich Petrov"),
    ("same legal form and sector", "Hangzhou Dahua Technology Co., Ltd."),
    ("shared legal form only", "Volkswagen AG"),
    ("one shared common word", "Mahan Trading"),
    ("similar-sounding, different name", "Mahmoud Hassan Abdallah Karimi"),
    ("shared given name", "Ayman Khalil"),
    ("unrelated", "Acme Widgets Incorporated"),
];

#[test]
fn each_kind_of_variation_finds_its_entry_above_the_threshold() {
    let screener = screener();
    let mut failures = Vec::new();
    for (class, query, expected) in VARIANTS {
        let matches = screener.screen(&Query::name(*query), &Options::default());
        match matches.iter().find(|m| m.entry_id.0 == *expected) {
            Some(m) => assert!(m.score >= DEFAULT_THRESHOLD && m.score <= 1.0),
            None => failures.push(format!(
                "{class}: {query:?} did not find {expected} (got {:?})",
                matches.iter().map(|m| (&m.entry_id.0, m.score)).collect::<Vec<_>>()
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn hard_non_matches_are_not_reported() {
    let screener = screener();
    let mut failures = Vec::new();
    for (class, query) in NON_MATCHES {
        let matches = screener.screen(&Query::name(*query), &Options::default());
        if let Some(m) = matches.first() {
            failures.push(format!("{class}: {query:?} matched {} at {:.3}: {}", m.entry_id, m.score, m.explanation));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_match_names_its_entry_list_and_how_each_part_matched() {
    let screener = screener();
    let matches = screener.screen(&Query::name("Vladimir Vladimirovich Puttin LLC"), &Options::default());
    let m = matches.first().expect("a match");
    assert_eq!(m.entry_id.0, "ru-1");
    assert_eq!(m.list.0, "Test list");
    assert_eq!(m.source_list, "Entity List");
    assert_eq!(m.matched_name, "PUTIN, Vladimir Vladimirovich");
    let how: Vec<(&str, How)> = m.explanation.parts.iter().map(|p| (p.query.as_str(), p.how)).collect();
    assert!(how.contains(&("Vladimir", How::Exact)), "{how:?}");
    assert!(how.contains(&("Puttin", How::Fuzzy { distance: 1 })), "{how:?}");
    assert!(how.contains(&("LLC", How::Ignored)), "{how:?}");

    let cyrillic = screener.screen(&Query::name("Путин Владимир"), &Options::default());
    let parts = &cyrillic.first().expect("a match").explanation.parts;
    assert!(parts.iter().any(|p| p.query == "Путин" && p.how == How::Transliterated), "{parts:?}");
}

#[test]
fn discriminators_lower_or_raise_the_score() {
    let screener = screener();
    let options = Options { threshold: 0.0, limit: 5 };
    let score = |query: Query| {
        screener.screen(&query, &options).into_iter().find(|m| m.entry_id.0 == "ru-1").map(|m| m.score).unwrap_or(0.0)
    };
    let base = score(Query::name("Vladimir Putin"));
    let same_country = score(Query { country: Some("Russia".into()), ..Query::name("Vladimir Putin") });
    let other_country = score(Query { country: Some("FR".into()), ..Query::name("Vladimir Putin") });
    let other_kind = score(Query { kind: Some(EntityKind::Organization), ..Query::name("Vladimir Putin") });
    let same_birth = score(Query {
        birth_date: Some(BirthDate { year: 1952, month: None, day: None }),
        ..Query::name("Vladimir Putin")
    });
    let other_birth = score(Query {
        birth_date: Some(BirthDate { year: 1980, month: Some(1), day: Some(1) }),
        ..Query::name("Vladimir Putin")
    });
    assert!(same_country > base, "{same_country} > {base}");
    assert!(other_country < base, "{other_country} < {base}");
    assert!(other_kind < base, "{other_kind} < {base}");
    assert!(same_birth > base, "{same_birth} > {base}");
    assert!(other_birth < base, "{other_birth} < {base}");
    assert!([base, same_country, same_birth].iter().all(|s| (0.0..=1.0).contains(s)));
}

#[test]
fn options_limit_and_threshold_are_respected() {
    let screener = screener();
    let all = screener.screen(&Query::name("Vladimir"), &Options { threshold: 0.0, limit: 100 });
    assert!(all.windows(2).all(|w| w[0].score >= w[1].score), "best first");
    let one = screener.screen(&Query::name("Vladimir"), &Options { threshold: 0.0, limit: 1 });
    assert_eq!(one.len(), 1);
    let none = screener.screen(&Query::name("Vladimir Putin"), &Options { threshold: 1.01, limit: 10 });
    assert!(none.is_empty());
    assert!(screener.screen(&Query::name(" ,.- "), &Options::default()).is_empty());
}
