//! The API's routes, declared once: the router and the OpenAPI document are both built from this table,
//! so the document cannot drift from what the server answers.

use axum::Router;
use axum::routing::{MethodRouter, get, post};
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value, json};

use crate::api;
use crate::error::ErrorBody;
use crate::state::AppState;

/// Where a parameter goes.
#[derive(Clone, Copy)]
pub enum In {
    Path,
    Query,
}

/// One documented parameter.
#[derive(Clone)]
pub struct Param {
    pub name: &'static str,
    pub location: In,
    pub required: bool,
    pub description: &'static str,
}

const fn path(name: &'static str, description: &'static str) -> Param {
    Param { name, location: In::Path, required: true, description }
}

const fn query(name: &'static str, description: &'static str) -> Param {
    Param { name, location: In::Query, required: false, description }
}

const AS_OF: Param = query("as_of", "Answer as of this date (YYYY, YYYY-MM or YYYY-MM-DD); default today.");
const GROUP: Param = Param {
    name: "group",
    location: In::Query,
    required: true,
    description: "g7, g20, eu, asean, oecd, ai-safety-summit, all, or a comma-separated list of ISO codes.",
};
const CUT: Param = query("cut", "Distance (1 - alignment) up to which clusters merge into a coalition; default 0.5.");

type SchemaFn = fn(&mut SchemaGenerator) -> Schema;

fn schema<T: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
    generator.subschema_for::<T>()
}

/// One operation of the API.
pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
    pub operation: &'static str,
    pub summary: &'static str,
    pub params: Vec<Param>,
    /// The request body's schema, for operations that take one.
    pub request: Option<SchemaFn>,
    pub response: SchemaFn,
    /// The status and media type of a success.
    pub status: u16,
    pub media: &'static str,
    pub handler: fn() -> MethodRouter<AppState>,
}

const JSON: &str = "application/json";

/// Every API operation.
pub fn routes() -> Vec<Route> {
    use accord_analytics as an;
    use accord_atlas::query as q;
    let instrument_filters = vec![
        query(
            "mechanism",
            "Only this layer: treaty, multilateral, bilateral, soft-law, industry, sector, domestic, trade, export-control, standard.",
        ),
        query("binding", "Only this binding effect: binding, non-binding, voluntary."),
        query("party", "Only instruments this state (ISO alpha-2) or body is party to on the date."),
        query("body", "Only instruments adopted by this body or with it as a party."),
        query("topic", "Only instruments with a provision on this topic."),
        query("search", "Only instruments whose id, names, aliases or summary contain this text."),
        AS_OF,
    ];
    vec![
        Route {
            method: "get",
            path: "/api/v1/instruments",
            operation: "listInstruments",
            summary: "List instruments, with filters",
            params: instrument_filters,
            request: None,
            response: schema::<q::InstrumentList>,
            status: 200,
            media: JSON,
            handler: || get(api::instruments),
        },
        Route {
            method: "get",
            path: "/api/v1/instruments/{id}",
            operation: "getInstrument",
            summary: "One instrument with its parties resolved as of a date",
            params: vec![path("id", "Instrument id"), AS_OF],
            request: None,
            response: schema::<q::InstrumentDetail>,
            status: 200,
            media: JSON,
            handler: || get(api::instrument),
        },
        Route {
            method: "get",
            path: "/api/v1/bodies",
            operation: "listBodies",
            summary: "List bodies",
            params: vec![query("kind", "Only bodies of this kind."), AS_OF],
            request: None,
            response: schema::<q::BodyList>,
            status: 200,
            media: JSON,
            handler: || get(api::bodies),
        },
        Route {
            method: "get",
            path: "/api/v1/bodies/{id}",
            operation: "getBody",
            summary: "One body with its members as of a date",
            params: vec![path("id", "Body id"), AS_OF],
            request: None,
            response: schema::<q::BodyDetail>,
            status: 200,
            media: JSON,
            handler: || get(api::body),
        },
        Route {
            method: "get",
            path: "/api/v1/countries",
            operation: "listCountries",
            summary: "Every country, with how many instruments it is party to and bodies it belongs to",
            params: vec![AS_OF],
            request: None,
            response: schema::<q::CountryList>,
            status: 200,
            media: JSON,
            handler: || get(api::countries),
        },
        Route {
            method: "get",
            path: "/api/v1/countries/{code}",
            operation: "getCountry",
            summary: "A country's memberships and instruments by layer",
            params: vec![path("code", "ISO 3166-1 alpha-2 code"), AS_OF],
            request: None,
            response: schema::<q::CountryProfile>,
            status: 200,
            media: JSON,
            handler: || get(api::country),
        },
        Route {
            method: "get",
            path: "/api/v1/compare",
            operation: "compare",
            summary: "Compare states: instruments in all, some or one, and alignment scores (or their history)",
            params: vec![
                Param {
                    name: "states",
                    location: In::Query,
                    required: true,
                    description: "Comma-separated ISO codes, at least two.",
                },
                AS_OF,
                query("history", "year or month: the scores' history instead"),
                query("from", "Start of the history; default ten years back."),
            ],
            request: None,
            response: schema::<an::Comparison>,
            status: 200,
            media: JSON,
            handler: || get(api::compare),
        },
        Route {
            method: "get",
            path: "/api/v1/matrix",
            operation: "matrix",
            summary: "A group's alignment matrix with its coalitions and fragmentation",
            params: vec![GROUP, AS_OF, CUT],
            request: None,
            response: schema::<an::view::GroupView>,
            status: 200,
            media: JSON,
            handler: || get(api::matrix),
        },
        Route {
            method: "get",
            path: "/api/v1/coalitions",
            operation: "coalitions",
            summary: "A group's coalitions",
            params: vec![GROUP, AS_OF, CUT],
            request: None,
            response: schema::<api::CoalitionsView>,
            status: 200,
            media: JSON,
            handler: || get(api::coalitions),
        },
        Route {
            method: "get",
            path: "/api/v1/fragmentation",
            operation: "fragmentation",
            summary: "A group's fragmentation index over time",
            params: vec![
                GROUP,
                query("from", "Start date; default 2017."),
                query("to", "End date; default today."),
                query("step", "year (default) or month"),
                CUT,
            ],
            request: None,
            response: schema::<an::fragmentation::FragmentationHistory>,
            status: 200,
            media: JSON,
            handler: || get(api::fragmentation),
        },
        Route {
            method: "get",
            path: "/api/v1/query",
            operation: "query",
            summary: "States satisfying a set expression over instruments and bodies",
            params: vec![
                Param {
                    name: "q",
                    location: In::Query,
                    required: true,
                    description: "The expression, e.g. signed(paris-statement-inclusive-sustainable-ai) and not signed(bletchley-declaration).",
                },
                AS_OF,
            ],
            request: None,
            response: schema::<an::query::QueryResult>,
            status: 200,
            media: JSON,
            handler: || get(api::query),
        },
        Route {
            method: "get",
            path: "/api/v1/crosswalk/{id}",
            operation: "harmonisation",
            summary: "Topic coverage, provision links and gaps of an instrument or forum",
            params: vec![
                path("id", "Instrument or body id"),
                query("against", "Comma-separated instrument ids to compare with; default all linked instruments."),
            ],
            request: None,
            response: schema::<an::crosswalk::Harmonisation>,
            status: 200,
            media: JSON,
            handler: || get(api::crosswalk_subject),
        },
        Route {
            method: "get",
            path: "/api/v1/crosswalk-export",
            operation: "crosswalkExport",
            summary: "Every crosswalk as an OSCAL mapping-style document",
            params: vec![],
            request: None,
            response: schema::<an::crosswalk::OscalDocument>,
            status: 200,
            media: JSON,
            handler: || get(api::crosswalk_export),
        },
        Route {
            method: "get",
            path: "/api/v1/changes",
            operation: "changes",
            summary: "Everything that changed between two dates",
            params: vec![
                query("from", "Start date; default the start of last year."),
                query("to", "End date; default today."),
            ],
            request: None,
            response: schema::<an::changes::ChangeLog>,
            status: 200,
            media: JSON,
            handler: || get(api::changes),
        },
        Route {
            method: "get",
            path: "/api/v1/changes.atom",
            operation: "changesFeed",
            summary: "The change log as an Atom feed",
            params: vec![query("from", "Start date."), query("to", "End date.")],
            request: None,
            response: |_| Schema::from(true),
            status: 200,
            media: "application/atom+xml",
            handler: || get(api::changes_atom),
        },
        Route {
            method: "post",
            path: "/api/v1/assess",
            operation: "assess",
            summary: "Assess an AI system profile: instruments per jurisdiction, obligations, plans",
            params: vec![query("as_of", "Assess as of this date, overriding the profile's own.")],
            request: Some(schema::<accord_navigator::Profile>),
            response: schema::<accord_navigator::Assessment>,
            status: 200,
            media: JSON,
            handler: || post(api::assess),
        },
        Route {
            method: "post",
            path: "/api/v1/assessments",
            operation: "saveAssessment",
            summary: "Assess a profile and save the result under a permanent link",
            params: vec![query("as_of", "Assess as of this date.")],
            request: Some(schema::<accord_navigator::Profile>),
            response: schema::<api::Saved>,
            status: 201,
            media: JSON,
            handler: || post(api::save_assessment),
        },
        Route {
            method: "get",
            path: "/api/v1/assessments/{id}",
            operation: "getAssessment",
            summary: "A saved assessment",
            params: vec![path("id", "Assessment id")],
            request: None,
            response: schema::<crate::db::SavedAssessment>,
            status: 200,
            media: JSON,
            handler: || get(api::saved_assessment),
        },
        Route {
            method: "get",
            path: "/api/v1/schema",
            operation: "dataSchema",
            summary: "The JSON Schema of the atlas data format",
            params: vec![],
            request: None,
            response: |_| Schema::from(true),
            status: 200,
            media: JSON,
            handler: || get(api::schema),
        },
        Route {
            method: "get",
            path: "/api/v1/openapi.json",
            operation: "openapi",
            summary: "This document",
            params: vec![],
            request: None,
            response: |_| Schema::from(true),
            status: 200,
            media: JSON,
            handler: || get(api::openapi),
        },
        Route {
            method: "post",
            path: "/api/v1/screen",
            operation: "screen",
            summary: "Screen a name against the restricted-party lists the server loaded (409 when it has none)",
            params: vec![],
            request: Some(schema::<api::ScreenRequest>),
            response: |_| Schema::from(true),
            status: 200,
            media: JSON,
            handler: || post(api::screen),
        },
        Route {
            method: "post",
            path: "/api/v1/export-check",
            operation: "exportCheck",
            summary: "Licence requirements per item and destination, and counterparty screening, for an export package",
            params: vec![query("as_of", "Check as of this date, overriding the package's own.")],
            request: Some(|_| Schema::from(true)),
            response: |_| Schema::from(true),
            status: 200,
            media: JSON,
            handler: || post(api::export_check),
        },
    ]
}

/// The API router, built from [`routes`].
pub fn api_router() -> Router<AppState> {
    let mut by_path: Vec<(&'static str, MethodRouter<AppState>)> = Vec::new();
    for route in routes() {
        match by_path.iter_mut().find(|(p, _)| *p == route.path) {
            Some((_, existing)) => *existing = std::mem::take(existing).merge((route.handler)()),
            None => by_path.push((route.path, (route.handler)())),
        }
    }
    by_path.into_iter().fold(Router::new(), |router, (path, method)| router.route(path, method))
}

/// The OpenAPI 3.1 document of [`routes`], with component schemas generated from the Rust types.
pub fn openapi() -> Value {
    // OpenAPI 3.1 schemas are JSON Schema 2020-12 (not the 3.0 dialect with `nullable`), kept as components.
    let mut generator = SchemaSettings::draft2020_12()
        .with(|s| {
            s.definitions_path = "/components/schemas".into();
            s.meta_schema = None;
        })
        .into_generator();
    let error = generator.subschema_for::<ErrorBody>();
    let mut paths: Map<String, Value> = Map::new();
    for route in routes() {
        let parameters: Vec<Value> = route
            .params
            .iter()
            .map(|p| {
                json!({
                    "name": p.name,
                    "in": match p.location { In::Path => "path", In::Query => "query" },
                    "required": p.required,
                    "description": p.description,
                    "schema": {"type": "string"}
                })
            })
            .collect();
        let mut operation = json!({
            "operationId": route.operation,
            "summary": route.summary,
            "parameters": parameters,
            "responses": {
                route.status.to_string(): {"description": "Success", "content": {route.media: {"schema": (route.response)(&mut generator).to_value()}}},
                "4XX": {"description": "Bad input or unknown id", "content": {JSON: {"schema": error.clone().to_value()}}}
            }
        });
        if let Some(request) = route.request {
            operation["requestBody"] =
                json!({"required": true, "content": {JSON: {"schema": request(&mut generator).to_value()}}});
        }
        let entry = paths.entry(route.path.to_owned()).or_insert_with(|| json!({}));
        entry[route.method] = operation;
    }
    let schemas: Map<String, Value> = generator.take_definitions(true).into_iter().collect();
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Accord API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The international governance of AI as a sourced, dated atlas, with a navigator for operators and analytics for analysts. Assessments are screening aids for compliance planning, not legal advice."
        },
        "paths": paths,
        "components": {"schemas": schemas}
    })
}
