//! Accord's server: the HTTP API under `/api/v1` (described by an OpenAPI document built from the route
//! table) and the server-rendered web UI, over the immutable atlas and a database for saved assessments.
//!
//! It turns requests into calls to the atlas, navigator and analytics crates and renders their results;
//! it holds no query logic of its own.

pub mod api;
pub mod cache;
pub mod db;
pub mod error;
pub mod params;
pub mod routes;
pub mod state;
pub mod ui;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use accord_atlas::Atlas;
use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderName, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};

pub use crate::db::Db;
pub use crate::state::AppState;

/// The largest request body accepted, in bytes.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// How long a request may take before the server answers 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Where and how to serve.
#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    /// `sqlite://FILE` (created on first start) or `postgres://...`.
    pub database_url: String,
    /// Restricted-party list files to screen against (any format `accord screen` reads).
    pub lists: Vec<std::path::PathBuf>,
}

/// The whole application: API, UI, health checks and middleware.
pub fn app(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    Router::new()
        .merge(routes::api_router())
        .merge(ui::router())
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(CompressionLayer::new().quality(tower_http::CompressionLevel::Fastest))
        .layer(axum::middleware::from_fn_with_state(state.cache.clone(), cache::layer))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
        .layer(CatchPanicLayer::new())
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(move |request: &axum::http::Request<_>| {
                    let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
                    tracing::info_span!("request", method = %request.method(), uri = %request.uri(), request_id = %id)
                })
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .with_state(state)
}

async fn ready(State(state): State<AppState>) -> impl IntoResponse {
    if state.db.ready().await {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}

async fn not_found(uri: axum::http::Uri) -> axum::response::Response {
    if uri.path().starts_with("/api/") {
        error::ApiError::not_found(format!("no such endpoint: {}; see /api/v1/openapi.json", uri.path()))
            .into_response()
    } else {
        ui::not_found_page(uri.path()).into_response()
    }
}

/// Connects the database, binds and serves until Ctrl-C or SIGTERM, then drains in-flight requests.
pub async fn serve(atlas: Arc<Atlas>, config: Config) -> anyhow::Result<()> {
    let db = Db::connect(&config.database_url)
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the database {}: {e}", config.database_url))?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", config.addr))?;
    let local = listener.local_addr()?;
    let saved =
        db.count().await.map_err(|e| anyhow::anyhow!("cannot read the database {}: {e}", config.database_url))?;
    tracing::info!(address = %local, database = %config.database_url, saved, "serving Accord on http://{local}/");
    let mut state = AppState::new(atlas, db);
    if !config.lists.is_empty() {
        let mut entries = Vec::new();
        for path in &config.lists {
            let loaded = accord_screening::load_file(path, accord_screening::Strictness::Lenient)
                .map_err(|e| anyhow::anyhow!("cannot load the list {}: {e}", path.display()))?;
            tracing::info!(list = %path.display(), entries = loaded.entries.len(), problems = loaded.problems.len(), "list loaded");
            entries.extend(loaded.entries);
        }
        state = state.with_screener(accord_screening::Screener::new(entries));
    }
    axum::serve(listener, app(state)).with_graceful_shutdown(shutdown()).await?;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// Structured logs: JSON lines when not on a terminal, readable text when on one; `RUST_LOG` filters.
pub fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,tower_http=info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        let _ = builder.try_init();
    } else {
        let _ = builder.json().try_init();
    }
}
