//! `glossa eval srs` on the shared real review log reproduces the
//! reference figures of its README within 0.01, and rejects bad logs
//! with the file and line.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_glossa");

fn revlog() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/review_logs_josh.csv")
}

fn close(report: &Value, path: &str, expected: f64) {
    let got = report.pointer(path).and_then(Value::as_f64).unwrap();
    assert!((got - expected).abs() < 0.01, "{path}: {got} vs {expected}");
}

#[test]
fn reproduces_the_reference_figures() {
    let out = Command::new(BIN)
        .args(["eval", "srs", "--json", "--revlog"])
        .arg(revlog())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["items"], 6276);
    close(&report, "/fsrs_default_crate/log_loss", 0.4535);
    close(&report, "/fsrs_default_crate/rmse_bins", 0.0766);
    close(&report, "/fsrs_fitted_folds/log_loss", 0.4403);
    close(&report, "/fsrs_fitted_folds/rmse_bins", 0.0418);
    close(&report, "/holdout_default/log_loss", 0.4314);
    close(&report, "/holdout_default/rmse_bins", 0.0717);
    close(&report, "/holdout_fitted/log_loss", 0.4294);
    close(&report, "/holdout_fitted/rmse_bins", 0.0680);
    close(&report, "/sm2_folds/log_loss", 0.6078);
    close(&report, "/sm2_folds/rmse_bins", 0.1390);
    // Fitting helps on this learner's data, and FSRS beats SM-2.
    let f = |p: &str| report.pointer(p).and_then(Value::as_f64).unwrap();
    assert!(f("/fsrs_fitted_folds/log_loss") < f("/fsrs_default_folds/log_loss"));
    assert!(f("/fsrs_fitted_folds/auc") > f("/sm2_folds/auc"));
    assert_eq!(report["holdout_parameters"].as_array().unwrap().len(), 21);

    let table = Command::new(BIN)
        .args(["eval", "srs", "--revlog"])
        .arg(revlog())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(
        text.contains("SM-2 (benchmark replay), test folds"),
        "{text}"
    );
    assert!(String::from_utf8_lossy(&table.stderr).contains("fold 5/5"));
}

#[test]
fn bad_logs_name_the_line() {
    let dir = std::env::temp_dir().join(format!("glossa-eval-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.csv");
    std::fs::write(
        &bad,
        "card_id,review_rating,review_time\n1,3,2024-01-01T00:00:00Z\n1,7,2024-01-02T00:00:00Z\n",
    )
    .unwrap();
    let out = Command::new(BIN)
        .args(["eval", "srs", "--revlog"])
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.csv:3") && err.contains("1-4"), "{err}");
    let missing = Command::new(BIN)
        .args(["eval", "srs", "--revlog"])
        .arg(dir.join("nope.csv"))
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nope.csv"));
    let few = dir.join("few.csv");
    std::fs::write(
        &few,
        "card_id,review_rating,review_time\n1,3,2024-01-01T12:00:00Z\n1,3,2024-01-03T12:00:00Z\n",
    )
    .unwrap();
    let out = Command::new(BIN)
        .args(["eval", "srs", "--revlog"])
        .arg(&few)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("too few"));
    std::fs::remove_dir_all(&dir).ok();
}
