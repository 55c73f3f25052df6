//! Why a name matched: for each part of the query, which part of the listed name it matched and how,
//! and what the discriminators (country, kind, date of birth) did to the score.

use std::fmt;

use serde::Serialize;

/// How one query token relates to the listed name.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "how", rename_all = "kebab-case")]
pub enum How {
    /// The same word.
    Exact,
    /// The same word once both are transliterated to ASCII (another script, diacritics, look-alike letters).
    Transliterated,
    /// Within a small edit distance (typing and recognition errors).
    Fuzzy { distance: u8 },
    /// One side is the initial of the other.
    Initial,
    /// The same consonant skeleton (vowels dropped or changed, letters that sound alike).
    Phonetic,
    /// The query word is the beginning of the listed word (a truncated name).
    Prefix,
    /// Two words on one side written as one on the other ("Al Hassan" / "Alhassan").
    Joined,
    /// A legal form, title or particle, present on one side only: it does not count.
    Ignored,
    /// A word without counterpart.
    Unmatched,
}

/// One row of an explanation. `query` is empty for a listed word the query lacks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartMatch {
    pub query: String,
    pub listed: String,
    #[serde(flatten)]
    pub how: How,
    /// The similarity of the two parts, in [0, 1].
    pub similarity: f32,
}

/// The effect of an optional query attribute on the score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Discriminator {
    CountryMatches { country: String },
    CountryDiffers { query: String, listed: Vec<String> },
    KindDiffers { query: String, listed: String },
    BirthDateMatches { date: String },
    BirthDateDiffers { query: String, listed: Vec<String> },
}

/// The full account of a match.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Explanation {
    pub parts: Vec<PartMatch>,
    pub discriminators: Vec<Discriminator>,
    /// The score from names alone, before discriminators.
    pub name_score: f32,
}

impl fmt::Display for How {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            How::Exact => f.write_str("exact"),
            How::Transliterated => f.write_str("transliterated"),
            How::Fuzzy { distance } => write!(f, "fuzzy (distance {distance})"),
            How::Initial => f.write_str("initial"),
            How::Phonetic => f.write_str("phonetic"),
            How::Prefix => f.write_str("prefix"),
            How::Joined => f.write_str("joined"),
            How::Ignored => f.write_str("ignored"),
            How::Unmatched => f.write_str("unmatched"),
        }
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .parts
            .iter()
            .map(|p| match (p.query.is_empty(), p.listed.is_empty()) {
                (false, false) => format!("{} ~ {}: {}", p.query, p.listed, p.how),
                (false, true) => format!("{}: {}", p.query, p.how),
                _ => format!("(listed) {}: {}", p.listed, p.how),
            })
            .collect();
        write!(f, "{}", parts.join("; "))?;
        for d in &self.discriminators {
            match d {
                Discriminator::CountryMatches { country } => write!(f, "; country {country} matches")?,
                Discriminator::CountryDiffers { query, listed } => {
                    write!(f, "; country {query} not among {}", listed.join(", "))?
                }
                Discriminator::KindDiffers { query, listed } => write!(f, "; kind {query} but listed as {listed}")?,
                Discriminator::BirthDateMatches { date } => write!(f, "; birth date {date} matches")?,
                Discriminator::BirthDateDiffers { query, listed } => {
                    write!(f, "; birth date {query} not among {}", listed.join(", "))?
                }
            }
        }
        Ok(())
    }
}
