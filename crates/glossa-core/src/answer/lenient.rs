//! Accent and umlaut leniency: the right letters without (or with other)
//! diacritics, or German umlauts typed as `ae`/`oe`/`ue` and `ß` as `ss`.
//! Such answers are accepted, with a note on the spelling.

use super::ReasonKind;
use super::normalize::{Text, folds, strip_accents, transliterate_german};

/// Whether `given` is `expected` up to German transliteration
/// ([`ReasonKind::UmlautTransliteration`], German only) or up to
/// diacritics ([`ReasonKind::Accent`]). `None` when the letters differ (or
/// when the keys are equal: that is an exact match, not leniency).
pub(crate) fn compare(given: &Text, expected: &Text, german: bool) -> Option<ReasonKind> {
    let (g, e) = (given.key(), expected.key());
    if g == e {
        return None;
    }
    if german && transliterate_german(&g) == transliterate_german(&e) {
        return Some(ReasonKind::UmlautTransliteration);
    }
    let (gf, ef) = (folds(&g, german), folds(&e, german));
    gf.iter()
        .any(|a| ef.contains(a))
        .then_some(ReasonKind::Accent)
}

/// True when two single words are the same up to diacritics and, for
/// German, transliteration.
pub(crate) fn same_letters(given: &str, expected: &str, german: bool) -> bool {
    given == expected || {
        let ef = folds(expected, german);
        folds(given, german).iter().any(|a| ef.contains(a))
    }
}

/// "Accepted, but watch the spelling: Straße is written with ß."
///
/// Names every word that differs and the special letters of the expected
/// word that the answer lacks.
pub(crate) fn spelling_note(given: &Text, expected: &Text) -> String {
    let mut parts = Vec::new();
    if given.keys.len() == expected.keys.len() {
        for ((gk, ek), shown) in given.keys.iter().zip(&expected.keys).zip(&expected.display) {
            if gk != ek {
                parts.push(describe(gk, ek, shown));
            }
        }
    }
    if parts.is_empty() {
        parts.push(format!("it is written {}", expected.shown()));
    }
    format!("Accepted, but watch the spelling: {}.", parts.join("; "))
}

/// "Grüße is written with ü and ß", or "it is written cafe" when the
/// expected word has no special letter the answer is missing.
fn describe(given_key: &str, expected_key: &str, shown: &str) -> String {
    let mut special: Vec<char> = Vec::new();
    for c in expected_key.chars() {
        let special_letter = strip_accents(&c.to_string()) != c.to_string();
        if special_letter && c.is_alphabetic() && !given_key.contains(c) && !special.contains(&c) {
            special.push(c);
        }
    }
    let letters: Vec<String> = special.iter().map(char::to_string).collect();
    match letters.as_slice() {
        [] => format!("it is written {shown}"),
        [one] => format!("{shown} is written with {one}"),
        [init @ .., last] => format!("{shown} is written with {} and {last}", init.join(", ")),
    }
}
