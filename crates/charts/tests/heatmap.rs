mod common;

use accord_charts::{ChartError, heatmap, sequential};
use common::{NASTY, elements, parse, title_of};

#[test]
fn one_cell_per_pair_with_its_value_in_the_title() {
    let labels = ["France", "Germany", "Japan"];
    let values = vec![vec![1.0, 0.8, 0.25], vec![0.8, 1.0, 0.5], vec![0.25, 0.5, 1.0]];
    let svg = heatmap(&labels, &values, "Alignment").expect("square");
    let doc = parse(&svg);
    let cells = elements(&doc, "rect", Some("cell"));
    assert_eq!(cells.len(), 9);
    let titles: Vec<&str> = cells.iter().filter_map(|c| title_of(*c)).collect();
    assert_eq!(titles[1], "France – Germany: 0.80");
    assert_eq!(titles[5], "Germany – Japan: 0.50");
    assert_eq!(titles[6], "Japan – France: 0.25");
    assert_eq!(cells[2].attribute("fill"), Some(sequential(0.25).as_str()));
    assert_ne!(cells[0].attribute("fill"), cells[2].attribute("fill"));
    // Large cells print their value too.
    let printed: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("values"))
        .flat_map(|g| g.children().filter_map(|t| t.text()))
        .collect();
    assert_eq!(printed.len(), 9);
    assert_eq!(printed[2], "0.25");
}

#[test]
fn labels_are_escaped_and_missing_values_are_marked() {
    let labels = [NASTY, "B"];
    let values = vec![vec![1.0, f64::NAN], vec![f64::NAN, 1.0]];
    let svg = heatmap(&labels, &values, NASTY).expect("square");
    let doc = parse(&svg);
    let cells = elements(&doc, "rect", Some("cell"));
    assert_eq!(title_of(cells[1]), Some(format!("{NASTY} – B: no value").as_str()));
    let texts: Vec<&str> = elements(&doc, "text", None).iter().filter_map(|t| t.text()).collect();
    assert!(texts.contains(&"no value"), "the legend explains grey cells");
    assert!(texts.contains(&"0.5") && texts.contains(&"1"), "the legend has ticks from 0 to 1");
}

#[test]
fn many_states_make_small_cells_without_printed_values() {
    let labels: Vec<String> = (0..40).map(|i| format!("State {i}")).collect();
    let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
    let values: Vec<Vec<f64>> = (0..40).map(|r| (0..40).map(|c| f64::from((r * c) % 11) / 10.0).collect()).collect();
    let doc_svg = heatmap(&refs, &values, "G20").expect("square");
    let doc = parse(&doc_svg);
    assert_eq!(elements(&doc, "rect", Some("cell")).len(), 1600);
    assert!(doc.descendants().all(|n| n.attribute("class") != Some("values")));
}

#[test]
fn a_matrix_that_is_not_square_is_refused() {
    assert_eq!(heatmap(&["A", "B"], &[vec![1.0, 0.5]], "x"), Err(ChartError::RowCount { labels: 2, rows: 1 }));
    let err = heatmap(&["A", "B"], &[vec![1.0, 0.5], vec![0.5]], "x").unwrap_err();
    assert_eq!(err, ChartError::NotSquare { labels: 2, row: 1, len: 1 });
    assert!(err.to_string().contains("row 1 has 1 values"));
}
