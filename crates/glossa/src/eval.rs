//! `glossa eval srs`: reads a review log and prints how well FSRS-6
//! (default and fitted) and SM-2 predict recall on it.

use std::path::Path;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Duration, Utc};
use glossa_core::srs::eval::{Report, evaluate};
use glossa_core::srs::revlog::{LoggedReview, items};
use glossa_core::srs::{Rating, metrics::Metrics};

/// Reads a review log CSV: a header naming `card_id`, `review_rating`
/// (1-4) and `review_time` (RFC 3339); other columns are ignored.
pub fn read_revlog(path: &Path) -> Result<Vec<LoggedReview>> {
    let mut reader =
        csv::Reader::from_path(path).with_context(|| format!("cannot read {}", path.display()))?;
    let headers = reader.headers()?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim() == name)
            .with_context(|| format!("{}: no `{name}` column", path.display()))
    };
    let (card, rating, time) = (col("card_id")?, col("review_rating")?, col("review_time")?);
    let mut out = Vec::new();
    for (n, row) in reader.records().enumerate() {
        let line = n + 2;
        let row = row.with_context(|| format!("{}:{line}", path.display()))?;
        let field = |i: usize| row.get(i).unwrap_or("").trim();
        let card: i64 = field(card)
            .parse()
            .with_context(|| format!("{}:{line}: card_id is not a number", path.display()))?;
        let rating = field(rating)
            .parse::<i64>()
            .ok()
            .and_then(Rating::from_number)
            .with_context(|| format!("{}:{line}: review_rating must be 1-4", path.display()))?;
        let at = DateTime::parse_from_rfc3339(field(time))
            .with_context(|| format!("{}:{line}: review_time is not RFC 3339", path.display()))?
            .with_timezone(&Utc);
        out.push(LoggedReview { card, rating, at });
    }
    Ok(out)
}

fn row(name: &str, m: &Metrics) -> String {
    format!(
        "{name:<44} {:>9.4} {:>11.4} {:>7.4}",
        m.log_loss, m.rmse_bins, m.auc
    )
}

fn print(report: &Report) {
    println!("{} items\n", report.items);
    println!(
        "{:<44} {:>9} {:>11} {:>7}",
        "model", "log loss", "RMSE(bins)", "AUC"
    );
    println!("{}", row("FSRS-6 default, all items", &report.fsrs_default));
    println!(
        "{:<44} {:>9.4} {:>11.4}",
        "FSRS-6 default, all items (FSRS::evaluate)",
        report.fsrs_default_crate.log_loss,
        report.fsrs_default_crate.rmse_bins
    );
    println!(
        "{}",
        row(
            "FSRS-6 fitted per fold, test folds",
            &report.fsrs_fitted_folds
        )
    );
    println!(
        "{}",
        row("FSRS-6 default, test folds", &report.fsrs_default_folds)
    );
    println!(
        "{}",
        row("SM-2 (benchmark replay), test folds", &report.sm2_folds)
    );
    println!(
        "{}",
        row(
            "SM-2 (Glossa's scheduler), test folds",
            &report.sm2_glossa_folds
        )
    );
    println!(
        "{:<44} {:>9.4} {:>11.4}",
        "hold-out last 1/6: FSRS-6 default",
        report.holdout_default.log_loss,
        report.holdout_default.rmse_bins
    );
    println!(
        "{:<44} {:>9.4} {:>11.4}",
        "hold-out last 1/6: FSRS-6 fitted on 5/6",
        report.holdout_fitted.log_loss,
        report.holdout_fitted.rmse_bins
    );
}

/// The command.
pub fn srs(revlog: &Path, day_start_hour: u32, json: bool) -> Result<()> {
    if day_start_hour > 23 {
        bail!("--day-start-hour must be 0-23");
    }
    let reviews = read_revlog(revlog)?;
    let items = items(&reviews, Duration::hours(i64::from(day_start_hour)));
    eprintln!("{} reviews, {} items", reviews.len(), items.len());
    let report = evaluate(&items, &|step| eprintln!("{step}"))?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print(&report);
    }
    Ok(())
}
