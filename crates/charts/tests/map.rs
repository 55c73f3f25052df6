mod common;

use accord_charts::{Category, LegendEntry, NEUTRAL, world_map};
use common::{NASTY, all_text, elements, parse, title_of};

fn cat(i: usize) -> Category {
    Category::new(i).expect("category in range")
}

fn legend() -> Vec<LegendEntry> {
    vec![
        LegendEntry { category: cat(0), label: "Bound".to_owned() },
        LegendEntry { category: cat(1), label: "Signed".to_owned() },
        LegendEntry { category: cat(2), label: NASTY.to_owned() },
    ]
}

/// The colour behind a fill: a plain colour, or the background of the pattern it points to.
fn base_colour(doc: &roxmltree::Document<'_>, fill: &str) -> String {
    let Some(id) = fill.strip_prefix("url(#").and_then(|f| f.strip_suffix(')')) else { return fill.to_owned() };
    let pattern = doc.descendants().find(|n| n.attribute("id") == Some(id)).expect("the pattern exists");
    assert!(pattern.has_tag_name("pattern"));
    let rect = pattern.children().find(|c| c.has_tag_name("rect")).expect("a background");
    rect.attribute("fill").expect("a fill").to_owned()
}

#[test]
fn countries_take_the_colour_of_their_category_and_others_are_grey() {
    let regions = [("FR", cat(0)), ("us", cat(1)), ("JP", cat(2)), ("BR", cat(0))];
    let svg = world_map(&regions, &legend(), "Parties");
    let doc = parse(&svg);
    let paths = elements(&doc, "path", None);
    let fill_of = |code: &str| {
        let path = paths.iter().find(|p| p.attribute("data-code") == Some(code) && p.attribute("class").is_none());
        let path = path.unwrap_or_else(|| panic!("a path for {code}"));
        assert!(path.attribute("d").is_some_and(|d| d.len() > 50), "{code} has a real outline");
        (base_colour(&doc, path.attribute("fill").unwrap_or_default()), title_of(*path).map(str::to_owned))
    };
    assert_eq!(fill_of("FR"), (cat(0).colour().to_owned(), Some("France: Bound".to_owned())));
    assert_eq!(fill_of("US").0, cat(1).colour(), "codes are matched case-insensitively");
    assert_eq!(fill_of("JP"), (cat(2).colour().to_owned(), Some(format!("Japan: {NASTY}"))));
    assert_eq!(fill_of("BR").0, cat(0).colour());
    assert_eq!(fill_of("DE"), (NEUTRAL.to_owned(), Some("Germany: not listed".to_owned())));
    // Categories differ by texture too: the second category's pattern has marks over its colour.
    let signed = paths.iter().find(|p| p.attribute("data-code") == Some("US")).and_then(|p| p.attribute("fill"));
    let id = signed.and_then(|f| f.strip_prefix("url(#")).and_then(|f| f.strip_suffix(')')).expect("a pattern fill");
    let pattern = doc.descendants().find(|n| n.attribute("id") == Some(id)).expect("pattern");
    assert!(pattern.children().count() > 1, "a texture, not only a colour");
}

#[test]
fn every_country_has_a_path_with_a_title() {
    let doc_svg = world_map(&[], &[], "Empty");
    let doc = parse(&doc_svg);
    let countries: Vec<_> =
        elements(&doc, "path", None).into_iter().filter(|p| p.attribute("data-code").is_some()).collect();
    assert!(countries.len() > 170, "{} countries", countries.len());
    assert!(countries.iter().all(|p| title_of(*p).is_some_and(|t| t.ends_with(": not listed"))));
    assert!(elements(&doc, "path", Some("marker")).is_empty(), "no markers without categories");
}

#[test]
fn microstates_appear_as_markers_when_categorised() {
    let regions = [("SG", cat(3)), ("MT", cat(4)), ("LU", cat(0)), ("FR", cat(0))];
    let svg = world_map(&regions, &legend(), "Small states");
    let doc = parse(&svg);
    let markers = elements(&doc, "path", Some("marker"));
    let marker = |code: &str| markers.iter().find(|m| m.attribute("data-code") == Some(code)).copied();
    let sg = marker("SG").expect("Singapore has a marker");
    assert_eq!(sg.attribute("fill"), Some(cat(3).colour()));
    assert_eq!(title_of(sg), Some("Singapore: category 4"), "a category without a legend entry is still named");
    assert_eq!(marker("MT").and_then(|m| m.attribute("fill")), Some(cat(4).colour()));
    assert!(marker("LU").is_some(), "Luxembourg is drawn but too small to see, so it gets a marker too");
    assert!(marker("FR").is_none(), "large countries need no marker");
    assert_eq!(markers.len(), 3);
}

#[test]
fn codes_that_cannot_be_placed_are_named_not_dropped() {
    let svg = world_map(&[("GI", cat(0)), ("ZZ", cat(1))], &legend(), "Territories");
    let doc = parse(&svg);
    let note = elements(&doc, "text", Some("note"));
    assert_eq!(note.len(), 1);
    assert_eq!(note[0].text(), Some("Not shown on the map: GI (Bound), ZZ (Signed)"));
}

#[test]
fn legend_names_every_entry_with_counts_and_escapes_labels() {
    let regions = [("FR", cat(0)), ("DE", cat(0)), ("JP", cat(2))];
    let svg = world_map(&regions, &legend(), NASTY);
    assert!(!svg.contains(NASTY), "raw label must not reach the markup");
    let doc = parse(&svg);
    assert_eq!(doc.root_element().attribute("aria-label"), Some(NASTY));
    let legend_texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("legend"))
        .flat_map(|g| g.children().filter(|c| c.has_tag_name("text")).filter_map(|t| t.text()))
        .collect();
    assert_eq!(legend_texts, ["Bound (2)", "Signed (0)", &format!("{NASTY} (1)"), "Not listed"]);
    assert!(all_text(&doc).contains("Bound: 2"), "the description summarises the categories");
}

#[test]
fn output_is_deterministic_and_ids_differ_between_maps() {
    let a = world_map(&[("FR", cat(0))], &legend(), "A");
    assert_eq!(a, world_map(&[("FR", cat(0))], &legend(), "A"));
    let b = world_map(&[("FR", cat(0))], &legend(), "B");
    let ids = |svg: &str| {
        let doc = parse(svg);
        doc.descendants().filter_map(|n| n.attribute("id").map(str::to_owned)).collect::<Vec<_>>()
    };
    let (ia, ib) = (ids(&a), ids(&b));
    assert!(!ia.is_empty());
    assert!(ia.iter().all(|id| !ib.contains(id)), "two maps on one page must not share pattern ids");
}
