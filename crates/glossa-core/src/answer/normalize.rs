//! Normalisation: what two answers must share to count as the same text.
//!
//! Every comparison starts from [`Text`]: the answer in Unicode NFC, with
//! punctuation and control characters removed, whitespace collapsed, and
//! split into words. The keys are the words lower-cased; the folded forms
//! ([`strip_accents`], [`transliterate_german`]) are what leniency compares.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Characters removed from answers (replaced by a word break): sentence
/// punctuation, brackets, quotes and dashes, including the Spanish, French,
/// German and CJK forms.
const PUNCTUATION: &str = ".,!?;:\"()[]{}«»„“”‚‹›¿¡…–—―·•。、！？，；：「」『』";

/// Apostrophes, kept (as `'`) only inside a word: `l'homme`, `c'est`.
const APOSTROPHES: &str = "'’‘`´ʼ";

/// Hyphens, kept (as `-`) only inside a word: `e-mail`, `Baden-Württemberg`.
const HYPHENS: &str = "-‐‑";

/// Invisible formatting characters, dropped without a word break.
const INVISIBLE: &str = "\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}\u{00AD}";

/// An answer prepared for comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Text {
    /// The words as written (NFC, punctuation removed), for messages.
    pub display: Vec<String>,
    /// The same words lower-cased: what an exact match compares.
    pub keys: Vec<String>,
}

impl Text {
    /// Normalises `raw` and splits it into words.
    pub fn new(raw: &str) -> Self {
        let display: Vec<String> = clean(raw)
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        let keys = display.iter().map(|w| lower(w)).collect();
        Self { display, keys }
    }

    /// True when nothing but punctuation and whitespace was written.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The lower-cased words joined by single spaces.
    pub fn key(&self) -> String {
        self.keys.join(" ")
    }

    /// The words as written, joined by single spaces.
    pub fn shown(&self) -> String {
        self.display.join(" ")
    }
}

/// The normalised form of an answer: NFC, lower-case, without punctuation,
/// single spaces between words. Two answers with the same normalised form
/// are the same answer.
pub fn normalize(answer: &str) -> String {
    Text::new(answer).key()
}

fn lower(word: &str) -> String {
    word.to_lowercase().nfc().collect()
}

fn is_word_char(c: Option<&char>) -> bool {
    c.is_some_and(|&c| c.is_alphanumeric() || is_combining_mark(c))
}

/// NFC, punctuation and control characters replaced by spaces (apostrophes
/// and hyphens survive inside words), runs of whitespace collapsed. Case is
/// kept.
fn clean(raw: &str) -> String {
    let chars: Vec<char> = raw.nfc().filter(|c| !INVISIBLE.contains(*c)).collect();
    let mut out = String::with_capacity(raw.len());
    for (i, &c) in chars.iter().enumerate() {
        let inside = || {
            is_word_char(i.checked_sub(1).and_then(|j| chars.get(j)))
                && is_word_char(chars.get(i + 1))
        };
        if APOSTROPHES.contains(c) {
            out.push(if inside() { '\'' } else { ' ' });
        } else if HYPHENS.contains(c) {
            out.push(if inside() { '-' } else { ' ' });
        } else if c.is_whitespace() || c.is_control() || PUNCTUATION.contains(c) {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `key` without diacritics: canonical decomposition with the combining
/// marks dropped (`é` → `e`, `ñ` → `n`, `ç` → `c`, `ä` → `a`), plus the
/// letters Unicode does not decompose (`ß` → `ss`, `æ` → `ae`, `œ` → `oe`,
/// `ø` → `o`, `ł` → `l`, `đ` → `d`, `ı` → `i`).
pub(crate) fn strip_accents(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.nfd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'đ' => out.push('d'),
            'ı' => out.push('i'),
            other => out.push(other),
        }
    }
    out
}

/// The German typewriter spelling of a lower-case `key`: `ä` → `ae`,
/// `ö` → `oe`, `ü` → `ue`, `ß` → `ss`. Other letters are kept.
pub(crate) fn transliterate_german(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            other => out.push(other),
        }
    }
    out
}

/// The forms of `key` that leniency treats as the same spelling: without
/// accents, and for German also transliterated first (`Grüße` → `gruesse`).
pub(crate) fn folds(key: &str, german: bool) -> Vec<String> {
    let mut out = vec![strip_accents(key)];
    if german {
        let t = strip_accents(&transliterate_german(key));
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}
