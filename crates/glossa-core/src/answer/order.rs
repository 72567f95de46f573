//! Word order: sentence building with exactly the expected words, placed
//! differently.

use super::german;
use super::normalize::{Text, folds};

/// The words of `t` in a comparable form: accent-free (for German also
/// transliterated), so that order is judged apart from spelling.
fn folded_words(t: &Text, german: bool) -> Vec<String> {
    t.keys
        .iter()
        .map(|k| folds(k, german).pop().unwrap_or_default())
        .collect()
}

/// True when `given` has exactly the words of `expected` (same words, same
/// number of times each, up to accents) in another order.
pub(crate) fn same_words_other_order(given: &Text, expected: &Text, german: bool) -> bool {
    if given.keys.len() != expected.keys.len() || expected.keys.len() < 2 {
        return false;
    }
    let (mut g, mut e) = (folded_words(given, german), folded_words(expected, german));
    if g == e {
        return false;
    }
    g.sort_unstable();
    e.sort_unstable();
    g == e
}

/// "All the right words, but in the wrong order." plus, for German, a
/// hint on the verb position when one applies, and the answer.
pub(crate) fn order_message(
    given: &Text,
    expected: &Text,
    raw_expected: &str,
    german: bool,
) -> String {
    let hint = if german {
        german::verb_hint(given, expected, raw_expected)
    } else {
        None
    };
    match hint {
        Some(hint) => format!(
            "All the right words, but in the wrong order. {hint} The answer is: {}",
            raw_expected.trim()
        ),
        None => format!(
            "All the right words, but in the wrong order. The answer is: {}",
            raw_expected.trim()
        ),
    }
}
