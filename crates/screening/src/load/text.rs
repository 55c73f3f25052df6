//! Byte-level helpers shared by the loaders.

/// Decodes UTF-8, falling back to Latin-1 (each byte one character) for files that are not.
pub fn decode(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
    }
}

/// Splits a multi-valued field ("a; b; c") into trimmed, non-empty values.
pub fn split_values(field: &str, separator: char) -> Vec<String> {
    field.split(separator).map(str::trim).filter(|v| !v.is_empty()).map(str::to_string).collect()
}

/// The 1-based line at which byte `offset` of `content` sits. A record's reported start can fall on
/// the line end before it (CRLF files), so line ends at the offset count for the next line.
pub fn line_at(content: &str, offset: usize) -> u64 {
    Lines::new(content).line_at(offset)
}

/// Line numbers for offsets that only grow, counted incrementally so a large file stays linear.
pub struct Lines<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    pub fn new(content: &'a str) -> Self {
        Lines { bytes: content.as_bytes(), offset: 0, line: 1 }
    }

    pub fn line_at(&mut self, offset: usize) -> u64 {
        let mut target = offset.min(self.bytes.len());
        while target < self.bytes.len() && matches!(self.bytes[target], b'\r' | b'\n') {
            target += 1;
        }
        if target < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        self.line += self.bytes[self.offset..target].iter().filter(|&&b| b == b'\n').count() as u64;
        self.offset = target;
        self.line
    }
}
