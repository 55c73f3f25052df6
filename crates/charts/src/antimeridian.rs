//! Cuts rings that cross the antimeridian (Russia's Chukotka, Fiji) into pieces on either side of it.
//!
//! In `world-atlas` such a ring jumps from about +180° to about -180° longitude; drawn as it is, the
//! jump becomes a stripe across the whole map.

use crate::topo::{Point, Ring};

/// `ring` as one or more closed rings within [-180, 180] longitude. A ring that does not cross is returned
/// unchanged; one that circles a pole (its longitudes do not come back to the start) is too, as cutting
/// it would need the pole's edge, and the only such ring (Antarctica) is not drawn.
pub(crate) fn cut(ring: &Ring) -> Vec<Ring> {
    let crosses = ring.windows(2).any(|w| (w[1].0 - w[0].0).abs() > 180.0);
    if !crosses {
        return vec![ring.clone()];
    }
    // Make longitudes continuous, so the ring is one simple shape extending past ±180.
    let mut unwrapped: Ring = Vec::with_capacity(ring.len());
    for &(lon, lat) in ring {
        let lon = match unwrapped.last() {
            Some(&(prev, _)) => lon + 360.0 * ((prev - lon) / 360.0).round(),
            None => lon,
        };
        unwrapped.push((lon, lat));
    }
    if let (Some(first), Some(last)) = (unwrapped.first(), unwrapped.last())
        && (first.0 - last.0).abs() > 1e-9
    {
        return vec![ring.clone()];
    }
    let (lo, hi) = unwrapped.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| (lo.min(p.0), hi.max(p.0)));
    // Each 360° window the ring touches gives one piece, shifted back into [-180, 180].
    let first_window = ((lo + 180.0) / 360.0).floor() as i64;
    let last_window = ((hi + 180.0) / 360.0).floor() as i64;
    (first_window..=last_window)
        .filter_map(|k| {
            let shift = 360.0 * k as f64;
            let piece = clip(&clip(&unwrapped, shift - 180.0, true), shift + 180.0, false);
            (piece.len() >= 4).then(|| piece.into_iter().map(|(lon, lat)| (lon - shift, lat)).collect())
        })
        .collect()
}

/// Sutherland-Hodgman clipping of a closed ring to the side of the meridian `at` that is east of it
/// (`keep_east`) or west of it. Correct for concave rings; parts meeting on the meridian are joined by
/// zero-width edges along it, which fill nothing.
fn clip(ring: &Ring, at: f64, keep_east: bool) -> Ring {
    let inside = |p: &Point| if keep_east { p.0 >= at } else { p.0 <= at };
    let crossing = |a: &Point, b: &Point| {
        let t = (at - a.0) / (b.0 - a.0);
        (at, a.1 + t * (b.1 - a.1))
    };
    let mut out: Ring = Vec::with_capacity(ring.len());
    for w in ring.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        match (inside(a), inside(b)) {
            (true, true) => out.push(*b),
            (true, false) => out.push(crossing(a, b)),
            (false, true) => {
                out.push(crossing(a, b));
                out.push(*b);
            }
            (false, false) => {}
        }
    }
    if let Some(&first) = out.first() {
        out.insert(0, *out.last().unwrap_or(&first));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rings_that_do_not_cross_are_untouched() {
        let square = vec![(10.0, 0.0), (11.0, 0.0), (11.0, 1.0), (10.0, 1.0), (10.0, 0.0)];
        assert_eq!(cut(&square), vec![square]);
    }

    #[test]
    fn a_ring_across_the_antimeridian_becomes_two() {
        // From 178°E to 178°W: the square spans the line.
        let ring = vec![(178.0, 0.0), (-178.0, 0.0), (-178.0, 2.0), (178.0, 2.0), (178.0, 0.0)];
        let pieces = cut(&ring);
        assert_eq!(pieces.len(), 2);
        for piece in &pieces {
            assert_eq!(piece.first(), piece.last(), "closed");
            let lons: Vec<f64> = piece.iter().map(|p| p.0).collect();
            let span = lons.iter().fold(f64::MIN, |a, &b| a.max(b)) - lons.iter().fold(f64::MAX, |a, &b| a.min(b));
            assert!((span - 2.0).abs() < 1e-9, "each piece is 2° wide: {piece:?}");
            assert!(lons.iter().all(|l| l.abs() <= 180.0 && l.abs() >= 178.0));
        }
    }

    #[test]
    fn no_ring_of_the_world_spans_the_antimeridian_after_cutting() {
        let world = crate::topo::decode(include_str!("../data/countries-110m.json"), "countries").expect("decodes");
        let mut cut_rings = 0;
        for feature in world.iter().filter(|f| f.id.as_deref() != Some("010")) {
            for ring in feature.polygons.iter().flatten() {
                let pieces = cut(ring);
                cut_rings += usize::from(pieces.len() > 1);
                for piece in pieces {
                    let jump = piece.windows(2).any(|w| (w[1].0 - w[0].0).abs() > 180.0);
                    assert!(!jump, "{} still jumps across the map", feature.name);
                }
            }
        }
        assert!(cut_rings >= 2, "Russia and Fiji are cut ({cut_rings})");
    }
}
