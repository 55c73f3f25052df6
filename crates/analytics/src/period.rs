//! Dates stepped by year or month, for histories.

use accord_atlas::PartialDate;
use jiff::ToSpan;
use serde::Serialize;

use crate::AnalyticsError;

/// How far apart the dates of a history are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    Year,
    Month,
}

/// The first day of every year (or month) from the start of `from` up to `to`, then `to` itself if it does
/// not fall on a step, so that a history always ends on the date asked for.
pub fn steps(from: PartialDate, to: PartialDate, step: Step) -> Result<Vec<PartialDate>, AnalyticsError> {
    let (start, end) = (from.start(), to.start());
    if start > end {
        return Err(AnalyticsError::BadRange { from, to });
    }
    let mut date = match step {
        Step::Year => start.first_of_year(),
        Step::Month => start.first_of_month(),
    };
    let span = match step {
        Step::Year => 1.year(),
        Step::Month => 1.month(),
    };
    let mut dates = Vec::new();
    while date <= end {
        dates.push(PartialDate::from_civil(date));
        // Past the last representable date means past the end too.
        let Ok(next) = date.checked_add(span) else { break };
        date = next;
    }
    if dates.last().is_none_or(|last| last.start() != end) {
        dates.push(PartialDate::from_civil(end));
    }
    Ok(dates)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(from: &str, to: &str, step: Step) -> Vec<String> {
        steps(from.parse().unwrap(), to.parse().unwrap(), step).unwrap().iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn years_run_from_january_and_end_on_the_date_asked_for() {
        assert_eq!(dates("2017", "2019-06-30", Step::Year), ["2017-01-01", "2018-01-01", "2019-01-01", "2019-06-30"]);
        assert_eq!(
            dates("2024-11-15", "2025-02-01", Step::Month),
            ["2024-11-01", "2024-12-01", "2025-01-01", "2025-02-01"]
        );
        assert!(steps("2025".parse().unwrap(), "2024".parse().unwrap(), Step::Year).is_err());
    }

    #[test]
    fn a_range_to_the_last_representable_date_ends_there() {
        assert_eq!(dates("9998", "9999-12-31", Step::Year), ["9998-01-01", "9999-01-01", "9999-12-31"]);
        assert_eq!(dates("9999-11", "9999-12-31", Step::Month), ["9999-11-01", "9999-12-01", "9999-12-31"]);
    }
}
