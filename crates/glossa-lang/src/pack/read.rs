//! Reading a pack directory, with file and line in every error.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use glossa_core::pack::{Manifest, Pack, Problem, validate};
use serde::de::DeserializeOwned;

use super::files::*;

/// Where each item was read from: `kind key` -> `file:line`.
pub type Origins = BTreeMap<String, String>;

/// Why a pack cannot be read or stored.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    /// A file or directory could not be read.
    #[error("{path}: {message}")]
    Io {
        /// The path.
        path: String,
        /// The I/O error.
        message: String,
    },
    /// A file is not valid TOML of the expected shape.
    #[error("{file}:{line}: {message}")]
    Parse {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// The reason.
        message: String,
    },
    /// The pack parsed but its content is invalid.
    #[error("{} problem(s):\n{}", .0.len(), .0.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<String>),
}

fn io(path: &Path, e: std::io::Error) -> PackError {
    PackError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// `*.toml` files of a directory in name order (none if it does not exist).
fn toml_files(dir: &Path) -> Result<Vec<PathBuf>, PackError> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    Ok(files)
}

struct Reader<'a> {
    root: &'a Path,
    origins: Origins,
}

impl Reader<'_> {
    fn rel(&self, path: &Path) -> String {
        path.strip_prefix(self.root)
            .unwrap_or(path)
            .display()
            .to_string()
    }

    fn parse<T: DeserializeOwned>(&self, path: &Path) -> Result<(T, String), PackError> {
        let text = std::fs::read_to_string(path).map_err(|e| io(path, e))?;
        match toml::from_str(&text) {
            Ok(v) => Ok((v, text)),
            Err(e) => {
                let line = e
                    .span()
                    .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                    .unwrap_or(1);
                Err(PackError::Parse {
                    file: self.rel(path),
                    line,
                    message: e.message().to_owned(),
                })
            }
        }
    }

    /// Record `file:line` for each key, matching the n-th key with the
    /// n-th line that starts with `prefix`.
    fn note(
        &mut self,
        path: &Path,
        text: &str,
        prefix: &str,
        keys: impl IntoIterator<Item = String>,
    ) {
        let lines: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim_start().starts_with(prefix))
            .map(|(n, _)| n + 1)
            .collect();
        let file = self.rel(path);
        for (i, key) in keys.into_iter().enumerate() {
            let line = lines.get(i).copied().unwrap_or(1);
            self.origins.insert(key, format!("{file}:{line}"));
        }
    }
}

/// Read and validate a pack directory. Any problem rejects the whole pack.
pub fn read_pack(dir: &Path) -> Result<(Pack, Origins), PackError> {
    read_pack_checked(dir, validate)
}

/// Read a pack directory and check it with `check` (for example against
/// the content already in a database as well as itself); problems come
/// back with the file and line of their item.
pub fn read_pack_checked(
    dir: &Path,
    check: impl FnOnce(&Pack) -> Vec<Problem>,
) -> Result<(Pack, Origins), PackError> {
    let mut r = Reader {
        root: dir,
        origins: Origins::new(),
    };
    let (manifest, _) = r.parse::<Manifest>(&dir.join("pack.toml"))?;
    let mut pack = Pack {
        manifest,
        ..Pack::default()
    };
    for p in toml_files(&dir.join("words"))? {
        let (f, text): (WordsFile, _) = r.parse(&p)?;
        r.note(
            &p,
            &text,
            "lemma",
            f.word.iter().map(|w| format!("word {}", w.key())),
        );
        pack.words.extend(f.word);
    }
    for p in toml_files(&dir.join("grammar"))? {
        let (f, text): (TopicsFile, _) = r.parse(&p)?;
        r.note(
            &p,
            &text,
            "slug",
            f.topic.iter().map(|t| format!("topic {}", t.slug)),
        );
        pack.topics.extend(f.topic);
    }
    for p in toml_files(&dir.join("exercises"))? {
        let (f, text): (ExercisesFile, _) = r.parse(&p)?;
        r.note(
            &p,
            &text,
            "slug",
            f.exercise.iter().map(|e| format!("exercise {}", e.slug)),
        );
        pack.exercises.extend(f.exercise);
    }
    for p in toml_files(&dir.join("scenarios"))? {
        let (f, text): (ScenariosFile, _) = r.parse(&p)?;
        r.note(
            &p,
            &text,
            "slug",
            f.scenario.iter().map(|s| format!("scenario {}", s.slug)),
        );
        pack.scenarios.extend(f.scenario);
    }
    for p in toml_files(&dir.join("courses"))? {
        let (f, text): (CourseFile, _) = r.parse(&p)?;
        let keys = std::iter::once(format!("course {}", f.course.slug)).chain(
            f.course
                .lessons
                .iter()
                .map(|l| format!("lesson {}", l.slug)),
        );
        r.note(&p, &text, "slug", keys);
        pack.courses.push(f.course);
    }
    for p in toml_files(&dir.join("assessments"))? {
        let (f, text): (AssessmentFile, _) = r.parse(&p)?;
        r.note(
            &p,
            &text,
            "slug",
            [format!("assessment {}", f.assessment.slug)],
        );
        pack.assessments.push(f.assessment);
    }
    let mut achievement_files = toml_files(&dir.join("achievements"))?;
    if dir.join("achievements.toml").is_file() {
        achievement_files.insert(0, dir.join("achievements.toml"));
    }
    for p in achievement_files {
        let (f, text): (AchievementsFile, _) = r.parse(&p)?;
        r.note(
            &p,
            &text,
            "slug",
            f.achievement
                .iter()
                .map(|a| format!("achievement {}", a.slug)),
        );
        pack.achievements.extend(f.achievement);
    }
    let problems = check(&pack);
    if !problems.is_empty() {
        return Err(PackError::Invalid(located(&problems, &r.origins)));
    }
    Ok((pack, r.origins))
}

/// Problems prefixed with the file and line of their item where known.
pub fn located(problems: &[Problem], origins: &Origins) -> Vec<String> {
    problems
        .iter()
        .map(|p| {
            // "lesson x item 3" is located at its lesson.
            let base: String = p
                .item
                .split(" item ")
                .next()
                .unwrap_or(&p.item)
                .split(" question ")
                .next()
                .unwrap_or(&p.item)
                .to_owned();
            match origins.get(&base) {
                Some(at) => format!("{at}: {p}"),
                None => format!("pack.toml: {p}"),
            }
        })
        .collect()
}
