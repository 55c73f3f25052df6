//! Server-side SVG charts for Accord: a world map, an alignment heatmap, a line chart and a timeline.
//!
//! Every chart is a pure function from plain data to a standalone SVG string: valid XML with all text
//! escaped, the same bytes for the same input, no I/O (the map's shapes are embedded), sized by its
//! `viewBox` so it scales with its container, and accessible (`role="img"`, a title, a `<title>` on every
//! mark, a legend, and shapes or textures wherever colour would otherwise carry meaning alone).
//!
//! ```
//! use accord_charts::{Category, LegendEntry, world_map};
//!
//! let bound = Category::new(0).expect("one of Category::COUNT");
//! let legend = [LegendEntry { category: bound, label: "Bound".into() }];
//! let svg = world_map(&[("FR", bound), ("SG", bound)], &legend, "Parties to the Convention");
//! assert!(svg.starts_with("<svg") && svg.contains(r#"data-code="SG""#));
//! ```

mod antimeridian;
mod date;
mod error;
mod heatmap;
mod line;
mod map;
mod microstates;
mod palette;
mod projection;
mod shapes;
mod svg;
mod timeline;
mod topo;

pub use error::ChartError;
pub use heatmap::heatmap;
pub use line::{Series, line_chart};
pub use map::{LegendEntry, world_map};
pub use palette::{Category, NEUTRAL, OKABE_ITO, sequential};
pub use svg::escape;
pub use timeline::{TimelineEvent, timeline};
