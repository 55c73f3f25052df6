//! The JSON API under `/api/v1`: the CLI's queries over HTTP, with the same result shapes.

use accord_analytics::{Snapshot, Step, alignment, changes, crosswalk, fragmentation, view};
use accord_atlas::model::{Binding, BodyKind, Mechanism};
use accord_atlas::query::InstrumentFilter;
use accord_atlas::{BodyId, CountryCode, InstrumentId, PartialDate, PartyRef, TopicId};
use accord_navigator::Profile;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::error::ApiError;
use crate::params::{JsonBody, Params, as_of, date_param, enum_param};
use crate::state::AppState;

type ApiResult<T> = Result<Json<T>, ApiError>;

#[derive(Debug, Default, Deserialize)]
pub struct AsOf {
    pub as_of: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct InstrumentQuery {
    pub mechanism: Option<String>,
    pub binding: Option<String>,
    pub party: Option<String>,
    pub body: Option<String>,
    pub topic: Option<String>,
    pub search: Option<String>,
    pub as_of: Option<String>,
}

impl InstrumentQuery {
    /// The filter, with every id checked against the atlas.
    pub fn filter(&self, state: &AppState) -> Result<InstrumentFilter, ApiError> {
        let party = match self.party.as_deref().filter(|p| !p.is_empty()) {
            None => None,
            Some(text) => match PartyRef::parse(text) {
                PartyRef::Invalid(_) => {
                    return Err(ApiError::bad_input(
                        StatusCode::BAD_REQUEST,
                        "bad-parameter",
                        "party",
                        format!("{text:?} is neither an ISO 3166-1 alpha-2 code nor a body id"),
                    ));
                }
                party => Some(party),
            },
        };
        let body = self.body.as_deref().filter(|b| !b.is_empty()).map(BodyId::from);
        if let Some(id) = &body
            && state.atlas.body(id).is_none()
        {
            return Err(ApiError::bad_input(
                StatusCode::BAD_REQUEST,
                "unknown-body",
                "body",
                format!("unknown body {:?}", id.as_str()),
            ));
        }
        let topic = self.topic.as_deref().filter(|t| !t.is_empty()).map(TopicId::from);
        if let Some(id) = &topic
            && state.atlas.topic(id).is_none()
        {
            let topics = state.atlas.topics().iter().map(|t| t.id.to_string()).collect();
            return Err(ApiError::bad_input(
                StatusCode::BAD_REQUEST,
                "unknown-topic",
                "topic",
                format!("unknown topic {:?}", id.as_str()),
            )
            .with_allowed(topics));
        }
        Ok(InstrumentFilter {
            mechanism: enum_param::<Mechanism>("mechanism", self.mechanism.as_deref())?,
            binding: enum_param::<Binding>("binding", self.binding.as_deref())?,
            party,
            body,
            topic,
            search: self.search.clone().filter(|s| !s.is_empty()),
        })
    }
}

pub async fn instruments(
    State(state): State<AppState>,
    Params(q): Params<InstrumentQuery>,
) -> ApiResult<accord_atlas::query::InstrumentList> {
    let filter = q.filter(&state)?;
    Ok(Json(state.atlas.list_instruments(&filter, as_of(&q.as_of)?)))
}

pub async fn instrument(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Params(q): Params<AsOf>,
) -> ApiResult<accord_atlas::query::InstrumentDetail> {
    let date = as_of(&q.as_of)?;
    state
        .atlas
        .instrument_detail(&InstrumentId::from(id.as_str()), date)
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("no instrument with id {id:?}")))
}

#[derive(Debug, Default, Deserialize)]
pub struct BodiesQuery {
    pub kind: Option<String>,
    pub as_of: Option<String>,
}

pub async fn bodies(
    State(state): State<AppState>,
    Params(q): Params<BodiesQuery>,
) -> ApiResult<accord_atlas::query::BodyList> {
    let kind = enum_param::<BodyKind>("kind", q.kind.as_deref())?;
    Ok(Json(state.atlas.list_bodies(kind, as_of(&q.as_of)?)))
}

pub async fn body(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Params(q): Params<AsOf>,
) -> ApiResult<accord_atlas::query::BodyDetail> {
    let date = as_of(&q.as_of)?;
    state
        .atlas
        .body_detail(&BodyId::from(id.as_str()), date)
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("no body with id {id:?}")))
}

/// A country code from the path: 404 when ISO 3166-1 assigns no such code.
pub fn country_code(text: &str) -> Result<CountryCode, ApiError> {
    CountryCode::parse(&text.to_ascii_uppercase())
        .ok_or_else(|| ApiError::not_found(format!("{text:?} is not an ISO 3166-1 alpha-2 country code")))
}

pub async fn countries(
    State(state): State<AppState>,
    Params(q): Params<AsOf>,
) -> ApiResult<accord_atlas::query::CountryList> {
    Ok(Json(state.atlas.list_countries(as_of(&q.as_of)?)))
}

pub async fn country(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Params(q): Params<AsOf>,
) -> ApiResult<accord_atlas::query::CountryProfile> {
    let code = country_code(&code)?;
    Ok(Json(state.atlas.country_profile(code, as_of(&q.as_of)?)))
}

#[derive(Debug, Default, Deserialize)]
pub struct CompareQuery {
    pub states: Option<String>,
    pub as_of: Option<String>,
    pub history: Option<String>,
    pub from: Option<String>,
}

/// The most dates a history may have: a century, month by month.
pub const MAX_POINTS: usize = 1200;

/// Refuses a history with more than [`MAX_POINTS`] dates before computing any of them.
fn check_points(from: PartialDate, to: PartialDate, step: Step) -> Result<(), ApiError> {
    let points = accord_analytics::steps(from, to, step)?.len();
    if points > MAX_POINTS {
        return Err(ApiError::bad_input(
            StatusCode::BAD_REQUEST,
            "bad-range",
            "from",
            format!("from {from} to {to} makes {points} dates; at most {MAX_POINTS}: narrow the range or step by year"),
        ));
    }
    Ok(())
}

/// The first of January `years` before `date`, or of year 0 when that is earlier.
fn years_before(date: PartialDate, years: i16) -> Result<PartialDate, ApiError> {
    PartialDate::from_ymd((date.year() - years).max(0), 1, 1).map_err(|e| ApiError::internal(e.to_string()))
}

/// A comma-separated list of country codes.
pub fn state_list(name: &str, text: Option<&str>) -> Result<Vec<CountryCode>, ApiError> {
    let text = text.unwrap_or("");
    let codes: Result<Vec<_>, _> = text
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| {
            CountryCode::parse(&t.to_ascii_uppercase()).ok_or_else(|| {
                ApiError::bad_input(
                    StatusCode::BAD_REQUEST,
                    "bad-parameter",
                    name,
                    format!("{t:?} is not an ISO 3166-1 alpha-2 code"),
                )
            })
        })
        .collect();
    // Each state once, in the order given: at most every assigned code, so the pairs stay few.
    let mut codes = codes?;
    let mut seen = std::collections::HashSet::new();
    codes.retain(|c| seen.insert(*c));
    if codes.len() < 2 {
        return Err(ApiError::bad_input(
            StatusCode::BAD_REQUEST,
            "bad-parameter",
            name,
            "give at least two different comma-separated country codes, such as US,GB",
        ));
    }
    Ok(codes)
}

pub async fn compare(State(state): State<AppState>, Params(q): Params<CompareQuery>) -> Result<Response, ApiError> {
    let states = state_list("states", q.states.as_deref())?;
    let date = as_of(&q.as_of)?;
    let step = match q.history.as_deref() {
        None | Some("") => None,
        Some("year") => Some(Step::Year),
        Some("month") => Some(Step::Month),
        Some(other) => {
            return Err(ApiError::bad_input(
                StatusCode::BAD_REQUEST,
                "bad-parameter",
                "history",
                format!("unknown step {other:?}"),
            )
            .with_allowed(vec!["year".into(), "month".into()]));
        }
    };
    let atlas = state.atlas.clone();
    let from = match date_param("from", q.from.as_deref())? {
        Some(from) => from,
        None => years_before(date, 10)?,
    };
    if let Some(step) = step {
        check_points(from, date, step)?;
    }
    blocking(move || match step {
        None => Ok(Json(alignment::compare(&atlas, &Snapshot::build(&atlas, date), &states)).into_response()),
        Some(step) => Ok(Json(view::compare_history(&atlas, &states, from, date, step)?).into_response()),
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
pub struct GroupQuery {
    pub group: Option<String>,
    pub as_of: Option<String>,
    pub cut: Option<String>,
}

fn cut(text: Option<&str>) -> Result<f64, ApiError> {
    let bad =
        || ApiError::bad_input(StatusCode::BAD_REQUEST, "bad-parameter", "cut", "cut must be a number between 0 and 1");
    let cut = match text.filter(|t| !t.is_empty()) {
        None => accord_analytics::DEFAULT_CUT,
        Some(text) => text.trim().parse::<f64>().map_err(|_| bad())?,
    };
    if (0.0..=1.0).contains(&cut) { Ok(cut) } else { Err(bad()) }
}

fn group_name(group: &Option<String>) -> Result<String, ApiError> {
    group.clone().filter(|g| !g.is_empty()).ok_or_else(|| {
        ApiError::bad_input(
            StatusCode::BAD_REQUEST,
            "bad-parameter",
            "group",
            "the group parameter is required (g7, g20, eu, asean, oecd, ai-safety-summit, all, or a list of codes)",
        )
    })
}

pub async fn matrix(State(state): State<AppState>, Params(q): Params<GroupQuery>) -> ApiResult<view::GroupView> {
    let (group, date, cut) = (group_name(&q.group)?, as_of(&q.as_of)?, cut(q.cut.as_deref())?);
    let atlas = state.atlas.clone();
    blocking(move || Ok(Json(view::group_view(&atlas, &group, date, cut)?))).await
}

#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct CoalitionsView {
    pub as_of: PartialDate,
    pub group: String,
    pub cut: f64,
    pub coalitions: Vec<accord_analytics::Coalition>,
}

pub async fn coalitions(State(state): State<AppState>, Params(q): Params<GroupQuery>) -> ApiResult<CoalitionsView> {
    let (group, date, cut) = (group_name(&q.group)?, as_of(&q.as_of)?, cut(q.cut.as_deref())?);
    let atlas = state.atlas.clone();
    blocking(move || {
        let v = view::group_view(&atlas, &group, date, cut)?;
        Ok(Json(CoalitionsView { as_of: v.as_of, group: v.group, cut: v.cut, coalitions: v.coalitions }))
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
pub struct FragmentationQuery {
    pub group: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub step: Option<String>,
    pub cut: Option<String>,
}

pub async fn fragmentation(
    State(state): State<AppState>,
    Params(q): Params<FragmentationQuery>,
) -> ApiResult<fragmentation::FragmentationHistory> {
    let group = group_name(&q.group)?;
    let to = date_param("to", q.to.as_deref())?.unwrap_or_else(PartialDate::today);
    let from = date_param("from", q.from.as_deref())?
        .unwrap_or(PartialDate::from_ymd(2017, 1, 1).map_err(|e| ApiError::internal(e.to_string()))?);
    let step = match q.step.as_deref() {
        None | Some("") | Some("year") => Step::Year,
        Some("month") => Step::Month,
        Some(other) => {
            return Err(ApiError::bad_input(
                StatusCode::BAD_REQUEST,
                "bad-parameter",
                "step",
                format!("unknown step {other:?}"),
            )
            .with_allowed(vec!["year".into(), "month".into()]));
        }
    };
    let cut = cut(q.cut.as_deref())?;
    check_points(from, to, step)?;
    let atlas = state.atlas.clone();
    blocking(move || {
        let dates = accord_analytics::steps(from, to, step)?;
        Ok(Json(fragmentation::history(&atlas, &group, &dates, cut)?))
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
pub struct QueryQuery {
    pub q: Option<String>,
    pub as_of: Option<String>,
}

pub async fn query(
    State(state): State<AppState>,
    Params(q): Params<QueryQuery>,
) -> ApiResult<accord_analytics::query::QueryResult> {
    let text = q.q.clone().filter(|t| !t.is_empty()).ok_or_else(|| {
        ApiError::bad_input(
            StatusCode::BAD_REQUEST,
            "bad-parameter",
            "q",
            "the q parameter holds the query, e.g. signed(bletchley-declaration) and not member(eu)",
        )
    })?;
    let date = as_of(&q.as_of)?;
    Ok(Json(accord_analytics::query::run(&state.atlas, &text, date).map_err(accord_analytics::AnalyticsError::from)?))
}

#[derive(Debug, Default, Deserialize)]
pub struct CrosswalkQuery {
    pub against: Option<String>,
}

pub async fn crosswalk_subject(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Params(q): Params<CrosswalkQuery>,
) -> ApiResult<crosswalk::Harmonisation> {
    let against: Vec<InstrumentId> = q
        .against
        .as_deref()
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(InstrumentId::from)
        .collect();
    Ok(Json(crosswalk::harmonisation(&state.atlas, &id, (!against.is_empty()).then_some(against.as_slice()))?))
}

pub async fn crosswalk_export(State(state): State<AppState>) -> ApiResult<crosswalk::OscalDocument> {
    let all = crosswalk::select(&state.atlas, None, None);
    let today = format!("{}T00:00:00Z", PartialDate::today());
    Ok(Json(crosswalk::oscal(&all, &today)))
}

#[derive(Debug, Default, Deserialize)]
pub struct ChangesQuery {
    pub from: Option<String>,
    pub to: Option<String>,
}

fn change_range(q: &ChangesQuery) -> Result<(PartialDate, PartialDate), ApiError> {
    let to = date_param("to", q.to.as_deref())?.unwrap_or_else(PartialDate::today);
    let from = match date_param("from", q.from.as_deref())? {
        Some(from) => from,
        None => years_before(to, 1)?,
    };
    Ok((from, to))
}

pub async fn changes(State(state): State<AppState>, Params(q): Params<ChangesQuery>) -> ApiResult<changes::ChangeLog> {
    let (from, to) = change_range(&q)?;
    Ok(Json(changes::between(&state.atlas, from, to)?))
}

pub async fn changes_atom(
    State(state): State<AppState>,
    Params(q): Params<ChangesQuery>,
) -> Result<Response, ApiError> {
    let (from, to) = change_range(&q)?;
    let log = changes::between(&state.atlas, from, to)?;
    Ok(([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], changes::atom(&log)).into_response())
}

pub async fn assess(
    State(state): State<AppState>,
    Params(q): Params<AsOf>,
    JsonBody(body): JsonBody,
) -> ApiResult<accord_navigator::Assessment> {
    let date = crate::params::date_param("as_of", q.as_of.as_deref())?;
    let profile = Profile::from_value(body)?;
    let navigator = state.navigator.clone();
    blocking(move || Ok(Json(navigator.assess(&profile, date)?))).await
}

/// A saved assessment's permanent address and content.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct Saved {
    pub id: String,
    /// The page of the saved assessment.
    pub url: String,
    pub saved: crate::db::SavedAssessment,
}

pub async fn save_assessment(
    State(state): State<AppState>,
    Params(q): Params<AsOf>,
    JsonBody(body): JsonBody,
) -> Result<(StatusCode, Json<Saved>), ApiError> {
    let saved = save(&state, body, q.as_of.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(Saved { url: format!("/assessments/{}", saved.id), id: saved.id.clone(), saved })))
}

/// Assesses and stores a profile; nothing is stored when the profile is invalid.
pub async fn save(
    state: &AppState,
    body: serde_json::Value,
    as_of: Option<&str>,
) -> Result<crate::db::SavedAssessment, ApiError> {
    let date = date_param("as_of", as_of)?;
    let profile = Profile::from_value(body.clone())?;
    let navigator = state.navigator.clone();
    let assessment = blocking(move || Ok(navigator.assess(&profile, date)?)).await?;
    let result = serde_json::to_value(&assessment).map_err(|e| ApiError::internal(e.to_string()))?;
    Ok(state.db.save(&assessment.system, &assessment.as_of.to_string(), &body, &result).await?)
}

pub async fn saved_assessment(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<crate::db::SavedAssessment> {
    state
        .db
        .load(&id)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("no saved assessment with id {id:?}")))
}

pub async fn schema() -> Json<serde_json::Value> {
    Json(accord_atlas::schema::data_schema())
}

pub async fn openapi() -> Json<serde_json::Value> {
    Json(crate::routes::openapi())
}

/// Runs CPU-heavy analytics off the async workers.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work).await.map_err(|e| ApiError::internal(format!("the computation failed: {e}")))?
}

/// A name to screen against the server's restricted-party lists.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScreenRequest {
    pub name: String,
    /// A country name or ISO code, to sharpen the score.
    pub country: Option<String>,
    /// `person` or `organization`.
    pub kind: Option<String>,
    /// Report matches scoring at least this (0 to 1); default the engine's default threshold.
    pub threshold: Option<f32>,
    /// At most this many matches; default 10.
    pub limit: Option<usize>,
}

fn screener(state: &AppState) -> Result<&accord_screening::Screener, ApiError> {
    state.screener.as_deref().ok_or_else(|| {
        ApiError::new(
            StatusCode::CONFLICT,
            "no-lists",
            "this server has no restricted-party lists loaded; start it with --list FILE",
        )
    })
}

pub async fn screen(State(state): State<AppState>, JsonBody(body): JsonBody) -> Result<Response, ApiError> {
    let request: ScreenRequest = serde_json::from_value(body).map_err(|e| {
        ApiError::bad_input(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-request",
            "",
            format!("bad screening request: {e}"),
        )
    })?;
    if request.name.trim().is_empty() {
        return Err(ApiError::bad_input(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-request",
            "name",
            "the name is empty",
        ));
    }
    let threshold = request.threshold.unwrap_or(accord_screening::DEFAULT_THRESHOLD);
    if !(0.0..=1.0).contains(&threshold) {
        return Err(ApiError::bad_input(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-request",
            "threshold",
            "the threshold is between 0 and 1",
        ));
    }
    let kind = match request.kind.as_deref() {
        None => None,
        Some("person") => Some(accord_screening::EntityKind::Person),
        Some("organization") => Some(accord_screening::EntityKind::Organization),
        Some(other) => {
            return Err(ApiError::bad_input(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid-request",
                "kind",
                format!("unknown kind {other:?}"),
            )
            .with_allowed(vec!["person".into(), "organization".into()]));
        }
    };
    let query = accord_screening::Query {
        name: request.name.clone(),
        kind,
        country: request.country.clone(),
        birth_date: None,
    };
    let options = accord_screening::Options { threshold, limit: request.limit.unwrap_or(10).clamp(1, 100) };
    let matches = screener(&state)?.screen(&query, &options);
    Ok(Json(serde_json::json!({"name": request.name, "threshold": threshold, "matches": matches})).into_response())
}

pub async fn export_check(
    State(state): State<AppState>,
    Params(q): Params<AsOf>,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    let date = date_param("as_of", q.as_of.as_deref())?;
    let package =
        accord_exports::Package::parse(&body.to_string(), accord_exports::PackageFormat::Json).map_err(|e| {
            ApiError::bad_input(StatusCode::UNPROCESSABLE_ENTITY, "invalid-package", &e.path, e.message.clone())
                .with_allowed(e.allowed.clone())
        })?;
    let atlas = state.atlas.clone();
    let screener = state.screener.clone();
    blocking(move || {
        let result = accord_exports::check(&atlas, screener.as_deref(), &package, date).map_err(|e| {
            ApiError::bad_input(StatusCode::UNPROCESSABLE_ENTITY, "invalid-package", &e.path, e.message.clone())
                .with_allowed(e.allowed.clone())
        })?;
        Ok(Json(result).into_response())
    })
    .await
}
