//! Pack checks for scenarios, courses, assessments and achievements.

use std::collections::BTreeSet;

use super::model::Pack;
use super::validate::{
    ACHIEVEMENT_CATEGORIES, ASSESSMENT_TYPES, CRITERIA_TYPES, ITEM_KINDS, LESSON_TYPES, Problem,
    QUESTION_TYPES, TIERS,
};
use crate::CefrLevel;

struct P<'a>(&'a mut Vec<Problem>);

impl P<'_> {
    fn add(&mut self, item: &str, message: impl Into<String>) {
        self.0.push(Problem {
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
    fn unique(&mut self, item: &str, key: &str, seen: &mut BTreeSet<String>) {
        if key.trim().is_empty() {
            self.add(item, "slug is empty");
        } else if !seen.insert(key.to_owned()) {
            self.add(item, "duplicate slug");
        }
    }
}

/// Append the problems of the remaining kinds.
pub(crate) fn check_rest(
    out: &mut Vec<Problem>,
    pack: &Pack,
    word_exists: &dyn Fn(&str) -> bool,
    topics: &BTreeSet<String>,
    exercises: &BTreeSet<String>,
) {
    let mut p = P(out);
    let mut seen = BTreeSet::new();
    for s in &pack.scenarios {
        let item = format!("scenario {}", s.slug);
        p.unique(&item, &s.slug, &mut seen);
        p.level(&item, s.level.as_deref());
        if let Some(cat) = &s.category {
            p.one_of(&item, "category", cat, &["daily", "work"]);
        }
        if s.system_prompt.trim().is_empty() {
            p.add(&item, "system_prompt is empty");
        }
        for w in &s.suggested_words {
            if !word_exists(w) {
                p.add(&item, format!("suggested word {w:?} is not in the pack"));
            }
        }
    }
    let mut courses = BTreeSet::new();
    let mut lessons = BTreeSet::new();
    for c in &pack.courses {
        let item = format!("course {}", c.slug);
        p.unique(&item, &c.slug, &mut courses);
        p.level(&item, c.level.as_deref());
        for l in &c.lessons {
            let item = format!("lesson {}", l.slug);
            p.unique(&item, &l.slug, &mut lessons);
            p.one_of(&item, "type", &l.lesson_type, LESSON_TYPES);
            p.level(&item, Some(&l.level));
            if l.minutes.is_some_and(|m| m < 1) {
                p.add(&item, "minutes must be at least 1");
            }
            for (n, it) in l.items.iter().enumerate() {
                let here = format!("{item} item {}", n + 1);
                p.one_of(&here, "kind", &it.kind, ITEM_KINDS);
                let r = it.reference.as_deref().unwrap_or_default();
                let ok = match it.kind.as_str() {
                    "word" => word_exists(r),
                    "exercise" => exercises.contains(r),
                    "grammar" => topics.contains(r),
                    _ => it.content.as_deref().is_some_and(|t| !t.trim().is_empty()),
                };
                if !ok {
                    p.add(&here, "reference does not resolve or content is empty");
                }
            }
        }
    }
    let mut seen = BTreeSet::new();
    for a in &pack.assessments {
        let item = format!("assessment {}", a.slug);
        p.unique(&item, &a.slug, &mut seen);
        p.one_of(&item, "type", &a.assessment_type, ASSESSMENT_TYPES);
        p.level(&item, Some(&a.level));
        if a.questions.is_empty() {
            p.add(&item, "has no questions");
        }
        for (n, q) in a.questions.iter().enumerate() {
            let here = format!("{item} question {}", n + 1);
            p.one_of(&here, "type", &q.question_type, QUESTION_TYPES);
            p.level(&here, q.level.as_deref());
            if q.question.trim().is_empty() || q.answer.trim().is_empty() {
                p.add(&here, "question and answer must not be empty");
            }
            if q.question_type == "multiple_choice" && !q.options.contains(&q.answer) {
                p.add(&here, "answer is not among the options");
            }
            if q.points < 1 {
                p.add(&here, "points must be at least 1");
            }
            if let Some(t) = &q.topic
                && !topics.contains(t)
            {
                p.add(&here, format!("topic {t:?} is not a topic of the pack"));
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
            "criteria type",
            &a.criteria.criteria_type,
            CRITERIA_TYPES,
        );
        if a.points < 0 || a.criteria.value < 1 {
            p.add(&item, "points must be >= 0 and the criteria value >= 1");
        }
    }
}
