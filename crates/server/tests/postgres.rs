//! Saved assessments on PostgreSQL, as deployments with several instances run them.
//!
//! Runs against the database named by `ACCORD_TEST_POSTGRES` (such as
//! `postgres://postgres@127.0.0.1:5432/test`); without it the test says why and skips, unless
//! `ACCORD_REQUIRE_POSTGRES=1`, when a missing or unreachable database fails it.

mod common;

use accord_server::Db;
use common::{Server, general_purpose_profile};
use reqwest::StatusCode;
use serde_json::json;

/// The test database, or `None` when PostgreSQL tests are to be skipped.
async fn connect() -> Option<Db> {
    let required = std::env::var("ACCORD_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
    let Ok(url) = std::env::var("ACCORD_TEST_POSTGRES") else {
        assert!(!required, "ACCORD_REQUIRE_POSTGRES=1 but ACCORD_TEST_POSTGRES is not set");
        eprintln!(
            "skipped: set ACCORD_TEST_POSTGRES=postgres://USER@HOST:PORT/DB to test saved assessments on PostgreSQL"
        );
        return None;
    };
    match Db::connect(&url).await {
        Ok(db) => Some(db),
        Err(e) if !required => {
            eprintln!("skipped: cannot reach PostgreSQL at {url}: {e}");
            None
        }
        Err(e) => panic!("ACCORD_REQUIRE_POSTGRES=1 but PostgreSQL at {url} is unreachable: {e}"),
    }
}

#[tokio::test]
async fn saved_assessments_on_postgres() {
    let Some(db) = connect().await else { return };
    // Migrations are idempotent: a second instance starting against the same database changes nothing.
    let url = std::env::var("ACCORD_TEST_POSTGRES").expect("set when connected");
    let again = Db::connect(&url).await.expect("connecting twice runs the migrations again without error");
    assert!(again.ready().await);

    let profile =
        json!({"name": "pg round trip", "kinds": ["generative"], "roles": ["provider"], "established_in": "FR"});
    let result = json!({"system": "pg round trip", "unicode": "日本 🙂", "quote": "it's \"quoted\""});
    let saved = db.save("pg round trip", "2025-06-01", &profile, &result).await.expect("saved");
    let loaded = again.load(&saved.id).await.expect("loaded").expect("found by the other connection");
    assert_eq!((loaded.system.as_str(), loaded.as_of.as_str()), ("pg round trip", "2025-06-01"));
    assert_eq!(loaded.profile, profile);
    assert_eq!(loaded.assessment, result);
    assert_eq!(loaded.created_at, saved.created_at);
    assert!(db.load("no-such-id").await.expect("a query").is_none());

    // Over HTTP: saved through one instance, read through another.
    let first = Server::start_with(db).await;
    let second = Server::start_with(again).await;
    let saved =
        first.post_json("/api/v1/assessments?as_of=2025-06-01", &general_purpose_profile(), StatusCode::CREATED).await;
    let id = saved["id"].as_str().expect("an id");
    let loaded = second.get_json(&format!("/api/v1/assessments/{id}"), StatusCode::OK).await;
    assert_eq!(loaded["system"], "Example general-purpose model");
    assert_eq!(loaded["profile"], general_purpose_profile());
    assert_eq!(loaded["assessment"], saved["saved"]["assessment"]);
    let missing = second.get_json("/api/v1/assessments/0123456789abcdef", StatusCode::NOT_FOUND).await;
    assert_eq!(missing["code"], "not-found");
    assert_eq!(second.get("/readyz").await.status(), StatusCode::OK);
}
