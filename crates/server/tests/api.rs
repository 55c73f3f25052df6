//! The API over real HTTP: every route of the table answers with the documented content, bad input gets
//! the documented JSON error, and no input makes the server answer 5xx.

mod common;

use std::io::Read;

use common::{Server, assert_error, encode, general_purpose_profile, json_of, odd_values};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// One request that succeeds for each operation of the route table, keyed by operation id.
fn example(operation: &str) -> Option<(&'static str, &'static str)> {
    Some(match operation {
        "listInstruments" => ("GET", "/api/v1/instruments?mechanism=treaty"),
        "getInstrument" => ("GET", "/api/v1/instruments/bletchley-declaration"),
        "listBodies" => ("GET", "/api/v1/bodies?kind=forum"),
        "getBody" => ("GET", "/api/v1/bodies/g7?as_of=2024-01-01"),
        "listCountries" => ("GET", "/api/v1/countries?as_of=2025-03-01"),
        "getCountry" => ("GET", "/api/v1/countries/US?as_of=2025-03-01"),
        "compare" => ("GET", "/api/v1/compare?states=US,GB,FR&as_of=2025-06-01"),
        "matrix" => ("GET", "/api/v1/matrix?group=g7&as_of=2025-06-01"),
        "coalitions" => ("GET", "/api/v1/coalitions?group=g7&as_of=2025-06-01"),
        "fragmentation" => ("GET", "/api/v1/fragmentation?group=g20&from=2020&to=2025-06-01"),
        "query" => ("GET", "/api/v1/query?q=signed(bletchley-declaration)&as_of=2025-06-01"),
        "harmonisation" => ("GET", "/api/v1/crosswalk/hiroshima-code-of-conduct"),
        "crosswalkExport" => ("GET", "/api/v1/crosswalk-export"),
        "changes" => ("GET", "/api/v1/changes?from=2024-01-01&to=2025-12-31"),
        "changesFeed" => ("GET", "/api/v1/changes.atom?from=2024-01-01&to=2025-12-31"),
        "assess" => ("POST", "/api/v1/assess"),
        "saveAssessment" => ("POST", "/api/v1/assessments"),
        "getAssessment" => ("GET", "/api/v1/assessments/{saved}"),
        "dataSchema" => ("GET", "/api/v1/schema"),
        "openapi" => ("GET", "/api/v1/openapi.json"),
        "screen" => ("POST", "/api/v1/screen"),
        "exportCheck" => ("POST", "/api/v1/export-check"),
        _ => return None,
    })
}

#[tokio::test]
async fn every_route_of_the_table_answers_its_documented_status_and_media_type() {
    let server = Server::start().await;
    let saved = server.post_json("/api/v1/assessments", &general_purpose_profile(), StatusCode::CREATED).await;
    let saved_id = saved["id"].as_str().expect("a saved id");
    for route in accord_server::routes::routes() {
        let (method, path) = example(route.operation)
            .unwrap_or_else(|| panic!("no example request for {} {}: add one to `example`", route.method, route.path));
        assert_eq!(method.to_ascii_lowercase(), route.method, "{}", route.operation);
        let path = path.replace("{saved}", saved_id);
        let response = match method {
            "GET" => server.get(&path).await,
            _ => server.client.post(server.url(&path)).json(&post_body(route.operation)).send().await.expect("POST"),
        };
        assert_eq!(response.status().as_u16(), route.status, "{method} {path}");
        let media = response.headers()["content-type"].to_str().expect("ASCII content type").to_owned();
        assert!(media.starts_with(route.media), "{method} {path}: {media} is not {}", route.media);
        assert!(!response.bytes().await.expect("a body").is_empty(), "{method} {path}: empty body");
    }
}

/// A JSON pointer token: `~` and `/` escaped.
fn pointer_token(text: &str) -> String {
    text.replace('~', "~0").replace('/', "~1")
}

#[tokio::test]
async fn every_json_answer_validates_against_its_documented_schema() {
    let server = Server::start().await;
    let saved = server.post_json("/api/v1/assessments", &general_purpose_profile(), StatusCode::CREATED).await;
    let saved_id = saved["id"].as_str().expect("a saved id");
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("accord://openapi.json", accord_server::routes::openapi()).expect("the document");
    let mut schemas = boon::Schemas::new();
    let mut checked = 0;
    for route in accord_server::routes::routes().into_iter().filter(|r| r.media == "application/json") {
        let (method, path) = example(route.operation).expect("an example request");
        let location = format!(
            "accord://openapi.json#/paths/{}/{}/responses/{}/content/{}/schema",
            pointer_token(route.path),
            route.method,
            route.status,
            pointer_token(route.media)
        );
        let schema = compiler
            .compile(&location, &mut schemas)
            .unwrap_or_else(|e| panic!("{}: the documented schema does not compile: {e:#}", route.operation));
        let path = path.replace("{saved}", saved_id);
        let response = match method {
            "GET" => server.get(&path).await,
            _ => server.client.post(server.url(&path)).json(&post_body(route.operation)).send().await.expect("POST"),
        };
        let answer = json_of(response, StatusCode::from_u16(route.status).expect("a status"), &path).await;
        if let Err(error) = schemas.validate(&answer, schema) {
            panic!("{method} {path}: the answer does not match its documented schema: {error:#}");
        }
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} answers checked");

    // The check is not vacuous: an answer with a field of the wrong type fails it.
    let location =
        "accord://openapi.json#/paths/~1api~1v1~1instruments/get/responses/200/content/application~1json/schema";
    let list = compiler.compile(location, &mut schemas).expect("compiles");
    let mut answer = server.get_json("/api/v1/instruments", StatusCode::OK).await;
    answer["count"] = json!("many");
    assert!(schemas.validate(&answer, list).is_err());
}

#[tokio::test]
async fn instrument_list_filters_by_mechanism() {
    let server = Server::start().await;
    let list = server.get_json("/api/v1/instruments?mechanism=treaty", StatusCode::OK).await;
    let instruments = list["instruments"].as_array().expect("instruments");
    assert!(!instruments.is_empty());
    assert_eq!(list["count"], instruments.len());
    assert!(instruments.iter().all(|i| i["mechanism"] == "treaty"), "{list}");
    assert!(instruments.iter().any(|i| i["id"] == "coe-framework-convention-ai"));

    let all = server.get_json("/api/v1/instruments", StatusCode::OK).await;
    assert!(all["count"].as_u64() > list["count"].as_u64());
    let search =
        server.get_json("/api/v1/instruments?search=bletchley&party=GB&as_of=2024-01-01", StatusCode::OK).await;
    assert!(
        search["instruments"].as_array().expect("instruments").iter().any(|i| i["id"] == "bletchley-declaration"),
        "{search}"
    );
}

#[tokio::test]
async fn instrument_detail_resolves_parties() {
    let server = Server::start().await;
    let detail = server.get_json("/api/v1/instruments/bletchley-declaration", StatusCode::OK).await;
    assert_eq!(detail["instrument"]["id"], "bletchley-declaration");
    let parties = detail["parties"].as_array().expect("parties");
    assert_eq!(parties.len(), 29, "{parties:?}");
    assert!(parties.iter().any(|p| p["party"] == "eu"), "the EU signed as a party");
}

#[tokio::test]
async fn bodies_list_and_detail() {
    let server = Server::start().await;
    let forums = server.get_json("/api/v1/bodies?kind=forum", StatusCode::OK).await;
    let bodies = forums["bodies"].as_array().expect("bodies");
    assert!(bodies.iter().all(|b| b["kind"] == "forum"), "{forums}");
    assert!(bodies.iter().any(|b| b["id"] == "g7"));
    let g7 = server.get_json("/api/v1/bodies/g7?as_of=2024-01-01", StatusCode::OK).await;
    let members: Vec<&str> =
        g7["members_as_of"].as_array().expect("members").iter().filter_map(|m| m["member"].as_str()).collect();
    for code in ["US", "GB", "FR", "DE", "IT", "JP", "CA"] {
        assert!(members.contains(&code), "{code} in {members:?}");
    }
}

#[tokio::test]
async fn country_profile_is_answered_as_of_a_date() {
    let server = Server::start().await;
    let us = server.get_json("/api/v1/countries/US?as_of=2025-03-01", StatusCode::OK).await;
    assert_eq!(us["code"], "US");
    assert_eq!(us["as_of"], "2025-03-01");
    let coe = us["instruments"]
        .as_array()
        .expect("instruments")
        .iter()
        .find(|i| i["id"] == "coe-framework-convention-ai")
        .expect("the CoE Convention reaches the US");
    assert_eq!(coe["effect"], "signed-not-bound", "{coe}");
    // Lower case is accepted too.
    let lower = server.get_json("/api/v1/countries/us?as_of=2025-03-01", StatusCode::OK).await;
    assert_eq!(lower["code"], "US");
}

#[tokio::test]
async fn the_country_list_counts_what_each_country_profile_shows() {
    let server = Server::start().await;
    let list = server.get_json("/api/v1/countries?as_of=2025-06-01", StatusCode::OK).await;
    let countries = list["countries"].as_array().expect("countries");
    assert_eq!(list["count"], countries.len());
    assert!(countries.len() >= 249);
    let names: Vec<&str> = countries.iter().map(|c| c["name"].as_str().expect("a name")).collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "sorted by name");
    for code in ["JP", "BR", "KE", "TV"] {
        let line = countries.iter().find(|c| c["code"] == code).expect("listed");
        let profile = server.get_json(&format!("/api/v1/countries/{code}?as_of=2025-06-01"), StatusCode::OK).await;
        let held = profile["instruments"].as_array().expect("instruments").iter().filter(|i| i["effect"] != "none");
        assert_eq!(line["instruments"], held.count(), "{code}");
        assert_eq!(line["memberships"], profile["memberships"].as_array().expect("memberships").len(), "{code}");
    }
    // Earlier, fewer commitments.
    let earlier = server.get_json("/api/v1/countries?as_of=2018-01-01", StatusCode::OK).await;
    let count = |list: &Value| {
        list["countries"].as_array().unwrap().iter().find(|c| c["code"] == "JP").unwrap()["instruments"]
            .as_u64()
            .unwrap()
    };
    assert!(count(&earlier) < count(&list), "{} vs {}", count(&earlier), count(&list));
}

#[tokio::test]
async fn analytics_compare_matrix_coalitions_fragmentation_query() {
    let server = Server::start().await;
    let compare = server.get_json("/api/v1/compare?states=US,GB,FR&as_of=2025-06-01", StatusCode::OK).await;
    let states: Vec<&str> =
        compare["states"].as_array().expect("states").iter().filter_map(|s| s["code"].as_str()).collect();
    assert_eq!(states, ["US", "GB", "FR"]);
    assert_eq!(compare["scores"].as_array().expect("scores").len(), 3, "three pairs");
    assert!(!compare["in_all"].as_array().expect("in_all").is_empty());

    let history =
        server.get_json("/api/v1/compare?states=US,FR&history=year&from=2020&as_of=2025-06-01", StatusCode::OK).await;
    assert!(history.is_object(), "{history}");

    let matrix = server.get_json("/api/v1/matrix?group=g7&as_of=2025-06-01", StatusCode::OK).await;
    let members = matrix["members"].as_array().expect("members");
    assert_eq!(members.len(), 7, "{members:?}");
    let scores = matrix["scores"].as_array().expect("scores");
    assert_eq!(scores.len(), 7);
    assert!(scores.iter().all(|row| row.as_array().is_some_and(|r| r.len() == 7)));
    assert!(matrix["fragmentation"].as_f64().is_some_and(|f| (0.0..=1.0).contains(&f)));

    let coalitions = server.get_json("/api/v1/coalitions?group=g7&as_of=2025-06-01&cut=0.4", StatusCode::OK).await;
    assert_eq!(coalitions["cut"], 0.4);
    assert!(!coalitions["coalitions"].as_array().expect("coalitions").is_empty());

    let fragmentation =
        server.get_json("/api/v1/fragmentation?group=g20&from=2020&to=2025-06-01", StatusCode::OK).await;
    let points = fragmentation["points"].as_array().expect("points");
    assert_eq!(points.first().expect("a first point")["date"], "2020-01-01");
    assert_eq!(points.len(), 7, "2020 to 2025 yearly, then the end date: {points:?}");

    let query = server
        .get_json(
            "/api/v1/query?q=signed(bletchley-declaration)%20and%20not%20member(eu)&as_of=2025-06-01",
            StatusCode::OK,
        )
        .await;
    let codes: Vec<&str> =
        query["states"].as_array().expect("states").iter().filter_map(|s| s["code"].as_str()).collect();
    assert!(codes.contains(&"US") && codes.contains(&"GB"), "{codes:?}");
    assert!(!codes.contains(&"FR"), "France is in the EU: {codes:?}");
    assert_eq!(query["count"], codes.len());
}

#[tokio::test]
async fn crosswalks_and_changes() {
    let server = Server::start().await;
    let harmonisation = server.get_json("/api/v1/crosswalk/hiroshima-code-of-conduct", StatusCode::OK).await;
    assert_eq!(harmonisation["subject"], "hiroshima-code-of-conduct");
    assert!(!harmonisation["links"].as_array().expect("links").is_empty());
    let oscal = server.get_json("/api/v1/crosswalk-export", StatusCode::OK).await;
    assert!(!oscal["mapping-collection"]["mappings"].as_array().expect("mappings").is_empty());

    let log = server.get_json("/api/v1/changes?from=2024-01-01&to=2025-12-31", StatusCode::OK).await;
    let changes = log["changes"].as_array().expect("changes");
    assert!(!changes.is_empty());
    assert_eq!(log["count"], changes.len());
    assert!(
        changes.iter().all(|c| c["date"].as_str().is_some_and(|d| ("2024".."2026").contains(&d))),
        "dates in range"
    );

    let feed = server.get("/api/v1/changes.atom?from=2024-01-01&to=2025-12-31").await;
    assert_eq!(feed.status(), StatusCode::OK);
    assert!(feed.headers()["content-type"].to_str().expect("ASCII").starts_with("application/atom+xml"));
    let xml = feed.text().await.expect("a body");
    assert!(xml.starts_with("<?xml"), "{}", &xml[..xml.len().min(200)]);
    assert!(xml.contains("<feed") && xml.contains("<entry>"), "an Atom feed with entries");
    assert_eq!(xml.matches("<entry>").count(), changes.len());
}

#[tokio::test]
async fn assess_a_profile() {
    let server = Server::start().await;
    let assessment = server.post_json("/api/v1/assess", &general_purpose_profile(), StatusCode::OK).await;
    assert_eq!(assessment["system"], "Example general-purpose model");
    assert_eq!(assessment["as_of"], "2025-09-01", "the profile's own date");
    let codes: Vec<&str> = assessment["jurisdictions"]
        .as_array()
        .expect("jurisdictions")
        .iter()
        .filter_map(|j| j["code"].as_str())
        .collect();
    for code in ["US", "FR", "DE", "JP"] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    assert!(!assessment["unified_plan"].as_array().expect("plan").is_empty());

    let earlier = server.post_json("/api/v1/assess?as_of=2024-01-01", &general_purpose_profile(), StatusCode::OK).await;
    assert_eq!(earlier["as_of"], "2024-01-01", "the query parameter overrides the profile's date");
}

#[tokio::test]
async fn saved_assessments_round_trip() {
    let server = Server::start().await;
    let profile = general_purpose_profile();
    let saved = server.post_json("/api/v1/assessments?as_of=2025-06-01", &profile, StatusCode::CREATED).await;
    let id = saved["id"].as_str().expect("an id");
    assert_eq!(saved["url"], format!("/assessments/{id}"));
    assert_eq!(saved["saved"]["system"], "Example general-purpose model");
    let loaded = server.get_json(&format!("/api/v1/assessments/{id}"), StatusCode::OK).await;
    assert_eq!(loaded["id"], id);
    assert_eq!(loaded["system"], "Example general-purpose model");
    assert_eq!(loaded["as_of"], "2025-06-01");
    assert_eq!(loaded["profile"], profile);
    assert_eq!(loaded["assessment"], saved["saved"]["assessment"]);

    let missing = server.get_json("/api/v1/assessments/0123456789abcdef0123456789abcdef", StatusCode::NOT_FOUND).await;
    assert_error(&missing, "not-found", None);
    // An invalid profile is refused and nothing is stored.
    let bad = server.post_json("/api/v1/assessments", &json!({"name": "x"}), StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_error(&bad, "invalid-profile", None);
}

#[tokio::test]
async fn schema_and_openapi_documents() {
    let server = Server::start().await;
    let schema = server.get_json("/api/v1/schema", StatusCode::OK).await;
    assert!(schema["$schema"].as_str().is_some_and(|s| s.contains("json-schema.org")), "a JSON Schema");
    let openapi = server.get_json("/api/v1/openapi.json", StatusCode::OK).await;
    assert_eq!(openapi["openapi"], "3.1.0");
    assert_eq!(openapi, accord_server::routes::openapi(), "the served document is the one built from the table");
}

#[tokio::test]
async fn unknown_ids_are_404_not_found() {
    let server = Server::start().await;
    for path in [
        "/api/v1/instruments/no-such-instrument",
        "/api/v1/bodies/no-such-body",
        "/api/v1/countries/XX",
        "/api/v1/countries/usa",
        "/api/v1/crosswalk/no-such-thing",
        "/api/v1/assessments/no-such-assessment",
    ] {
        let body = server.get_json(path, StatusCode::NOT_FOUND).await;
        assert_error(&body, "not-found", None);
    }
}

#[tokio::test]
async fn bad_dates_are_400_naming_the_parameter() {
    let server = Server::start().await;
    for (path, parameter) in [
        ("/api/v1/instruments?as_of=yesterday", "as_of"),
        ("/api/v1/instruments/bletchley-declaration?as_of=2025-13-01", "as_of"),
        ("/api/v1/bodies?as_of=2025-02-30", "as_of"),
        ("/api/v1/bodies/g7?as_of=25", "as_of"),
        ("/api/v1/countries/US?as_of=2025-1-1", "as_of"),
        ("/api/v1/compare?states=US,GB&as_of=x", "as_of"),
        ("/api/v1/matrix?group=g7&as_of=x", "as_of"),
        ("/api/v1/coalitions?group=g7&as_of=x", "as_of"),
        ("/api/v1/query?q=member(eu)&as_of=x", "as_of"),
        ("/api/v1/fragmentation?group=g7&from=x", "from"),
        ("/api/v1/fragmentation?group=g7&to=x", "to"),
        ("/api/v1/changes?from=x", "from"),
        ("/api/v1/changes.atom?to=x", "to"),
    ] {
        let body = server.get_json(path, StatusCode::BAD_REQUEST).await;
        assert_error(&body, "bad-date", Some(parameter));
    }
    let body = server.post_json("/api/v1/assess?as_of=x", &general_purpose_profile(), StatusCode::BAD_REQUEST).await;
    assert_error(&body, "bad-date", Some("as_of"));
}

#[tokio::test]
async fn unknown_enumerated_values_are_400_listing_the_allowed_ones() {
    let server = Server::start().await;
    for (path, parameter, one_allowed) in [
        ("/api/v1/instruments?mechanism=charter", "mechanism", "treaty"),
        ("/api/v1/instruments?binding=maybe", "binding", "non-binding"),
        ("/api/v1/instruments?topic=no-such-topic", "topic", "transparency"),
        ("/api/v1/bodies?kind=club", "kind", "forum"),
        ("/api/v1/compare?states=US,GB&history=decade", "history", "year"),
        ("/api/v1/fragmentation?group=g7&step=week", "step", "month"),
    ] {
        let body = server.get_json(path, StatusCode::BAD_REQUEST).await;
        let code = if parameter == "topic" { "unknown-topic" } else { "bad-parameter" };
        assert_error(&body, code, Some(parameter));
        let allowed: Vec<&str> =
            body["allowed"].as_array().expect("allowed values").iter().filter_map(Value::as_str).collect();
        assert!(allowed.contains(&one_allowed), "{path}: {one_allowed} in {allowed:?}");
    }
    // Other bad parameters: 400 naming the parameter.
    for (path, parameter) in [
        ("/api/v1/instruments?party=not%20a%20party", "party"),
        ("/api/v1/instruments?body=no-such-body", "body"),
        ("/api/v1/compare?states=US", "states"),
        ("/api/v1/compare?states=US,XX", "states"),
        ("/api/v1/matrix", "group"),
        ("/api/v1/matrix?group=no-such-group", "group"),
        ("/api/v1/coalitions?group=g7&cut=2", "cut"),
        ("/api/v1/coalitions?group=g7&cut=abc", "cut"),
        ("/api/v1/fragmentation?group=g7&from=2025&to=2020", "from"),
        ("/api/v1/query", "q"),
        ("/api/v1/query?q=signed(", "q"),
    ] {
        let body = server.get_json(path, StatusCode::BAD_REQUEST).await;
        assert_eq!(body["path"], parameter, "{path}: {body}");
    }
}

#[tokio::test]
async fn malformed_profiles_are_422_with_the_field_path() {
    let server = Server::start().await;
    let with = |field: &str, value: Value| {
        let mut profile = general_purpose_profile();
        profile[field] = value;
        profile
    };
    let mut unknown_field = general_purpose_profile();
    unknown_field["colour"] = json!("blue");
    let cases = [
        (with("kinds", json!(["toaster"])), "kinds[0]", Some("general-purpose-model")),
        (with("kinds", json!(["generative", "toaster"])), "kinds[1]", Some("generative")),
        (with("roles", json!(["owner"])), "roles[0]", Some("provider")),
        (with("offered_in", json!(["FR", "ZZ"])), "offered_in[1]", None),
        (with("established_in", json!("Narnia")), "established_in", None),
        (unknown_field, "colour", None),
    ];
    for endpoint in ["/api/v1/assess", "/api/v1/assessments"] {
        for (profile, path, one_allowed) in &cases {
            let body = server.post_json(endpoint, profile, StatusCode::UNPROCESSABLE_ENTITY).await;
            assert_error(&body, "invalid-profile", Some(path));
            if let Some(value) = one_allowed {
                let allowed: Vec<&str> =
                    body["allowed"].as_array().expect("allowed values").iter().filter_map(Value::as_str).collect();
                assert!(allowed.contains(value), "{path}: {value} in {allowed:?}");
            }
        }
    }
}

#[tokio::test]
async fn invalid_json_is_422_and_an_oversized_body_413() {
    let server = Server::start().await;
    for endpoint in ["/api/v1/assess", "/api/v1/assessments"] {
        for bad in [&b"{\"name\": "[..], b"not json", b"", b"[1, 2"] {
            let response = server.post_bytes(endpoint, bad.to_vec()).await;
            let body = json_of(response, StatusCode::UNPROCESSABLE_ENTITY, endpoint).await;
            assert_error(&body, "invalid-json", None);
        }
        // A JSON value that is not an object is a malformed profile.
        let body = server.post_json(endpoint, &json!([1, 2, 3]), StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_error(&body, "invalid-profile", None);

        let mut huge = br#"{"name": ""#.to_vec();
        huge.resize(2 * 1024 * 1024, b'a');
        huge.extend_from_slice(br#""}"#);
        let response = server.post_bytes(endpoint, huge).await;
        let body = json_of(response, StatusCode::PAYLOAD_TOO_LARGE, endpoint).await;
        assert_error(&body, "too-large", None);
    }
}

#[tokio::test]
async fn unknown_paths_and_methods() {
    let server = Server::start().await;
    let body = server.get_json("/api/v1/no-such-endpoint", StatusCode::NOT_FOUND).await;
    assert_error(&body, "not-found", None);
    let body = server.get_json("/api/v2/instruments", StatusCode::NOT_FOUND).await;
    assert_error(&body, "not-found", None);
    let response = server.client.delete(server.url("/api/v1/instruments")).send().await.expect("DELETE");
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    let response = server.get("/api/v1/assess").await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn health_checks() {
    let server = Server::start().await;
    assert_eq!(server.get("/healthz").await.status(), StatusCode::OK);
    assert_eq!(server.get("/readyz").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn request_ids_are_set_or_echoed() {
    let server = Server::start().await;
    let response = server.get("/api/v1/bodies").await;
    let generated =
        response.headers().get("x-request-id").expect("an x-request-id header").to_str().expect("ASCII").to_owned();
    assert!(!generated.is_empty());
    let response = server
        .client
        .get(server.url("/api/v1/bodies"))
        .header("x-request-id", "trace-me-42")
        .send()
        .await
        .expect("GET");
    assert_eq!(response.headers()["x-request-id"], "trace-me-42");
    // Errors carry it too.
    let response = server
        .client
        .get(server.url("/api/v1/instruments/nope"))
        .header("x-request-id", "err-1")
        .send()
        .await
        .expect("GET");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(response.headers()["x-request-id"], "err-1");
}

#[tokio::test]
async fn responses_are_gzipped_when_asked() {
    let server = Server::start().await;
    let plain = server.get("/api/v1/instruments").await.bytes().await.expect("a body");
    let response = server
        .client
        .get(server.url("/api/v1/instruments"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("GET");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-encoding"], "gzip");
    let compressed = response.bytes().await.expect("a body");
    assert!(compressed.len() < plain.len() / 2, "{} compressed bytes for {} plain", compressed.len(), plain.len());
    let mut text = String::new();
    flate2::read::GzDecoder::new(&compressed[..]).read_to_string(&mut text).expect("valid gzip");
    let value: Value = serde_json::from_str(&text).expect("JSON inside");
    assert!(value["count"].as_u64().is_some_and(|n| n > 0));
}

/// Every GET route with its path parameters filled in by `id`, and the query parameters it documents.
fn get_routes(id: &str) -> Vec<(String, Vec<&'static str>)> {
    accord_server::routes::routes()
        .into_iter()
        .filter(|r| r.method == "get")
        .map(|r| {
            let mut path = r.path.to_owned();
            for p in r.params.iter().filter(|p| matches!(p.location, accord_server::routes::In::Path)) {
                path = path.replace(&format!("{{{}}}", p.name), id);
            }
            let query: Vec<&'static str> = r
                .params
                .iter()
                .filter(|p| matches!(p.location, accord_server::routes::In::Query))
                .map(|p| p.name)
                .collect();
            (path, query)
        })
        .collect()
}

/// Sends `path` and asserts the answer is not a server error, and that an API error is JSON.
async fn assert_no_server_error(server: &Server, path: &str) {
    let response = server.client.get(server.url(path)).send().await.unwrap_or_else(|e| panic!("GET {path}: {e}"));
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    assert!(!status.is_server_error(), "GET {path} answered {status}: {}", &text[..text.len().min(500)]);
    if status.is_client_error() && status != StatusCode::METHOD_NOT_ALLOWED {
        let body: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("GET {path}: a {status} that is not JSON ({e}): {text}"));
        assert!(body["code"].is_string(), "GET {path}: error without a code: {body}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_odd_parameter_makes_a_server_error() {
    let server = Server::start().await;
    let values = odd_values();
    // Path parameters: each odd value as every id.
    for value in &values {
        let id = encode(value);
        if id.is_empty() {
            continue;
        }
        for (path, _) in get_routes(&id) {
            assert_no_server_error(&server, &path).await;
        }
    }
    // Query parameters: each odd value in each documented parameter, alone and next to valid ones.
    let valid = |path: &str| match path {
        "/api/v1/compare" => "states=US,GB&",
        "/api/v1/matrix" | "/api/v1/coalitions" | "/api/v1/fragmentation" => "group=g7&",
        "/api/v1/query" => "q=member(eu)&",
        _ => "",
    };
    for (path, params) in get_routes("US") {
        for param in params {
            for value in &values {
                let value = encode(value);
                assert_no_server_error(&server, &format!("{path}?{param}={value}")).await;
                assert_no_server_error(&server, &format!("{path}?{}{param}={value}", valid(&path))).await;
            }
        }
        // Repeated, unknown and broken query strings.
        for query in ["as_of=2020&as_of=2021", "unknown=1", "=", "&&&", "%", "%zz", "a=%ff%fe", "as_of"] {
            assert_no_server_error(&server, &format!("{path}?{query}")).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn long_ranges_are_refused_or_answered_never_failed() {
    let server = Server::start().await;
    for path in [
        "/api/v1/compare?states=US,GB&history=year&as_of=0005",
        "/api/v1/compare?states=US,GB&history=month&from=0001&as_of=9999-12-31",
        "/api/v1/compare?states=US,GB&history=year&from=0000&as_of=9999",
        "/api/v1/fragmentation?group=all&from=0001&to=9999-12-31&step=month",
        "/api/v1/fragmentation?group=g7&from=9999-12-31&to=9999-12-31",
        "/api/v1/changes?from=0000&to=9999-12-31",
        "/api/v1/changes?to=0000",
        "/api/v1/changes.atom?to=0000-01-01",
    ] {
        let started = std::time::Instant::now();
        assert_no_server_error(&server, path).await;
        assert!(started.elapsed().as_secs() < 10, "{path} took {:?}", started.elapsed());
    }
}

#[tokio::test]
async fn cached_answers_are_the_computed_ones_per_encoding() {
    let server = Server::start().await;
    let path = "/api/v1/instruments?mechanism=treaty";
    let first = server.client.get(server.url(path)).header("x-request-id", "one").send().await.expect("GET");
    let first_id = first.headers()["x-request-id"].clone();
    let first = first.bytes().await.expect("a body");
    let second = server.client.get(server.url(path)).header("x-request-id", "two").send().await.expect("GET");
    assert_eq!(second.headers()["x-request-id"], "two", "request ids are not cached");
    assert_ne!(first_id, "two");
    assert!(second.headers().get("content-encoding").is_none(), "no gzip when not asked, even after a gzip answer");
    assert_eq!(second.bytes().await.expect("a body"), first);
    let gzipped = server.client.get(server.url(path)).header("accept-encoding", "gzip").send().await.expect("GET");
    assert_eq!(gzipped.headers()["content-encoding"], "gzip");
    let again = server.client.get(server.url(path)).header("accept-encoding", "gzip").send().await.expect("GET");
    assert_eq!(again.headers()["content-encoding"], "gzip");
    assert_eq!(gzipped.bytes().await.expect("a body"), again.bytes().await.expect("a body"));
    // Errors are computed each time, and a different date is a different answer.
    let dated = server.get_json("/api/v1/instruments?mechanism=treaty&as_of=2020", StatusCode::OK).await;
    assert_eq!(dated["as_of"], "2020");
}

/// The body each POST operation of the table is exercised with.
fn post_body(operation: &str) -> Value {
    match operation {
        "screen" => serde_json::json!({"name": "Viktor Examplov"}),
        "exportCheck" => chip_package(),
        _ => general_purpose_profile(),
    }
}

fn chip_package() -> Value {
    serde_json::json!({
        "name": "One accelerator",
        "destinations": ["VE"],
        "items": [{"id": "gpu", "description": "Data-centre accelerator", "classification": "3A090"}],
        "counterparties": [{"name": "Example Robotics Ltd", "country": "CN", "kind": "organization", "role": "buyer"}]
    })
}

#[tokio::test]
async fn screening_finds_a_listed_name_with_its_explanation() {
    let server = Server::start().await;
    let result =
        server.post_json("/api/v1/screen", &serde_json::json!({"name": "Examplov, Viktor"}), StatusCode::OK).await;
    let first = &result["matches"][0];
    assert_eq!(first["entry_id"], "NK-example1", "{result}");
    assert!(first["score"].as_f64().unwrap() >= 0.8);
    assert!(first["explanation"].is_object());
    let bad = server
        .post_json(
            "/api/v1/screen",
            &serde_json::json!({"name": "x", "kind": "ship"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    assert_eq!(bad["path"], "kind");
    let unknown =
        server.post_json("/api/v1/screen", &serde_json::json!({"nom": "x"}), StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(unknown["code"], "invalid-request");
}

#[tokio::test]
async fn export_check_answers_licences_and_screens_counterparties() {
    let server = Server::start().await;
    let answer = server.post_json("/api/v1/export-check?as_of=2024-06-01", &chip_package(), StatusCode::OK).await;
    let text = answer.to_string();
    assert!(text.contains("licence-required"), "{text}");
    assert!(text.contains("NK-example2"), "the buyer matches a listed company: {text}");
    let mut bad = chip_package();
    bad["items"][0]["classification"] = serde_json::json!(42);
    let error = server.post_json("/api/v1/export-check", &bad, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(error["code"], "invalid-package");
    assert!(error["path"].as_str().unwrap().starts_with("items[0]"), "{error}");
}
