//! Checks a pack before it is stored: every value valid, every exercise
//! answerable, every reference resolvable, no duplicate keys.

use std::collections::{BTreeMap, BTreeSet};

use super::known::Known;
use super::model::{Exercise, Pack, Word};
use crate::{CefrLevel, LanguageCode};

/// Parts of speech a word may have.
pub const PARTS_OF_SPEECH: &[&str] = &[
    "noun",
    "verb",
    "adjective",
    "adverb",
    "pronoun",
    "preposition",
    "conjunction",
    "interjection",
    "article",
    "determiner",
    "numeral",
    "particle",
    "phrase",
];
/// Exercise types.
pub const EXERCISE_TYPES: &[&str] = &[
    "fill_blank",
    "multiple_choice",
    "translation",
    "error_correction",
    "sentence_building",
    "matching",
];
/// Lesson types.
pub const LESSON_TYPES: &[&str] = &["vocabulary", "grammar", "reading", "conversation"];
/// Lesson item kinds.
pub const ITEM_KINDS: &[&str] = &["text", "word", "phrase", "exercise", "example", "grammar"];
/// Assessment types.
pub const ASSESSMENT_TYPES: &[&str] = &[
    "placement",
    "vocabulary",
    "grammar",
    "comprehensive",
    "diagnostic",
];
/// Assessment question types.
pub const QUESTION_TYPES: &[&str] = &["multiple_choice", "fill_blank", "translation", "free_text"];
/// Achievement tiers.
pub const TIERS: &[&str] = &["bronze", "silver", "gold", "platinum"];
/// Achievement categories.
pub const ACHIEVEMENT_CATEGORIES: &[&str] = &["conversation", "grammar", "vocabulary", "activity"];
/// Achievement criteria the engine evaluates.
pub const CRITERIA_TYPES: &[&str] = &[
    "sessions_count",
    "conversation_count",
    "messages_sent",
    "words_learned",
    "words_mastered",
    "reviews_count",
    "review_accuracy",
    "streak_days",
    "grammar_exercises",
    "grammar_accuracy",
    "topics_mastered",
    "lessons_completed",
    "xp_total",
    "perfect_sessions",
    "level_reached",
    "achievements_earned",
];

/// One problem found in a pack: which item, which field, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// `kind key`, e.g. `exercise dative-01` or `word Haus|noun`.
    pub item: String,
    /// The field of the item (`level`, `topic`, `options`, ...; `manifest`
    /// fields for the pack itself).
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.item, self.message)
    }
}

pub(super) struct Check<'k> {
    pub problems: Vec<Problem>,
    pub known: &'k Known,
}

impl Check<'_> {
    pub fn add(&mut self, item: &str, field: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            item: item.to_owned(),
            field: field.to_owned(),
            message: message.into(),
        });
    }
    pub fn level(&mut self, item: &str, level: Option<&str>) {
        if let Some(l) = level
            && l.parse::<CefrLevel>()
                .map(|c| c.as_str() != l)
                .unwrap_or(true)
        {
            self.add(
                item,
                "level",
                format!("level {l:?} is not one of A1, A2, B1, B2, C1, C2"),
            );
        }
    }
    pub fn one_of(&mut self, item: &str, field: &str, value: &str, allowed: &[&str]) {
        if !allowed.contains(&value) {
            self.add(
                item,
                field,
                format!("{field} {value:?} is not one of {}", allowed.join(", ")),
            );
        }
    }
    pub fn not_blank(&mut self, item: &str, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.add(item, field, format!("{field} is empty"));
        }
    }
    pub fn slug(&mut self, item: &str, slug: &str, seen: &mut BTreeSet<String>) {
        let ok = !slug.is_empty()
            && slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !ok {
            self.add(
                item,
                "slug",
                "slug must be lower-case letters, digits, - or _",
            );
        }
        if !seen.insert(slug.to_owned()) {
            self.add(item, "slug", "duplicate slug");
        }
    }
    /// A JSON value that must be an object (or absent).
    pub fn object(&mut self, item: &str, field: &str, v: &serde_json::Value) {
        if !(v.is_null() || v.is_object()) {
            self.add(item, field, format!("{field} must be a JSON object"));
        }
    }
}

/// Words by lemma and by `lemma|pos` (of the pack and already stored), to
/// resolve references.
pub(super) struct WordIndex {
    keys: BTreeSet<String>,
    lemmas: BTreeSet<String>,
}

impl WordIndex {
    fn new(words: &[Word], known: &Known) -> Self {
        let mut keys: BTreeSet<String> = words.iter().map(Word::key).collect();
        keys.extend(known.words.iter().cloned());
        let lemmas = keys
            .iter()
            .map(|k| k.rsplit_once('|').map_or(k.as_str(), |(l, _)| l).to_owned())
            .collect();
        Self { keys, lemmas }
    }
    pub fn resolves(&self, reference: &str) -> bool {
        if reference.contains('|') {
            self.keys.contains(reference)
        } else {
            self.lemmas.contains(reference)
        }
    }
}

/// Where a reference may point, in messages.
pub(super) const PACK_OR_CATALOG: &str = "in the pack or the language's catalog";

/// Every problem of a self-contained pack; empty when it can be stored.
pub fn validate(pack: &Pack) -> Vec<Problem> {
    validate_with_known(pack, &Known::default())
}

/// Every problem of a pack whose references may also point to content
/// already stored for its language (`known`); empty when it can be stored.
pub fn validate_with_known(pack: &Pack, known: &Known) -> Vec<Problem> {
    let mut c = Check {
        problems: Vec::new(),
        known,
    };
    check_manifest(&mut c, pack);
    let words = WordIndex::new(&pack.words, known);
    check_words(&mut c, &pack.words, &words);
    let mut topics = check_topics(&mut c, pack);
    topics.extend(known.topics.keys().cloned());
    let mut exercises = check_exercises(&mut c, &pack.exercises, &topics);
    exercises.extend(known.exercises.iter().cloned());
    super::validate_more::check_rest(&mut c, pack, &words, &topics, &exercises);
    c.problems.sort();
    c.problems
}

fn check_manifest(c: &mut Check, pack: &Pack) {
    let m = &pack.manifest;
    if m.format != 1 {
        c.add(
            "pack",
            "format",
            format!("format {} is not supported (expected 1)", m.format),
        );
    }
    if m.language != "mul"
        && LanguageCode::parse(&m.language)
            .map(|l| l.as_str() != m.language)
            .unwrap_or(true)
    {
        c.add(
            "pack",
            "language",
            format!(
                "language {:?} is not an ISO 639-1 code or \"mul\"",
                m.language
            ),
        );
    }
    for (field, value) in [
        ("slug", &m.slug),
        ("version", &m.version),
        ("title", &m.title),
        ("licence", &m.licence),
    ] {
        c.not_blank("pack", field, value);
    }
    for t in &m.translations {
        if LanguageCode::parse(t).is_err() {
            c.add(
                "pack",
                "translations",
                format!("translation language {t:?} is not an ISO 639-1 code"),
            );
        }
    }
}

fn check_words(c: &mut Check, list: &[Word], index: &WordIndex) {
    let mut seen = BTreeSet::new();
    for w in list {
        let item = format!("word {}", w.key());
        c.not_blank(&item, "lemma", &w.lemma);
        c.one_of(&item, "pos", &w.pos, PARTS_OF_SPEECH);
        c.level(&item, Some(&w.level));
        if !seen.insert(w.key()) {
            c.add(&item, "lemma", "duplicate word (lemma and part of speech)");
        }
        if let Some(g) = &w.gender {
            c.one_of(&item, "gender", g, &["m", "f", "n"]);
        }
        if w.priority < 1 {
            c.add(&item, "priority", "priority must be at least 1");
        }
        if w.frequency_rank.is_some_and(|p| p < 1) {
            c.add(&item, "frequency_rank", "frequency_rank must be at least 1");
        }
        let meanings = w.all_meanings();
        if meanings.is_empty() || meanings.iter().any(|m| m.translations.is_empty()) {
            c.add(
                &item,
                "translations",
                "every meaning needs at least one translation",
            );
        }
        for m in &meanings {
            for (lang, t) in &m.translations {
                if LanguageCode::parse(lang).is_err() {
                    c.add(
                        &item,
                        "translations",
                        format!("translation language {lang:?} is not an ISO 639-1 code"),
                    );
                }
                c.not_blank(&item, "translations", t);
            }
            for e in &m.examples {
                c.not_blank(&item, "example", &e.text);
            }
        }
        for f in &w.forms {
            c.not_blank(&item, "forms", &f.form_type);
            c.not_blank(&item, "forms", &f.text);
        }
        for (field, list) in [("synonyms", &w.synonyms), ("antonyms", &w.antonyms)] {
            for r in list {
                if r == &w.lemma || r == &w.key() {
                    c.add(&item, field, "a word cannot be its own synonym or antonym");
                } else if !index.resolves(r) {
                    c.add(
                        &item,
                        field,
                        format!("related word {r:?} is not {PACK_OR_CATALOG}"),
                    );
                }
            }
        }
    }
}

fn check_topics(c: &mut Check, pack: &Pack) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    for t in &pack.topics {
        let item = format!("topic {}", t.slug);
        c.slug(&item, &t.slug, &mut seen);
        c.not_blank(&item, "name", &t.name);
        c.level(&item, t.level.as_deref());
    }
    // Stored topics first, so that the pack's own parents win.
    let mut parents: BTreeMap<&str, Option<&str>> = c
        .known
        .topics
        .iter()
        .map(|(s, p)| (s.as_str(), p.as_deref()))
        .collect();
    for t in &pack.topics {
        parents.insert(t.slug.as_str(), t.parent.as_deref());
    }
    for t in &pack.topics {
        let item = format!("topic {}", t.slug);
        if let Some(p) = &t.parent
            && !seen.contains(p)
            && !c.known.topics.contains_key(p)
        {
            c.add(
                &item,
                "parent",
                format!("parent {p:?} is not a topic {PACK_OR_CATALOG}"),
            );
        }
        // Walk up; more steps than topics means a cycle.
        let mut cur = t.parent.as_deref();
        let mut steps = 0;
        while let Some(p) = cur {
            steps += 1;
            if p == t.slug || steps > parents.len() {
                c.add(&item, "parent", "topic hierarchy has a cycle");
                break;
            }
            cur = parents.get(p).copied().flatten();
        }
    }
    seen
}

/// The field an answerability problem is about.
fn answerable_field(why: &str) -> &'static str {
    if why.starts_with("multiple_choice needs") {
        "options"
    } else if why.contains("data.") {
        "data"
    } else if why.contains("alternative") {
        "alternatives"
    } else if why.contains("no ___ blank") {
        "question"
    } else {
        "answer"
    }
}

fn check_exercises(
    c: &mut Check,
    list: &[Exercise],
    topics: &BTreeSet<String>,
) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    for e in list {
        let item = format!("exercise {}", e.slug);
        c.slug(&item, &e.slug, &mut seen);
        c.one_of(&item, "type", &e.exercise_type, EXERCISE_TYPES);
        c.level(&item, e.level.as_deref());
        c.not_blank(&item, "question", &e.question);
        c.not_blank(&item, "answer", &e.answer);
        c.object(&item, "data", &e.data);
        if let Some(t) = &e.topic
            && !topics.contains(t)
        {
            c.add(
                &item,
                "topic",
                format!("topic {t:?} is not a topic {PACK_OR_CATALOG}"),
            );
        }
        if let Err(why) = super::answerable::check(e) {
            c.add(&item, answerable_field(&why), why);
        }
    }
    seen
}
