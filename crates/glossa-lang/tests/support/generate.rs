//! Test inputs made on the spot: Anki decks (a schema-11 collection written
//! with sqlx, zipped with its media map and media files, as Anki's legacy
//! export does) and CSV word lists. Shared by the tests and the benchmark.
//!
//! genanki-rs would be the obvious tool, but it links its own SQLite
//! through rusqlite 0.25, which cannot coexist with the libsqlite3-sys of
//! sqlx in one build; so the deck is written here.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::Path;
use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{Connection, Executor};

/// A note to write.
#[derive(Debug, Clone)]
pub struct Note {
    pub model: i64,
    pub deck: i64,
    pub fields: Vec<String>,
    pub tags: Vec<String>,
}

/// A whole deck to write.
#[derive(Debug, Clone, Default)]
pub struct Deck {
    /// (id, name, field names)
    pub models: Vec<(i64, String, Vec<String>)>,
    /// (id, name)
    pub decks: Vec<(i64, String)>,
    pub notes: Vec<Note>,
    /// (file name, bytes)
    pub media: Vec<(String, Vec<u8>)>,
}

const SCHEMA: &str = "
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld text not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null,
  time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
";

/// The SQLite bytes of the collection.
pub async fn collection(deck: &Deck) -> Vec<u8> {
    let options = SqliteConnectOptions::from_str("sqlite::memory:").unwrap();
    let mut conn = SqliteConnection::connect_with(&options).await.unwrap();
    conn.execute(SCHEMA).await.unwrap();
    let models: serde_json::Map<String, serde_json::Value> = deck
        .models
        .iter()
        .map(|(id, name, fields)| {
            let flds: Vec<_> = fields
                .iter()
                .enumerate()
                .map(|(i, f)| serde_json::json!({"name": f, "ord": i, "sticky": false}))
                .collect();
            (
                id.to_string(),
                serde_json::json!({"id": id, "name": name, "type": 0, "flds": flds}),
            )
        })
        .collect();
    let decks: serde_json::Map<String, serde_json::Value> = deck
        .decks
        .iter()
        .map(|(id, name)| {
            (
                id.to_string(),
                serde_json::json!({"id": id, "name": name, "dyn": 0}),
            )
        })
        .collect();
    sqlx::query("INSERT INTO col VALUES (1, 0, 0, 0, 11, 0, 0, 0, '{}', ?, ?, '{}', '{}')")
        .bind(serde_json::Value::Object(models).to_string())
        .bind(serde_json::Value::Object(decks).to_string())
        .execute(&mut conn)
        .await
        .unwrap();
    let mut tx = conn.begin().await.unwrap();
    for (i, n) in deck.notes.iter().enumerate() {
        let id = 1_500_000_000_000 + i as i64;
        let tags = if n.tags.is_empty() {
            String::new()
        } else {
            format!(" {} ", n.tags.join(" "))
        };
        sqlx::query("INSERT INTO notes VALUES (?, ?, ?, 0, -1, ?, ?, ?, 0, 0, '')")
            .bind(id)
            .bind(format!("g{i}"))
            .bind(n.model)
            .bind(tags)
            .bind(n.fields.join("\x1f"))
            .bind(n.fields.first().cloned().unwrap_or_default())
            .execute(&mut *tx)
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO cards VALUES (?, ?, ?, 0, 0, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '')",
        )
        .bind(id)
        .bind(id)
        .bind(n.deck)
        .bind(i as i64)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let bytes = conn.serialize(None).await.unwrap().as_ref().to_vec();
    conn.close().await.unwrap();
    bytes
}

/// Write `deck` as an `.apkg` whose collection entry is `collection_name`.
pub async fn write_apkg(deck: &Deck, path: &Path, collection_name: &str) {
    let db = collection(deck).await;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file(collection_name, opts).unwrap();
    zip.write_all(&db).unwrap();
    let map: serde_json::Map<String, serde_json::Value> = deck
        .media
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (i.to_string(), serde_json::Value::String(name.clone())))
        .collect();
    zip.start_file("media", opts).unwrap();
    zip.write_all(serde_json::Value::Object(map).to_string().as_bytes())
        .unwrap();
    for (i, (_, bytes)) in deck.media.iter().enumerate() {
        zip.start_file(i.to_string(), opts).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

pub const BASIC: i64 = 1001;
pub const VOCAB: i64 = 1002;
pub const DEFAULT_DECK: i64 = 1;
pub const ANIMALS: i64 = 2001;
pub const FOOD: i64 = 2002;
pub const VERBS: i64 = 2003;

/// A German deck of `n` notes (n a multiple of 10), ten kinds in turn:
/// 0-2 `der TierN` (tags animals, A1; deck German::Animals);
/// 3 `das EssenN` with an image and a sound (deck German::Food);
/// 4-5 the Vocab note type with named fields: a verb at B1 with an example
/// (deck German::Verbs); 6 a long sentence; 7 no translation (skipped);
/// 8 repeats kind 0 of its group with another translation (merged);
/// 9 a bare word tagged `cefr::A2` with a missing image (deck Default).
pub fn german_deck(n: usize) -> Deck {
    let mut d = Deck {
        models: vec![
            (BASIC, "Basic".into(), vec!["Front".into(), "Back".into()]),
            (
                VOCAB,
                "Vocab".into(),
                [
                    "German",
                    "English",
                    "Pos",
                    "Gender",
                    "Level",
                    "Example",
                    "Example translation",
                ]
                .map(String::from)
                .to_vec(),
            ),
        ],
        decks: vec![
            (DEFAULT_DECK, "Default".into()),
            (ANIMALS, "German::Animals".into()),
            (FOOD, "German::Food".into()),
            (VERBS, "German::Verbs".into()),
        ],
        ..Deck::default()
    };
    let basic = |deck: i64, front: String, back: String, tags: &[&str]| Note {
        model: BASIC,
        deck,
        fields: vec![front, back],
        tags: tags.iter().map(|t| t.to_string()).collect(),
    };
    for i in 0..n {
        let note = match i % 10 {
            0..=2 => basic(
                ANIMALS,
                format!("<b>der</b> Tier{i}"),
                format!("animal {i}"),
                &["animals", "A1"],
            ),
            3 => {
                d.media
                    .push((format!("img{i}.png"), format!("PNG {i}").into_bytes()));
                d.media
                    .push((format!("s{i}.mp3"), format!("MP3 {i}").into_bytes()));
                basic(
                    FOOD,
                    format!("das Essen{i}&nbsp;<img src=\"img{i}.png\">"),
                    format!("food {i} [sound:s{i}.mp3]"),
                    &["food"],
                )
            }
            4 | 5 => Note {
                model: VOCAB,
                deck: VERBS,
                fields: vec![
                    format!("laufen{i}"),
                    format!("to run {i}"),
                    "verb".into(),
                    String::new(),
                    "B1".into(),
                    format!("Ich laufe{i} schnell."),
                    format!("I run{i} fast."),
                ],
                tags: Vec::new(),
            },
            6 => basic(
                ANIMALS,
                format!("Das ist ein sehr langer Satz Nummer {i}."),
                format!("This is a very long sentence number {i}."),
                &[],
            ),
            7 => basic(ANIMALS, format!("Wort{i}"), String::new(), &[]),
            8 => basic(
                ANIMALS,
                format!("der Tier{}", i - 8),
                format!("beast {}", i - 8),
                &[],
            ),
            _ => basic(
                DEFAULT_DECK,
                format!("Tisch{i}<img src=\"missing{i}.png\">"),
                format!("table {i}"),
                &["cefr::A2"],
            ),
        };
        d.notes.push(note);
    }
    d
}

/// A CSV word list of `n` rows with every column.
pub fn csv_rows(n: usize) -> String {
    let mut out = String::from(
        "word,translation_en,translation_it,level,pos,gender,plural,category,example,example_translation_en,notes\n",
    );
    let levels = ["A1", "A2", "B1", "B2", "C1", "C2"];
    for i in 0..n {
        let level = levels[i % levels.len()];
        match i % 3 {
            0 => out.push_str(&format!(
                "der Hund{i},dog {i},cane {i},{level},,,Hunde{i},animals,\"Der Hund{i} bellt, laut.\",\"The dog{i} barks, loudly.\",\n"
            )),
            1 => out.push_str(&format!("laufen{i},to run {i},correre {i},{level},verb,,,,,,irregular\n")),
            _ => out.push_str(&format!("guten Morgen {i},good morning {i},,{level},,,,greetings,,,\n")),
        }
    }
    out
}
