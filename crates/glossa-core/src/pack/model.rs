//! The content-pack model: what `docs/content-packs.md` describes, as Rust
//! types. Reading and writing files lives in `glossa-lang`; storing packs in
//! the database lives in `glossa-store`. Unknown fields are refused so that
//! a typo in a pack is an error, not silently lost content.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Translations keyed by ISO 639-1 code of the learner's language.
pub type Translations = BTreeMap<String, String>;

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_empty_json(v: &Value) -> bool {
    v.is_null() || v.as_object().is_some_and(|o| o.is_empty())
}

/// A whole pack (the JSON form accepted by the API: every list optional).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Pack {
    /// The manifest.
    pub manifest: Manifest,
    /// Words.
    pub words: Vec<Word>,
    /// Grammar topics.
    pub topics: Vec<Topic>,
    /// Exercises.
    pub exercises: Vec<Exercise>,
    /// Conversation scenarios.
    pub scenarios: Vec<Scenario>,
    /// Courses with their lessons.
    pub courses: Vec<Course>,
    /// Assessments with their questions.
    pub assessments: Vec<Assessment>,
    /// Achievement definitions.
    pub achievements: Vec<Achievement>,
}

/// `pack.toml`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Version of the pack format (1).
    pub format: u32,
    /// Unique name of the pack.
    pub slug: String,
    /// Target language (ISO 639-1) or `mul`.
    pub language: String,
    /// The pack's own version.
    pub version: String,
    /// Title.
    pub title: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// SPDX licence identifier.
    pub licence: String,
    /// Authors.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Learner languages the pack translates into.
    #[serde(default)]
    pub translations: Vec<String>,
}

/// One inflected form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// Form type (`nominative_plural`, `present_3sg`, ...).
    #[serde(rename = "type")]
    pub form_type: String,
    /// The form.
    pub text: String,
}

/// An example sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// Sentence in the target language.
    pub text: String,
    /// Its translations.
    #[serde(default)]
    pub translations: Translations,
}

/// One meaning of a word (when a word has several).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meaning {
    /// Translations of this meaning.
    pub translations: Translations,
    /// Optional explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// Examples of this meaning.
    #[serde(default, rename = "example", skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
}

/// A word entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Word {
    /// Base form.
    pub lemma: String,
    /// Part of speech.
    pub pos: String,
    /// m, f, n.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// Plural form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plural: Option<String>,
    /// CEFR level.
    pub level: String,
    /// Order within the level (>= 1; default 1).
    #[serde(default = "one")]
    pub priority: i32,
    /// Topic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Frequency rank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency_rank: Option<i32>,
    /// IPA.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pronunciation: Option<String>,
    /// Separable verb.
    #[serde(default, skip_serializing_if = "is_false")]
    pub separable: bool,
    /// Idiom.
    #[serde(default, skip_serializing_if = "is_false")]
    pub idiom: bool,
    /// Compound.
    #[serde(default, skip_serializing_if = "is_false")]
    pub compound: bool,
    /// Notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Translations of the first meaning (short form).
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub translations: Translations,
    /// Inflected forms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<Form>,
    /// Synonym references.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<String>,
    /// Antonym references.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub antonyms: Vec<String>,
    /// Examples of the first meaning (short form).
    #[serde(default, rename = "example", skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    /// Further meanings.
    #[serde(default, rename = "meaning", skip_serializing_if = "Vec::is_empty")]
    pub meanings: Vec<Meaning>,
}

impl Word {
    /// The stable key: `lemma|pos`.
    pub fn key(&self) -> String {
        format!("{}|{}", self.lemma, self.pos)
    }

    /// All meanings: the short-form one (if any) first, then the others.
    pub fn all_meanings(&self) -> Vec<Meaning> {
        let mut out = Vec::new();
        if !self.translations.is_empty() || !self.examples.is_empty() {
            out.push(Meaning {
                translations: self.translations.clone(),
                explanation: None,
                examples: self.examples.clone(),
            });
        }
        out.extend(self.meanings.iter().cloned());
        out
    }
}

/// A grammar topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// Stable key.
    pub slug: String,
    /// Parent topic slug.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Name in the target language.
    pub name: String,
    /// Name translations.
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub name_translations: Translations,
    /// Category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// CEFR level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Order among siblings.
    #[serde(default)]
    pub order: i32,
    /// One-line description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Teaching text (Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// Explanation translations.
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub explanation_translations: Translations,
}

/// An exercise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    /// Stable key.
    pub slug: String,
    /// Grammar topic slug.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// Exercise type.
    #[serde(rename = "type")]
    pub exercise_type: String,
    /// CEFR level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// The question.
    pub question: String,
    /// The correct answer.
    pub answer: String,
    /// Other accepted answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    /// Choices (multiple choice).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// Hints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<String>,
    /// Explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// Explanation translations.
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub explanation_translations: Translations,
    /// Type-specific data.
    #[serde(default, skip_serializing_if = "is_empty_json")]
    pub data: Value,
}

/// A conversation scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Stable key.
    pub slug: String,
    /// Name.
    pub name: String,
    /// daily or work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// CEFR level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Tutor instructions.
    pub system_prompt: String,
    /// Word references.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggested_words: Vec<String>,
}

/// A course with its lessons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Course {
    /// Stable key.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// CEFR level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Lessons in order.
    #[serde(default, rename = "lesson")]
    pub lessons: Vec<Lesson>,
}

/// A lesson.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// Stable key.
    pub slug: String,
    /// Title.
    pub title: String,
    /// vocabulary, grammar, reading, conversation.
    #[serde(rename = "type")]
    pub lesson_type: String,
    /// CEFR level.
    pub level: String,
    /// Estimated minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<i32>,
    /// Summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Items in order.
    #[serde(default)]
    pub items: Vec<LessonItem>,
}

/// One item of a lesson.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonItem {
    /// text, word, exercise, grammar, example, phrase.
    pub kind: String,
    /// Reference (word, exercise or topic) for referencing kinds.
    #[serde(default, rename = "ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Text for text, example and phrase items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// Translations of the content.
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub translations: Translations,
}

/// An assessment with its questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// Stable key.
    pub slug: String,
    /// placement, vocabulary, grammar, comprehensive, diagnostic.
    #[serde(rename = "type")]
    pub assessment_type: String,
    /// Title.
    pub title: String,
    /// Lowest level covered.
    pub level: String,
    /// Duration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<i32>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Questions in order.
    #[serde(default, rename = "question")]
    pub questions: Vec<Question>,
}

/// One assessment question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// multiple_choice, fill_blank, translation, free_text.
    #[serde(rename = "type")]
    pub question_type: String,
    /// The level this question tests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Grammar topic slug.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// The question.
    pub question: String,
    /// Choices.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// The answer.
    pub answer: String,
    /// Points.
    #[serde(default = "one")]
    pub points: i32,
}

fn one() -> i32 {
    1
}

/// An achievement definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Achievement {
    /// Stable key.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// conversation, grammar, vocabulary, activity.
    pub category: String,
    /// bronze, silver, gold, platinum.
    pub tier: String,
    /// Points.
    pub points: i32,
    /// Icon name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    /// Colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// What earns it.
    pub criteria: Criteria,
}

/// Achievement criteria.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criteria {
    /// Criteria type.
    #[serde(rename = "type")]
    pub criteria_type: String,
    /// Threshold.
    pub value: i64,
    /// Extra parameters.
    #[serde(default, skip_serializing_if = "is_empty_json")]
    pub metadata: Value,
}
