//! Choosing a word's part of speech, translations and examples among its
//! dictionary entries (one entry per sense). The rule, documented in
//! `docs/content-packs.md` ("Building a word bank"):
//!
//! 1. Only entries whose headword is the lemma exactly and whose part of
//!    speech is the word's are senses of it (for nouns, plural-only entries
//!    such as `Leute <pl>` count too).
//! 2. Senses are ordered: senses not marked colloquial, dated, regional
//!    or figurative (`[ugs.]`, `[obs.]`, `[Süddt.]`, `[fig.]` ...) first,
//!    singular before plural-only, more example sentences first, without a
//!    subject label (`[adm.]`, `[techn.]`) first, without synonyms (where
//!    the headword leads its dictionary line) first, then dictionary order.
//! 3. The first sense gives the word's translation (its first three
//!    translations joined by `, `) and examples; the next ones, as long as
//!    they translate differently, become further meanings.

use std::cmp::Reverse;

use glossa_core::pack::{Example, Meaning, Translations};

use super::dictd::DictEntry;

/// How many translations of one sense make up its translation text.
const TRANSLATIONS_PER_SENSE: usize = 3;

fn sense_order(e: &DictEntry) -> (bool, bool, Reverse<usize>, bool, bool, usize) {
    (
        e.register,
        e.is_plural_form(),
        Reverse(e.examples.len()),
        !e.labels.is_empty(),
        !e.synonyms.is_empty(),
        e.order,
    )
}

/// The senses of a word with part of speech `pos`, best first.
pub(crate) fn ranked<'a>(entries: &'a [DictEntry], lemma: &str, pos: &str) -> Vec<&'a DictEntry> {
    let mut senses: Vec<&DictEntry> = entries
        .iter()
        .filter(|e| e.headword == lemma && e.pos() == Some(pos) && (e.is_lemma() || pos == "noun"))
        .collect();
    senses.sort_by_key(|e| sense_order(e));
    senses
}

/// The part of speech of a word the tables do not know: that of its best
/// lemma entry.
pub(crate) fn best_pos(entries: &[DictEntry], lemma: &str) -> Option<&'static str> {
    entries
        .iter()
        .filter(|e| e.headword == lemma && e.is_lemma())
        .min_by_key(|e| sense_order(e))
        .and_then(DictEntry::pos)
}

/// The meanings of a word: the first is the word's short form.
pub(crate) fn meanings(
    senses: &[&DictEntry],
    language: &str,
    max_meanings: usize,
    max_examples: usize,
) -> Vec<Meaning> {
    let mut out: Vec<Meaning> = Vec::new();
    for sense in senses {
        if out.len() >= max_meanings.max(1) {
            break;
        }
        let text = sense
            .translations
            .iter()
            .take(TRANSLATIONS_PER_SENSE)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if text.trim().is_empty()
            || out
                .iter()
                .any(|m| m.translations.get(language) == Some(&text))
        {
            continue;
        }
        let examples = sense
            .examples
            .iter()
            .filter(|(source, target)| !source.is_empty() && !target.is_empty())
            .take(max_examples)
            .map(|(source, target)| Example {
                text: source.clone(),
                translations: Translations::from([(language.to_owned(), target.clone())]),
            })
            .collect();
        out.push(Meaning {
            translations: Translations::from([(language.to_owned(), text)]),
            explanation: (!sense.labels.is_empty()).then(|| sense.labels.join(", ")),
            examples,
        });
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn entry(text: &str, order: usize) -> DictEntry {
        DictEntry::parse(text, order).unwrap()
    }

    #[test]
    fn unlabelled_senses_with_examples_come_first() {
        let entries = vec![
            entry(
                "Haus /h/ <neut, n, sg>\n [ugs.] shack <n>\n      \"x\"  - y\n      \"x\"  - y\n      \"x\"  - y\n",
                5,
            ),
            entry("Haus /h/ <neut, n, sg>\n [adm.] establishment <n>\n", 0),
            entry(
                "Haus /h/ <neut, n, sg>\nhouse <n>\n      \"ein Haus\"  - a house\n      \"das Haus\"  - the house\n",
                1,
            ),
            entry(
                "Haus /h/ <neut, n, sg>\nhome <n>\n      \"zu Hause\"  - at home\n",
                2,
            ),
            entry("Haus… /h/ <adj>\ndomestic <adj>\n", 3),
            entry("Haus /h/ <neut, n, sg>\nhouse <n>\n", 4),
        ];
        let senses = ranked(&entries, "Haus", "noun");
        let firsts: Vec<&str> = senses.iter().map(|s| s.translations[0].as_str()).collect();
        assert_eq!(firsts, ["house", "home", "house", "establishment", "shack"]);
        assert_eq!(best_pos(&entries, "Haus"), Some("noun"));
        let m = meanings(&senses, "en", 3, 1);
        assert_eq!(m.len(), 3);
        assert_eq!(m[0].translations["en"], "house");
        assert_eq!(m[0].examples.len(), 1);
        assert_eq!(m[0].examples[0].translations["en"], "a house");
        assert_eq!(m[2].translations["en"], "establishment");
        assert_eq!(m[2].explanation.as_deref(), Some("adm."));
        assert!(ranked(&entries, "Haus", "verb").is_empty());
    }
}
