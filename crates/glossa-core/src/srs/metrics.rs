//! How well predicted recall probabilities match what happened: log loss,
//! RMSE over bins (the FSRS benchmark's calibration measure) and the area
//! under the ROC curve.

use std::collections::HashMap;

use serde::Serialize;

/// The three figures for one model on one set of items.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Metrics {
    /// Mean binary cross-entropy (lower is better).
    pub log_loss: f64,
    /// Root mean square error between predicted and actual recall per bin,
    /// weighted by the bin's size (lower is better).
    pub rmse_bins: f64,
    /// Area under the ROC curve (higher is better; 0.5 is chance).
    pub auc: f64,
}

/// One prediction: probability, whether it was recalled, its bin.
#[derive(Debug, Clone, Copy)]
pub struct Prediction {
    /// Predicted probability of recall.
    pub p: f64,
    /// Whether the card was recalled.
    pub recalled: bool,
    /// Its RMSE bin.
    pub bin: (u32, u32, u32),
}

/// All three metrics, unweighted.
pub fn metrics(predictions: &[Prediction]) -> Metrics {
    Metrics {
        log_loss: log_loss(predictions),
        rmse_bins: rmse_bins(predictions),
        auc: auc(predictions),
    }
}

/// Mean binary cross-entropy, probabilities clamped away from 0 and 1.
pub fn log_loss(predictions: &[Prediction]) -> f64 {
    if predictions.is_empty() {
        return f64::NAN;
    }
    let sum: f64 = predictions
        .iter()
        .map(|x| {
            let p = x.p.clamp(1e-7, 1.0 - 1e-7);
            if x.recalled { -p.ln() } else { -(1.0 - p).ln() }
        })
        .sum();
    sum / predictions.len() as f64
}

/// RMSE(bins): per bin, the squared gap between mean prediction and mean
/// outcome, weighted by the bin's count.
pub fn rmse_bins(predictions: &[Prediction]) -> f64 {
    let mut bins: HashMap<(u32, u32, u32), (f64, f64, f64)> = HashMap::new();
    for x in predictions {
        let e = bins.entry(x.bin).or_default();
        e.0 += x.p;
        e.1 += if x.recalled { 1.0 } else { 0.0 };
        e.2 += 1.0;
    }
    let total: f64 = bins.values().map(|v| v.2).sum();
    if total == 0.0 {
        return f64::NAN;
    }
    let sum: f64 = bins
        .values()
        .map(|(p, y, n)| (p / n - y / n).powi(2) * n)
        .sum();
    (sum / total).sqrt()
}

/// Area under the ROC curve (Mann-Whitney U with tied ranks averaged).
pub fn auc(predictions: &[Prediction]) -> f64 {
    let mut sorted: Vec<&Prediction> = predictions.iter().collect();
    sorted.sort_by(|a, b| a.p.total_cmp(&b.p));
    let positives = sorted.iter().filter(|x| x.recalled).count() as f64;
    let negatives = sorted.len() as f64 - positives;
    if positives == 0.0 || negatives == 0.0 {
        return f64::NAN;
    }
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j + 1 < sorted.len() && sorted[j + 1].p == sorted[i].p {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        rank_sum += rank * sorted[i..=j].iter().filter(|x| x.recalled).count() as f64;
        i = j + 1;
    }
    (rank_sum - positives * (positives + 1.0) / 2.0) / (positives * negatives)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(p: f64, recalled: bool, bin: u32) -> Prediction {
        Prediction {
            p,
            recalled,
            bin: (bin, 0, 0),
        }
    }

    #[test]
    fn perfect_and_inverted_rankings() {
        let good = [p(0.9, true, 1), p(0.8, true, 1), p(0.2, false, 2)];
        assert!((auc(&good) - 1.0).abs() < 1e-12);
        let bad = [p(0.1, true, 1), p(0.9, false, 1)];
        assert!(auc(&bad).abs() < 1e-12);
        let ties = [p(0.5, true, 1), p(0.5, false, 1)];
        assert!((auc(&ties) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn log_loss_and_rmse_by_hand() {
        let xs = [p(0.8, true, 1), p(0.6, false, 1), p(0.5, true, 2)];
        let ll = -(0.8f64.ln() + 0.4f64.ln() + 0.5f64.ln()) / 3.0;
        assert!((log_loss(&xs) - ll).abs() < 1e-12);
        // bin 1: mean p 0.7, mean y 0.5, n 2; bin 2: 0.5 vs 1, n 1.
        let rmse = ((0.2f64.powi(2) * 2.0 + 0.25) / 3.0).sqrt();
        assert!((rmse_bins(&xs) - rmse).abs() < 1e-12);
    }
}
