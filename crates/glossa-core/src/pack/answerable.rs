//! Whether an exercise can be answered as written: the structure its type
//! needs is present and consistent with its answer.

use super::model::Exercise;

/// Words of a sentence, lower-cased, without surrounding punctuation.
pub fn tokens(sentence: &str) -> Vec<String> {
    sentence
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| c.is_ascii_punctuation() || "¿¡«»“”„".contains(c))
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn string_list(e: &Exercise, key: &str) -> Option<Vec<String>> {
    e.data.get(key)?.as_array().map(|a| {
        a.iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    })
}

/// `Ok` when the exercise is answerable, otherwise the reason.
pub fn check(e: &Exercise) -> Result<(), String> {
    let parts: Vec<&str> = e.answer.split(" | ").collect();
    match e.exercise_type.as_str() {
        "multiple_choice" => {
            if e.options.len() < 2 {
                return Err("multiple_choice needs at least two options".into());
            }
            if !e.options.iter().any(|o| o == &e.answer) {
                return Err(format!("answer {:?} is not among the options", e.answer));
            }
        }
        "fill_blank" => {
            let blanks = e.question.matches("___").count();
            if blanks == 0 {
                return Err("fill_blank question has no ___ blank".into());
            }
            if blanks != parts.len() {
                return Err(format!(
                    "question has {blanks} blanks but the answer has {} parts",
                    parts.len()
                ));
            }
        }
        "sentence_building" => {
            let Some(words) = string_list(e, "words") else {
                return Err("sentence_building needs data.words".into());
            };
            let mut given: Vec<String> = words.iter().flat_map(|w| tokens(w)).collect();
            let mut expected = tokens(&e.answer);
            given.sort();
            expected.sort();
            if given != expected {
                return Err("data.words are not exactly the words of the answer".into());
            }
        }
        "matching" => {
            let Some(pairs) = e.data.get("pairs").and_then(|p| p.as_array()) else {
                return Err("matching needs data.pairs".into());
            };
            let lefts: Vec<&str> = pairs
                .iter()
                .filter_map(|p| {
                    p.as_array()
                        .and_then(|a| a.first())
                        .and_then(|v| v.as_str())
                })
                .collect();
            if lefts.len() != pairs.len() || pairs.len() < 2 {
                return Err("data.pairs must be at least two [left, right] pairs".into());
            }
            let mut a: Vec<&str> = parts.clone();
            let mut b = lefts.clone();
            a.sort_unstable();
            b.sort_unstable();
            if a != b {
                return Err("answer must list the left items of data.pairs".into());
            }
        }
        _ => {}
    }
    if e.alternatives.iter().any(|a| a.trim().is_empty()) {
        return Err("an alternative answer is empty".into());
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ex(t: &str, q: &str, a: &str) -> Exercise {
        Exercise {
            slug: "x".into(),
            topic: None,
            exercise_type: t.into(),
            level: None,
            category: None,
            question: q.into(),
            answer: a.into(),
            alternatives: vec![],
            options: vec![],
            hints: vec![],
            explanation: None,
            explanation_translations: Default::default(),
            data: json!({}),
        }
    }

    #[test]
    fn multiple_choice_needs_answer_in_options() {
        let mut e = ex("multiple_choice", "?", "dem");
        e.options = vec!["der".into(), "den".into()];
        assert!(check(&e).is_err());
        e.options.push("dem".into());
        assert!(check(&e).is_ok());
    }

    #[test]
    fn blanks_match_answer_parts() {
        assert!(check(&ex("fill_blank", "Ich ___ müde.", "bin")).is_ok());
        assert!(check(&ex("fill_blank", "Ich ___ ___.", "bin")).is_err());
        assert!(check(&ex("fill_blank", "Ich ___ ___.", "bin | müde")).is_ok());
        assert!(check(&ex("fill_blank", "Ich bin müde.", "bin")).is_err());
    }

    #[test]
    fn sentence_building_words_are_the_answer() {
        let mut e = ex("sentence_building", "Ordne", "Gestern bin ich gekommen");
        e.data = json!({"words": ["ich", "gekommen", "gestern", "bin"]});
        assert!(check(&e).is_ok());
        e.data = json!({"words": ["ich", "gekommen", "bin"]});
        assert!(check(&e).is_err());
    }

    #[test]
    fn matching_lists_left_items() {
        let mut e = ex("matching", "Match", "der Hund | die Katze");
        e.data = json!({"pairs": [["die Katze", "the cat"], ["der Hund", "the dog"]]});
        assert!(check(&e).is_ok());
        e.answer = "der Hund".into();
        assert!(check(&e).is_err());
    }
}
