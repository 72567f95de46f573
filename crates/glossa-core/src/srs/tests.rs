//! Scheduler properties, checked for all three schedulers on random
//! answer sequences, and the fixed points of each algorithm.

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;

use super::*;

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 8, 0, 0)
        .single()
        .unwrap_or_default()
}

fn schedulers() -> Vec<(&'static str, Box<dyn Scheduler>)> {
    vec![
        (
            "fsrs",
            Box::new(FsrsScheduler::new(FsrsConfig::default()).unwrap()),
        ),
        (
            "fsrs-no-steps",
            Box::new(
                FsrsScheduler::new(FsrsConfig {
                    learning_steps: vec![],
                    relearning_steps: vec![],
                    desired_retention: 0.8,
                    ..FsrsConfig::default()
                })
                .unwrap(),
            ),
        ),
        ("sm2", Box::new(Sm2)),
        ("backoff", Box::new(Backoff)),
    ]
}

fn rating() -> impl Strategy<Value = Rating> {
    prop_oneof![
        Just(Rating::Again),
        Just(Rating::Hard),
        Just(Rating::Good),
        Just(Rating::Easy)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Along any answer sequence (answered when due, or early/late by a
    /// random delay): intervals are never negative, the due date is never
    /// before the review, previews are ordered Again <= Hard <= Good <= Easy
    /// and probabilities of recall stay in [0, 1].
    #[test]
    fn schedules_are_sane(answers in prop::collection::vec((rating(), 0i64..4000, any::<u64>()), 1..40)) {
        for (name, s) in schedulers() {
            let mut card = Memory::new_card(start());
            let mut now = start();
            for (r, delay_minutes, seed) in &answers {
                now = card.due.max(now) + Duration::minutes(*delay_minutes);
                let p = s.preview(&card, now, *seed).unwrap();
                let dues: Vec<_> = p.all().iter().map(|o| o.memory.due).collect();
                for o in p.all() {
                    prop_assert!(o.interval_seconds >= 0, "{name}: negative interval");
                    prop_assert!(o.memory.due >= now, "{name}: due before the review");
                    prop_assert_eq!(o.memory.last_review, Some(now));
                }
                prop_assert!(dues.windows(2).all(|w| w[0] <= w[1]), "{name}: previews out of order: {dues:?}");
                let prob = s.recall_probability(&card, now);
                prop_assert!((0.0..=1.0).contains(&prob), "{name}: probability {prob}");
                let next = s.apply(&card, *r, now, *seed).unwrap();
                prop_assert_eq!(&next, &p.clone().pick(*r));
                prop_assert!(next.memory.ease_factor >= sm2::MIN_EF);
                prop_assert!((0.0..=1.0).contains(&next.memory.mastery));
                card = next.memory;
            }
        }
    }

    /// Recall probability never rises while time passes.
    #[test]
    fn recall_decays(answers in prop::collection::vec(rating(), 1..10), gaps in prop::collection::vec(1i64..400, 2..6)) {
        for (name, s) in schedulers() {
            let mut card = Memory::new_card(start());
            for r in &answers {
                card = s.apply(&card, *r, card.due, 1).unwrap().memory;
            }
            let mut at = card.due;
            let mut last = s.recall_probability(&card, at);
            for g in &gaps {
                at += Duration::hours(*g);
                let p = s.recall_probability(&card, at);
                prop_assert!(p <= last + 1e-9, "{name}: {p} after {last}");
                last = p;
            }
        }
    }
}

#[test]
fn sm2_follows_supermemo() {
    let now = start();
    let mut card = Memory::new_card(now);
    let mut intervals = vec![];
    for _ in 0..4 {
        card = Sm2::answer(&card, 5, card.due).memory;
        intervals.push(card.interval_days);
    }
    // EF grows by 0.1 per perfect answer: 2.6, 2.7, 2.8; I(3) = round(6 * 2.7)
    // (the EF before the third answer was 2.7), I(4) = round(16 * 2.8).
    assert_eq!(intervals, vec![1, 6, 16, 45]);
    assert!((card.ease_factor - 2.9).abs() < 1e-9);
    // A lapse restarts the repetitions without touching EF and is drilled today.
    let lapsed = Sm2::answer(&card, 2, card.due);
    assert_eq!(lapsed.memory.reps, 0);
    assert_eq!(lapsed.memory.interval_days, 1);
    assert_eq!(lapsed.memory.lapses, 1);
    assert_eq!(lapsed.interval_seconds, 0);
    assert!((lapsed.memory.ease_factor - 2.9).abs() < 1e-9);
    // Quality 3 lowers EF by 0.14 and is drilled too; the drill ends at q >= 4
    // and then waits one interval.
    let hard = Sm2::answer(&lapsed.memory, 3, card.due);
    assert!((hard.memory.ease_factor - 2.76).abs() < 1e-9);
    assert_eq!(hard.interval_seconds, 0);
    let done = Sm2::answer(&hard.memory, 4, card.due);
    assert_eq!(done.memory.state, CardState::Review);
    assert_eq!(done.interval_seconds, 86_400);
    assert!((done.memory.ease_factor - 2.76).abs() < 1e-9);
}

#[test]
fn sm2_ease_never_below_floor() {
    let mut card = Memory::new_card(start());
    for _ in 0..30 {
        card = Sm2::answer(&card, 3, card.due).memory;
        card = Sm2::answer(&card, 4, card.due).memory;
    }
    assert!((card.ease_factor - sm2::MIN_EF).abs() < 1e-9);
}

#[test]
fn backoff_intervals_double_to_a_month() {
    let mut card = Memory::new_card(start());
    let mut seen = vec![];
    for _ in 0..6 {
        card = Backoff
            .apply(&card, Rating::Good, card.due, 0)
            .unwrap()
            .memory;
        seen.push((card.interval_days, card.mastery));
    }
    let days: Vec<u32> = seen.iter().map(|s| s.0).collect();
    assert_eq!(days, vec![2, 4, 8, 16, 30, 30]);
    assert!((seen[1].1 - 0.4).abs() < 1e-9);
    let again = Backoff.apply(&card, Rating::Again, card.due, 0).unwrap();
    assert_eq!(again.memory.interval_days, 1);
    assert_eq!(again.memory.mastery, 0.0);
    assert_eq!(again.memory.state, CardState::Relearning);
    assert_eq!(again.memory.lapses, 1);
}

#[test]
fn fsrs_new_card_walks_the_learning_steps() {
    let s = FsrsScheduler::new(FsrsConfig::default()).unwrap();
    let now = start();
    let card = Memory::new_card(now);
    let p = s.preview(&card, now, 9).unwrap();
    assert_eq!(p.again.interval_seconds, 60);
    assert_eq!(p.hard.interval_seconds, 330);
    assert_eq!(p.good.interval_seconds, 600);
    assert_eq!(p.good.memory.state, CardState::Learning);
    assert_eq!(p.easy.memory.state, CardState::Review);
    // The crate's default initial stabilities.
    assert!((p.good.memory.stability.unwrap() - 2.3065).abs() < 1e-3);
    let after_good = p.good.memory.clone();
    let graduated = s
        .apply(&after_good, Rating::Good, after_good.due, 9)
        .unwrap();
    assert_eq!(graduated.memory.state, CardState::Review);
    assert!(graduated.memory.interval_days >= 1);
    // A lapse in review goes to relearning and counts.
    let later = graduated.memory.due;
    let lapse = s.apply(&graduated.memory, Rating::Again, later, 9).unwrap();
    assert_eq!(lapse.memory.state, CardState::Relearning);
    assert_eq!(lapse.memory.lapses, 1);
    assert_eq!(lapse.interval_seconds, 600);
}

#[test]
fn fsrs_retention_changes_intervals() {
    let now = start();
    let review = |retention| {
        let s = FsrsScheduler::new(FsrsConfig {
            desired_retention: retention,
            enable_fuzz: false,
            ..FsrsConfig::default()
        })
        .unwrap();
        let mut card = Memory::new_card(now);
        for _ in 0..4 {
            card = s.apply(&card, Rating::Good, card.due, 0).unwrap().memory;
        }
        card.interval_days
    };
    assert!(review(0.8) > review(0.9));
    assert!(review(0.9) > review(0.97));
    assert!(
        FsrsScheduler::new(FsrsConfig {
            desired_retention: 0.5,
            ..FsrsConfig::default()
        })
        .is_err()
    );
    assert!(
        FsrsScheduler::new(FsrsConfig {
            parameters: vec![1.0; 3],
            ..FsrsConfig::default()
        })
        .is_err()
    );
}

#[test]
fn fsrs_recall_is_ninety_percent_at_stability() {
    let s = FsrsScheduler::new(FsrsConfig::default()).unwrap();
    let mut card = Memory::new_card(start());
    card.state = CardState::Review;
    card.stability = Some(10.0);
    card.difficulty = Some(5.0);
    card.last_review = Some(start());
    let p = s.recall_probability(&card, start() + Duration::days(10));
    assert!((p - 0.9).abs() < 1e-4, "{p}");
    assert_eq!(
        s.recall_probability(&Memory::new_card(start()), start()),
        0.0
    );
}

#[test]
fn leeches_at_eight_lapses() {
    let mut card = Memory::new_card(start());
    card.lapses = 7;
    assert!(!card.is_leech());
    card.lapses = 8;
    assert!(card.is_leech());
}
