//! Countries as lists write them ("Iran", "IR", "Russia", "Korea, North") to ISO 3166-1 alpha-2 codes,
//! so a query's country can be compared with an entry's.

use celes::Country;

/// The alpha-2 code of a country name, alias or code, if it is one.
pub fn country_code(text: &str) -> Option<&'static str> {
    let compact: String = text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    if compact.is_empty() {
        return None;
    }
    let special = match compact.as_str() {
        "koreanorth" | "northkorea" | "dprk" => Some("KP"),
        "koreasouth" | "southkorea" => Some("KR"),
        "russia" => Some("RU"),
        "iran" => Some("IR"),
        "syria" => Some("SY"),
        "burma" => Some("MM"),
        "uk" | "unitedkingdom" => Some("GB"),
        "usa" | "unitedstates" => Some("US"),
        _ => None,
    };
    special
        .or_else(|| compact.parse::<Country>().ok().map(|c| c.alpha2))
        .or_else(|| Country::from_alias(&compact).ok().map(|c| c.alpha2))
        .or_else(|| Country::from_name(&compact).ok().map(|c| c.alpha2))
}

/// A comparable form for any country string: its code when known, else its lowercase letters.
pub fn country_key(text: &str) -> String {
    country_code(text)
        .map(str::to_string)
        .unwrap_or_else(|| text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect())
}
