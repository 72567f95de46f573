//! Data for per-learner FSRS optimisation: who has enough reviews and no
//! recent fit, their review history, and storing a fit with its
//! evaluation (only a fit that beats the defaults is put in use).

use chrono::{DateTime, Utc};
use glossa_core::srs::Rating;
use glossa_core::srs::eval::LearnerFit;
use glossa_core::srs::revlog::LoggedReview;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, TransactionTrait};
use uuid::Uuid;

use crate::error::StoreResult;
use crate::repo::placeholders;

/// Learners with at least `min_reviews` reviews and no fit since `since`.
#[tracing::instrument(skip_all, err)]
pub async fn candidates(
    db: &impl ConnectionTrait,
    min_reviews: i64,
    since: DateTime<Utc>,
) -> StoreResult<Vec<Uuid>> {
    let backend = db.get_database_backend();
    let sql = "SELECT r.user_id FROM reviews r GROUP BY r.user_id HAVING COUNT(*) >= $1 \
               AND NOT EXISTS (SELECT 1 FROM fsrs_parameters p WHERE p.user_id = r.user_id AND p.fitted_at >= $2)";
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            placeholders(backend, sql),
            [min_reviews.into(), since.into()],
        ))
        .await?;
    rows.iter().map(|r| Ok(r.try_get("", "user_id")?)).collect()
}

/// A learner's reviews of FSRS cards, for fitting.
#[tracing::instrument(skip_all, err)]
pub async fn history(db: &impl ConnectionTrait, user_id: Uuid) -> StoreResult<Vec<LoggedReview>> {
    let backend = db.get_database_backend();
    let sql = "SELECT r.card_id, r.rating, r.reviewed_at FROM reviews r JOIN cards c ON c.id = r.card_id \
               WHERE r.user_id = $1 AND c.algorithm = 'fsrs' ORDER BY r.reviewed_at";
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            placeholders(backend, sql),
            [user_id.into()],
        ))
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let card: Uuid = r.try_get("", "card_id")?;
        let rating: i32 = r.try_get("", "rating")?;
        let (hi, lo) = card.as_u64_pair();
        if let Some(rating) = Rating::from_number(i64::from(rating)) {
            out.push(LoggedReview {
                card: (hi ^ lo) as i64,
                rating,
                at: r.try_get("", "reviewed_at")?,
            });
        }
    }
    Ok(out)
}

/// Stores a fit; when it beats the defaults it replaces the one in use.
/// Returns whether it is in use.
#[tracing::instrument(skip_all, err)]
pub async fn store_fit(
    db: &DatabaseConnection,
    user_id: Uuid,
    fit: &LearnerFit,
    reviews: usize,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let in_use = fit.beats_defaults();
    let tx = db.begin().await?;
    let backend = tx.get_database_backend();
    if in_use {
        tx.execute_raw(Statement::from_sql_and_values(
            backend,
            placeholders(
                backend,
                "UPDATE fsrs_parameters SET in_use = FALSE WHERE user_id = $1",
            ),
            [user_id.into()],
        ))
        .await?;
    }
    let params = serde_json::to_value(&fit.parameters).unwrap_or_default();
    let sql = "INSERT INTO fsrs_parameters (id, user_id, parameters, fitted_at, review_count, log_loss_before, \
               log_loss_after, rmse_before, rmse_after, in_use) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    tx.execute_raw(Statement::from_sql_and_values(
        backend,
        placeholders(backend, sql),
        [
            Uuid::now_v7().into(),
            user_id.into(),
            params.into(),
            now.into(),
            i32::try_from(reviews).unwrap_or(i32::MAX).into(),
            fit.before.log_loss.into(),
            fit.after.log_loss.into(),
            fit.before.rmse_bins.into(),
            fit.after.rmse_bins.into(),
            in_use.into(),
        ],
    ))
    .await?;
    tx.commit().await?;
    Ok(in_use)
}
