//! Word-frequency lists: pyspellchecker's `resources/<lang>.json.gz` (a
//! gzip JSON object `word -> count`) and plain text lists with one
//! `word count` or `word<TAB>count` a line. Tokens that are not words
//! (digits, punctuation, stray single letters) are dropped; the rest are
//! merged case-insensitively (counts added) and ranked by count.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use super::WordBankError;

/// A frequency list: lower-case words, most frequent first (ties in
/// alphabetical order, so that the ranking is deterministic).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrequencyList {
    entries: Vec<(String, u64)>,
    positions: HashMap<String, usize>,
    /// Entries read from the source, before filtering and merging.
    pub rows: usize,
    /// Entries dropped because they are not words.
    pub dropped: usize,
}

impl FrequencyList {
    /// Read a list from a file: gzip or plain, JSON object or text lines
    /// (told apart by their content, not by the file name).
    pub fn read(path: &Path, language: &str) -> Result<Self, WordBankError> {
        let file = path.display().to_string();
        let raw = std::fs::read(path).map_err(|e| WordBankError::io(&file, &e))?;
        let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
            gunzip(&file, &raw)?
        } else {
            raw
        };
        let text = String::from_utf8(bytes)
            .map_err(|_| WordBankError::format(&file, "is not UTF-8 text"))?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        if text.trim_start().starts_with('{') {
            Self::from_json(&file, text, language)
        } else {
            Self::from_text(&file, text, language)
        }
    }

    /// A JSON object `{"word": count, ...}`.
    pub fn from_json(file: &str, text: &str, language: &str) -> Result<Self, WordBankError> {
        let map: HashMap<String, u64> = serde_json::from_str(text).map_err(|e| {
            WordBankError::format(
                file,
                &format!("expected a JSON object of word -> count: {e}"),
            )
        })?;
        Ok(Self::from_counts(map, language))
    }

    /// Text lines `word count` or `word<TAB>count`; blank lines and lines
    /// starting with `#` are skipped.
    pub fn from_text(file: &str, text: &str, language: &str) -> Result<Self, WordBankError> {
        let mut counts = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let split = line
                .rsplit_once('\t')
                .or_else(|| line.rsplit_once(char::is_whitespace));
            let Some((word, count)) = split else {
                return Err(WordBankError::line(
                    file,
                    n,
                    "expected `word count` or `word<TAB>count`",
                ));
            };
            let count: u64 = count.trim().parse().map_err(|_| {
                WordBankError::line(
                    file,
                    n,
                    &format!("count {:?} is not a whole number", count.trim()),
                )
            })?;
            counts.push((word.trim().to_owned(), count));
        }
        Ok(Self::from_counts(counts, language))
    }

    /// Filter, merge case-insensitively and rank `(word, count)` pairs.
    pub fn from_counts(counts: impl IntoIterator<Item = (String, u64)>, language: &str) -> Self {
        let mut merged: HashMap<String, u64> = HashMap::new();
        let (mut rows, mut dropped) = (0, 0);
        for (word, count) in counts {
            rows += 1;
            if !is_word(&word, language) {
                dropped += 1;
                continue;
            }
            *merged.entry(word.to_lowercase()).or_insert(0) += count;
        }
        let mut entries: Vec<(String, u64)> = merged.into_iter().collect();
        entries.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let positions = entries
            .iter()
            .enumerate()
            .map(|(i, (w, _))| (w.clone(), i))
            .collect();
        Self {
            entries,
            positions,
            rows,
            dropped,
        }
    }

    /// All words with their counts, most frequent first.
    pub fn entries(&self) -> &[(String, u64)] {
        &self.entries
    }

    /// The `n` most frequent words.
    pub fn top(&self, n: usize) -> &[(String, u64)] {
        &self.entries[..n.min(self.entries.len())]
    }

    /// How many words.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the list has no words.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// 1-based rank of a word (any case).
    pub fn rank(&self, word: &str) -> Option<usize> {
        self.positions.get(&word.to_lowercase()).map(|p| p + 1)
    }

    /// Count of a word (any case); 0 when absent.
    pub fn count(&self, word: &str) -> u64 {
        self.positions
            .get(&word.to_lowercase())
            .map_or(0, |&p| self.entries[p].1)
    }
}

/// Decompress a whole gzip file.
pub(crate) fn gunzip(file: &str, bytes: &[u8]) -> Result<Vec<u8>, WordBankError> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .read_to_end(&mut out)
        .map_err(|e| WordBankError::format(file, &format!("cannot decompress gzip: {e}")))?;
    Ok(out)
}

/// Single-letter words of a language (lower case); every other single
/// letter is a stray token (initials, spelled-out letters).
pub fn single_letter_words(language: &str) -> &'static [&'static str] {
    match language {
        "en" => &["a", "i"],
        "es" => &["a", "e", "o", "u", "y"],
        "fr" => &["a", "à", "y"],
        "it" => &["a", "e", "è", "i", "o"],
        "pt" => &["a", "e", "o", "à", "é"],
        "nl" => &["u"],
        "pl" => &["a", "i", "o", "u", "w", "z"],
        "cs" | "sk" => &["a", "i", "k", "o", "s", "u", "v", "z"],
        "ru" => &["а", "в", "и", "к", "о", "с", "у", "я"],
        _ => &[],
    }
}

/// Whether a token is a word: letters only, with an apostrophe or hyphen
/// allowed between letters; a single letter only if the language has it
/// as a word. Digits, punctuation and spaces make a token a non-word.
pub fn is_word(token: &str, language: &str) -> bool {
    let (Some(first), Some(last)) = (token.chars().next(), token.chars().next_back()) else {
        return false;
    };
    if !first.is_alphabetic() || !last.is_alphabetic() {
        return false;
    }
    let mut previous_joiner = false;
    for c in token.chars() {
        let joiner = matches!(c, '\'' | '’' | '-');
        if !(c.is_alphabetic() || joiner) || (joiner && previous_joiner) {
            return false;
        }
        previous_joiner = joiner;
    }
    if token.chars().nth(1).is_none() {
        let lower = token.to_lowercase();
        return single_letter_words(language).contains(&lower.as_str());
    }
    true
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn words_and_non_words() {
        for w in ["und", "Haus", "don't", "E-Mail", "aujourd’hui", "ß"] {
            assert_eq!(is_word(w, "de"), w != "ß", "{w}");
        }
        for w in [
            "",
            "42",
            "b2b",
            "-ab",
            "ab-",
            "a--b",
            "...",
            "a.b",
            "zwei wörter",
            "m",
        ] {
            assert!(!is_word(w, "de"), "{w}");
        }
        assert!(is_word("a", "en") && is_word("I", "en") && !is_word("b", "en"));
        assert!(is_word("y", "es") && is_word("è", "it") && !is_word("a", "de"));
    }

    #[test]
    fn text_lists_merge_case_and_rank_by_count() {
        let text = "# comment\nDer 10\nder 5\nund\t12\n\n3 99\nHaus 7\n";
        let list = FrequencyList::from_text("f.txt", text, "de").unwrap();
        assert_eq!(
            list.entries(),
            &[("der".into(), 15), ("und".into(), 12), ("haus".into(), 7)]
        );
        assert_eq!((list.rows, list.dropped), (5, 1));
        assert_eq!(list.rank("Haus"), Some(3));
        assert_eq!(list.count("DER"), 15);
        assert_eq!(list.top(1).len(), 1);
        let err = FrequencyList::from_text("f.txt", "haus x\n", "de").unwrap_err();
        assert!(err.to_string().starts_with("f.txt:1:"), "{err}");
        assert!(FrequencyList::from_text("f.txt", "haus\n", "de").is_err());
    }

    #[test]
    fn json_and_gzip() {
        let list =
            FrequencyList::from_json("f.json", r#"{"a": 3, "die": 9, "Die": 1, "x1": 50}"#, "de")
                .unwrap();
        assert_eq!(list.entries(), &[("die".into(), 10)]);
        assert!(FrequencyList::from_json("f.json", "[1]", "de").is_err());
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, br#"{"und": 4, "oder": 2}"#).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("de.json.gz");
        std::fs::write(&path, gz.finish().unwrap()).unwrap();
        let list = FrequencyList::read(&path, "de").unwrap();
        assert_eq!(list.rank("oder"), Some(2));
    }
}
