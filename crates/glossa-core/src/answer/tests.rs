//! Unit tests for every rule, with real German, French, Spanish and
//! Italian answers. German articles and word order: `tests_german.rs`.

use super::*;

pub(super) fn v(given: &str, expected: &str, alternatives: &[&str], language: &str) -> Verdict {
    let alternatives: Vec<String> = alternatives.iter().map(|s| (*s).to_owned()).collect();
    check(given, expected, &alternatives, language)
}

pub(super) fn reason(given: &str, expected: &str, language: &str) -> ReasonKind {
    v(given, expected, &[], language).reason
}

#[test]
fn normalize_ignores_case_whitespace_and_punctuation() {
    assert_eq!(normalize("  ¿Dónde   está?  "), "dónde está");
    assert_eq!(normalize("«Bonjour !»"), "bonjour");
    assert_eq!(normalize("„Guten Tag“, sagte er."), "guten tag sagte er");
    assert_eq!(normalize("¡Hola!\tQué\u{a0}tal"), "hola qué tal");
    assert_eq!(normalize("Hallo,Welt"), "hallo welt");
}

#[test]
fn apostrophes_and_hyphens_survive_only_inside_words() {
    assert_eq!(normalize("L’homme"), "l'homme");
    assert_eq!(normalize("'Haus'"), "haus");
    assert_eq!(normalize("Baden-Württemberg -"), "baden-württemberg");
    assert_eq!(reason("l'homme", "L’homme", "fr"), ReasonKind::Exact);
    assert_eq!(reason("c'est", "c’est", "fr"), ReasonKind::Exact);
}

#[test]
fn decomposed_letters_equal_composed_ones() {
    assert_eq!(reason("Ha\u{308}user", "Häuser", "de"), ReasonKind::Exact);
    assert_eq!(reason("e\u{301}cole", "école", "fr"), ReasonKind::Exact);
    assert_eq!(reason("man\u{303}ana", "mañana", "es"), ReasonKind::Exact);
}

#[test]
fn the_expected_answer_is_correct_whatever_the_case_and_punctuation() {
    let verdict = v("das haus.", "Das Haus", &[], "de");
    assert_eq!(verdict.outcome, Outcome::Correct);
    assert_eq!(verdict.reason, ReasonKind::Exact);
    assert_eq!(verdict.matched, "Das Haus");
    assert_eq!(
        reason(
            "  ¿DÓNDE ESTÁ la estación?",
            "¿Dónde está la estación?",
            "es"
        ),
        ReasonKind::Exact
    );
    assert_eq!(
        reason("Je m'appelle Marie", "Je m’appelle Marie.", "fr"),
        ReasonKind::Exact
    );
    assert_eq!(reason("come stai", "Come stai?", "it"), ReasonKind::Exact);
}

#[test]
fn empty_answers_are_wrong_with_reason_empty() {
    for given in ["", "   ", "?!", "\u{0}", "« »", "\u{200B}"] {
        let verdict = v(given, "la casa", &[], "es");
        assert_eq!(verdict.reason, ReasonKind::Empty, "{given:?}");
        assert_eq!(verdict.outcome, Outcome::Wrong);
        assert_eq!(verdict.matched, "la casa");
    }
}

#[test]
fn odd_unicode_never_panics() {
    for given in [
        "\u{301}",
        "\u{0}a\u{0}",
        "a\u{301}\u{301}\u{301}",
        "İstanbul",
        "ẞ",
        "\u{FFFF}",
        "🇩🇪 Haus",
    ] {
        let _ = v(given, "das Haus", &["\u{308}"], "de");
        let _ = v("das Haus", given, &[], "de");
    }
}

#[test]
fn an_alternative_is_correct_and_named() {
    let verdict = v("Servus", "Hallo", &["Hi", "Servus"], "de");
    assert_eq!(verdict.outcome, Outcome::Correct);
    assert_eq!(verdict.reason, ReasonKind::Alternative);
    assert_eq!(verdict.matched, "Servus");
    assert_eq!(
        v("Hallo", "Hallo", &["Hallo"], "de").reason,
        ReasonKind::Exact
    );
}

#[test]
fn the_best_matching_alternative_wins() {
    let verdict = v("tschuess", "Auf Wiedersehen", &["Tschüss", "Ciao"], "de");
    assert_eq!(verdict.reason, ReasonKind::UmlautTransliteration);
    assert_eq!(verdict.matched, "Tschüss");
    // An exact alternative beats a typo on the expected answer.
    let verdict = v("la caza", "la casa", &["la caza"], "es");
    assert_eq!(verdict.reason, ReasonKind::Alternative);
    // Wrong everywhere: the expected answer is shown.
    assert_eq!(v("perro", "gato", &["felino"], "es").matched, "gato");
}

#[test]
fn german_transliterations_are_accepted_with_a_note() {
    let verdict = v("Strasse", "Straße", &[], "de");
    assert_eq!(verdict.outcome, Outcome::AcceptedWithNote);
    assert_eq!(verdict.reason, ReasonKind::UmlautTransliteration);
    assert_eq!(
        verdict.message,
        "Accepted, but watch the spelling: Straße is written with ß."
    );
    let verdict = v("Viele Gruesse", "Viele Grüße", &[], "de-AT");
    assert_eq!(
        verdict.message,
        "Accepted, but watch the spelling: Grüße is written with ü and ß."
    );
    assert_eq!(
        reason("schoen", "schön", "de"),
        ReasonKind::UmlautTransliteration
    );
    assert_eq!(
        reason("Aepfel", "Äpfel", "de"),
        ReasonKind::UmlautTransliteration
    );
}

#[test]
fn a_missing_umlaut_is_an_accent_note() {
    let verdict = v("Hauser", "Häuser", &[], "de");
    assert_eq!(verdict.reason, ReasonKind::Accent);
    assert_eq!(
        verdict.message,
        "Accepted, but watch the spelling: Häuser is written with ä."
    );
}

#[test]
fn transliteration_rules_are_german_only() {
    assert_ne!(
        reason("Muenchen", "München", "en"),
        ReasonKind::UmlautTransliteration
    );
    assert_eq!(
        reason("Muenchen", "München", "de"),
        ReasonKind::UmlautTransliteration
    );
}

#[test]
fn french_missing_accents_are_accepted_with_a_note() {
    let verdict = v("l'ecole", "l'école", &[], "fr");
    assert_eq!(verdict.outcome, Outcome::AcceptedWithNote);
    assert_eq!(verdict.reason, ReasonKind::Accent);
    assert_eq!(
        verdict.message,
        "Accepted, but watch the spelling: l'école is written with é."
    );
    assert!(
        v("francais", "français", &[], "fr")
            .message
            .contains("français is written with ç")
    );
    assert_eq!(reason("fenetre", "fenêtre", "fr"), ReasonKind::Accent);
    assert_eq!(reason("coeur", "cœur", "fr"), ReasonKind::Accent);
}

#[test]
fn spanish_and_italian_missing_or_wrong_accents_are_notes() {
    assert!(
        v("manana", "mañana", &[], "es")
            .message
            .contains("mañana is written with ñ")
    );
    assert_eq!(reason("cancion", "canción", "es"), ReasonKind::Accent);
    assert!(
        v("citta", "città", &[], "it")
            .message
            .contains("città is written with à")
    );
    // A grave accent for an acute one.
    let verdict = v("perchè", "perché", &[], "it");
    assert_eq!(verdict.reason, ReasonKind::Accent);
    assert!(verdict.message.contains("perché is written with é"));
}

#[test]
fn max_typos_scales_with_length() {
    let allowed: Vec<usize> = (0..=12).map(max_typos).collect();
    assert_eq!(allowed, [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
}

#[test]
fn one_typo_in_a_long_word_is_accepted_and_named() {
    let verdict = v("Wonung", "Wohnung", &[], "de");
    assert_eq!(verdict.outcome, Outcome::AcceptedWithNote);
    assert_eq!(verdict.reason, ReasonKind::Typo);
    assert_eq!(
        verdict.message,
        "Accepted, but watch the spelling: it is Wohnung, not Wonung."
    );
    assert_eq!(reason("biblioteka", "biblioteca", "es"), ReasonKind::Typo);
    assert_eq!(reason("ragazzzo", "ragazzo", "it"), ReasonKind::Typo);
    // A transposition counts as one.
    assert_eq!(reason("Fenstre", "Fenster", "de"), ReasonKind::Typo);
}

#[test]
fn long_words_tolerate_two_typos_but_not_three() {
    assert_eq!(reason("Biblotek", "Bibliothek", "de"), ReasonKind::Typo);
    assert_eq!(reason("Bblotek", "Bibliothek", "de"), ReasonKind::Wrong);
    assert_eq!(reason("Wonunk", "Wohnung", "de"), ReasonKind::Wrong);
}

#[test]
fn short_words_tolerate_no_typo() {
    assert_eq!(reason("cosa", "casa", "it"), ReasonKind::Wrong);
    assert_eq!(reason("chta", "chat", "fr"), ReasonKind::Wrong);
    assert_eq!(reason("Huas", "Haus", "de"), ReasonKind::Wrong);
    assert_eq!(reason("gato", "gatto", "it"), ReasonKind::Typo);
    // Not even inside a long sentence.
    assert_eq!(
        reason("Ich wohne im Berlin", "Ich wohne in Berlin", "de"),
        ReasonKind::Wrong
    );
    assert_eq!(
        reason("Ich wohne in Berlim", "Ich wohne in Berlin", "de"),
        ReasonKind::Typo
    );
}

#[test]
fn spacing_slips_are_typos() {
    assert_eq!(
        reason("zumBeispiel", "zum Beispiel", "de"),
        ReasonKind::Typo
    );
    assert_eq!(reason("l homme", "l'homme", "fr"), ReasonKind::Typo);
    // A dropped word is not a spacing slip.
    assert_eq!(
        reason("je vais Paris", "je vais à Paris", "fr"),
        ReasonKind::Wrong
    );
}

#[test]
fn accents_do_not_count_as_typos() {
    let verdict = v("biblioteque", "bibliothèque", &[], "fr");
    assert_eq!(verdict.reason, ReasonKind::Typo);
    assert!(verdict.message.contains("bibliothèque"));
}

#[test]
fn unrelated_answers_are_wrong_and_show_the_answer() {
    let verdict = v("le chien", "le chat", &[], "fr");
    assert_eq!(verdict.outcome, Outcome::Wrong);
    assert_eq!(verdict.reason, ReasonKind::Wrong);
    assert_eq!(verdict.message, "Not quite. The answer is: le chat");
}

#[test]
fn verdicts_serialize_in_snake_case() {
    let json = serde_json::to_value(v("Strasse", "Straße", &[], "de")).unwrap();
    assert_eq!(json["outcome"], "accepted_with_note");
    assert_eq!(json["reason"], "umlaut_transliteration");
    assert_eq!(json["matched"], "Straße");
    let json = serde_json::to_value(v("die Haus", "das Haus", &[], "de")).unwrap();
    assert_eq!(json["reason"], "wrong_article");
    assert_eq!(json["outcome"], "wrong");
}

#[test]
fn outcome_follows_reason() {
    assert!(v("Wonung", "Wohnung", &[], "de").is_accepted());
    assert!(!v("Haus", "das Haus", &[], "de").is_accepted());
    assert_eq!(ReasonKind::Typo.outcome(), Outcome::AcceptedWithNote);
    assert_eq!(ReasonKind::Empty.outcome(), Outcome::Wrong);
}
