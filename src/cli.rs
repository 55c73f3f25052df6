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
    Serve(ServeArgs),
    /// Check every data file and report all problems with file:line:column.
    Validate(ValidateArgs),
    /// Print the JSON Schema of the data format.
    Schema(SchemaArgs),
    /// List instruments, with filters.
    Instruments(InstrumentsArgs),
    /// Show one instrument or body, with its parties or members resolved as of a date.
    Show(ShowArgs),
    /// List countries: how many instruments each is party to and bodies it belongs to.
    Countries(CountriesArgs),
    /// A country's memberships and instruments by layer, with status and legal effect.
    Country(CountryArgs),
    /// List bodies: organisations, forums, networks, institutes, companies.
    Bodies(BodiesArgs),
    /// Write the whole atlas as JSON or CSV files.
    Export(ExportArgs),
    /// Which instruments reach an AI system in each country, how binding, and one plan for all.
    Assess(AssessArgs),
    /// Compare states: instruments held by all, some or one of them, and their alignment scores.
    Compare(CompareArgs),
    /// The alignment matrix of a group of states, with its coalitions.
    Matrix(GroupArgs),
    /// The coalitions of a group: clusters of states that hold similar commitments.
    Coalitions(GroupArgs),
    /// A group's fragmentation index, mean alignment and coalitions, step by step over a period.
    Fragmentation(FragmentationArgs),
    /// The states that satisfy a set expression over instruments and bodies.
    #[command(long_about = QUERY_HELP)]
    Query(QueryArgs),
    /// Topic coverage and provision links of an instrument or forum against others; crosswalk export.
    Crosswalk(CrosswalkArgs),
    /// Everything that changed between two dates: new instruments, signatures, ratifications, memberships.
    Changes(ChangesArgs),
    /// Does a package need export licences, item by destination, and are its counterparties listed?
    #[command(name = "export-check", long_about = EXPORT_CHECK_HELP)]
    ExportCheck(ExportCheckArgs),
    /// Screen names against restricted-party lists: one name, a CSV batch, or the labelled evaluation.
    #[command(long_about = SCREEN_HELP)]
    Screen(ScreenArgs),
}

const EXPORT_CHECK_HELP: &str =
    "Does a package need export licences, item by destination, and are its counterparties listed?

A screening aid, not legal advice. Answers come from the licence rules recorded in the atlas.
Exit codes: 0 nothing needs attention; 1 a licence is required, an answer is undetermined or a
counterparty matches a list (or the package is malformed); 2 usage error.";

const SCREEN_HELP: &str = "Screen names against restricted-party lists (CSL CSV or JSON, OFAC SDN CSV, OpenSanctions).

  accord screen --list sdn.csv \"Vladimir Putin\"
  accord screen --list sdn.csv --list csl.csv --batch names.csv --out matches.csv
  accord screen --evaluate

A batch file is CSV with a header: `name` and optionally `country`, `kind` (person or organization)
and `birth_date`. A match is a lead to review, not a finding.";

#[derive(Debug, Args)]
pub struct ExportCheckArgs {
    /// The package: TOML or JSON with name, items (id, classification), destinations, counterparties.
    pub package: PathBuf,
    /// A restricted-party list to screen counterparties against; repeat for several.
    #[arg(long = "list", value_name = "FILE")]
    pub lists: Vec<PathBuf>,
    /// Check as of this date (YYYY, YYYY-MM or YYYY-MM-DD); default: the package's `as_of`, else today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    #[arg(long, value_enum, default_value_t = CheckFormat::Table)]
    pub format: CheckFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// The name to screen.
    #[arg(conflicts_with_all = ["batch", "evaluate"], required_unless_present_any = ["batch", "evaluate"])]
    pub name: Option<String>,
    /// A restricted-party list file; repeat for several.
    #[arg(long = "list", value_name = "FILE", required_unless_present = "evaluate")]
    pub lists: Vec<PathBuf>,
    /// Screen every row of a CSV file (header: name, and optionally country, kind, birth_date).
    #[arg(long, value_name = "FILE.csv", conflicts_with = "evaluate")]
    pub batch: Option<PathBuf>,
    /// Where to write the batch results; default: standard output.
    #[arg(long, value_name = "FILE", requires = "batch")]
    pub out: Option<PathBuf>,
    /// The party's country (name or ISO code).
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// person or organization.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// Report matches scoring at least this; default: the evaluated default threshold.
    #[arg(long)]
    pub threshold: Option<f32>,
    /// table or json for one name; csv or jsonl for a batch.
    #[arg(long, value_enum)]
    pub format: Option<ScreenFormat>,
    /// Print recall and precision per class and overall at the default threshold on the labelled sets.
    #[arg(long)]
    pub evaluate: bool,
    /// Where the shared labelled screening data sits (read when present).
    #[arg(long, value_name = "DIR", default_value = "../shared/testdata/screening", requires = "evaluate")]
    pub testdata: PathBuf,
    /// Labelled queries per class in the built-in synthetic set.
    #[arg(long, value_name = "N", default_value_t = 200, requires = "evaluate")]
    pub per_class: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Person,
    Organization,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScreenFormat {
    Table,
    Json,
    Csv,
    Jsonl,
}

const QUERY_HELP: &str = "The states that satisfy a set expression over instruments and bodies, as of a date.

Conditions:
  party(ID)          party to instrument ID (any effect but none); signed(ID) is the same
  bound(ID)          bound by instrument ID (a binding instrument in force for the state)
  member(BODY)       member of body BODY on the date
  party(any)         party to any instrument; bound(any): bound by any instrument
  party(mechanism:L) party to any instrument of layer L (treaty, multilateral, bilateral,
                     soft-law, industry, sector, domestic, trade, export-control, standard);
                     bound(mechanism:L) likewise
Operators: not, and, or, parentheses; not binds tightest, then and, then or.
`not X` is every state known on the date (the UN members, plus any other state
holding a commitment) for which X does not hold. Errors give the column.

Example:
  accord query \\
    \"signed(paris-statement-inclusive-sustainable-ai) and not signed(bletchley-declaration)\"";

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StepArg {
    Year,
    Month,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Two or more ISO 3166-1 alpha-2 codes, such as US GB FR.
    #[arg(required = true, num_args = 2.., value_name = "CC")]
    pub codes: Vec<String>,
    /// Print the pairwise scores year by year or month by month instead of one date.
    #[arg(long, value_enum)]
    pub history: Option<StepArg>,
    /// Start of the history (YYYY, YYYY-MM or YYYY-MM-DD); default: ten years before the end.
    #[arg(long, value_name = "DATE", requires = "history")]
    pub from: Option<String>,
    #[command(flatten)]
    pub view: View,
}

#[derive(Debug, Args)]
pub struct GroupArgs {
    /// g7, g20, eu, asean, oecd, ai-safety-summit, all, or a comma-separated list of ISO codes.
    #[arg(long)]
    pub group: String,
    /// Coalitions merge while their average distance (1 - alignment) is at most this.
    #[arg(long, default_value_t = accord_analytics::DEFAULT_CUT)]
    pub cut: f64,
    #[command(flatten)]
    pub view: View,
}

#[derive(Debug, Args)]
pub struct FragmentationArgs {
    /// g7, g20, eu, asean, oecd, ai-safety-summit, all, or a comma-separated list of ISO codes.
    #[arg(long)]
    pub group: String,
    /// First date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: String,
    /// Last date; default: today.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    #[arg(long, value_enum, default_value_t = StepArg::Year)]
    pub step: StepArg,
    /// Coalitions merge while their average distance (1 - alignment) is at most this.
    #[arg(long, default_value_t = accord_analytics::DEFAULT_CUT)]
    pub cut: f64,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The expression, for example \"member(g20) and not bound(any)\".
    pub expression: String,
    #[command(flatten)]
    pub view: View,
}

#[derive(Debug, Args)]
pub struct CrosswalkArgs {
    /// An instrument id, or a body id for every instrument that body adopted. Omit to list every link.
    pub id: Option<String>,
    /// Compare against these instruments (comma-separated); default: every instrument a crosswalk links.
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    pub against: Vec<String>,
    /// Write the crosswalks to --out as an OSCAL mapping-style JSON document or as CSV.
    #[arg(long, value_enum, requires = "out", conflicts_with = "id")]
    pub export: Option<CrosswalkExport>,
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Only crosswalks that link this instrument.
    #[arg(long, value_name = "ID")]
    pub from: Option<String>,
    /// Only crosswalks that link this instrument.
    #[arg(long, value_name = "ID")]
    pub to: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CrosswalkExport {
    Oscal,
    Csv,
}

#[derive(Debug, Args)]
pub struct ChangesArgs {
    /// First date, included (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: String,
    /// Last date, included; default: today.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Also write the changes as an Atom feed to this file.
    #[arg(long, value_name = "FILE")]
    pub atom: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
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
pub struct CountriesArgs {
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

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// A system profile in TOML or JSON (see examples/).
    #[arg(required_unless_present = "inventory", conflicts_with = "inventory")]
    pub profile: Option<PathBuf>,
    /// Assess every profile of a JSON Lines file and write one JSON line per system.
    #[arg(long, value_name = "FILE.jsonl")]
    pub inventory: Option<PathBuf>,
    /// Where to write the inventory's JSON lines; default: standard output.
    #[arg(long, value_name = "FILE", requires = "inventory")]
    pub out: Option<PathBuf>,
    /// Write each system's full assessment instead of its summary line.
    #[arg(long, requires = "inventory")]
    pub full: bool,
    /// Assess as of this date, overriding the profile's own `as_of`; default: today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    #[arg(long, value_enum, default_value_t = AssessFormat::Table)]
    pub format: AssessFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AssessFormat {
    Table,
    Json,
    /// A Markdown report.
    Md,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "ACCORD_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Database for saved assessments: `sqlite://FILE` (created on first start) or `postgres://...`.
    #[arg(long, env = "ACCORD_DATABASE_URL", default_value = "sqlite://accord.db")]
    pub database_url: String,
    /// A restricted-party list file for `POST /api/v1/screen` and export checks (repeat for several).
    #[arg(long = "list", value_name = "FILE")]
    pub lists: Vec<std::path::PathBuf>,
}
