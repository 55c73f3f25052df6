//! Query parameters and bodies with errors that name the parameter: a bad date is a 400 with `path`, a
//! malformed body a 422, an oversized one a 413, always as JSON.

use accord_atlas::PartialDate;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// Query parameters deserialised from the URL, with a JSON 400 naming the parameter on failure.
pub struct Params<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        serde_urlencoded::from_str(parts.uri.query().unwrap_or("")).map(Params).map_err(|e| {
            // serde_urlencoded names the field between backticks in its messages.
            let message = e.to_string();
            let path = message.split('`').nth(1).unwrap_or("").to_owned();
            ApiError::bad_input(
                StatusCode::BAD_REQUEST,
                "bad-parameter",
                &path,
                format!("bad query parameter: {message}"),
            )
        })
    }
}

/// A JSON body: 413 when too large, 422 with the field path when malformed, 415 when not JSON.
pub struct JsonBody(pub serde_json::Value);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = axum::body::Bytes::from_request(request, state).await.map_err(|rejection| {
            let status = rejection.status();
            if status == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(
                    status,
                    "too-large",
                    format!("the request body is larger than {} bytes", crate::BODY_LIMIT),
                )
            } else {
                ApiError::new(StatusCode::BAD_REQUEST, "unreadable-body", rejection.body_text())
            }
        })?;
        let value = serde_json::from_slice(&bytes).map_err(|e| {
            ApiError::bad_input(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid-json",
                "",
                format!("the body is not valid JSON: {e} (line {}, column {})", e.line(), e.column()),
            )
        })?;
        Ok(Self(value))
    }
}

/// Parses an optional date parameter; default today.
pub fn as_of(text: &Option<String>) -> Result<PartialDate, ApiError> {
    date_param("as_of", text.as_deref()).map(|d| d.unwrap_or_else(PartialDate::today))
}

pub fn date_param(name: &str, text: Option<&str>) -> Result<Option<PartialDate>, ApiError> {
    text.filter(|t| !t.is_empty())
        .map(|t| {
            t.parse().map_err(|e: accord_atlas::date::DateError| {
                ApiError::bad_input(StatusCode::BAD_REQUEST, "bad-date", name, e.to_string())
            })
        })
        .transpose()
}

/// Parses an enumerated parameter, listing the allowed values when it fails.
pub fn enum_param<T>(name: &str, text: Option<&str>) -> Result<Option<T>, ApiError>
where
    T: std::str::FromStr<Err = accord_atlas::model::UnknownValue>,
{
    text.filter(|t| !t.is_empty())
        .map(|t| {
            t.parse::<T>().map_err(|e| {
                ApiError::bad_input(StatusCode::BAD_REQUEST, "bad-parameter", name, e.to_string())
                    .with_allowed(e.allowed.iter().map(|s| s.to_string()).collect())
            })
        })
        .transpose()
}
