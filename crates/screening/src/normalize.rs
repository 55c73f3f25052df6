//! Names to comparable tokens: invisible characters removed, Unicode compatibility forms folded,
//! look-alike letters from other scripts mapped back to Latin, everything transliterated to lowercase
//! ASCII, punctuation dropped, and each token given a role (a name word, an initial, a particle, a
//! title, a legal form) that tells scoring how much it counts.

mod script;
mod vocab;

use unicode_normalization::UnicodeNormalization;

use crate::entry::EntityKind;

pub use script::{ocr_fold, skeleton};

/// What a token is within a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// A word that identifies the party.
    Word,
    /// A single letter standing for a word.
    Initial,
    /// "al", "bin", "de", "van", "the", "and": counted only when both names have it.
    Particle,
    /// "Dr", "Gen.", "Mr": ignored unless both names have it.
    Title,
    /// "LLC", "GmbH", "OOO", "Co.", "Limited": ignored unless both names have it.
    LegalForm,
}

impl Role {
    /// Optional tokens count towards a score only when the other name has them too.
    pub fn is_optional(self) -> bool {
        matches!(self, Role::Particle | Role::Title | Role::LegalForm)
    }
}

/// One token of a normalised name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lowercase ASCII letters and digits; for a legal form, its canonical form ("limited" → "ltd").
    pub text: String,
    /// The piece of the input it came from, as written.
    pub original: String,
    pub role: Role,
    /// The input was not plain ASCII (another script or diacritics).
    pub transliterated: bool,
    /// The input was in a script written without short vowels (Arabic, Hebrew).
    pub abjad: bool,
    /// Consonant skeleton of `text`, for phonetic comparison.
    pub skeleton: String,
}

/// Two adjacent tokens written as one, computed once per name because every comparison needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Join {
    /// Position of the first of the two tokens.
    pub at: usize,
    pub text: String,
    pub skeleton: String,
    /// Both parts have at least two letters (a skeleton comparison is meaningful).
    pub both_words: bool,
}

/// A name as a sequence of tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NormalizedName {
    pub tokens: Vec<Token>,
    pub joins: Vec<Join>,
}

impl NormalizedName {
    /// The tokens that identify the party (words and initials).
    pub fn core(&self) -> impl Iterator<Item = &Token> {
        self.tokens.iter().filter(|t| !t.role.is_optional())
    }
}

/// Normalises a name. `kind` decides which word lists apply: legal forms are not looked for in
/// persons' names, nor titles in organisations' names.
pub fn normalize(raw: &str, kind: EntityKind) -> NormalizedName {
    let cleaned: String = raw.chars().filter(|c| !script::is_invisible(*c)).nfkc().collect();
    let has_latin = cleaned.chars().any(|c| c.is_ascii_alphabetic());
    let cleaned: String =
        if has_latin { cleaned.chars().map(|c| script::latin_lookalike(c).unwrap_or(c)).collect() } else { cleaned };

    let mut tokens = Vec::new();
    for raw_token in cleaned.split(is_separator).filter(|t| !t.is_empty()) {
        let transliterated = !raw_token.is_ascii();
        let abjad = raw_token.chars().any(script::is_abjad);
        for word in script::transliterate(raw_token) {
            let text = script::strip_tone_numbers(&word).unwrap_or(word);
            let role =
                if text.len() == 1 && text.as_bytes()[0].is_ascii_alphabetic() { Role::Initial } else { Role::Word };
            tokens.push(Token {
                skeleton: String::new(),
                text,
                original: raw_token.to_string(),
                role,
                transliterated,
                abjad,
            });
        }
    }
    assign_roles(&mut tokens, kind);
    for token in &mut tokens {
        token.skeleton = skeleton(&token.text);
    }
    let joins = tokens
        .windows(2)
        .enumerate()
        .map(|(at, pair)| {
            let text = format!("{}{}", pair[0].text, pair[1].text);
            Join { at, skeleton: skeleton(&text), text, both_words: pair[0].text.len() >= 2 && pair[1].text.len() >= 2 }
        })
        .collect();
    NormalizedName { tokens, joins }
}

fn is_separator(c: char) -> bool {
    // Dots and apostrophes are dropped inside a token instead, so "S.A." and "O'Brien" stay one word.
    c.is_whitespace() || (!c.is_alphanumeric() && !matches!(c, '.' | '\'' | '’' | '`' | 'ʼ' | 'ʻ' | '´'))
}

fn assign_roles(tokens: &mut Vec<Token>, kind: EntityKind) {
    let vocab = vocab::vocab();
    let person = kind == EntityKind::Person;
    let organisation = matches!(kind, EntityKind::Organization | EntityKind::Vessel | EntityKind::Aircraft);

    if !person {
        tag_phrases(
            tokens,
            vocab.legal_form_max_words,
            |phrase| {
                vocab.legal_forms.get(phrase).or_else(|| vocab.legal_form_skeletons.get(&skeleton(phrase))).cloned()
            },
            Role::LegalForm,
        );
        // Later words of a multi-word legal form were folded into its first token.
        tokens.retain(|t| !t.text.is_empty());
    }
    if !organisation {
        tag_phrases(
            tokens,
            vocab.title_max_words,
            |phrase| vocab.titles.get(phrase).map(|_| String::new()),
            Role::Title,
        );
    }
    for token in tokens.iter_mut() {
        if matches!(token.role, Role::Word | Role::Initial) && vocab.particles.contains_key(token.text.as_str()) {
            token.role = Role::Particle;
        }
    }
    // A name made only of optional words ("The Company") is identified by them after all.
    if tokens.iter().all(|t| t.role.is_optional()) {
        for token in tokens.iter_mut() {
            token.role = if token.text.len() == 1 { Role::Initial } else { Role::Word };
        }
    }
}

/// Tags the longest phrases found by `lookup` with `role`, keeping at least one word untagged.
/// A legal form's canonical spelling replaces its first token's text; the rest of the phrase is
/// folded into it.
fn tag_phrases(tokens: &mut [Token], max_words: usize, lookup: impl Fn(&str) -> Option<String>, role: Role) {
    let mut i = 0;
    while i < tokens.len() {
        let mut found = None;
        for len in (1..=max_words.min(tokens.len() - i)).rev() {
            let span = &tokens[i..i + len];
            if span.iter().any(|t| t.role != Role::Word && t.role != Role::Initial) {
                continue;
            }
            let phrase: String = span.iter().map(|t| t.text.as_str()).collect();
            if let Some(canonical) = lookup(&phrase) {
                found = Some((len, canonical));
                break;
            }
        }
        let Some((len, canonical)) = found else {
            i += 1;
            continue;
        };
        let words_left = tokens.iter().enumerate().filter(|(j, t)| (*j < i || *j >= i + len) && !t.role.is_optional());
        if words_left.count() == 0 {
            i += 1;
            continue;
        }
        for (k, token) in tokens[i..i + len].iter_mut().enumerate() {
            token.role = role;
            if role == Role::LegalForm {
                token.text = if k == 0 { canonical.clone() } else { String::new() };
            }
        }
        i += len;
    }
}
