//! FSRS items from the shared real review log (12,580 reviews) and the
//! default-parameter and SM-2 figures its README gives.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use chrono::{DateTime, Duration, Utc};
use glossa_core::srs::Rating;
use glossa_core::srs::eval::{Sm2Replay, crate_figures, fsrs_predictions, sm2_predictions, splits};
use glossa_core::srs::metrics::metrics;
use glossa_core::srs::revlog::{LoggedReview, items};

fn revlog() -> Vec<LoggedReview> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/review_logs_josh.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines()
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            LoggedReview {
                card: f[0].parse().unwrap(),
                rating: Rating::from_number(f[1].parse().unwrap()).unwrap(),
                at: DateTime::parse_from_rfc3339(f[2])
                    .unwrap()
                    .with_timezone(&Utc),
            }
        })
        .collect()
}

#[test]
fn builds_the_documented_items_and_default_figures() {
    let log = revlog();
    assert_eq!(log.len(), 12_580);
    let items = items(&log, Duration::hours(4));
    assert_eq!(items.len(), 6_276);
    let all: Vec<_> = items.iter().map(|i| i.item.clone()).collect();
    let f = crate_figures(&[], all.clone()).unwrap();
    assert!((f.log_loss - 0.4535).abs() < 0.01, "{f:?}");
    assert!((f.rmse_bins - 0.0766).abs() < 0.01, "{f:?}");
    // Our own unweighted predictions come from the same model.
    let ours = metrics(&fsrs_predictions(&[], &all).unwrap());
    assert!((ours.log_loss - 0.4535).abs() < 0.03, "{ours:?}");
    assert!(ours.auc > 0.6 && ours.auc < 1.0, "{ours:?}");
    // The hold-out of the last sixth with default parameters.
    let cut = all.len() - all.len() / 6;
    let h = crate_figures(&[], all[cut..].to_vec()).unwrap();
    assert!((h.log_loss - 0.4314).abs() < 0.01, "{h:?}");
    assert!((h.rmse_bins - 0.0717).abs() < 0.01, "{h:?}");
    // SM-2 on the time-series test folds.
    let test: Vec<_> = splits(&all, 5)
        .into_iter()
        .flat_map(|(_, t)| t.to_vec())
        .collect();
    let sm2 = metrics(&sm2_predictions(&test, Sm2Replay::Benchmark));
    assert!((sm2.log_loss - 0.6078).abs() < 0.01, "{sm2:?}");
    assert!((sm2.rmse_bins - 0.1390).abs() < 0.01, "{sm2:?}");
    // SuperMemo's own rules (EF kept on failures, drills not counted)
    // predict this log better than the benchmark's replay.
    let ours = metrics(&sm2_predictions(&test, Sm2Replay::Glossa));
    assert!(ours.log_loss < sm2.log_loss, "{ours:?}");
    assert!(
        ours.log_loss > 0.4 && ours.rmse_bins < sm2.rmse_bins,
        "{ours:?}"
    );
}
