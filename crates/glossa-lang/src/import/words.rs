//! Rules both importers share: German articles, the part-of-speech rule,
//! gender names, and merging entries that repeat a word.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use glossa_core::pack::validate::PARTS_OF_SPEECH;
use glossa_core::pack::{Meaning, Word};

/// An entry whose word or translation has more words than this is not a
/// word/translation pair: it becomes a `phrase` (Anki notes).
pub const MAX_PAIR_WORDS: usize = 5;

/// `"der Hund"` in German -> `("Hund", "m")`: an article (der, die, das,
/// any case) followed by exactly one word that starts with a capital
/// letter, as German nouns do. Other languages and other shapes: `None`.
pub fn split_article(language: &str, text: &str) -> Option<(String, &'static str)> {
    if language != "de" {
        return None;
    }
    let mut parts = text.split_whitespace();
    let (article, noun) = (parts.next()?, parts.next()?);
    if parts.next().is_some() || !noun.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let gender = match article.to_lowercase().as_str() {
        "der" => "m",
        "die" => "f",
        "das" => "n",
        _ => return None,
    };
    Some((noun.to_owned(), gender))
}

/// `m`, `f` or `n` from the usual ways of writing a gender (`m`, `masc`,
/// `masculine`, `maskulin`, `der`, ...); `None` if it is none of them.
pub(crate) fn parse_gender(value: &str) -> Option<&'static str> {
    match value.trim().trim_end_matches('.').to_lowercase().as_str() {
        "m" | "masc" | "masculine" | "maskulin" | "männlich" | "der" => Some("m"),
        "f" | "fem" | "feminine" | "feminin" | "weiblich" | "die" => Some("f"),
        "n" | "neut" | "neuter" | "neutrum" | "sächlich" | "das" => Some("n"),
        _ => None,
    }
}

/// A part of speech as the pack spells it, or `None`.
pub(crate) fn parse_pos(value: &str) -> Option<&'static str> {
    let v = value.trim().trim_end_matches('.').to_lowercase();
    let v = match v.as_str() {
        "n" | "nomen" | "substantiv" => "noun",
        "v" | "vb" | "verb" => "verb",
        "adj" => "adjective",
        "adv" => "adverb",
        "prep" => "preposition",
        "conj" => "conjunction",
        "pron" => "pronoun",
        "expression" | "idiom" => "phrase",
        other => other,
    };
    PARTS_OF_SPEECH.iter().copied().find(|p| *p == v)
}

/// The lemma, part of speech and gender of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Shape {
    pub lemma: String,
    pub pos: String,
    pub gender: Option<String>,
}

/// The rule for the part of speech, in order: a part of speech the source
/// gives wins; a German article in front of a noun sets lemma and gender
/// (only when no part of speech or `noun` is given); a gender makes a
/// noun; anything else is a `phrase`, Glossa's part of speech for entries
/// whose grammar the source does not tell.
pub(crate) fn shape(
    language: &str,
    text: &str,
    pos: Option<&'static str>,
    gender: Option<&'static str>,
) -> Result<Shape, String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut lemma = text.clone();
    let mut gender = gender;
    if matches!(pos, None | Some("noun"))
        && let Some((noun, g)) = split_article(language, &text)
    {
        if let Some(given) = gender
            && given != g
        {
            return Err(format!(
                "{text:?} has the article of gender {g} but the gender column says {given}"
            ));
        }
        lemma = noun;
        gender = Some(g);
    }
    let pos = match (pos, gender) {
        (Some(p), _) => p,
        (None, Some(_)) => "noun",
        (None, None) => "phrase",
    };
    Ok(Shape {
        lemma,
        pos: pos.to_owned(),
        gender: gender.map(str::to_owned),
    })
}

/// Number of whitespace-separated words.
pub(crate) fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Words in input order; an entry that repeats a word (same lemma and part
/// of speech) adds a meaning to it, or is dropped when its translations
/// are the same. The first entry's other fields win. `priority` is the
/// position of the word within its level, in input order.
#[derive(Default)]
pub(crate) struct WordSet {
    words: Vec<Word>,
    index: HashMap<String, usize>,
    per_level: BTreeMap<String, i32>,
    /// Entries merged into an earlier word.
    pub merged: usize,
}

impl WordSet {
    pub fn add(&mut self, mut word: Word) {
        let key = word.key();
        if let Some(&i) = self.index.get(&key) {
            self.merged += 1;
            let existing = &mut self.words[i];
            let known = existing.all_meanings();
            if known.iter().any(|m| m.translations == word.translations) {
                if existing.examples.is_empty() && existing.meanings.is_empty() {
                    existing.examples = word.examples;
                }
                return;
            }
            existing.meanings.push(Meaning {
                translations: word.translations,
                explanation: None,
                examples: word.examples,
            });
            return;
        }
        let n = self.per_level.entry(word.level.clone()).or_insert(0);
        *n += 1;
        word.priority = *n;
        self.index.insert(key, self.words.len());
        self.words.push(word);
    }

    /// The words and every learner language they are translated into.
    pub fn finish(self) -> (Vec<Word>, Vec<String>) {
        let mut langs = BTreeSet::new();
        for w in &self.words {
            for m in w.all_meanings() {
                langs.extend(m.translations.keys().cloned());
            }
        }
        (self.words, langs.into_iter().collect())
    }
}

/// A word with only the fields every importer sets.
pub(crate) fn new_word(shape: Shape, level: &str) -> Word {
    Word {
        lemma: shape.lemma,
        pos: shape.pos,
        gender: shape.gender,
        plural: None,
        level: level.to_owned(),
        priority: 1,
        category: None,
        frequency_rank: None,
        pronunciation: None,
        separable: false,
        idiom: false,
        compound: false,
        notes: None,
        translations: Default::default(),
        forms: Vec::new(),
        synonyms: Vec::new(),
        antonyms: Vec::new(),
        examples: Vec::new(),
        meanings: Vec::new(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn german_articles() {
        assert_eq!(split_article("de", "der Hund"), Some(("Hund".into(), "m")));
        assert_eq!(
            split_article("de", "Die  Katze"),
            Some(("Katze".into(), "f"))
        );
        assert_eq!(split_article("de", "das Haus"), Some(("Haus".into(), "n")));
        assert_eq!(split_article("de", "das ist"), None);
        assert_eq!(split_article("de", "der Hund bellt"), None);
        assert_eq!(split_article("it", "der Hund"), None);
    }

    #[test]
    fn pos_rule() {
        let s = shape("de", "der Hund", None, None).unwrap();
        assert_eq!(
            (s.lemma.as_str(), s.pos.as_str(), s.gender.as_deref()),
            ("Hund", "noun", Some("m"))
        );
        let s = shape("de", "laufen", Some("verb"), None).unwrap();
        assert_eq!(s.pos, "verb");
        let s = shape("de", "Tisch", None, Some("m")).unwrap();
        assert_eq!(s.pos, "noun");
        let s = shape("de", "guten Morgen", None, None).unwrap();
        assert_eq!(s.pos, "phrase");
        let s = shape("de", "der Hund", Some("phrase"), None).unwrap();
        assert_eq!(s.lemma, "der Hund");
        assert!(shape("de", "der Hund", None, Some("f")).is_err());
    }

    #[test]
    fn genders_and_parts_of_speech() {
        assert_eq!(parse_gender("Masc."), Some("m"));
        assert_eq!(parse_gender("die"), Some("f"));
        assert_eq!(parse_gender("x"), None);
        assert_eq!(parse_pos("Adj."), Some("adjective"));
        assert_eq!(parse_pos("noun"), Some("noun"));
        assert_eq!(parse_pos("thing"), None);
    }

    #[test]
    fn repeated_words_become_meanings() {
        let mut set = WordSet::default();
        let shape = |l: &str| Shape {
            lemma: l.into(),
            pos: "noun".into(),
            gender: None,
        };
        for (lemma, en) in [
            ("Bank", "bench"),
            ("Bank", "bank"),
            ("Bank", "bench"),
            ("Tisch", "table"),
        ] {
            let mut w = new_word(shape(lemma), "A1");
            w.translations.insert("en".into(), en.into());
            set.add(w);
        }
        assert_eq!(set.merged, 2);
        let (words, langs) = set.finish();
        assert_eq!(words.len(), 2);
        assert_eq!(words[0].meanings.len(), 1);
        assert_eq!(words[1].priority, 2);
        assert_eq!(langs, vec!["en".to_owned()]);
    }
}
