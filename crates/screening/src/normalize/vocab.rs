//! Word lists: legal forms, personal titles and name particles.
//!
//! Legal forms and titles come from OpenSanctions' rigour name data (MIT licence, vendored in
//! `data/rigour/` with its licence), completed with forms that data lacks.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::script;

/// Legal forms the rigour data does not spell out but lists use.
const EXTRA_LEGAL_FORMS: &[(&str, &str)] = &[
    ("company", "co"),
    ("co", "co"),
    ("compania", "co"),
    ("cia", "co"),
    ("corp", "corp"),
    ("corporation", "corp"),
    ("incorporated", "inc"),
    ("inc", "inc"),
    ("llc", "llc"),
    ("l l c", "llc"),
    ("limited liability company", "llc"),
    ("ltd", "ltd"),
    ("limited", "ltd"),
    ("jsc", "jsc"),
    ("ojsc", "jsc"),
    ("cjsc", "jsc"),
    ("pjsc", "jsc"),
    ("joint stock company", "jsc"),
    ("open joint stock company", "jsc"),
    ("closed joint stock company", "jsc"),
    ("public joint stock company", "jsc"),
    ("ooo", "llc"),
    ("oao", "jsc"),
    ("zao", "jsc"),
    ("pao", "jsc"),
    ("tov", "llc"),
    ("s en c", "sec"),
    ("s de rl", "srl"),
    ("sa de cv", "sa"),
    ("s de rl de cv", "srl"),
    ("sc de rl de cv", "srl"),
    ("sas", "sas"),
    ("sarl", "sarl"),
    ("srl", "srl"),
    ("spa", "spa"),
    ("sa", "sa"),
    ("ltda", "ltd"),
    ("gmbh", "gmbh"),
    ("ag", "ag"),
    ("bv", "bv"),
    ("nv", "nv"),
    ("plc", "plc"),
    ("llp", "llp"),
    ("pte", "pte"),
    ("pvt", "pvt"),
    ("private limited", "ltd"),
    ("pte ltd", "ltd"),
    ("pvt ltd", "ltd"),
    ("co ltd", "ltd"),
    ("sdn bhd", "sdnbhd"),
    ("fze", "fze"),
    ("fzco", "fzco"),
    ("fzc", "fzc"),
    ("fzllc", "llc"),
];

/// Rank and office words written before a person's name that the rigour list spells only in full.
const EXTRA_TITLES: &[&str] = &[
    "gen", "col", "maj", "lt", "sgt", "capt", "cmdr", "adm", "brig", "eng", "sheikh", "shaykh", "hajji", "mme", "mlle",
    "sayyid", "sayyed", "jr", "junior", "ii", "iii",
];

/// Small words inside names that carry little identity: Arabic article and filiation, Romance and
/// Germanic particles, conjunctions.
const PARTICLES: &[&str] = &[
    "al", "el", "ul", "as", "ash", "at", "az", "ad", "bin", "ibn", "bint", "ben", "bn", "de", "da", "del", "della",
    "der", "den", "di", "do", "dos", "das", "du", "la", "le", "lo", "los", "las", "van", "von", "y", "e", "of", "the",
    "and", "und", "et", "en",
];

/// The word lists, each keyed by its phrase in normalised form (lowercase ASCII words joined by spaces).
pub struct Vocab {
    /// Legal-form phrase → a canonical form, so "Limited" and "Ltd" compare equal.
    pub legal_forms: HashMap<String, String>,
    /// Consonant skeletons of the longer legal forms, for misspelled and vowel-less ones ("CRPRTN").
    pub legal_form_skeletons: HashMap<String, String>,
    pub legal_form_max_words: usize,
    pub titles: HashMap<String, ()>,
    pub title_max_words: usize,
    pub particles: HashMap<&'static str, ()>,
}

#[derive(Deserialize)]
struct OrgType {
    aliases: Vec<String>,
    display: Option<String>,
    compare: Option<String>,
}

#[derive(Deserialize)]
struct Stopwords {
    person_name_prefixes: Vec<String>,
}

static VOCAB: LazyLock<Vocab> = LazyLock::new(build);

pub fn vocab() -> &'static Vocab {
    &VOCAB
}

/// The phrase as the tokenizer would spell it, without spaces so that "SA DE CV", "S.A. DEC.V." and
/// "S.A. DE-C.V." are one key.
pub fn phrase_key(text: &str) -> String {
    let mut key = String::new();
    for raw in text.split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '.' && c != '\'')) {
        key.extend(script::transliterate(raw));
    }
    key
}

fn build() -> Vocab {
    let org_types: Vec<OrgType> =
        serde_json::from_str(include_str!("../../data/rigour/names_org_types.json")).unwrap_or_default();
    let stopwords: Option<Stopwords> =
        serde_json::from_str(include_str!("../../data/rigour/names_stopwords.json")).ok();

    let mut legal_forms = HashMap::new();
    for org in &org_types {
        let canonical = org.compare.as_deref().or(org.display.as_deref()).map(phrase_key);
        for alias in &org.aliases {
            let key = phrase_key(alias);
            if key.is_empty() {
                continue;
            }
            let canonical = canonical.clone().unwrap_or_else(|| key.clone());
            legal_forms.entry(key).or_insert(canonical);
        }
    }
    for (form, canonical) in EXTRA_LEGAL_FORMS {
        legal_forms.insert(phrase_key(form), (*canonical).to_string());
    }
    let legal_form_max_words =
        org_types.iter().flat_map(|o| &o.aliases).map(|a| a.split_whitespace().count()).max().unwrap_or(1).max(4);
    let mut legal_form_skeletons = HashMap::new();
    for (form, canonical) in &legal_forms {
        let skeleton = script::skeleton(form);
        if skeleton.len() >= 4 {
            legal_form_skeletons.entry(skeleton).or_insert_with(|| canonical.clone());
        }
    }

    let mut titles = HashMap::new();
    for title in stopwords.iter().flat_map(|s| &s.person_name_prefixes) {
        let key = phrase_key(title);
        // "The" opens organisation names too; it is a particle, not a title.
        if !key.is_empty() && key != "the" {
            titles.insert(key, ());
        }
    }
    for title in EXTRA_TITLES {
        titles.insert((*title).to_string(), ());
    }
    let title_max_words =
        stopwords.iter().flat_map(|s| &s.person_name_prefixes).map(|t| t.split_whitespace().count()).max().unwrap_or(1);

    Vocab {
        legal_forms,
        legal_form_skeletons,
        legal_form_max_words,
        titles,
        title_max_words,
        particles: PARTICLES.iter().map(|p| (*p, ())).collect(),
    }
}
