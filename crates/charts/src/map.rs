//! A choropleth world map: each state filled with its category's colour and texture.

use crate::palette::{Category, NEUTRAL, marker_path};
use crate::shapes::{MAP_WIDTH, world};
use crate::svg::{INK, close_root, escape, id_prefix, num, open_root, text_width};
use std::collections::BTreeMap;
use std::fmt::Write;

/// One line of the map's legend: what a category means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegendEntry {
    pub category: Category,
    pub label: String,
}

const LEGEND_ROW: f64 = 22.0;
const SWATCH: f64 = 14.0;

/// Draws the world with each listed state (ISO 3166-1 alpha-2, any case) in its category and every
/// other state in [`NEUTRAL`] grey. States too small to see get a marker; codes that cannot be placed
/// at all are named in a note under the legend, never dropped silently. The first entry for a code wins.
pub fn world_map(regions: &[(&str, Category)], legend: &[LegendEntry], title: &str) -> String {
    let world = world();
    let mut category_of: BTreeMap<String, Category> = BTreeMap::new();
    for &(code, category) in regions {
        category_of.entry(code.trim().to_ascii_uppercase()).or_insert(category);
    }
    let label = |category: Category| {
        legend
            .iter()
            .find(|e| e.category == category)
            .map_or_else(|| format!("category {}", category.index() + 1), |e| e.label.clone())
    };
    let prefix = id_prefix("map", &[title, &format!("{regions:?}")]);
    let fill = |category: Category| format!("url(#{prefix}-c{})", category.index());

    let mut body = String::new();
    body.push_str("<defs>");
    let mut used: Vec<Category> = category_of.values().copied().chain(legend.iter().map(|e| e.category)).collect();
    used.sort();
    used.dedup();
    for &category in &used {
        body.push_str(&category.pattern(&format!("{prefix}-c{}", category.index())));
    }
    body.push_str("</defs>");

    body.push_str(r##"<g class="countries" stroke="#ffffff" stroke-width="0.5" stroke-linejoin="round">"##);
    for shape in &world.countries {
        let category = shape.code.and_then(|code| category_of.get(code).copied());
        let (fill, status) = match category {
            Some(c) => (fill(c), label(c)),
            None => (NEUTRAL.to_owned(), "not listed".to_owned()),
        };
        let code_attr = shape.code.map(|c| format!(r#" data-code="{c}""#)).unwrap_or_default();
        let _ = write!(
            body,
            r#"<path{code_attr} fill="{fill}" fill-rule="evenodd" d="{}"><title>{}: {}</title></path>"#,
            shape.d,
            escape(&shape.name),
            escape(&status)
        );
    }
    body.push_str("</g>");

    let mut unplaced = Vec::new();
    body.push_str(&format!(r#"<g class="markers" stroke="{INK}" stroke-width="0.8">"#));
    for (code, &category) in &category_of {
        if world.country(code).is_some_and(|shape| !shape.tiny) {
            continue;
        }
        let Some((name, (x, y))) = world.marker(code) else {
            unplaced.push(format!("{code} ({})", label(category)));
            continue;
        };
        // A solid colour: a texture does not show at this size, and the marker's outline sets it apart.
        let _ = write!(
            body,
            r#"<path class="marker" data-code="{code}" fill="{}" d="{}"><title>{}: {}</title></path>"#,
            category.colour(),
            marker_path(0, x, y, 3.5),
            escape(&name),
            escape(&label(category))
        );
    }
    body.push_str("</g>");

    let counts = |category: Category| category_of.values().filter(|&&c| c == category).count();
    let mut items: Vec<(String, String)> =
        legend.iter().map(|e| (fill(e.category), format!("{} ({})", e.label, counts(e.category)))).collect();
    items.push((NEUTRAL.to_owned(), "Not listed".to_owned()));
    let (legend_svg, legend_height) = legend_rows(&items, world.height + 8.0);
    body.push_str(&legend_svg);
    let mut height = world.height + 8.0 + legend_height;
    if !unplaced.is_empty() {
        let note = format!("Not shown on the map: {}", unplaced.join(", "));
        let _ = write!(
            body,
            r#"<text class="note" x="4" y="{}" font-size="11">{}</text>"#,
            num(height + 12.0),
            escape(&note)
        );
        height += 20.0;
    }

    let summary: Vec<String> = legend.iter().map(|e| format!("{}: {}", e.label, counts(e.category))).collect();
    let desc = format!("World map of {} states by category. {}.", category_of.len(), summary.join("; "));
    let mut out = open_root(MAP_WIDTH, height, title, &desc);
    out.push_str(&body);
    close_root(out)
}

/// Legend swatches laid out left to right, wrapping to new rows; returns the markup and its height.
fn legend_rows(items: &[(String, String)], top: f64) -> (String, f64) {
    let mut out = String::from(r#"<g class="legend">"#);
    let (mut x, mut y) = (4.0, top);
    for (fill, text) in items {
        let width = SWATCH + 6.0 + text_width(text, 12.0) + 18.0;
        if x + width > MAP_WIDTH && x > 4.0 {
            x = 4.0;
            y += LEGEND_ROW;
        }
        let _ = write!(
            out,
            r#"<rect x="{}" y="{}" width="{SWATCH}" height="{SWATCH}" fill="{fill}" stroke="{INK}" stroke-width="0.5"/><text x="{}" y="{}">{}</text>"#,
            num(x),
            num(y),
            num(x + SWATCH + 6.0),
            num(y + 11.0),
            escape(text)
        );
        x += width;
    }
    out.push_str("</g>");
    (out, y - top + LEGEND_ROW)
}
