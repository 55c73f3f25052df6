//! The world's country shapes, decoded, projected and turned into SVG path data once per process.

use crate::antimeridian;
use crate::microstates::MICROSTATES;
use crate::projection::natural_earth;
use crate::topo::{self, Feature, Point, Polygon};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::OnceLock;

/// Width of the map's drawing in SVG user units; the height follows from the data.
pub(crate) const MAP_WIDTH: f64 = 960.0;
const PAD: f64 = 4.0;
/// A drawn country whose bounding box is smaller than this (in user units) also gets a marker.
const TINY: f64 = 5.0;
/// Points closer than this to the previous kept point are dropped: invisible, and a third of the bytes.
const MIN_STEP: f64 = 0.5;

const COUNTRIES_110M: &str = include_str!("../data/countries-110m.json");

/// One country of the base map.
#[derive(Debug)]
pub(crate) struct CountryShape {
    /// ISO 3166-1 alpha-2, or `None` for a territory without one (Northern Cyprus, Somaliland).
    pub code: Option<&'static str>,
    pub name: String,
    pub d: String,
    /// Centre of its largest part, where a marker goes when the shape is tiny.
    pub centre: (f64, f64),
    pub tiny: bool,
}

/// The projected world: every shape, the height of the drawing and where microstates go.
#[derive(Debug)]
pub(crate) struct World {
    pub height: f64,
    pub countries: Vec<CountryShape>,
    by_code: BTreeMap<&'static str, usize>,
    microstates: BTreeMap<&'static str, (&'static str, (f64, f64))>,
}

impl World {
    /// The shape of the country with alpha-2 `code`.
    pub fn country(&self, code: &str) -> Option<&CountryShape> {
        self.by_code.get(code).map(|&i| &self.countries[i])
    }

    /// Name and position of a marker for `code`: a tiny shape's centre or a microstate's capital.
    pub fn marker(&self, code: &str) -> Option<(String, (f64, f64))> {
        match self.country(code) {
            Some(shape) if shape.tiny => Some((shape.name.clone(), shape.centre)),
            Some(_) => None,
            None => self.microstates.get(code).map(|&(name, at)| (name.to_owned(), at)),
        }
    }
}

/// The world, built on first use.
pub(crate) fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        // The file is embedded and a unit test decodes it, so failure here is a build defect, not input.
        let features = topo::decode(COUNTRIES_110M, "countries").expect("embedded countries-110m.json decodes");
        build(features)
    })
}

fn build(features: Vec<Feature>) -> World {
    // Antarctica has no state and would take a fifth of the height; nothing in the atlas is placed there.
    let features: Vec<(Option<&'static str>, Feature)> =
        features.into_iter().filter(|f| f.id.as_deref() != Some("010")).map(|f| (alpha2(&f), f)).collect();
    let projected: Vec<Vec<Polygon>> = features
        .iter()
        .map(|(_, f)| {
            // Rings are cut independently: holes still pair with their exterior under the even-odd rule.
            let cut: Vec<Polygon> = f.polygons.iter().map(|p| p.iter().flat_map(antimeridian::cut).collect()).collect();
            map_points(&cut, |(lon, lat)| natural_earth(lon, lat))
        })
        .collect();
    let (x_max, _) = natural_earth(180.0, 0.0);
    let all = projected.iter().flatten().flatten().flatten();
    let (y_min, y_max) = all.fold((f64::MAX, f64::MIN), |(lo, hi), &(_, y)| (lo.min(y), hi.max(y)));
    let scale = (MAP_WIDTH - 2.0 * PAD) / (2.0 * x_max);
    let to_px = |(x, y): (f64, f64)| (MAP_WIDTH / 2.0 + x * scale, PAD + (y_max - y) * scale);
    let height = 2.0 * PAD + (y_max - y_min) * scale;

    let mut countries = Vec::new();
    let mut by_code = BTreeMap::new();
    for ((code, feature), polygons) in features.into_iter().zip(projected) {
        let px = map_points(&polygons, to_px);
        let (lo, hi) = bounds(px.iter().flatten().flatten());
        let tiny = (hi.0 - lo.0).max(hi.1 - lo.1) < TINY;
        let largest = px.iter().filter_map(|p| p.first()).max_by(|a, b| area(a).abs().total_cmp(&area(b).abs()));
        let centre = largest.map_or(((lo.0 + hi.0) / 2.0, (lo.1 + hi.1) / 2.0), |ring| centroid(ring));
        if let Some(code) = code {
            by_code.entry(code).or_insert(countries.len());
        }
        countries.push(CountryShape { code, name: feature.name, d: path_data(&px), centre, tiny });
    }
    let microstates = MICROSTATES
        .iter()
        .filter(|(code, ..)| !by_code.contains_key(code))
        .map(|&(code, name, lon, lat)| (code, (name, to_px(natural_earth(lon, lat)))))
        .collect();
    World { height, countries, by_code, microstates }
}

/// Applies `f` to every point of `polygons`.
fn map_points(polygons: &[Polygon], f: impl Fn(Point) -> Point) -> Vec<Polygon> {
    polygons.iter().map(|p| p.iter().map(|r| r.iter().map(|&q| f(q)).collect()).collect()).collect()
}

/// The alpha-2 code of a feature: from its ISO numeric id, or by name for the few without one.
fn alpha2(feature: &Feature) -> Option<&'static str> {
    match feature.id.as_deref() {
        Some(id) => celes::Country::from_code(id).ok().map(|c| c.alpha2),
        // Kosovo has the user-assigned code XK by common convention; Northern Cyprus and Somaliland are
        // not states with a code and stay unfilled.
        None if feature.name == "Kosovo" => Some("XK"),
        None => None,
    }
}

/// SVG path data: each ring absolute at its start, then relative steps in tenths of a unit.
fn path_data(polygons: &[Polygon]) -> String {
    let mut d = String::new();
    for ring in polygons.iter().flatten() {
        let tenths = |(x, y): (f64, f64)| ((x * 10.0).round() as i64, (y * 10.0).round() as i64);
        let Some(&first) = ring.first() else { continue };
        let mut last = tenths(first);
        let _ = write!(d, "M{} {}l", tenth(last.0), tenth(last.1));
        let mut steps = 0;
        for &point in &ring[1..] {
            let p = tenths(point);
            let (dx, dy) = (p.0 - last.0, p.1 - last.1);
            if ((dx * dx + dy * dy) as f64).sqrt() < MIN_STEP * 10.0 {
                continue;
            }
            let x = if steps > 0 { signed(dx) } else { tenth(dx) };
            let _ = write!(d, "{x}{}", signed(dy));
            last = p;
            steps += 1;
        }
        if steps == 0 {
            // A ring smaller than a step: keep a dot so the country still exists in the drawing.
            d.push_str("0 0");
        }
        d.push('z');
    }
    d
}

/// A number of tenths as a short decimal: 12 -> "1.2", -3 -> "-.3", 20 -> "2".
fn tenth(t: i64) -> String {
    let (sign, t) = if t < 0 { ("-", -t) } else { ("", t) };
    match (t / 10, t % 10) {
        (0, 0) => "0".to_owned(),
        (0, f) => format!("{sign}.{f}"),
        (i, 0) => format!("{sign}{i}"),
        (i, f) => format!("{sign}{i}.{f}"),
    }
}

/// `tenth`, with a separating space unless a minus sign already separates it from the previous number.
fn signed(t: i64) -> String {
    let s = tenth(t);
    if t < 0 { s } else { format!(" {s}") }
}

fn bounds<'a>(points: impl Iterator<Item = &'a (f64, f64)>) -> ((f64, f64), (f64, f64)) {
    points.fold(((f64::MAX, f64::MAX), (f64::MIN, f64::MIN)), |(lo, hi), &(x, y)| {
        ((lo.0.min(x), lo.1.min(y)), (hi.0.max(x), hi.1.max(y)))
    })
}

/// Signed area of a closed ring (shoelace formula).
fn area(ring: &[(f64, f64)]) -> f64 {
    ring.windows(2).map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1).sum::<f64>() / 2.0
}

/// Area centroid of a closed ring; the mean of its points when it is degenerate.
fn centroid(ring: &[(f64, f64)]) -> (f64, f64) {
    let a = area(ring);
    if a.abs() < 1e-9 {
        let n = ring.len().max(1) as f64;
        return (ring.iter().map(|p| p.0).sum::<f64>() / n, ring.iter().map(|p| p.1).sum::<f64>() / n);
    }
    let (cx, cy) = ring.windows(2).fold((0.0, 0.0), |(cx, cy), w| {
        let cross = w[0].0 * w[1].1 - w[1].0 * w[0].1;
        (cx + (w[0].0 + w[1].0) * cross, cy + (w[0].1 + w[1].1) * cross)
    });
    (cx / (6.0 * a), cy / (6.0 * a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_every_state_with_a_code() {
        let world = world();
        assert!(world.countries.len() > 170, "{}", world.countries.len());
        for code in ["FR", "US", "JP", "BR", "XK", "TW", "PS", "ZA"] {
            assert!(world.country(code).is_some(), "{code} has a shape");
        }
        assert!(world.country("AQ").is_none(), "Antarctica is left out");
        let unnamed: Vec<&str> = world.countries.iter().filter(|c| c.code.is_none()).map(|c| c.name.as_str()).collect();
        assert_eq!(unnamed, ["N. Cyprus", "Somaliland"]);
        assert!(world.height > 350.0 && world.height < MAP_WIDTH / 2.0, "height {}", world.height);
    }

    #[test]
    fn shapes_fall_where_their_countries_are() {
        let world = world();
        let centre = |code| world.country(code).map(|c| c.centre).unwrap_or_default();
        let (fr, us, jp, br) = (centre("FR"), centre("US"), centre("JP"), centre("BR"));
        assert!(us.0 < fr.0 && fr.0 < jp.0, "west to east");
        assert!(br.1 > fr.1 && br.1 > us.1, "Brazil is south");
        assert!(world.country("LU").is_some_and(|c| c.tiny), "Luxembourg is too small to see");
        assert!(world.country("FR").is_some_and(|c| !c.tiny));
    }

    #[test]
    fn microstates_have_markers_and_large_states_do_not() {
        let world = world();
        let (name, (x, y)) = world.marker("SG").expect("Singapore");
        assert_eq!(name, "Singapore");
        let my = world.country("MY").map(|c| c.centre).unwrap_or_default();
        assert!((x - my.0).abs() < 30.0 && (y - my.1).abs() < 30.0, "Singapore near Malaysia");
        assert!(world.marker("MT").is_some() && world.marker("LU").is_some());
        assert!(world.marker("FR").is_none() && world.marker("ZZ").is_none());
    }

    #[test]
    fn path_data_is_compact_and_relative() {
        assert_eq!(tenth(12), "1.2");
        assert_eq!(tenth(-3), "-.3");
        assert_eq!(tenth(-20), "-2");
        let d = path_data(&[vec![vec![(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (1.05, 1.0), (0.0, 0.0)]]]);
        assert_eq!(d, "M0 0l1 0 0 1-1-1z");
    }

    #[test]
    fn every_state_can_be_drawn() {
        // Dependent territories (and Antarctica) may be left out; anything else must have a shape or marker.
        const TERRITORIES: &[&str] = &[
            "AX", "AS", "AI", "AQ", "AW", "SH", "BM", "BQ", "BV", "IO", "VG", "CX", "CW", "SX", "GF", "MF", "PF", "GI",
            "GP", "GU", "GG", "HM", "IM", "JE", "MQ", "YT", "MS", "NF", "PN", "RE", "BL", "PM", "GS", "SJ", "KY", "CC",
            "FO", "MP", "TC", "UM", "TK", "VI", "WF",
        ];
        let world = world();
        let missing: Vec<&str> = celes::Country::get_countries()
            .iter()
            .map(|c| c.alpha2)
            .filter(|code| !TERRITORIES.contains(code))
            .filter(|code| world.country(code).is_none() && world.marker(code).is_none())
            .collect();
        assert!(missing.is_empty(), "no shape or marker for {missing:?}");
    }
}
