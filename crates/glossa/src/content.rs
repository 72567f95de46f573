//! `glossa content check`, `glossa import pack`, `glossa export pack`, and
//! [`store`], which every `glossa import` command stores its pack with.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use glossa_core::pack::Pack;
use glossa_lang::read_pack;
use glossa_store::catalog::ImportReport;

/// The pack directories under `dir`: `dir` itself if it has a `pack.toml`,
/// otherwise its subdirectories that do.
pub fn pack_dirs(dir: &Path) -> Result<Vec<PathBuf>> {
    if dir.join("pack.toml").is_file() {
        return Ok(vec![dir.to_owned()]);
    }
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("pack.toml").is_file())
        .collect();
    out.sort();
    if out.is_empty() {
        bail!("{} has no pack.toml and no pack directories", dir.display());
    }
    Ok(out)
}

/// Validate every pack; print a summary per pack; fail on any problem.
pub fn check(dir: &Path) -> Result<()> {
    let mut failed = 0;
    for p in pack_dirs(dir)? {
        match read_pack(&p) {
            Ok((pack, _)) => println!(
                "ok {} ({} {}): {} words, {} topics, {} exercises, {} scenarios, {} courses ({} lessons), {} assessments ({} questions), {} achievements",
                p.display(),
                pack.manifest.slug,
                pack.manifest.version,
                pack.words.len(),
                pack.topics.len(),
                pack.exercises.len(),
                pack.scenarios.len(),
                pack.courses.len(),
                pack.courses.iter().map(|c| c.lessons.len()).sum::<usize>(),
                pack.assessments.len(),
                pack.assessments
                    .iter()
                    .map(|a| a.questions.len())
                    .sum::<usize>(),
                pack.achievements.len(),
            ),
            Err(e) => {
                failed += 1;
                eprintln!("invalid {}: {e}", p.display());
            }
        }
    }
    if failed > 0 {
        bail!("{failed} pack(s) invalid");
    }
    Ok(())
}

/// `glossa import pack DIR`: validate, then store in one transaction.
pub async fn import(dir: &Path, cfg: glossa_server::ServerConfig) -> Result<()> {
    // Read without checking references first: they may point at content
    // already in the database, which decides what resolves.
    let (pack, origins) = glossa_lang::pack::read_pack_checked(dir, |_| Vec::new())
        .map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    let db = glossa_server::open_database(&cfg).await?;
    let known = glossa_store::catalog::known::known(&db, &pack).await?;
    let problems = glossa_core::pack::validate_with_known(&pack, &known);
    if !problems.is_empty() {
        for line in glossa_lang::pack::located(&problems, &origins) {
            eprintln!("{}: {line}", dir.display());
        }
        bail!(
            "{}: {} problem(s); nothing was imported",
            dir.display(),
            problems.len()
        );
    }
    let (report, took) = store(&pack, &cfg, &dir.display().to_string()).await?;
    println!(
        "imported {} {}: {} created, {} updated in {:.2}s",
        pack.manifest.slug,
        pack.manifest.version,
        report.created,
        report.updated,
        took.as_secs_f64()
    );
    Ok(())
}

/// Store a pack in one transaction (all or nothing; `import_pack`
/// validates it again) with a progress bar; what it did and how long it
/// took. `source` names the input in the error message.
pub async fn store(
    pack: &Pack,
    cfg: &glossa_server::ServerConfig,
    source: &str,
) -> Result<(ImportReport, Duration)> {
    let db = glossa_server::open_database(cfg).await?;
    let total = glossa_store::catalog::import::item_count(pack);
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{msg} [{bar:30}] {pos}/{len} items ({per_sec}, {eta})",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message(format!("importing {}", pack.manifest.slug));
    let progress = |done: u64, _total: u64| bar.set_position(done);
    let started = Instant::now();
    let report = glossa_store::catalog::import_pack(&db, pack, chrono::Utc::now(), &progress)
        .await
        .with_context(|| format!("importing {source} (nothing was stored)"))?;
    bar.finish_and_clear();
    Ok((report, started.elapsed()))
}

/// `glossa export pack --language L DIR`.
pub async fn export(language: &str, dir: &Path, cfg: glossa_server::ServerConfig) -> Result<()> {
    if language != "mul" {
        glossa_core::LanguageCode::parse(language)
            .map_err(|e| anyhow::anyhow!("--language: {e}"))?;
    }
    let db = glossa_server::open_database(&cfg).await?;
    let manifest = glossa_core::pack::Manifest {
        format: 1,
        slug: format!("export-{language}"),
        language: language.to_owned(),
        version: chrono::Utc::now().format("%Y.%m.%d").to_string(),
        title: format!("Glossa catalog export ({language})"),
        description: None,
        licence: "CC-BY-SA-4.0".to_owned(),
        authors: Vec::new(),
        translations: Vec::new(),
    };
    let pack = glossa_store::catalog::export_pack(&db, manifest).await?;
    glossa_lang::write_pack(&pack, dir)?;
    println!(
        "exported {} words, {} topics, {} exercises, {} scenarios, {} courses, {} assessments, {} achievements to {}",
        pack.words.len(),
        pack.topics.len(),
        pack.exercises.len(),
        pack.scenarios.len(),
        pack.courses.len(),
        pack.assessments.len(),
        pack.achievements.len(),
        dir.display()
    );
    Ok(())
}
