//! Anki decks: the real fixture deck of the npm package anki-apkg-export
//! (fetched by scripts/fetch-test-data.sh into $GLOSSA_TEST_DATA), a
//! generated 2,000-note deck, and storing a deck in a fresh database.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/generate.rs"]
mod generate;

use std::collections::BTreeMap;
use std::path::PathBuf;

use glossa_core::pack::validate;
use glossa_lang::import::ImportOptions;
use glossa_lang::import::anki::{AnkiImport, extract_media, read_apkg};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

fn opts() -> ImportOptions {
    ImportOptions::new("de", "deck")
}

/// The real deck, or `None` (test skipped) when GLOSSA_TEST_DATA is unset
/// outside CI.
fn fixture() -> Option<PathBuf> {
    match std::env::var("GLOSSA_TEST_DATA") {
        Ok(dir) => {
            let path = PathBuf::from(dir).join("anki-apkg-export/output.apkg");
            assert!(
                path.is_file(),
                "{} is missing; run scripts/fetch-test-data.sh",
                path.display()
            );
            Some(path)
        }
        Err(_) => {
            assert_ne!(
                std::env::var("CI").as_deref(),
                Ok("true"),
                "CI=true requires GLOSSA_TEST_DATA (scripts/test.sh sets it)"
            );
            eprintln!(
                "GLOSSA_TEST_DATA unset: real Anki deck test skipped (run scripts/fetch-test-data.sh)"
            );
            None
        }
    }
}

#[tokio::test]
async fn real_fixture_deck() {
    let Some(path) = fixture() else { return };
    let imp = read_apkg(&path, &opts()).await.unwrap();
    let pack = &imp.imported.pack;
    assert!(validate(pack).is_empty(), "{:?}", validate(pack));
    assert_eq!(imp.imported.rows, 3);
    assert!(
        imp.imported.skipped.is_empty(),
        "{:?}",
        imp.imported.skipped
    );
    let lemmas: Vec<&str> = pack.words.iter().map(|w| w.lemma.as_str()).collect();
    assert_eq!(
        lemmas,
        ["card #1 front", "card #2 front", "card #3 with image"]
    );
    assert!(
        pack.words
            .iter()
            .all(|w| w.pos == "phrase" && w.category.as_deref() == Some("deck-name"))
    );
    assert_eq!(pack.words[0].translations["en"], "card #1 back");
    assert_eq!(
        pack.words[0].notes.as_deref(),
        Some("deck: deck-name\ntags: food fruit")
    );
    assert_eq!(
        pack.words[2].notes.as_deref(),
        Some("deck: deck-name\nmedia:anki.png")
    );
    assert_eq!(imp.decks, ["deck-name"]);
    assert_eq!(imp.media.len(), 1);
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(extract_media(&path, &imp.media, dir.path()).unwrap(), 1);
    let png = std::fs::read(dir.path().join("anki.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"), "extracted file is the PNG");
}

async fn generated(n: usize, collection: &str) -> (tempfile::TempDir, PathBuf, AnkiImport) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("german.apkg");
    generate::write_apkg(&generate::german_deck(n), &path, collection).await;
    let imp = read_apkg(&path, &opts()).await.unwrap();
    (dir, path, imp)
}

fn count_by<T>(items: &[T], key: impl Fn(&T) -> String) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for i in items {
        *out.entry(key(i)).or_insert(0) += 1;
    }
    out
}

#[tokio::test]
async fn generated_deck_of_2000_notes() {
    let (dir, path, imp) = generated(2000, "collection.anki21").await;
    let i = &imp.imported;
    let words = &i.pack.words;
    assert!(
        validate(&i.pack).is_empty(),
        "{:?}",
        validate(&i.pack).first()
    );
    assert_eq!(i.rows, 2000);
    assert_eq!(i.skipped.len(), 200, "kind 7 has no translation");
    assert!(
        i.skipped[0].ends_with("\"Wort7\" has no translation (one field has text)"),
        "{}",
        i.skipped[0]
    );
    assert_eq!(i.merged, 200, "kind 8 repeats kind 0");
    assert_eq!(words.len(), 1600);
    let pos = count_by(words, |w| w.pos.clone());
    assert_eq!((pos["noun"], pos["verb"], pos["phrase"]), (800, 400, 400));
    let gender = count_by(words, |w| w.gender.clone().unwrap_or_default());
    assert_eq!((gender["m"], gender["n"]), (600, 200));
    let level = count_by(words, |w| w.level.clone());
    assert_eq!((level["A1"], level["A2"], level["B1"]), (1000, 200, 400));
    let category = count_by(words, |w| w.category.clone().unwrap_or_default());
    assert_eq!(
        (
            category["animals"],
            category["food"],
            category["verbs"],
            category[""]
        ),
        (800, 200, 400, 200)
    );
    assert_eq!(
        imp.decks,
        [
            "Default",
            "German::Animals",
            "German::Food",
            "German::Verbs"
        ]
    );

    let tier = words.iter().find(|w| w.lemma == "Tier0").unwrap();
    assert_eq!(tier.translations["en"], "animal 0");
    assert_eq!(tier.meanings[0].translations["en"], "beast 0");
    assert_eq!(
        tier.notes.as_deref(),
        Some("deck: German::Animals\ntags: animals A1")
    );
    let verb = words.iter().find(|w| w.lemma == "laufen4").unwrap();
    assert_eq!((verb.pos.as_str(), verb.level.as_str()), ("verb", "B1"));
    assert_eq!(verb.examples[0].translations["en"], "I run4 fast.");
    let sentence = words
        .iter()
        .find(|w| w.lemma.starts_with("Das ist ein sehr langer Satz Nummer 6"))
        .unwrap();
    assert_eq!(sentence.pos, "phrase");
    let table = words.iter().find(|w| w.lemma == "Tisch9").unwrap();
    assert_eq!(
        (table.level.as_str(), table.category.as_deref()),
        ("A2", None)
    );
    assert_eq!(i.warnings.len(), 200, "kind 9 refers to a missing image");
    assert!(i.warnings[0].contains("\"missing9.png\" is not in the deck"));

    let food = words.iter().find(|w| w.lemma == "Essen3").unwrap();
    assert_eq!(food.translations["en"], "food 3");
    assert_eq!(
        food.notes.as_deref(),
        Some("deck: German::Food\ntags: food\nmedia:img3.png\nmedia:s3.mp3")
    );
    assert_eq!(imp.media.len(), 400);
    let media = dir.path().join("media");
    assert_eq!(extract_media(&path, &imp.media, &media).unwrap(), 400);
    assert_eq!(std::fs::read_dir(&media).unwrap().count(), 400);
    assert_eq!(
        std::fs::read(media.join("img1993.png")).unwrap(),
        b"PNG 1993"
    );
    assert_eq!(std::fs::read(media.join("s3.mp3")).unwrap(), b"MP3 3");
}

#[tokio::test]
async fn older_collection_name_and_bad_archives() {
    let (dir, _, imp) = generated(10, "collection.anki2").await;
    assert_eq!(imp.imported.pack.words.len(), 8);
    let bad = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let e = read_apkg(&bad("text.apkg", b"not a zip"), &opts())
        .await
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("text.apkg: not a zip archive"), "{e}");
    let e = read_apkg(&dir.path().join("none.apkg"), &opts())
        .await
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("none.apkg: "), "{e}");
    let zip_with = |name: &str, entry: &str, data: &[u8]| {
        use std::io::Write;
        let p = dir.path().join(name);
        let mut z = zip::ZipWriter::new(std::fs::File::create(&p).unwrap());
        z.start_file(entry, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(data).unwrap();
        z.finish().unwrap();
        p
    };
    let e = read_apkg(&zip_with("new.apkg", "collection.anki21b", b"x"), &opts())
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("Support older Anki versions"), "{e}");
    let e = read_apkg(&zip_with("empty.apkg", "readme.txt", b"x"), &opts())
        .await
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "empty.apkg: no collection.anki2 or collection.anki21 in the archive"
    );
    let e = read_apkg(&zip_with("junk.apkg", "collection.anki2", b"junk"), &opts())
        .await
        .unwrap_err()
        .to_string();
    assert_eq!(e, "junk.apkg: collection.anki2: not a SQLite database");
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
async fn generated_deck_into_a_fresh_database_twice() {
    let (dir, _, imp) = generated(2000, "collection.anki21").await;
    let db = glossa_store::connect(None, &dir.path().join("db"), &Default::default())
        .await
        .unwrap();
    glossa_store::migrate::up(&db, None).await.unwrap();
    let pack = &imp.imported.pack;
    let none = |_: u64, _: u64| {};
    let now = chrono::Utc::now();
    let first = glossa_store::catalog::import_pack(&db, pack, now, &none)
        .await
        .unwrap();
    assert_eq!((first.created, first.updated), (1600, 0));
    assert_eq!(count(&db, "words").await, 1600);
    assert_eq!(count(&db, "word_meanings").await, 1800);
    assert_eq!(count(&db, "word_examples").await, 400);
    let again = glossa_store::catalog::import_pack(&db, pack, now, &none)
        .await
        .unwrap();
    assert_eq!(
        (again.created, again.updated),
        (0, 1600),
        "re-importing creates nothing"
    );
    assert_eq!(count(&db, "words").await, 1600);
    assert_eq!(count(&db, "word_meanings").await, 1800);
    db.close().await.unwrap();
}
