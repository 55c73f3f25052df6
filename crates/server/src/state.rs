//! What every request handler shares: the immutable atlas, the navigator over it, the database and the
//! page templates.

use std::sync::Arc;

use accord_atlas::Atlas;
use accord_navigator::Navigator;

use crate::db::Db;

#[derive(Clone)]
pub struct AppState {
    pub atlas: Arc<Atlas>,
    pub navigator: Arc<Navigator>,
    pub db: Db,
    pub pages: Arc<minijinja::Environment<'static>>,
    /// Answers to read requests, per day.
    pub cache: crate::cache::ResponseCache,
    /// Restricted-party lists loaded at start (`--list`), if any.
    pub screener: Option<Arc<accord_screening::Screener>>,
}

impl AppState {
    pub fn new(atlas: Arc<Atlas>, db: Db) -> Self {
        Self {
            navigator: Arc::new(Navigator::new(atlas.clone())),
            atlas,
            db,
            pages: Arc::new(crate::ui::environment()),
            cache: Default::default(),
            screener: None,
        }
    }

    /// The same state, screening against these list entries.
    pub fn with_screener(mut self, screener: accord_screening::Screener) -> Self {
        self.screener = Some(Arc::new(screener));
        self
    }
}
