//! German-specific feedback: articles (gender and case) and the position
//! of the conjugated verb.

use super::ReasonKind;
use super::lenient::same_letters;
use super::normalize::Text;
use super::typo::word_within;

/// True for German, however the language is written: `de`, `de-AT`,
/// `de_CH`, `deu`, `ger`, `German`, `Deutsch`.
pub(crate) fn is_german(language: &str) -> bool {
    let lang = language.trim().to_ascii_lowercase();
    let base = lang.split(['-', '_']).next().unwrap_or_default();
    matches!(base, "de" | "deu" | "ger" | "german" | "deutsch")
}

/// Definite, indefinite and negative articles in every case.
const ARTICLES: [&str; 18] = [
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "kein", "keine", "keinen", "keinem", "keiner", "keines",
];

/// True for a lower-case German article.
pub(crate) fn is_article(key: &str) -> bool {
    ARTICLES.contains(&key)
}

/// What a nominative article says about its noun's gender, as used in a
/// vocabulary entry (`das Haus`).
fn gender(article: &str) -> Option<&'static str> {
    Some(match article {
        "der" => "is masculine",
        "das" => "is neuter",
        "die" | "keine" => "takes die (feminine, or any plural)",
        "ein" | "kein" => "is masculine or neuter",
        "eine" => "is feminine",
        _ => return None,
    })
}

/// The cases an article form can stand for, for sentence answers.
fn case_of(article: &str) -> &'static str {
    match article {
        "der" => "masculine nominative, or feminine dative/genitive",
        "die" => "feminine or plural, nominative/accusative",
        "das" => "neuter, nominative/accusative",
        "den" => "masculine accusative, or dative plural",
        "dem" | "einem" | "keinem" => "masculine or neuter dative",
        "des" | "eines" | "keines" => "masculine or neuter genitive",
        "ein" | "kein" => "masculine nominative, or neuter nominative/accusative",
        "eine" | "keine" => "feminine nominative/accusative",
        "einen" | "keinen" => "masculine accusative",
        _ => "feminine dative/genitive",
    }
}

fn same_word(given: &str, expected: &str) -> bool {
    same_letters(given, expected, true) || word_within(given, expected, true)
}

/// A wrong or missing article: the answer is `expected` with other
/// article(s), or without one, and otherwise the same words (up to accents
/// and typos). Returns the reason and the learner's message.
pub(crate) fn article_error(given: &Text, expected: &Text) -> Option<(ReasonKind, String)> {
    let (g, e) = (&given.keys, &expected.keys);
    let vocabulary = e.len() == 2 && e.first().is_some_and(|a| is_article(a));
    let noun = expected
        .display
        .last()
        .map(String::as_str)
        .unwrap_or_default();
    if g.len() == e.len() {
        let mut wrong = Vec::new();
        for (i, (gw, ew)) in g.iter().zip(e).enumerate() {
            if gw == ew || (!is_article(ew) && same_word(gw, ew)) {
                continue;
            }
            if !(is_article(gw) && is_article(ew)) {
                return None;
            }
            wrong.push(i);
        }
        let first = *wrong.first()?;
        let (ga, ea) = (&g[first], &e[first]);
        let gender = gender(ea).filter(|_| vocabulary);
        let message = match gender {
            Some(g) => format!(
                "Wrong article: {noun} {g}, so it is {} (not {ga} {noun}).",
                expected.shown()
            ),
            None => {
                let phrases: Vec<String> =
                    wrong.iter().map(|&i| phrase(expected, given, i)).collect();
                format!("Wrong article: {}.", phrases.join("; "))
            }
        };
        return Some((ReasonKind::WrongArticle, message));
    }
    if g.len() + 1 != e.len() {
        return None;
    }
    let missing = (0..e.len().saturating_sub(1)).find(|&i| {
        is_article(&e[i])
            && e.iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, w)| w)
                .zip(g)
                .all(|(ew, gw)| same_word(gw, ew))
    })?;
    let message = match gender(&e[missing]).filter(|_| vocabulary) {
        Some(g) => format!(
            "Missing article: {noun} {g}, so it is {}.",
            expected.shown()
        ),
        None => {
            let article = &expected.display[missing];
            let next = expected
                .display
                .get(missing + 1)
                .map(String::as_str)
                .unwrap_or_default();
            format!("Missing article: it is {article} {next} here.")
        }
    };
    Some((ReasonKind::MissingArticle, message))
}

/// "it is den Hund here (den: masculine accusative, or dative plural), not der Hund"
fn phrase(expected: &Text, given: &Text, i: usize) -> String {
    let word = |t: &Text, j: usize| {
        t.display
            .get(j)
            .map(String::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let next = word(expected, i + 1);
    let article = expected.keys.get(i).map(String::as_str).unwrap_or_default();
    format!(
        "it is {} {next} here ({article}: {}), not {} {next}",
        word(expected, i),
        case_of(article),
        word(given, i)
    )
    .replace("  ", " ")
}

/// Subordinating conjunctions that send the conjugated verb to the end
/// (not `als`, `bis`, `da`, `seit`: they are often prepositions or adverbs).
const SUBORDINATORS: [&str; 11] = [
    "dass", "weil", "ob", "wenn", "obwohl", "damit", "bevor", "nachdem", "während", "sodass",
    "falls",
];

/// Irregular finite forms that do not look like verbs by their ending.
const IRREGULAR: [&str; 12] = [
    "bin", "ist", "war", "hat", "kann", "muss", "will", "soll", "darf", "mag", "weiß", "sind",
];

/// Lower-case and ending like a finite verb (`gehe`, `gehst`, `geht`,
/// `gehen`) or a common irregular form.
fn looks_finite(shown: &str, key: &str) -> bool {
    let lower_initial = shown.chars().next().is_some_and(|c| !c.is_uppercase());
    lower_initial
        && (IRREGULAR.contains(&key)
            || ["e", "st", "t", "en", "n"]
                .iter()
                .any(|s| key.len() > 2 && key.ends_with(s)))
}

fn is_determiner(key: &str) -> bool {
    is_article(key)
        || ["mein", "dein", "sein", "ihr", "unser", "euer", "eur"]
            .iter()
            .any(|p| {
                key.strip_prefix(p)
                    .is_some_and(|rest| ["", "e", "en", "em", "er", "es"].contains(&rest))
            })
}

/// A hint on German verb position for an answer with the right words in
/// the wrong order: verb-final after a subordinating conjunction, verb
/// second in a statement. `None` when neither rule obviously applies.
pub(crate) fn verb_hint(given: &Text, expected: &Text, raw_expected: &str) -> Option<String> {
    let (g, e) = (&given.keys, &expected.keys);
    let last_clause = Text::new(raw_expected.rsplit(',').next().unwrap_or_default());
    let sub = last_clause
        .keys
        .first()
        .filter(|k| SUBORDINATORS.contains(&k.as_str()));
    let (last_shown, last_key) = (expected.display.last()?, e.last()?);
    if let Some(sub) = sub {
        if looks_finite(last_shown, last_key) && g.last() != Some(last_key) {
            return Some(format!(
                "After „{sub}“ the conjugated verb ({last_shown}) goes to the end of the clause."
            ));
        }
        return None;
    }
    if raw_expected.trim_end().ends_with('?') || SUBORDINATORS.contains(&e.first()?.as_str()) {
        return None;
    }
    let pos = if is_determiner(e.first()?) {
        // The first constituent runs to the noun: `Der alte Mann | schläft`,
        // unless a verb comes first (`Das | ist Anna`).
        let noun = expected
            .display
            .iter()
            .skip(1)
            .position(|w| w.chars().next().is_some_and(char::is_uppercase));
        match noun {
            Some(n)
                if !e
                    .iter()
                    .skip(1)
                    .take(n)
                    .any(|k| IRREGULAR.contains(&k.as_str())) =>
            {
                n + 2
            }
            _ => 1,
        }
    } else {
        1
    };
    let (verb_shown, verb_key) = (expected.display.get(pos)?, e.get(pos)?);
    if looks_finite(verb_shown, verb_key) && g.get(pos) != Some(verb_key) {
        return Some(format!(
            "In a German statement the conjugated verb ({verb_shown}) comes second."
        ));
    }
    None
}
