//! Content already stored for a language, which the references of a pack
//! (or of one item sent over the API) may point to, and single items
//! wrapped as one-item packs so that they go through the same validation
//! and import as whole packs.

use std::collections::{BTreeMap, BTreeSet};

use super::model::{Assessment, Course, Exercise, Manifest, Pack, Scenario, Topic, Word};

/// Keys of stored content of one language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    /// Words by `lemma|pos`.
    pub words: BTreeSet<String>,
    /// Grammar topics: slug -> the parent's slug.
    pub topics: BTreeMap<String, Option<String>>,
    /// Exercise slugs.
    pub exercises: BTreeSet<String>,
    /// Lesson slugs -> the slug of their course (`None`: no course).
    pub lessons: BTreeMap<String, Option<String>>,
}

/// What a pack refers to that may already be stored: what the store needs
/// to look up to build a [`Known`] without reading the whole catalog.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wanted {
    /// Lemmas of referenced words (references are `lemma` or `lemma|pos`).
    pub lemmas: BTreeSet<String>,
    /// Referenced exercise slugs.
    pub exercises: BTreeSet<String>,
    /// Slugs of the lessons of the pack's courses.
    pub lessons: BTreeSet<String>,
}

fn lemma(reference: &str) -> String {
    reference
        .rsplit_once('|')
        .map_or(reference, |(l, _)| l)
        .to_owned()
}

/// The references of a pack that the store should resolve.
pub fn wanted(pack: &Pack) -> Wanted {
    let mut w = Wanted::default();
    for word in &pack.words {
        w.lemmas
            .extend(word.synonyms.iter().chain(&word.antonyms).map(|r| lemma(r)));
    }
    for s in &pack.scenarios {
        w.lemmas.extend(s.suggested_words.iter().map(|r| lemma(r)));
    }
    for l in pack.courses.iter().flat_map(|c| &c.lessons) {
        w.lessons.insert(l.slug.clone());
        for it in &l.items {
            let Some(r) = &it.reference else { continue };
            match it.kind.as_str() {
                "word" => {
                    w.lemmas.insert(lemma(r));
                }
                "exercise" => {
                    w.exercises.insert(r.clone());
                }
                _ => {}
            }
        }
    }
    w
}

/// One catalog item, in the same shape as in a pack.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A word (keyed by lemma and part of speech).
    Word(Word),
    /// A grammar topic.
    Topic(Topic),
    /// An exercise.
    Exercise(Exercise),
    /// A conversation scenario.
    Scenario(Scenario),
    /// A course with its lessons.
    Course(Course),
    /// An assessment with its questions.
    Assessment(Assessment),
}

impl Item {
    /// The item's stable key: its slug, or `lemma|pos` for a word.
    pub fn key(&self) -> String {
        match self {
            Item::Word(w) => w.key(),
            Item::Topic(t) => t.slug.clone(),
            Item::Exercise(e) => e.slug.clone(),
            Item::Scenario(s) => s.slug.clone(),
            Item::Course(c) => c.slug.clone(),
            Item::Assessment(a) => a.slug.clone(),
        }
    }

    /// How validation names the item: `exercise dat-1`, `word Haus|noun`.
    pub fn label(&self) -> String {
        let kind = match self {
            Item::Word(_) => "word",
            Item::Topic(_) => "topic",
            Item::Exercise(_) => "exercise",
            Item::Scenario(_) => "scenario",
            Item::Course(_) => "course",
            Item::Assessment(_) => "assessment",
        };
        format!("{kind} {}", self.key())
    }

    /// A pack of `language` holding only this item.
    pub fn into_pack(self, language: &str) -> Pack {
        let mut pack = Pack {
            manifest: Manifest {
                format: 1,
                slug: format!("item-{}", self.key()),
                language: language.to_owned(),
                version: "1".to_owned(),
                title: "one item".to_owned(),
                description: None,
                licence: "unspecified".to_owned(),
                authors: Vec::new(),
                translations: Vec::new(),
            },
            ..Pack::default()
        };
        match self {
            Item::Word(w) => pack.words.push(w),
            Item::Topic(t) => pack.topics.push(t),
            Item::Exercise(e) => pack.exercises.push(e),
            Item::Scenario(s) => pack.scenarios.push(s),
            Item::Course(c) => pack.courses.push(c),
            Item::Assessment(a) => pack.assessments.push(a),
        }
        pack
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::pack::{validate, validate_with_known};

    fn exercise(v: serde_json::Value) -> Item {
        Item::Exercise(serde_json::from_value(v).unwrap())
    }

    fn known() -> Known {
        Known {
            words: ["Haus|noun".to_owned()].into(),
            topics: [
                ("cases".to_owned(), None),
                ("dative".to_owned(), Some("cases".to_owned())),
            ]
            .into(),
            exercises: ["dat-1".to_owned()].into(),
            lessons: [("l1".to_owned(), Some("c1".to_owned()))].into(),
        }
    }

    #[test]
    fn references_resolve_against_stored_content() {
        let pack = exercise(
            json!({"slug": "dat-2", "topic": "dative", "type": "translation",
            "question": "the house", "answer": "das Haus"}),
        )
        .into_pack("de");
        assert_eq!(validate_with_known(&pack, &known()), []);
        let p = validate(&pack);
        assert_eq!(p.len(), 1);
        assert_eq!(
            (p[0].item.as_str(), p[0].field.as_str()),
            ("exercise dat-2", "topic")
        );
        assert!(
            p[0].message.contains("\"dative\" is not a topic"),
            "{}",
            p[0]
        );
    }

    #[test]
    fn multiple_choice_without_options_names_the_field() {
        let pack = exercise(json!({"slug": "mc", "type": "multiple_choice",
            "question": "?", "answer": "dem"}))
        .into_pack("de");
        let p = validate_with_known(&pack, &known());
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].field, "options");
    }

    #[test]
    fn a_cycle_through_stored_topics_is_found() {
        // Stored: dative -> cases. Making cases a child of dative closes a loop.
        let t: Topic =
            serde_json::from_value(json!({"slug": "cases", "parent": "dative", "name": "Fälle"}))
                .unwrap();
        let p = validate_with_known(&Item::Topic(t).into_pack("de"), &known());
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].message, "topic hierarchy has a cycle");
    }

    #[test]
    fn words_lessons_and_wanted() {
        let c: Course = serde_json::from_value(json!({"slug": "c2", "title": "C", "lesson": [
            {"slug": "l1", "title": "L", "type": "vocabulary", "level": "A1", "items": [
                {"kind": "word", "ref": "Haus"}, {"kind": "exercise", "ref": "dat-1"},
                {"kind": "word", "ref": "Baum|noun"}]}]}))
        .unwrap();
        let pack = Item::Course(c).into_pack("de");
        let w = wanted(&pack);
        assert_eq!(w.lemmas, ["Baum".to_owned(), "Haus".to_owned()].into());
        assert_eq!(w.exercises, ["dat-1".to_owned()].into());
        let fields: Vec<String> = validate_with_known(&pack, &known())
            .into_iter()
            .map(|p| format!("{} {}", p.field, p.message))
            .collect();
        assert_eq!(
            fields,
            [
                "lesson.slug lesson slug is already used by course \"c1\"",
                "lesson.items.ref word \"Baum|noun\" is not in the pack or the language's catalog",
            ]
        );
    }

    #[test]
    fn a_word_cannot_be_its_own_synonym() {
        let w: Word = serde_json::from_value(json!({"lemma": "Haus", "pos": "noun",
            "level": "A1", "translations": {"en": "house"}, "synonyms": ["Haus"]}))
        .unwrap();
        let p = validate_with_known(&Item::Word(w).into_pack("de"), &known());
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].field, "synonyms");
    }
}
