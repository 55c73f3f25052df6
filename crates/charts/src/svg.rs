//! Small helpers shared by every chart: escaping, number formatting, the root element, text metrics.

use std::fmt::Write;

/// Font stack for every text element; system fonts keep the output free of web-font requests.
pub(crate) const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
/// Colour of axis lines, labels and outlines: dark grey reads well on white and prints in greyscale.
pub(crate) const INK: &str = "#333333";
/// Colour of secondary lines (grid, leaders).
pub(crate) const FAINT: &str = "#c8c8c8";

/// Escapes text for XML element content and attribute values alike.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab and newlines are not allowed in XML 1.0 at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Formats a coordinate with at most two decimals and no trailing zeros, so output is short and stable.
pub(crate) fn num(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    // Avoid "-0", which differs textually from "0" while meaning the same.
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    let mut s = format!("{rounded:.2}");
    while s.ends_with('0') {
        s.pop();
    }
    if s.ends_with('.') {
        s.pop();
    }
    s
}

/// Formats a value in [0, 1] (or any score) for people: two decimals.
pub(crate) fn value_text(value: f64) -> String {
    if value.is_nan() { "no value".to_owned() } else { format!("{value:.2}") }
}

/// Opens the root `<svg>` with a viewBox (so it scales down to a narrower container, but never grows past
/// the size its text was set for), the accessible name and a description, and returns the buffer for the
/// chart body. Close it with [`close_root`].
pub(crate) fn open_root(width: f64, height: f64, title: &str, desc: &str) -> String {
    let mut out = String::new();
    let title = escape(title);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" style="max-width:{w}px" role="img" aria-label="{title}" font-family="{FONT}" font-size="12" fill="{INK}">"#,
        w = num(width),
        h = num(height),
    );
    let _ = write!(out, "<title>{title}</title><desc>{}</desc>", escape(desc));
    out
}

/// Closes the root element opened by [`open_root`].
pub(crate) fn close_root(mut out: String) -> String {
    out.push_str("</svg>");
    out
}

/// A rough width of `text` in pixels at `font_size`, erring wide (as DejaVu Sans, a wide fallback font):
/// enough to lay out labels without a font engine.
pub(crate) fn text_width(text: &str, font_size: f64) -> f64 {
    let units: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.3,
            ' ' | 'f' | 't' | 'r' | '(' | ')' | '-' => 0.38,
            'm' | 'w' | 'M' | 'W' => 0.92,
            c if c.is_ascii_uppercase() => 0.7,
            c if c.is_ascii() => 0.62,
            // CJK and other wide scripts take about a full em.
            c if (c as u32) >= 0x2E80 => 1.0,
            _ => 0.6,
        })
        .sum();
    units * font_size
}

/// Shortens `text` to at most `max_chars` characters, ending with an ellipsis when cut.
pub(crate) fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// A prefix for element ids (patterns) derived from the chart's content, so that several charts inlined
/// in one HTML page do not share ids, while the same input still gives the same output.
pub(crate) fn id_prefix(kind: &str, parts: &[&str]) -> String {
    // FNV-1a: tiny, stable across platforms and releases, unlike `DefaultHasher`.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in std::iter::once(kind).chain(parts.iter().copied()) {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{kind}-{:08x}", hash as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(escape(r#"<a & "b" 'c'>"#), "&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;");
        assert_eq!(escape("tab\tok\u{1}"), "tab\tok ");
    }

    #[test]
    fn numbers_are_short_and_never_negative_zero() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.256), "1.26");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(12.5), "12.5");
    }

    #[test]
    fn truncation_keeps_short_text_and_marks_cuts() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("a long label here", 8), "a long…");
    }

    #[test]
    fn id_prefix_depends_on_content() {
        assert_eq!(id_prefix("map", &["a"]), id_prefix("map", &["a"]));
        assert_ne!(id_prefix("map", &["a", "b"]), id_prefix("map", &["ab"]));
    }
}
