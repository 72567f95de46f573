//! Lesson progress: where the learner is in a lesson (item position),
//! how much is done, and whether it is finished, so that a lesson resumes
//! where it was left on any device or server process.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, Statement, Value};
use serde::Serialize;
use uuid::Uuid;

use crate::error::{StoreError, StoreResult};
use crate::repo::placeholders;

/// A lesson's size and course.
#[derive(Debug, Clone)]
pub struct LessonInfo {
    /// Lesson id.
    pub id: Uuid,
    /// Its course.
    pub course_id: Option<Uuid>,
    /// Language.
    pub language: String,
    /// Items in the lesson.
    pub items: i64,
}

/// The learner's progress in a lesson.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LessonProgress {
    /// The lesson.
    pub lesson_id: Uuid,
    /// not_started, in_progress or completed.
    pub status: String,
    /// 0-100.
    pub percent_complete: f64,
    /// Index of the item to resume at.
    pub last_position: Option<i32>,
    /// The item to resume at.
    pub current_item_id: Option<Uuid>,
    /// First opened.
    pub started_at: Option<DateTime<Utc>>,
    /// Finished.
    pub completed_at: Option<DateTime<Utc>>,
}

fn q(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Statement {
    let backend = db.get_database_backend();
    Statement::from_sql_and_values(backend, placeholders(backend, sql), values)
}

/// A published lesson with its item count.
pub async fn lesson(db: &impl ConnectionTrait, id: Uuid) -> StoreResult<LessonInfo> {
    let sql = "SELECT l.id, l.course_id, l.language, (SELECT COUNT(*) FROM lesson_items i WHERE i.lesson_id = l.id) AS items \
               FROM lessons l WHERE l.id = $1 AND l.status = 'published'";
    let r = db
        .query_one_raw(q(db, sql, vec![id.into()]))
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(LessonInfo {
        id: r.try_get("", "id")?,
        course_id: r.try_get("", "course_id")?,
        language: r.try_get("", "language")?,
        items: r.try_get("", "items")?,
    })
}

/// The learner's progress (not started if never opened).
pub async fn get(
    db: &impl ConnectionTrait,
    user: Uuid,
    lesson: Uuid,
) -> StoreResult<LessonProgress> {
    let sql = "SELECT lesson_id, status, percent_complete, last_position, current_item_id, started_at, completed_at \
               FROM lesson_progress WHERE user_id = $1 AND lesson_id = $2";
    match db
        .query_one_raw(q(db, sql, vec![user.into(), lesson.into()]))
        .await?
    {
        Some(r) => Ok(LessonProgress {
            lesson_id: r.try_get("", "lesson_id")?,
            status: r.try_get("", "status")?,
            percent_complete: r.try_get("", "percent_complete")?,
            last_position: r.try_get("", "last_position")?,
            current_item_id: r.try_get("", "current_item_id")?,
            started_at: r.try_get("", "started_at")?,
            completed_at: r.try_get("", "completed_at")?,
        }),
        None => Ok(LessonProgress {
            lesson_id: lesson,
            status: "not_started".into(),
            percent_complete: 0.0,
            last_position: None,
            current_item_id: None,
            started_at: None,
            completed_at: None,
        }),
    }
}

/// Records that the learner reached item `position` (0-based) of the
/// lesson, or finished it. Progress never goes backwards: reopening an
/// earlier item moves the resume point but keeps the percentage and the
/// completion. Returns the progress and whether this call completed it.
pub async fn advance(
    db: &impl ConnectionTrait,
    user: Uuid,
    info: &LessonInfo,
    position: i32,
    completed: bool,
    now: DateTime<Utc>,
) -> StoreResult<(LessonProgress, bool)> {
    let before = get(db, user, info.id).await?;
    let items = info.items.max(1) as f64;
    let reached = if completed {
        100.0
    } else {
        (f64::from(position) / items * 100.0).clamp(0.0, 99.0)
    };
    let percent = before.percent_complete.max(reached);
    let newly_completed = completed && before.status != "completed";
    let status = if before.status == "completed" || completed {
        "completed"
    } else {
        "in_progress"
    };
    let item_sql = "SELECT id FROM lesson_items WHERE lesson_id = $1 ORDER BY order_index, id LIMIT 1 OFFSET $2";
    let item: Option<Uuid> = match db
        .query_one_raw(q(
            db,
            item_sql,
            vec![info.id.into(), i64::from(position).into()],
        ))
        .await?
    {
        Some(r) => Some(r.try_get("", "id")?),
        None => None,
    };
    let sql = "INSERT INTO lesson_progress (id, user_id, lesson_id, course_id, current_item_id, status, percent_complete, \
               last_position, started_at, completed_at, last_accessed_at, created_at, updated_at) \
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $11) \
               ON CONFLICT (user_id, lesson_id) DO UPDATE SET current_item_id = excluded.current_item_id, \
               status = excluded.status, percent_complete = excluded.percent_complete, \
               last_position = excluded.last_position, \
               completed_at = COALESCE(lesson_progress.completed_at, excluded.completed_at), \
               last_accessed_at = excluded.last_accessed_at, updated_at = excluded.updated_at";
    let completed_at: Option<DateTime<Utc>> = if status == "completed" {
        Some(before.completed_at.unwrap_or(now))
    } else {
        None
    };
    db.execute_raw(q(
        db,
        sql,
        vec![
            Uuid::now_v7().into(),
            user.into(),
            info.id.into(),
            info.course_id.into(),
            item.into(),
            status.into(),
            percent.into(),
            position.into(),
            before.started_at.unwrap_or(now).into(),
            completed_at.into(),
            now.into(),
        ],
    ))
    .await?;
    Ok((get(db, user, info.id).await?, newly_completed))
}
