//! A line chart over labelled x positions (dates, years), one line per series.

use crate::date::first_day;
use crate::palette::{OKABE_ITO, dash, marker_path};
use crate::svg::{FAINT, INK, close_root, escape, num, open_root, text_width};
use std::fmt::Write;

/// One line: its label and its points as (x label, value).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    pub points: Vec<(String, f64)>,
}

const WIDTH: f64 = 720.0;
const PLOT_HEIGHT: f64 = 280.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 14.0;
const MARKER: f64 = 3.5;

/// Draws each series as a line with a marker per point (colour, dash and marker shape all differ by
/// series), on axes with ticks, with `y_label` on the vertical axis and a legend underneath.
///
/// The x axis lists every x label once, evenly spaced: in date order when every label is a date (`YYYY`,
/// `YYYY-MM` or `YYYY-MM-DD`), otherwise in the order the series give them, a label first met in a later
/// series going right after the label that precedes it there. Points outside `y_range` are drawn at its
/// edge (their `<title>` keeps the value); non-finite values are skipped. An empty or inverted range
/// falls back to the data's own range.
pub fn line_chart(series: &[Series], y_label: &str, y_range: (f64, f64), title: &str) -> String {
    let xs = x_categories(series);
    let (lo, hi) = y_bounds(series, y_range);
    // The last x label is centred on the right end of the axis: leave room for its half.
    let right = RIGHT.max(xs.last().map_or(0.0, |x| text_width(x, 11.0) / 2.0 + 4.0));
    let plot_width = WIDTH - LEFT - right;
    let spacing = if xs.len() > 1 { plot_width / (xs.len() - 1) as f64 } else { 0.0 };
    let x_of = |label: &str| {
        let i = xs.iter().position(|x| x == label).unwrap_or(0);
        if xs.len() > 1 { LEFT + i as f64 * spacing } else { LEFT + plot_width / 2.0 }
    };
    let y_of = |v: f64| TOP + PLOT_HEIGHT - (v.clamp(lo, hi) - lo) / (hi - lo) * PLOT_HEIGHT;
    let bottom = TOP + PLOT_HEIGHT;

    let mut body = String::from(r#"<g class="axes" font-size="11">"#);
    for tick in ticks(lo, hi) {
        let y = num(y_of(tick));
        let _ = write!(
            body,
            r#"<line x1="{LEFT}" x2="{}" y1="{y}" y2="{y}" stroke="{FAINT}" stroke-width="0.6"/><text x="{}" y="{y}" text-anchor="end" dominant-baseline="central">{}</text>"#,
            num(WIDTH - right),
            num(LEFT - 6.0),
            num(tick)
        );
    }
    let _ = write!(
        body,
        r#"<path d="M{LEFT} {TOP}V{b}H{}" fill="none" stroke="{INK}"/>"#,
        num(WIDTH - right),
        b = num(bottom)
    );
    // Show every k-th x label so that labels never overlap; ticks stay on every position.
    let widest = xs.iter().map(|x| text_width(x, 11.0)).fold(0.0, f64::max);
    let every = if spacing > 0.0 { ((widest + 8.0) / spacing).ceil().max(1.0) as usize } else { 1 };
    for (i, x_label) in xs.iter().enumerate() {
        let x = num(x_of(x_label));
        let _ =
            write!(body, r#"<line x1="{x}" x2="{x}" y1="{}" y2="{}" stroke="{INK}"/>"#, num(bottom), num(bottom + 4.0));
        if i % every == 0 {
            let _ = write!(
                body,
                r#"<text x="{x}" y="{}" text-anchor="middle">{}</text>"#,
                num(bottom + 16.0),
                escape(x_label)
            );
        }
    }
    let (cx, cy) = (14.0, TOP + PLOT_HEIGHT / 2.0);
    let _ = write!(
        body,
        r#"<text class="y-label" x="{cx}" y="{cy}" text-anchor="middle" transform="rotate(-90 {cx} {cy})" font-size="12">{}</text></g>"#,
        escape(y_label)
    );

    for (i, s) in series.iter().enumerate() {
        let colour = OKABE_ITO[i % OKABE_ITO.len()];
        let points: Vec<(&str, f64, f64, f64)> =
            s.points.iter().filter(|(_, v)| v.is_finite()).map(|(x, v)| (x.as_str(), *v, x_of(x), y_of(*v))).collect();
        let coords: Vec<String> = points.iter().map(|&(_, _, x, y)| format!("{},{}", num(x), num(y))).collect();
        let dash_attr = match dash(i) {
            "" => String::new(),
            d => format!(r#" stroke-dasharray="{d}""#),
        };
        let _ = write!(
            body,
            r#"<g class="series" data-series="{label}"><polyline points="{}" fill="none" stroke="{colour}" stroke-width="2" stroke-linejoin="round"{dash_attr}/>"#,
            coords.join(" "),
            label = escape(&s.label)
        );
        for (x_label, value, x, y) in points {
            let _ = write!(
                body,
                r##"<path class="marker" d="{}" fill="{colour}" stroke="#ffffff" stroke-width="1"><title>{} – {}: {}</title></path>"##,
                marker_path(i, x, y, MARKER),
                escape(&s.label),
                escape(x_label),
                num(value)
            );
        }
        body.push_str("</g>");
    }

    let (legend, legend_height) = legend(series, bottom + 32.0);
    body.push_str(&legend);
    let height = bottom + 32.0 + legend_height;
    let labels: Vec<&str> = series.iter().map(|s| s.label.as_str()).collect();
    let desc = format!(
        "Line chart of {y_label} from {} to {} for: {}.",
        xs.first().map_or("", String::as_str),
        xs.last().map_or("", String::as_str),
        labels.join(", ")
    );
    let mut out = open_root(WIDTH, height, title, &desc);
    out.push_str(&body);
    close_root(out)
}

/// Every x label once: in date order if all are dates, else merged in the order the series give them.
fn x_categories(series: &[Series]) -> Vec<String> {
    let mut xs = merged_labels(series);
    if xs.iter().all(|x| first_day(x).is_some()) {
        // Stable, so "2024" stays before "2024-01" which starts the same day.
        xs.sort_by_key(|x| first_day(x));
    }
    xs
}

fn merged_labels(series: &[Series]) -> Vec<String> {
    let mut xs: Vec<String> = Vec::new();
    for s in series {
        let mut after: Option<usize> = None;
        for (x, _) in &s.points {
            match xs.iter().position(|known| known == x) {
                Some(i) => after = Some(i),
                None => {
                    let at = after.map_or(0, |i| i + 1);
                    xs.insert(at, x.clone());
                    after = Some(at);
                }
            }
        }
    }
    xs
}

/// The y range to draw: the caller's when it is usable, else the data's, else [0, 1].
fn y_bounds(series: &[Series], (lo, hi): (f64, f64)) -> (f64, f64) {
    if lo.is_finite() && hi.is_finite() && hi > lo {
        return (lo, hi);
    }
    let values = series.iter().flat_map(|s| s.points.iter().map(|p| p.1)).filter(|v| v.is_finite());
    let (min, max) = values.fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
    if max > min {
        (min, max)
    } else if max == min {
        (min - 1.0, min + 1.0)
    } else {
        (0.0, 1.0)
    }
}

/// About five round tick values (steps of 1, 2, 2.5 or 5 times a power of ten) within [lo, hi].
fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    let raw = (hi - lo) / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= raw).unwrap_or(raw);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    (first..=last).map(|k| k as f64 * step).collect()
}

/// One entry per series: a short line in its dash with its marker, and its label; wraps into rows.
fn legend(series: &[Series], top: f64) -> (String, f64) {
    let mut out = String::from(r#"<g class="legend">"#);
    let (mut x, mut y) = (LEFT, top);
    for (i, s) in series.iter().enumerate() {
        let colour = OKABE_ITO[i % OKABE_ITO.len()];
        let width = 30.0 + text_width(&s.label, 12.0) + 20.0;
        if x + width > WIDTH && x > LEFT {
            x = LEFT;
            y += 20.0;
        }
        let dash_attr = match dash(i) {
            "" => String::new(),
            d => format!(r#" stroke-dasharray="{d}""#),
        };
        let _ = write!(
            out,
            r##"<line x1="{}" x2="{}" y1="{y}" y2="{y}" stroke="{colour}" stroke-width="2"{dash_attr}/><path d="{}" fill="{colour}" stroke="#ffffff"/><text x="{}" y="{y}" dominant-baseline="central">{}</text>"##,
            num(x),
            num(x + 24.0),
            marker_path(i, x + 12.0, y, MARKER),
            num(x + 30.0),
            escape(&s.label),
            y = num(y)
        );
        x += width;
    }
    out.push_str("</g>");
    (out, y - top + 20.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(label: &str, xs: &[&str]) -> Series {
        Series { label: label.to_owned(), points: xs.iter().map(|x| ((*x).to_owned(), 1.0)).collect() }
    }

    #[test]
    fn date_labels_are_put_in_date_order() {
        let xs =
            x_categories(&[series("a", &["2019", "2021", "2022"]), series("b", &["2017", "2019-06", "2020", "2023"])]);
        assert_eq!(xs, ["2017", "2019", "2019-06", "2020", "2021", "2022", "2023"]);
    }

    #[test]
    fn other_labels_merge_in_series_order() {
        let xs = x_categories(&[series("a", &["Q1", "Q3", "Q4"]), series("b", &["Q0", "Q1", "Q2"])]);
        assert_eq!(xs, ["Q0", "Q1", "Q2", "Q3", "Q4"]);
    }

    #[test]
    fn ticks_are_round_and_inside() {
        let shown = |lo, hi| ticks(lo, hi).into_iter().map(num).collect::<Vec<_>>();
        assert_eq!(shown(0.0, 1.0), ["0", "0.2", "0.4", "0.6", "0.8", "1"]);
        assert_eq!(shown(0.0, 100.0), ["0", "20", "40", "60", "80", "100"]);
        assert_eq!(shown(3.0, 14.0), ["5", "7.5", "10", "12.5"]);
    }

    #[test]
    fn unusable_ranges_fall_back_to_the_data() {
        assert_eq!(y_bounds(&[series("a", &["x"])], (1.0, 1.0)), (0.0, 2.0));
        assert_eq!(y_bounds(&[], (f64::NAN, 1.0)), (0.0, 1.0));
        assert_eq!(y_bounds(&[], (0.0, 5.0)), (0.0, 5.0));
    }
}
