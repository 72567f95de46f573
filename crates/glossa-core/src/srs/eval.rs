//! Evaluating schedulers on a review history: how well each predicts
//! whether a card will be recalled. FSRS-6 with default parameters, FSRS-6
//! fitted on the past (time-series split: each fold is trained on the items
//! before it), a final hold-out of the last sixth, and SM-2, whose
//! prediction is p = 0.9^(elapsed days / SM-2 interval).

use chrono::DateTime;
use fsrs::{ComputeParametersInput, FSRS, FSRSItem, compute_parameters};
use serde::Serialize;

use super::metrics::{Metrics, Prediction, metrics};
use super::revlog::{Item, bin};
use super::{CardState, Memory, SrsError, sm2::Sm2};

/// Number of time-series folds.
pub const FOLDS: usize = 5;

/// Figures from the FSRS crate's own evaluation (recency-weighted).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct CrateFigures {
    /// Log loss.
    pub log_loss: f64,
    /// RMSE(bins).
    pub rmse_bins: f64,
}

/// Everything `glossa eval srs` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Items evaluated.
    pub items: usize,
    /// FSRS-6 default parameters on all items (our unweighted metrics).
    pub fsrs_default: Metrics,
    /// The same, as `FSRS::evaluate` weighs it.
    pub fsrs_default_crate: CrateFigures,
    /// FSRS-6 fitted per fold, on the test folds.
    pub fsrs_fitted_folds: Metrics,
    /// FSRS-6 default parameters on the same test folds.
    pub fsrs_default_folds: Metrics,
    /// SM-2 on the same test folds, replayed as the FSRS benchmark does.
    pub sm2_folds: Metrics,
    /// SM-2 on the same test folds, replayed with Glossa's scheduler.
    pub sm2_glossa_folds: Metrics,
    /// The last sixth held out: default parameters (`FSRS::evaluate`).
    pub holdout_default: CrateFigures,
    /// The last sixth held out: fitted on the first five sixths.
    pub holdout_fitted: CrateFigures,
    /// The parameters fitted on the first five sixths.
    pub holdout_parameters: Vec<f32>,
}

fn err(e: impl std::fmt::Display) -> SrsError {
    SrsError(e.to_string())
}

/// Fits FSRS-6 parameters to items (in time order).
pub fn fit(items: Vec<FSRSItem>) -> Result<Vec<f32>, SrsError> {
    compute_parameters(ComputeParametersInput {
        train_set: items,
        ..ComputeParametersInput::default()
    })
    .map_err(err)
}

/// The crate's (recency-weighted) log loss and RMSE(bins).
pub fn crate_figures(parameters: &[f32], items: Vec<FSRSItem>) -> Result<CrateFigures, SrsError> {
    let e = FSRS::new(parameters)
        .map_err(err)?
        .evaluate(items, |_| true)
        .map_err(err)?;
    Ok(CrateFigures {
        log_loss: f64::from(e.log_loss),
        rmse_bins: f64::from(e.rmse_bins),
    })
}

/// FSRS predictions for items.
pub fn fsrs_predictions(
    parameters: &[f32],
    items: &[FSRSItem],
) -> Result<Vec<Prediction>, SrsError> {
    let model = FSRS::new(parameters).map_err(err)?;
    let decay = if parameters.len() == 21 {
        parameters[20]
    } else {
        fsrs::DEFAULT_PARAMETERS[20]
    };
    items
        .iter()
        .map(|item| {
            let (last, history) = item.reviews.split_last().ok_or_else(|| err("empty item"))?;
            let state = model
                .memory_state(
                    FSRSItem {
                        reviews: history.to_vec(),
                    },
                    None,
                )
                .map_err(err)?;
            let p = fsrs::current_retrievability(state, last.delta_t as f32, decay);
            Ok(Prediction {
                p: f64::from(p),
                recalled: last.rating > 1,
                bin: bin(item),
            })
        })
        .collect()
}

/// The SM-2 interval after a history of ratings (1-4), replaying SM-2 on
/// the reviews made on different days.
pub fn sm2_interval(history: &[fsrs::FSRSReview]) -> u32 {
    let epoch = DateTime::UNIX_EPOCH;
    let mut card = Memory::new_card(epoch);
    for r in history {
        if r.delta_t == 0 && card.state != CardState::New {
            continue;
        }
        let rating = super::Rating::from_number(i64::from(r.rating)).unwrap_or(super::Rating::Good);
        // Each long-term review is a scheduled repetition, not a drill.
        if matches!(card.state, CardState::Learning | CardState::Relearning) {
            card.state = CardState::Review;
        }
        card = Sm2::answer(&card, Sm2::quality(rating), epoch).memory;
    }
    card.interval_days.max(1)
}

/// The SM-2 interval as the open FSRS benchmark replays SM-2 on review
/// logs, so that figures compare with published ones: every review counts
/// (same-day ones too), quality = rating + 1 (Again 2 ... Easy 5), EF is
/// updated after every answer including failures, and the interval is
/// rounded after each step.
pub fn sm2_benchmark_interval(history: &[fsrs::FSRSReview]) -> u32 {
    let (mut interval, mut ef, mut reps) = (0.0f64, super::sm2::INITIAL_EF, 0u32);
    for r in history {
        let q = r.rating.min(4) + 1;
        if q >= 3 {
            interval = match reps {
                0 => 1.0,
                1 => 6.0,
                _ => interval * ef,
            };
            reps += 1;
        } else {
            interval = 1.0;
            reps = 0;
        }
        let d = f64::from(5 - q);
        ef = (ef + (0.1 - d * (0.08 + d * 0.02))).max(super::sm2::MIN_EF);
        interval = (interval + 0.01).round().clamp(1.0, 36_500.0);
    }
    interval.max(1.0) as u32
}

/// Which SM-2 replay to predict with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sm2Replay {
    /// The FSRS benchmark's replay ([`sm2_benchmark_interval`]).
    Benchmark,
    /// Glossa's scheduler, SuperMemo's own rules, on the long-term reviews
    /// ([`sm2_interval`]).
    Glossa,
}

/// SM-2 predictions for items.
pub fn sm2_predictions(items: &[FSRSItem], replay: Sm2Replay) -> Vec<Prediction> {
    items
        .iter()
        .filter_map(|item| {
            let (last, history) = item.reviews.split_last()?;
            let interval = match replay {
                Sm2Replay::Benchmark => sm2_benchmark_interval(history),
                Sm2Replay::Glossa => sm2_interval(history),
            };
            let p = 0.9f64.powf(f64::from(last.delta_t) / f64::from(interval));
            Some(Prediction {
                p,
                recalled: last.rating > 1,
                bin: bin(item),
            })
        })
        .collect()
}

/// Time-series folds: the items are cut into `folds + 1` equal segments
/// (the last takes the remainder); fold i tests on segment i + 1 and trains
/// on everything before it.
pub fn splits(items: &[FSRSItem], folds: usize) -> Vec<(&[FSRSItem], &[FSRSItem])> {
    let segment = items.len() / (folds + 1);
    if segment == 0 {
        return Vec::new();
    }
    (0..folds)
        .map(|i| {
            let start = (i + 1) * segment;
            let end = if i + 1 == folds {
                items.len()
            } else {
                start + segment
            };
            (&items[..start], &items[start..end])
        })
        .collect()
}

/// Runs the whole evaluation; `progress` hears what is being done.
pub fn evaluate(items: &[Item], progress: &dyn Fn(&str)) -> Result<Report, SrsError> {
    let all: Vec<FSRSItem> = items.iter().map(|i| i.item.clone()).collect();
    if all.len() < (FOLDS + 1) * 2 {
        return Err(SrsError(format!(
            "{} items are too few to evaluate",
            all.len()
        )));
    }
    progress("FSRS-6 default parameters on all items");
    let fsrs_default = metrics(&fsrs_predictions(&[], &all)?);
    let fsrs_default_crate = crate_figures(&[], all.clone())?;

    let mut fitted = Vec::new();
    let mut default_on_folds = Vec::new();
    let mut sm2 = Vec::new();
    let mut sm2_glossa = Vec::new();
    for (n, (train, test)) in splits(&all, FOLDS).into_iter().enumerate() {
        progress(&format!(
            "fold {}/{FOLDS}: fitting on {} items, testing on {}",
            n + 1,
            train.len(),
            test.len()
        ));
        let parameters = fit(train.to_vec())?;
        fitted.extend(fsrs_predictions(&parameters, test)?);
        default_on_folds.extend(fsrs_predictions(&[], test)?);
        sm2.extend(sm2_predictions(test, Sm2Replay::Benchmark));
        sm2_glossa.extend(sm2_predictions(test, Sm2Replay::Glossa));
    }

    let cut = all.len() - all.len() / (FOLDS + 1);
    let (train, test) = all.split_at(cut);
    progress(&format!(
        "hold-out: fitting on {} items, testing on the last {}",
        train.len(),
        test.len()
    ));
    let holdout_parameters = fit(train.to_vec())?;
    Ok(Report {
        items: all.len(),
        fsrs_default,
        fsrs_default_crate,
        fsrs_fitted_folds: metrics(&fitted),
        fsrs_default_folds: metrics(&default_on_folds),
        sm2_folds: metrics(&sm2),
        sm2_glossa_folds: metrics(&sm2_glossa),
        holdout_default: crate_figures(&[], test.to_vec())?,
        holdout_fitted: crate_figures(&holdout_parameters, test.to_vec())?,
        holdout_parameters,
    })
}

/// A learner's own FSRS fit and whether it beats the defaults.
#[derive(Debug, Clone, Serialize)]
pub struct LearnerFit {
    /// The fitted parameters.
    pub parameters: Vec<f32>,
    /// Items the fit used.
    pub items: usize,
    /// Default parameters on the learner's items.
    pub before: CrateFigures,
    /// Fitted parameters on the same items.
    pub after: CrateFigures,
}

impl LearnerFit {
    /// Use the fit only when it predicts better on both measures.
    pub fn beats_defaults(&self) -> bool {
        self.after.log_loss < self.before.log_loss && self.after.rmse_bins <= self.before.rmse_bins
    }
}

/// Fits FSRS-6 to one learner's items (in time order) and evaluates the
/// fit against the default parameters.
pub fn fit_learner(items: &[Item]) -> Result<LearnerFit, SrsError> {
    let all: Vec<FSRSItem> = items.iter().map(|i| i.item.clone()).collect();
    let parameters = fit(all.clone())?;
    Ok(LearnerFit {
        before: crate_figures(&[], all.clone())?,
        after: crate_figures(&parameters, all.clone())?,
        items: all.len(),
        parameters,
    })
}
