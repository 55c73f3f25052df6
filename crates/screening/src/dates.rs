//! Dates of birth as lists write them: "1971-01-22", "22 Jan 1971", "Jan 1971", "1971", "circa 1971",
//! "1970 to 1972".

use crate::entry::BirthDate;

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

impl BirthDate {
    /// The first date found in `text`, with the precision it has.
    pub fn parse(text: &str) -> Option<BirthDate> {
        let words: Vec<&str> =
            text.split(|c: char| c.is_whitespace() || c == ',' || c == '/').filter(|w| !w.is_empty()).collect();
        for (i, word) in words.iter().enumerate() {
            if let Some(date) = parse_iso(word) {
                return Some(date);
            }
            let Some(year) = parse_year(word) else { continue };
            let month = i.checked_sub(1).and_then(|j| month_of(words[j]));
            let day =
                month.and(i.checked_sub(2)).and_then(|j| words[j].parse::<u8>().ok()).filter(|d| (1..=31).contains(d));
            return Some(BirthDate { year, month, day });
        }
        None
    }

    /// Whether two dates can be the same day at their common precision.
    pub fn compatible(&self, other: &BirthDate) -> bool {
        self.year == other.year
            && (self.month.is_none() || other.month.is_none() || self.month == other.month)
            && (self.day.is_none() || other.day.is_none() || self.day == other.day)
    }
}

impl std::fmt::Display for BirthDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

fn parse_year(word: &str) -> Option<u16> {
    let word = word.trim_matches(|c: char| !c.is_ascii_digit());
    (word.len() == 4).then(|| word.parse::<u16>().ok()).flatten().filter(|y| (1800..=2100).contains(y))
}

fn month_of(word: &str) -> Option<u8> {
    let lower = word.to_ascii_lowercase();
    MONTHS.iter().position(|m| lower.starts_with(m)).map(|i| i as u8 + 1)
}

fn parse_iso(word: &str) -> Option<BirthDate> {
    let mut parts = word.trim_end_matches(['.', ';']).split('-');
    let year = parts.next().filter(|y| y.len() == 4)?.parse::<u16>().ok()?;
    let month = parts.next()?.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?;
    let day = parts.next().and_then(|d| d.parse::<u8>().ok()).filter(|d| (1..=31).contains(d));
    Some(BirthDate { year, month: Some(month), day })
}
