//! The package an export check starts from: items with their classification, destinations and
//! counterparties, in TOML or JSON, with errors that name the field.

use accord_atlas::{CountryCode, PartialDate};
use serde::{Deserialize, Serialize};

/// What is exported, where to, and to whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Package {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// At least one.
    pub items: Vec<PackageItem>,
    /// ISO 3166-1 alpha-2 codes; at least one.
    pub destinations: Vec<String>,
    #[serde(default)]
    pub counterparties: Vec<Counterparty>,
    /// Check as of this date; default: today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<PartialDate>,
}

/// One exported item and its export classification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackageItem {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// As the exporter classified it: an ECCN such as `3A090` or `3A090.a`, or `EAR99`.
    pub classification: String,
}

/// A party to the transaction, to be screened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counterparty {
    pub name: String,
    /// A country name or ISO code; sharpens screening when the list has one too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<PartyKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<CounterpartyRole>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::VariantArray, strum::IntoStaticStr)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum PartyKind {
    Person,
    Organization,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::VariantArray, strum::IntoStaticStr)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum CounterpartyRole {
    Buyer,
    EndUser,
    Consignee,
    Intermediary,
}

/// A package that cannot be checked: what is wrong, at which field, and what is allowed there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{path}: {message}")]
pub struct PackageError {
    /// Field path such as `items[1].classification`; empty for the whole document.
    pub path: String,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackageFormat {
    Toml,
    Json,
}

impl Package {
    /// Parses a package, reporting the path of the first field that does not fit.
    pub fn parse(text: &str, format: PackageFormat) -> Result<Package, PackageError> {
        match format {
            PackageFormat::Json => {
                let de = &mut serde_json::Deserializer::from_str(text);
                serde_path_to_error::deserialize(de)
                    .map_err(|e| shape_error(e.path().to_string(), e.inner().to_string()))
            }
            PackageFormat::Toml => {
                let de =
                    toml::Deserializer::parse(text).map_err(|e| shape_error(String::new(), e.message().to_owned()))?;
                serde_path_to_error::deserialize(de)
                    .map_err(|e| shape_error(e.path().to_string(), e.inner().message().to_owned()))
            }
        }
    }

    /// Checks what the types cannot: required lists, classifications and country codes.
    pub fn destinations(&self) -> Result<Vec<CountryCode>, PackageError> {
        if self.items.is_empty() {
            return Err(error("items", "at least one item is required"));
        }
        for (i, item) in self.items.iter().enumerate() {
            if item.classification.trim().is_empty() {
                return Err(error(
                    &format!("items[{i}].classification"),
                    "a classification is required: an ECCN such as 3A090, or EAR99",
                ));
            }
        }
        if self.destinations.is_empty() {
            return Err(error("destinations", "at least one destination is required"));
        }
        self.destinations
            .iter()
            .enumerate()
            .map(|(i, code)| {
                CountryCode::parse(code).ok_or_else(|| {
                    error(
                        &format!("destinations[{i}]"),
                        &format!("unknown country {code:?}; expected an ISO 3166-1 alpha-2 code in upper case such as CN or GB"),
                    )
                })
            })
            .collect()
    }
}

fn error(path: &str, message: &str) -> PackageError {
    PackageError { path: path.to_owned(), message: message.to_owned(), allowed: vec![] }
}

/// serde names the allowed variants of an unknown one in its message ("unknown variant `x`, expected
/// `person` or `organization`"); they are lifted into `allowed` so that callers can show them on their own.
fn shape_error(path: String, message: String) -> PackageError {
    let allowed = message
        .split_once("unknown variant")
        .and_then(|(_, rest)| rest.split_once("expected"))
        .map(|(_, rest)| rest.split('`').skip(1).step_by(2).map(str::to_owned).collect())
        .unwrap_or_default();
    let path = if path == "." { String::new() } else { path };
    PackageError { path, message, allowed }
}
