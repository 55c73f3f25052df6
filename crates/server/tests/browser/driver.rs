//! Headless Chromium driven over WebDriver (Debian's `chromium` and `chromium-driver`), against the real
//! application on a loopback port.
//!
//! Without a browser the scenarios say why and skip, unless `ACCORD_REQUIRE_BROWSER=1` (set by `.ci/run`),
//! when a missing browser fails them. `ACCORD_CHROMIUM` and `ACCORD_CHROMEDRIVER` name other binaries.

use std::future::Future;
use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::common::Server;

/// How long a page, an element or a navigation may take: generous, as the machine may be busy.
const PATIENCE: Duration = Duration::from_secs(30);

/// A browser tab on the running application, and what a scenario asks of it.
#[derive(Clone)]
pub struct Page {
    client: Client,
    base: String,
}

/// Runs `scenario` in a fresh browser against a fresh server, then closes the browser whatever happened;
/// a failed scenario fails the test with its own message. Skips (with a printed reason) when there is no
/// browser and `ACCORD_REQUIRE_BROWSER` is not `1`.
pub async fn scenario<F, Fut>(scenario: F)
where
    F: FnOnce(Page) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    // The test harness names the test's thread after the test.
    let name = std::thread::current().name().unwrap_or("a browser test").to_owned();
    let Some((chromium, chromedriver)) = binaries(&name) else { return };
    let server = Server::start().await;
    let profile = tempfile::tempdir().expect("a temporary browser profile");
    let driver = Driver::start(&chromedriver, profile.path());
    let client = driver.session(&chromium, profile.path()).await;
    let page = Page { client: client.clone(), base: server.base.clone() };
    let outcome = tokio::spawn(scenario(page)).await;
    if let Err(e) = client.close().await {
        eprintln!("{name}: closing the browser: {e}");
    }
    drop(driver);
    if let Err(error) = outcome {
        std::panic::resume_unwind(error.into_panic());
    }
}

/// Chromium and ChromeDriver, or `None` (after saying why) when the scenario is to be skipped.
fn binaries(name: &str) -> Option<(PathBuf, PathBuf)> {
    let required = std::env::var("ACCORD_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
    let chromium = find("ACCORD_CHROMIUM", &["chromium", "chromium-browser", "google-chrome"]);
    let chromedriver = find("ACCORD_CHROMEDRIVER", &["chromedriver"]);
    match (chromium, chromedriver) {
        (Some(chromium), Some(chromedriver)) => Some((chromium, chromedriver)),
        _ => {
            let reason = "no Chromium and ChromeDriver found (install Debian's chromium and chromium-driver, \
                          or set ACCORD_CHROMIUM and ACCORD_CHROMEDRIVER)";
            assert!(!required, "ACCORD_REQUIRE_BROWSER=1 but {reason}");
            // Straight to stderr, past the test harness's capture, so that the skip is seen.
            let _ = writeln!(std::io::stderr(), "skipped {name}: {reason}");
            None
        }
    }
}

/// The binary named by `variable`, or the first of `names` on the `PATH`.
fn find(variable: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(variable) {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    names.iter().flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name))).find(|p| p.is_file())
}

/// A ChromeDriver process, killed when dropped.
struct Driver {
    process: Child,
    url: String,
    log: PathBuf,
}

impl Driver {
    fn start(binary: &Path, dir: &Path) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free loopback port");
        let log = dir.join("chromedriver.log");
        let process = Command::new(binary)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            // Dates typed into a date field follow the browser's locale: month, day, year in en-US.
            .env("LANGUAGE", "en_US")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
        Self { process, url: format!("http://127.0.0.1:{port}"), log }
    }

    /// A new headless browser session, once the driver answers.
    async fn session(&self, chromium: &Path, profile: &Path) -> Client {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".to_owned(),
            json!({
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    // The machine's network is closed: no background fetches, no updates, no sign-in.
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--lang=en-US", "--window-size=1280,900", "--force-device-scale-factor=1",
                    format!("--user-data-dir={}", profile.join("chromium").display()),
                ],
            }),
        );
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let deadline = Instant::now() + PATIENCE;
        loop {
            match ClientBuilder::new(connector.clone()).capabilities(capabilities.clone()).connect(&self.url).await {
                Ok(client) => return client,
                // The driver may not listen yet.
                Err(_) if Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(200)).await,
                Err(e) => panic!(
                    "no browser session from ChromeDriver at {}: {e}\n{}",
                    self.url,
                    std::fs::read_to_string(&self.log).unwrap_or_default()
                ),
            }
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

impl Page {
    /// The application's URL for `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Loads `path` and waits for the page.
    pub async fn open(&self, path: &str) {
        self.client.goto(&self.url(path)).await.unwrap_or_else(|e| panic!("opening {path}: {e}"));
    }

    /// The path and query of the page shown.
    pub async fn location(&self) -> String {
        let url = self.client.current_url().await.expect("the current URL");
        match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// Waits until the page shown is at a path that starts with `prefix`, and returns its location.
    pub async fn wait_for_location(&self, prefix: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let location = self.location().await;
            if location.starts_with(prefix) {
                return location;
            }
            assert!(Instant::now() < deadline, "waited for a page at {prefix}..., still at {location}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The first element matching a CSS selector, waiting for it to appear.
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        match self.client.wait().at_most(PATIENCE).for_element(Locator::Css(css)).await {
            Ok(element) => element,
            Err(e) => panic!("no element {css:?} on {}: {e}", self.location().await),
        }
    }

    /// The visible text of the first element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.unwrap_or_else(|e| panic!("text of {css:?}: {e}"))
    }

    /// The visible text of every element matching `css`, in document order.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        self.js("return [...document.querySelectorAll(arguments[0])].map(e => e.innerText.trim());", &[json!(css)])
            .await
    }

    /// How many elements match `css`.
    pub async fn count(&self, css: &str) -> usize {
        self.js("return document.querySelectorAll(arguments[0]).length;", &[json!(css)]).await
    }

    /// Runs a script in the page and returns what it returns.
    pub async fn js<T: DeserializeOwned>(&self, script: &str, args: &[Value]) -> T {
        let value = self.client.execute(script, args.to_vec()).await.unwrap_or_else(|e| panic!("script {script}: {e}"));
        serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("script {script} returned {value}: {e}"))
    }

    /// Types `text` into the first element matching `css`, as a person would.
    pub async fn type_into(&self, css: &str, text: &str) {
        self.find(css).await.send_keys(text).await.unwrap_or_else(|e| panic!("typing into {css:?}: {e}"));
    }

    pub async fn click(&self, css: &str) {
        self.find(css).await.click().await.unwrap_or_else(|e| panic!("clicking {css:?}: {e}"));
    }

    /// Presses and releases a key wherever the focus is.
    pub async fn press(&self, key: Key) {
        let keys = KeyActions::new("keyboard".to_owned())
            .then(KeyAction::Down { value: key.into() })
            .then(KeyAction::Up { value: key.into() });
        self.client.perform_actions(keys).await.unwrap_or_else(|e| panic!("pressing {key:?}: {e}"));
    }

    pub async fn set_window_size(&self, width: u32, height: u32) {
        self.client.set_window_size(width, height).await.expect("resizing the window");
    }

    /// Saves a PNG of the first element matching `css` as `target/screenshots/{name}.png`, for a person to
    /// look at, and returns the image's bytes.
    pub async fn screenshot(&self, css: &str, name: &str) -> Vec<u8> {
        let element = self.find(css).await;
        let (_, _, _, element_height) = element.rectangle().await.expect("a bounding box");
        let (width, height) = self.grow_viewport(element_height + 20.0).await;
        self.js::<Value>("arguments[0].scrollIntoView({block: 'start'});", &[json!(element)]).await;
        let png = element.screenshot().await.unwrap_or_else(|e| panic!("screenshot of {css:?}: {e}"));
        self.set_window_size(width, height).await;
        save(&format!("{name}.png"), &png);
        png
    }

    /// Saves a PNG of the whole page, top to bottom (up to 8,000 pixels), as
    /// `target/screenshots/{name}.png`, and returns the image's bytes.
    pub async fn screenshot_page(&self, name: &str) -> Vec<u8> {
        let document: f64 = self.js("return document.documentElement.scrollHeight;", &[]).await;
        let (width, height) = self.grow_viewport(document.min(8000.0)).await;
        self.js::<Value>("window.scrollTo(0, 0);", &[]).await;
        let png = self.client.screenshot().await.expect("a screenshot of the page");
        self.set_window_size(width, height).await;
        save(&format!("{name}.png"), &png);
        png
    }

    /// Makes the viewport at least `height` pixels tall (a screenshot holds only what the viewport shows)
    /// and returns the window size to restore afterwards.
    async fn grow_viewport(&self, height: f64) -> (u32, u32) {
        let (width, window) = self.client.get_window_size().await.expect("the window size");
        let viewport: f64 = self.js("return window.innerHeight;", &[]).await;
        let frame = window as f64 - viewport;
        self.set_window_size(width as u32, (height + frame).ceil().max(window as f64) as u32).await;
        (width as u32, window as u32)
    }

    /// The page printed to PDF, as a person printing the page would get it.
    pub async fn print(&self, name: &str) -> Vec<u8> {
        let pdf = self.client.print(Default::default()).await.expect("printing the page");
        save(&format!("{name}.pdf"), &pdf);
        pdf
    }
}

/// Writes an artefact under `target/screenshots/`.
fn save(file: &str, bytes: &[u8]) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("the target directory").join("screenshots");
    std::fs::create_dir_all(&dir).expect("target/screenshots");
    std::fs::write(dir.join(file), bytes).unwrap_or_else(|e| panic!("writing {file}: {e}"));
}
