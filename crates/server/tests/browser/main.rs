//! The web UI in a real browser: every page loads and shows its content, search, the "as of" date, the
//! navigator form and its saved link, charts drawn at a real size (saved as screenshots under
//! `target/screenshots/`), a narrow screen and the keyboard.

#[path = "../common/mod.rs"]
mod common;
mod driver;

use driver::{Page, scenario};
use fantoccini::key::Key;
use serde_json::json;

/// Each page, what its main heading says, and an element that shows its content was rendered.
const PAGES: &[(&str, &str, &str)] = &[
    ("/", "The international governance of AI", "main form[role=search] input[name=q]"),
    ("/instruments?mechanism=treaty", "Instruments", "main table a[href^='/instruments/coe-framework-convention-ai']"),
    ("/instruments/bletchley-declaration", "The Bletchley Declaration", ".chart svg path[data-code='GB']"),
    ("/countries", "Countries", "main table a[href^='/countries/JP']"),
    ("/countries/JP", "Japan (JP)", "#timeline + .chart svg g.event"),
    ("/bodies", "Bodies", "main table a[href^='/bodies/g7']"),
    ("/bodies/g7", "Group of Seven", ".chart svg path[data-code='JP']"),
    ("/compare?states=US,GB,FR&as_of=2025-06-01", "Compare countries", "main table a[href='/countries/GB']"),
    ("/groups/g7?as_of=2025-06-01", "Alignment of g7", "#heatmap + .chart svg rect.cell"),
    ("/changes?from=2024-01-01&to=2024-12-31", "What changed", "main table tbody tr"),
    ("/navigator", "Which instruments reach an AI system?", "form[action='/navigator'] input[name=kinds]"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_loads_with_its_heading_content_and_stylesheet() {
    scenario(|page| async move {
        for &(path, heading, content) in PAGES {
            page.open(path).await;
            let h1 = page.text("main h1").await;
            assert!(h1.contains(heading), "{path}: heading {h1:?}, expected {heading:?}");
            let title: String = page.js("return document.title;", &[]).await;
            assert!(title.ends_with("· Accord"), "{path}: title {title:?}");
            assert!(page.count(content).await > 0, "{path}: nothing matches {content:?}");
            // The stylesheet loaded and applies: the site header has its dark background.
            let header: String =
                page.js("return getComputedStyle(document.querySelector('header.site')).backgroundColor;", &[]).await;
            assert_eq!(header, "rgb(18, 38, 63)", "{path}: the stylesheet did not apply");
        }
        page.open("/no/such/page").await;
        assert_eq!(page.text("main h1").await, "Not found");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_finds_instruments_bodies_and_countries_and_leads_to_them() {
    scenario(|page| async move {
        page.open("/").await;
        page.type_into("main input[name=q]", &format!("japan{}", Key::Enter)).await;
        assert_eq!(page.wait_for_location("/search").await, "/search?q=japan");
        let results = page.texts("main li a").await;
        assert!(results.contains(&"Japan (JP)".to_owned()), "{results:?}");
        let links: Vec<String> =
            page.js("return [...document.querySelectorAll('main li a')].map(a => a.getAttribute('href'));", &[]).await;
        assert!(links.contains(&"/instruments/japan-ai-promotion-act".to_owned()), "{links:?}");

        // The header's search box works from any page, and a result leads to its page.
        page.open("/countries").await;
        page.type_into("header input[name=q]", &format!("OECD{}", Key::Enter)).await;
        page.wait_for_location("/search?q=OECD").await;
        let headings = page.texts("main h2").await;
        assert!(
            headings.contains(&"Instruments".to_owned()) && headings.contains(&"Bodies".to_owned()),
            "{headings:?}"
        );
        page.click("main a[href='/bodies/oecd']").await;
        page.wait_for_location("/bodies/oecd").await;
        assert!(page.text("main h1").await.contains("Organisation for Economic Co-operation and Development"));

        page.open("/search?q=zzzz-nothing").await;
        assert!(page.text("main").await.contains("Nothing matches"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_the_as_of_date_changes_what_an_instrument_page_shows() {
    scenario(|page| async move {
        page.open("/instruments/bletchley-declaration?as_of=2024-01-01").await;
        assert!(page.text("#parties").await.ends_with("(29)"), "{}", page.text("#parties").await);
        // Shapes for most states, markers for those too small to see; grey for the rest.
        let coloured = "#map + .chart svg path[data-code]:not([fill='#d9d9d9'])";
        assert_eq!(page.count(coloured).await, 28, "28 states endorsed it (the 29th party is the EU)");

        // A person changes the date in the form: month, day and year, as an en-US date field takes them.
        let field = "form[aria-label='Date of the answer'] input[type=date]";
        page.type_into(field, "10012023").await;
        let typed: String = page.js("return document.querySelector(arguments[0]).value;", &[json!(field)]).await;
        assert_eq!(typed, "2023-10-01");
        page.click("form[aria-label='Date of the answer'] button[type=submit]").await;
        // The form's answer has its own address, with the date in it.
        page.wait_for_location("/instruments/bletchley-declaration?as_of=2023-10-01").await;
        assert_eq!(page.text("#parties").await, "Parties as of 2023-10-01 (0)");
        assert!(page.text("main").await.contains("No parties on this date."));
        assert_eq!(page.count(coloured).await, 0, "before the summit the map shows no party");
        let shown: String = page.js("return document.querySelector(arguments[0]).value;", &[json!(field)]).await;
        assert_eq!(shown, "2023-10-01", "the form keeps the date it asked for");
    })
    .await;
}

/// Fills the navigator's fields for a general-purpose model offered in France and Germany.
async fn fill_navigator(page: &Page, name: &str, date_keys: &str) {
    page.open("/navigator").await;
    page.type_into("input[name=name]", name).await;
    page.click("input[name=kinds][value='general-purpose-model']").await;
    page.click("input[name=roles][value=provider]").await;
    page.type_into("input[name=offered_in]", "FR, DE").await;
    page.type_into("input[name=established_in]", "US").await;
    page.type_into("input[name=as_of]", date_keys).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_navigator_form_saves_an_assessment_whose_link_shows_it_again() {
    scenario(|page| async move {
        fill_navigator(&page, "Chat assistant", "09012025").await;
        page.click("form[action='/navigator'] button[type=submit]").await;
        let location = page.wait_for_location("/assessments/").await;
        assert_eq!(page.text("main h1").await, "Assessment: Chat assistant");
        assert!(page.text("main p.meta").await.starts_with("As of 2025-09-01"));
        let jurisdictions = page.texts("#summary + .table-wrap tbody td:first-child").await;
        // Where it is offered, and where its operator is established.
        assert_eq!(jurisdictions, ["Germany (DE)", "France (FR)", "United States (US)"]);
        let ai_act = "#j-FR ~ details summary:has(a[href^='/instruments/eu-ai-act'])";
        assert!(page.text(ai_act).await.contains("binding-in-force"), "{}", page.text(ai_act).await);
        assert_eq!(gpai_rule(&page).await, "binding-in-force");
        assert!(page.count("#unified + .table-wrap tbody tr").await > 0, "the unified plan has rows");

        // The permanent link shows the same assessment to anyone who follows it.
        let link = page.find("main p.meta a[href^='/assessments/']").await;
        assert_eq!(link.attr("href").await.expect("href").as_deref(), Some(location.as_str()));
        page.open("/").await;
        page.open(&location).await;
        assert_eq!(page.text("main h1").await, "Assessment: Chat assistant");
        assert!(page.text(ai_act).await.contains("binding-in-force"));

        // The printable report: a PDF without the site's navigation.
        let pdf = page.print("assessment-report").await;
        assert!(pdf.starts_with(b"%PDF"), "the print is a PDF");
        let header_shown_in_print: bool = page
            .js(
                "return [...document.styleSheets].flatMap(s => [...s.cssRules]).some(r => r.media && \
                 r.media.mediaText === 'print' && r.cssText.includes('header.site'));",
                &[],
            )
            .await;
        assert!(header_shown_in_print, "the stylesheet hides the site header when printing");

        // The Markdown report of the same assessment.
        let report = reqwest::get(page.url(&format!("{location}/report.md"))).await.expect("the report");
        assert_eq!(report.status(), 200);
        assert!(report.text().await.expect("text").contains("Chat assistant"));

        // Before the AI Act's rules for general-purpose models applied (2025-08-02), the same system is told so.
        fill_navigator(&page, "Chat assistant, earlier", "07012025").await;
        page.click("form[action='/navigator'] button[type=submit]").await;
        page.wait_for_location("/assessments/").await;
        assert_eq!(gpai_rule(&page).await, "binding-not-yet-applicable from 2025-08-02");
    })
    .await;
}

/// The effect shown for the AI Act's rule on providers of general-purpose models in France.
async fn gpai_rule(page: &Page) -> String {
    let rules = page.texts("#j-FR ~ details:has(summary a[href^='/instruments/eu-ai-act']) li").await;
    let rule = rules
        .iter()
        .find_map(|r| r.strip_prefix("Obligations of providers of general-purpose AI models: "))
        .unwrap_or_else(|| panic!("no rule for general-purpose models among {rules:?}"));
    rule.to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_navigator_assesses_an_uploaded_profile_and_names_the_field_of_a_bad_one() {
    scenario(|page| async move {
        let example =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/general-purpose-model.toml");
        let example = example.canonicalize().expect("the example profile");
        page.open("/navigator").await;
        page.type_into("input[type=file][name=profile_file]", &example.display().to_string()).await;
        page.click("form[action='/navigator'] button[type=submit]").await;
        page.wait_for_location("/assessments/").await;
        assert_eq!(page.text("main h1").await, "Assessment: Example general-purpose model");
        let codes: Vec<String> =
            page.js("return [...document.querySelectorAll('main h2[id^=j-]')].map(h => h.id);", &[]).await;
        assert_eq!(codes, ["j-DE", "j-FR", "j-JP", "j-US"]);

        // A pasted profile with an unknown kind: the form comes back with the field and the allowed values.
        page.open("/navigator").await;
        let bad = r#"{"name": "Toaster", "kinds": ["toaster"], "roles": ["provider"], "established_in": "US"}"#;
        page.type_into("textarea[name=profile_text]", bad).await;
        page.click("form[action='/navigator'] button[type=submit]").await;
        let error = page.text("main .error").await;
        assert!(error.contains("kinds[0]"), "{error}");
        assert!(error.contains("general-purpose-model"), "the allowed values are listed: {error}");
        assert_eq!(page.location().await, "/navigator");
        let kept: String = page.js("return document.querySelector('textarea[name=profile_text]').value;", &[]).await;
        assert_eq!(kept, bad, "the pasted profile is kept for correction");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_map_heatmap_line_chart_and_timelines_render_and_are_saved_as_screenshots() {
    scenario(|page| async move {
        page.open("/instruments/coe-framework-convention-ai?as_of=2025-06-01").await;
        assert_rendered(&page, "#map + .chart svg", 600.0, 250.0).await;
        // The states coloured on the map are the states the API lists as parties on that date.
        let mut coloured: Vec<String> = page
            .js(
                "return [...new Set([...document.querySelectorAll('#map + .chart path[data-code]')] \
                 .filter(p => p.getAttribute('fill') !== '#d9d9d9').map(p => p.dataset.code))];",
                &[],
            )
            .await;
        coloured.sort();
        let detail: serde_json::Value =
            reqwest::get(page.url("/api/v1/instruments/coe-framework-convention-ai?as_of=2025-06-01"))
                .await
                .expect("the API")
                .json()
                .await
                .expect("JSON");
        let mut parties: Vec<String> = detail["parties"]
            .as_array()
            .expect("parties")
            .iter()
            .filter_map(|p| {
                p["party"]
                    .as_str()
                    .filter(|code| code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()))
                    .map(str::to_owned)
            })
            .collect();
        parties.sort();
        assert!(parties.len() >= 10, "{parties:?}");
        assert_eq!(coloured, parties);
        assert_png(&page.screenshot("#map + .chart svg", "map-coe-framework-convention").await);
        assert_png(&page.screenshot("#timeline + .chart svg", "timeline-coe-framework-convention").await);
        assert_png(&page.screenshot_page("page-instrument-coe-framework-convention").await);

        page.open("/groups/g7?as_of=2025-06-01").await;
        assert_rendered(&page, "#heatmap + .chart svg", 300.0, 300.0).await;
        assert_eq!(page.count("#heatmap + .chart svg rect.cell").await, 49, "7 × 7 cells");
        let tooltip = page.text("#heatmap + .chart svg rect.cell title").await;
        assert!(tooltip.is_empty() || tooltip.contains('–'), "{tooltip}");
        assert_png(&page.screenshot("#heatmap + .chart svg", "heatmap-g7").await);
        assert_rendered(&page, "#fragmentation + .chart svg", 400.0, 150.0).await;
        assert!(page.count("#fragmentation + .chart svg path.marker").await >= 9, "a point a year since 2017");
        assert_png(&page.screenshot("#fragmentation + .chart svg", "fragmentation-g7").await);
        assert_png(&page.screenshot_page("page-group-g7").await);

        page.open("/countries/JP").await;
        assert_rendered(&page, "#timeline + .chart svg", 600.0, 150.0).await;
        let events = page.count("#timeline + .chart svg g.event").await;
        assert!(events >= 20, "Japan's acts and memberships: {events}");
        assert_png(&page.screenshot("#timeline + .chart svg", "timeline-japan").await);
        assert_png(&page.screenshot_page("page-country-japan").await);
    })
    .await;
}

/// The element is laid out at least this large, so the browser drew it.
async fn assert_rendered(page: &Page, css: &str, min_width: f64, min_height: f64) {
    let (_, _, width, height) = page.find(css).await.rectangle().await.expect("a bounding box");
    assert!(width >= min_width && height >= min_height, "{css} is {width} × {height}");
}

fn assert_png(bytes: &[u8]) {
    assert!(bytes.starts_with(b"\x89PNG") && bytes.len() > 2000, "a PNG with content ({} bytes)", bytes.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_fit_a_narrow_screen_and_can_be_used_from_the_keyboard() {
    scenario(|page| async move {
        page.set_window_size(390, 844).await;
        let saved: serde_json::Value = reqwest::Client::new()
            .post(page.url("/api/v1/assessments"))
            .json(&common::general_purpose_profile())
            .send()
            .await
            .expect("saving an assessment")
            .json()
            .await
            .expect("JSON");
        let assessment = format!("/assessments/{}", saved["id"].as_str().expect("an id"));
        let paths = PAGES.iter().map(|&(path, _, _)| path).chain([assessment.as_str()]);
        for path in paths {
            page.open(path).await;
            let (scroll, width, wide): (u32, u32, Vec<String>) = page
                .js(
                    "const w = window.innerWidth; return [document.documentElement.scrollWidth, w, \
                     [...document.querySelectorAll('body *')] \
                     .filter(e => e.getBoundingClientRect().right > w && !e.closest('.table-wrap, .chart')) \
                     .map(e => e.tagName + '.' + e.className).slice(0, 5)];",
                    &[],
                )
                .await;
            assert!(scroll <= width, "{path} scrolls sideways on a narrow screen: {scroll} > {width}; too wide: {wide:?}");
        }

        // Tab reaches the skip link first; it shows when focused and moves the focus to the content.
        page.open("/").await;
        page.press(Key::Tab).await;
        let focused: String = page.js("return document.activeElement.textContent;", &[]).await;
        assert_eq!(focused, "Skip to content");
        let (left, outline): (f64, String) = page
            .js(
                "const e = document.activeElement; return [e.getBoundingClientRect().left, getComputedStyle(e).outlineStyle];",
                &[],
            )
            .await;
        assert!(left >= 0.0 && outline != "none", "the focused skip link is visible ({left}, outline {outline})");
        page.press(Key::Enter).await;
        let focused: String = page.js("return document.activeElement.id;", &[]).await;
        assert_eq!(focused, "main");

        // From the content, the next Tab is the search field; typing and Enter search.
        page.press(Key::Tab).await;
        let focused: String = page.js("return document.activeElement.name;", &[]).await;
        assert_eq!(focused, "q");
        page.find("main input[name=q]").await.send_keys(&format!("Bletchley{}", Key::Enter)).await.expect("typing");
        page.wait_for_location("/search?q=Bletchley").await;
        // Tab on to the first result and open it with Enter.
        page.press(Key::Tab).await; // the skip link
        for _ in 0..20 {
            let href: Option<String> = page.js("return document.activeElement.getAttribute('href');", &[]).await;
            if href.as_deref() == Some("/instruments/bletchley-declaration") {
                break;
            }
            page.press(Key::Tab).await;
        }
        page.press(Key::Enter).await;
        page.wait_for_location("/instruments/bletchley-declaration").await;
        assert!(page.text("main h1").await.starts_with("The Bletchley Declaration"));
    })
    .await;
}
