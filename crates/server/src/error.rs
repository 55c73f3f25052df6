//! Errors as the API returns them: a stable JSON shape and the right status. No input yields a 5xx.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// The body of every error response: `{"code", "message", "path"?, "allowed"?}`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ErrorBody {
    /// A stable machine-readable code, such as `not-found` or `invalid-profile`.
    pub code: &'static str,
    pub message: String,
    /// The field path of bad input (`kinds[0]`, `as_of`), where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The allowed values at that path, where there is a short list of them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<String>,
}

/// An error with its HTTP status.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: ErrorBody,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self { status, body: ErrorBody { code, message: message.into(), path: None, allowed: Vec::new() } }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not-found", message)
    }

    /// A bad query parameter or field, named by its path.
    pub fn bad_input(status: StatusCode, code: &'static str, path: &str, message: impl Into<String>) -> Self {
        let mut error = Self::new(status, code, message);
        error.body.path = Some(path.to_owned());
        error
    }

    pub fn with_allowed(mut self, allowed: Vec<String>) -> Self {
        self.body.allowed = allowed;
        self
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body)).into_response()
    }
}

impl From<accord_navigator::ProfileError> for ApiError {
    fn from(error: accord_navigator::ProfileError) -> Self {
        let mut api = Self::bad_input(StatusCode::UNPROCESSABLE_ENTITY, "invalid-profile", &error.path, error.message);
        api.body.allowed = error.allowed;
        api
    }
}

impl From<accord_analytics::AnalyticsError> for ApiError {
    fn from(error: accord_analytics::AnalyticsError) -> Self {
        use accord_analytics::AnalyticsError::*;
        match &error {
            UnknownBody(_) | UnknownInstrument(_) | UnknownSubject(_) | NoInstruments(_) => {
                Self::not_found(error.to_string())
            }
            UnknownGroup { .. } => {
                Self::bad_input(StatusCode::BAD_REQUEST, "unknown-group", "group", error.to_string())
            }
            BadRange { .. } => Self::bad_input(StatusCode::BAD_REQUEST, "bad-range", "from", error.to_string()),
            Query(q) => {
                Self::bad_input(StatusCode::BAD_REQUEST, "bad-query", "q", format!("{q} (column {})", q.column))
            }
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        tracing::error!(%error, "database error");
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "storage-unavailable",
            "the database is unavailable; try again later",
        )
    }
}
