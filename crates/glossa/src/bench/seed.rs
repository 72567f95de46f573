//! Seeding the benchmark database: learners with settings and a login
//! session each, and their cards (mostly in review, due over the past and
//! next 30 days; some new), with multi-row INSERTs in big transactions.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use glossa_server::auth::token;
use glossa_store::{DatabaseConnection, DbBackend, TransactionTrait};
use indicatif::{ProgressBar, ProgressStyle};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{ConnectionTrait, Statement, Value};
use uuid::Uuid;

/// A seeded learner: their id and bearer token.
#[derive(Debug, Clone)]
pub struct Learner {
    /// User id.
    pub id: Uuid,
    /// Session token (`Authorization: Bearer ...`).
    pub token: String,
}

/// What seeding made.
pub struct Seeded {
    /// The learners.
    pub learners: Vec<Learner>,
    /// Cards inserted.
    pub cards: u64,
    /// Review cards due now.
    pub due_now: u64,
    /// Wall-clock time of seeding.
    pub elapsed: Duration,
}

/// Rows per INSERT (well under SQLite's 32,766 bound parameters).
const ROWS_PER_INSERT: usize = 4000;
/// Rows per transaction.
const ROWS_PER_TX: usize = 100_000;
/// Share of new (never reviewed) cards.
const NEW_SHARE: f64 = 0.15;

/// `$1, $2, ...` on PostgreSQL, `?` on SQLite.
struct Params {
    backend: DbBackend,
    values: Vec<Value>,
}

impl Params {
    fn new(backend: DbBackend) -> Self {
        Self {
            backend,
            values: Vec::new(),
        }
    }

    fn push(&mut self, v: impl Into<Value>) -> String {
        self.values.push(v.into());
        match self.backend {
            DbBackend::Postgres => format!("${}", self.values.len()),
            _ => "?".to_owned(),
        }
    }

    fn statement(self, sql: String) -> Statement {
        Statement::from_sql_and_values(self.backend, sql, self.values)
    }
}

/// Insert `learners` learners with `per_learner` cards each.
pub async fn seed(db: &DatabaseConnection, learners: usize, per_learner: usize) -> Result<Seeded> {
    let started = Instant::now();
    let backend = db.get_database_backend();
    let now = Utc::now();
    let mut rng = StdRng::from_rng(&mut rand::rng());
    let people: Vec<Learner> = (0..learners)
        .map(|_| Learner {
            id: Uuid::now_v7(),
            token: token::generate(token::SESSION_PREFIX),
        })
        .collect();
    let tx = db
        .begin()
        .await
        .context("starting the learners transaction")?;
    for (n, chunk) in people.chunks(1000).enumerate() {
        let (mut u, mut s, mut a) = (
            Params::new(backend),
            Params::new(backend),
            Params::new(backend),
        );
        let (mut ut, mut st, mut at) = (Vec::new(), Vec::new(), Vec::new());
        for (i, l) in chunk.iter().enumerate() {
            let email = format!("learner{}@bench.example", n * 1000 + i);
            ut.push(format!(
                "({}, '{email}', 'learner', {}, {})",
                u.push(l.id),
                u.push(now),
                u.push(now)
            ));
            st.push(format!(
                "({}, {}, {}, {})",
                s.push(Uuid::now_v7()),
                s.push(l.id),
                s.push(now),
                s.push(now)
            ));
            at.push(format!(
                "({}, {}, {}, {}, {}, {})",
                a.push(Uuid::now_v7()),
                a.push(l.id),
                a.push(token::hash(&l.token)),
                a.push(now),
                a.push(now),
                a.push(now + chrono::Duration::days(30))
            ));
        }
        let users = format!(
            "INSERT INTO users (id, email, role, created_at, updated_at) VALUES {}",
            ut.join(", ")
        );
        let settings = format!(
            "INSERT INTO user_settings (id, user_id, created_at, updated_at) VALUES {}",
            st.join(", ")
        );
        let sessions = format!(
            "INSERT INTO auth_sessions (id, user_id, token_hash, created_at, last_seen_at, \
             expires_at) VALUES {}",
            at.join(", ")
        );
        tx.execute_raw(u.statement(users))
            .await
            .context("inserting users")?;
        tx.execute_raw(s.statement(settings))
            .await
            .context("inserting user settings")?;
        tx.execute_raw(a.statement(sessions))
            .await
            .context("inserting sessions")?;
    }
    tx.commit().await.context("committing learners")?;

    let total = (learners * per_learner) as u64;
    let bar = ProgressBar::new(total).with_style(
        ProgressStyle::with_template("seeding cards {bar:40} {pos}/{len} {per_sec} eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut due_now = 0u64;
    let mut pending: Vec<(Uuid, usize)> = Vec::with_capacity(ROWS_PER_INSERT);
    let mut in_tx = 0usize;
    let mut tx = db.begin().await.context("starting a cards transaction")?;
    for l in &people {
        for j in 0..per_learner {
            pending.push((l.id, j));
            if pending.len() == ROWS_PER_INSERT {
                due_now += insert_cards(&tx, backend, &pending, now, &mut rng).await?;
                bar.inc(pending.len() as u64);
                in_tx += pending.len();
                pending.clear();
                if in_tx >= ROWS_PER_TX {
                    tx.commit().await.context("committing cards")?;
                    tx = db.begin().await.context("starting a cards transaction")?;
                    in_tx = 0;
                }
            }
        }
    }
    if !pending.is_empty() {
        due_now += insert_cards(&tx, backend, &pending, now, &mut rng).await?;
        bar.inc(pending.len() as u64);
    }
    tx.commit().await.context("committing cards")?;
    bar.finish_and_clear();
    Ok(Seeded {
        learners: people,
        cards: total,
        due_now,
        elapsed: started.elapsed(),
    })
}

/// One multi-row INSERT of cards; returns how many review cards are due now.
async fn insert_cards(
    tx: &impl ConnectionTrait,
    backend: DbBackend,
    rows: &[(Uuid, usize)],
    now: DateTime<Utc>,
    rng: &mut StdRng,
) -> Result<u64> {
    let mut p = Params::new(backend);
    let mut tuples = Vec::with_capacity(rows.len());
    let mut due_now = 0;
    for &(user, j) in rows {
        let id = p.push(Uuid::now_v7());
        let user = p.push(user);
        // Constant columns inline: language, item_type, algorithm, step.
        let front = format!("'de', 'custom', 'fsrs', 0, 'word {j}'");
        let back = format!("'meaning {j}'");
        if rng.random_bool(NEW_SHARE) {
            let due = p.push(now);
            let (c, u) = (p.push(now), p.push(now));
            tuples.push(format!(
                "({id}, {user}, {front}, {back}, 'new', {due}, NULL, NULL, 0, 0, NULL, NULL, {c}, {u})"
            ));
            continue;
        }
        // Due somewhere in the past or next 30 days, after an interval of
        // 1-90 days since the last review.
        let offset = rng.random_range(-30 * 86_400..30 * 86_400);
        if offset <= 0 {
            due_now += 1;
        }
        let due_at = now + chrono::Duration::seconds(offset);
        let interval = rng.random_range(1..=90i64);
        let last = due_at - chrono::Duration::days(interval);
        let first = last - chrono::Duration::days(rng.random_range(0..=60));
        let stability = interval as f64 * rng.random_range(0.8..1.2);
        let difficulty = rng.random_range(2.0..8.0);
        let reps = rng.random_range(2..=15i32);
        let due = p.push(due_at);
        let (last, first) = (p.push(last), p.push(first));
        let (c, u) = (p.push(now), p.push(now));
        tuples.push(format!(
            "({id}, {user}, {front}, {back}, 'review', {due}, {stability:.3}, {difficulty:.3}, \
             {interval}, {reps}, {last}, {first}, {c}, {u})"
        ));
    }
    let sql = format!(
        "INSERT INTO cards (id, user_id, language, item_type, algorithm, step, front, back, state, \
         due, stability, difficulty, interval_days, reps, last_reviewed_at, first_reviewed_at, \
         created_at, updated_at) VALUES {}",
        tuples.join(", ")
    );
    tx.execute_raw(p.statement(sql))
        .await
        .context("inserting cards")?;
    Ok(due_now)
}
