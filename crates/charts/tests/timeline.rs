mod common;

use accord_charts::{ChartError, TimelineEvent, timeline};
use common::{NASTY, elements, parse, title_of};

fn event(date: &str, label: &str, kind: &str, href: Option<&str>) -> TimelineEvent {
    TimelineEvent {
        date: date.to_owned(),
        label: label.to_owned(),
        kind: kind.to_owned(),
        href: href.map(str::to_owned),
    }
}

/// The x of each event (where its marker and label start), in document order, with the event's date.
fn marker_xs(svg: &str) -> Vec<(String, f64)> {
    let doc = parse(svg);
    elements(&doc, "g", Some("event"))
        .into_iter()
        .map(|g| {
            let marker = g.children().find(|c| c.attribute("class") == Some("marker")).expect("a marker");
            assert!(title_of(marker).is_some(), "every marker has a title");
            let label = g.children().find(|c| c.has_tag_name("text")).expect("a label");
            let x = label.attribute("x").and_then(|x| x.parse().ok()).expect("a position");
            (g.attribute("data-date").unwrap_or_default().to_owned(), x)
        })
        .collect()
}

#[test]
fn events_are_in_date_order_and_partial_dates_start_their_period() {
    let events = [
        event("2024-09", "Framework Convention opens for signature", "treaty", None),
        event("2023-11-01", "Bletchley Declaration", "declaration", None),
        event("2024-05-17", "Framework Convention adopted", "treaty", None),
        event("2024", "A year-only event", "other", None),
    ];
    let svg = timeline(&events, "Milestones").expect("valid dates");
    let placed = marker_xs(&svg);
    let dates: Vec<&str> = placed.iter().map(|(d, _)| d.as_str()).collect();
    assert_eq!(dates, ["2023-11-01", "2024", "2024-05-17", "2024-09"]);
    assert!(placed.windows(2).all(|w| w[0].1 < w[1].1), "strictly left to right: {placed:?}");
    // The axis runs from 2023-01-01 to 2025-01-01 (731 days) over 852 units; 2024-05-17 to 2024-09-01 is
    // 107 days, so time is proportional.
    let gap = placed[3].1 - placed[2].1;
    let expected = 107.0 / 731.0 * 852.0;
    assert!((gap - expected).abs() < 0.1, "gap {gap}, expected {expected}");
}

#[test]
fn year_ticks_cover_the_span() {
    let svg =
        timeline(&[event("2019-05-22", "OECD", "principles", None), event("2025-02", "Paris", "summit", None)], "t")
            .expect("valid");
    let doc = parse(&svg);
    let texts: Vec<&str> = elements(&doc, "text", None).iter().filter_map(|t| t.text()).collect();
    for year in ["2019", "2020", "2023", "2025"] {
        assert!(texts.contains(&year), "tick {year} in {texts:?}");
    }
}

#[test]
fn labels_never_overlap() {
    // Ten events in one month would collide on one row; they must spread over rows.
    let events: Vec<TimelineEvent> = (1..=10)
        .map(|d| event(&format!("2024-03-{d:02}"), &format!("Event number {d} with a long label"), "k", None))
        .collect();
    let svg = timeline(&events, "Busy month").expect("valid");
    let doc = parse(&svg);
    let labels: Vec<(f64, f64)> = elements(&doc, "g", Some("event"))
        .iter()
        .filter_map(|g| g.children().find(|c| c.has_tag_name("text")))
        .map(|t| {
            (
                t.attribute("x").and_then(|x| x.parse().ok()).unwrap_or(0.0),
                t.attribute("y").and_then(|y| y.parse().ok()).unwrap_or(0.0),
            )
        })
        .collect();
    let rows: std::collections::BTreeSet<i64> = labels.iter().map(|&(_, y)| y as i64).collect();
    assert_eq!(rows.len(), 10, "each label on its own row when all start within a few pixels");
    // Leader lines lie beneath all labels, one per event.
    let layers: Vec<&str> = doc.root_element().children().filter_map(|c| c.attribute("class")).collect();
    let (leaders, events) = (layers.iter().position(|c| *c == "leaders"), layers.iter().position(|c| *c == "events"));
    assert!(leaders.is_some() && leaders < events, "{layers:?}");
    assert_eq!(
        elements(&doc, "line", None)
            .iter()
            .filter(|l| l.parent().and_then(|p| p.attribute("class")) == Some("leaders"))
            .count(),
        10
    );
}

#[test]
fn links_wrap_events_and_unsafe_links_are_dropped() {
    let events = [
        event("2021-11-23", NASTY, "recommendation", Some("/instruments/unesco?x=1&y=2")),
        event("2022", "Bad link", "k", Some("javascript:alert(1)")),
    ];
    let svg = timeline(&events, NASTY).expect("valid");
    assert!(!svg.contains("javascript"));
    let doc = parse(&svg);
    let links = elements(&doc, "a", None);
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].attribute("href"), Some("/instruments/unesco?x=1&y=2"));
    let marker = elements(&doc, "path", Some("marker"))[0];
    assert_eq!(title_of(marker), Some(format!("2021-11-23: {NASTY} (recommendation)").as_str()));
}

#[test]
fn a_bad_date_names_the_event() {
    let err = timeline(&[event("2024-02-30", "Leap", "k", None)], "t").unwrap_err();
    assert_eq!(err, ChartError::InvalidDate { index: 0, label: "Leap".to_owned(), date: "2024-02-30".to_owned() });
}

#[test]
fn an_empty_timeline_is_still_a_chart() {
    let svg = timeline(&[], "Nothing yet").expect("empty is fine");
    let doc = parse(&svg);
    assert!(elements(&doc, "g", Some("event")).is_empty());
}
