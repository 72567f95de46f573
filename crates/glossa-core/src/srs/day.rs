//! Learner days: a day starts at the learner's chosen hour in their own
//! timezone (4 a.m. by default, so that a late session still counts for
//! the evening before). Daily limits, "bury until tomorrow" and streaks all
//! use these boundaries.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

/// The instant a local `date` begins at `hour` in `tz`. A start that falls
/// into a daylight-saving gap moves to the first hour that exists.
fn start_of(date: NaiveDate, tz: Tz, hour: u32) -> DateTime<Utc> {
    let hour = hour.min(23);
    for h in hour..24 {
        if let Some(naive) = date.and_hms_opt(h, 0, 0)
            && let Some(t) = tz.from_local_datetime(&naive).earliest()
        {
            return t.with_timezone(&Utc);
        }
    }
    // Unreachable for real timezones; fall back to UTC midnight.
    date.and_hms_opt(0, 0, 0)
        .map(|n| n.and_utc())
        .unwrap_or_default()
}

/// The learner's date at `now` (the date whose day contains `now`).
pub fn learner_date(now: DateTime<Utc>, tz: Tz, hour: u32) -> NaiveDate {
    let local = now.with_timezone(&tz).date_naive();
    if now >= start_of(local, tz, hour) {
        local
    } else {
        local.pred_opt().unwrap_or(local)
    }
}

/// When the learner's current day began and when the next one begins.
pub fn day_bounds(now: DateTime<Utc>, tz: Tz, hour: u32) -> (DateTime<Utc>, DateTime<Utc>) {
    let date = learner_date(now, tz, hour);
    let start = start_of(date, tz, hour);
    let next = date
        .succ_opt()
        .map(|d| start_of(d, tz, hour))
        .unwrap_or(start + Duration::days(1));
    (start, next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn days_start_at_the_learners_hour() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        // 02:30 in Berlin (winter, UTC+1) is still the previous day.
        let (start, next) = day_bounds(utc("2026-01-10T01:30:00Z"), berlin, 4);
        assert_eq!(start, utc("2026-01-09T03:00:00Z"));
        assert_eq!(next, utc("2026-01-10T03:00:00Z"));
        assert_eq!(
            learner_date(utc("2026-01-10T03:00:00Z"), berlin, 4).to_string(),
            "2026-01-10"
        );
    }

    #[test]
    fn daylight_saving_days_are_23_and_25_hours() {
        let ny: Tz = "America/New_York".parse().unwrap();
        let (s, n) = day_bounds(utc("2026-03-08T12:00:00Z"), ny, 0);
        assert_eq!(n - s, Duration::hours(23));
        let (s, n) = day_bounds(utc("2026-11-01T12:00:00Z"), ny, 0);
        assert_eq!(n - s, Duration::hours(25));
        // 2 a.m. does not exist on the spring-forward day: it starts at 3.
        let (s, _) = day_bounds(utc("2026-03-08T12:00:00Z"), ny, 2);
        assert_eq!(s, utc("2026-03-08T07:00:00Z"));
    }
}
