//! Starts the real application on a loopback port, as `accord serve` does, for tests that speak HTTP to it.

#![allow(dead_code)] // each test binary uses a different part of this module

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};

use accord_atlas::{Atlas, load};
use accord_server::{AppState, Db};
use reqwest::StatusCode;
use serde_json::Value;

/// The shipped atlas, loaded once per test binary.
pub fn atlas() -> Arc<Atlas> {
    static ATLAS: OnceLock<Arc<Atlas>> = OnceLock::new();
    ATLAS
        .get_or_init(|| Arc::new(Atlas::from_files(&load::embedded_files()).expect("the shipped atlas is valid")))
        .clone()
}

/// The screening library's OpenSanctions fixture list, as `accord serve --list` would load it.
pub fn fixture_screener() -> accord_screening::Screener {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../screening/tests/fixtures/opensanctions/targets.simple.csv");
    let loaded =
        accord_screening::load_file(&path, accord_screening::Strictness::Lenient).expect("the fixture list loads");
    accord_screening::Screener::new(loaded.entries)
}

/// A running server and a client for it. The server stops when the test's runtime ends.
pub struct Server {
    pub base: String,
    pub client: reqwest::Client,
    /// The server's database, to check what a request did or did not save.
    pub db: Db,
    /// Keeps the SQLite file alive as long as the server.
    _dir: Option<tempfile::TempDir>,
}

impl Server {
    /// The app over a fresh SQLite file in a temporary directory.
    pub async fn start() -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let url = format!("sqlite://{}", dir.path().join("accord.db").display());
        let db = Db::connect(&url).await.expect("the SQLite database opens");
        let mut server = Self::start_with(db).await;
        server._dir = Some(dir);
        server
    }

    /// The app over a database connected by the caller.
    pub async fn start_with(db: Db) -> Self {
        let listener =
            tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await.expect("a loopback port");
        let addr = listener.local_addr().expect("a bound address");
        let app = accord_server::app(AppState::new(atlas(), db.clone()).with_screener(fixture_screener()));
        tokio::spawn(async move { axum::serve(listener, app).await.expect("the server runs") });
        let client = reqwest::Client::builder().build().expect("an HTTP client");
        Self { base: format!("http://{addr}"), client, db, _dir: None }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    /// GETs `path` and returns its JSON body, asserting the status.
    pub async fn get_json(&self, path: &str, status: StatusCode) -> Value {
        json_of(self.get(path).await, status, path).await
    }

    pub async fn post_json(&self, path: &str, body: &Value, status: StatusCode) -> Value {
        let response =
            self.client.post(self.url(path)).json(body).send().await.unwrap_or_else(|e| panic!("POST {path}: {e}"));
        json_of(response, status, path).await
    }

    pub async fn post_bytes(&self, path: &str, body: Vec<u8>) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {path}: {e}"))
    }
}

/// The JSON body of a response, after checking its status and media type.
pub async fn json_of(response: reqwest::Response, status: StatusCode, what: &str) -> Value {
    let got = response.status();
    let media = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let text = response.text().await.unwrap_or_else(|e| panic!("{what}: unreadable body: {e}"));
    assert_eq!(got, status, "{what}: unexpected status; body: {text}");
    assert!(media.starts_with("application/json"), "{what}: content-type {media:?}, body: {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{what}: body is not JSON ({e}): {text}"))
}

/// Asserts an API error body: its code, and its path when one is expected.
pub fn assert_error(body: &Value, code: &str, path: Option<&str>) {
    assert_eq!(body["code"], code, "error code in {body}");
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()), "error message in {body}");
    if let Some(path) = path {
        assert_eq!(body["path"], path, "error path in {body}");
    }
}

/// The example general-purpose model profile as JSON.
pub fn general_purpose_profile() -> Value {
    let text = include_str!("../../../../examples/general-purpose-model.toml");
    let profile = accord_navigator::Profile::parse(text, accord_navigator::ProfileFormat::Toml)
        .expect("the example profile is valid");
    serde_json::to_value(profile).expect("a profile serialises")
}

/// Odd values for a parameter: empty, long, unicode, injection-like, numbers out of range.
pub fn odd_values() -> Vec<String> {
    let mut values: Vec<String> = [
        "",
        " ",
        "0",
        "-1",
        "1e309",
        "NaN",
        "inf",
        "-0",
        "18446744073709551616",
        "0000",
        "0001",
        "0005",
        "9999",
        "9999-12-31",
        "0000-01-01",
        "-2024",
        "2024-00-00",
        "2024-02-29",
        "2023-02-29",
        "2024-1",
        "2024--01",
        "+2024",
        "20240101",
        "year",
        "month",
        "all",
        "g20",
        "US,US",
        "US,,GB",
        ",",
        "us,gb,fr,de,it,jp,ca,cn,in,br,za,ru,au,kr,mx,id,tr,sa,ar",
        "EU",
        "'; DROP TABLE assessments; --",
        "\" OR 1=1 --",
        "<script>alert(1)</script>",
        "../../etc/passwd",
        "%00",
        "\u{0}",
        "\u{202e}gnp.exe",
        "日本",
        "🙂🙂🙂",
        "signed(",
        "not not not not",
        "(((((((((((((((((((((((((((((((((((((((((",
        "signed(bletchley-declaration) or member(g20) and not bound(eu-ai-act)",
        "{{7*7}}",
        "${jndi:ldap://x}",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    values.push("a".repeat(10_000));
    values.push("(".repeat(5_000));
    values.push("not ".repeat(2_000));
    values.push("é".repeat(3_000));
    values
}

pub fn encode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
