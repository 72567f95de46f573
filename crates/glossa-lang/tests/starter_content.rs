//! The starter content shipped in `content/` is valid and as large as the
//! product promises.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use glossa_core::pack::Pack;

fn pack(name: &str) -> Pack {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../content")
        .join(name);
    glossa_lang::read_pack(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .0
}

fn by<T>(items: &[T], key: impl Fn(&T) -> String) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for i in items {
        *out.entry(key(i)).or_insert(0) += 1;
    }
    out
}

#[test]
fn achievements_are_31_in_four_tiers_worth_5825_points() {
    let p = pack("achievements");
    assert_eq!(p.achievements.len(), 31);
    let tiers = by(&p.achievements, |a| a.tier.clone());
    assert_eq!(tiers["bronze"], 7);
    assert_eq!(tiers["silver"], 7);
    assert_eq!(tiers["gold"], 10);
    assert_eq!(tiers["platinum"], 7);
    assert_eq!(p.achievements.iter().map(|a| a.points).sum::<i32>(), 5825);
}

fn small_pack(lang: &str) {
    let p = pack(lang);
    assert_eq!(p.manifest.language, lang);
    assert!(p.words.len() >= 150, "{lang}: {} words", p.words.len());
    assert!(p.topics.len() >= 10, "{lang}: {} topics", p.topics.len());
    assert!(
        p.exercises.len() >= 30,
        "{lang}: {} exercises",
        p.exercises.len()
    );
    assert!(
        p.scenarios.len() >= 4,
        "{lang}: {} scenarios",
        p.scenarios.len()
    );
    let types = by(&p.exercises, |e| e.exercise_type.clone());
    for t in [
        "fill_blank",
        "multiple_choice",
        "translation",
        "error_correction",
        "sentence_building",
    ] {
        assert!(
            types.get(t).copied().unwrap_or(0) >= 1,
            "{lang}: no {t} exercise"
        );
    }
    assert!(
        p.words.iter().all(|w| w.translations.contains_key("en")),
        "{lang}: English translations"
    );
}

#[test]
fn italian_pack() {
    small_pack("it");
}

#[test]
fn spanish_pack() {
    small_pack("es");
}

#[test]
fn french_pack() {
    small_pack("fr");
}

#[test]
fn german_pack() {
    let p = pack("de");
    assert!(p.words.len() >= 600, "{} words", p.words.len());
    let levels = by(&p.words, |w| w.level.clone());
    assert!(
        levels["A1"] > 0 && levels["A2"] > 0 && levels["B1"] > 0,
        "{levels:?}"
    );
    for w in &p.words {
        assert!(
            w.translations.contains_key("en") && w.translations.contains_key("it"),
            "{}: English and Italian meanings",
            w.key()
        );
        assert!(!w.examples.is_empty(), "{}: an example", w.key());
        // Plural-only nouns (die Eltern) have no gender.
        if w.pos == "noun" && w.plural.as_deref() != Some(w.lemma.as_str()) {
            assert!(w.gender.is_some(), "{}: gender", w.key());
        }
    }
    assert!(p.topics.len() >= 50, "{} topics", p.topics.len());
    let children = p.topics.iter().filter(|t| t.parent.is_some()).count();
    assert!(children >= 30, "a hierarchy: {children} subtopics");
    assert!(p.exercises.len() >= 200, "{} exercises", p.exercises.len());
    let types = by(&p.exercises, |e| e.exercise_type.clone());
    for t in [
        "fill_blank",
        "multiple_choice",
        "translation",
        "error_correction",
        "sentence_building",
    ] {
        assert!(types.get(t).copied().unwrap_or(0) >= 20, "{t}: {types:?}");
    }
    assert!(
        p.exercises
            .iter()
            .all(|e| !e.hints.is_empty() && e.explanation.is_some())
    );
    let cats = by(&p.scenarios, |s| s.category.clone().unwrap_or_default());
    assert!(cats["daily"] >= 6 && cats["work"] >= 6, "{cats:?}");
    assert_eq!(p.courses.len(), 3);
    assert!(p.courses.iter().all(|c| c.lessons.len() >= 5));
    let placement = p
        .assessments
        .iter()
        .find(|a| a.assessment_type == "placement")
        .unwrap();
    assert!(placement.questions.len() >= 30);
    let q_levels = by(&placement.questions, |q| {
        q.level.clone().unwrap_or_default()
    });
    for l in ["A1", "A2", "B1", "B2", "C1"] {
        assert!(
            q_levels.get(l).copied().unwrap_or(0) >= 5,
            "{l}: {q_levels:?}"
        );
    }
}
