//! Identifiers: kebab-case slugs for records, ISO 3166-1 alpha-2 codes for states.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! slug_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    };
}

slug_id!(
    /// The id of an instrument: its file name without `.toml`.
    InstrumentId
);
slug_id!(
    /// The id of a body (organisation, forum, network, institute, company).
    BodyId
);
slug_id!(
    /// The id of a topic in the taxonomy.
    TopicId
);
slug_id!(
    /// The id of a source, local to the record that lists it.
    SourceId
);
slug_id!(
    /// The id of a provision, local to its instrument.
    ProvisionId
);

/// True for a kebab-case slug: lower-case ASCII letters and digits in groups joined by single hyphens.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// An ISO 3166-1 alpha-2 code in upper case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// Parses an upper-case alpha-2 code that ISO 3166-1 assigns.
    pub fn parse(code: &str) -> Option<Self> {
        let bytes: [u8; 2] = code.as_bytes().try_into().ok()?;
        if !bytes.iter().all(u8::is_ascii_uppercase) {
            return None;
        }
        celes::Country::from_alpha2(code).ok()?;
        Some(Self(bytes))
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("ASCII")
    }

    /// The country's name in English: the short name in common use, which sorts under its own word
    /// ("Iran", not "Islamic Republic of Iran").
    pub fn name(&self) -> &'static str {
        if let Ok(i) = COMMON_NAMES.binary_search_by_key(&self.as_str(), |(code, _)| code) {
            return COMMON_NAMES[i].1;
        }
        let name = celes::Country::from_alpha2(self.as_str()).map(|c| c.long_name).unwrap_or("");
        name.strip_prefix("The ").unwrap_or(name)
    }

    /// Every code ISO 3166-1 assigns.
    pub fn all() -> impl Iterator<Item = CountryCode> {
        celes::Country::get_countries().into_iter().filter_map(|c| CountryCode::parse(c.alpha2))
    }
}

/// Names where the ISO-derived one (spelt from an identifier, so without accents, apostrophes, hyphens or
/// lower-case particles) reads wrongly or is the long formal form; sorted by code.
const COMMON_NAMES: &[(&str, &str)] = &[
    ("AG", "Antigua and Barbuda"),
    ("BA", "Bosnia and Herzegovina"),
    ("BL", "Saint Barthélemy"),
    ("BQ", "Bonaire, Sint Eustatius and Saba"),
    ("CC", "Cocos (Keeling) Islands"),
    ("CD", "Democratic Republic of the Congo"),
    ("CI", "Côte d'Ivoire"),
    ("CW", "Curaçao"),
    ("FK", "Falkland Islands"),
    ("FM", "Micronesia"),
    ("GB", "United Kingdom"),
    ("GS", "South Georgia and the South Sandwich Islands"),
    ("GW", "Guinea-Bissau"),
    ("HM", "Heard Island and McDonald Islands"),
    ("IM", "Isle of Man"),
    ("IR", "Iran"),
    ("KN", "Saint Kitts and Nevis"),
    ("KP", "North Korea"),
    ("KR", "South Korea"),
    ("LA", "Laos"),
    ("MD", "Moldova"),
    ("MF", "Saint Martin (French part)"),
    ("MK", "North Macedonia"),
    ("PM", "Saint Pierre and Miquelon"),
    ("PS", "Palestine"),
    ("RE", "Réunion"),
    ("RU", "Russia"),
    ("SH", "Saint Helena, Ascension and Tristan da Cunha"),
    ("SJ", "Svalbard and Jan Mayen"),
    ("ST", "São Tomé and Príncipe"),
    ("SX", "Sint Maarten (Dutch part)"),
    ("SY", "Syria"),
    ("TC", "Turks and Caicos Islands"),
    ("TL", "Timor-Leste"),
    ("TT", "Trinidad and Tobago"),
    ("TW", "Taiwan"),
    ("TZ", "Tanzania"),
    ("US", "United States"),
    ("VC", "Saint Vincent and the Grenadines"),
    ("VE", "Venezuela"),
    ("WF", "Wallis and Futuna"),
];

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for CountryCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl schemars::JsonSchema for CountryCode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CountryCode".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[A-Z]{2}$",
            "description": "An ISO 3166-1 alpha-2 code in upper case."
        })
    }
}

/// A party to an instrument or a member of a body: a state, or a body that acts in its own name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartyRef {
    State(CountryCode),
    Body(BodyId),
    /// Text that is neither a known state code nor a slug; the validator reports it.
    Invalid(String),
}

impl PartyRef {
    pub fn parse(text: &str) -> Self {
        if text.len() == 2 && text.bytes().all(|b| b.is_ascii_uppercase()) {
            CountryCode::parse(text).map_or_else(|| Self::Invalid(text.to_owned()), Self::State)
        } else if is_slug(text) {
            Self::Body(BodyId(text.to_owned()))
        } else {
            Self::Invalid(text.to_owned())
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Self::State(code) => code.as_str(),
            Self::Body(id) => id.as_str(),
            Self::Invalid(text) => text,
        }
    }

    pub fn state(&self) -> Option<CountryCode> {
        match self {
            Self::State(code) => Some(*code),
            _ => None,
        }
    }
}

impl fmt::Display for PartyRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for PartyRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for PartyRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self::parse(&String::deserialize(deserializer)?))
    }
}

impl schemars::JsonSchema for PartyRef {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartyRef".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^([A-Z]{2}|[a-z0-9]+(-[a-z0-9]+)*)$",
            "description": "An ISO 3166-1 alpha-2 state code in upper case, or the id of a body that acts as a party."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_kebab_case() {
        assert!(is_slug("coe-framework-convention-ai"));
        assert!(is_slug("g7"));
        for bad in ["", "Coe", "a--b", "-a", "a-", "a_b", "a b"] {
            assert!(!is_slug(bad), "{bad:?}");
        }
    }

    #[test]
    fn party_refs_distinguish_states_bodies_and_nonsense() {
        assert_eq!(PartyRef::parse("FR").state().unwrap().as_str(), "FR");
        assert_eq!(PartyRef::parse("eu"), PartyRef::Body(BodyId::from("eu")));
        assert!(matches!(PartyRef::parse("XX"), PartyRef::Invalid(_)));
        assert!(matches!(PartyRef::parse("fr "), PartyRef::Invalid(_)));
        assert!(CountryCode::parse("fr").is_none());
    }

    #[test]
    fn country_names_read_as_english_names() {
        let name = |code: &str| CountryCode::parse(code).unwrap().name();
        assert_eq!(name("KR"), "South Korea");
        assert_eq!(name("CI"), "Côte d'Ivoire");
        assert_eq!(name("FR"), "France");
        assert!(CountryCode::all().count() >= 249);
        assert!(COMMON_NAMES.windows(2).all(|w| w[0].0 < w[1].0), "the table is sorted for binary search");
        assert!(COMMON_NAMES.iter().all(|(code, _)| CountryCode::parse(code).is_some()));
        // No name keeps the identifier-derived capitals of English particles.
        for code in CountryCode::all() {
            for particle in [" Of ", " And ", " The ", " Da "] {
                assert!(!code.name().contains(particle), "{code}: {}", code.name());
            }
        }
    }
}
