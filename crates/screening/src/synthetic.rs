//! A deterministic generator for a synthetic restricted-party list the size of the Consolidated
//! Screening List, and for labelled queries against it: true variants of listed names, one kind of
//! variation per class, and hard non-matches that share words with listed names.
//!
//! The names are invented from syllables and common given names; no real list data is used.

mod pools;

use std::collections::{HashMap, HashSet};

use crate::entry::{EntityKind, Entry, Name, NameKind};
use crate::eval::Case;
use pools::*;

/// A generated list and its labelled queries.
pub struct Synthetic {
    pub entries: Vec<Entry>,
    pub cases: Vec<Case>,
}

/// The size of the Consolidated Screening List, in entries.
pub const CSL_SIZE: usize = 30_000;

/// splitmix64: small, fast and the same on every platform, so a seed always gives the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// How a generated name is built, kept so queries can vary it the way real names vary.
#[derive(Clone)]
enum Shape {
    Russian { given: usize, patronymic: usize, surname: String },
    Chinese { surname: usize, given: Vec<usize> },
    Arabic { given: usize, father: usize, surname: String },
    Spanish { given: Vec<&'static str>, surnames: Vec<&'static str> },
    Company { words: Vec<String>, legal: usize },
    RussianCompany { cyrillic: String },
}

/// Generates `size` entries and `per_class` queries per class of variation, from `seed`.
pub fn generate(seed: u64, size: usize, per_class: usize) -> Synthetic {
    let mut rng = Rng(seed);
    let mut entries = Vec::with_capacity(size);
    let mut shapes = Vec::with_capacity(size);
    let mut seen = HashSet::new();
    while entries.len() < size {
        let shape = random_shape(&mut rng);
        let (kind, names) = render(&shape, &mut rng);
        if !seen.insert(names[0].text.to_lowercase()) {
            continue;
        }
        let mut entry = Entry::new(format!("SYN-{:05}", entries.len() + 1), "Synthetic", names[0].text.clone());
        entry.names = names;
        entry.kind = kind;
        entry.source_list = (*rng.pick(&["Entity List", "SDN", "Denied Persons List", "Military End User"])).into();
        entry.countries.push((*rng.pick(&["RU", "CN", "IR", "SY", "AE", "HK", "VE", "KP", "BY", "TR"])).into());
        entries.push(entry);
        shapes.push(shape);
    }
    let cases = queries(&entries, &shapes, &mut rng, per_class);
    Synthetic { entries, cases }
}

fn random_shape(rng: &mut Rng) -> Shape {
    match rng.below(100) {
        0..=24 => Shape::Russian {
            given: rng.below(RU_GIVEN.len()),
            patronymic: rng.below(RU_PATRONYMIC.len()),
            surname: format!("{}{}{}", rng.pick(RU_STEM_A), rng.pick(RU_STEM_B), rng.pick(RU_SUFFIX)),
        },
        25..=39 => Shape::Chinese {
            surname: rng.below(ZH_SURNAMES.len()),
            given: (0..1 + rng.below(2)).map(|_| rng.below(ZH_GIVEN.len())).collect(),
        },
        40..=59 => Shape::Arabic {
            given: rng.below(AR_GIVEN.len()),
            father: rng.below(AR_GIVEN.len()),
            surname: format!("{}{}", rng.pick(AR_STEM), rng.pick(AR_SUFFIX)),
        },
        60..=74 => Shape::Spanish {
            given: (0..1 + rng.below(2)).map(|_| *rng.pick(ES_GIVEN)).collect(),
            surnames: (0..1 + rng.below(2)).map(|_| *rng.pick(ES_SURNAMES)).collect(),
        },
        75..=93 => {
            let mut words = Vec::new();
            if rng.chance(30) {
                words.push(rng.pick(ORG_PLACES).to_string());
            }
            words.push(coined(rng, LATIN_SYLLABLES));
            words.extend(rng.pick(ORG_SECTORS).split(' ').map(str::to_string));
            Shape::Company { words, legal: rng.below(LEGAL_FORMS.len()) }
        }
        _ => Shape::RussianCompany { cyrillic: coined(rng, CYRILLIC_SYLLABLES) },
    }
}

fn coined(rng: &mut Rng, syllables: &[&str]) -> String {
    (0..2 + rng.below(2)).map(|_| *rng.pick(syllables)).collect()
}

fn latin(text: &str) -> String {
    any_ascii::any_ascii(text)
}

/// The entry's kind and names (primary first) for a shape.
fn render(shape: &Shape, rng: &mut Rng) -> (EntityKind, Vec<Name>) {
    match shape {
        Shape::Russian { given, patronymic, surname } => {
            let (g, p) = (RU_GIVEN[*given], RU_PATRONYMIC[*patronymic]);
            let primary = format!("{}, {} {}", latin(surname).to_uppercase(), latin(g), latin(p));
            let mut names = vec![Name::primary(primary)];
            if rng.chance(50) {
                names.push(Name::alias(format!("{g} {p} {surname}"), NameKind::Aka));
            }
            (EntityKind::Person, names)
        }
        Shape::Chinese { surname, given } => {
            let (s, s_py) = ZH_SURNAMES[*surname];
            let given_py: String = given.iter().map(|&i| strip_tones(ZH_GIVEN[i].1)).collect();
            let given_py = capitalise(&given_py);
            let mut names = vec![Name::primary(format!("{}, {}", strip_tones(s_py).to_uppercase(), given_py))];
            if rng.chance(50) {
                let han: String = std::iter::once(s).chain(given.iter().map(|&i| ZH_GIVEN[i].0)).collect();
                names.push(Name::alias(han, NameKind::Aka));
            }
            (EntityKind::Person, names)
        }
        Shape::Arabic { given, father, surname } => {
            let (g, f) = (AR_GIVEN[*given][0], AR_GIVEN[*father][0]);
            let mut names = vec![Name::primary(format!("AL-{}, {} {}", surname.to_uppercase(), g, f))];
            if rng.chance(70) {
                let (g2, f2) = (*rng.pick(AR_GIVEN[*given]), *rng.pick(AR_GIVEN[*father]));
                names.push(Name::alias(format!("{g2} {f2} {surname}"), NameKind::Aka));
            }
            (EntityKind::Person, names)
        }
        Shape::Spanish { given, surnames } => {
            let primary = format!("{}, {}", surnames.join(" ").to_uppercase(), given.join(" "));
            (EntityKind::Person, vec![Name::primary(primary)])
        }
        Shape::Company { words, legal } => {
            let primary = format!("{} {}", words.join(" "), LEGAL_FORMS[*legal][0]);
            let mut names = vec![Name::primary(primary)];
            if rng.chance(30) {
                names.push(Name::alias(
                    format!("{} {}", coined(rng, LATIN_SYLLABLES), words.last().map_or("", |w| w)),
                    NameKind::Fka,
                ));
            }
            (EntityKind::Organization, names)
        }
        Shape::RussianCompany { cyrillic } => {
            let names = vec![
                Name::primary(format!("{} LLC", latin(cyrillic).to_uppercase())),
                Name::alias(format!("ООО «{cyrillic}»"), NameKind::Aka),
            ];
            (EntityKind::Organization, names)
        }
    }
}

/// The classes of true variants, each with the kind of entry it applies to.
const CLASSES: &[&str] = &[
    "case-punctuation",
    "cyrillic-script",
    "cyrillic-romanisation",
    "han-script",
    "pinyin-tone-marks",
    "pinyin-tone-numbers",
    "arabic-romanisation",
    "legal-form",
    "word-order",
    "initials",
    "typo",
    "missing-token",
    "extra-token",
];

fn queries(entries: &[Entry], shapes: &[Shape], rng: &mut Rng, per_class: usize) -> Vec<Case> {
    let mut cases = Vec::new();
    for class in CLASSES {
        let mut made = 0;
        let mut attempts = 0;
        while made < per_class && attempts < per_class * 200 {
            attempts += 1;
            let i = rng.below(entries.len());
            if let Some(query) = variant(class, &entries[i], &shapes[i], rng) {
                cases.push(Case { query, expected: Some(entries[i].id.clone()), class: (*class).to_string() });
                made += 1;
            }
        }
    }

    // Hard non-matches: listed words recombined so that no listed name contains them all.
    let words_of = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, entry) in entries.iter().enumerate() {
        for name in &entry.names {
            for word in words_of(&name.text) {
                by_word.entry(word).or_default().push(i);
            }
        }
    }
    let listed_somewhere = |query: &str| {
        let words = words_of(query);
        let Some(first) = words.first().and_then(|w| by_word.get(w)) else { return false };
        first.iter().any(|&i| words.iter().all(|w| by_word.get(w).is_some_and(|list| list.contains(&i))))
    };
    for class in ["non-match-person", "non-match-company"] {
        let mut made = 0;
        let mut attempts = 0;
        while made < per_class && attempts < per_class * 200 {
            attempts += 1;
            let i = rng.below(entries.len());
            let Some(query) = non_match(class, &shapes[i], rng) else { continue };
            if listed_somewhere(&query) {
                continue;
            }
            cases.push(Case { query, expected: None, class: class.to_string() });
            made += 1;
        }
    }
    cases
}

fn variant(class: &str, entry: &Entry, shape: &Shape, rng: &mut Rng) -> Option<String> {
    let primary = entry.primary_name();
    Some(match (class, shape) {
        ("case-punctuation", _) => primary.to_lowercase().replace([',', '.', '-'], " "),
        ("cyrillic-script", Shape::Russian { given, patronymic, surname }) => {
            format!("{} {} {}", surname.to_uppercase(), RU_GIVEN[*given], RU_PATRONYMIC[*patronymic])
        }
        ("cyrillic-script", Shape::RussianCompany { cyrillic }) => format!("ООО \"{cyrillic}\""),
        ("cyrillic-romanisation", Shape::Russian { given, patronymic, surname }) => {
            let other = |s: &str| alternative_romanisation(&latin(s));
            format!("{} {} {}", other(RU_GIVEN[*given]), other(RU_PATRONYMIC[*patronymic]), other(surname))
        }
        ("han-script", Shape::Chinese { surname, given }) => {
            std::iter::once(ZH_SURNAMES[*surname].0).chain(given.iter().map(|&i| ZH_GIVEN[i].0)).collect()
        }
        ("pinyin-tone-marks", Shape::Chinese { surname, given }) => {
            let given: String = given.iter().map(|&i| ZH_GIVEN[i].1).collect();
            format!("{} {}", capitalise(ZH_SURNAMES[*surname].1), capitalise(&given))
        }
        ("pinyin-tone-numbers", Shape::Chinese { surname, given }) => {
            let given: String = given.iter().map(|&i| tone_numbers(ZH_GIVEN[i].1)).collect();
            format!("{} {}", tone_numbers(ZH_SURNAMES[*surname].1), given)
        }
        ("arabic-romanisation", Shape::Arabic { given, father, surname }) => {
            let spell = |i: usize, rng: &mut Rng| *rng.pick(AR_GIVEN[i]);
            let article = *rng.pick(&["al-", "el-", "Al ", ""]);
            format!("{} {} {article}{surname}", spell(*given, rng), spell(*father, rng))
        }
        ("legal-form", Shape::Company { words, legal }) => {
            let forms = LEGAL_FORMS[*legal];
            let other = if forms.len() > 1 { forms[1 + rng.below(forms.len() - 1)] } else { "" };
            format!("{} {other}", words.join(" ")).trim().to_string()
        }
        ("legal-form", Shape::RussianCompany { cyrillic }) => format!("OOO {}", latin(cyrillic)),
        ("word-order", Shape::Russian { .. } | Shape::Arabic { .. } | Shape::Spanish { .. }) => {
            let (surname, given) = primary.split_once(", ")?;
            format!("{given} {surname}")
        }
        ("word-order", Shape::Company { words, .. }) if words.len() >= 2 => {
            let mut words = words.clone();
            words.rotate_left(1);
            words.join(" ")
        }
        ("initials", Shape::Russian { given, patronymic, surname }) => {
            let initial = |s: &str| latin(s).chars().next().map(|c| format!("{c}.")).unwrap_or_default();
            format!("{} {} {}", initial(RU_GIVEN[*given]), initial(RU_PATRONYMIC[*patronymic]), latin(surname))
        }
        ("initials", Shape::Spanish { given, surnames }) if given.len() == 2 => {
            format!("{} {}. {}", given[0], &given[1][..1], surnames.join(" "))
        }
        ("typo", _) => typo(primary, rng)?,
        ("missing-token", Shape::Russian { given, surname, .. }) => {
            format!("{} {}", latin(RU_GIVEN[*given]), latin(surname))
        }
        ("missing-token", Shape::Spanish { given, surnames }) if given.len() + surnames.len() >= 3 => {
            format!("{} {}", given[0], surnames[0])
        }
        ("missing-token", Shape::Company { words, .. }) if words.len() >= 3 => words[..words.len() - 1].join(" "),
        (
            "extra-token",
            Shape::Russian { .. } | Shape::Arabic { .. } | Shape::Chinese { .. } | Shape::Spanish { .. },
        ) => {
            format!("{} {primary}", rng.pick(&["Mr.", "Dr.", "Gen.", "Col."]))
        }
        ("extra-token", Shape::Company { .. }) => format!("The {primary}"),
        _ => return None,
    })
}

fn non_match(class: &str, shape: &Shape, rng: &mut Rng) -> Option<String> {
    Some(match (class, shape) {
        // A listed surname with other given names.
        ("non-match-person", Shape::Russian { surname, .. }) => {
            let (given, patronymic) = (*rng.pick(RU_GIVEN), *rng.pick(RU_PATRONYMIC));
            format!("{} {} {}", latin(given), latin(patronymic), latin(surname))
        }
        ("non-match-person", Shape::Arabic { surname, .. }) => {
            format!("{} {} al-{surname}", rng.pick(AR_GIVEN)[0], rng.pick(AR_GIVEN)[0])
        }
        ("non-match-person", Shape::Spanish { surnames, .. }) => {
            format!("{} {}", rng.pick(ES_GIVEN), surnames.join(" "))
        }
        // The listed sector and legal form with another distinctive word.
        ("non-match-company", Shape::Company { words, legal }) => {
            let mut words = words.clone();
            let distinctive = words.iter().position(|w| !ORG_PLACES.contains(&w.as_str())).unwrap_or(0);
            words[distinctive] = coined(rng, LATIN_SYLLABLES);
            format!("{} {}", words.join(" "), LEGAL_FORMS[*legal][0])
        }
        _ => return None,
    })
}

/// One random edit (substitution, deletion, insertion or transposition) inside the longest word.
fn typo(name: &str, rng: &mut Rng) -> Option<String> {
    let words: Vec<&str> = name.split(' ').collect();
    let (w, word) = words.iter().enumerate().filter(|(_, w)| w.is_ascii()).max_by_key(|(_, w)| w.len())?;
    if word.len() < 5 {
        return None;
    }
    let mut chars: Vec<char> = word.chars().collect();
    let at = 1 + rng.below(chars.len() - 2);
    let letter = (b'A' + rng.below(26) as u8) as char;
    match rng.below(4) {
        0 => chars[at] = letter,
        1 => {
            chars.remove(at);
        }
        2 => chars.insert(at, letter),
        _ => chars.swap(at, at + 1),
    }
    let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    out[w] = chars.into_iter().collect();
    Some(out.join(" "))
}

/// Another common way to romanise Russian ("Yevgeniy" / "Evgenii", "Aleksandr" / "Alexandr").
fn alternative_romanisation(name: &str) -> String {
    name.replace("iy", "ii").replace("ks", "x").replace("kh", "h").replace("yu", "iu").replace("ya", "ia")
}

fn strip_tones(pinyin: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    pinyin.nfd().filter(char::is_ascii).collect()
}

/// "Jìnpíng" → "Jin4ping2".
fn tone_numbers(pinyin: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    let mut tone = None;
    for c in pinyin.nfd() {
        match c {
            '\u{304}' => tone = Some('1'),
            '\u{301}' => tone = Some('2'),
            '\u{30C}' => tone = Some('3'),
            '\u{300}' => tone = Some('4'),
            c if c.is_ascii() => out.push(c),
            _ => {}
        }
    }
    // The generator's syllables are whole: one tone per syllable, written at its end.
    out.push(tone.unwrap_or('5'));
    out
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect()).unwrap_or_default()
}
