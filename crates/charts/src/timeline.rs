//! Events along a time axis, each with a marker and a label that never overlaps another.

use crate::date::{days_from_civil, first_day};
use crate::error::ChartError;
use crate::palette::{OKABE_ITO, marker_path};
use crate::svg::{FAINT, INK, close_root, escape, num, open_root, text_width, truncate};
use std::fmt::Write;

/// One dated event; `kind` picks its colour and marker shape, `href` makes it a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEvent {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a partial date is placed at the start of its period.
    pub date: String,
    pub label: String,
    pub kind: String,
    pub href: Option<String>,
}

const WIDTH: f64 = 900.0;
const LEFT: f64 = 24.0;
const RIGHT: f64 = 24.0;
const AXIS: f64 = 34.0;
const LANE: f64 = 20.0;
const FONT: f64 = 12.0;
const LABEL_CHARS: usize = 44;
const MARKER: f64 = 5.0;
/// Vertical distance between stacked markers.
const STACK: f64 = 12.0;

/// Draws `events` in date order along a horizontal axis with year ticks. Labels sit in rows under the
/// axis, each joined to its marker by a leader line, in the first row where it overlaps nothing.
pub fn timeline(events: &[TimelineEvent], title: &str) -> Result<String, ChartError> {
    let mut dated = Vec::with_capacity(events.len());
    for (index, event) in events.iter().enumerate() {
        let day = first_day(&event.date).ok_or_else(|| ChartError::InvalidDate {
            index,
            label: event.label.clone(),
            date: event.date.clone(),
        })?;
        dated.push((day, event));
    }
    // Stable: events on the same day keep the caller's order.
    dated.sort_by_key(|(day, _)| *day);
    let mut kinds: Vec<&str> = Vec::new();
    for (_, event) in &dated {
        if !kinds.contains(&event.kind.as_str()) {
            kinds.push(&event.kind);
        }
    }

    let year = |day: i64| first_year_on_or_before(day);
    let (first_year, last_year) = match (dated.first(), dated.last()) {
        (Some((first, _)), Some((last, _))) => (year(*first), year(*last)),
        _ => (0, 0),
    };
    let start = days_from_civil(first_year, 1, 1);
    let end = days_from_civil(last_year + 1, 1, 1);
    let plot = WIDTH - LEFT - RIGHT;
    let x_of = |day: i64| LEFT + (day - start) as f64 / (end - start) as f64 * plot;

    let mut body = format!(
        r#"<g class="axis" font-size="11"><line x1="{LEFT}" x2="{}" y1="{AXIS}" y2="{AXIS}" stroke="{INK}" stroke-width="1.5"/>"#,
        num(WIDTH - RIGHT)
    );
    if !dated.is_empty() {
        let years = last_year - first_year + 1;
        let step =
            [1, 2, 5, 10, 20, 50, 100].into_iter().find(|s| plot / years as f64 * *s as f64 >= 40.0).unwrap_or(100);
        for y in (first_year..=last_year + 1).filter(|y| y % step == 0 || *y == first_year) {
            let x = num(x_of(days_from_civil(y, 1, 1)));
            let _ = write!(
                body,
                r#"<line x1="{x}" x2="{x}" y1="{}" y2="{}" stroke="{INK}"/>"#,
                num(AXIS - 5.0),
                num(AXIS + 5.0)
            );
            // The closing year only marks the end of the axis; its label would fall off the edge.
            if y <= last_year {
                let _ = write!(body, r#"<text x="{x}" y="{}" text-anchor="middle">{y}</text>"#, num(AXIS - 10.0));
            }
        }
    }
    body.push_str("</g>");

    // Markers of events closer than a marker's width stack downwards instead of hiding one another.
    let mut level_ends: Vec<f64> = Vec::new();
    let levels: Vec<usize> = dated
        .iter()
        .map(|(day, _)| {
            let x = x_of(*day);
            first_free(&mut level_ends, x - MARKER, x + MARKER, 1.0)
        })
        .collect();
    let lanes_top = AXIS + 26.0 + level_ends.len().saturating_sub(1) as f64 * STACK;
    let mut lane_ends: Vec<f64> = Vec::new();
    // Leaders go in a layer of their own beneath every label, so no line is drawn over text.
    let mut leaders = format!(r#"<g class="leaders" stroke="{FAINT}" aria-hidden="true">"#);
    let mut events_svg = String::from(r#"<g class="events">"#);
    for ((day, event), level) in dated.iter().zip(levels) {
        let x = x_of(*day);
        let marker_y = AXIS + level as f64 * STACK;
        let kind = kinds.iter().position(|k| *k == event.kind).unwrap_or(0);
        let colour = OKABE_ITO[kind % OKABE_ITO.len()];
        let label = truncate(&event.label, LABEL_CHARS);
        let date_text = event.date.trim();
        let width = text_width(date_text, 11.0) + 6.0 + text_width(&label, FONT);
        // Labels start at their marker, or end there when they would run off the right edge.
        let anchor_end = x + width > WIDTH - RIGHT;
        let (from, to) = if anchor_end { (x - width, x) } else { (x, x + width) };
        let lane = first_free(&mut lane_ends, from, to, 10.0);
        let y = lanes_top + lane as f64 * LANE;
        let full = format!("{date_text}: {} ({})", event.label, event.kind);
        let link = event.href.as_deref().filter(|h| safe_href(h));
        let _ = write!(
            leaders,
            r#"<line x1="{x}" x2="{x}" y1="{}" y2="{}"/>"#,
            num(AXIS + MARKER),
            num(y - 12.0),
            x = num(x)
        );
        if let Some(href) = link {
            let _ = write!(events_svg, r#"<a href="{}">"#, escape(href));
        }
        let _ = write!(
            events_svg,
            r##"<g class="event" data-date="{date}"><title>{title}</title><path class="marker" d="{}" fill="{colour}" stroke="{INK}" stroke-width="0.8"><title>{title}</title></path><text x="{x}" y="{}" text-anchor="{}" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"><tspan fill="#666666" font-size="11">{date}</tspan> {}</text></g>"##,
            marker_path(kind, x, marker_y, MARKER),
            num(y),
            if anchor_end { "end" } else { "start" },
            escape(&label),
            date = escape(date_text),
            title = escape(&full),
            x = num(x)
        );
        if link.is_some() {
            events_svg.push_str("</a>");
        }
    }
    leaders.push_str("</g>");
    events_svg.push_str("</g>");
    body.push_str(&leaders);
    body.push_str(&events_svg);

    let legend_top = lanes_top + lane_ends.len().max(1) as f64 * LANE + 6.0;
    let (legend, legend_height) = legend(&kinds, legend_top);
    body.push_str(&legend);
    let height = legend_top + legend_height;
    let desc = match (dated.first(), dated.last()) {
        (Some((_, first)), Some((_, last))) => {
            format!("Timeline of {} events from {} to {}.", dated.len(), first.date.trim(), last.date.trim())
        }
        _ => "Timeline with no events.".to_owned(),
    };
    let mut out = open_root(WIDTH, height, title, &desc);
    out.push_str(&body);
    Ok(close_root(out))
}

/// The first row whose last item ends at least `gap` before `from`, a new row if none; records `to` as
/// that row's end. Items arrive left to right, so one end per row is all the state needed.
fn first_free(ends: &mut Vec<f64>, from: f64, to: f64, gap: f64) -> usize {
    let row = ends.iter().position(|&end| end + gap <= from).unwrap_or_else(|| {
        ends.push(f64::MIN);
        ends.len() - 1
    });
    ends[row] = to;
    row
}

/// The year containing `day`.
fn first_year_on_or_before(day: i64) -> i64 {
    // Estimate from the mean year length, then correct by at most one year either way.
    let mut year = 1970 + (day as f64 / 365.2425).floor() as i64;
    while days_from_civil(year, 1, 1) > day {
        year -= 1;
    }
    while days_from_civil(year + 1, 1, 1) <= day {
        year += 1;
    }
    year
}

/// Links go to web pages or within the site only: an embedded SVG must not carry `javascript:` URLs.
fn safe_href(href: &str) -> bool {
    let href = href.trim();
    match href.find(':') {
        Some(colon) if !href[..colon].contains(['/', '?', '#']) => {
            let scheme = href[..colon].to_ascii_lowercase();
            scheme == "http" || scheme == "https"
        }
        _ => true,
    }
}

fn legend(kinds: &[&str], top: f64) -> (String, f64) {
    let mut out = String::from(r#"<g class="legend">"#);
    let (mut x, mut y) = (LEFT, top + 8.0);
    for (i, kind) in kinds.iter().enumerate() {
        let width = 18.0 + text_width(kind, FONT) + 20.0;
        if x + width > WIDTH && x > LEFT {
            x = LEFT;
            y += 20.0;
        }
        let _ = write!(
            out,
            r#"<path d="{}" fill="{}" stroke="{INK}" stroke-width="0.8"/><text x="{}" y="{}" dominant-baseline="central">{}</text>"#,
            marker_path(i, x + 6.0, y, MARKER),
            OKABE_ITO[i % OKABE_ITO.len()],
            num(x + 16.0),
            num(y),
            escape(kind)
        );
        x += width;
    }
    out.push_str("</g>");
    (out, y - top + 18.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_of_days() {
        assert_eq!(first_year_on_or_before(0), 1970);
        assert_eq!(first_year_on_or_before(-1), 1969);
        assert_eq!(first_year_on_or_before(days_from_civil(2024, 12, 31)), 2024);
        assert_eq!(first_year_on_or_before(days_from_civil(2025, 1, 1)), 2025);
    }

    #[test]
    fn only_web_and_site_links_survive() {
        assert!(safe_href("https://example.org/a"));
        assert!(safe_href("/instruments/eu-ai-act"));
        assert!(safe_href("#top"));
        assert!(safe_href("?as_of=2024:01"));
        assert!(!safe_href("javascript:alert(1)"));
        assert!(!safe_href(" JavaScript:alert(1)"));
        assert!(!safe_href("data:text/html,x"));
    }
}
