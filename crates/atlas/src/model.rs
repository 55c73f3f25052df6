//! The record types of the atlas, exactly as the data files spell them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::date::PartialDate;
use crate::ids::{BodyId, InstrumentId, PartyRef, ProvisionId, SourceId, TopicId};

macro_rules! kebab_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
            strum::IntoStaticStr, strum::VariantArray,
        )]
        #[serde(rename_all = "kebab-case")]
        #[strum(serialize_all = "kebab-case")]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            /// The value as the data files spell it.
            pub fn as_str(self) -> &'static str {
                self.into()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::model::UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <Self as strum::VariantArray>::VARIANTS.iter().copied().find(|v| v.as_str() == s).ok_or_else(|| {
                    crate::model::UnknownValue {
                        value: s.to_owned(),
                        allowed: <Self as strum::VariantArray>::VARIANTS.iter().map(|v| v.as_str()).collect(),
                    }
                })
            }
        }
    };
}

/// A value that is not one of an enumeration's allowed values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown value {value:?}; expected one of: {}", allowed.join(", "))]
pub struct UnknownValue {
    pub value: String,
    pub allowed: Vec<&'static str>,
}

kebab_enum!(
    /// The layer of the governance landscape an instrument belongs to.
    Mechanism {
        Treaty, Multilateral, Bilateral, SoftLaw, Industry, Sector, Domestic, Trade, ExportControl, Standard,
    }
);

kebab_enum!(
    /// The legal force an instrument has for those who join it.
    Binding {
        /// Legally binding on parties that consent to be bound.
        Binding,
        /// A political commitment of the states that sign or endorse it.
        NonBinding,
        /// A voluntary commitment or standard for organisations that take it up.
        Voluntary,
    }
);

kebab_enum!(
    /// What kind of text an instrument is.
    Form {
        Convention, Agreement, Recommendation, Principles, Declaration, Statement, CodeOfConduct, Commitments,
        Framework, Guidance, Roadmap, Strategy, Plan, Report, Resolution, Memorandum, Regulation, Directive, Law,
        ExecutiveOrder, Rule, Programme, ControlList, Standard,
    }
);

kebab_enum!(
    /// A dated step in an instrument's life.
    EventKind {
        /// Introduced as a bill or proposal; not (yet) adopted.
        Proposed,
        Adopted, OpenedForSignature, Signed, EnteredIntoForce, AppliesFrom, Published, Launched, Revised,
        Superseded, Revoked, Expired,
    }
);

kebab_enum!(
    /// What a party did in respect of an instrument.
    PartyStatus {
        Signed, Ratified, Approved, Accepted, Acceded, Adopted, Endorsed, Adhered, Joined, Applies, Withdrawn,
        NotSigned,
    }
);

impl PartyStatus {
    /// Statuses by which a party consents to be bound (or by which a law applies to it).
    pub fn is_consent_to_be_bound(self) -> bool {
        matches!(self, Self::Ratified | Self::Approved | Self::Accepted | Self::Acceded | Self::Applies)
    }

    /// Statuses that put a party outside the instrument.
    pub fn is_outside(self) -> bool {
        matches!(self, Self::Withdrawn | Self::NotSigned)
    }
}

kebab_enum!(
    /// How one instrument relates to another.
    RelationKind { BuildsOn, Implements, Revises, Supersedes, Complements }
);

kebab_enum!(
    /// What kind of organisation a body is.
    BodyKind {
        IntergovernmentalOrganisation, SupranationalUnion, Forum, SummitSeries, Network, TreatyRegime,
        StandardsBody, NationalInstitute, Regulator, IndustryBody, Company, Academic, Programme,
        /// A list of states that export-control rules refer to (the EAR's Country Group D:5); its dated
        /// `members` are the states in the group. A group without members is one whose list is not recorded.
        CountryGroup,
    }
);

kebab_enum!(
    /// The capacity in which a member belongs to a body.
    MemberRole { Member, FoundingMember, Observer, Participant, Partner }
);

kebab_enum!(
    /// Whom an instrument addresses.
    Addressee {
        States, Developers, Providers, Deployers, Importers, Distributors, Exporters, Companies, PublicBodies,
    }
);

kebab_enum!(
    /// An economic sector an instrument is limited to.
    Sector {
        Automotive, Aviation, Maritime, Health, Finance, Insurance, Employment, Education, LawEnforcement,
        Justice, Migration, Defence, CriticalInfrastructure, Energy, Telecommunications, PublicAdministration,
        Trade, OnlinePlatforms, Media,
    }
);

kebab_enum!(
    /// A kind of AI system an instrument is limited to.
    SystemKind {
        GeneralPurposeModel, FrontierModel, Generative, BiometricIdentification, EmotionRecognition,
        MedicalDevice, ConnectedVehicle, Aviation, Maritime, CreditInsuranceScoring, Employment,
        CriticalInfrastructure, LawEnforcement, DefenceDualUse, RecommenderSystem, Education,
    }
);

kebab_enum!(
    /// The part an operator plays for an AI system.
    Role { Developer, Provider, Deployer, Importer, Distributor, Exporter }
);

kebab_enum!(
    /// How an AI system touches a jurisdiction, which decides whether a rule of that jurisdiction reaches it.
    Hook {
        /// Offered or placed on the market there.
        PlacedOnMarket,
        /// Put into service or used there.
        Deployed,
        /// Its output is used there.
        OutputUsed,
        /// The operator is established there.
        Established,
        /// It is developed there.
        Developed,
        /// The operator exports it (or its inputs) from there.
        ExportsFrom,
        /// It is exported to there.
        ImportedInto,
    }
);

impl Addressee {
    /// The operator roles an addressee covers; states and public bodies are not operators.
    pub fn roles(self) -> &'static [Role] {
        match self {
            Self::Developers => &[Role::Developer],
            Self::Providers => &[Role::Provider],
            Self::Deployers => &[Role::Deployer],
            Self::Importers => &[Role::Importer],
            Self::Distributors => &[Role::Distributor],
            Self::Exporters => &[Role::Exporter],
            Self::Companies => <Role as strum::VariantArray>::VARIANTS,
            Self::States | Self::PublicBodies => &[],
        }
    }
}

/// A rule saying whom an instrument, or some of its provisions, reaches, where and from when.
/// The navigator matches system profiles against these rules; adding an instrument needs no code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Applicability {
    /// Unique within the instrument.
    pub id: String,
    pub title: String,
    /// Operator roles the rule addresses; empty means any role.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Kinds of AI system; empty means any.
    #[serde(default)]
    pub system_kinds: Vec<SystemKind>,
    /// Sectors; empty means any.
    #[serde(default)]
    pub sectors: Vec<Sector>,
    /// How the system must touch a jurisdiction where the instrument applies; empty means any way.
    #[serde(default)]
    pub hooks: Vec<Hook>,
    /// The date from which this part applies, where it differs from the instrument's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<PartialDate>,
    /// The date from which this part no longer applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<PartialDate>,
    /// The provisions this rule brings in; empty means all of the instrument's provisions.
    #[serde(default)]
    pub provisions: Vec<ProvisionId>,
    pub source: Option<SourceId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Where a fact comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Local id, cited by the `source` field of events, parties and memberships in the same file.
    pub id: SourceId,
    /// The primary source, where one exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A seed document named in `seeds.toml`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<String>,
    pub title: String,
    /// What the source is cited for.
    pub supports: String,
}

/// One topic of the taxonomy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: TopicId,
    pub name: String,
    pub definition: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub see_also: Vec<TopicId>,
}

/// A continuous period of membership of a body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    pub member: PartyRef,
    pub joined: PartialDate,
    /// The last day of membership.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<PartialDate>,
    #[serde(default = "default_role")]
    pub role: MemberRole,
    pub source: Option<SourceId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn default_role() -> MemberRole {
    MemberRole::Member
}

impl Membership {
    /// True when the member belongs to the body on `date`.
    pub fn is_active_on(&self, date: PartialDate) -> bool {
        self.joined.is_on_or_before(date) && self.left.is_none_or(|left| date.start() <= left.end())
    }
}

/// An organisation, forum, network, institute or company.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Body {
    pub id: BodyId,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub kind: BodyKind,
    /// Seat of a national body, or home state of a company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<PartyRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<BodyId>,
    /// True where the body itself signs or adopts instruments.
    #[serde(default)]
    pub acts_as_party: bool,
    /// True where a binding agreement the body concludes binds its members too.
    #[serde(default)]
    pub binds_members: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub established: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dissolved: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub summary: String,
    /// For industry and standards bodies: the systems, sectors and operators their work concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<Membership>,
    /// For a country group whose members are not recorded: states known not to belong to it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub non_members: Vec<NonMembership>,
    pub sources: Vec<Source>,
}

/// A state known not to belong to a country group, with the source that shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NonMembership {
    pub state: PartyRef,
    pub source: Option<SourceId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Body {
    /// The short name if there is one, else the name.
    pub fn label(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }

    /// Membership periods active on `date`.
    pub fn members_on(&self, date: PartialDate) -> impl Iterator<Item = &Membership> {
        self.members.iter().filter(move |m| m.is_active_on(date))
    }
}

/// Whom and what an instrument reaches.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    #[serde(default)]
    pub addressees: Vec<Addressee>,
    /// Empty means every sector.
    #[serde(default)]
    pub sectors: Vec<Sector>,
    /// Empty means every kind of AI system.
    #[serde(default)]
    pub system_kinds: Vec<SystemKind>,
}

/// A dated step in an instrument's life.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub kind: EventKind,
    pub date: PartialDate,
    pub source: Option<SourceId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One act of one party: a signature, a ratification, a withdrawal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartyRecord {
    pub party: PartyRef,
    pub status: PartyStatus,
    pub date: PartialDate,
    /// The date from which the instrument has effect for this party, where it differs from the
    /// instrument's own entry into force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<PartialDate>,
    pub source: Option<SourceId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Parties derived from the membership of a body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartySet {
    pub members_of: BodyId,
    /// Membership on this date; absent means membership on the date of the query.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<PartialDate>,
    pub status: PartyStatus,
    /// Date of the status; defaults to `at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub except: Vec<PartyRef>,
    pub source: Option<SourceId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A provision summarised in our own words and tagged with topics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provision {
    pub id: ProvisionId,
    /// Article, principle or paragraph number in the instrument.
    #[serde(default, rename = "ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub topics: Vec<TopicId>,
}

/// A link from one instrument to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    pub kind: RelationKind,
    pub target: InstrumentId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceId>,
}

/// A treaty, declaration, principle set, MoU, law, regime or standard that reaches AI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    pub id: InstrumentId,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub mechanism: Mechanism,
    pub form: Form,
    pub binding: Binding,
    /// The body or forum that adopted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<BodyId>,
    /// For domestic law and policy (and proposals): the state or union whose law or policy it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<PartyRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub summary: String,
    #[serde(default)]
    pub scope: Scope,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub parties: Vec<PartyRecord>,
    #[serde(default)]
    pub party_sets: Vec<PartySet>,
    #[serde(default)]
    pub provisions: Vec<Provision>,
    /// Whom and where the instrument reaches an AI system; absent, the navigator derives one rule from `scope`.
    #[serde(default)]
    pub applicability: Vec<Applicability>,
    /// Export-control instruments: the classified items their licence rules refer to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub control_items: Vec<ControlItem>,
    /// Export-control instruments: which items need a licence to which destinations, and when.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub licence_rules: Vec<LicenceRule>,
    #[serde(default)]
    pub relations: Vec<Relation>,
    pub sources: Vec<Source>,
}

impl Instrument {
    /// The short name if there is one, else the name.
    pub fn label(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }

    /// The earliest date of an event of this kind.
    pub fn first_event(&self, kind: EventKind) -> Option<PartialDate> {
        self.events.iter().filter(|e| e.kind == kind).map(|e| e.date).min()
    }

    /// The date from which the instrument exists: its earliest event.
    pub fn origin(&self) -> Option<PartialDate> {
        self.events.iter().map(|e| e.date).min()
    }

    /// A source of this instrument by its local id.
    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources.iter().find(|s| &s.id == id)
    }
}

kebab_enum!(
    /// What kind of item a control entry covers, as far as AI packages are concerned.
    ControlCategory {
        AdvancedComputingChip, Computer, SemiconductorManufacturing, ModelWeights, Encryption, Ear99, Other,
    }
);

kebab_enum!(
    /// What a licence rule asks of an export.
    Requirement {
        LicenceRequired,
        NoLicenceRequired,
        /// A licence is required unless a licence exception applies, and one is available.
        LicenceExceptionAvailable,
    }
);

kebab_enum!(
    /// Where a licence rule stands.
    RuleStatus {
        InForce,
        /// Withdrawn; `until` is the last day it applied.
        Rescinded,
        /// Replaced by a later rule; `until` is the last day it applied.
        Superseded,
        /// Announced but never in effect.
        AnnouncedNotEffective,
    }
);

/// An item an export-control instrument classifies, such as an ECCN of the Commerce Control List.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ControlItem {
    /// Kebab-case, unique within the instrument (`eccn-3a090`, `ear99`).
    pub id: String,
    /// The classification as the instrument writes it (`3A090`, `EAR99`); an item classified in a
    /// sub-paragraph (`3A090.a`) falls under it.
    pub classification: String,
    pub name: String,
    pub summary: String,
    pub category: ControlCategory,
    /// True when the licence rules recorded for this item cover every destination-based licence
    /// requirement the instrument sets for it, so that a destination no rule reaches needs no licence.
    /// False (the default) means a destination no rule reaches gets no answer.
    #[serde(default)]
    pub rules_complete: bool,
    pub source: Option<SourceId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A licence requirement for some items to some destinations over a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LicenceRule {
    /// Kebab-case, unique within the instrument.
    pub id: String,
    /// Ids of this instrument's `control_items`.
    pub items: Vec<String>,
    /// Every destination outside the instrument's own jurisdiction, minus `except`.
    #[serde(default)]
    pub worldwide: bool,
    /// States and country groups (bodies of kind `country-group`) the rule reaches.
    #[serde(default)]
    pub destinations: Vec<PartyRef>,
    /// States, or country groups whose members, the rule does not reach.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub except: Vec<PartyRef>,
    pub requirement: Requirement,
    /// The licensing policy, such as "presumption of denial" or "case-by-case".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// The first day the rule applied.
    pub from: PartialDate,
    /// The last day the rule applied, for a rule rescinded or superseded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<PartialDate>,
    /// When the rule was announced, where that differs from `from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub announced: Option<PartialDate>,
    pub status: RuleStatus,
    /// Why the rule exists, in one line of our own words.
    pub reason: String,
    pub source: Option<SourceId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl LicenceRule {
    /// True when the rule applies on `date`: on or after `from` and, if it ended, on or before `until`.
    pub fn applies_on(&self, date: PartialDate) -> bool {
        self.status != RuleStatus::AnnouncedNotEffective
            && self.from.is_on_or_before(date)
            && self.until.is_none_or(|until| date.start() <= until.end())
    }
}

/// One of the documents the atlas grew from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Seed {
    pub file: String,
    pub title: String,
}

/// The contents of `seeds.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeedList {
    pub seeds: Vec<Seed>,
}

kebab_enum!(
    /// How the `from` provision of a crosswalk link relates to its `to` provision.
    LinkRelation {
        /// Asks for the same thing.
        Equivalent,
        /// Asks for part of what the other asks, or for it in a narrower setting.
        Narrower,
        /// Asks for more than the other, which it contains.
        Broader,
        /// Overlaps without either containing the other.
        Related,
    }
);

/// One provision-to-provision link of a crosswalk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CrosswalkLink {
    /// A provision of the crosswalk's `from` instrument.
    pub from: ProvisionId,
    /// A provision of the crosswalk's `to` instrument.
    pub to: ProvisionId,
    pub relation: LinkRelation,
    /// Why the two provisions are linked, in one line of our own words.
    pub rationale: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceId>,
}

/// Provision-to-provision links between two instruments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Crosswalk {
    /// `<from>--<to>`, the file name without `.toml`.
    pub id: String,
    pub from: InstrumentId,
    pub to: InstrumentId,
    #[serde(default)]
    pub links: Vec<CrosswalkLink>,
    pub sources: Vec<Source>,
}
