mod common;

use accord_charts::{Series, line_chart};
use common::{NASTY, elements, parse, title_of};

fn series(label: &str, points: &[(&str, f64)]) -> Series {
    Series { label: label.to_owned(), points: points.iter().map(|(x, y)| ((*x).to_owned(), *y)).collect() }
}

#[test]
fn one_polyline_per_series_and_a_marker_per_point() {
    let data = [
        series("US – FR", &[("2019", 0.2), ("2020", 0.35), ("2021", 0.5), ("2022", 0.55)]),
        series(NASTY, &[("2020", 0.1), ("2022", 0.9)]),
    ];
    let svg = line_chart(&data, "Alignment", (0.0, 1.0), "Alignment over time");
    let doc = parse(&svg);
    let groups = elements(&doc, "g", Some("series"));
    assert_eq!(groups.len(), 2);
    for (group, s) in groups.iter().zip(&data) {
        assert_eq!(group.attribute("data-series"), Some(s.label.as_str()));
        let polylines: Vec<_> = group.children().filter(|c| c.has_tag_name("polyline")).collect();
        assert_eq!(polylines.len(), 1);
        let coords = polylines[0].attribute("points").unwrap_or_default().split(' ').count();
        assert_eq!(coords, s.points.len());
        let markers: Vec<_> = group.children().filter(|c| c.attribute("class") == Some("marker")).collect();
        assert_eq!(markers.len(), s.points.len());
    }
    let titles: Vec<&str> = elements(&doc, "path", Some("marker")).into_iter().filter_map(title_of).collect();
    assert_eq!(titles[1], "US – FR – 2020: 0.35");
    assert_eq!(titles[5], format!("{NASTY} – 2022: 0.9"));
    assert_eq!(elements(&doc, "polyline", None).len(), 2);
}

#[test]
fn higher_values_are_drawn_higher_and_x_follows_the_dates() {
    let data = [series("a", &[("2021", 0.2), ("2019", 0.9)])];
    let svg = line_chart(&data, "Score", (0.0, 1.0), "t");
    let doc = parse(&svg);
    let polyline = elements(&doc, "polyline", None)[0];
    let points: Vec<(f64, f64)> = polyline
        .attribute("points")
        .unwrap_or_default()
        .split(' ')
        .map(|p| {
            p.split_once(',').map(|(x, y)| (x.parse().unwrap_or(0.0), y.parse().unwrap_or(0.0))).unwrap_or_default()
        })
        .collect();
    // The 2021 point comes first in the data but sits right of 2019, and lower (larger y).
    assert!(points[0].0 > points[1].0 && points[0].1 > points[1].1, "{points:?}");
}

#[test]
fn axes_have_ticks_labels_and_a_legend() {
    let data = [series("a", &[("2019", 2.0), ("2020", 40.0)]), series("b", &[("2019", 20.0)])];
    let svg = line_chart(&data, "Parties", (0.0, 50.0), "t");
    let doc = parse(&svg);
    let texts: Vec<&str> = elements(&doc, "text", None).iter().filter_map(|t| t.text()).collect();
    for expected in ["0", "10", "50", "2019", "2020", "Parties", "a", "b"] {
        assert!(texts.contains(&expected), "{expected:?} in {texts:?}");
    }
    assert_eq!(svg, line_chart(&data, "Parties", (0.0, 50.0), "t"), "deterministic");
}

#[test]
fn non_finite_values_are_skipped() {
    let data = [series("a", &[("2019", 0.5), ("2020", f64::NAN), ("2021", 0.7)])];
    let svg = line_chart(&data, "y", (0.0, 1.0), "t");
    let doc = parse(&svg);
    assert_eq!(elements(&doc, "path", Some("marker")).len(), 2);
    assert!(!svg.contains("NaN"));
}
