//! Interval fuzz: a review interval of `d` days becomes a day drawn from a
//! range around `d`, so that cards learned on the same day spread out.
//! The range grows with the interval: 15 % of the part between 2.5 and 7
//! days, 10 % of the part between 7 and 20 days and 5 % of the part beyond,
//! plus one day. Intervals under 2.5 days are not fuzzed. The draw comes
//! from a seed, so the same card and review always get the same day.

const BANDS: [(f64, f64, f64); 3] = [
    (2.5, 7.0, 0.15),
    (7.0, 20.0, 0.1),
    (20.0, f64::INFINITY, 0.05),
];

/// The inclusive range of days an interval of `days` may become.
pub(crate) fn fuzz_range(days: u32, elapsed_days: u32, maximum: u32) -> (u32, u32) {
    let ivl = f64::from(days);
    if ivl < 2.5 {
        return (days, days);
    }
    let delta = 1.0
        + BANDS
            .iter()
            .map(|&(start, end, factor)| factor * (ivl.min(end) - start).max(0.0))
            .sum::<f64>();
    let mut lo = (ivl - delta).round().max(2.0) as u32;
    let hi = ((ivl + delta).round() as u32).min(maximum);
    if days > elapsed_days {
        lo = lo.max(elapsed_days + 1);
    }
    (lo.min(hi), hi)
}

/// `days` fuzzed, repeatably for `seed`.
pub(crate) fn fuzzed_days(days: u32, elapsed_days: u32, maximum: u32, seed: u64) -> u32 {
    let (lo, hi) = fuzz_range(days, elapsed_days, maximum);
    if hi <= lo {
        return lo;
    }
    let span = u64::from(hi - lo) + 1;
    lo + (splitmix(seed) % span) as u32
}

/// SplitMix64: a small, well-mixed hash of the seed.
fn splitmix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_intervals_are_not_fuzzed() {
        for seed in 0..50 {
            assert_eq!(fuzzed_days(1, 0, 36500, seed), 1);
            assert_eq!(fuzzed_days(2, 0, 36500, seed), 2);
        }
    }

    #[test]
    fn ranges_grow_with_the_interval() {
        assert_eq!(fuzz_range(3, 0, 36500), (2, 4));
        let (lo, hi) = fuzz_range(100, 0, 36500);
        // 1 + 0.15*4.5 + 0.1*13 + 0.05*80 = 6.975 days either side.
        assert_eq!((lo, hi), (93, 107));
        assert_eq!(fuzz_range(100, 0, 100).1, 100);
    }

    #[test]
    fn draws_stay_in_range_and_vary_with_the_seed() {
        let mut seen = std::collections::BTreeSet::new();
        for seed in 0..200 {
            let d = fuzzed_days(30, 10, 36500, seed);
            let (lo, hi) = fuzz_range(30, 10, 36500);
            assert!((lo..=hi).contains(&d));
            seen.insert(d);
        }
        assert!(seen.len() > 3, "{seen:?}");
        assert_eq!(fuzzed_days(30, 10, 36500, 7), fuzzed_days(30, 10, 36500, 7));
    }
}
