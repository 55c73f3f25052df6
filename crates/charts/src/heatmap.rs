//! A square matrix of scores in [0, 1], such as the alignment of states with one another.

use crate::error::ChartError;
use crate::palette::{NEUTRAL, sequential, text_on};
use crate::svg::{FAINT, INK, close_root, escape, num, open_root, text_width, truncate, value_text};
use std::fmt::Write;

const LABEL_CHARS: usize = 28;
const FONT: f64 = 12.0;
/// Column labels run up and to the right at this angle, so long names fit over narrow columns.
const SLANT: f64 = 45.0;
const LEGEND_STEPS: usize = 20;
const LEGEND_WIDTH: f64 = 240.0;

/// Draws `values[row][column]` as coloured cells on a single-hue sequential scale, with row and column
/// labels, the value in each cell's `<title>` (and printed when the cell is large enough) and a 0..1
/// legend. NaN is drawn as "no value"; values outside [0, 1] take the colour of the nearer end but
/// keep their own number.
pub fn heatmap(labels: &[&str], values: &[Vec<f64>], title: &str) -> Result<String, ChartError> {
    let n = labels.len();
    if values.len() != n {
        return Err(ChartError::RowCount { labels: n, rows: values.len() });
    }
    if let Some((row, r)) = values.iter().enumerate().find(|(_, r)| r.len() != n) {
        return Err(ChartError::NotSquare { labels: n, row, len: r.len() });
    }
    let shown: Vec<String> = labels.iter().map(|l| truncate(l, LABEL_CHARS)).collect();
    let widest = shown.iter().map(|l| text_width(l, FONT)).fold(0.0, f64::max);
    let cell = (560.0 / n.max(1) as f64).clamp(14.0, 44.0);
    let slant = SLANT.to_radians();
    let left = widest + 10.0;
    let top = widest * slant.sin() + 14.0;
    let grid = cell * n as f64;
    let width = (left + grid + widest * slant.cos() + 8.0).max(left + LEGEND_WIDTH + 40.0);
    let legend_top = top + grid + 18.0;
    let height = legend_top + 44.0;

    let mut body = String::new();
    body.push_str(r#"<g class="labels">"#);
    for (i, label) in shown.iter().enumerate() {
        let centre = i as f64 * cell + cell / 2.0;
        let full = escape(labels[i]);
        let _ = write!(
            body,
            r#"<text x="{}" y="{}" text-anchor="end" dominant-baseline="central"><title>{full}</title>{}</text>"#,
            num(left - 6.0),
            num(top + centre),
            escape(label)
        );
        let (x, y) = (left + centre, top - 6.0);
        let _ = write!(
            body,
            r#"<text x="{x}" y="{y}" transform="rotate(-{SLANT} {x} {y})"><title>{full}</title>{}</text>"#,
            escape(label),
            x = num(x),
            y = num(y)
        );
    }
    body.push_str("</g>");

    let print_values = cell >= 26.0;
    let value_font = (cell * 0.34).min(11.0);
    let _ = write!(body, r##"<g class="cells" stroke="#ffffff" stroke-width="1">"##);
    let mut texts = String::new();
    for (r, row) in values.iter().enumerate() {
        for (c, &value) in row.iter().enumerate() {
            let (x, y) = (left + c as f64 * cell, top + r as f64 * cell);
            let fill = sequential(value);
            let _ = write!(
                body,
                r#"<rect class="cell" x="{}" y="{}" width="{}" height="{}" fill="{fill}"><title>{} – {}: {}</title></rect>"#,
                num(x),
                num(y),
                num(cell),
                num(cell),
                escape(labels[r]),
                escape(labels[c]),
                value_text(value)
            );
            if print_values {
                let text = if value.is_nan() { "–".to_owned() } else { format!("{value:.2}") };
                let _ = write!(
                    texts,
                    r#"<text x="{}" y="{}" fill="{}">{text}</text>"#,
                    num(x + cell / 2.0),
                    num(y + cell / 2.0),
                    text_on(&fill)
                );
            }
        }
    }
    body.push_str("</g>");
    if print_values {
        // Values are text on top of the cells; hovering still reaches each cell's title through them.
        let _ = write!(
            body,
            r#"<g class="values" font-size="{}" text-anchor="middle" dominant-baseline="central" pointer-events="none" aria-hidden="true">{texts}</g>"#,
            num(value_font)
        );
    }
    body.push_str(&legend(left, legend_top, values.iter().flatten().any(|v| v.is_nan())));

    let desc =
        format!("Matrix of {n} by {n} values between 0 and 1 for: {}. Darker cells are higher.", labels.join(", "));
    let mut out = open_root(width, height, title, &desc);
    out.push_str(&body);
    Ok(close_root(out))
}

/// A stepped colour bar from 0 to 1 with ticks, and a "no value" swatch when some cells have none.
fn legend(left: f64, top: f64, with_missing: bool) -> String {
    let mut out = String::from(r#"<g class="legend">"#);
    let step = LEGEND_WIDTH / LEGEND_STEPS as f64;
    for i in 0..LEGEND_STEPS {
        let v = (i as f64 + 0.5) / LEGEND_STEPS as f64;
        let _ = write!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="12" fill="{}"/>"#,
            num(left + i as f64 * step),
            num(top),
            num(step + 0.3),
            sequential(v)
        );
    }
    let _ = write!(
        out,
        r#"<rect x="{}" y="{}" width="{LEGEND_WIDTH}" height="12" fill="none" stroke="{FAINT}"/>"#,
        num(left),
        num(top)
    );
    for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let x = left + tick * LEGEND_WIDTH;
        let _ = write!(
            out,
            r#"<line x1="{x}" x2="{x}" y1="{}" y2="{}" stroke="{INK}"/><text x="{x}" y="{}" text-anchor="middle" font-size="11">{}</text>"#,
            num(top + 12.0),
            num(top + 16.0),
            num(top + 28.0),
            num(tick),
            x = num(x)
        );
    }
    if with_missing {
        let x = left + LEGEND_WIDTH + 20.0;
        let _ = write!(
            out,
            r#"<rect x="{}" y="{}" width="12" height="12" fill="{NEUTRAL}"/><text x="{}" y="{}" font-size="11">no value</text>"#,
            num(x),
            num(top),
            num(x + 16.0),
            num(top + 10.0)
        );
    }
    out.push_str("</g>");
    out
}
