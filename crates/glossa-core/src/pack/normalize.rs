//! A canonical form of a pack, so that two packs with the same content
//! compare equal whatever the order of their items and files.

use std::collections::BTreeMap;

use super::model::{Pack, Word};

fn empty_to_null(v: &mut serde_json::Value) {
    if v.as_object().is_some_and(|o| o.is_empty()) {
        *v = serde_json::Value::Null;
    }
}

impl Pack {
    /// Items sorted by key; word references written as the lemma unless it
    /// is ambiguous; a first meaning without explanation in the short form.
    /// The order of lessons, lesson items and questions is content and kept.
    pub fn normalized(&self) -> Pack {
        let mut p = self.clone();
        let mut lemma_count: BTreeMap<String, usize> = BTreeMap::new();
        for w in &p.words {
            *lemma_count.entry(w.lemma.clone()).or_insert(0) += 1;
        }
        let canonical = |r: &String| -> String {
            match r.split_once('|') {
                Some((lemma, _)) if lemma_count.get(lemma) == Some(&1) => lemma.to_owned(),
                _ => r.clone(),
            }
        };
        for w in &mut p.words {
            normalize_word(w);
            w.synonyms = w.synonyms.iter().map(&canonical).collect();
            w.antonyms = w.antonyms.iter().map(&canonical).collect();
            w.synonyms.sort();
            w.antonyms.sort();
            w.forms
                .sort_by(|a, b| (&a.form_type, &a.text).cmp(&(&b.form_type, &b.text)));
        }
        p.words.sort_by_key(Word::key);
        p.topics.sort_by(|a, b| a.slug.cmp(&b.slug));
        for e in &mut p.exercises {
            empty_to_null(&mut e.data);
        }
        p.exercises.sort_by(|a, b| a.slug.cmp(&b.slug));
        for s in &mut p.scenarios {
            s.suggested_words = s.suggested_words.iter().map(&canonical).collect();
        }
        p.scenarios.sort_by(|a, b| a.slug.cmp(&b.slug));
        for c in &mut p.courses {
            for l in &mut c.lessons {
                for i in &mut l.items {
                    if i.kind == "word" {
                        i.reference = i.reference.as_ref().map(&canonical);
                    }
                }
            }
        }
        p.courses.sort_by(|a, b| a.slug.cmp(&b.slug));
        p.assessments.sort_by(|a, b| a.slug.cmp(&b.slug));
        for a in &mut p.achievements {
            empty_to_null(&mut a.criteria.metadata);
        }
        p.achievements.sort_by(|a, b| a.slug.cmp(&b.slug));
        p
    }
}

fn normalize_word(w: &mut Word) {
    let meanings = w.all_meanings();
    let mut rest = meanings.into_iter().peekable();
    let first = if rest.peek().is_some_and(|m| m.explanation.is_none()) {
        rest.next()
    } else {
        None
    };
    w.translations = first
        .as_ref()
        .map(|m| m.translations.clone())
        .unwrap_or_default();
    w.examples = first.map(|m| m.examples).unwrap_or_default();
    w.meanings = rest.collect();
}
