//! Starter content: the packs shipped in `content/` are loaded the first
//! time the server starts on an empty catalog.

use std::path::Path;

use glossa_store::DatabaseConnection;

use crate::app::LaunchError;

/// Load every pack under `dir` if the catalog is empty. A missing
/// directory is not an error (the server runs without content); an invalid
/// pack is.
pub async fn load_if_empty(db: &DatabaseConnection, dir: &Path) -> Result<(), LaunchError> {
    if !dir.is_dir() {
        tracing::info!(dir = %dir.display(), "no content directory: starting without starter content");
        return Ok(());
    }
    let empty = glossa_store::catalog::is_empty(db)
        .await
        .map_err(|e| LaunchError::Content(e.to_string()))?;
    if !empty {
        return Ok(());
    }
    let mut dirs: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| LaunchError::Content(format!("{}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("pack.toml").is_file())
        .collect();
    dirs.sort();
    for p in dirs {
        let (pack, _) = glossa_lang::read_pack(&p)
            .map_err(|e| LaunchError::Content(format!("{}: {e}", p.display())))?;
        let report = glossa_store::catalog::import_pack(db, &pack, chrono::Utc::now(), &|_, _| {})
            .await
            .map_err(|e| LaunchError::Content(format!("{}: {e}", p.display())))?;
        tracing::info!(pack = %pack.manifest.slug, created = report.created, "starter content loaded");
    }
    Ok(())
}
