//! Writing a pack as a directory that `read_pack` reads back unchanged.

use std::path::Path;

use glossa_core::pack::Pack;
use serde::Serialize;

use super::files::*;
use super::read::PackError;

fn put<T: Serialize>(dir: &Path, rel: &str, value: &T) -> Result<(), PackError> {
    let path = dir.join(rel);
    let io = |e: std::io::Error| PackError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    let text = toml::to_string_pretty(value).map_err(|e| PackError::Io {
        path: path.display().to_string(),
        message: format!("cannot write TOML: {e}"),
    })?;
    std::fs::write(&path, text).map_err(io)
}

/// Write `pack` into `dir` (created if missing): one file per kind, one
/// file per course and assessment.
pub fn write_pack(pack: &Pack, dir: &Path) -> Result<(), PackError> {
    put(dir, "pack.toml", &pack.manifest)?;
    if !pack.words.is_empty() {
        put(
            dir,
            "words/words.toml",
            &WordsFile {
                word: pack.words.clone(),
            },
        )?;
    }
    if !pack.topics.is_empty() {
        put(
            dir,
            "grammar/topics.toml",
            &TopicsFile {
                topic: pack.topics.clone(),
            },
        )?;
    }
    if !pack.exercises.is_empty() {
        put(
            dir,
            "exercises/exercises.toml",
            &ExercisesFile {
                exercise: pack.exercises.clone(),
            },
        )?;
    }
    if !pack.scenarios.is_empty() {
        put(
            dir,
            "scenarios/scenarios.toml",
            &ScenariosFile {
                scenario: pack.scenarios.clone(),
            },
        )?;
    }
    for c in &pack.courses {
        put(
            dir,
            &format!("courses/{}.toml", c.slug),
            &CourseFile { course: c.clone() },
        )?;
    }
    for a in &pack.assessments {
        put(
            dir,
            &format!("assessments/{}.toml", a.slug),
            &AssessmentFile {
                assessment: a.clone(),
            },
        )?;
    }
    if !pack.achievements.is_empty() {
        put(
            dir,
            "achievements.toml",
            &AchievementsFile {
                achievement: pack.achievements.clone(),
            },
        )?;
    }
    Ok(())
}
