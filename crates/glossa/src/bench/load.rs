//! The load: C concurrent clients, each repeating "fetch the due queue
//! (1-20 cards), answer the first card" for a random learner, over HTTP or
//! through the store functions directly.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow};
use chrono::Utc;
use glossa_core::srs::Rating;
use glossa_server::ServerConfig;
use glossa_store::DatabaseConnection;
use glossa_store::learning::queue::{self, ReviewOrder};
use glossa_store::learning::reviews::{self, Answer};
use glossa_store::learning::schedule;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::Deserialize;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use uuid::Uuid;

use super::report::Stats;
use super::seed::Learner;

/// The in-process server.
pub struct Server {
    base: String,
    client: reqwest::Client,
    stop: oneshot::Sender<()>,
    task: JoinHandle<Result<(), glossa_server::LaunchError>>,
}

impl Server {
    /// Launch on 127.0.0.1 (a free port).
    pub async fn start(cfg: ServerConfig) -> Result<Self> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .context("binding 127.0.0.1:0")?;
        let addr = listener.local_addr().context("reading the bound address")?;
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(glossa_server::launch(
            listener,
            cfg,
            glossa_server::Clock::system(),
            async move {
                let _ = stopped.await;
            },
        ));
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(1024)
            .tcp_nodelay(true)
            .build()
            .context("building the HTTP client")?;
        let base = format!("http://{addr}");
        // Wait until it answers.
        let started = Instant::now();
        while client.get(format!("{base}/healthz")).send().await.is_err() {
            if started.elapsed() > Duration::from_secs(30) || task.is_finished() {
                return Err(anyhow!("the server did not start"));
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Ok(Self {
            base,
            client,
            stop,
            task,
        })
    }

    /// Shut down and wait.
    pub async fn stop(self) -> Result<()> {
        let _ = self.stop.send(());
        self.task.await.context("the server task panicked")??;
        Ok(())
    }
}

#[derive(Deserialize)]
struct DueCards {
    cards: Vec<CardId>,
}

#[derive(Deserialize)]
struct CardId {
    id: Uuid,
}

/// One iteration's random choices.
#[derive(Clone, Copy)]
struct Pick {
    learner: usize,
    limit: u64,
    rating: i64,
}

/// Whether the queue had a card to answer.
enum Did {
    Answered,
    Empty,
}

/// The review loop over HTTP.
pub async fn http(
    server: &Server,
    learners: &[Learner],
    clients: usize,
    secs: Duration,
) -> Result<Stats> {
    let learners: Arc<Vec<Learner>> = Arc::new(learners.to_vec());
    let (client, base) = (server.client.clone(), Arc::new(server.base.clone()));
    drive(clients, secs, learners.len(), move |p| {
        http_once(client.clone(), base.clone(), learners.clone(), p)
    })
    .await
}

async fn http_once(
    client: reqwest::Client,
    base: Arc<String>,
    learners: Arc<Vec<Learner>>,
    p: Pick,
) -> Result<Did> {
    let token = &learners[p.learner].token;
    let due: DueCards = client
        .get(format!("{base}/api/v1/reviews/due?limit={}", p.limit))
        .bearer_auth(token)
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let Some(card) = due.cards.first() else {
        return Ok(Did::Empty);
    };
    let body = serde_json::json!({
        "card_id": card.id,
        "rating": p.rating,
        "client_id": Uuid::now_v7(),
    });
    client
        .post(format!("{base}/api/v1/reviews"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await?
        .error_for_status()?
        .bytes()
        .await?;
    Ok(Did::Answered)
}

/// The same loop through the store functions, without HTTP (the ceiling).
pub async fn direct(
    db: &DatabaseConnection,
    learners: &[Learner],
    clients: usize,
    secs: Duration,
) -> Result<Stats> {
    let ids: Arc<Vec<Uuid>> = Arc::new(learners.iter().map(|l| l.id).collect());
    let db = db.clone();
    drive(clients, secs, ids.len(), move |p| {
        direct_once(db.clone(), ids.clone(), p)
    })
    .await
}

async fn direct_once(db: DatabaseConnection, ids: Arc<Vec<Uuid>>, p: Pick) -> Result<Did> {
    let schedule = schedule::load(&db, ids[p.learner]).await?;
    let now = Utc::now();
    let q = queue::due(&db, &schedule, now, ReviewOrder::Due, p.limit, None).await?;
    let Some(card) = q.cards.first() else {
        return Ok(Did::Empty);
    };
    let rating = Rating::from_number(p.rating).ok_or_else(|| anyhow!("bad rating"))?;
    let a = Answer {
        card_id: card.id,
        rating,
        client_id: Uuid::now_v7(),
        kind: "flashcard".into(),
        time_spent_ms: None,
        confidence: None,
    };
    reviews::answer(&db, &schedule, &a, now).await?;
    Ok(Did::Answered)
}

/// Run `clients` tasks for `secs`, each repeating `op` with random picks;
/// the latency of every successful iteration goes in a histogram (µs).
async fn drive<F, Fut>(clients: usize, secs: Duration, learners: usize, op: F) -> Result<Stats>
where
    F: Fn(Pick) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<Did>> + Send,
{
    let started = Instant::now();
    let deadline = started + secs;
    let mut tasks = Vec::with_capacity(clients);
    for _ in 0..clients {
        let op = op.clone();
        tasks.push(tokio::spawn(async move {
            let mut rng = StdRng::from_rng(&mut rand::rng());
            let mut s = Stats::new()?;
            while Instant::now() < deadline {
                let pick = Pick {
                    learner: rng.random_range(0..learners),
                    limit: rng.random_range(1..=20),
                    rating: rng.random_range(1..=4),
                };
                let t = Instant::now();
                match op(pick).await {
                    Ok(did) => {
                        let us = u64::try_from(t.elapsed().as_micros()).unwrap_or(u64::MAX);
                        s.hist.saturating_record(us.max(1));
                        s.iterations += 1;
                        if matches!(did, Did::Empty) {
                            s.empty += 1;
                        }
                    }
                    Err(e) => {
                        s.errors += 1;
                        if s.first_error.is_none() {
                            s.first_error = Some(format!("{e:#}"));
                        }
                    }
                }
            }
            anyhow::Ok(s)
        }));
    }
    let mut total = Stats::new()?;
    for t in tasks {
        total.merge(t.await.context("a client task panicked")??)?;
    }
    total.elapsed = started.elapsed();
    Ok(total)
}
