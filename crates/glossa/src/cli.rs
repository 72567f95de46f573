//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Glossa: a self-hostable server for AI-assisted language learning.
#[derive(Debug, Parser)]
#[command(name = "glossa", version)]
pub struct Cli {
    /// Configuration file (default: ./glossa.toml if present).
    #[arg(long, global = true, env = "GLOSSA_CONFIG")]
    pub config: Option<PathBuf>,
    /// Data directory (SQLite database and files; default ./glossa-data).
    #[arg(long, global = true)]
    pub data_dir: Option<PathBuf>,
    /// Database URL: sqlite://PATH or postgres://USER@HOST:PORT/DB.
    #[arg(long, global = true)]
    pub database_url: Option<String>,
    /// Log format: text or json.
    #[arg(long, global = true, value_parser = ["text", "json"])]
    pub log_format: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP server.
    Serve {
        /// Address to listen on (default 127.0.0.1:8080; also GLOSSA_BIND).
        #[arg(long)]
        bind: Option<String>,
        /// Do not apply pending migrations at start (refuse to start instead).
        #[arg(long)]
        no_migrate: bool,
    },
    /// Manage the database schema.
    Migrate {
        /// Step.
        #[command(subcommand)]
        action: MigrateAction,
    },
    /// Manage users.
    User {
        /// Action.
        #[command(subcommand)]
        action: UserAction,
    },
    /// Check content packs.
    Content {
        /// Action.
        #[command(subcommand)]
        action: ContentAction,
    },
    /// Import content into the database.
    Import {
        /// What to import.
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Export content from the database.
    Export {
        /// What to export.
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Evaluate algorithms on data.
    Eval {
        /// What to evaluate.
        #[command(subcommand)]
        what: EvalWhat,
    },
    /// Measure performance on a scratch database.
    Bench {
        /// What to measure.
        #[command(subcommand)]
        what: BenchWhat,
    },
    /// Show configuration.
    Config {
        /// Action.
        #[command(subcommand)]
        action: ConfigAction,
    },
}

/// `glossa migrate ...`
#[derive(Debug, Subcommand)]
pub enum MigrateAction {
    /// Apply pending migrations (all, or the next N).
    Up {
        /// How many.
        steps: Option<u32>,
    },
    /// Revert the last N migrations (default 1).
    Down {
        /// How many.
        steps: Option<u32>,
        /// Revert every migration.
        #[arg(long, conflicts_with = "steps")]
        all: bool,
    },
    /// List migrations and whether each is applied.
    Status,
    /// Drop every table and apply all migrations (destroys all data).
    Fresh {
        /// Confirm that all data may be destroyed.
        #[arg(long)]
        yes: bool,
    },
}

/// `glossa user ...`
#[derive(Debug, Subcommand)]
pub enum UserAction {
    /// Create a user. The password comes from GLOSSA_USER_PASSWORD, or is
    /// generated and printed once.
    Create {
        /// Email address.
        #[arg(long)]
        email: String,
        /// learner, teacher or admin.
        #[arg(long, default_value = "learner")]
        role: String,
        /// Display name.
        #[arg(long)]
        name: Option<String>,
    },
}

/// `glossa config ...`
#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print the effective configuration with secrets redacted.
    Print,
}

/// `glossa content ...`
#[derive(Debug, Subcommand)]
pub enum ContentAction {
    /// Validate every pack in DIR (a pack, or a directory of packs).
    Check {
        /// Directory.
        dir: PathBuf,
    },
}

/// `glossa import ...`
#[derive(Debug, Subcommand)]
pub enum ImportWhat {
    /// Import a content pack directory (idempotent; all or nothing).
    Pack {
        /// Pack directory.
        dir: PathBuf,
    },
    /// Import a CSV/TSV word list (header row: word, translation_en, level, ...).
    Csv(FileImport),
    /// Import an Anki deck (.apkg); media go to DATA_DIR/media/<slug>/.
    Anki(FileImport),
    /// Build a word bank (the most frequent words with levels, forms and
    /// translations) from a frequency list and dictionaries, and import it.
    Frequency(crate::wordbank::FrequencyImport),
}

/// Arguments of `glossa import csv` and `glossa import anki`.
#[derive(Debug, clap::Args)]
pub struct FileImport {
    /// The file to import.
    pub file: PathBuf,
    /// Language of the words (ISO 639-1), e.g. de.
    #[arg(long)]
    pub language: String,
    /// Learner language of an unnamed `translation` column or Anki field.
    #[arg(long, default_value = "en")]
    pub translation_language: String,
    /// Pack slug (default: made from the file name).
    #[arg(long)]
    pub slug: Option<String>,
    /// CEFR level of entries that do not give one.
    #[arg(long, default_value = "A1")]
    pub level: String,
    /// Make every entry a custom card of this learner (by email) instead
    /// of catalog words.
    #[arg(long, value_name = "EMAIL")]
    pub cards_for: Option<String>,
}

/// `glossa export ...`
#[derive(Debug, Subcommand)]
pub enum ExportWhat {
    /// Export a language's catalog as a content pack directory.
    Pack {
        /// Language (ISO 639-1), or `mul` for achievements.
        #[arg(long)]
        language: String,
        /// Directory to write.
        dir: PathBuf,
    },
}

/// `glossa eval ...`
#[derive(Debug, Subcommand)]
pub enum EvalWhat {
    /// Evaluate FSRS-6 (default and fitted) and SM-2 on a review log.
    Srs {
        /// CSV with card_id, review_rating (1-4), review_time (RFC 3339).
        #[arg(long)]
        revlog: PathBuf,
        /// Hour (UTC) at which a new day starts.
        #[arg(long, default_value_t = 4)]
        day_start_hour: u32,
        /// Print the report as JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

/// `glossa bench ...`
#[derive(Debug, Subcommand)]
pub enum BenchWhat {
    /// The review loop (due queue, answer one card) over HTTP and directly,
    /// on a fresh database seeded with learners and cards.
    Reviews(crate::bench::ReviewsArgs),
}
