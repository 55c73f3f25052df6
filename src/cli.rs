//! Command-line flags. Parsing here only shapes input; the commands turn it into queries.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::output::Format;

#[derive(Debug, Parser)]
#[command(name = "accord", version, about = "A sourced, dated atlas of the international governance of AI")]
pub struct Cli {
    /// Read the atlas from this data directory instead of the one built into the binary.
    #[arg(long, global = true, env = "ACCORD_DATA", value_name = "DIR")]
    pub data: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server (HTTP API and web UI).
    Serve,
    /// Check every data file and report all problems with file:line:column.
    Validate(ValidateArgs),
    /// Print the JSON Schema of the data format.
    Schema(SchemaArgs),
    /// List instruments, with filters.
    Instruments(InstrumentsArgs),
    /// Show one instrument or body, with its parties or members resolved as of a date.
    Show(ShowArgs),
    /// A country's memberships and instruments by layer, with status and legal effect.
    Country(CountryArgs),
    /// List bodies: organisations, forums, networks, institutes, companies.
    Bodies(BodiesArgs),
    /// Write the whole atlas as JSON or CSV files.
    Export(ExportArgs),
}

/// The as-of date and output format that every data command takes.
#[derive(Debug, Args)]
pub struct View {
    /// Answer as of this date (YYYY, YYYY-MM or YYYY-MM-DD); default: today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Print the diagnostics as JSON instead of annotated source.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Only the schema of one kind of file.
    #[arg(long, value_enum)]
    pub kind: Option<SchemaKind>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SchemaKind {
    Instrument,
    Body,
    Topic,
    Seeds,
    Crosswalk,
}

#[derive(Debug, Args)]
pub struct InstrumentsArgs {
    /// Only this layer: treaty, multilateral, bilateral, soft-law, industry, sector, domestic, trade,
    /// export-control, standard.
    #[arg(long)]
    pub mechanism: Option<String>,
    /// Only this binding effect: binding, non-binding, voluntary.
    #[arg(long)]
    pub binding: Option<String>,
    /// Only instruments this state (ISO alpha-2) or body is party to on the as-of date.
    #[arg(long, value_name = "CC")]
    pub party: Option<String>,
    /// Only instruments adopted by this body or with it as a party.
    #[arg(long, value_name = "ID")]
    pub body: Option<String>,
    /// Only instruments with a provision on this topic.
    #[arg(long, value_name = "ID")]
    pub topic: Option<String>,
    /// Only instruments whose id, names, aliases or summary contain this text.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    #[command(flatten)]
    pub view: View,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// An instrument id or a body id.
    pub id: String,
    #[command(flatten)]
    pub view: View,
}

#[derive(Debug, Args)]
pub struct CountryArgs {
    /// ISO 3166-1 alpha-2 code, such as FR or US.
    pub code: String,
    #[command(flatten)]
    pub view: View,
}

#[derive(Debug, Args)]
pub struct BodiesArgs {
    /// Only bodies of this kind (forum, network, company, ...).
    #[arg(long)]
    pub kind: Option<String>,
    #[command(flatten)]
    pub view: View,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Directory to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Date for the resolved parties file; default: today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}
