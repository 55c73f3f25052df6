//! Export checks: does an AI package (chips, computers, model weights, software) need a licence to
//! each destination on a date, and are its counterparties on a restricted-party list?
//!
//! The licence answers follow from the atlas alone: the `control_items` and `licence_rules` of its
//! export-control instruments and the dated membership of its country groups. No rule about any
//! particular regulation lives in this crate. Screening is delegated to `accord-screening`. Pure: no
//! I/O, no terminal, no HTTP. Its answers are a screening aid, not legal advice ([`DISCLAIMER`]).

pub mod check;
pub mod licence;
pub mod package;

pub use check::{DISCLAIMER, ExportCheck, ScreenedParty, Summary, check};
pub use licence::{HistoryEntry, LicenceAnswer, Outcome, RuleAnswer, answer};
pub use package::{Counterparty, CounterpartyRole, Package, PackageError, PackageFormat, PackageItem, PartyKind};
