//! The whole export check: every item to every destination, and every counterparty screened.

use accord_atlas::{Atlas, PartialDate};
use accord_screening::{EntityKind, Match, Options, Query, Screener};
use serde::Serialize;

use crate::licence::{LicenceAnswer, Outcome, answer};
use crate::package::{CounterpartyRole, Package, PackageError, PartyKind};

/// Printed with every answer, in every format.
pub const DISCLAIMER: &str = "Accord's export check is a screening aid, not legal advice. It covers only the rules \
and lists recorded or loaded, not end-use and end-user controls, and a list match is a lead to review, not a \
finding. Confirm classifications and licence requirements with the regulations and qualified counsel.";

/// One counterparty and the list entries its name matches at the default threshold.
#[derive(Debug, Clone, Serialize)]
pub struct ScreenedParty {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<PartyKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<CounterpartyRole>,
    /// False when no list was loaded, so nothing could be matched.
    pub screened: bool,
    pub matches: Vec<ScreenedMatch>,
}

/// A list match with its explanation as text.
#[derive(Debug, Clone, Serialize)]
pub struct ScreenedMatch {
    #[serde(flatten)]
    pub found: Match,
    /// How each part of the name matched, in words.
    pub explanation_text: String,
}

/// Counts that decide whether anything needs attention.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub licence_required: usize,
    pub licence_exception_available: usize,
    pub undetermined: usize,
    pub counterparty_matches: usize,
    pub unscreened_counterparties: usize,
    /// A licence is required, an answer is undetermined, or a counterparty matches a list.
    pub needs_attention: bool,
}

/// The whole answer for a package.
#[derive(Debug, Clone, Serialize)]
pub struct ExportCheck {
    pub package: String,
    pub as_of: PartialDate,
    pub disclaimer: &'static str,
    pub summary: Summary,
    /// Items by destinations, in package order.
    pub licences: Vec<LicenceAnswer>,
    pub counterparties: Vec<ScreenedParty>,
}

/// Checks every item to every destination on the date (the argument, else the package's own, else
/// today) and screens every counterparty with `screener` at the default threshold.
pub fn check(
    atlas: &Atlas,
    screener: Option<&Screener>,
    package: &Package,
    as_of: Option<PartialDate>,
) -> Result<ExportCheck, PackageError> {
    let destinations = package.destinations()?;
    let date = as_of.or(package.as_of).unwrap_or_else(PartialDate::today);
    let licences: Vec<LicenceAnswer> = package
        .items
        .iter()
        .flat_map(|item| destinations.iter().map(move |&d| (item, d)))
        .map(|(item, destination)| answer(atlas, &item.id, &item.classification, destination, date))
        .collect();
    let counterparties: Vec<ScreenedParty> = package
        .counterparties
        .iter()
        .map(|party| {
            let query = Query {
                name: party.name.clone(),
                kind: party.kind.map(|k| match k {
                    PartyKind::Person => EntityKind::Person,
                    PartyKind::Organization => EntityKind::Organization,
                }),
                country: party.country.clone(),
                birth_date: None,
            };
            let matches = screener
                .map(|s| s.screen(&query, &Options::default()))
                .unwrap_or_default()
                .into_iter()
                .map(|m| ScreenedMatch { explanation_text: m.explanation.to_string(), found: m })
                .collect();
            ScreenedParty {
                name: party.name.clone(),
                country: party.country.clone(),
                kind: party.kind,
                role: party.role,
                screened: screener.is_some(),
                matches,
            }
        })
        .collect();
    let count = |outcome: Outcome| licences.iter().filter(|l| l.outcome == outcome).count();
    let mut summary = Summary {
        licence_required: count(Outcome::LicenceRequired),
        licence_exception_available: count(Outcome::LicenceExceptionAvailable),
        undetermined: count(Outcome::Undetermined),
        counterparty_matches: counterparties.iter().filter(|c| !c.matches.is_empty()).count(),
        unscreened_counterparties: counterparties.iter().filter(|c| !c.screened).count(),
        needs_attention: false,
    };
    summary.needs_attention = summary.licence_required + summary.undetermined + summary.counterparty_matches > 0;
    Ok(ExportCheck {
        package: package.name.clone(),
        as_of: date,
        disclaimer: DISCLAIMER,
        summary,
        licences,
        counterparties,
    })
}
