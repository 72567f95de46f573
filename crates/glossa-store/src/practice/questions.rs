//! Building quiz questions from drawn words, and judging an answer to
//! one (matching: every pair with `answer::check`).

use glossa_core::answer::{Outcome, ReasonKind, Verdict, check};
use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Shuffler;
use super::quiz::NewQuiz;
use super::words::{DrawnWord, distractors};
use crate::error::StoreResult;

/// A question as stored, with its answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Stored {
    pub(crate) kind: String,
    pub(crate) word_ids: Vec<Uuid>,
    pub(crate) prompt: String,
    #[serde(default)]
    pub(crate) options: Vec<String>,
    #[serde(default)]
    pub(crate) items: Vec<String>,
    pub(crate) answer: String,
    #[serde(default)]
    pub(crate) alternatives: Vec<String>,
}

pub(crate) fn noun_with_article(w: &DrawnWord, language: &str) -> String {
    let article = match (language, w.gender.as_deref()) {
        ("de", Some("m")) => "der ",
        ("de", Some("f")) => "die ",
        ("de", Some("n")) => "das ",
        _ => "",
    };
    format!("{article}{}", w.base_form)
}

fn blank(w: &DrawnWord) -> String {
    if let Some(example) = &w.example
        && let Some(at) = example.to_lowercase().find(&w.base_form.to_lowercase())
        && example.is_char_boundary(at)
        && example.is_char_boundary(at + w.base_form.len())
    {
        let end = at + w.base_form.len();
        return format!(
            "{}___{} ({})",
            &example[..at],
            &example[end..],
            w.translation
        );
    }
    format!("___ ({})", w.translation)
}

pub(crate) async fn build(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    q: &NewQuiz,
    words: &[DrawnWord],
    rng: &mut Shuffler,
) -> StoreResult<Vec<Stored>> {
    let lang = q.filter.language.as_str();
    let mut out = Vec::new();
    if q.quiz_type == "matching" {
        for group in words.chunks(4) {
            let mut options: Vec<String> = group.iter().map(|w| w.translation.clone()).collect();
            rng.shuffle(&mut options);
            out.push(Stored {
                kind: q.quiz_type.clone(),
                word_ids: group.iter().map(|w| w.id).collect(),
                prompt: "Match each word with its meaning".into(),
                options,
                items: group.iter().map(|w| noun_with_article(w, lang)).collect(),
                answer: group
                    .iter()
                    .map(|w| w.translation.as_str())
                    .collect::<Vec<_>>()
                    .join(" | "),
                alternatives: vec![],
            });
        }
        return Ok(out);
    }
    for w in words {
        let mut s = Stored {
            kind: q.quiz_type.clone(),
            word_ids: vec![w.id],
            prompt: String::new(),
            options: vec![],
            items: vec![],
            answer: w.base_form.clone(),
            alternatives: vec![],
        };
        match q.quiz_type.as_str() {
            "multiple_choice" => {
                let mut options = distractors(db, user_id, lang, w, 3).await?;
                options.push(w.translation.clone());
                rng.shuffle(&mut options);
                s.prompt = format!(
                    "What does \u{201c}{}\u{201d} mean?",
                    noun_with_article(w, lang)
                );
                s.options = options;
                s.answer = w.translation.clone();
            }
            "fill_blank" => s.prompt = blank(w),
            _ => {
                s.prompt = format!("Translate: {}", w.translation);
                let with_article = noun_with_article(w, lang);
                if with_article != w.base_form {
                    s.alternatives.push(with_article);
                }
            }
        }
        out.push(s);
    }
    Ok(out)
}

pub(crate) fn judge(s: &Stored, given: &str, language: &str) -> Verdict {
    if s.kind != "matching" {
        return check(given, &s.answer, &s.alternatives, language);
    }
    let expected: Vec<&str> = s.answer.split(" | ").collect();
    let parts: Vec<&str> = given.split('|').map(str::trim).collect();
    let wrong = |message: String| Verdict {
        outcome: Outcome::Wrong,
        matched: s.answer.clone(),
        reason: ReasonKind::Wrong,
        message,
    };
    if parts.len() != expected.len() {
        return wrong(format!("give {} meanings separated by |", expected.len()));
    }
    let verdicts: Vec<Verdict> = expected
        .iter()
        .zip(&parts)
        .map(|(e, g)| check(g, e, &[], language))
        .collect();
    if let Some(v) = verdicts.iter().find(|v| !v.is_accepted()) {
        return wrong(v.message.clone());
    }
    let noted = verdicts
        .into_iter()
        .find(|v| v.outcome == Outcome::AcceptedWithNote);
    noted.map_or_else(
        || Verdict {
            outcome: Outcome::Correct,
            matched: s.answer.clone(),
            reason: ReasonKind::Exact,
            message: "All pairs are right.".into(),
        },
        |v| Verdict {
            matched: s.answer.clone(),
            ..v
        },
    )
}
