//! The plain data a restricted-party list is made of, whatever format it was published in.

use serde::{Deserialize, Serialize};

/// The identifier of an entry within its list (an OFAC `ent_num`, a CSL `_id`, an OpenSanctions id).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntryId(pub String);

/// The published list a file belongs to, e.g. "OFAC SDN", "Consolidated Screening List", "OpenSanctions".
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ListId(pub String);

impl std::fmt::Display for EntryId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Display for ListId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What kind of party an entry designates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    Person,
    Organization,
    Vessel,
    Aircraft,
    #[default]
    Unknown,
}

/// How a name relates to the entry: its primary name or one of its aliases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NameKind {
    Primary,
    /// "also known as"
    Aka,
    /// "formerly known as"
    Fka,
    /// "now known as"
    Nka,
    /// A low-quality alias as flagged by the publisher.
    Weak,
    /// An alias without a stated type.
    Alias,
}

/// One name of an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name {
    pub text: String,
    pub kind: NameKind,
}

impl Name {
    pub fn primary(text: impl Into<String>) -> Self {
        Name { text: text.into(), kind: NameKind::Primary }
    }

    pub fn alias(text: impl Into<String>, kind: NameKind) -> Self {
        Name { text: text.into(), kind }
    }
}

/// A postal address as published; `country` is kept apart because screening can use it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub text: String,
    pub country: Option<String>,
}

/// A date of birth with the precision the list gives (often a year only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BirthDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// One designated party, with everything needed to explain a match and trace it back to its list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: EntryId,
    pub list: ListId,
    /// The list inside the publication, e.g. "SDN", "Entity List", a sanctions programme's dataset.
    pub source_list: String,
    pub kind: EntityKind,
    /// The primary name first, then the aliases.
    pub names: Vec<Name>,
    /// Countries as published (names or ISO codes) from nationality, citizenship, addresses, jurisdiction.
    pub countries: Vec<String>,
    pub addresses: Vec<Address>,
    pub programs: Vec<String>,
    pub birth_dates: Vec<BirthDate>,
    pub remarks: Option<String>,
    pub source_url: Option<String>,
}

impl Entry {
    /// An entry with an id, list and primary name, and nothing else yet.
    pub fn new(id: impl Into<String>, list: impl Into<String>, primary_name: impl Into<String>) -> Self {
        Entry {
            id: EntryId(id.into()),
            list: ListId(list.into()),
            source_list: String::new(),
            kind: EntityKind::Unknown,
            names: vec![Name::primary(primary_name)],
            countries: Vec::new(),
            addresses: Vec::new(),
            programs: Vec::new(),
            birth_dates: Vec::new(),
            remarks: None,
            source_url: None,
        }
    }

    /// The primary name, or "" for an entry published without one.
    pub fn primary_name(&self) -> &str {
        self.names.first().map(|n| n.text.as_str()).unwrap_or("")
    }
}
