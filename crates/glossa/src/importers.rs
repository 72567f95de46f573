//! `glossa import csv FILE` and `glossa import anki FILE`: read the file
//! into a pack, validate it, print what was found, then store it the way
//! `glossa import pack` does (one transaction, idempotent).

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow, bail};
use glossa_core::CefrLevel;
use glossa_core::pack::Pack;
use glossa_lang::import::anki::{extract_media, read_apkg};
use glossa_lang::import::csv::read_csv;
use glossa_lang::import::{ImportOptions, Imported, is_slug, slugify};
use glossa_server::ServerConfig;

use crate::cli::FileImport;

/// How many skipped notes, warnings and problems are listed one by one.
const LIST: usize = 5;

/// `glossa import csv FILE --language L`.
pub async fn csv(args: &FileImport, cfg: &ServerConfig) -> Result<()> {
    let opts = options(args)?;
    let started = Instant::now();
    let imp = read_csv(&args.file, &opts)?;
    let parsed = started.elapsed();
    summary(&args.file, &imp, "rows");
    check(&imp.pack)?;
    if let Some(email) = &args.cards_for {
        return crate::cards::import_as_cards(&imp.pack, &[], email, cfg).await;
    }
    let (report, stored) =
        crate::content::store(&imp.pack, cfg, &args.file.display().to_string()).await?;
    finish(&imp, report, parsed, stored);
    Ok(())
}

/// `glossa import anki FILE --language L`: media files go to
/// `DATA_DIR/media/<slug>/`.
pub async fn anki(args: &FileImport, cfg: &ServerConfig) -> Result<()> {
    let opts = options(args)?;
    let started = Instant::now();
    let deck = read_apkg(&args.file, &opts).await?;
    let parsed = started.elapsed();
    let imp = &deck.imported;
    summary(&args.file, imp, "notes");
    println!("  decks: {}", deck.decks.join(", "));
    check(&imp.pack)?;
    if let Some(email) = &args.cards_for {
        return crate::cards::import_as_cards(&imp.pack, &deck.decks, email, cfg).await;
    }
    // Media first: a stored word never points at a file that is not there.
    let dir = cfg.data_dir.join("media").join(&opts.slug);
    let n = extract_media(&args.file, &deck.media, &dir)?;
    if n > 0 {
        println!("  extracted {n} media file(s) to {}", dir.display());
    }
    let (report, stored) =
        crate::content::store(&imp.pack, cfg, &args.file.display().to_string()).await?;
    finish(imp, report, parsed, stored);
    Ok(())
}

fn options(args: &FileImport) -> Result<ImportOptions> {
    let slug = match &args.slug {
        Some(s) if is_slug(s) => s.clone(),
        Some(s) => bail!("--slug {s:?}: use lower-case letters, digits, - and _"),
        None => slugify(
            &args
                .file
                .file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default(),
        ),
    };
    let default_level: CefrLevel = args.level.parse().map_err(|e| anyhow!("--level: {e}"))?;
    let mut opts = ImportOptions::new(&args.language, &slug);
    opts.translation_language = args.translation_language.clone();
    opts.default_level = default_level;
    // Valid semver (no leading zeros), so a later import is a later version.
    opts.version = chrono::Utc::now().format("%Y.%-m.%-d").to_string();
    Ok(opts)
}

fn counts<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut by: BTreeMap<&str, usize> = BTreeMap::new();
    for i in items {
        *by.entry(i).or_insert(0) += 1;
    }
    by.iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn list(label: &str, items: &[String]) {
    for i in items.iter().take(LIST) {
        println!("  {label}: {i}");
    }
    if items.len() > LIST {
        println!("  ... and {} more {label} line(s)", items.len() - LIST);
    }
}

fn summary(file: &Path, imp: &Imported, unit: &str) {
    let words = &imp.pack.words;
    let meanings: usize = words.iter().map(|w| w.meanings.len()).sum();
    println!(
        "read {}: {} {unit} -> {} words as pack {} {} ({} merged into earlier words, {} skipped)",
        file.display(),
        imp.rows,
        words.len(),
        imp.pack.manifest.slug,
        imp.pack.manifest.version,
        imp.merged,
        imp.skipped.len()
    );
    println!(
        "  parts of speech: {}",
        counts(words.iter().map(|w| w.pos.as_str()))
    );
    println!(
        "  levels: {}",
        counts(words.iter().map(|w| w.level.as_str()))
    );
    println!(
        "  translations: {}; {meanings} further meaning(s); {} example(s)",
        imp.pack.manifest.translations.join(", "),
        words.iter().map(|w| w.examples.len()).sum::<usize>()
    );
    list("skipped", &imp.skipped);
    list("warning", &imp.warnings);
}

fn check(pack: &Pack) -> Result<()> {
    let problems = glossa_core::pack::validate(pack);
    if problems.is_empty() {
        return Ok(());
    }
    for p in problems.iter().take(LIST) {
        eprintln!("  invalid: {p}");
    }
    bail!(
        "{} problem(s) in the imported pack; nothing was stored",
        problems.len()
    )
}

fn per_second(rows: usize, took: Duration) -> String {
    let secs = took.as_secs_f64().max(1e-9);
    format!("{:.0} rows/s", rows as f64 / secs)
}

fn finish(
    imp: &Imported,
    report: glossa_store::catalog::ImportReport,
    parsed: Duration,
    stored: Duration,
) {
    println!(
        "imported {} {}: {} created, {} updated",
        imp.pack.manifest.slug, imp.pack.manifest.version, report.created, report.updated
    );
    println!(
        "speed: read {} rows in {:.3}s ({}), stored in {:.2}s ({}), overall {}",
        imp.rows,
        parsed.as_secs_f64(),
        per_second(imp.rows, parsed),
        stored.as_secs_f64(),
        per_second(imp.rows, stored),
        per_second(imp.rows, parsed + stored)
    );
}
