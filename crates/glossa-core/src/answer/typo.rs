//! Typo tolerance: small slips in long words are accepted with a note.
//!
//! Distances are Damerau-Levenshtein distances (insertions, deletions,
//! substitutions and transpositions of adjacent letters each count one)
//! between the accent-free forms, so a missing accent never counts as a
//! typo. See [`max_typos`] for how many are allowed.

use strsim::damerau_levenshtein;

use super::normalize::{Text, folds};

/// How many typos an expected word or answer of `letters` letters
/// tolerates: none up to 4 letters (`Haus`, `chat`, `casa`), one from 5 to
/// 8 letters (`Wohnung`, `fenêtre`), two from 9 letters on
/// (`Bibliothek`, `biblioteca`).
///
/// The rule is applied twice: to the whole answer (its letters without
/// spaces) and to each of its words, so a sentence tolerates at most two
/// typos and a short word in it (`in`, `das`, `el`) none at all. When the
/// answer has a different number of words, only the spacing may differ
/// (`zumBeispiel` for `zum Beispiel`, `l homme` for `l'homme`).
pub const fn max_typos(letters: usize) -> usize {
    match letters {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// The smallest distance between the folded forms of `a` and `b`, or
/// `None` if it is above `limit`. Lengths are compared first, so answers
/// of any length cost no more than the expected answer's length squared.
pub(crate) fn distance_within(a: &str, b: &str, german: bool, limit: usize) -> Option<usize> {
    let (fa, fb) = (folds(a, german), folds(b, german));
    let mut best: Option<usize> = None;
    for x in &fa {
        for y in &fb {
            if x.chars().count().abs_diff(y.chars().count()) > limit {
                continue;
            }
            let d = damerau_levenshtein(x, y);
            if d <= limit && best.is_none_or(|b| d < b) {
                best = Some(d);
            }
        }
    }
    best
}

/// True when a single `given` word is `expected` up to the typos its
/// length tolerates.
pub(crate) fn word_within(given: &str, expected: &str, german: bool) -> bool {
    distance_within(given, expected, german, max_typos(expected.chars().count())).is_some()
}

/// The number of typos when `given` is `expected` with a tolerable number
/// of them (see [`max_typos`]), otherwise `None`.
pub(crate) fn typos(given: &Text, expected: &Text, german: bool) -> Option<usize> {
    let letters = expected.keys.iter().map(|w| w.chars().count()).sum();
    let limit = max_typos(letters);
    if limit == 0 {
        return None;
    }
    let whole = distance_within(&given.key(), &expected.key(), german, limit)?;
    if given.keys.len() == expected.keys.len() {
        let each = given
            .keys
            .iter()
            .zip(&expected.keys)
            .all(|(g, e)| word_within(g, e, german));
        each.then_some(whole)
    } else {
        // Only the spacing (and apostrophes, hyphens) may differ.
        let joined = |t: &Text| folds(&t.keys.concat().replace(['\'', '-'], ""), german);
        let (g, e) = (joined(given), joined(expected));
        g.iter().any(|x| e.contains(x)).then_some(whole)
    }
}

/// "Accepted, but watch the spelling: it is Wohnung, not Wonung."
pub(crate) fn typo_note(given: &Text, expected: &Text) -> String {
    let mut pairs = Vec::new();
    if given.keys.len() == expected.keys.len() {
        for (i, (g, e)) in given.keys.iter().zip(&expected.keys).enumerate() {
            if g != e {
                let (Some(gs), Some(es)) = (given.display.get(i), expected.display.get(i)) else {
                    continue;
                };
                pairs.push(format!("{es}, not {gs}"));
            }
        }
    }
    if pairs.is_empty() {
        format!(
            "Accepted, but watch the spelling: it is written {}.",
            expected.shown()
        )
    } else {
        format!(
            "Accepted, but watch the spelling: it is {}.",
            pairs.join("; ")
        )
    }
}
