//! Importers: turn files made elsewhere (CSV/TSV word lists, Anki decks)
//! into a content [`Pack`] that `glossa_store::catalog::import_pack`
//! stores. The rules each importer follows are in
//! `docs/content-packs.md`, section "Importing other formats".

pub mod anki;
mod anki_note;
pub mod csv;
mod html;
mod words;

use glossa_core::pack::{Manifest, Pack};
use glossa_core::{CefrLevel, LanguageCode};

pub use words::{MAX_PAIR_WORDS, split_article};

/// What the caller decides about an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// Target language of the words (ISO 639-1).
    pub language: String,
    /// Learner language of an unnamed `translation` column or field.
    pub translation_language: String,
    /// Level of entries that do not give one.
    pub default_level: CefrLevel,
    /// The pack's slug.
    pub slug: String,
    /// The pack's version.
    pub version: String,
}

impl ImportOptions {
    /// Options with the defaults: translations into English, level A1,
    /// version `0.0.0`.
    pub fn new(language: &str, slug: &str) -> Self {
        Self {
            language: language.to_owned(),
            translation_language: "en".to_owned(),
            default_level: CefrLevel::A1,
            slug: slug.to_owned(),
            version: "0.0.0".to_owned(),
        }
    }

    /// Both languages are ISO 639-1 codes (normalised to lower case).
    pub(crate) fn checked(&self) -> Result<Self, ImportError> {
        let lang = |what: &str, code: &str| {
            LanguageCode::parse(code)
                .map(|c| c.as_str().to_owned())
                .map_err(|e| ImportError::Options(format!("{what}: {e}")))
        };
        let mut out = self.clone();
        out.language = lang("language", &self.language)?;
        out.translation_language = lang("translation language", &self.translation_language)?;
        if !is_slug(&self.slug) {
            return Err(ImportError::Options(format!(
                "slug {:?} must be lower-case letters, digits, - or _",
                self.slug
            )));
        }
        Ok(out)
    }
}

/// Whether `s` is a pack slug: non-empty lower-case ASCII letters, digits,
/// `-` and `_`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// A slug made from a file stem: lower case, other characters as `-`.
pub fn slugify(stem: &str) -> String {
    let mut out = String::new();
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_owned();
    if out.is_empty() {
        "import".to_owned()
    } else {
        out
    }
}

/// Why a file cannot be imported. Every message names the file, and where
/// it can, the line (CSV) or the note (Anki).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The options are invalid.
    #[error("{0}")]
    Options(String),
    /// The file could not be read or written.
    #[error("{file}: {message}")]
    Io {
        /// The file.
        file: String,
        /// The I/O error.
        message: String,
    },
    /// One line of a text file is invalid (the whole file is refused).
    #[error("{file}:{line}: {message}")]
    Line {
        /// The file.
        file: String,
        /// 1-based line.
        line: u64,
        /// The reason.
        message: String,
    },
    /// The file is not of the expected format.
    #[error("{file}: {message}")]
    Format {
        /// The file.
        file: String,
        /// The reason.
        message: String,
    },
}

/// The result of an import: the pack and what happened on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The pack, ready for `validate` and `import_pack`.
    pub pack: Pack,
    /// Rows (CSV) or notes (Anki) read.
    pub rows: usize,
    /// Rows or notes that repeated a word already read and were added to
    /// it as a further meaning (or dropped when identical).
    pub merged: usize,
    /// Notes that could not become a word, each with the reason.
    pub skipped: Vec<String>,
    /// Non-fatal observations (unknown values that were ignored, missing
    /// media files).
    pub warnings: Vec<String>,
}

/// The manifest of an imported pack.
pub(crate) fn manifest(opts: &ImportOptions, source: &str, translations: Vec<String>) -> Manifest {
    Manifest {
        format: 1,
        slug: opts.slug.clone(),
        language: opts.language.clone(),
        version: opts.version.clone(),
        title: format!("Imported from {source}"),
        description: Some(format!(
            "Words imported from {source} by `glossa import`; check the licence of the source."
        )),
        // The importer cannot know the source's licence.
        licence: "NOASSERTION".to_owned(),
        authors: Vec::new(),
        translations,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_file_stems() {
        assert_eq!(slugify("Deutsch A1 (Vokabeln)"), "deutsch-a1-vokabeln");
        assert_eq!(slugify("  "), "import");
        assert_eq!(slugify("my_words"), "my_words");
        assert!(is_slug("de-a1_2"));
        assert!(!is_slug("De"));
        assert!(!is_slug("../x"));
    }

    #[test]
    fn options_are_checked() {
        let mut o = ImportOptions::new("DE", "x");
        assert_eq!(o.checked().unwrap().language, "de");
        o.translation_language = "english".into();
        assert!(o.checked().is_err());
        let o = ImportOptions::new("de", "a/b");
        assert!(o.checked().unwrap_err().to_string().contains("slug"));
    }
}
