//! The AI system profile an assessment starts from, and its validation with field paths.

use std::collections::BTreeSet;

use accord_atlas::model::{Binding, Mechanism, Role, Sector, SystemKind};
use accord_atlas::{Atlas, BodyId, CountryCode, InstrumentId, PartialDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An AI system and its operator, as the operator describes them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Kinds of system; at least one.
    pub kinds: Vec<SystemKind>,
    /// The operator's roles; at least one.
    pub roles: Vec<Role>,
    #[serde(default)]
    pub sectors: Vec<Sector>,
    /// Where it is developed (ISO 3166-1 alpha-2 codes).
    #[serde(default)]
    pub developed_in: Vec<String>,
    /// Where it is put into service or used.
    #[serde(default)]
    pub deployed_in: Vec<String>,
    /// Where it is offered or placed on the market.
    #[serde(default)]
    pub offered_in: Vec<String>,
    /// Where its output is used; default: where it is deployed or offered.
    #[serde(default)]
    pub output_used_in: Vec<String>,
    /// The operator's country of establishment.
    pub established_in: String,
    #[serde(default)]
    pub data_flows: Vec<DataFlow>,
    /// Countries the system, its model weights or its hardware are exported to.
    #[serde(default)]
    pub export_destinations: Vec<String>,
    /// Voluntary codes the operator subscribes to (instrument ids, such as `frontier-ai-safety-commitments`).
    #[serde(default)]
    pub voluntary_codes: Vec<String>,
    /// The operator as a body of the atlas (a company id), if it is one; its signatures count as subscriptions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    /// Assess as of this date; default: today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<PartialDate>,
}

/// Personal or other data moving between two countries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataFlow {
    pub from: String,
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
}

/// A profile that cannot be assessed: what is wrong, at which field, and what is allowed there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error, schemars::JsonSchema)]
#[error("{path}: {message}")]
pub struct ProfileError {
    /// Field path such as `kinds[1]` or `deployed_in[0]`; empty for the whole document.
    pub path: String,
    pub message: String,
    /// The allowed values, where there is a short list of them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<String>,
}

/// The format a profile is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileFormat {
    Toml,
    Json,
}

impl Profile {
    /// Parses a profile, reporting the path of the first field that does not fit.
    pub fn parse(text: &str, format: ProfileFormat) -> Result<Self, ProfileError> {
        match format {
            ProfileFormat::Json => {
                let de = &mut serde_json::Deserializer::from_str(text);
                serde_path_to_error::deserialize(de)
                    .map_err(|e| shape_error(e.path().to_string(), e.inner().to_string()))
            }
            ProfileFormat::Toml => {
                let de =
                    toml::Deserializer::parse(text).map_err(|e| shape_error(String::new(), e.message().to_owned()))?;
                serde_path_to_error::deserialize(de)
                    .map_err(|e| shape_error(e.path().to_string(), e.inner().message().to_owned()))
            }
        }
    }

    /// Parses a profile from a JSON value (an HTTP request body, a line of an inventory).
    pub fn from_value(value: serde_json::Value) -> Result<Self, ProfileError> {
        serde_path_to_error::deserialize(value).map_err(|e| shape_error(e.path().to_string(), e.inner().to_string()))
    }

    /// Checks what the types cannot: country codes, ids of codes and operators, required lists.
    pub fn check(&self, atlas: &Atlas) -> Result<Checked, ProfileError> {
        if self.kinds.is_empty() {
            return Err(error("kinds", "at least one kind of system is required", allowed::<SystemKind>()));
        }
        if self.roles.is_empty() {
            return Err(error("roles", "at least one operator role is required", allowed::<Role>()));
        }
        let established = country(&self.established_in, "established_in")?;
        let list = |values: &[String], field: &str| -> Result<Vec<CountryCode>, ProfileError> {
            values.iter().enumerate().map(|(i, v)| country(v, &format!("{field}[{i}]"))).collect()
        };
        let checked = Checked {
            developed_in: list(&self.developed_in, "developed_in")?,
            deployed_in: list(&self.deployed_in, "deployed_in")?,
            offered_in: list(&self.offered_in, "offered_in")?,
            output_used_in: list(&self.output_used_in, "output_used_in")?,
            established_in: established,
            export_destinations: list(&self.export_destinations, "export_destinations")?,
            data_flows: self
                .data_flows
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    Ok((
                        country(&f.from, &format!("data_flows[{i}].from"))?,
                        country(&f.to, &format!("data_flows[{i}].to"))?,
                    ))
                })
                .collect::<Result<_, ProfileError>>()?,
            voluntary_codes: self.voluntary_codes(atlas)?,
            operator: self.operator(atlas)?,
        };
        Ok(checked)
    }

    fn voluntary_codes(&self, atlas: &Atlas) -> Result<BTreeSet<InstrumentId>, ProfileError> {
        let codes: Vec<String> = atlas
            .instruments()
            .iter()
            .filter(|i| i.binding == Binding::Voluntary && i.mechanism != Mechanism::Standard)
            .map(|i| i.id.to_string())
            .collect();
        self.voluntary_codes
            .iter()
            .enumerate()
            .map(|(i, code)| {
                if codes.contains(code) {
                    Ok(InstrumentId::from(code.as_str()))
                } else {
                    Err(error(
                        &format!("voluntary_codes[{i}]"),
                        &format!("unknown voluntary code {code:?}"),
                        codes.clone(),
                    ))
                }
            })
            .collect()
    }

    fn operator(&self, atlas: &Atlas) -> Result<Option<BodyId>, ProfileError> {
        let Some(operator) = &self.operator else { return Ok(None) };
        let id = BodyId::from(operator.as_str());
        match atlas.body(&id) {
            Some(_) => Ok(Some(id)),
            None => Err(error(
                "operator",
                &format!("unknown body {operator:?}; `accord bodies --kind company` lists them"),
                vec![],
            )),
        }
    }
}

/// The profile's countries and references, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub developed_in: Vec<CountryCode>,
    pub deployed_in: Vec<CountryCode>,
    pub offered_in: Vec<CountryCode>,
    pub output_used_in: Vec<CountryCode>,
    pub established_in: CountryCode,
    pub export_destinations: Vec<CountryCode>,
    pub data_flows: Vec<(CountryCode, CountryCode)>,
    pub voluntary_codes: BTreeSet<InstrumentId>,
    pub operator: Option<BodyId>,
}

fn country(text: &str, path: &str) -> Result<CountryCode, ProfileError> {
    CountryCode::parse(text).ok_or_else(|| {
        error(
            path,
            &format!("unknown country {text:?}; expected an ISO 3166-1 alpha-2 code in upper case such as FR or US"),
            vec![],
        )
    })
}

fn error(path: &str, message: &str, allowed: Vec<String>) -> ProfileError {
    ProfileError { path: path.to_owned(), message: message.to_owned(), allowed }
}

fn allowed<T: strum::VariantArray + Into<&'static str> + Copy>() -> Vec<String> {
    T::VARIANTS.iter().map(|v| (*v).into()).map(str::to_owned).collect()
}

/// Serde's messages name the allowed variants; lift them into `allowed` for a structured error.
fn shape_error(path: String, message: String) -> ProfileError {
    let allowed = message
        .split_once("expected one of ")
        .map(|(_, rest)| rest.split(", ").map(|v| v.trim_matches(|c| c == '`' || c == ' ').to_owned()).collect())
        .unwrap_or_default();
    let path = if path == "." { String::new() } else { path };
    ProfileError { path, message, allowed }
}
