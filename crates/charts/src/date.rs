//! Partial calendar dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) as day numbers, for placing events in time.

/// The day number (days since 1970-01-01) of the first day of the period `text` names, or `None` when
/// it is not a valid date in one of the three forms.
pub(crate) fn first_day(text: &str) -> Option<i64> {
    let mut parts = text.trim().split('-');
    let year = number(parts.next()?, 4)?;
    let month = parts.next().map_or(Some(1), |m| number(m, 2))?;
    let day = parts.next().map_or(Some(1), |d| number(d, 2))?;
    if parts.next().is_some() || !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    Some(days_from_civil(year, month, day))
}

fn number(text: &str, digits: usize) -> Option<i64> {
    (text.len() == digits && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok()).flatten()
}

fn days_in_month(year: i64, month: i64) -> i64 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 in the proleptic Gregorian calendar, counting in 400-year eras of 146,097 days
/// with years starting in March so that the leap day falls at the end.
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days() {
        assert_eq!(first_day("1970-01-01"), Some(0));
        assert_eq!(first_day("2000-03-01"), Some(11_017));
        assert_eq!(first_day("2024-02-29"), Some(19_782));
        assert_eq!(first_day("2024"), first_day("2024-01-01"));
        assert_eq!(first_day("2024-09"), first_day("2024-09-01"));
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for bad in ["", "24", "2024-13", "2023-02-29", "2024-1-05", "2024-01-01-01", "2024/01", "abcd"] {
            assert_eq!(first_day(bad), None, "{bad:?}");
        }
    }
}
