//! Default CEFR levels from frequency bands. No registry has CEFR word
//! lists for German, Spanish, French or Italian, so a word bank starts
//! from these bands and teachers override single words through packs.
//!
//! | level | ranks | words |
//! |---|---|---|
//! | A1 | 1-500 | 500 |
//! | A2 | 501-1,500 | 1,000 |
//! | B1 | 1,501-3,000 | 1,500 |
//! | B2 | 3,001-5,000 | 2,000 |
//! | C1 | 5,001-8,000 | 3,000 |
//! | C2 | 8,001 and beyond | |

use glossa_core::CefrLevel;

/// The last rank of each band below C2, in ascending order.
pub const BANDS: [(CefrLevel, usize); 5] = [
    (CefrLevel::A1, 500),
    (CefrLevel::A2, 1_500),
    (CefrLevel::B1, 3_000),
    (CefrLevel::B2, 5_000),
    (CefrLevel::C1, 8_000),
];

/// The default level of the word at a 1-based frequency rank (rank 0 is
/// treated as 1).
pub fn level_for_rank(rank: usize) -> CefrLevel {
    BANDS
        .iter()
        .find(|(_, last)| rank <= *last)
        .map_or(CefrLevel::C2, |(level, _)| *level)
}

/// The first rank of a level's band.
pub fn band_start(level: CefrLevel) -> usize {
    let index = BANDS
        .iter()
        .position(|(l, _)| *l == level)
        .unwrap_or(BANDS.len());
    match index.checked_sub(1) {
        Some(previous) => BANDS[previous].1 + 1,
        None => 1,
    }
}

/// The position of a rank within its level's band (1-based), used as the
/// word's priority within the level.
pub fn priority_for_rank(rank: usize) -> i32 {
    let rank = rank.max(1);
    let within = rank + 1 - band_start(level_for_rank(rank));
    i32::try_from(within).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use CefrLevel::*;

    #[test]
    fn bands() {
        let cases = [
            (0, A1),
            (1, A1),
            (500, A1),
            (501, A2),
            (1_500, A2),
            (1_501, B1),
            (3_000, B1),
            (3_001, B2),
            (5_000, B2),
            (5_001, C1),
            (8_000, C1),
            (8_001, C2),
            (1_000_000, C2),
        ];
        for (rank, level) in cases {
            assert_eq!(level_for_rank(rank), level, "rank {rank}");
        }
    }

    #[test]
    fn band_sizes_are_the_documented_ones() {
        let count = |level| (1..=10_000).filter(|&r| level_for_rank(r) == level).count();
        assert_eq!(
            [count(A1), count(A2), count(B1), count(B2), count(C1)],
            [500, 1_000, 1_500, 2_000, 3_000]
        );
        assert_eq!(
            [band_start(A1), band_start(A2), band_start(C2)],
            [1, 501, 8_001]
        );
    }

    #[test]
    fn priorities_restart_in_each_band() {
        assert_eq!(priority_for_rank(1), 1);
        assert_eq!(priority_for_rank(500), 500);
        assert_eq!(priority_for_rank(501), 1);
        assert_eq!(priority_for_rank(1_501), 1);
        assert_eq!(priority_for_rank(8_003), 3);
        assert_eq!(priority_for_rank(0), 1);
    }
}
