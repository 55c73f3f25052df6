//! The server-rendered web UI: every page is HTML from a template over the same query results the API
//! returns; charts and maps are SVG drawn on the server, so the pages need no JavaScript.

mod visual;

use std::collections::BTreeMap;

use accord_atlas::model::{Binding, Mechanism, Role, SystemKind};
use accord_atlas::{CountryCode, InstrumentId, PartialDate};
use axum::Router;
use axum::extract::{Multipart, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use minijinja::{Environment, Value, context};
use serde::Deserialize;

use crate::api::{self, AsOf, InstrumentQuery};
use crate::error::ApiError;
use crate::params::{Params, as_of, date_param};
use crate::state::AppState;

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("home.html", include_str!("../../templates/home.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("instruments.html", include_str!("../../templates/instruments.html")),
    ("instrument.html", include_str!("../../templates/instrument.html")),
    ("countries.html", include_str!("../../templates/countries.html")),
    ("country.html", include_str!("../../templates/country.html")),
    ("bodies.html", include_str!("../../templates/bodies.html")),
    ("body.html", include_str!("../../templates/body.html")),
    ("compare.html", include_str!("../../templates/compare.html")),
    ("group.html", include_str!("../../templates/group.html")),
    ("changes.html", include_str!("../../templates/changes.html")),
    ("navigator.html", include_str!("../../templates/navigator.html")),
    ("assessment.html", include_str!("../../templates/assessment.html")),
    ("plan_table.html", include_str!("../../templates/plan_table.html")),
    ("message.html", include_str!("../../templates/message.html")),
];

const STYLESHEET: &str = include_str!("../../static/app.css");

/// How many years of fragmentation history the group page draws.
const HISTORY_YEARS: i16 = 10;

/// Groups offered on the group page.
const GROUPS: &[&str] = &["g7", "g20", "eu", "asean", "oecd", "ai-safety-summit", "all"];

/// The template environment, built once at start.
pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    for (name, source) in TEMPLATES {
        env.add_template(name, source).expect("templates are valid");
    }
    env.add_filter("full_date", |value: String| -> String {
        value.parse::<PartialDate>().map(|d| d.start().to_string()).unwrap_or_default()
    });
    // An RFC 3339 timestamp to the minute, for people.
    env.add_filter("minute", |value: String| -> String {
        value.parse::<jiff::Timestamp>().map(|t| t.strftime("%Y-%m-%d %H:%M UTC").to_string()).unwrap_or(value)
    });
    env
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/static/app.css", get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLESHEET) }))
        .route("/search", get(search))
        .route("/instruments", get(instruments))
        .route("/instruments/{id}", get(instrument))
        .route("/countries", get(countries))
        .route("/countries/{code}", get(country))
        .route("/bodies", get(bodies))
        .route("/bodies/{id}", get(body))
        .route("/compare", get(compare))
        .route("/groups", get(group_redirect))
        .route("/groups/{group}", get(group))
        .route("/changes", get(changes))
        .route("/navigator", get(navigator_form).post(navigator_submit))
        .route("/assessments/{id}", get(assessment))
        .route("/assessments/{id}/report.md", get(assessment_markdown))
}

/// A page, or an HTML error page with the status of the underlying error.
type Page = Result<Html<String>, PageError>;

pub struct PageError(StatusCode, String);

impl From<ApiError> for PageError {
    fn from(error: ApiError) -> Self {
        let mut message = error.body.message;
        if let Some(path) = error.body.path.filter(|p| !p.is_empty()) {
            message = format!("{message} (parameter {path})");
        }
        Self(error.status, message)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let title = if self.0 == StatusCode::NOT_FOUND { "Not found" } else { "That did not work" };
        let env = environment();
        let html = env
            .get_template("message.html")
            .and_then(|t| t.render(context! { title, message => self.1 }))
            .unwrap_or_else(|_| "error".to_owned());
        (self.0, Html(html)).into_response()
    }
}

pub fn not_found_page(path: &str) -> impl IntoResponse {
    PageError(StatusCode::NOT_FOUND, format!("There is no page at {path}."))
}

fn render(state: &AppState, name: &str, ctx: Value) -> Page {
    state
        .pages
        .get_template(name)
        .and_then(|t| t.render(ctx))
        .map(Html)
        .map_err(|e| PageError(StatusCode::INTERNAL_SERVER_ERROR, format!("the page could not be rendered: {e}")))
}

async fn home(State(state): State<AppState>) -> Page {
    render(&state, "home.html", context! { counts => Value::from_serialize(state.atlas.counts()) })
}

#[derive(Deserialize)]
struct SearchQuery {
    q: Option<String>,
}

async fn search(State(state): State<AppState>, Params(q): Params<SearchQuery>) -> Page {
    let query = q.q.unwrap_or_default();
    let needle = query.trim().to_lowercase();
    let (instruments, bodies, countries) = if needle.is_empty() {
        (Vec::new(), Vec::new(), Vec::new())
    } else {
        let filter = accord_atlas::query::InstrumentFilter { search: Some(needle.clone()), ..Default::default() };
        let instruments = state.atlas.list_instruments(&filter, PartialDate::today()).instruments;
        let bodies: Vec<_> = state
            .atlas
            .bodies()
            .iter()
            .filter(|b| {
                b.id.as_str().contains(&needle)
                    || b.name.to_lowercase().contains(&needle)
                    || b.short_name.as_ref().is_some_and(|s| s.to_lowercase().contains(&needle))
                    || b.aliases.iter().any(|a| a.to_lowercase().contains(&needle))
            })
            .map(|b| context! { id => b.id.as_str(), name => &b.name, kind => b.kind.as_str() })
            .collect();
        let countries: Vec<_> = CountryCode::all()
            .filter(|c| c.as_str().eq_ignore_ascii_case(&needle) || c.name().to_lowercase().contains(&needle))
            .map(|c| context! { code => c.as_str(), name => c.name() })
            .collect();
        (instruments, bodies, countries)
    };
    render(
        &state,
        "search.html",
        context! { query, instruments => Value::from_serialize(&instruments), bodies, countries },
    )
}

async fn instruments(State(state): State<AppState>, Params(q): Params<InstrumentQuery>) -> Page {
    let filter = q.filter(&state)?;
    let list = state.atlas.list_instruments(&filter, as_of(&q.as_of)?);
    let mechanisms: Vec<&str> = <Mechanism as strum::VariantArray>::VARIANTS.iter().map(|m| m.as_str()).collect();
    let bindings: Vec<&str> = <Binding as strum::VariantArray>::VARIANTS.iter().map(|m| m.as_str()).collect();
    let topics: Vec<_> =
        state.atlas.topics().iter().map(|t| context! { id => t.id.as_str(), name => &t.name }).collect();
    let filters = context! {
        mechanism => q.mechanism, binding => q.binding, party => q.party, topic => q.topic, search => q.search,
    };
    render(
        &state,
        "instruments.html",
        context! { list => Value::from_serialize(&list), mechanisms, bindings, topics, filters },
    )
}

async fn instrument(State(state): State<AppState>, Path(id): Path<String>, Params(q): Params<AsOf>) -> Page {
    let date = as_of(&q.as_of)?;
    let detail = state
        .atlas
        .instrument_detail(&InstrumentId::from(id.as_str()), date)
        .ok_or_else(|| PageError(StatusCode::NOT_FOUND, format!("There is no instrument with id {id:?}.")))?;
    let map = visual::party_map(&detail);
    let mut events = detail.instrument.events.clone();
    events.sort_by_key(|e| e.date);
    let timeline = visual::instrument_timeline(&detail.instrument);
    let mut by_topic: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for p in &detail.instrument.provisions {
        for t in &p.topics {
            let name = state.atlas.topic(t).map_or_else(|| t.to_string(), |t| t.name.clone());
            by_topic.entry(name).or_default().push(Value::from_serialize(p));
        }
    }
    let provisions_by_topic: Vec<_> =
        by_topic.into_iter().map(|(topic, provisions)| context! { topic, provisions }).collect();
    let links = visual::crosswalk_links(&state.atlas, &detail.instrument.id);
    render(
        &state,
        "instrument.html",
        context! {
            d => Value::from_serialize(&detail), map, timeline, events => Value::from_serialize(&events),
            provisions_by_topic, links,
        },
    )
}

async fn countries(State(state): State<AppState>, Params(q): Params<AsOf>) -> Page {
    let list = state.atlas.list_countries(as_of(&q.as_of)?);
    render(&state, "countries.html", context! { list => Value::from_serialize(&list) })
}

async fn country(State(state): State<AppState>, Path(code): Path<String>, Params(q): Params<AsOf>) -> Page {
    let code = api::country_code(&code)?;
    let profile = state.atlas.country_profile(code, as_of(&q.as_of)?);
    let mut layers: Vec<(Mechanism, Vec<Value>)> = Vec::new();
    for i in &profile.instruments {
        match layers.iter_mut().find(|(m, _)| *m == i.mechanism) {
            Some((_, items)) => items.push(Value::from_serialize(i)),
            None => layers.push((i.mechanism, vec![Value::from_serialize(i)])),
        }
    }
    let layers: Vec<_> = layers.into_iter().map(|(m, items)| context! { name => m.as_str(), items }).collect();
    let timeline = visual::country_timeline(&state.atlas, code, profile.as_of);
    render(&state, "country.html", context! { c => Value::from_serialize(&profile), layers, timeline })
}

async fn bodies(State(state): State<AppState>, Params(q): Params<AsOf>) -> Page {
    let list = state.atlas.list_bodies(None, as_of(&q.as_of)?);
    render(&state, "bodies.html", context! { list => Value::from_serialize(&list) })
}

async fn body(State(state): State<AppState>, Path(id): Path<String>, Params(q): Params<AsOf>) -> Page {
    let detail = state
        .atlas
        .body_detail(&accord_atlas::BodyId::from(id.as_str()), as_of(&q.as_of)?)
        .ok_or_else(|| PageError(StatusCode::NOT_FOUND, format!("There is no body with id {id:?}.")))?;
    let map = visual::member_map(&detail);
    render(&state, "body.html", context! { d => Value::from_serialize(&detail), map })
}

#[derive(Deserialize)]
struct CompareQuery {
    states: Option<String>,
    as_of: Option<String>,
}

async fn compare(State(state): State<AppState>, Params(q): Params<CompareQuery>) -> Page {
    let date = as_of(&q.as_of)?;
    let states_text = q.states.clone().unwrap_or_default();
    if states_text.trim().is_empty() {
        return render(&state, "compare.html", context! { states => "US,GB,FR", as_of => date.to_string() });
    }
    let codes = match api::state_list("states", Some(&states_text)) {
        Ok(codes) => codes,
        Err(e) => {
            return render(
                &state,
                "compare.html",
                context! { states => states_text, as_of => date.to_string(), error => e.body.message },
            );
        }
    };
    let cmp = accord_analytics::alignment::compare(
        &state.atlas,
        &accord_analytics::Snapshot::build(&state.atlas, date),
        &codes,
    );
    let sets = vec![
        context! { label => "all", items => Value::from_serialize(&cmp.in_all) },
        context! { label => "some", items => Value::from_serialize(&cmp.in_some) },
        context! { label => "one only", items => Value::from_serialize(&cmp.in_one) },
    ];
    let codes: Vec<&str> = codes.iter().map(|c| c.as_str()).collect();
    let cmp_value = Value::from_serialize(&cmp);
    render(
        &state,
        "compare.html",
        context! { states => states_text, as_of => date.to_string(), cmp => cmp_value, sets, codes },
    )
}

#[derive(Deserialize)]
struct GroupForm {
    group: Option<String>,
    as_of: Option<String>,
}

/// The group form's answer lives at the group's own address; what the form sent is encoded into it, so
/// that any input makes a valid location (and an unknown group a 4xx page there).
async fn group_redirect(Params(q): Params<GroupForm>) -> Redirect {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    // Group ids, lists of codes and dates keep their look.
    const KEPT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b',').remove(b'_').remove(b'.');
    let group = q.group.filter(|g| !g.is_empty()).unwrap_or_else(|| "g20".to_owned());
    let group = utf8_percent_encode(&group, KEPT);
    let as_of = q.as_of.filter(|a| !a.is_empty());
    let query = as_of.map(|a| format!("?as_of={}", utf8_percent_encode(&a, KEPT))).unwrap_or_default();
    Redirect::to(&format!("/groups/{group}{query}"))
}

async fn group(State(state): State<AppState>, Path(group): Path<String>, Params(q): Params<AsOf>) -> Page {
    let date = as_of(&q.as_of)?;
    let atlas = state.atlas.clone();
    let name = group.clone();
    let computed = tokio::task::spawn_blocking(move || {
        let view = accord_analytics::view::group_view(&atlas, &name, date, accord_analytics::DEFAULT_CUT)?;
        // The ten years up to the date: a point on each 1 January, and the date itself.
        let from = PartialDate::from_ymd((date.year() - HISTORY_YEARS + 1).max(1), 1, 1).expect("a valid year");
        let dates = accord_analytics::steps(from, date, accord_analytics::Step::Year)?;
        let history = accord_analytics::fragmentation::history(&atlas, &name, &dates, accord_analytics::DEFAULT_CUT)?;
        Ok::<_, accord_analytics::AnalyticsError>((view, history))
    })
    .await
    .map_err(|e| PageError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let (view, history) = computed.map_err(ApiError::from)?;
    let heatmap = visual::heatmap(&view);
    let line = visual::fragmentation_chart(&history);
    render(
        &state,
        "group.html",
        context! {
            group, groups => GROUPS, as_of => date.to_string(), view => Value::from_serialize(&view),
            history => Value::from_serialize(&history), heatmap, line,
        },
    )
}

#[derive(Deserialize)]
struct ChangesForm {
    from: Option<String>,
    to: Option<String>,
}

async fn changes(State(state): State<AppState>, Params(q): Params<ChangesForm>) -> Page {
    let to = date_param("to", q.to.as_deref())?.unwrap_or_else(PartialDate::today);
    let from = match date_param("from", q.from.as_deref())? {
        Some(from) => from,
        None => {
            PartialDate::from_ymd(to.year() - 1, 1, 1).map_err(|e| PageError(StatusCode::BAD_REQUEST, e.to_string()))?
        }
    };
    let log = accord_analytics::changes::between(&state.atlas, from, to).map_err(ApiError::from)?;
    render(
        &state,
        "changes.html",
        context! { from => from.to_string(), to => to.to_string(), log => Value::from_serialize(&log) },
    )
}

fn navigator_context(form: Value, error: Option<Value>) -> Value {
    let kinds: Vec<&str> = <SystemKind as strum::VariantArray>::VARIANTS.iter().map(|k| k.as_str()).collect();
    let roles: Vec<&str> = <Role as strum::VariantArray>::VARIANTS.iter().map(|r| r.as_str()).collect();
    context! { kinds, roles, form, error }
}

async fn navigator_form(State(state): State<AppState>) -> Page {
    render(&state, "navigator.html", navigator_context(Value::from(()), None))
}

/// The form's fields, as submitted.
#[derive(Default, serde::Serialize)]
struct NavigatorForm {
    name: String,
    kinds: Vec<String>,
    roles: Vec<String>,
    sectors: String,
    offered_in: String,
    deployed_in: String,
    developed_in: String,
    established_in: String,
    export_destinations: String,
    voluntary_codes: String,
    as_of: String,
    profile_text: String,
    profile_file: String,
}

impl NavigatorForm {
    /// The profile as JSON: the uploaded or pasted file if there is one, else the fields.
    fn profile(&self) -> Result<serde_json::Value, ApiError> {
        let text = if self.profile_file.trim().is_empty() { &self.profile_text } else { &self.profile_file };
        if !text.trim().is_empty() {
            let format = if text.trim_start().starts_with('{') {
                accord_navigator::ProfileFormat::Json
            } else {
                accord_navigator::ProfileFormat::Toml
            };
            let profile = accord_navigator::Profile::parse(text, format)?;
            return serde_json::to_value(profile).map_err(|e| ApiError::internal(e.to_string()));
        }
        let list = |text: &str| -> Vec<String> {
            text.split(',').map(|s| s.trim().to_uppercase()).filter(|s| !s.is_empty()).collect()
        };
        let words = |text: &str| -> Vec<String> {
            text.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect()
        };
        let mut profile = serde_json::json!({
            "name": self.name, "kinds": self.kinds, "roles": self.roles, "sectors": words(&self.sectors),
            "offered_in": list(&self.offered_in), "deployed_in": list(&self.deployed_in),
            "developed_in": list(&self.developed_in), "established_in": self.established_in.trim().to_uppercase(),
            "export_destinations": list(&self.export_destinations), "voluntary_codes": words(&self.voluntary_codes),
        });
        if !self.as_of.trim().is_empty() {
            profile["as_of"] = self.as_of.trim().into();
        }
        Ok(profile)
    }
}

async fn navigator_submit(State(state): State<AppState>, mut multipart: Multipart) -> Response {
    let mut form = NavigatorForm::default();
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or("").to_owned();
                let value = match field.text().await {
                    Ok(value) => value,
                    Err(e) => return form_error(e).into_response(),
                };
                match name.as_str() {
                    "name" => form.name = value,
                    "kinds" => form.kinds.push(value),
                    "roles" => form.roles.push(value),
                    "sectors" => form.sectors = value,
                    "offered_in" => form.offered_in = value,
                    "deployed_in" => form.deployed_in = value,
                    "developed_in" => form.developed_in = value,
                    "established_in" => form.established_in = value,
                    "export_destinations" => form.export_destinations = value,
                    "voluntary_codes" => form.voluntary_codes = value,
                    "as_of" => form.as_of = value,
                    "profile_text" => form.profile_text = value,
                    "profile_file" => form.profile_file = value,
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(e) => return form_error(e).into_response(),
        }
    }
    let result = match form.profile() {
        Ok(profile) => api::save(&state, profile, None).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(saved) => Redirect::to(&format!("/assessments/{}", saved.id)).into_response(),
        Err(error) => {
            let status = error.status;
            let error = Value::from_serialize(&error.body);
            match render(&state, "navigator.html", navigator_context(Value::from_serialize(&form), Some(error))) {
                Ok(html) => (status, html).into_response(),
                Err(e) => e.into_response(),
            }
        }
    }
}

/// A form that could not be read: too large (413) or malformed (400).
fn form_error(error: axum::extract::multipart::MultipartError) -> PageError {
    let status = error.status();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        PageError(status, format!("The form is larger than {} bytes; upload a smaller profile.", crate::BODY_LIMIT))
    } else {
        PageError(status, format!("The form could not be read: {}", error.body_text()))
    }
}

async fn saved(state: &AppState, id: &str) -> Result<crate::db::SavedAssessment, PageError> {
    state
        .db
        .load(id)
        .await
        .map_err(ApiError::from)?
        .ok_or_else(|| PageError(StatusCode::NOT_FOUND, format!("There is no saved assessment {id:?}.")))
}

async fn assessment(State(state): State<AppState>, Path(id): Path<String>) -> Page {
    let saved = saved(&state, &id).await?;
    let a = Value::from_serialize(&saved.assessment);
    render(&state, "assessment.html", context! { a, saved => Value::from_serialize(&saved) })
}

async fn assessment_markdown(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, PageError> {
    let saved = saved(&state, &id).await?;
    // The saved JSON is the record; the report is derived again from the saved profile and date, which gives
    // the same answer for the same atlas.
    let profile = accord_navigator::Profile::from_value(saved.profile.clone()).map_err(ApiError::from)?;
    let date = date_param("as_of", Some(&saved.as_of))?;
    let assessment = state.navigator.assess(&profile, date).map_err(ApiError::from)?;
    let md = accord_navigator::report::markdown(&assessment);
    Ok(([(header::CONTENT_TYPE, "text/markdown; charset=utf-8")], md).into_response())
}
