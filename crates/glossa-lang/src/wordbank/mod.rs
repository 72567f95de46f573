//! Word banks: the most frequent words of a language as a content
//! [`Pack`], built from a frequency list, a Hunspell dictionary, lemma/form
//! tables and a bilingual dictd dictionary. The rules are in
//! `docs/content-packs.md`, section "Building a word bank".

mod dict_entry;
pub mod dictd;
mod error;
pub mod forms;
pub mod frequency;
pub mod hunspell;
pub mod levels;
mod senses;
mod sources;
mod verbs;

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};

use glossa_core::LanguageCode;
use glossa_core::pack::{Manifest, Pack, Word};

pub use dictd::{DictEntry, Dictd};
pub use error::WordBankError;
pub use forms::{FormTables, Lexeme};
pub use frequency::FrequencyList;
pub use hunspell::Hunspell;
pub use levels::level_for_rank;
pub use sources::{SourcePaths, Sources};

/// What the caller decides about a word bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordBankOptions {
    /// Target language (ISO 639-1).
    pub language: String,
    /// Learner language the dictionary translates into.
    pub translation_language: String,
    /// How many words.
    pub top: usize,
    /// The pack's slug.
    pub slug: String,
    /// The pack's version.
    pub version: String,
    /// The pack's licence (SPDX; the sources' licences apply).
    pub licence: String,
    /// Meanings per word, at most.
    pub max_meanings: usize,
    /// Examples per meaning, at most.
    pub max_examples: usize,
    /// How many frequency-list entries to read per word wanted.
    pub scan_factor: usize,
}

impl WordBankOptions {
    /// Whether the options can build a pack: ISO 639-1 languages written
    /// in lower case, at least one word, a valid slug.
    pub fn check(&self) -> Result<(), WordBankError> {
        for (what, code) in [
            ("language", &self.language),
            ("translation language", &self.translation_language),
        ] {
            let parsed = LanguageCode::parse(code)
                .map_err(|e| WordBankError::Options(format!("{what}: {e}")))?;
            if parsed.as_str() != code {
                return Err(WordBankError::Options(format!(
                    "{what} {code:?} must be written {:?}",
                    parsed.as_str()
                )));
            }
        }
        if self.top == 0 {
            return Err(WordBankError::Options("top must be at least 1".to_owned()));
        }
        if !crate::import::is_slug(&self.slug) {
            return Err(WordBankError::Options(format!(
                "slug {:?} must be lower-case letters, digits, - or _",
                self.slug
            )));
        }
        Ok(())
    }

    /// Defaults: English translations, slug `wordbank-<language>`,
    /// version 1.0.0, up to 3 meanings with 2 examples each, the first
    /// `10 × top` (at least 2,000) list entries read.
    pub fn new(language: &str, top: usize) -> Self {
        Self {
            language: language.to_owned(),
            translation_language: "en".to_owned(),
            top,
            slug: format!("wordbank-{language}"),
            version: "1.0.0".to_owned(),
            licence: "NOASSERTION".to_owned(),
            max_meanings: 3,
            max_examples: 2,
            scan_factor: 10,
        }
    }
}

/// A built word bank and what happened on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct WordBank {
    /// The pack, ready for `validate` and `import_pack`.
    pub pack: Pack,
    /// Frequency-list entries read.
    pub scanned: usize,
    /// Entries Hunspell rejected in every capitalisation.
    pub not_words: usize,
    /// Entries that are inflected forms and were counted for their lemma.
    pub merged_forms: usize,
    /// Entries that are neither a dictionary lemma nor a form in the tables.
    pub no_lemma: usize,
    /// Lemmas skipped because the dictionary has no sense for them.
    pub untranslated: usize,
}

/// A lemma found in the frequency list, with the counts credited to it.
struct Candidate {
    lemma: String,
    pos: Option<&'static str>,
    count: u64,
    first_seen: usize,
}

/// Build the word bank; `progress` is called with (words done, words wanted).
pub fn build(
    sources: &Sources,
    opts: &WordBankOptions,
    progress: &dyn Fn(u64, u64),
) -> Result<WordBank, WordBankError> {
    opts.check()?;
    let scan = sources
        .frequency
        .top(opts.top.saturating_mul(opts.scan_factor.max(1)).max(2_000));
    let mut bank = WordBank {
        pack: Pack::default(),
        scanned: scan.len(),
        not_words: 0,
        merged_forms: 0,
        no_lemma: 0,
        untranslated: 0,
    };
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut by_key: HashMap<(String, Option<&'static str>), usize> = HashMap::new();
    for (i, (token, count)) in scan.iter().enumerate() {
        // As spelled, or capitalised when only that is a word (German
        // nouns). Trying the capital when the lower-case spelling is a word
        // too turns inflected adjectives into nouns ("gute" -> "Gute").
        let Some(spelled) = sources.hunspell.spelling(token) else {
            bank.not_words += 1;
            continue;
        };
        let Some((lemma, pos)) = resolve(sources, &spelled) else {
            bank.no_lemma += 1;
            continue;
        };
        if lemma != spelled {
            bank.merged_forms += 1;
        }
        let next = candidates.len();
        let at = *by_key.entry((lemma.clone(), pos)).or_insert(next);
        if at == next {
            candidates.push(Candidate {
                lemma,
                pos,
                count: 0,
                first_seen: i,
            });
        }
        candidates[at].count += count;
    }
    candidates.sort_by_key(|c| (Reverse(c.count), c.first_seen));
    let total = u64::try_from(opts.top).unwrap_or(u64::MAX);
    let mut words: Vec<Word> = Vec::new();
    let mut keys = HashSet::new();
    for c in &candidates {
        if words.len() >= opts.top {
            break;
        }
        match word(sources, opts, c) {
            Some(w) if keys.insert(w.key()) => {
                words.push(w);
                progress(words.len() as u64, total);
            }
            Some(_) => {}
            None => bank.untranslated += 1,
        }
    }
    for (i, w) in words.iter_mut().enumerate() {
        let rank = i + 1;
        w.frequency_rank = Some(i32::try_from(rank).unwrap_or(i32::MAX));
        w.level = level_for_rank(rank).as_str().to_owned();
        w.priority = levels::priority_for_rank(rank);
    }
    bank.pack = Pack {
        manifest: manifest(opts, words.len()),
        words,
        ..Pack::default()
    };
    Ok(bank)
}

/// The lemma (and, if the tables know it, part of speech) a correctly
/// spelled list entry counts for; `None` when it is neither a dictionary
/// lemma nor a form in the tables.
fn resolve(sources: &Sources, spelled: &str) -> Option<(String, Option<&'static str>)> {
    let lexemes = sources.forms.lemmas_of(spelled);
    if let Some(lx) = lexemes.iter().find(|l| l.lemma == spelled) {
        return Some((spelled.to_owned(), Some(lx.pos)));
    }
    let entries = sources.dictionary.entries_for(spelled);
    let dict_pos: Vec<&str> = entries
        .iter()
        .filter(|e| e.is_lemma())
        .filter_map(DictEntry::pos)
        .collect();
    // A form counts for its lemma unless the dictionary has it as a word of
    // another part of speech ("eine" is an article, not a form of "einen").
    let best = lexemes
        .iter()
        .filter(|l| dict_pos.iter().all(|p| *p == l.pos))
        .max_by_key(|l| (sources.frequency.count(&l.lemma), Reverse(l.lemma.clone())));
    if let Some(lx) = best {
        return Some((lx.lemma.clone(), Some(lx.pos)));
    }
    (!dict_pos.is_empty()).then(|| (spelled.to_owned(), None))
}

/// The pack word of a candidate; `None` when the dictionary has no sense
/// for it (no translation).
fn word(sources: &Sources, opts: &WordBankOptions, c: &Candidate) -> Option<Word> {
    let entries = sources.dictionary.entries_for(&c.lemma);
    let pos = c.pos.or_else(|| senses::best_pos(&entries, &c.lemma))?;
    let ranked = senses::ranked(&entries, &c.lemma, pos);
    let mut meanings = senses::meanings(
        &ranked,
        &opts.translation_language,
        opts.max_meanings,
        opts.max_examples,
    );
    if meanings.is_empty() {
        return None;
    }
    let first = meanings.remove(0);
    let lexeme = sources.forms.get(&c.lemma, pos);
    let spell = |s: &str| sources.hunspell.modern_spelling(s);
    let mut forms: Vec<glossa_core::pack::Form> = Vec::new();
    for f in lexeme.map(|l| l.forms.as_slice()).unwrap_or_default() {
        let text = spell(&f.text);
        if text != c.lemma
            && !forms
                .iter()
                .any(|g| g.form_type == f.form_type && g.text == text)
        {
            forms.push(glossa_core::pack::Form {
                form_type: f.form_type.clone(),
                text,
            });
        }
    }
    let gender = match pos {
        "noun" => lexeme
            .and_then(|l| l.gender.clone())
            .or_else(|| ranked.iter().find_map(|e| e.gender()).map(str::to_owned)),
        _ => None,
    };
    Some(Word {
        lemma: c.lemma.clone(),
        pos: pos.to_owned(),
        gender,
        plural: lexeme.and_then(|l| l.plural.as_deref()).map(spell),
        level: "A1".to_owned(),
        priority: 1,
        category: None,
        frequency_rank: None,
        pronunciation: ranked.first().and_then(|e| e.pronunciation.clone()),
        separable: lexeme.is_some_and(|l| l.separable),
        idiom: false,
        compound: false,
        notes: None,
        translations: first.translations,
        forms,
        synonyms: Vec::new(),
        antonyms: Vec::new(),
        examples: first.examples,
        meanings,
    })
}

fn manifest(opts: &WordBankOptions, words: usize) -> Manifest {
    let name = isolang_name(&opts.language);
    Manifest {
        format: 1,
        slug: opts.slug.clone(),
        language: opts.language.clone(),
        version: opts.version.clone(),
        title: format!("{name} word bank: the {words} most frequent words"),
        description: Some(
            "Built by `glossa import frequency` from a frequency list, a Hunspell dictionary, lemma/form tables \
             and a bilingual dictionary. Levels are frequency bands; override them in a pack."
                .to_owned(),
        ),
        licence: opts.licence.clone(),
        authors: Vec::new(),
        translations: vec![opts.translation_language.clone()],
    }
}

/// The English name of a language code, or the code.
fn isolang_name(code: &str) -> String {
    LanguageCode::parse(code)
        .map(|c| c.name().to_owned())
        .unwrap_or_else(|_| code.to_owned())
}

#[cfg(test)]
mod tests;
