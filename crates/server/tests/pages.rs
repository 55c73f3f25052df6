//! The web UI over plain HTTP (the browser tests drive it in Chromium): every page answers HTML, bad input
//! gets an HTML page with the right 4xx status, and the navigator saves and redirects.

mod common;

use common::Server;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

/// Fetches a page and returns its HTML after checking the status and media type.
async fn page(server: &Server, path: &str, status: StatusCode) -> String {
    let response = server.get(path).await;
    assert_eq!(response.status(), status, "{path}");
    let media = response.headers()["content-type"].to_str().expect("ASCII").to_owned();
    assert!(media.starts_with("text/html"), "{path}: {media}");
    response.text().await.expect("a body")
}

#[tokio::test]
async fn every_page_answers_html_that_names_its_subject() {
    let server = Server::start().await;
    for (path, expected) in [
        ("/", "instruments, "),
        ("/search?q=seoul", "/instruments/seoul-declaration"),
        ("/instruments?mechanism=treaty&as_of=2025-01-01", "/instruments/coe-framework-convention-ai?as_of=2025-01-01"),
        ("/instruments/bletchley-declaration", "<a href=\"/bodies/eu\">European Union</a>"),
        ("/instruments/oecd-ai-recommendation", "Parties on a map"),
        ("/countries?as_of=2024-01-01", "/countries/KR?as_of=2024-01-01\">South Korea</a>"),
        ("/countries/KR?as_of=2024-06-01", "Seoul Declaration"),
        ("/bodies?as_of=2010", "Members as of 2010"),
        ("/bodies/g20?as_of=2020", "<a href=\"/bodies/eu\">European Union</a>"),
        ("/compare?states=JP,KR", "Alignment as of"),
        ("/groups/g7?as_of=2024", "Alignment heatmap"),
        // Before 2017 too: the history is the ten years up to the date.
        ("/groups/g7?as_of=2012-06-01", "<td>2003-01-01</td>"),
        ("/groups/g7?as_of=9999-12-31", "<td>9999-12-31</td>"),
        ("/groups?group=asean&as_of=2024-06-01", "Alignment of asean"),
        ("/groups?group=ai-safety-summit", "Alignment of ai-safety-summit"),
        ("/changes?from=2023-01-01&to=2023-12-31", "Bletchley"),
        ("/navigator", "enctype=\"multipart/form-data\""),
    ] {
        let html = page(&server, path, StatusCode::OK).await;
        assert!(html.contains(expected), "{path} does not show {expected:?}");
        assert!(html.contains("<main id=\"main\""), "{path}: no main landmark");
    }
}

#[tokio::test]
async fn bad_page_requests_get_an_html_page_with_a_4xx_status() {
    let server = Server::start().await;
    for (path, status, says) in [
        ("/instruments/no-such-instrument", StatusCode::NOT_FOUND, "no instrument with id"),
        ("/countries/XX", StatusCode::NOT_FOUND, "XX"),
        ("/bodies/no-such-body", StatusCode::NOT_FOUND, "no body with id"),
        ("/assessments/00000000-0000-0000-0000-000000000000", StatusCode::NOT_FOUND, "no saved assessment"),
        ("/no/such/page", StatusCode::NOT_FOUND, "There is no page at"),
        ("/instruments/bletchley-declaration?as_of=2023-13-01", StatusCode::BAD_REQUEST, "as_of"),
        ("/changes?from=yesterday", StatusCode::BAD_REQUEST, "from"),
        ("/instruments?mechanism=rumour", StatusCode::BAD_REQUEST, "mechanism"),
        ("/groups/no-such-group", StatusCode::BAD_REQUEST, "no-such-group"),
    ] {
        let html = page(&server, path, status).await;
        assert!(html.contains(says), "{path}: the page does not say {says:?}: {html}");
    }
    // A bad list of countries on the compare page is said on the form, which stays usable.
    let html = page(&server, "/compare?states=US,ZZ", StatusCode::OK).await;
    assert!(html.contains("role=\"alert\"") && html.contains("ZZ"), "{html}");
}

fn navigator_fields() -> Form {
    Form::new()
        .text("name", "Chat assistant")
        .text("kinds", "general-purpose-model")
        .text("roles", "provider")
        .text("offered_in", "fr, de")
        .text("established_in", "us")
        .text("as_of", "2025-09-01")
}

#[tokio::test]
async fn the_navigator_form_saves_and_redirects_to_a_permanent_page() {
    let server = Server::start().await;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("a client");
    let response =
        client.post(server.url("/navigator")).multipart(navigator_fields()).send().await.expect("POST /navigator");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().expect("ASCII").to_owned();
    assert!(location.starts_with("/assessments/"), "{location}");

    let html = page(&server, &location, StatusCode::OK).await;
    assert!(html.contains("Assessment: Chat assistant") && html.contains("id=\"j-FR\""), "{html}");
    let saved_at = html.split("saved ").nth(1).and_then(|rest| rest.split(" · ").next()).expect("a saved time");
    assert!(saved_at.len() == 20 && saved_at.ends_with(" UTC"), "saved at {saved_at:?}");
    let report = server.get(&format!("{location}/report.md")).await;
    assert_eq!(report.status(), StatusCode::OK);
    assert!(report.headers()["content-type"].to_str().expect("ASCII").starts_with("text/markdown"));
    assert!(report.text().await.expect("text").contains("Chat assistant"));
    // The same assessment through the API.
    let id = location.trim_start_matches("/assessments/");
    let saved = server.get_json(&format!("/api/v1/assessments/{id}"), StatusCode::OK).await;
    assert_eq!(saved["assessment"]["system"], "Chat assistant");
}

#[tokio::test]
async fn a_malformed_navigator_form_is_422_and_an_oversized_one_413_and_neither_is_saved() {
    let server = Server::start().await;
    let bad = navigator_fields().text("profile_text", "name = \"x\"\nkinds = [\"toaster\"]\nestablished_in = \"US\"\n");
    let response = server.client.post(server.url("/navigator")).multipart(bad).send().await.expect("POST");
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("a body");
    assert!(html.contains("kinds[0]") && html.contains("toaster"), "{html}");

    let unknown_country = navigator_fields().text("deployed_in", "Atlantis");
    let response = server.client.post(server.url("/navigator")).multipart(unknown_country).send().await.expect("POST");
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.expect("a body").contains("deployed_in"));

    let huge = Part::bytes(vec![b'#'; accord_server::BODY_LIMIT + 1]).file_name("profile.toml");
    let response = server
        .client
        .post(server.url("/navigator"))
        .multipart(navigator_fields().part("profile_file", huge))
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(response.text().await.expect("a body").contains("larger than"));

    assert_eq!(server.db.count().await.expect("a count"), 0, "nothing was saved");
}

#[tokio::test]
async fn a_page_served_again_is_the_page_computed_the_first_time() {
    let server = Server::start().await;
    let path = "/instruments/coe-framework-convention-ai";
    let first = page(&server, path, StatusCode::OK).await;
    let second = page(&server, path, StatusCode::OK).await;
    assert_eq!(first, second);
    let earlier = page(&server, &format!("{path}?as_of=2024-06-01"), StatusCode::OK).await;
    assert_ne!(first, earlier, "another date is another answer");
    assert!(earlier.contains("Parties as of 2024-06-01"));
}

/// The `href` targets in a page, with the entities the templates escape decoded.
fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| {
            href.replace("&#x2f;", "/")
                .replace("&quot;", "\"")
                .replace("&#x27;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
        })
        .map(|href| href.replace("&amp;", "&"))
        .collect()
}

#[tokio::test]
async fn no_page_links_to_a_page_or_anchor_that_does_not_exist() {
    let server = Server::start().await;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("a client");
    let saved = client.post(server.url("/navigator")).multipart(navigator_fields()).send().await.expect("POST");
    let assessment = saved.headers()["location"].to_str().expect("ASCII").to_owned();
    let seeds = [
        "/",
        "/instruments",
        "/countries",
        "/bodies",
        "/instruments/bletchley-declaration",
        "/instruments/eu-ai-act",
        "/bodies/g20",
        "/countries/FR",
        "/groups/g20",
        "/compare?states=US,GB,FR",
        "/changes?from=2023-01-01&to=2025-12-31",
        "/navigator",
        "/search?q=ai",
        assessment.as_str(),
    ];
    let mut targets = std::collections::BTreeMap::<String, String>::new();
    for seed in seeds {
        let html = page(&server, seed, StatusCode::OK).await;
        for href in links(&html) {
            if let Some(anchor) = href.strip_prefix('#') {
                assert!(html.contains(&format!("id=\"{anchor}\"")), "{seed} links to #{anchor}, which it lacks");
            } else if href.starts_with('/') {
                targets.entry(href).or_insert_with(|| seed.to_owned());
            } else {
                assert!(href.starts_with("https://") || href.starts_with("http://"), "{seed}: odd link {href:?}");
            }
        }
    }
    assert!(targets.len() > 400, "only {} distinct links", targets.len());
    let mut broken = Vec::new();
    for (target, from) in &targets {
        let status = server.get(target).await.status();
        if status != StatusCode::OK {
            broken.push(format!("{target} ({status}, linked from {from})"));
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// Asserts that a page answers without a server error, and with HTML when it is an error page.
async fn assert_no_server_error(server: &Server, path: &str) {
    let response = server.get(path).await;
    let status = response.status();
    let media = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    assert!(!status.is_server_error(), "GET {path} answered {status}");
    if status.is_client_error() {
        assert!(media.starts_with("text/html"), "GET {path}: a {status} as {media}, not a page");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_odd_parameter_makes_a_page_fail() {
    let server = Server::start().await;
    let saved = server.post_json("/api/v1/assessments", &common::general_purpose_profile(), StatusCode::CREATED).await;
    let saved = saved["id"].as_str().expect("an id").to_owned();
    // Each page with the query parameters it reads.
    let pages: &[(&str, &[&str])] = &[
        ("/search", &["q"]),
        ("/instruments", &["mechanism", "binding", "party", "topic", "search", "as_of"]),
        ("/instruments/coe-framework-convention-ai", &["as_of"]),
        ("/countries", &["as_of"]),
        ("/countries/JP", &["as_of"]),
        ("/bodies", &["as_of"]),
        ("/bodies/g7", &["as_of"]),
        ("/compare", &["states", "as_of"]),
        ("/groups", &["group", "as_of"]),
        ("/groups/g7", &["as_of"]),
        ("/changes", &["from", "to"]),
        ("/navigator", &[]),
    ];
    let values = common::odd_values();
    for (path, params) in pages {
        for param in *params {
            for value in &values {
                assert_no_server_error(&server, &format!("{path}?{param}={}", common::encode(value))).await;
            }
        }
    }
    // Each odd value as the id in a page's path.
    for value in values.iter().map(|v| common::encode(v)).filter(|v| !v.is_empty() && v != "all") {
        for path in ["/instruments/", "/countries/", "/bodies/", "/groups/", "/assessments/"] {
            assert_no_server_error(&server, &format!("{path}{value}")).await;
        }
        assert_no_server_error(&server, &format!("/assessments/{value}/report.md")).await;
    }
    assert_no_server_error(&server, &format!("/assessments/{saved}/report.md")).await;
}

#[tokio::test]
async fn the_group_form_answers_at_the_group_s_own_address() {
    let server = Server::start().await;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("a client");
    for (form, location) in [
        ("/groups?group=ai-safety-summit&as_of=2024-06-01", "/groups/ai-safety-summit?as_of=2024-06-01"),
        ("/groups?group=US,FR,JP", "/groups/US,FR,JP"),
        ("/groups", "/groups/g20"),
        ("/groups?group=a%2Fb%00&as_of=%0A", "/groups/a%2Fb%00?as_of=%0A"),
    ] {
        let response = client.get(server.url(form)).send().await.expect("GET");
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{form}");
        assert_eq!(response.headers()["location"], location, "{form}");
    }
}
