//! Review histories as FSRS training items.
//!
//! Reviews are grouped by card and sorted by time. A review's day is the
//! date of its time minus the day-start offset (4 a.m. by default, as in
//! Anki), `delta_t` is the number of days since the previous review's day,
//! and every review after the first with `delta_t > 0` yields one item
//! holding the card's whole history up to and including it. Same-day
//! reviews stay in the history but yield no item. Items are ordered by the
//! time of their last review.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use fsrs::{FSRSItem, FSRSReview};

use super::Rating;

/// One logged answer.
#[derive(Debug, Clone, PartialEq)]
pub struct LoggedReview {
    /// The card (any stable number).
    pub card: i64,
    /// The answer.
    pub rating: Rating,
    /// When it was given.
    pub at: DateTime<Utc>,
}

/// One training item and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The card.
    pub card: i64,
    /// Time of the item's last review.
    pub at: DateTime<Utc>,
    /// The history up to and including that review.
    pub item: FSRSItem,
}

fn day_of(at: DateTime<Utc>, day_start: Duration) -> NaiveDate {
    (at - day_start).date_naive()
}

/// Builds items from reviews in any order; `day_start` is how long after
/// midnight (UTC) a new day begins.
pub fn items(reviews: &[LoggedReview], day_start: Duration) -> Vec<Item> {
    let mut by_card: BTreeMap<i64, Vec<&LoggedReview>> = BTreeMap::new();
    for r in reviews {
        by_card.entry(r.card).or_default().push(r);
    }
    let mut out = Vec::new();
    for (card, mut list) in by_card {
        list.sort_by_key(|r| r.at);
        let mut history: Vec<FSRSReview> = Vec::with_capacity(list.len());
        let mut previous_day: Option<NaiveDate> = None;
        for r in list {
            let day = day_of(r.at, day_start);
            let delta_t = previous_day
                .map(|p| u32::try_from((day - p).num_days().max(0)).unwrap_or(u32::MAX))
                .unwrap_or(0);
            history.push(FSRSReview {
                rating: r.rating.number(),
                delta_t,
            });
            if previous_day.is_some() && delta_t > 0 {
                out.push(Item {
                    card,
                    at: r.at,
                    item: FSRSItem {
                        reviews: history.clone(),
                    },
                });
            }
            previous_day = Some(day);
        }
    }
    out.sort_by_key(|i| (i.at, i.card));
    out
}

/// The binning FSRS uses for RMSE(bins): by the last interval, the number
/// of long-term reviews and the number of long-term lapses.
pub fn bin(item: &FSRSItem) -> (u32, u32, u32) {
    let Some(last) = item.reviews.last() else {
        return (0, 0, 0);
    };
    let history = &item.reviews[..item.reviews.len() - 1];
    let delta_t = f64::from(last.delta_t);
    let delta_bin = (2.48 * 3.62f64.powf(delta_t.log(3.62).floor()) * 100.0).round() as u32;
    let long_term = item.reviews.iter().filter(|r| r.delta_t > 0).count() as f64 + 1.0;
    let length_bin = (1.99 * 1.89f64.powf(long_term.log(1.89).floor())).round() as u32;
    let lapses = history
        .iter()
        .filter(|r| r.rating == 1 && r.delta_t > 0)
        .count();
    if lapses == 0 {
        return (delta_bin, length_bin, 0);
    }
    let lapse_bin = (1.65 * 1.73f64.powf((lapses as f64).log(1.73).floor())).round() as u32;
    (delta_bin, length_bin, lapse_bin)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 3, d, h, 0, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn same_day_reviews_stay_in_history_but_make_no_item() {
        let r = |card, rating, t| LoggedReview {
            card,
            rating,
            at: t,
        };
        let log = vec![
            r(1, Rating::Good, at(10, 12)),
            r(1, Rating::Again, at(11, 2)), // before 4 a.m.: still the 10th
            r(1, Rating::Good, at(11, 5)),
            r(1, Rating::Good, at(11, 6)),
            r(2, Rating::Good, at(10, 9)),
            r(1, Rating::Good, at(14, 9)),
        ];
        let items = items(&log, Duration::hours(4));
        assert_eq!(items.len(), 2);
        let deltas: Vec<u32> = items[1].item.reviews.iter().map(|r| r.delta_t).collect();
        assert_eq!(deltas, vec![0, 0, 1, 0, 3]);
        assert_eq!(items[0].item.reviews.len(), 3);
        assert!(items[0].at < items[1].at);
    }
}
