//! Export of topics, exercises, scenarios, courses, assessments and
//! achievements.

use std::collections::BTreeMap;

use glossa_core::pack::{
    Achievement, Assessment, Course, Criteria, Exercise, Lesson, LessonItem, Question, Scenario,
    Topic,
};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use super::export::{eq, get, order, select, strings, translations};
use super::filter::Filter;
use super::sql::rows;
use crate::error::StoreResult;

pub async fn topics(
    db: &impl ConnectionTrait,
    lang: &str,
    filter: &Filter,
) -> StoreResult<Vec<(Uuid, Topic)>> {
    let mut q = select(
        "grammar_topics",
        &[
            "id",
            "slug",
            "parent_id",
            "name",
            "name_translations",
            "category",
            "cefr_level",
            "order_index",
            "description",
            "explanation",
            "explanation_translations",
        ],
    );
    eq(&mut q, "language", lang);
    filter.apply(&mut q, "grammar_topics", lang);
    order(&mut q, "slug");
    let list = rows(db, &q).await?;
    // Parents by slug, also those the filter leaves out.
    let mut all = select("grammar_topics", &["id", "slug"]);
    eq(&mut all, "language", lang);
    let mut slugs = BTreeMap::new();
    for r in &rows(db, &all).await? {
        slugs.insert(get::<Uuid>(r, "id")?, get::<String>(r, "slug")?);
    }
    list.iter()
        .map(|r| {
            let parent: Option<Uuid> = get(r, "parent_id")?;
            Ok((
                get(r, "id")?,
                Topic {
                    slug: get(r, "slug")?,
                    parent: parent.and_then(|p| slugs.get(&p).cloned()),
                    name: get(r, "name")?,
                    name_translations: translations(r, "name_translations")?,
                    category: get(r, "category")?,
                    level: get(r, "cefr_level")?,
                    order: get(r, "order_index")?,
                    description: get(r, "description")?,
                    explanation: get(r, "explanation")?,
                    explanation_translations: translations(r, "explanation_translations")?,
                },
            ))
        })
        .collect()
}

pub async fn exercises(
    db: &impl ConnectionTrait,
    lang: &str,
    topics: &BTreeMap<Uuid, String>,
    filter: &Filter,
) -> StoreResult<Vec<Exercise>> {
    let mut q = select(
        "exercises",
        &[
            "slug",
            "grammar_topic_id",
            "exercise_type",
            "cefr_level",
            "category",
            "question_text",
            "correct_answer",
            "alternative_answers",
            "options",
            "hints",
            "explanation",
            "explanation_translations",
            "question_data",
        ],
    );
    eq(&mut q, "language", lang);
    filter.apply(&mut q, "exercises", lang);
    order(&mut q, "slug");
    rows(db, &q)
        .await?
        .iter()
        .map(|r| {
            let topic: Option<Uuid> = get(r, "grammar_topic_id")?;
            let data: serde_json::Value = get(r, "question_data")?;
            Ok(Exercise {
                slug: get(r, "slug")?,
                topic: topic.and_then(|t| topics.get(&t).cloned()),
                exercise_type: get(r, "exercise_type")?,
                level: get(r, "cefr_level")?,
                category: get(r, "category")?,
                question: get(r, "question_text")?,
                answer: get(r, "correct_answer")?,
                alternatives: strings(r, "alternative_answers")?,
                options: strings(r, "options")?,
                hints: strings(r, "hints")?,
                explanation: get(r, "explanation")?,
                explanation_translations: translations(r, "explanation_translations")?,
                data: if data.as_object().is_some_and(|o| o.is_empty()) {
                    serde_json::Value::Null
                } else {
                    data
                },
            })
        })
        .collect()
}

pub async fn scenarios(
    db: &impl ConnectionTrait,
    lang: &str,
    filter: &Filter,
) -> StoreResult<Vec<Scenario>> {
    let mut q = select(
        "scenarios",
        &[
            "slug",
            "name",
            "category",
            "cefr_level",
            "description",
            "system_prompt",
            "suggested_words",
        ],
    );
    eq(&mut q, "language", lang);
    filter.apply(&mut q, "scenarios", lang);
    order(&mut q, "slug");
    rows(db, &q)
        .await?
        .iter()
        .map(|r| {
            Ok(Scenario {
                slug: get(r, "slug")?,
                name: get(r, "name")?,
                category: get(r, "category")?,
                level: get(r, "cefr_level")?,
                description: get(r, "description")?,
                system_prompt: get(r, "system_prompt")?,
                suggested_words: strings(r, "suggested_words")?,
            })
        })
        .collect()
}

pub async fn courses(
    db: &impl ConnectionTrait,
    lang: &str,
    filter: &Filter,
) -> StoreResult<Vec<Course>> {
    let mut q = select(
        "courses",
        &["id", "slug", "title", "summary", "cefr_level", "tags"],
    );
    eq(&mut q, "language", lang);
    filter.apply(&mut q, "courses", lang);
    order(&mut q, "slug");
    let mut out = Vec::new();
    for c in rows(db, &q).await? {
        let course_id: Uuid = get(&c, "id")?;
        let mut q = select(
            "lessons",
            &[
                "id",
                "slug",
                "title",
                "lesson_type",
                "cefr_level",
                "estimated_minutes",
                "summary",
            ],
        );
        eq(&mut q, "course_id", course_id);
        if filter.published {
            eq(&mut q, "status", "published");
        }
        order(&mut q, "order_index");
        let mut lessons = Vec::new();
        for l in rows(db, &q).await? {
            let lesson_id: Uuid = get(&l, "id")?;
            let mut q = select("lesson_items", &["content", "metadata"]);
            eq(&mut q, "lesson_id", lesson_id);
            order(&mut q, "order_index");
            let mut items = Vec::new();
            for i in rows(db, &q).await? {
                let meta: serde_json::Value = get(&i, "metadata")?;
                let has_content = meta["has_content"].as_bool().unwrap_or(true);
                items.push(LessonItem {
                    kind: meta["kind"].as_str().unwrap_or("text").to_owned(),
                    reference: meta["ref"].as_str().map(str::to_owned),
                    content: if has_content {
                        Some(get(&i, "content")?)
                    } else {
                        None
                    },
                    translations: serde_json::from_value(meta["translations"].clone())
                        .unwrap_or_default(),
                });
            }
            lessons.push(Lesson {
                slug: get(&l, "slug")?,
                title: get(&l, "title")?,
                lesson_type: get(&l, "lesson_type")?,
                level: get(&l, "cefr_level")?,
                minutes: get(&l, "estimated_minutes")?,
                summary: get(&l, "summary")?,
                items,
            });
        }
        out.push(Course {
            slug: get(&c, "slug")?,
            title: get(&c, "title")?,
            summary: get(&c, "summary")?,
            level: get(&c, "cefr_level")?,
            tags: strings(&c, "tags")?,
            lessons,
        });
    }
    Ok(out)
}

pub async fn assessments(
    db: &impl ConnectionTrait,
    lang: &str,
    topics: &BTreeMap<Uuid, String>,
    filter: &Filter,
) -> StoreResult<Vec<Assessment>> {
    let mut q = select(
        "assessments",
        &[
            "id",
            "slug",
            "assessment_type",
            "title",
            "cefr_level",
            "duration_minutes",
            "description",
        ],
    );
    eq(&mut q, "language", lang);
    filter.apply(&mut q, "assessments", lang);
    order(&mut q, "slug");
    let mut out = Vec::new();
    for a in rows(db, &q).await? {
        let id: Uuid = get(&a, "id")?;
        let mut q = select(
            "assessment_questions",
            &[
                "question_type",
                "cefr_level",
                "grammar_topic_id",
                "question_text",
                "options",
                "correct_answer",
                "points",
            ],
        );
        eq(&mut q, "assessment_id", id);
        order(&mut q, "order_index");
        let mut questions = Vec::new();
        for r in rows(db, &q).await? {
            let topic: Option<Uuid> = get(&r, "grammar_topic_id")?;
            questions.push(Question {
                question_type: get(&r, "question_type")?,
                level: get(&r, "cefr_level")?,
                topic: topic.and_then(|t| topics.get(&t).cloned()),
                question: get(&r, "question_text")?,
                options: strings(&r, "options")?,
                answer: get(&r, "correct_answer")?,
                points: get(&r, "points")?,
            });
        }
        out.push(Assessment {
            slug: get(&a, "slug")?,
            assessment_type: get(&a, "assessment_type")?,
            title: get(&a, "title")?,
            level: get(&a, "cefr_level")?,
            minutes: get(&a, "duration_minutes")?,
            description: get(&a, "description")?,
            questions,
        });
    }
    Ok(out)
}

pub async fn achievements(
    db: &impl ConnectionTrait,
    filter: &Filter,
) -> StoreResult<Vec<Achievement>> {
    let mut q = select(
        "achievements",
        &[
            "slug",
            "name",
            "description",
            "category",
            "tier",
            "points",
            "badge_icon",
            "badge_color",
            "criteria_type",
            "criteria_value",
            "criteria_metadata",
        ],
    );
    if filter.published {
        eq(&mut q, "is_active", true);
    }
    order(&mut q, "slug");
    rows(db, &q)
        .await?
        .iter()
        .map(|r| {
            let metadata: serde_json::Value = get(r, "criteria_metadata")?;
            Ok(Achievement {
                slug: get(r, "slug")?,
                name: get(r, "name")?,
                description: get::<Option<String>>(r, "description")?.unwrap_or_default(),
                category: get::<Option<String>>(r, "category")?.unwrap_or_default(),
                tier: get(r, "tier")?,
                points: get(r, "points")?,
                icon: get(r, "badge_icon")?,
                color: get(r, "badge_color")?,
                criteria: Criteria {
                    criteria_type: get(r, "criteria_type")?,
                    value: i64::from(get::<i32>(r, "criteria_value")?),
                    metadata: if metadata.as_object().is_some_and(|o| o.is_empty()) {
                        serde_json::Value::Null
                    } else {
                        metadata
                    },
                },
            })
        })
        .collect()
}
