//! The TOML file shapes of each kind of pack file.

use glossa_core::pack::{Achievement, Assessment, Course, Exercise, Scenario, Topic, Word};
use serde::{Deserialize, Serialize};

/// `words/*.toml`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordsFile {
    #[serde(default)]
    pub word: Vec<Word>,
}

/// `grammar/*.toml`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicsFile {
    #[serde(default)]
    pub topic: Vec<Topic>,
}

/// `exercises/*.toml`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExercisesFile {
    #[serde(default)]
    pub exercise: Vec<Exercise>,
}

/// `scenarios/*.toml`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenariosFile {
    #[serde(default)]
    pub scenario: Vec<Scenario>,
}

/// `courses/*.toml`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseFile {
    pub course: Course,
}

/// `assessments/*.toml`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentFile {
    pub assessment: Assessment,
}

/// `achievements.toml`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AchievementsFile {
    #[serde(default)]
    pub achievement: Vec<Achievement>,
}
