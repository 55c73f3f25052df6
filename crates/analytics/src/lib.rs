//! Accord's analytics over the atlas: how aligned states are, the coalitions and fragmentation of a group,
//! set queries over states, crosswalks between instruments, and the change log.
//!
//! Everything here reads an [`accord_atlas::Atlas`] and returns plain data that serialises to the
//! documented JSON shapes. The crate knows nothing of the CLI or HTTP and never mutates the atlas.

pub mod alignment;
pub mod changes;
pub mod cluster;
pub mod crosswalk;
pub mod fragmentation;
pub mod groups;
pub mod participation;
pub mod period;
pub mod query;
pub mod view;

use accord_atlas::PartialDate;

pub use crate::alignment::{Comparison, Matrix, compare, score};
pub use crate::cluster::{Coalition, DEFAULT_CUT, coalitions};
pub use crate::participation::Snapshot;
pub use crate::period::{Step, steps};
pub use crate::query::QueryError;

/// Why an analytics question could not be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnalyticsError {
    #[error("unknown group {name:?}; groups are {groups}, or a comma-separated list of ISO 3166-1 alpha-2 codes")]
    UnknownGroup { name: String, groups: String },
    #[error("unknown body {0:?}; `accord bodies` lists them")]
    UnknownBody(String),
    #[error("unknown instrument {0:?}; `accord instruments --search TEXT` finds ids")]
    UnknownInstrument(String),
    #[error("{0:?} is neither an instrument nor a body; `accord instruments` and `accord bodies` list them")]
    UnknownSubject(String),
    #[error("the body {0:?} adopted no instrument in the atlas")]
    NoInstruments(String),
    #[error("the period from {from} to {to} is empty: the start is after the end")]
    BadRange { from: PartialDate, to: PartialDate },
    #[error(transparent)]
    Query(#[from] QueryError),
}
