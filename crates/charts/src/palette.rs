//! Colours, fill patterns and marker shapes chosen to stay distinguishable with colour-vision deficiency.

use crate::svg::num;

/// The Okabe-Ito palette without black (which would hide outlines and text): eight colours chosen by
/// Okabe and Ito to remain distinct under the common forms of colour blindness.
pub const OKABE_ITO: [&str; 7] = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"];

/// Fill of countries and cells without a category or value.
pub const NEUTRAL: &str = "#d9d9d9";

/// A category of the world map: an index into [`OKABE_ITO`] paired with a fill pattern, so the category
/// can be told apart by texture as well as hue (greyscale print, monochromacy).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Category(u8);

impl Category {
    /// How many categories there are; each has its own colour and pattern.
    pub const COUNT: usize = OKABE_ITO.len();

    /// The category with this index, if it is below [`Category::COUNT`].
    pub fn new(index: usize) -> Option<Self> {
        (index < Self::COUNT).then_some(Self(index as u8))
    }

    /// Every category, in index order.
    pub fn all() -> impl Iterator<Item = Self> {
        (0..Self::COUNT as u8).map(Self)
    }

    /// The index of this category.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// The category's base colour (a `#RRGGBB` string).
    pub fn colour(self) -> &'static str {
        OKABE_ITO[self.index()]
    }

    /// The `<pattern>` element filling areas of this category: its colour with a texture on top.
    pub(crate) fn pattern(self, id: &str) -> String {
        let colour = self.colour();
        // Texture in black or white, whichever contrasts with the base colour.
        let ink = if luminance(colour) > 0.35 { "#000000" } else { "#ffffff" };
        let lines = |d: &str| format!(r#"<path d="{d}" stroke="{ink}" stroke-opacity="0.45" stroke-width="1.2"/>"#);
        // Diagonal textures are straight lines in a rotated pattern space, which tiles seamlessly.
        let (marks, rotation) = match self.0 {
            0 => (String::new(), None),
            1 => (lines("M0 0V6"), Some(45)),
            2 => (format!(r#"<circle cx="3" cy="3" r="1.1" fill="{ink}" fill-opacity="0.5"/>"#), None),
            3 => (lines("M0 3H6"), None),
            4 => (lines("M0 0V6M0 0H6"), Some(45)),
            5 => (lines("M0 0V6"), Some(-45)),
            _ => (lines("M3 0V6"), None),
        };
        let transform = rotation.map(|deg| format!(r#" patternTransform="rotate({deg})""#)).unwrap_or_default();
        format!(
            r#"<pattern id="{id}" width="6" height="6" patternUnits="userSpaceOnUse"{transform}><rect width="6" height="6" fill="{colour}"/>{marks}</pattern>"#
        )
    }
}

/// Relative luminance of a `#RRGGBB` colour, in [0, 1] (WCAG definition, without gamma for brevity).
pub(crate) fn luminance(hex: &str) -> f64 {
    let (r, g, b) = rgb(hex);
    (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255.0
}

fn rgb(hex: &str) -> (f64, f64, f64) {
    let channel = |i: usize| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()).map_or(0.0, f64::from);
    (channel(1), channel(3), channel(5))
}

/// Stops of the sequential scale: one hue (blue) from nearly white to dark, monotonic in lightness so
/// order reads correctly without hue discrimination.
const SEQUENTIAL: [(f64, [f64; 3]); 3] =
    [(0.0, [242.0, 247.0, 252.0]), (0.5, [110.0, 163.0, 208.0]), (1.0, [9.0, 48.0, 107.0])];

/// The colour of `value` (clamped to [0, 1]) on the sequential scale; [`NEUTRAL`] for NaN.
pub fn sequential(value: f64) -> String {
    if value.is_nan() {
        return NEUTRAL.to_owned();
    }
    let v = value.clamp(0.0, 1.0);
    let upper = SEQUENTIAL.iter().position(|(stop, _)| *stop >= v).unwrap_or(SEQUENTIAL.len() - 1).max(1);
    let (s0, c0) = SEQUENTIAL[upper - 1];
    let (s1, c1) = SEQUENTIAL[upper];
    let t = (v - s0) / (s1 - s0);
    let mix = |i: usize| (c0[i] + (c1[i] - c0[i]) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(0), mix(1), mix(2))
}

/// Text colour readable on top of `background`.
pub(crate) fn text_on(background: &str) -> &'static str {
    if luminance(background) > 0.5 { "#1a1a1a" } else { "#ffffff" }
}

/// Path data of marker shape `index` (circle, square, diamond, triangles, ...) centred on (x, y):
/// series and kinds differ by shape as well as colour.
pub(crate) fn marker_path(index: usize, x: f64, y: f64, r: f64) -> String {
    let p = |dx: f64, dy: f64| format!("{} {}", num(x + dx * r), num(y + dy * r));
    match index % 6 {
        0 => format!("M{}a{r} {r} 0 1 0 {d} 0a{r} {r} 0 1 0 -{d} 0Z", p(-1.0, 0.0), r = num(r), d = num(2.0 * r)),
        1 => format!("M{}L{}L{}L{}Z", p(-0.85, -0.85), p(0.85, -0.85), p(0.85, 0.85), p(-0.85, 0.85)),
        2 => format!("M{}L{}L{}L{}Z", p(0.0, -1.2), p(1.2, 0.0), p(0.0, 1.2), p(-1.2, 0.0)),
        3 => format!("M{}L{}L{}Z", p(0.0, -1.15), p(1.1, 0.85), p(-1.1, 0.85)),
        4 => format!("M{}L{}L{}Z", p(0.0, 1.15), p(1.1, -0.85), p(-1.1, -0.85)),
        _ => format!(
            "M{}L{}L{}L{}L{}L{}L{}L{}L{}L{}L{}L{}Z",
            p(-0.35, -1.0),
            p(0.35, -1.0),
            p(0.35, -0.35),
            p(1.0, -0.35),
            p(1.0, 0.35),
            p(0.35, 0.35),
            p(0.35, 1.0),
            p(-0.35, 1.0),
            p(-0.35, 0.35),
            p(-1.0, 0.35),
            p(-1.0, -0.35),
            p(-0.35, -0.35)
        ),
    }
}

/// Stroke dash pattern of series `index`: lines differ by dash as well as colour and marker.
pub(crate) fn dash(index: usize) -> &'static str {
    ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4"][index % 6]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequential_scale_runs_from_light_to_dark() {
        assert_eq!(sequential(0.0), "#f2f7fc");
        assert_eq!(sequential(1.0), "#09306b");
        assert_eq!(sequential(2.0), sequential(1.0));
        let lum: Vec<f64> = (0..=10).map(|i| luminance(&sequential(f64::from(i) / 10.0))).collect();
        assert!(lum.windows(2).all(|w| w[0] > w[1]), "{lum:?}");
        assert_eq!(sequential(f64::NAN), NEUTRAL);
    }

    #[test]
    fn categories_are_bounded() {
        assert!(Category::new(Category::COUNT).is_none());
        assert_eq!(Category::all().count(), Category::COUNT);
        assert_eq!(Category::new(4).map(Category::colour), Some("#0072B2"));
    }

    #[test]
    fn text_contrasts_with_background() {
        assert_eq!(text_on("#ffffff"), "#1a1a1a");
        assert_eq!(text_on("#09306b"), "#ffffff");
    }
}
