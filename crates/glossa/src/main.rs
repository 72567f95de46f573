//! `glossa`: the server and its command-line tools.

mod bench;
mod cards;
mod cli;
mod commands;
mod content;
mod eval;
mod importers;
mod settings;
mod wordbank;

use anyhow::Result;
use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = cli::Cli::parse();
    match run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: cli::Cli) -> Result<()> {
    let mut cfg = settings::load(cli.config.as_deref())?;
    if let Some(dir) = cli.data_dir {
        cfg.data_dir = dir;
    }
    if let Some(url) = cli.database_url {
        cfg.database_url = Some(url);
    }
    if let Some(f) = cli.log_format {
        cfg.log_format = f;
    }
    commands::init_logging(&cfg.log_format);
    commands::dispatch(cli.command, cfg).await
}
