//! The Natural Earth I projection (Šavrič, Jenny, Patterson, Petrovič and Hurni, 2011): a compromise
//! pseudocylindrical projection whose polynomial form is published with the projection.

/// Projects (longitude, latitude) in degrees to unit coordinates: x in about [-2.74, 2.74] and y in about
/// [-1.42, 1.42], north up (y grows northwards; the SVG layer flips it).
pub(crate) fn natural_earth(lon: f64, lat: f64) -> (f64, f64) {
    let lambda = lon.to_radians();
    let phi = lat.to_radians();
    let phi2 = phi * phi;
    let phi4 = phi2 * phi2;
    let x = lambda * (0.870700 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * phi2 * (0.003971 - 0.001529 * phi2)));
    let y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)));
    (x, y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_equator_and_poles() {
        assert_eq!(natural_earth(0.0, 0.0), (0.0, 0.0));
        let (x, y) = natural_earth(180.0, 0.0);
        assert!((x - 0.8707 * std::f64::consts::PI).abs() < 1e-9 && y == 0.0);
        // The poles are lines, shorter than the equator, and symmetric.
        let (xn, yn) = natural_earth(180.0, 90.0);
        let (xs, ys) = natural_earth(180.0, -90.0);
        assert!(xn < x && xn > 0.5 * x, "pole line length {xn}");
        assert!((yn + ys).abs() < 1e-12 && yn > 1.3 && yn < 1.5, "pole at {yn}");
        assert_eq!(xn, xs);
    }

    #[test]
    fn monotonic_in_latitude_and_longitude() {
        let ys: Vec<f64> = (-90..=90).map(|lat| natural_earth(10.0, f64::from(lat)).1).collect();
        assert!(ys.windows(2).all(|w| w[0] < w[1]));
        let xs: Vec<f64> = (-180..=180).map(|lon| natural_earth(f64::from(lon), 45.0).0).collect();
        assert!(xs.windows(2).all(|w| w[0] < w[1]));
    }
}
