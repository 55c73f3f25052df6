//! Writes one example of each chart as SVG into a directory, to look at them in a browser:
//! `cargo run -p accord-charts --example gallery -- /tmp/charts`. The data is illustrative only.

use accord_charts::{Category, LegendEntry, Series, TimelineEvent, heatmap, line_chart, timeline, world_map};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "charts".to_owned()));
    std::fs::create_dir_all(&dir)?;
    let cat = |i| Category::new(i).ok_or("category out of range");
    let (bound, signed, committed) = (cat(0)?, cat(1)?, cat(2)?);
    let mut regions: Vec<(&str, Category)> = Vec::new();
    regions.extend(["FR", "DE", "IT", "ES", "NL", "BE", "LU", "MT", "PT", "IE", "GB", "NO"].map(|c| (c, bound)));
    regions.extend(["US", "CA", "JP", "IL", "UY", "SM", "AD", "GE"].map(|c| (c, signed)));
    regions.extend(["BR", "IN", "CN", "SG", "BH", "KE", "AU", "NG", "SA", "AE", "MX", "ZA"].map(|c| (c, committed)));
    let legend = [
        LegendEntry { category: bound, label: "Bound".to_owned() },
        LegendEntry { category: signed, label: "Signed, not bound".to_owned() },
        LegendEntry { category: committed, label: "Political commitment".to_owned() },
    ];
    std::fs::write(dir.join("map.svg"), world_map(&regions, &legend, "Who has joined what (illustrative)"))?;

    let labels = ["United States", "United Kingdom", "France", "Germany", "Japan", "China", "India", "Brazil"];
    let values: Vec<Vec<f64>> =
        (0..labels.len())
            .map(|r| {
                (0..labels.len())
                    .map(|c| {
                        if r == c {
                            1.0
                        } else {
                            1.0 - ((r as f64 - c as f64).abs() / 8.0 + 0.05 * ((r * c) % 3) as f64)
                        }
                    })
                    .collect()
            })
            .collect();
    std::fs::write(dir.join("heatmap.svg"), heatmap(&labels, &values, "Alignment of the G7 and others")?)?;

    let years = |values: &[f64]| -> Vec<(String, f64)> {
        values.iter().enumerate().map(|(i, v)| ((2017 + i).to_string(), *v)).collect()
    };
    let series = [
        Series { label: "US – FR".to_owned(), points: years(&[0.21, 0.25, 0.33, 0.34, 0.41, 0.45, 0.52, 0.55, 0.5]) },
        Series { label: "US – CN".to_owned(), points: years(&[0.1, 0.1, 0.12, 0.15, 0.15, 0.18, 0.22, 0.2, 0.19]) },
        Series { label: "FR – DE".to_owned(), points: years(&[0.6, 0.62, 0.7, 0.71, 0.74, 0.8, 0.86, 0.9, 0.92]) },
    ];
    std::fs::write(dir.join("line.svg"), line_chart(&series, "Alignment score", (0.0, 1.0), "Alignment over time"))?;

    let event = |date: &str, label: &str, kind: &str| TimelineEvent {
        date: date.to_owned(),
        label: label.to_owned(),
        kind: kind.to_owned(),
        href: Some(format!("/events/{date}")),
    };
    let events = [
        event("2019-05-22", "OECD AI Principles adopted", "principles"),
        event("2019-06", "G20 AI Principles", "principles"),
        event("2021-11-23", "UNESCO Recommendation on the Ethics of AI", "recommendation"),
        event("2023-10-30", "Hiroshima Code of Conduct", "code"),
        event("2023-11-01", "Bletchley Declaration", "declaration"),
        event("2024-03-13", "EU AI Act voted by Parliament", "law"),
        event("2024-05-17", "Framework Convention adopted", "treaty"),
        event("2024-05-21", "Seoul Declaration", "declaration"),
        event("2024-08-01", "EU AI Act enters into force", "law"),
        event("2024-09", "Framework Convention opens for signature", "treaty"),
        event("2025-02", "Paris Statement on inclusive and sustainable AI", "declaration"),
    ];
    std::fs::write(dir.join("timeline.svg"), timeline(&events, "Milestones")?)?;
    Ok(())
}
