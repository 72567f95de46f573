//! Unit tests for German articles and for word order in all languages.

use super::german::is_german;
use super::tests::{reason, v};
use super::*;

#[test]
fn german_is_recognised_however_it_is_written() {
    for language in [
        "de",
        "DE",
        "de-AT",
        "de_CH",
        "deu",
        "ger",
        "German",
        " deutsch ",
    ] {
        assert!(is_german(language), "{language}");
    }
    for language in ["", "en", "dk", "fr-DE", "nl", "\u{0}"] {
        assert!(!is_german(language), "{language}");
    }
}

#[test]
fn wrong_article_names_the_gender() {
    let verdict = v("die Haus", "das Haus", &[], "de");
    assert_eq!(verdict.outcome, Outcome::Wrong);
    assert_eq!(verdict.reason, ReasonKind::WrongArticle);
    assert_eq!(
        verdict.message,
        "Wrong article: Haus is neuter, so it is das Haus (not die Haus)."
    );
    assert!(
        v("der Haus", "das Haus", &[], "de")
            .message
            .contains("Haus is neuter")
    );
    assert!(
        v("das Tisch", "der Tisch", &[], "de")
            .message
            .contains("Tisch is masculine, so it is der Tisch")
    );
    assert!(
        v("das Frau", "die Frau", &[], "de")
            .message
            .contains("Frau takes die (feminine, or any plural)")
    );
}

#[test]
fn wrong_indefinite_article_names_the_gender() {
    let verdict = v("ein Frau", "eine Frau", &[], "de");
    assert_eq!(verdict.reason, ReasonKind::WrongArticle);
    assert!(
        verdict
            .message
            .contains("Frau is feminine, so it is eine Frau")
    );
    assert!(
        v("eine Tisch", "ein Tisch", &[], "de")
            .message
            .contains("Tisch is masculine or neuter")
    );
    assert_eq!(
        reason("kein Zeit", "keine Zeit", "de"),
        ReasonKind::WrongArticle
    );
}

#[test]
fn wrong_case_forms_in_sentences_are_article_errors() {
    let verdict = v("Ich sehe der Hund.", "Ich sehe den Hund.", &[], "de");
    assert_eq!(verdict.reason, ReasonKind::WrongArticle);
    assert_eq!(
        verdict.message,
        "Wrong article: it is den Hund here (den: masculine accusative, or dative plural), not der Hund."
    );
    assert_eq!(
        reason(
            "Ich gebe den Kind das Buch",
            "Ich gebe dem Kind das Buch",
            "de"
        ),
        ReasonKind::WrongArticle
    );
    assert_eq!(
        reason(
            "Das ist das Auto der Vaters",
            "Das ist das Auto des Vaters",
            "de"
        ),
        ReasonKind::WrongArticle
    );
    // `einen` is one letter away from `einem`: still an article error, not a typo.
    let verdict = v(
        "Ich spreche mit einen Freund",
        "Ich spreche mit einem Freund",
        &[],
        "de",
    );
    assert_eq!(verdict.reason, ReasonKind::WrongArticle);
    assert!(
        verdict
            .message
            .contains("einem: masculine or neuter dative")
    );
    assert_eq!(
        reason("Sie hat einer Katze", "Sie hat eine Katze", "de"),
        ReasonKind::WrongArticle
    );
    assert_eq!(
        reason("Er liest eines Buch", "Er liest ein Buch", "de"),
        ReasonKind::WrongArticle
    );
}

#[test]
fn the_article_is_judged_even_when_the_noun_has_a_slip() {
    assert_eq!(
        reason("der Wonung", "die Wohnung", "de"),
        ReasonKind::WrongArticle
    );
    assert_eq!(
        reason("der Strasse", "die Straße", "de"),
        ReasonKind::WrongArticle
    );
}

#[test]
fn a_missing_article_is_reported() {
    let verdict = v("Haus", "das Haus", &[], "de");
    assert_eq!(verdict.outcome, Outcome::Wrong);
    assert_eq!(verdict.reason, ReasonKind::MissingArticle);
    assert_eq!(
        verdict.message,
        "Missing article: Haus is neuter, so it is das Haus."
    );
    let verdict = v("Ich habe Hund", "Ich habe einen Hund", &[], "de");
    assert_eq!(verdict.reason, ReasonKind::MissingArticle);
    assert_eq!(verdict.message, "Missing article: it is einen Hund here.");
}

#[test]
fn article_rules_need_the_same_noun_and_german() {
    assert_eq!(reason("die Katze", "das Haus", "de"), ReasonKind::Wrong);
    assert_eq!(reason("le maison", "la maison", "fr"), ReasonKind::Wrong);
    assert_eq!(reason("el casa", "la casa", "es"), ReasonKind::Wrong);
    assert_eq!(reason("Katze", "das Haus", "de"), ReasonKind::Wrong);
}

#[test]
fn right_words_in_the_wrong_order_are_named() {
    let verdict = v("Je sais ne pas", "Je ne sais pas.", &[], "fr");
    assert_eq!(verdict.outcome, Outcome::Wrong);
    assert_eq!(verdict.reason, ReasonKind::WordOrder);
    assert_eq!(
        verdict.message,
        "All the right words, but in the wrong order. The answer is: Je ne sais pas."
    );
    assert_eq!(
        reason("El café me gusta", "Me gusta el café", "es"),
        ReasonKind::WordOrder
    );
    assert_eq!(
        reason("Lo non so", "Non lo so", "it"),
        ReasonKind::WordOrder
    );
    // Missing accents do not hide the order.
    assert_eq!(
        reason("El cafe me gusta", "Me gusta el café", "es"),
        ReasonKind::WordOrder
    );
    // Other words are not an order problem.
    assert_eq!(
        reason("Non so lo", "Non lo sapevo", "it"),
        ReasonKind::Wrong
    );
}

#[test]
fn german_word_order_hints_at_verb_second() {
    let verdict = v(
        "Heute ich gehe ins Kino",
        "Heute gehe ich ins Kino.",
        &[],
        "de",
    );
    assert_eq!(verdict.reason, ReasonKind::WordOrder);
    assert!(
        verdict
            .message
            .contains("the conjugated verb (gehe) comes second"),
        "{}",
        verdict.message
    );
    let verdict = v("Der Hund laut bellt", "Der Hund bellt laut", &[], "de");
    assert!(
        verdict.message.contains("(bellt) comes second"),
        "{}",
        verdict.message
    );
    let verdict = v(
        "Der alte Mann gern schläft",
        "Der alte Mann schläft gern",
        &[],
        "de",
    );
    assert!(
        verdict.message.contains("(schläft) comes second"),
        "{}",
        verdict.message
    );
}

#[test]
fn german_word_order_hints_at_verb_final() {
    let verdict = v(
        "Ich bleibe zu Hause, weil ich bin krank",
        "Ich bleibe zu Hause, weil ich krank bin.",
        &[],
        "de",
    );
    assert_eq!(verdict.reason, ReasonKind::WordOrder);
    assert!(
        verdict
            .message
            .contains("After „weil“ the conjugated verb (bin) goes to the end of the clause."),
        "{}",
        verdict.message
    );
}

#[test]
fn no_verb_hint_where_the_rule_does_not_apply() {
    let verdict = v("Wo du wohnst", "Wo wohnst du?", &[], "de");
    assert_eq!(verdict.reason, ReasonKind::WordOrder);
    assert!(!verdict.message.contains("verb"), "{}", verdict.message);
    // The verb is already second; only the rest moved.
    let verdict = v(
        "Ich gehe ins Kino heute",
        "Ich gehe heute ins Kino",
        &[],
        "de",
    );
    assert!(!verdict.message.contains("verb"), "{}", verdict.message);
    // No hints in other languages.
    assert!(
        !v("Hoy yo voy", "Hoy voy yo", &[], "es")
            .message
            .contains("verb")
    );
}
