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

/// The 1-based line at which byte `offset` of `content` sits.
pub fn line_at(content: &str, offset: usize) -> u64 {
    content.as_bytes()[..offset.min(content.len())].iter().filter(|&&b| b == b'\n').count() as u64 + 1
}
