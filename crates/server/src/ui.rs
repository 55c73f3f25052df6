//! The server-rendered web UI.

use axum::Router;
use axum::response::{Html, IntoResponse};

use crate::state::AppState;

pub fn environment() -> minijinja::Environment<'static> {
    minijinja::Environment::new()
}

pub fn router() -> Router<AppState> {
    Router::new()
}

pub fn not_found_page(path: &str) -> impl IntoResponse {
    (axum::http::StatusCode::NOT_FOUND, Html(format!("<h1>Not found</h1><p>{}</p>", minijinja::HtmlEscape(path))))
}
