//! The OpenAPI document: it is OpenAPI 3.1, it lists exactly the routes the server answers, and every
//! reference in it resolves.

mod common;

use std::collections::BTreeSet;

use common::Server;
use reqwest::{Method, StatusCode};
use serde_json::Value;

fn document() -> Value {
    accord_server::routes::openapi()
}

#[test]
fn the_document_parses_as_openapi_3_1() {
    let text = serde_json::to_string(&document()).expect("the document serialises");
    let spec = oas3::from_json(&text).unwrap_or_else(|e| panic!("not an OpenAPI 3.1 document: {e}"));
    let version = spec.validate_version().expect("a supported OpenAPI version");
    assert_eq!((version.major, version.minor), (3, 1));
    assert!(!spec.info.title.is_empty());
    let ids: Vec<String> = spec.operations().filter_map(|(_, _, op)| op.operation_id.clone()).collect();
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(ids.len(), unique.len(), "operation ids are unique: {ids:?}");
    assert_eq!(ids.len(), accord_server::routes::routes().len(), "one operation per route");
}

#[test]
fn every_route_appears_with_its_method_parameters_and_status() {
    let text = serde_json::to_string(&document()).expect("the document serialises");
    let spec = oas3::from_json(&text).expect("OpenAPI 3.1");
    for route in accord_server::routes::routes() {
        let method: Method = route.method.to_ascii_uppercase().parse().expect("an HTTP method");
        let operation = spec
            .operation(&method, route.path)
            .unwrap_or_else(|| panic!("{} {} is not in the document", route.method, route.path));
        assert_eq!(operation.operation_id.as_deref(), Some(route.operation));
        let documented: Vec<String> = document()["paths"][route.path][route.method]["parameters"]
            .as_array()
            .expect("parameters")
            .iter()
            .filter_map(|p| p["name"].as_str().map(str::to_owned))
            .collect();
        let declared: Vec<String> = route.params.iter().map(|p| p.name.to_owned()).collect();
        assert_eq!(documented, declared, "{} {}", route.method, route.path);
        assert!(
            operation.responses.as_ref().is_some_and(|r| r.contains_key(&route.status.to_string())),
            "{} {}: status {}",
            route.method,
            route.path,
            route.status
        );
        assert_eq!(
            operation.request_body.is_some(),
            route.request.is_some(),
            "{} {}: request body",
            route.method,
            route.path
        );
        // A path parameter of the template is documented as such, and the other way round.
        let in_template: BTreeSet<&str> =
            route.path.split('/').filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}'))).collect();
        let as_path: BTreeSet<&str> = route
            .params
            .iter()
            .filter(|p| matches!(p.location, accord_server::routes::In::Path))
            .map(|p| p.name)
            .collect();
        assert_eq!(in_template, as_path, "{} {}", route.method, route.path);
    }
}

/// Every `$ref` in `value`, with where it was found.
fn references<'a>(value: &'a Value, at: String, found: &mut Vec<(String, &'a str)>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                if key == "$ref"
                    && let Some(target) = child.as_str()
                {
                    found.push((at.clone(), target));
                }
                references(child, format!("{at}/{key}"), found);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                references(child, format!("{at}/{i}"), found);
            }
        }
        _ => {}
    }
}

#[test]
fn every_reference_resolves_to_a_component() {
    let document = document();
    let mut found = Vec::new();
    references(&document, String::new(), &mut found);
    assert!(!found.is_empty(), "the document uses component schemas");
    for (at, target) in found {
        let pointer = target.strip_prefix('#').unwrap_or_else(|| panic!("{at}: {target} is not a local reference"));
        assert!(pointer.starts_with("/components/schemas/"), "{at}: {target} is not a component schema");
        assert!(document.pointer(pointer).is_some(), "{at}: {target} does not resolve");
    }
    // And every component is used, directly or through another.
    let schemas = document["components"]["schemas"].as_object().expect("component schemas");
    let text = document.to_string();
    for name in schemas.keys() {
        assert!(text.contains(&format!("\"#/components/schemas/{name}\"")), "component {name} is never referenced");
    }
}

#[test]
fn schemas_are_json_schema_2020_12_not_openapi_3_0() {
    // OpenAPI 3.1 uses JSON Schema 2020-12: `nullable` and `definitions` belong to 3.0 and would mislead.
    let text = document().to_string();
    for keyword in ["\"nullable\"", "\"definitions\"", "#/definitions/", "\"$defs\""] {
        assert!(!text.contains(keyword), "the document contains {keyword}");
    }
}

#[tokio::test]
async fn every_documented_operation_is_served() {
    let server = Server::start().await;
    let document = document();
    let paths = document["paths"].as_object().expect("paths");
    for (path, item) in paths {
        for (method, _) in item.as_object().expect("a path item") {
            let concrete = path.replace("{id}", "x").replace("{code}", "US");
            let method: Method = method.to_ascii_uppercase().parse().expect("an HTTP method");
            let response = server
                .client
                .request(method.clone(), server.url(&concrete))
                .json(&serde_json::json!({}))
                .send()
                .await
                .expect("a response");
            let status = response.status();
            let body: Value = response.json().await.unwrap_or(Value::Null);
            assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
            let fallback = body["message"].as_str().is_some_and(|m| m.starts_with("no such endpoint"));
            assert!(!fallback, "{method} {path} reaches the fallback: {body}");
        }
    }
    // And the router answers nothing under /api/v1 that the document does not list.
    let response = server.get("/api/v1/undocumented").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}
