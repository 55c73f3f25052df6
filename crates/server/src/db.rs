//! Mutable state: saved assessments, in SQLite by default or PostgreSQL, with migrations run on start.

use sqlx::AnyPool;
use sqlx::any::AnyPoolOptions;

/// Schema migrations, applied in order once each; plain SQL that SQLite and PostgreSQL both accept.
const MIGRATIONS: &[(i64, &str)] = &[(
    1,
    "CREATE TABLE IF NOT EXISTS assessments (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        system TEXT NOT NULL,
        as_of TEXT NOT NULL,
        profile TEXT NOT NULL,
        result TEXT NOT NULL
    )",
)];

/// The database behind the server.
#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
}

/// A saved assessment: the profile as submitted and the result as computed then.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct SavedAssessment {
    pub id: String,
    pub created_at: String,
    pub system: String,
    pub as_of: String,
    pub profile: serde_json::Value,
    pub assessment: serde_json::Value,
}

impl Db {
    /// Connects (creating an SQLite file if needed) and brings the schema up to date.
    pub async fn connect(url: &str) -> Result<Self, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let url = if url.starts_with("sqlite:") && !url.contains("mode=") {
            format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
        } else {
            url.to_owned()
        };
        let pool = AnyPoolOptions::new().max_connections(8).connect(&url).await?;
        let db = Self { pool };
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> Result<(), sqlx::Error> {
        sqlx::query(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)",
        )
        .execute(&self.pool)
        .await?;
        for (version, sql) in MIGRATIONS {
            let done: Option<(i64,)> = sqlx::query_as("SELECT version FROM schema_migrations WHERE version = $1")
                .bind(*version)
                .fetch_optional(&self.pool)
                .await?;
            if done.is_none() {
                let mut tx = self.pool.begin().await?;
                sqlx::query(sqlx::AssertSqlSafe(*sql)).execute(&mut *tx).await?;
                sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)")
                    .bind(*version)
                    .bind(now())
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
            }
        }
        Ok(())
    }

    /// True when the database answers.
    pub async fn ready(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// Saves an assessment in one statement; a failure leaves nothing behind.
    pub async fn save(
        &self,
        system: &str,
        as_of: &str,
        profile: &serde_json::Value,
        assessment: &serde_json::Value,
    ) -> Result<SavedAssessment, sqlx::Error> {
        let saved = SavedAssessment {
            id: uuid::Uuid::new_v4().simple().to_string(),
            created_at: now(),
            system: system.to_owned(),
            as_of: as_of.to_owned(),
            profile: profile.clone(),
            assessment: assessment.clone(),
        };
        sqlx::query(
            "INSERT INTO assessments (id, created_at, system, as_of, profile, result) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&saved.id)
        .bind(&saved.created_at)
        .bind(&saved.system)
        .bind(&saved.as_of)
        .bind(profile.to_string())
        .bind(assessment.to_string())
        .execute(&self.pool)
        .await?;
        Ok(saved)
    }

    /// How many assessments are saved.
    pub async fn count(&self) -> Result<i64, sqlx::Error> {
        let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM assessments").fetch_one(&self.pool).await?;
        Ok(count)
    }

    pub async fn load(&self, id: &str) -> Result<Option<SavedAssessment>, sqlx::Error> {
        let row: Option<(String, String, String, String, String, String)> =
            sqlx::query_as("SELECT id, created_at, system, as_of, profile, result FROM assessments WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(id, created_at, system, as_of, profile, result)| SavedAssessment {
            id,
            created_at,
            system,
            as_of,
            profile: serde_json::from_str(&profile).unwrap_or(serde_json::Value::Null),
            assessment: serde_json::from_str(&result).unwrap_or(serde_json::Value::Null),
        }))
    }
}

/// The current time as an RFC 3339 UTC timestamp.
fn now() -> String {
    jiff::Timestamp::now().to_string()
}
