//! The effective configuration: built-in defaults, then `glossa.toml`
//! (or the file given with `--config`), then `GLOSSA_*` environment
//! variables (`__` separates nested keys, e.g.
//! `GLOSSA_DATABASE__MAX_CONNECTIONS`), then `DATABASE_URL`, then flags.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use glossa_server::ServerConfig;

/// Variables with our prefix that are not configuration keys.
const NOT_CONFIG: &[&str] = &["GLOSSA_CONFIG", "GLOSSA_LOG", "GLOSSA_USER_PASSWORD"];

/// Load the layered configuration.
pub fn load(explicit: Option<&Path>) -> Result<ServerConfig> {
    let defaults = config::Config::try_from(&ServerConfig::default())
        .context("built-in defaults do not serialise")?;
    let (path, required) = match explicit {
        Some(p) => (p.to_path_buf(), true),
        None => (PathBuf::from("glossa.toml"), false),
    };
    let env: config::Map<String, String> = std::env::vars()
        .filter(|(k, _)| {
            k.starts_with("GLOSSA_")
                && !k.starts_with("GLOSSA_TEST_")
                && !NOT_CONFIG.contains(&k.as_str())
        })
        .collect();
    let built = config::Config::builder()
        .add_source(defaults)
        .add_source(
            config::File::from(path.clone())
                .format(config::FileFormat::Toml)
                .required(required),
        )
        .add_source(
            config::Environment::with_prefix("GLOSSA")
                .prefix_separator("_")
                .separator("__")
                .try_parsing(true)
                .source(Some(env)),
        )
        .build()
        .with_context(|| format!("reading configuration (file {})", path.display()))?;
    let mut cfg: ServerConfig = built
        .try_deserialize()
        .context("invalid configuration: check glossa.toml and GLOSSA_* variables")?;
    if let Ok(url) = std::env::var("DATABASE_URL")
        && !url.trim().is_empty()
    {
        cfg.database_url = Some(url);
    }
    if cfg
        .database_url
        .as_deref()
        .is_some_and(|u| u.trim().is_empty())
    {
        cfg.database_url = None;
    }
    Ok(cfg)
}

/// The configuration as TOML with secrets redacted.
pub fn print(cfg: &ServerConfig) -> Result<String> {
    let mut out = toml_string(&cfg.redacted())?;
    if cfg.database_url.is_none() {
        out.push_str(&format!(
            "# database_url unset: using {}\n",
            glossa_store::db::default_sqlite_url(&cfg.data_dir)
        ));
    }
    Ok(out)
}

fn toml_string(cfg: &ServerConfig) -> Result<String> {
    toml::to_string_pretty(cfg).context("configuration does not serialise as TOML")
}
