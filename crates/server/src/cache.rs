//! A cache of successful answers to read requests, API and pages alike.
//!
//! The atlas is immutable, so a read answer depends only on the request's path and query, its
//! `Accept-Encoding` (which decides compression) and today's date (the default "as of"). Answers are kept
//! per day: the first request after midnight empties the cache. Saved assessments are read from the
//! database and health checks report the present, so neither is cached. The cache is bounded; when full
//! it is emptied, which only costs recomputation.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use accord_atlas::PartialDate;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// At most this many answers are kept.
const MAX_ENTRIES: usize = 2048;
/// Paths whose answers are never cached: they read the database or report the server's health.
const UNCACHED: &[&str] = &["/api/v1/assessments", "/assessments", "/healthz", "/readyz"];
/// At most this many body bytes are kept in all.
const MAX_BYTES: usize = 64 * 1024 * 1024;
/// A longer key (path, query and `Accept-Encoding`) is not cached.
const MAX_KEY: usize = 1024;

#[derive(Clone)]
struct Answer {
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Default)]
struct Entries {
    day: Option<PartialDate>,
    bytes: usize,
    answers: HashMap<String, Answer>,
}

/// Shared between the server's workers.
#[derive(Clone, Default)]
pub struct ResponseCache {
    entries: Arc<RwLock<Entries>>,
}

impl ResponseCache {
    fn get(&self, day: PartialDate, key: &str) -> Option<Answer> {
        let entries = self.entries.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        if entries.day != Some(day) {
            return None;
        }
        entries.answers.get(key).cloned()
    }

    fn put(&self, day: PartialDate, key: String, answer: Answer) {
        let mut entries = self.entries.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        if entries.day != Some(day)
            || entries.answers.len() >= MAX_ENTRIES
            || entries.bytes + answer.body.len() > MAX_BYTES
        {
            *entries = Entries { day: Some(day), ..Entries::default() };
        }
        if answer.body.len() <= MAX_BYTES {
            entries.bytes += answer.body.len();
            if let Some(old) = entries.answers.insert(key, answer) {
                entries.bytes -= old.body.len();
            }
        }
    }
}

/// The cache key of a request, or `None` when its answer is not to be cached.
fn key(request: &Request) -> Option<String> {
    if request.method() != Method::GET {
        return None;
    }
    let uri = request.uri();
    let path = uri.path();
    if UNCACHED.iter().any(|prefix| path.starts_with(prefix)) {
        return None;
    }
    let encoding = request.headers().get(header::ACCEPT_ENCODING).map(HeaderValue::as_bytes).unwrap_or_default();
    let encoding = std::str::from_utf8(encoding).ok()?;
    let key = format!("{encoding}\n{}", uri.path_and_query().map(|p| p.as_str()).unwrap_or(path));
    (key.len() <= MAX_KEY).then_some(key)
}

/// Middleware: answers a cacheable request from the cache, or computes and keeps a 200 answer.
pub async fn layer(State(cache): State<ResponseCache>, request: Request, next: Next) -> Response {
    let Some(key) = key(&request) else { return next.run(request).await };
    let day = PartialDate::today();
    if let Some(answer) = cache.get(day, &key) {
        let mut response = Response::new(Body::from(answer.body));
        *response.headers_mut() = answer.headers;
        return response;
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, MAX_BYTES).await {
        Ok(bytes) => {
            cache.put(day, key, Answer { headers: parts.headers.clone(), body: bytes.clone() });
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(error) => {
            tracing::error!(%error, "could not read a response body to cache it");
            crate::error::ApiError::internal("the response could not be produced").into_response()
        }
    }
}
