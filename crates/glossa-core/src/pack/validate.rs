//! Checks a pack before it is stored: every value valid, every exercise
//! answerable, every reference resolvable, no duplicate keys.

use std::collections::{BTreeMap, BTreeSet};

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

/// One problem found in a pack: which item, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// `kind key`, e.g. `exercise dative-01` or `word Haus|noun`.
    pub item: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.item, self.message)
    }
}

struct Check {
    problems: Vec<Problem>,
}

impl Check {
    fn add(&mut self, item: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            item: item.to_owned(),
            message: message.into(),
        });
    }
    fn level(&mut self, item: &str, level: Option<&str>) {
        if let Some(l) = level
            && l.parse::<CefrLevel>()
                .map(|c| c.as_str() != l)
                .unwrap_or(true)
        {
            self.add(
                item,
                format!("level {l:?} is not one of A1, A2, B1, B2, C1, C2"),
            );
        }
    }
    fn one_of(&mut self, item: &str, field: &str, value: &str, allowed: &[&str]) {
        if !allowed.contains(&value) {
            self.add(
                item,
                format!("{field} {value:?} is not one of {}", allowed.join(", ")),
            );
        }
    }
    fn not_blank(&mut self, item: &str, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.add(item, format!("{field} is empty"));
        }
    }
    fn slug(&mut self, item: &str, slug: &str, seen: &mut BTreeSet<String>) {
        let ok = !slug.is_empty()
            && slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !ok {
            self.add(item, "slug must be lower-case letters, digits, - or _");
        }
        if !seen.insert(slug.to_owned()) {
            self.add(item, "duplicate slug");
        }
    }
}

/// Words by lemma and by `lemma|pos`, to resolve references.
struct WordIndex {
    keys: BTreeSet<String>,
    lemmas: BTreeMap<String, usize>,
}

impl WordIndex {
    fn new(words: &[Word]) -> Self {
        let mut lemmas = BTreeMap::new();
        for w in words {
            *lemmas.entry(w.lemma.clone()).or_insert(0) += 1;
        }
        Self {
            keys: words.iter().map(Word::key).collect(),
            lemmas,
        }
    }
    fn resolves(&self, reference: &str) -> bool {
        if reference.contains('|') {
            self.keys.contains(reference)
        } else {
            self.lemmas.contains_key(reference)
        }
    }
}

/// Every problem of the pack; empty when it can be stored.
pub fn validate(pack: &Pack) -> Vec<Problem> {
    let mut c = Check {
        problems: Vec::new(),
    };
    let m = &pack.manifest;
    if m.format != 1 {
        c.add(
            "pack",
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
                format!("translation language {t:?} is not an ISO 639-1 code"),
            );
        }
    }
    let words = WordIndex::new(&pack.words);
    check_words(&mut c, &pack.words, &words);
    let topics = check_topics(&mut c, pack);
    let exercises = check_exercises(&mut c, &pack.exercises, &topics);
    super::validate_more::check_rest(
        &mut c.problems,
        pack,
        &|r| words.resolves(r),
        &topics,
        &exercises,
    );
    c.problems.sort();
    c.problems
}

fn check_words(c: &mut Check, list: &[Word], index: &WordIndex) {
    let mut seen = BTreeSet::new();
    for w in list {
        let item = format!("word {}", w.key());
        c.not_blank(&item, "lemma", &w.lemma);
        c.one_of(&item, "pos", &w.pos, PARTS_OF_SPEECH);
        c.level(&item, Some(&w.level));
        if !seen.insert(w.key()) {
            c.add(&item, "duplicate word (lemma and part of speech)");
        }
        if let Some(g) = &w.gender {
            c.one_of(&item, "gender", g, &["m", "f", "n"]);
        }
        if w.priority < 1 {
            c.add(&item, "priority must be at least 1");
        }
        if w.frequency_rank.is_some_and(|p| p < 1) {
            c.add(&item, "frequency_rank must be at least 1");
        }
        let meanings = w.all_meanings();
        if meanings.is_empty() || meanings.iter().any(|m| m.translations.is_empty()) {
            c.add(&item, "every meaning needs at least one translation");
        }
        for m in &meanings {
            for (lang, t) in &m.translations {
                if LanguageCode::parse(lang).is_err() {
                    c.add(
                        &item,
                        format!("translation language {lang:?} is not an ISO 639-1 code"),
                    );
                }
                c.not_blank(&item, "translation", t);
            }
            for e in &m.examples {
                c.not_blank(&item, "example", &e.text);
            }
        }
        for f in &w.forms {
            c.not_blank(&item, "form type", &f.form_type);
            c.not_blank(&item, "form", &f.text);
        }
        for r in w.synonyms.iter().chain(&w.antonyms) {
            if r == &w.lemma || r == &w.key() {
                c.add(&item, "a word cannot be its own synonym or antonym");
            } else if !index.resolves(r) {
                c.add(&item, format!("related word {r:?} is not in the pack"));
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
    let parents: BTreeMap<&str, Option<&str>> = pack
        .topics
        .iter()
        .map(|t| (t.slug.as_str(), t.parent.as_deref()))
        .collect();
    for t in &pack.topics {
        let item = format!("topic {}", t.slug);
        if let Some(p) = &t.parent
            && !seen.contains(p)
        {
            c.add(&item, format!("parent {p:?} is not a topic of the pack"));
        }
        // Walk up; more steps than topics means a cycle.
        let mut cur = t.parent.as_deref();
        let mut steps = 0;
        while let Some(p) = cur {
            steps += 1;
            if p == t.slug || steps > parents.len() {
                c.add(&item, "topic hierarchy has a cycle");
                break;
            }
            cur = parents.get(p).copied().flatten();
        }
    }
    seen
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
        if let Some(t) = &e.topic
            && !topics.contains(t)
        {
            c.add(&item, format!("topic {t:?} is not a topic of the pack"));
        }
        if let Err(why) = super::answerable::check(e) {
            c.add(&item, why);
        }
    }
    seen
}
