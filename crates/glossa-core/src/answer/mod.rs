//! Answer checking: whether a learner's typed answer matches an exercise's
//! expected answer or one of its alternatives, and why, in words a learner
//! understands. Pure: no I/O, no clock, never panics on any input.
//!
//! [`check`] applies these rules to the expected answer and to every
//! alternative, and the best result wins (accepted beats wrong; among equal
//! results the expected answer beats the alternatives):
//!
//! 1. Normalisation ([`normalize`]): Unicode NFC, case, punctuation (also
//!    `« » „ “ ¿ ¡`), surrounding and repeated whitespace do not matter.
//!    Equal after that: [`ReasonKind::Exact`] or [`ReasonKind::Alternative`].
//! 2. German umlauts typed as `ae`/`oe`/`ue` and `ß` as `ss`
//!    ([`ReasonKind::UmlautTransliteration`]), or missing or other
//!    diacritics, `é` → `e`, `ñ` → `n`, `ä` → `a` ([`ReasonKind::Accent`]):
//!    accepted with a note naming the letters to watch.
//! 3. German only: the same words with another article, or without the
//!    article ([`ReasonKind::WrongArticle`], [`ReasonKind::MissingArticle`]):
//!    wrong, with the gender or case explained.
//! 4. The same words in another order ([`ReasonKind::WordOrder`]): wrong,
//!    with a hint on German verb position when one applies.
//! 5. Typos within [`max_typos`] ([`ReasonKind::Typo`]): accepted with a
//!    note naming the expected spelling.
//! 6. Anything else is [`ReasonKind::Wrong`]; an answer with nothing but
//!    whitespace and punctuation is [`ReasonKind::Empty`].

mod german;
mod lenient;
mod normalize;
mod order;
mod typo;

#[cfg(test)]
mod prop_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_german;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use utoipa::ToSchema;

pub use normalize::normalize;
pub use typo::max_typos;

use normalize::Text;

/// Whether an answer counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The answer, as expected or as an accepted alternative.
    Correct,
    /// Counts as correct, but the spelling deserves a look.
    AcceptedWithNote,
    /// Does not count.
    Wrong,
}

/// Why an answer got its outcome, for programs (the message is for people).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReasonKind {
    /// The expected answer (up to case, whitespace and punctuation).
    Exact,
    /// One of the accepted alternatives.
    Alternative,
    /// Missing or other diacritics (`cafe` for `café`).
    Accent,
    /// German `ae`/`oe`/`ue`/`ss` for `ä`/`ö`/`ü`/`ß`.
    UmlautTransliteration,
    /// A small spelling slip (see [`max_typos`]).
    Typo,
    /// German: the noun with another article (`die Haus`).
    WrongArticle,
    /// German: the noun without its article (`Haus` for `das Haus`).
    MissingArticle,
    /// The right words in the wrong order.
    WordOrder,
    /// Not the answer.
    Wrong,
    /// Nothing was written.
    Empty,
}

impl ReasonKind {
    /// The outcome this reason leads to.
    pub const fn outcome(self) -> Outcome {
        match self {
            ReasonKind::Exact | ReasonKind::Alternative => Outcome::Correct,
            ReasonKind::Accent | ReasonKind::UmlautTransliteration | ReasonKind::Typo => {
                Outcome::AcceptedWithNote
            }
            _ => Outcome::Wrong,
        }
    }

    /// Preference among the candidates' results: lower is better.
    const fn tier(self) -> u8 {
        match self {
            ReasonKind::Exact | ReasonKind::Alternative => 0,
            ReasonKind::UmlautTransliteration => 1,
            ReasonKind::Accent => 2,
            ReasonKind::Typo => 3,
            ReasonKind::WrongArticle => 4,
            ReasonKind::MissingArticle => 5,
            ReasonKind::WordOrder => 6,
            ReasonKind::Wrong | ReasonKind::Empty => 7,
        }
    }
}

/// The judgement of one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Verdict {
    /// Whether the answer counts.
    pub outcome: Outcome,
    /// The expected form the answer was judged against (the expected answer
    /// or the matching alternative, as written by the author, trimmed):
    /// what to show as "the answer".
    #[schema(example = "das Haus")]
    pub matched: String,
    /// Why, for programs.
    pub reason: ReasonKind,
    /// Why, for the learner.
    #[schema(example = "Wrong article: Haus is neuter, so it is das Haus (not die Haus).")]
    pub message: String,
}

impl Verdict {
    /// True unless the answer is wrong.
    pub const fn is_accepted(&self) -> bool {
        !matches!(self.outcome, Outcome::Wrong)
    }

    fn new(reason: ReasonKind, matched: String, message: String) -> Self {
        Self {
            outcome: reason.outcome(),
            matched,
            reason,
            message,
        }
    }
}

/// Judges `given` against `expected` and its `alternatives` in `language`
/// (a language code or name; German rules apply to `de`, `de-AT`, ...).
/// See the [module documentation](self) for the rules.
pub fn check(given: &str, expected: &str, alternatives: &[String], language: &str) -> Verdict {
    let german = german::is_german(language);
    let shown = |raw: &str| raw.trim().nfc().collect::<String>();
    let answer = Text::new(given);
    if answer.is_empty() {
        let matched = shown(expected);
        let message = format!("No answer given. The answer is: {matched}");
        return Verdict::new(ReasonKind::Empty, matched, message);
    }
    let candidates = std::iter::once(expected).chain(alternatives.iter().map(String::as_str));
    let mut best: Option<((u8, usize), Verdict)> = None;
    for (i, raw) in candidates.enumerate() {
        let candidate = Text::new(raw);
        if candidate.is_empty() {
            continue;
        }
        let (distance, verdict) = judge(&answer, &candidate, shown(raw), i == 0, german);
        let rank = (verdict.reason.tier(), distance);
        if best.as_ref().is_none_or(|(r, _)| rank < *r) {
            best = Some((rank, verdict));
        }
    }
    best.map(|(_, v)| v).unwrap_or_else(|| {
        let matched = shown(expected);
        let message = format!("Not quite. The answer is: {matched}");
        Verdict::new(ReasonKind::Wrong, matched, message)
    })
}

/// The verdict against one candidate, with the number of typos (0 unless
/// the reason is a typo) to rank candidates.
fn judge(
    answer: &Text,
    candidate: &Text,
    matched: String,
    primary: bool,
    german: bool,
) -> (usize, Verdict) {
    if answer.keys == candidate.keys {
        let (reason, message) = if primary {
            (ReasonKind::Exact, "Correct!".to_owned())
        } else {
            (
                ReasonKind::Alternative,
                "Correct! That is one of the accepted answers.".to_owned(),
            )
        };
        return (0, Verdict::new(reason, matched, message));
    }
    if let Some(reason) = lenient::compare(answer, candidate, german) {
        let message = lenient::spelling_note(answer, candidate);
        return (0, Verdict::new(reason, matched, message));
    }
    if german && let Some((reason, message)) = german::article_error(answer, candidate) {
        return (0, Verdict::new(reason, matched, message));
    }
    if order::same_words_other_order(answer, candidate, german) {
        let message = order::order_message(answer, candidate, &matched, german);
        return (0, Verdict::new(ReasonKind::WordOrder, matched, message));
    }
    if let Some(typos) = typo::typos(answer, candidate, german) {
        let message = typo::typo_note(answer, candidate);
        return (typos, Verdict::new(ReasonKind::Typo, matched, message));
    }
    let message = format!("Not quite. The answer is: {matched}");
    (0, Verdict::new(ReasonKind::Wrong, matched, message))
}
