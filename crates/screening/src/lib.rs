//! Restricted-party screening for export checks: load the published restricted-party lists (the US
//! Consolidated Screening List, OFAC's SDN files, OpenSanctions exports), then find which entries a
//! counterparty's name matches, with a score and an explanation that traces each match to its entry.
//!
//! Pure apart from reading list files in [`load`]: no network, no terminal.

pub mod country;
mod dates;
pub mod entry;
pub mod eval;
pub mod explain;
mod index;
pub mod load;
pub mod normalize;
pub mod score;
pub mod screen;
pub mod synthetic;

pub use entry::{Address, BirthDate, EntityKind, Entry, EntryId, ListId, Name, NameKind};
pub use explain::{Discriminator, Explanation, How, PartMatch};
pub use load::{LoadError, Loaded, RowProblem, Strictness, load_file};
pub use screen::{DEFAULT_THRESHOLD, Match, Options, Query, Screener};
