//! Storing a validated content pack: idempotent (items are matched by their
//! stable keys and updated in place) and all-or-nothing (one transaction).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use glossa_core::pack::Pack;
use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, TransactionTrait, Value};
use uuid::Uuid;

use super::sql::{Col, json, opt, s, upsert};
use crate::error::{StoreError, StoreResult};

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportReport {
    /// Items created.
    pub created: u64,
    /// Items updated in place.
    pub updated: u64,
}

/// Progress reporting: called with (items done, items in all).
pub type Progress<'a> = &'a (dyn Fn(u64, u64) + Sync);

/// Ids of what has been stored so far, for resolving references.
#[derive(Default)]
pub(crate) struct Ids {
    pub words_by_key: BTreeMap<String, Uuid>,
    pub words_by_lemma: BTreeMap<String, Uuid>,
    pub topics: BTreeMap<String, Uuid>,
    pub exercises: BTreeMap<String, Uuid>,
}

impl Ids {
    pub fn word(&self, reference: &str) -> Option<Uuid> {
        if reference.contains('|') {
            self.words_by_key.get(reference).copied()
        } else {
            self.words_by_lemma.get(reference).copied()
        }
    }
}

pub(crate) struct Ctx<'a> {
    pub language: String,
    pub now: DateTime<Utc>,
    pub report: ImportReport,
    pub done: u64,
    pub total: u64,
    pub progress: Progress<'a>,
}

impl Ctx<'_> {
    pub fn count(&mut self, created: bool) {
        if created {
            self.report.created += 1;
        } else {
            self.report.updated += 1;
        }
        self.done += 1;
        if self.done.is_multiple_of(25) || self.done == self.total {
            (self.progress)(self.done, self.total);
        }
    }
    pub fn lang(&self) -> Col {
        ("language", s(&self.language))
    }
}

/// Items in a pack (what the progress counts).
pub fn item_count(pack: &Pack) -> u64 {
    let n = pack.words.len()
        + pack.topics.len()
        + pack.exercises.len()
        + pack.scenarios.len()
        + pack
            .courses
            .iter()
            .map(|c| 1 + c.lessons.len())
            .sum::<usize>()
        + pack.assessments.len()
        + pack.achievements.len();
    n as u64
}

/// Store a pack in one transaction. Its references may point to content
/// already stored for its language; it is validated against that content
/// (`glossa_core::pack::validate_with_known`) inside the transaction.
pub async fn import_pack(
    db: &DatabaseConnection,
    pack: &Pack,
    now: DateTime<Utc>,
    progress: Progress<'_>,
) -> StoreResult<ImportReport> {
    let txn = db.begin().await?;
    let report = import_in(&txn, pack, now, progress).await?;
    txn.commit().await?;
    Ok(report)
}

/// Validate and store a pack inside the caller's transaction.
pub(crate) async fn import_in(
    txn: &DatabaseTransaction,
    pack: &Pack,
    now: DateTime<Utc>,
    progress: Progress<'_>,
) -> StoreResult<ImportReport> {
    let (known, mut ids) = super::known::existing(txn, pack).await?;
    let problems = glossa_core::pack::validate_with_known(pack, &known);
    if let Some(p) = problems.first() {
        return Err(StoreError::Constraint(format!("invalid pack: {p}")));
    }
    let mut ctx = Ctx {
        language: pack.manifest.language.clone(),
        now,
        report: ImportReport::default(),
        done: 0,
        total: item_count(pack),
        progress,
    };
    super::import_words::words(txn, pack, &mut ctx, &mut ids).await?;
    topics(txn, pack, &mut ctx, &mut ids).await?;
    exercises(txn, pack, &mut ctx, &mut ids).await?;
    scenarios(txn, pack, &mut ctx).await?;
    super::import_courses::courses(txn, pack, &mut ctx, &ids).await?;
    super::import_courses::assessments(txn, pack, &mut ctx, &ids).await?;
    achievements(txn, pack, &mut ctx).await?;
    Ok(ctx.report)
}

async fn topics(
    db: &impl ConnectionTrait,
    pack: &Pack,
    ctx: &mut Ctx<'_>,
    ids: &mut Ids,
) -> StoreResult<()> {
    for t in &pack.topics {
        let cols = vec![
            ("name", s(&t.name)),
            ("name_translations", json(&t.name_translations)),
            ("category", opt(&t.category)),
            ("cefr_level", opt(&t.level)),
            ("order_index", Value::Int(Some(t.order))),
            ("description", opt(&t.description)),
            ("explanation", opt(&t.explanation)),
            (
                "explanation_translations",
                json(&t.explanation_translations),
            ),
            ("status", s("published")),
        ];
        let (id, created) = upsert(
            db,
            "grammar_topics",
            vec![ctx.lang(), ("slug", s(&t.slug))],
            cols,
            ctx.now,
        )
        .await?;
        ids.topics.insert(t.slug.clone(), id);
        ctx.count(created);
    }
    // Parents once every topic has an id.
    for t in &pack.topics {
        let parent = t.parent.as_ref().and_then(|p| ids.topics.get(p).copied());
        let cols = vec![("parent_id", Value::Uuid(parent))];
        upsert(
            db,
            "grammar_topics",
            vec![ctx.lang(), ("slug", s(&t.slug))],
            cols,
            ctx.now,
        )
        .await?;
    }
    Ok(())
}

async fn exercises(
    db: &impl ConnectionTrait,
    pack: &Pack,
    ctx: &mut Ctx<'_>,
    ids: &mut Ids,
) -> StoreResult<()> {
    for e in &pack.exercises {
        let topic = e.topic.as_ref().and_then(|t| ids.topics.get(t).copied());
        let options = if e.options.is_empty() {
            Value::Json(None)
        } else {
            json(&e.options)
        };
        let data = if e.data.is_null() {
            serde_json::json!({})
        } else {
            e.data.clone()
        };
        let cols = vec![
            ("grammar_topic_id", Value::Uuid(topic)),
            ("exercise_type", s(&e.exercise_type)),
            ("cefr_level", opt(&e.level)),
            ("question_text", s(&e.question)),
            ("options", options),
            ("question_data", json(&data)),
            ("correct_answer", s(&e.answer)),
            ("alternative_answers", json(&e.alternatives)),
            ("hints", json(&e.hints)),
            ("explanation", opt(&e.explanation)),
            (
                "explanation_translations",
                json(&e.explanation_translations),
            ),
            ("category", opt(&e.category)),
            ("source", s("manual")),
            ("status", s("published")),
        ];
        let (id, created) = upsert(
            db,
            "exercises",
            vec![ctx.lang(), ("slug", s(&e.slug))],
            cols,
            ctx.now,
        )
        .await?;
        ids.exercises.insert(e.slug.clone(), id);
        ctx.count(created);
    }
    Ok(())
}

async fn scenarios(db: &impl ConnectionTrait, pack: &Pack, ctx: &mut Ctx<'_>) -> StoreResult<()> {
    for sc in &pack.scenarios {
        let cols = vec![
            ("name", s(&sc.name)),
            ("category", opt(&sc.category)),
            ("cefr_level", opt(&sc.level)),
            ("description", opt(&sc.description)),
            ("system_prompt", s(&sc.system_prompt)),
            ("suggested_words", json(&sc.suggested_words)),
            ("status", s("published")),
        ];
        let (_, created) = upsert(
            db,
            "scenarios",
            vec![ctx.lang(), ("slug", s(&sc.slug))],
            cols,
            ctx.now,
        )
        .await?;
        ctx.count(created);
    }
    Ok(())
}

async fn achievements(
    db: &impl ConnectionTrait,
    pack: &Pack,
    ctx: &mut Ctx<'_>,
) -> StoreResult<()> {
    for a in &pack.achievements {
        let value = i32::try_from(a.criteria.value).map_err(|_| {
            StoreError::Constraint(format!("achievement {}: criteria value too large", a.slug))
        })?;
        let metadata = if a.criteria.metadata.is_null() {
            serde_json::json!({})
        } else {
            a.criteria.metadata.clone()
        };
        let cols = vec![
            ("name", s(&a.name)),
            ("description", s(&a.description)),
            ("category", s(&a.category)),
            ("badge_icon", opt(&a.icon)),
            ("badge_color", opt(&a.color)),
            ("criteria_type", s(&a.criteria.criteria_type)),
            ("criteria_value", Value::Int(Some(value))),
            ("criteria_metadata", json(&metadata)),
            ("tier", s(&a.tier)),
            ("points", Value::Int(Some(a.points))),
            ("is_active", Value::Bool(Some(true))),
        ];
        let (_, created) = upsert(
            db,
            "achievements",
            vec![("slug", s(&a.slug))],
            cols,
            ctx.now,
        )
        .await?;
        ctx.count(created);
    }
    Ok(())
}
