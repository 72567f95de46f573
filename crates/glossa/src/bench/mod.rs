//! `glossa bench reviews`: the review loop ("fetch the due queue, answer
//! one card") measured over HTTP against an in-process server and, as the
//! ceiling, through the store functions directly, on a fresh database
//! seeded with many learners and cards.

mod load;
mod report;
mod seed;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use glossa_server::ServerConfig;
use glossa_store::{DatabaseConnection, DbBackend, PoolSettings};
use rand::RngCore;
use sea_orm::{ConnectionTrait, Database, Statement};

/// Arguments of `glossa bench reviews`.
#[derive(Debug, clap::Args)]
pub struct ReviewsArgs {
    /// Run on a scratch PostgreSQL database created (and dropped) on the
    /// server of this admin URL, e.g. postgres://postgres@127.0.0.1:5432/postgres.
    /// Without it: a temporary SQLite file.
    #[arg(long)]
    pub postgres_admin: Option<String>,
    /// Learners to create.
    #[arg(long, default_value_t = 1000)]
    pub learners: usize,
    /// Cards per learner.
    #[arg(long, default_value_t = 1000)]
    pub cards_per_learner: usize,
    /// Concurrency levels (concurrent clients), comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "32,128")]
    pub clients: Vec<usize>,
    /// Seconds to measure each phase (HTTP and direct, per level).
    #[arg(long, default_value_t = 20)]
    pub seconds: u64,
    /// Database pool size of the server and of the direct phase
    /// (default: the configured `database.max_connections`).
    #[arg(long)]
    pub pool: Option<u32>,
}

/// Where the benchmark database lives, removed afterwards.
enum Scratch {
    Sqlite(PathBuf),
    Postgres { admin: String, name: String },
}

impl Scratch {
    async fn create(args: &ReviewsArgs) -> Result<(Self, String)> {
        let tag = format!("{:016x}", rand::rng().next_u64());
        match &args.postgres_admin {
            None => {
                let dir = std::env::temp_dir().join(format!("glossa_bench_{tag}"));
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("creating {}", dir.display()))?;
                let url = format!("sqlite://{}", dir.join("bench.db").display());
                Ok((Self::Sqlite(dir), url))
            }
            Some(admin) => {
                let name = format!("glossa_bench_{tag}");
                let a = Database::connect(admin.as_str()).await.with_context(|| {
                    format!("connecting to {}", glossa_store::redact_url(admin))
                })?;
                a.execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .context("creating the scratch database")?;
                a.close().await.context("closing the admin connection")?;
                let (base, _) = admin
                    .split('?')
                    .next()
                    .and_then(|u| u.rsplit_once('/'))
                    .context("--postgres-admin must end with /DATABASE")?;
                let url = format!("{base}/{name}");
                Ok((
                    Self::Postgres {
                        admin: admin.clone(),
                        name,
                    },
                    url,
                ))
            }
        }
    }

    async fn remove(self) -> Result<()> {
        match self {
            Self::Sqlite(dir) => {
                std::fs::remove_dir_all(&dir).with_context(|| format!("removing {}", dir.display()))
            }
            Self::Postgres { admin, name } => {
                let a = Database::connect(admin.as_str()).await?;
                a.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await
                    .context("dropping the scratch database")?;
                a.close().await?;
                Ok(())
            }
        }
    }
}

/// Run `glossa bench reviews`.
pub async fn reviews(args: ReviewsArgs, cfg: ServerConfig) -> Result<()> {
    if args.learners == 0 || args.cards_per_learner == 0 {
        bail!("--learners and --cards-per-learner must be at least 1");
    }
    if args.clients.is_empty() || args.clients.contains(&0) {
        bail!("--clients must list concurrency levels of at least 1");
    }
    let (scratch, url) = Scratch::create(&args).await?;
    let result = run(&args, cfg, &url).await;
    let removed = scratch.remove().await;
    result?;
    removed
}

async fn run(args: &ReviewsArgs, cfg: ServerConfig, url: &str) -> Result<()> {
    let mut pool = cfg.database.clone();
    if let Some(n) = args.pool {
        pool.max_connections = n.max(1);
    }
    let backend = glossa_store::backend_of(url)?;
    let data_dir = std::env::temp_dir();
    let seeded = {
        let db = glossa_store::connect(Some(url), &data_dir, &one_connection(&pool)).await?;
        glossa_store::migrate::up(&db, None)
            .await
            .context("migrating the scratch database")?;
        let s = seed::seed(&db, args.learners, args.cards_per_learner).await?;
        finish_seeding(&db, backend).await?;
        db.close().await.context("closing the seeding connection")?;
        s
    };
    println!(
        "seeded {} learners, {} cards in {:.1} s ({:.0} cards/s); {} due now",
        args.learners,
        seeded.cards,
        seeded.elapsed.as_secs_f64(),
        seeded.cards as f64 / seeded.elapsed.as_secs_f64().max(1e-9),
        seeded.due_now,
    );

    // The job worker would run the periodic jobs over the million seeded
    // cards during the measurement; the benchmark measures requests only.
    let mut jobs = cfg.jobs.clone();
    jobs.enabled = false;
    let server_cfg = ServerConfig {
        jobs,
        bind: "127.0.0.1:0".into(),
        data_dir: data_dir.clone(),
        database_url: Some(url.to_owned()),
        database: pool.clone(),
        migrate_on_start: false,
        content_dir: data_dir.join("glossa-bench-no-content"),
        load_starter_content: false,
        ..cfg
    };
    let server = load::Server::start(server_cfg).await?;
    let direct = glossa_store::connect(Some(url), &data_dir, &pool).await?;
    let mut rows = Vec::new();
    let started = Instant::now();
    for &c in &args.clients {
        let secs = Duration::from_secs(args.seconds);
        let http = load::http(&server, &seeded.learners, c, secs).await?;
        println!("{}", report::line("HTTP", c, &http));
        let dir = load::direct(&direct, &seeded.learners, c, secs).await?;
        println!("{}", report::line("direct", c, &dir));
        rows.push(report::Row {
            clients: c,
            http,
            direct: dir,
        });
    }
    server.stop().await?;
    direct.close().await.context("closing the direct pool")?;
    let name = match backend {
        DbBackend::Postgres => "PostgreSQL",
        _ => "SQLite",
    };
    println!(
        "\n{name}, {} learners x {} cards, pool {} connections, {} s per phase (measured in {:.0} s)\n",
        args.learners,
        args.cards_per_learner,
        pool.max_connections,
        args.seconds,
        started.elapsed().as_secs_f64(),
    );
    print!("{}", report::table(&rows));
    Ok(())
}

fn one_connection(pool: &PoolSettings) -> PoolSettings {
    let mut p = pool.clone();
    p.max_connections = 1;
    p.min_connections = 1;
    p
}

/// Fresh statistics on PostgreSQL; an empty WAL on SQLite.
async fn finish_seeding(db: &DatabaseConnection, backend: DbBackend) -> Result<()> {
    let sql = match backend {
        DbBackend::Postgres => "VACUUM ANALYZE",
        _ => "PRAGMA wal_checkpoint(TRUNCATE)",
    };
    db.execute_raw(Statement::from_string(backend, sql))
        .await
        .with_context(|| format!("running {sql}"))?;
    Ok(())
}
