//! Property tests for answer checking.

use proptest::prelude::*;
use strsim::damerau_levenshtein;

use super::*;

const LANGUAGES: [&str; 5] = ["de", "fr", "es", "it", "en"];
const PUNCTUATION: [&str; 16] = [
    ".", ",", "!", "?", ";", ":", "\"", "«", "»", "„", "“", "¿", "¡", "'", "…", "-",
];
const SPACES: [&str; 6] = [" ", "  ", "\t", "\n", "\u{a0}", "\u{3000}"];

/// A word as an exercise would contain it, with accents, umlauts and
/// in-word apostrophes.
fn word() -> impl Strategy<Value = String> {
    "[a-zA-Zäöüßéèêàçñíóú]{1,9}('[a-zäöéè]{1,4})?"
}

/// Upper-cases `c` when lower-casing gives it back (not `ß` → `SS`).
fn flip_case(c: char, upper: bool) -> String {
    let up: String = c.to_uppercase().collect();
    if upper && up.to_lowercase() == c.to_lowercase().collect::<String>() {
        up
    } else {
        c.to_string()
    }
}

/// The words written with other case, whitespace and surrounding
/// punctuation.
fn disguise(
    words: &[String],
    case: &[bool],
    spaces: &[usize],
    puncts: &[(usize, usize)],
) -> String {
    let mut out = String::new();
    let mut flips = case.iter().cycle();
    for (i, w) in words.iter().enumerate() {
        let (before, after) = puncts[i % puncts.len()];
        out.push_str(SPACES[spaces[i % spaces.len()] % SPACES.len()]);
        out.push_str(PUNCTUATION[before % PUNCTUATION.len()]);
        for c in w.chars() {
            out.push_str(&flip_case(c, *flips.next().unwrap_or(&false)));
        }
        out.push_str(PUNCTUATION[after % PUNCTUATION.len()]);
    }
    out.push_str(SPACES[spaces[0] % SPACES.len()]);
    out
}

/// One random edit (insert, delete, replace, swap) of a lower-case ASCII word.
fn edit(word: &str, (kind, at, letter): (u8, usize, char)) -> String {
    let mut cs: Vec<char> = word.chars().collect();
    let at = at % (cs.len() + 1);
    match kind % 4 {
        0 => cs.insert(at, letter),
        1 if at < cs.len() => drop(cs.remove(at)),
        2 if at < cs.len() => cs[at] = letter,
        3 if at + 1 < cs.len() => cs.swap(at, at + 1),
        _ => {}
    }
    cs.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn expected_answer_survives_case_whitespace_and_punctuation_changes(
        words in prop::collection::vec(word(), 1..6),
        case in prop::collection::vec(any::<bool>(), 1..20),
        spaces in prop::collection::vec(0usize..SPACES.len(), 1..6),
        puncts in prop::collection::vec((0usize..40, 0usize..40), 1..6),
        lang in 0usize..LANGUAGES.len(),
    ) {
        let expected = words.join(" ");
        let given = disguise(&words, &case, &spaces, &puncts);
        let verdict = check(&given, &expected, &[], LANGUAGES[lang]);
        prop_assert_eq!(verdict.reason, ReasonKind::Exact, "{:?} for {:?}: {}", given, expected, verdict.message);
        prop_assert_eq!(verdict.outcome, Outcome::Correct);
        prop_assert_eq!(verdict.matched, expected);
    }

    #[test]
    fn a_disguised_alternative_is_correct(
        words in prop::collection::vec(word(), 1..4),
        other in word(),
        case in prop::collection::vec(any::<bool>(), 1..20),
        puncts in prop::collection::vec((0usize..40, 0usize..40), 1..4),
    ) {
        let alternative = words.join(" ");
        let expected = format!("{other} {other} {other}");
        prop_assume!(normalize(&alternative) != normalize(&expected));
        let given = disguise(&words, &case, &[0], &puncts);
        let verdict = check(&given, &expected, std::slice::from_ref(&alternative), "fr");
        prop_assert_eq!(verdict.outcome, Outcome::Correct);
        prop_assert_eq!(verdict.matched, alternative);
    }

    #[test]
    fn check_never_panics_and_stays_consistent(
        given in any::<String>(),
        expected in any::<String>(),
        alternatives in prop::collection::vec(any::<String>(), 0..3),
        language in any::<String>(),
    ) {
        let verdict = check(&given, &expected, &alternatives, &language);
        prop_assert_eq!(verdict.outcome, verdict.reason.outcome());
        prop_assert_eq!(verdict.reason == ReasonKind::Empty, normalize(&given).is_empty());
        prop_assert!(!verdict.message.is_empty());
        let shown = |s: &String| s.trim().nfc().collect::<String>();
        prop_assert!(
            verdict.matched == shown(&expected) || alternatives.iter().any(|a| verdict.matched == shown(a))
        );
    }

    #[test]
    fn combining_marks_and_controls_never_panic(given in "[\\u{0}-\\u{1f}a-zä\\u{300}-\\u{36f} ]{0,12}") {
        let verdict = check(&given, "das Haus", &["la maison".to_owned()], "de");
        prop_assert_eq!(verdict.outcome, verdict.reason.outcome());
    }

    /// Acceptance depends on the number of edits alone: an accepted answer
    /// is never further from the expected word than a rejected one.
    #[test]
    fn accepted_typos_are_never_further_than_rejected_ones(
        expected in "[a-z]{1,14}",
        edits_a in prop::collection::vec((any::<u8>(), any::<usize>(), proptest::char::range('a', 'z')), 0..4),
        edits_b in prop::collection::vec((any::<u8>(), any::<usize>(), proptest::char::range('a', 'z')), 0..4),
    ) {
        let a = edits_a.into_iter().fold(expected.clone(), |w, e| edit(&w, e));
        let b = edits_b.into_iter().fold(expected.clone(), |w, e| edit(&w, e));
        let (va, vb) = (check(&a, &expected, &[], "it"), check(&b, &expected, &[], "it"));
        let (da, db) = (damerau_levenshtein(&a, &expected), damerau_levenshtein(&b, &expected));
        let allowed = max_typos(expected.len());
        prop_assert_eq!(va.is_accepted(), da <= allowed, "{:?} vs {:?}: {}", a, expected, va.message);
        if va.is_accepted() && !vb.is_accepted() {
            prop_assert!(da < db);
        }
        if da > 0 && da <= allowed {
            prop_assert_eq!(va.reason, ReasonKind::Typo);
        }
    }

    /// Dropping every accent is a note, never a rejection; changing a letter
    /// of a short word is a rejection, never a note.
    #[test]
    fn accents_are_lenient_but_letters_are_not(
        expected in "[a-zéèàçñíóú]{1,4}",
        at in any::<usize>(),
        lang in 0usize..4,
    ) {
        let plain: String = expected.nfd().filter(|c| c.is_ascii()).collect();
        let verdict = check(&plain, &expected, &[], LANGUAGES[lang]);
        prop_assert!(verdict.is_accepted());
        let expected_reason = if plain == expected { ReasonKind::Exact } else { ReasonKind::Accent };
        prop_assert_eq!(verdict.reason, expected_reason);

        let mut chars: Vec<char> = plain.chars().collect();
        let at = at % chars.len();
        chars[at] = if chars[at] == 'x' { 'q' } else { 'x' };
        let changed: String = chars.into_iter().collect();
        prop_assert!(!check(&changed, &expected, &[], LANGUAGES[lang]).is_accepted());
    }

    #[test]
    fn shuffled_words_are_a_word_order_error(
        (words, shuffled) in prop::collection::vec("[a-z]{3,8}", 2..6)
            .prop_flat_map(|w| (Just(w.clone()), Just(w).prop_shuffle())),
    ) {
        let verdict = check(&shuffled.join(" "), &words.join(" "), &[], "es");
        let reason = if shuffled == words { ReasonKind::Exact } else { ReasonKind::WordOrder };
        prop_assert_eq!(verdict.reason, reason);
    }

    #[test]
    fn another_german_article_is_always_an_article_error(
        noun in "[A-Z][a-z]{2,10}",
        expected in 0usize..3,
        given in 0usize..3,
    ) {
        let articles = ["der", "die", "das"];
        let verdict = check(&format!("{} {noun}", articles[given]), &format!("{} {noun}", articles[expected]), &[], "de");
        let reason = if given == expected { ReasonKind::Exact } else { ReasonKind::WrongArticle };
        prop_assert_eq!(verdict.reason, reason);
        prop_assert_eq!(check(&noun, &format!("{} {noun}", articles[expected]), &[], "de").reason, ReasonKind::MissingArticle);
    }
}
