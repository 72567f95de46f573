//! What each command does.

use anyhow::{Context, Result, bail};
use glossa_core::{Email, Role, check_password};
use glossa_server::ServerConfig;
use glossa_server::auth::password::Hasher;
use glossa_store::migrate;
use tokio::net::TcpListener;

use crate::cli::{
    BenchWhat, Command, ConfigAction, ContentAction, EvalWhat, ExportWhat, ImportWhat,
    MigrateAction, UserAction,
};

/// Set up `tracing` output (`GLOSSA_LOG` or `RUST_LOG` filter, default info).
pub fn init_logging(format: &str) {
    use tracing_subscriber::EnvFilter;
    let filter = std::env::var("GLOSSA_LOG")
        .or_else(|_| std::env::var("RUST_LOG"))
        .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".to_owned());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::new(filter))
        .with_writer(std::io::stderr);
    if format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

/// Run one command.
pub async fn dispatch(command: Command, mut cfg: ServerConfig) -> Result<()> {
    match command {
        Command::Serve { bind, no_migrate } => {
            if let Some(b) = bind {
                cfg.bind = b;
            }
            if no_migrate {
                cfg.migrate_on_start = false;
            }
            serve(cfg).await
        }
        Command::Migrate { action } => run_migrate(action, cfg).await,
        Command::User { action } => run_user(action, cfg).await,
        Command::Content {
            action: ContentAction::Check { dir },
        } => crate::content::check(&dir),
        Command::Import {
            what: ImportWhat::Pack { dir },
        } => crate::content::import(&dir, cfg).await,
        Command::Import {
            what: ImportWhat::Csv(args),
        } => crate::importers::csv(&args, &cfg).await,
        Command::Import {
            what: ImportWhat::Anki(args),
        } => crate::importers::anki(&args, &cfg).await,
        Command::Import {
            what: ImportWhat::Frequency(args),
        } => crate::wordbank::import(args, &cfg).await,
        Command::Export {
            what: ExportWhat::Pack { language, dir },
        } => crate::content::export(&language, &dir, cfg).await,
        Command::Eval {
            what:
                EvalWhat::Srs {
                    revlog,
                    day_start_hour,
                    json,
                },
        } => crate::eval::srs(&revlog, day_start_hour, json),
        Command::Bench {
            what: BenchWhat::Reviews(args),
        } => crate::bench::reviews(args, cfg).await,
        Command::Config {
            action: ConfigAction::Print,
        } => {
            print!("{}", crate::settings::print(&cfg)?);
            Ok(())
        }
    }
}

async fn serve(cfg: ServerConfig) -> Result<()> {
    let listener = TcpListener::bind(&cfg.bind).await.with_context(|| {
        format!(
            "cannot listen on {}; choose another address with --bind",
            cfg.bind
        )
    })?;
    let addr = listener.local_addr().context("reading the bound address")?;
    let db = glossa_server::open_database(&cfg).await?;
    println!("Glossa listening on http://{addr}");
    tracing::info!(%addr, "listening");
    glossa_server::serve(
        listener,
        db,
        cfg,
        glossa_server::Clock::system(),
        shutdown_signal(),
    )
    .await?;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on SIGINT or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}

/// A single-connection pool for schema changes: `migrate fresh` on SQLite
/// turns foreign keys off with a PRAGMA, which holds only for the
/// connection that ran it.
async fn connect(cfg: &ServerConfig) -> Result<glossa_store::DatabaseConnection> {
    let mut pool = cfg.database.clone();
    pool.max_connections = 1;
    pool.min_connections = 1;
    Ok(glossa_store::connect(cfg.database_url.as_deref(), &cfg.data_dir, &pool).await?)
}

async fn run_migrate(action: MigrateAction, cfg: ServerConfig) -> Result<()> {
    let db = connect(&cfg).await?;
    match action {
        MigrateAction::Up { steps } => {
            migrate::up(&db, steps)
                .await
                .context("applying migrations")?;
        }
        MigrateAction::Down { steps, all } => {
            let steps = if all { None } else { Some(steps.unwrap_or(1)) };
            migrate::down(&db, steps)
                .await
                .context("reverting migrations")?;
        }
        MigrateAction::Fresh { yes } => {
            if !yes {
                bail!("`migrate fresh` drops every table and all data; add --yes to confirm");
            }
            migrate::fresh(&db).await.context("recreating the schema")?;
        }
        MigrateAction::Status => {}
    }
    for m in migrate::status(&db)
        .await
        .context("reading migration status")?
    {
        println!(
            "{} {}",
            if m.applied { "applied" } else { "pending" },
            m.name
        );
    }
    Ok(())
}

async fn run_user(action: UserAction, cfg: ServerConfig) -> Result<()> {
    let UserAction::Create { email, role, name } = action;
    let email = Email::parse(&email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
    let role: Role = role.parse().map_err(|e| anyhow::anyhow!("--role: {e}"))?;
    let (password, generated) = match std::env::var("GLOSSA_USER_PASSWORD") {
        Ok(p) => (p, false),
        Err(_) => (glossa_server::auth::token::generate(""), true),
    };
    check_password(&password, email.as_str())
        .map_err(|e| anyhow::anyhow!("GLOSSA_USER_PASSWORD: {e}"))?;
    let db = glossa_server::open_database(&cfg).await?;
    let auth = &cfg.auth;
    let hasher = Hasher::new(
        auth.argon2_memory_kib,
        auth.argon2_iterations,
        auth.argon2_parallelism,
    )
    .map_err(|e| anyhow::anyhow!(e))?;
    let user = glossa_server::accounts::create_account(
        &db,
        &hasher,
        glossa_server::accounts::NewAccount {
            email,
            password: password.clone(),
            role,
            display_name: name,
            native_language: None,
            timezone: None,
        },
        chrono::Utc::now(),
    )
    .await
    .map_err(|e| anyhow::anyhow!("{}", e.message))?;
    println!("created {} {} ({})", user.role, user.email, user.id);
    if generated {
        // The only time this password is shown.
        println!("generated password (shown only now): {password}");
    }
    Ok(())
}
