//! Courses with lessons and items; assessments with questions.

use glossa_core::pack::Pack;
use sea_orm::{ConnectionTrait, Value};
use uuid::Uuid;

use super::import::{Ctx, Ids};
use super::sql::{delete_where, insert, json, opt, s, upsert};
use crate::error::StoreResult;

fn int(n: usize) -> Value {
    Value::Int(Some(i32::try_from(n).unwrap_or(i32::MAX)))
}

pub(crate) async fn courses(
    db: &impl ConnectionTrait,
    pack: &Pack,
    ctx: &mut Ctx<'_>,
    ids: &Ids,
) -> StoreResult<()> {
    for c in &pack.courses {
        let cols = vec![
            ("title", s(&c.title)),
            ("summary", opt(&c.summary)),
            ("tags", json(&c.tags)),
            ("cefr_level", opt(&c.level)),
            ("status", s("published")),
            ("published_at", Value::ChronoDateTimeUtc(Some(ctx.now))),
        ];
        let (course_id, created) = upsert(
            db,
            "courses",
            vec![ctx.lang(), ("slug", s(&c.slug))],
            cols,
            ctx.now,
        )
        .await?;
        ctx.count(created);
        for (n, l) in c.lessons.iter().enumerate() {
            let cols = vec![
                ("lesson_type", s(&l.lesson_type)),
                ("title", s(&l.title)),
                ("summary", opt(&l.summary)),
                ("cefr_level", s(&l.level)),
                ("estimated_minutes", Value::Int(l.minutes)),
                ("course_id", Value::Uuid(Some(course_id))),
                ("order_index", int(n)),
                ("status", s("published")),
                ("published_at", Value::ChronoDateTimeUtc(Some(ctx.now))),
            ];
            let (lesson_id, created) = upsert(
                db,
                "lessons",
                vec![ctx.lang(), ("slug", s(&l.slug))],
                cols,
                ctx.now,
            )
            .await?;
            delete_where(db, "lesson_items", "lesson_id", lesson_id).await?;
            for (i, item) in l.items.iter().enumerate() {
                let reference = item.reference.clone().unwrap_or_default();
                let (item_type, word, exercise) = match item.kind.as_str() {
                    "word" => ("word", ids.word(&reference), None),
                    "exercise" => ("exercise", None, ids.exercises.get(&reference).copied()),
                    "grammar" => ("grammar_rule", None, None),
                    other => (other, None, None),
                };
                // The content column is never empty: a reference stands in
                // for the text of referencing items.
                let content = item.content.clone().unwrap_or_else(|| reference.clone());
                let metadata = serde_json::json!({
                    "kind": item.kind,
                    "ref": item.reference,
                    "has_content": item.content.is_some(),
                    "translations": item.translations,
                });
                let cols = vec![
                    ("lesson_id", Value::Uuid(Some(lesson_id))),
                    ("item_type", s(item_type)),
                    ("content", s(&content)),
                    ("metadata", json(&metadata)),
                    ("order_index", int(i)),
                    ("word_id", Value::Uuid(word)),
                    ("exercise_id", Value::Uuid(exercise)),
                ];
                insert(db, "lesson_items", Uuid::now_v7(), cols, ctx.now).await?;
            }
            ctx.count(created);
        }
    }
    Ok(())
}

pub(crate) async fn assessments(
    db: &impl ConnectionTrait,
    pack: &Pack,
    ctx: &mut Ctx<'_>,
    ids: &Ids,
) -> StoreResult<()> {
    for a in &pack.assessments {
        let cols = vec![
            ("assessment_type", s(&a.assessment_type)),
            ("title", s(&a.title)),
            ("description", opt(&a.description)),
            ("cefr_level", s(&a.level)),
            ("duration_minutes", Value::Int(a.minutes)),
            ("status", s("published")),
        ];
        let (id, created) = upsert(
            db,
            "assessments",
            vec![ctx.lang(), ("slug", s(&a.slug))],
            cols,
            ctx.now,
        )
        .await?;
        delete_where(db, "assessment_questions", "assessment_id", id).await?;
        for (n, q) in a.questions.iter().enumerate() {
            let options = if q.options.is_empty() {
                Value::Json(None)
            } else {
                json(&q.options)
            };
            let topic = q.topic.as_ref().and_then(|t| ids.topics.get(t).copied());
            let cols = vec![
                ("assessment_id", Value::Uuid(Some(id))),
                ("question_type", s(&q.question_type)),
                ("question_text", s(&q.question)),
                ("correct_answer", s(&q.answer)),
                ("options", options),
                ("points", Value::Int(Some(q.points))),
                ("order_index", int(n)),
                ("grammar_topic_id", Value::Uuid(topic)),
                ("cefr_level", opt(&q.level)),
            ];
            insert(db, "assessment_questions", Uuid::now_v7(), cols, ctx.now).await?;
        }
        ctx.count(created);
    }
    Ok(())
}
