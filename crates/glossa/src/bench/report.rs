//! Measurements of one phase and the table that compares HTTP with the
//! direct ceiling.

use std::fmt::Write as _;
use std::time::Duration;

use anyhow::{Result, anyhow};
use hdrhistogram::Histogram;

/// What one phase measured.
pub struct Stats {
    /// Latency of successful iterations in microseconds.
    pub hist: Histogram<u64>,
    /// Successful iterations.
    pub iterations: u64,
    /// Iterations whose queue was empty (nothing answered).
    pub empty: u64,
    /// Failed iterations.
    pub errors: u64,
    /// The first failure's message.
    pub first_error: Option<String>,
    /// Wall-clock time of the phase.
    pub elapsed: Duration,
}

impl Stats {
    /// Empty, with a histogram of 1 µs to 10 minutes at 3 significant digits.
    pub fn new() -> Result<Self> {
        Ok(Self {
            hist: Histogram::new_with_bounds(1, 600_000_000, 3)
                .map_err(|e| anyhow!("creating a histogram: {e:?}"))?,
            iterations: 0,
            empty: 0,
            errors: 0,
            first_error: None,
            elapsed: Duration::ZERO,
        })
    }

    /// Add another task's measurements.
    pub fn merge(&mut self, other: Self) -> Result<()> {
        self.hist
            .add(&other.hist)
            .map_err(|e| anyhow!("merging histograms: {e:?}"))?;
        self.iterations += other.iterations;
        self.empty += other.empty;
        self.errors += other.errors;
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
        Ok(())
    }

    /// Iterations per second.
    pub fn rate(&self) -> f64 {
        self.iterations as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// Latency at quantile `q` in milliseconds.
    pub fn ms(&self, q: f64) -> f64 {
        self.hist.value_at_quantile(q) as f64 / 1000.0
    }
}

/// One concurrency level.
pub struct Row {
    /// Concurrent clients.
    pub clients: usize,
    /// Over HTTP.
    pub http: Stats,
    /// Store functions directly.
    pub direct: Stats,
}

/// A progress line for one phase.
pub fn line(what: &str, clients: usize, s: &Stats) -> String {
    let mut out = format!(
        "{what:>6} {clients:>4} clients: {:>8.1} it/s  p50 {:>7.2} ms  p99 {:>7.2} ms  ({} iterations",
        s.rate(),
        s.ms(0.5),
        s.ms(0.99),
        s.iterations
    );
    if s.empty > 0 {
        let _ = write!(out, ", {} with an empty queue", s.empty);
    }
    if s.errors > 0 {
        let _ = write!(out, ", {} errors", s.errors);
        if let Some(e) = &s.first_error {
            let _ = write!(out, "; first: {e}");
        }
    }
    out.push(')');
    out
}

/// The comparison as a Markdown table.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| clients | HTTP it/s | HTTP p50 ms | HTTP p99 ms | direct it/s | direct p50 ms | direct p99 ms | HTTP/direct |\n\
         |---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in rows {
        let ratio = r.http.rate() / r.direct.rate().max(1e-9);
        let _ = writeln!(
            out,
            "| {} | {:.0} | {:.1} | {:.1} | {:.0} | {:.1} | {:.1} | {:.2} |",
            r.clients,
            r.http.rate(),
            r.http.ms(0.5),
            r.http.ms(0.99),
            r.direct.rate(),
            r.direct.ms(0.5),
            r.direct.ms(0.99),
            ratio
        );
    }
    out
}
