//! Anki decks (`.apkg`): a zip archive holding the collection
//! (`collection.anki21`, or `collection.anki2` from older versions: a
//! SQLite database of schema 11 with the tables `col`, `notes` and
//! `cards`), a `media` file mapping archive entries (`"0"`, `"1"`, ...) to
//! file names, and the media files themselves. The collection is read in
//! memory with sqlx; nothing is written until [`extract_media`].
//!
//! How notes become words is described in `anki_note.rs` and in
//! `docs/content-packs.md`.

use std::collections::HashMap;
use std::io::{Read, Seek};
use std::path::Path;
use std::str::FromStr;

use glossa_core::pack::Pack;
use serde_json::Value;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqliteOwnedBuf};
use sqlx::{Connection, Row};

use super::anki_note::{Deck, NoteRow, Notes};
use super::{ImportError, ImportOptions, Imported, manifest};

/// A media file to extract: its entry in the archive and its file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaFile {
    /// Entry name in the archive (`"0"`, `"1"`, ...).
    pub entry: String,
    /// File name the notes use (`"dog.png"`).
    pub name: String,
}

/// A deck read into a pack.
#[derive(Debug, Clone, PartialEq)]
pub struct AnkiImport {
    /// The pack and what happened on the way.
    pub imported: Imported,
    /// Media files referenced by imported notes and present in the deck.
    pub media: Vec<MediaFile>,
    /// Deck names the imported notes came from.
    pub decks: Vec<String>,
}

/// Read an `.apkg` file.
pub async fn read_apkg(path: &Path, opts: &ImportOptions) -> Result<AnkiImport, ImportError> {
    let file = display_name(path);
    let f = std::fs::File::open(path).map_err(|e| io(&file, e))?;
    parse_apkg(&file, std::io::BufReader::new(f), opts).await
}

/// Read a deck from any seekable reader; `file` names it in errors.
pub async fn parse_apkg<R: Read + Seek>(
    file: &str,
    reader: R,
    opts: &ImportOptions,
) -> Result<AnkiImport, ImportError> {
    let opts = opts.checked()?;
    let format = |message: String| ImportError::Format {
        file: file.to_owned(),
        message,
    };
    let mut zip =
        zip::ZipArchive::new(reader).map_err(|e| format(format!("not a zip archive: {e}")))?;
    let has = |n: &str| zip.index_for_name(n).is_some();
    let collection = if has("collection.anki21") {
        "collection.anki21"
    } else if has("collection.anki21b") {
        return Err(format(
            "the deck uses Anki's newer compressed format (collection.anki21b); export it again \
             from Anki with \"Support older Anki versions\" checked"
                .into(),
        ));
    } else if has("collection.anki2") {
        "collection.anki2"
    } else {
        return Err(format(
            "no collection.anki2 or collection.anki21 in the archive".into(),
        ));
    };
    let data =
        read_entry(&mut zip, collection).map_err(|e| format(format!("{collection}: {e}")))?;
    let media_map = if zip.index_for_name("media").is_some() {
        let raw = read_entry(&mut zip, "media").map_err(|e| format(format!("media: {e}")))?;
        media_map(&raw).map_err(|e| format(format!("media: {e}")))?
    } else {
        HashMap::new()
    };
    let collection_data = read_collection(data)
        .await
        .map_err(|e| format(format!("{collection}: {e}")))?;
    let mut notes = Notes::new(
        &opts,
        &collection_data.models,
        &collection_data.decks,
        &media_map,
    );
    for row in &collection_data.notes {
        notes.add(row);
    }
    let f = notes.finish();
    let pack = Pack {
        manifest: manifest(&opts, file, f.translations),
        words: f.words,
        ..Pack::default()
    };
    let imported = Imported {
        pack,
        rows: collection_data.notes.len(),
        merged: f.merged,
        skipped: f.skipped,
        warnings: f.warnings,
    };
    Ok(AnkiImport {
        imported,
        media: f.media,
        decks: f.decks,
    })
}

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn io(file: &str, e: impl std::fmt::Display) -> ImportError {
    ImportError::Io {
        file: file.to_owned(),
        message: e.to_string(),
    }
}

fn read_entry<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> Result<Vec<u8>, String> {
    let mut entry = zip.by_name(name).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    entry.read_to_end(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

/// `{"0": "dog.png"}` -> file name -> entry.
fn media_map(raw: &[u8]) -> Result<HashMap<String, String>, String> {
    let map: HashMap<String, String> = serde_json::from_slice(raw)
        .map_err(|e| format!("not a JSON map of entries to names: {e}"))?;
    Ok(map.into_iter().map(|(entry, name)| (name, entry)).collect())
}

/// What the importer needs from a collection.
struct Collection {
    /// Note type id -> field names in order.
    models: HashMap<i64, Vec<String>>,
    /// Deck id -> deck.
    decks: HashMap<i64, Deck>,
    notes: Vec<NoteRow>,
}

async fn read_collection(mut data: Vec<u8>) -> Result<Collection, String> {
    if data.len() < 100 || !data.starts_with(b"SQLite format 3\0") {
        return Err("not a SQLite database".into());
    }
    // A database left in WAL mode cannot be opened from memory; the
    // header bytes 18 and 19 say so, and 1 means the rollback journal.
    if data[18] == 2 || data[19] == 2 {
        data[18] = 1;
        data[19] = 1;
    }
    let buf = SqliteOwnedBuf::try_from(data.as_slice()).map_err(|e| e.to_string())?;
    drop(data);
    let options = SqliteConnectOptions::from_str("sqlite::memory:").map_err(|e| e.to_string())?;
    let mut conn = SqliteConnection::connect_with(&options)
        .await
        .map_err(|e| e.to_string())?;
    let result = query_collection(&mut conn, buf).await;
    // Closing only frees the in-memory copy; its error changes nothing.
    let _ = conn.close().await;
    result.map_err(|e| e.to_string())
}

async fn query_collection(
    conn: &mut SqliteConnection,
    buf: SqliteOwnedBuf,
) -> Result<Collection, String> {
    conn.deserialize(None, buf, true)
        .await
        .map_err(|e| e.to_string())?;
    let col = sqlx::query("SELECT ver, models, decks FROM col LIMIT 1")
        .fetch_optional(&mut *conn)
        .await
        .map_err(|e| format!("reading col: {e}"))?
        .ok_or("the col table is empty")?;
    let ver: i64 = col.try_get("ver").map_err(|e| e.to_string())?;
    let models: String = col.try_get("models").map_err(|e| e.to_string())?;
    let decks: String = col.try_get("decks").map_err(|e| e.to_string())?;
    let models = parse_models(&models)?;
    if models.is_empty() {
        return Err(format!(
            "schema {ver}: col.models has no note types (only schema 11 collections are read; \
             export from Anki with \"Support older Anki versions\" checked)"
        ));
    }
    let decks = parse_decks(&decks)?;
    let rows = sqlx::query(
        "SELECT n.id, n.mid, n.tags, n.flds, \
         (SELECT c.did FROM cards c WHERE c.nid = n.id ORDER BY c.ord LIMIT 1) AS did \
         FROM notes n ORDER BY n.id",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(|e| format!("reading notes: {e}"))?;
    let mut notes = Vec::with_capacity(rows.len());
    for r in rows {
        let get = |e: sqlx::Error| format!("reading notes: {e}");
        notes.push(NoteRow {
            id: r.try_get("id").map_err(get)?,
            model: r.try_get("mid").map_err(get)?,
            tags: r.try_get("tags").map_err(get)?,
            fields: r.try_get("flds").map_err(get)?,
            deck: r.try_get("did").map_err(get)?,
        });
    }
    Ok(Collection {
        models,
        decks,
        notes,
    })
}

/// Ids in the JSON maps are strings; some writers use numbers in `id`.
fn id_of(key: &str) -> Result<i64, String> {
    key.parse()
        .map_err(|_| format!("id {key:?} is not a number"))
}

fn parse_models(json: &str) -> Result<HashMap<i64, Vec<String>>, String> {
    let v: HashMap<String, Value> =
        serde_json::from_str(json).map_err(|e| format!("col.models is not a JSON map: {e}"))?;
    let mut out = HashMap::new();
    for (id, model) in v {
        let mut fields: Vec<(i64, String)> = model
            .get("flds")
            .and_then(Value::as_array)
            .ok_or_else(|| format!("note type {id} has no fields"))?
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let ord = f.get("ord").and_then(Value::as_i64).unwrap_or(i as i64);
                let name = f
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                (ord, name)
            })
            .collect();
        fields.sort();
        out.insert(id_of(&id)?, fields.into_iter().map(|(_, n)| n).collect());
    }
    Ok(out)
}

fn parse_decks(json: &str) -> Result<HashMap<i64, Deck>, String> {
    let v: HashMap<String, Value> =
        serde_json::from_str(json).map_err(|e| format!("col.decks is not a JSON map: {e}"))?;
    let mut out = HashMap::new();
    for (id, deck) in v {
        let name = deck
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        out.insert(id_of(&id)?, Deck { name });
    }
    Ok(out)
}

/// Whether a media file name from a deck is safe to create in a directory:
/// one plain path component, not hidden.
pub fn is_safe_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':'])
        && !name.chars().any(char::is_control)
}

/// Copy the media files of an import out of the deck into `dir` (created
/// if missing); returns how many were written.
pub fn extract_media(apkg: &Path, media: &[MediaFile], dir: &Path) -> Result<usize, ImportError> {
    let file = display_name(apkg);
    if media.is_empty() {
        return Ok(0);
    }
    let f = std::fs::File::open(apkg).map_err(|e| io(&file, e))?;
    let mut zip =
        zip::ZipArchive::new(std::io::BufReader::new(f)).map_err(|e| ImportError::Format {
            file: file.clone(),
            message: format!("not a zip archive: {e}"),
        })?;
    std::fs::create_dir_all(dir).map_err(|e| io(&dir.display().to_string(), e))?;
    for m in media {
        if !is_safe_file_name(&m.name) {
            return Err(ImportError::Format {
                file: file.clone(),
                message: format!("media file name {:?} is not a plain file name", m.name),
            });
        }
        let mut entry = zip.by_name(&m.entry).map_err(|e| ImportError::Format {
            file: file.clone(),
            message: format!("media entry {:?} ({}): {e}", m.entry, m.name),
        })?;
        let target = dir.join(&m.name);
        let part = dir.join(format!(".{}.part", m.name));
        let mut out =
            std::fs::File::create(&part).map_err(|e| io(&part.display().to_string(), e))?;
        std::io::copy(&mut entry, &mut out).map_err(|e| io(&format!("{file}: {}", m.name), e))?;
        drop(out);
        std::fs::rename(&part, &target).map_err(|e| io(&target.display().to_string(), e))?;
    }
    Ok(media.len())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn safe_names() {
        assert!(is_safe_file_name("dog 1.png"));
        assert!(!is_safe_file_name("../x.png"));
        assert!(!is_safe_file_name("a/b.png"));
        assert!(!is_safe_file_name(".hidden"));
        assert!(!is_safe_file_name(""));
    }

    #[test]
    fn media_and_models() {
        let m = media_map(br#"{"0":"anki.png","1":"a.mp3"}"#).unwrap();
        assert_eq!(m["anki.png"], "0");
        assert!(media_map(b"[1]").is_err());
        let models =
            parse_models(r#"{"5":{"flds":[{"name":"Back","ord":1},{"name":"Front","ord":0}]}}"#)
                .unwrap();
        assert_eq!(models[&5], vec!["Front", "Back"]);
        assert!(parse_models(r#"{"x":{"flds":[]}}"#).is_err());
        let decks = parse_decks(r#"{"1":{"name":"German::Food"}}"#).unwrap();
        assert_eq!(decks[&1].name, "German::Food");
    }
}
