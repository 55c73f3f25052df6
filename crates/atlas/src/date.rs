//! Partial dates (`2019`, `2024-09`, `2024-09-05`) that keep their precision.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: i16,
    month: Option<i8>,
    day: Option<i8>,
}

/// How much of a [`PartialDate`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// Why a date string was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date {input:?}: {reason} (expected YYYY, YYYY-MM or YYYY-MM-DD)")]
pub struct DateError {
    input: String,
    reason: &'static str,
}

impl PartialDate {
    /// A date known to the day.
    pub fn from_ymd(year: i16, month: i8, day: i8) -> Result<Self, DateError> {
        format!("{year:04}-{month:02}-{day:02}").parse()
    }

    /// A full date from a civil date.
    pub fn from_civil(date: Date) -> Self {
        Self { year: date.year(), month: Some(date.month()), day: Some(date.day()) }
    }

    /// Today's date in the system time zone.
    pub fn today() -> Self {
        Self::from_civil(jiff::Zoned::now().date())
    }

    pub fn year(self) -> i16 {
        self.year
    }

    pub fn precision(self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// The first day of the period this date names; as-of queries count a partial date from here.
    pub fn start(self) -> Date {
        Date::new(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1)).expect("validated on construction")
    }

    /// The last day of the period this date names.
    pub fn end(self) -> Date {
        match (self.month, self.day) {
            (Some(_), Some(_)) => self.start(),
            (Some(_), None) => self.start().last_of_month(),
            (None, _) => Date::new(self.year, 12, 31).expect("valid"),
        }
    }

    /// True when this date (counted from its first day) is on or before `as_of`.
    pub fn is_on_or_before(self, as_of: PartialDate) -> bool {
        self.start() <= as_of.start()
    }

    /// True when the two dates certainly name different days in this order: `self` strictly before
    /// `other` is impossible to rule out only when the periods overlap.
    pub fn certainly_after(self, other: PartialDate) -> bool {
        self.start() > other.end()
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.start().cmp(&other.start()).then(self.precision().cmp(&other.precision()))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let err = |reason| DateError { input: input.to_owned(), reason };
        let mut parts = input.split('-');
        let year = parse_part(parts.next(), 4).ok_or_else(|| err("the year must have four digits"))?;
        let month = parts
            .next()
            .map(|m| parse_part(Some(m), 2).ok_or_else(|| err("the month must have two digits")))
            .transpose()?;
        let day = parts
            .next()
            .map(|d| parse_part(Some(d), 2).ok_or_else(|| err("the day must have two digits")))
            .transpose()?;
        if parts.next().is_some() {
            return Err(err("too many parts"));
        }
        let year = i16::try_from(year).map_err(|_| err("year out of range"))?;
        let month = month.map(|m| i8::try_from(m).unwrap_or(0));
        let day = day.map(|d| i8::try_from(d).unwrap_or(0));
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(err("no such month"));
        }
        if Date::new(year, month.unwrap_or(1), day.unwrap_or(1)).is_err() {
            return Err(err("no such day in that month"));
        }
        Ok(Self { year, month, day })
    }
}

fn parse_part(part: Option<&str>, width: usize) -> Option<u32> {
    let part = part?;
    (part.len() == width && part.bytes().all(|b| b.is_ascii_digit())).then(|| part.parse().ok())?
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
            "description": "A date known to the year, month or day: YYYY, YYYY-MM or YYYY-MM-DD."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_prints_it_back() {
        for text in ["2019", "2024-09", "2024-09-05"] {
            assert_eq!(text.parse::<PartialDate>().unwrap().to_string(), text);
        }
        assert_eq!("2024-09".parse::<PartialDate>().unwrap().precision(), Precision::Month);
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for bad in ["2023-02-29", "2024-13", "24-01-01", "2024-1-01", "2024-01-01-01", "", "abcd"] {
            assert!(bad.parse::<PartialDate>().is_err(), "{bad} should be rejected");
        }
        assert!("2024-02-29".parse::<PartialDate>().is_ok());
    }

    #[test]
    fn a_partial_date_counts_from_its_first_day() {
        let month: PartialDate = "2024-09".parse().unwrap();
        assert!(month.is_on_or_before("2024-09-01".parse().unwrap()));
        assert!(!month.is_on_or_before("2024-08-31".parse().unwrap()));
        assert_eq!(month.end().to_string(), "2024-09-30");
    }

    #[test]
    fn overlapping_periods_are_not_certainly_ordered() {
        let year: PartialDate = "2024".parse().unwrap();
        let day: PartialDate = "2024-03-01".parse().unwrap();
        assert!(!year.certainly_after(day));
        assert!(!day.certainly_after(year));
        assert!(day.certainly_after("2023".parse().unwrap()));
    }
}
