//! Pack checks for scenarios, courses, assessments and achievements.

use std::collections::BTreeSet;

use super::model::Pack;
use super::validate::{
    ACHIEVEMENT_CATEGORIES, ASSESSMENT_TYPES, CRITERIA_TYPES, Check, ITEM_KINDS, LESSON_TYPES,
    PACK_OR_CATALOG, QUESTION_TYPES, TIERS, WordIndex,
};

impl Check<'_> {
    fn unique(&mut self, item: &str, key: &str, seen: &mut BTreeSet<String>) {
        if key.trim().is_empty() {
            self.add(item, "slug", "slug is empty");
        } else if !seen.insert(key.to_owned()) {
            self.add(item, "slug", "duplicate slug");
        }
    }
}

/// Append the problems of the remaining kinds.
pub(super) fn check_rest(
    p: &mut Check,
    pack: &Pack,
    words: &WordIndex,
    topics: &BTreeSet<String>,
    exercises: &BTreeSet<String>,
) {
    let mut seen = BTreeSet::new();
    for s in &pack.scenarios {
        let item = format!("scenario {}", s.slug);
        p.unique(&item, &s.slug, &mut seen);
        p.not_blank(&item, "name", &s.name);
        p.level(&item, s.level.as_deref());
        if let Some(cat) = &s.category {
            p.one_of(&item, "category", cat, &["daily", "work"]);
        }
        p.not_blank(&item, "system_prompt", &s.system_prompt);
        for w in &s.suggested_words {
            if !words.resolves(w) {
                p.add(
                    &item,
                    "suggested_words",
                    format!("suggested word {w:?} is not {PACK_OR_CATALOG}"),
                );
            }
        }
    }
    let mut courses = BTreeSet::new();
    let mut lessons = BTreeSet::new();
    for c in &pack.courses {
        let item = format!("course {}", c.slug);
        p.unique(&item, &c.slug, &mut courses);
        p.not_blank(&item, "title", &c.title);
        p.level(&item, c.level.as_deref());
        for l in &c.lessons {
            let item = format!("lesson {}", l.slug);
            p.unique(&item, &l.slug, &mut lessons);
            if let Some(Some(other)) = p.known.lessons.get(&l.slug)
                && other != &c.slug
            {
                p.add(
                    &item,
                    "lesson.slug",
                    format!("lesson slug is already used by course {other:?}"),
                );
            }
            p.not_blank(&item, "lesson.title", &l.title);
            p.one_of(&item, "lesson.type", &l.lesson_type, LESSON_TYPES);
            p.level(&item, Some(&l.level));
            if l.minutes.is_some_and(|m| m < 1) {
                p.add(&item, "lesson.minutes", "minutes must be at least 1");
            }
            for (n, it) in l.items.iter().enumerate() {
                let here = format!("{item} item {}", n + 1);
                p.one_of(&here, "lesson.items.kind", &it.kind, ITEM_KINDS);
                let r = it.reference.as_deref().unwrap_or_default();
                let (ok, what) = match it.kind.as_str() {
                    "word" => (words.resolves(r), "word"),
                    "exercise" => (exercises.contains(r), "exercise"),
                    "grammar" => (topics.contains(r), "topic"),
                    _ => (
                        it.content.as_deref().is_some_and(|t| !t.trim().is_empty()),
                        "",
                    ),
                };
                if !ok && what.is_empty() {
                    p.add(&here, "lesson.items.content", "content is empty");
                } else if !ok {
                    p.add(
                        &here,
                        "lesson.items.ref",
                        format!("{what} {r:?} is not {PACK_OR_CATALOG}"),
                    );
                }
            }
        }
    }
    let mut seen = BTreeSet::new();
    for a in &pack.assessments {
        let item = format!("assessment {}", a.slug);
        p.unique(&item, &a.slug, &mut seen);
        p.one_of(&item, "type", &a.assessment_type, ASSESSMENT_TYPES);
        p.not_blank(&item, "title", &a.title);
        p.level(&item, Some(&a.level));
        if a.questions.is_empty() {
            p.add(&item, "question", "has no questions");
        }
        for (n, q) in a.questions.iter().enumerate() {
            let here = format!("{item} question {}", n + 1);
            p.one_of(&here, "question.type", &q.question_type, QUESTION_TYPES);
            p.level(&here, q.level.as_deref());
            if q.question.trim().is_empty() || q.answer.trim().is_empty() {
                p.add(
                    &here,
                    "question.question",
                    "question and answer must not be empty",
                );
            }
            if q.question_type == "multiple_choice" {
                if q.options.len() < 2 {
                    p.add(
                        &here,
                        "question.options",
                        "multiple_choice needs at least two options",
                    );
                } else if !q.options.contains(&q.answer) {
                    p.add(&here, "question.answer", "answer is not among the options");
                }
            }
            if q.points < 1 {
                p.add(&here, "question.points", "points must be at least 1");
            }
            if let Some(t) = &q.topic
                && !topics.contains(t)
            {
                p.add(
                    &here,
                    "question.topic",
                    format!("topic {t:?} is not a topic {PACK_OR_CATALOG}"),
                );
            }
        }
    }
    let mut seen = BTreeSet::new();
    for a in &pack.achievements {
        let item = format!("achievement {}", a.slug);
        p.unique(&item, &a.slug, &mut seen);
        p.one_of(&item, "tier", &a.tier, TIERS);
        p.one_of(&item, "category", &a.category, ACHIEVEMENT_CATEGORIES);
        p.one_of(
            &item,
            "criteria.type",
            &a.criteria.criteria_type,
            CRITERIA_TYPES,
        );
        p.object(&item, "criteria.metadata", &a.criteria.metadata);
        if a.points < 0 || a.criteria.value < 1 {
            p.add(
                &item,
                "points",
                "points must be >= 0 and the criteria value >= 1",
            );
        }
    }
}
