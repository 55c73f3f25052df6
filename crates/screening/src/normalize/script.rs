//! Character-level clean-up: invisible characters, look-alike letters from other scripts, and
//! transliteration of everything else to lowercase ASCII.

/// Characters that render as nothing but split or disguise a name (zero-width spaces, joiners,
/// bidirectional marks, soft hyphens, byte-order marks).
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180E}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
        | '\u{3164}' | '\u{FEFF}' | '\u{FFA0}')
}

/// The Latin letter a Cyrillic or Greek character is drawn like, for names that mix scripts to
/// slip past a screen ("РRIGОZНIN" with Cyrillic Р, О, Н). Used only when a name already contains
/// Latin letters: an all-Cyrillic name is transliterated by sound instead.
pub fn latin_lookalike(c: char) -> Option<char> {
    Some(match c {
        'А' | 'Α' => 'A',
        'В' | 'Β' => 'B',
        'С' | 'Ϲ' => 'C',
        'Е' | 'Ε' => 'E',
        'Н' | 'Η' => 'H',
        'І' | 'Ι' => 'I',
        'Ј' => 'J',
        'К' | 'Κ' => 'K',
        'М' | 'Μ' => 'M',
        'О' | 'Ο' => 'O',
        'Р' | 'Ρ' => 'P',
        'Ѕ' => 'S',
        'Т' | 'Τ' => 'T',
        'Х' | 'Χ' => 'X',
        'У' | 'Υ' => 'Y',
        'Ζ' => 'Z',
        'Ν' => 'N',
        'а' | 'α' => 'a',
        'с' | 'ϲ' => 'c',
        'е' | 'ε' => 'e',
        'һ' => 'h',
        'і' | 'ι' => 'i',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'о' | 'ο' => 'o',
        'р' | 'ρ' => 'p',
        'ѕ' => 's',
        'т' | 'τ' => 't',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        'ԁ' => 'd',
        'ԛ' => 'q',
        'ԝ' => 'w',
        'ν' => 'v',
        _ => return None,
    })
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2A6DF}')
}

/// Scripts written without most vowels, whose transliterations need consonant-skeleton comparison.
pub fn is_abjad(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{05FF}' | '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}'
        | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// A raw token transliterated to lowercase ASCII letters and digits. Chinese characters become pinyin
/// syllables; the first syllable (the family name) is its own word and the rest are joined, as
/// Chinese names are romanised ("习近平" → "xi jinping").
pub fn transliterate(raw: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut han_run = 0usize;
    for c in raw.chars() {
        if is_han(c) {
            if han_run == 0 && !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            push_ascii(&mut current, any_ascii::any_ascii_char(c));
            if han_run == 0 {
                words.push(std::mem::take(&mut current));
            }
            han_run += 1;
            continue;
        }
        if han_run > 0 {
            han_run = 0;
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
        }
        if c.is_ascii() {
            push_ascii(&mut current, c.encode_utf8(&mut [0; 4]));
        } else {
            push_ascii(&mut current, any_ascii::any_ascii_char(c));
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words.retain(|w| !w.is_empty());
    words
}

/// Appends the letters and digits of an ASCII string, lowercased; apostrophes, dots and the marks some
/// transliterations leave (soft signs, ayin) are dropped so "O'Brien", "S.A." and "Kuz'menko" stay whole.
fn push_ascii(out: &mut String, s: &str) {
    out.extend(s.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()));
}

/// Strips pinyin tone numbers ("jin4ping2" → "jinping"): a token made only of letter runs each followed
/// by a digit 1 to 5.
pub fn strip_tone_numbers(token: &str) -> Option<String> {
    let bytes = token.as_bytes();
    if bytes.is_empty() || !bytes[0].is_ascii_alphabetic() || !bytes[bytes.len() - 1].is_ascii_digit() {
        return None;
    }
    let mut prev_digit = false;
    for &b in bytes {
        if b.is_ascii_digit() {
            if prev_digit || !(b'1'..=b'5').contains(&b) {
                return None;
            }
            prev_digit = true;
        } else if b.is_ascii_alphabetic() {
            prev_digit = false;
        } else {
            return None;
        }
    }
    Some(token.chars().filter(char::is_ascii_alphabetic).collect())
}

/// The comparison form of a token after optical-character-recognition confusions: digits read as
/// letters and letter pairs read as one ("rn" → "m").
pub fn ocr_fold(token: &str) -> String {
    let mapped: String = token
        .chars()
        .map(|c| match c {
            '0' => 'o',
            '1' => 'l',
            '3' => 'e',
            '4' => 'a',
            '5' => 's',
            '6' => 'b',
            '8' => 'b',
            '9' => 'g',
            other => other,
        })
        .collect();
    mapped.replace("rn", "m").replace("vv", "w").replace("cl", "d")
}

/// A consonant skeleton: vowels dropped, letters that sound alike merged, doubles collapsed. It matches
/// spellings that differ in vowels ("Mohamed", "Muhammad") and names written without vowels
/// (Arabic and Hebrew script, "FSHNG ENTRPRSE").
pub fn skeleton(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    let bytes = token.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let next = bytes.get(i + 1).copied();
        let mapped: &str = match (c, next) {
            (b'p', Some(b'h')) => {
                i += 1;
                "f"
            }
            (b'c', Some(b'k')) => {
                i += 1;
                "k"
            }
            (b'a' | b'e' | b'i' | b'o' | b'u' | b'y', _) => "",
            (b'c' | b'q', _) => "k",
            (b'z', _) => "s",
            (b'x', _) => "ks",
            (b'w', _) => "v",
            _ => {
                let s = &token[i..i + 1];
                i += 1;
                push_collapsed(&mut out, s);
                continue;
            }
        };
        i += 1;
        push_collapsed(&mut out, mapped);
    }
    out
}

fn push_collapsed(out: &mut String, s: &str) {
    for c in s.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
}
