//! How an Anki note becomes a word.
//!
//! Fields are read by name first, with the names the CSV importer knows
//! (`Word`, `Translation`, `Level`, `Example`, `Pos`, `Gender`, `Plural`,
//! `Category`, `Notes`, ...). Fields with other names (`Front`, `Back`,
//! ...) are taken in order: the first with text is the word, the next with
//! text the translation, the rest go into the word's notes as
//! `Field name: text`. Text is the field with HTML removed.
//!
//! A note is a word/translation pair when its word is the first such field
//! and its translation the second, and neither has more than
//! [`MAX_PAIR_WORDS`] words. Pairs get a part of speech by the shared rule
//! (a `Pos` field, a German article, a `Gender` field, else `phrase`);
//! every other note is imported as a `phrase` with its text as it stands.
//! Notes with no text, or with text in only one field, cannot be a word
//! with a translation and are skipped, each with its reason.

use std::collections::{BTreeSet, HashMap, HashSet};

use glossa_core::CefrLevel;
use glossa_core::pack::{Example, Translations, Word};

use super::ImportOptions;
use super::anki::{MediaFile, is_safe_file_name};
use super::csv::{Column, column_named};
use super::html;
use super::words::{
    MAX_PAIR_WORDS, Shape, WordSet, new_word, parse_gender, parse_pos, shape, word_count,
};

/// Longest word (in characters) a note may have; longer notes are skipped.
const MAX_WORD_CHARS: usize = 300;

/// A deck of the collection.
pub(crate) struct Deck {
    pub name: String,
}

/// One row of `notes` with the deck of its first card.
pub(crate) struct NoteRow {
    pub id: i64,
    pub model: i64,
    pub tags: String,
    pub fields: String,
    pub deck: Option<i64>,
}

/// What the notes became.
pub(crate) struct Finished {
    pub words: Vec<Word>,
    pub translations: Vec<String>,
    pub media: Vec<MediaFile>,
    pub decks: Vec<String>,
    pub skipped: Vec<String>,
    pub warnings: Vec<String>,
    pub merged: usize,
}

/// A note type: each field's name and what it holds (`None`: by position).
struct Model {
    names: Vec<String>,
    roles: Vec<Option<Column>>,
}

pub(crate) struct Notes<'a> {
    opts: &'a ImportOptions,
    models: HashMap<i64, Model>,
    decks: &'a HashMap<i64, Deck>,
    media_map: &'a HashMap<String, String>,
    set: WordSet,
    media: Vec<MediaFile>,
    media_seen: HashSet<String>,
    decks_used: BTreeSet<String>,
    skipped: Vec<String>,
    warnings: Vec<String>,
}

impl<'a> Notes<'a> {
    pub fn new(
        opts: &'a ImportOptions,
        models: &HashMap<i64, Vec<String>>,
        decks: &'a HashMap<i64, Deck>,
        media_map: &'a HashMap<String, String>,
    ) -> Self {
        let models = models
            .iter()
            .map(|(id, names)| {
                let mut seen = HashSet::new();
                let roles = names
                    .iter()
                    .map(|n| {
                        // A field name that is not a known one, or repeats
                        // one, is read by position.
                        column_named(n, &opts.translation_language)
                            .ok()
                            .flatten()
                            .filter(|c| seen.insert(c.clone()))
                    })
                    .collect();
                (
                    *id,
                    Model {
                        names: names.clone(),
                        roles,
                    },
                )
            })
            .collect();
        Notes {
            opts,
            models,
            decks,
            media_map,
            set: WordSet::default(),
            media: Vec::new(),
            media_seen: HashSet::new(),
            decks_used: BTreeSet::new(),
            skipped: Vec::new(),
            warnings: Vec::new(),
        }
    }

    pub fn add(&mut self, row: &NoteRow) {
        let id = row.id;
        let Some(model) = self.models.get(&row.model) else {
            self.skipped
                .push(format!("note {id}: unknown note type {}", row.model));
            return;
        };
        let raw: Vec<&str> = row.fields.split('\x1f').collect();
        let texts: Vec<String> = raw.iter().map(|f| html::text(f)).collect();
        let role = |i: usize| model.roles.get(i).cloned().flatten();
        let named = |c: &Column| {
            (0..texts.len())
                .find(|&i| role(i).as_ref() == Some(c))
                .map(|i| texts[i].as_str())
                .filter(|t| !t.is_empty())
        };
        let unnamed: Vec<usize> = (0..texts.len()).filter(|&i| role(i).is_none()).collect();
        let with_text =
            |from: usize| (from..unnamed.len()).find(|&k| !texts[unnamed[k]].is_empty());
        let mut used = HashSet::new();
        let mut shifted = false;
        let (word, next) = match named(&Column::Word) {
            Some(w) => (w.to_owned(), 0),
            None => match with_text(0) {
                Some(k) => {
                    shifted |= k != 0;
                    used.insert(unnamed[k]);
                    (texts[unnamed[k]].clone(), k + 1)
                }
                None => {
                    self.skipped
                        .push(format!("note {id}: no text in any field"));
                    return;
                }
            },
        };
        let mut translations = Translations::new();
        for (i, t) in texts.iter().enumerate() {
            if let Some(Column::Translation(lang)) = role(i)
                && !t.is_empty()
            {
                translations.insert(lang, t.clone());
            }
        }
        if translations.is_empty() {
            let Some(k) = with_text(next) else {
                self.skipped.push(format!(
                    "note {id}: {word:?} has no translation (one field has text)"
                ));
                return;
            };
            shifted |= k != next;
            used.insert(unnamed[k]);
            translations.insert(
                self.opts.translation_language.clone(),
                texts[unnamed[k]].clone(),
            );
        }
        if word.chars().count() > MAX_WORD_CHARS {
            self.skipped.push(format!(
                "note {id}: the word has more than {MAX_WORD_CHARS} characters"
            ));
            return;
        }
        let pair = !shifted
            && word_count(&word) <= MAX_PAIR_WORDS
            && translations
                .values()
                .all(|t| word_count(t) <= MAX_PAIR_WORDS);
        let mut warn = Vec::new();
        let shape = if pair {
            let pos = named(&Column::Pos).and_then(|p| {
                parse_pos(p).or_else(|| {
                    warn.push(format!("note {id}: part of speech {p:?} ignored"));
                    None
                })
            });
            let gender = named(&Column::Gender).and_then(|g| {
                parse_gender(g).or_else(|| {
                    warn.push(format!("note {id}: gender {g:?} ignored"));
                    None
                })
            });
            shape(&self.opts.language, &word, pos, gender).unwrap_or_else(|why| {
                warn.push(format!("note {id}: {why}; imported as a phrase"));
                Shape {
                    lemma: word.clone(),
                    pos: "phrase".into(),
                    gender: None,
                }
            })
        } else {
            Shape {
                lemma: word.clone(),
                pos: "phrase".into(),
                gender: None,
            }
        };
        let tags: Vec<&str> = row.tags.split_whitespace().collect();
        let level = self.level(named(&Column::Level), &tags, id, &mut warn);
        let deck = row
            .deck
            .and_then(|d| self.decks.get(&d))
            .map(|d| d.name.clone());
        let mut w = new_word(shape, level.as_str());
        w.translations = translations;
        w.plural = named(&Column::Plural).map(str::to_owned);
        w.category = named(&Column::Category)
            .map(str::to_owned)
            .or_else(|| {
                deck.as_deref()
                    .and_then(|d| d.rsplit("::").next())
                    .map(str::to_owned)
            })
            .map(|c| c.to_lowercase())
            .filter(|c| c != "default" && !c.is_empty());
        if let Some(text) = named(&Column::Example) {
            let mut translations = Translations::new();
            for (i, t) in texts.iter().enumerate() {
                if let Some(Column::ExampleTranslation(lang)) = role(i)
                    && !t.is_empty()
                {
                    translations.insert(lang, t.clone());
                }
            }
            w.examples.push(Example {
                text: text.to_owned(),
                translations,
            });
        }
        let mut notes: Vec<String> = named(&Column::Notes)
            .map(str::to_owned)
            .into_iter()
            .collect();
        for &i in &unnamed {
            if !used.contains(&i) && !texts[i].is_empty() {
                let name = model.names.get(i).map_or("field", String::as_str);
                notes.push(format!("{name}: {}", texts[i]));
            }
        }
        if let Some(d) = &deck {
            notes.push(format!("deck: {d}"));
            self.decks_used.insert(d.clone());
        }
        if !tags.is_empty() {
            notes.push(format!("tags: {}", tags.join(" ")));
        }
        for name in raw.iter().flat_map(|f| html::media_refs(f)) {
            if !is_safe_file_name(&name) {
                warn.push(format!(
                    "note {id}: media {name:?} is not a plain file name; not extracted"
                ));
            } else if let Some(entry) = self.media_map.get(&name) {
                notes.push(format!("media:{name}"));
                if self.media_seen.insert(name.clone()) {
                    self.media.push(MediaFile {
                        entry: entry.clone(),
                        name,
                    });
                }
            } else {
                warn.push(format!("note {id}: media {name:?} is not in the deck"));
            }
        }
        w.notes = (!notes.is_empty()).then(|| notes.join("\n"));
        self.warnings.extend(warn);
        self.set.add(w);
    }

    /// A `Level` field, else a tag that is a level (`B1`, `cefr::b1`), else
    /// the default.
    fn level(
        &self,
        field: Option<&str>,
        tags: &[&str],
        id: i64,
        warn: &mut Vec<String>,
    ) -> CefrLevel {
        if let Some(l) = field {
            match l.parse() {
                Ok(level) => return level,
                Err(_) => warn.push(format!("note {id}: level {l:?} ignored")),
            }
        }
        tags.iter()
            .find_map(|t| t.rsplit("::").next().and_then(|l| l.parse().ok()))
            .unwrap_or(self.opts.default_level)
    }

    pub fn finish(self) -> Finished {
        let merged = self.set.merged;
        let (words, translations) = self.set.finish();
        Finished {
            words,
            translations,
            media: self.media,
            decks: self.decks_used.into_iter().collect(),
            skipped: self.skipped,
            warnings: self.warnings,
            merged,
        }
    }
}
