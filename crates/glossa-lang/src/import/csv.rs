//! CSV and TSV word lists. The header row names the columns (any order,
//! any case): `word` (or `lemma`), one or more translations
//! (`translation_en`, `translation_it`, ... or `translation` in the
//! options' translation language), and optionally `level`, `example`,
//! `example_translation[_xx]`, `pos`, `gender`, `plural`, `category` and
//! `notes`. The delimiter (comma, tab or semicolon) is detected from the
//! header. A bad row refuses the whole file, naming file and line.

use std::collections::BTreeMap;
use std::path::Path;

use glossa_core::pack::validate::PARTS_OF_SPEECH;
use glossa_core::pack::{Example, Pack, Translations};
use glossa_core::{CefrLevel, LanguageCode};

use super::words::{WordSet, new_word, parse_gender, parse_pos, shape};
use super::{ImportError, ImportOptions, Imported, manifest};

/// What a column (or an Anki field) holds.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Column {
    Word,
    Translation(String),
    Level,
    Example,
    ExampleTranslation(String),
    Pos,
    Gender,
    Plural,
    Category,
    Notes,
}

const KNOWN: &str = "word, lemma, translation, translation_<lang>, level, example, \
                     example_translation, example_translation_<lang>, pos, gender, plural, \
                     category, notes";

/// Read a CSV/TSV file (UTF-8, optionally with a byte-order mark).
pub fn read_csv(path: &Path, opts: &ImportOptions) -> Result<Imported, ImportError> {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let data = std::fs::read(path).map_err(|e| ImportError::Io {
        file: path.display().to_string(),
        message: e.to_string(),
    })?;
    parse_csv(&file, &data, opts)
}

/// The delimiter of the header line: whichever of tab, semicolon and comma
/// occurs most often outside quotes (comma when none does).
pub fn detect_delimiter(data: &[u8]) -> u8 {
    let mut counts = [(b'\t', 0usize), (b';', 0), (b',', 0)];
    let mut quoted = false;
    for &b in data {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(c) = counts.iter_mut().find(|(d, _)| *d == b) {
                    c.1 += 1;
                }
            }
            _ => {}
        }
    }
    counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(_, n)| *n)
        .map_or(b',', |(d, _)| *d)
}

/// Parse a word list held in memory; `file` names it in errors.
pub fn parse_csv(file: &str, data: &[u8], opts: &ImportOptions) -> Result<Imported, ImportError> {
    let opts = opts.checked()?;
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let at = |line: u64, message: String| ImportError::Line {
        file: file.to_owned(),
        line,
        message,
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(detect_delimiter(data))
        .has_headers(false)
        .flexible(true)
        .trim(::csv::Trim::All)
        .from_reader(data);
    let mut records = reader.records();
    let csv_error = |e: ::csv::Error| {
        let line = e.position().map_or(1, |p| line_at(data, p));
        let message = match e.kind() {
            ::csv::ErrorKind::Utf8 { err, .. } => {
                format!("field {} is not valid UTF-8", err.field() + 1)
            }
            _ => e.to_string(),
        };
        at(line, message)
    };
    let header = match records.next() {
        Some(r) => r.map_err(csv_error)?,
        None => {
            return Err(ImportError::Format {
                file: file.to_owned(),
                message: "file is empty".into(),
            });
        }
    };
    let header_line = header.position().map_or(1, |p| line_at(data, p));
    let columns = columns(&header, &opts).map_err(|m| at(header_line, m))?;
    let mut set = WordSet::default();
    let mut rows = 0;
    for record in records {
        let record = record.map_err(csv_error)?;
        if record.iter().all(str::is_empty) {
            continue;
        }
        let line = || record.position().map_or(0, |p| line_at(data, p));
        if record.len() != columns.len() {
            return Err(at(
                line(),
                format!(
                    "expected {} fields as in the header, found {}",
                    columns.len(),
                    record.len()
                ),
            ));
        }
        rows += 1;
        let word = row(&columns, &record, &opts).map_err(|m| at(line(), m))?;
        set.add(word);
    }
    if rows == 0 {
        return Err(at(
            header_line,
            "the header is not followed by any row".into(),
        ));
    }
    let merged = set.merged;
    let (words, translations) = set.finish();
    let pack = Pack {
        manifest: manifest(&opts, file, translations),
        words,
        ..Pack::default()
    };
    Ok(Imported {
        pack,
        rows,
        merged,
        skipped: Vec::new(),
        warnings: Vec::new(),
    })
}

/// The 1-based line of a record, counted from its byte offset (the csv
/// crate's own line count leaves out blank lines, and a record's offset
/// is where the blank lines before it start).
fn line_at(data: &[u8], pos: &::csv::Position) -> u64 {
    let mut end = usize::try_from(pos.byte())
        .unwrap_or(usize::MAX)
        .min(data.len());
    while end < data.len() && matches!(data[end], b'\n' | b'\r') {
        end += 1;
    }
    data[..end].iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

fn language_suffix(name: &str, prefix: &str) -> Option<Result<String, String>> {
    let code = name.strip_prefix(prefix)?;
    Some(
        LanguageCode::parse(code)
            .map(|c| c.as_str().to_owned())
            .map_err(|e| format!("column {name:?}: {e}")),
    )
}

/// The column a header (or Anki field) name stands for: `Ok(None)` when
/// it is not one of the known names.
pub(crate) fn column_named(
    raw: &str,
    translation_language: &str,
) -> Result<Option<Column>, String> {
    let name = raw.trim().to_lowercase().replace([' ', '-'], "_");
    let col = match name.as_str() {
        "word" | "lemma" => Column::Word,
        "translation" => Column::Translation(translation_language.to_owned()),
        "level" | "cefr" | "cefr_level" => Column::Level,
        "example" => Column::Example,
        "example_translation" => Column::ExampleTranslation(translation_language.to_owned()),
        "pos" | "part_of_speech" => Column::Pos,
        "gender" => Column::Gender,
        "plural" => Column::Plural,
        "category" => Column::Category,
        "notes" => Column::Notes,
        other => {
            if let Some(code) = language_suffix(other, "example_translation_") {
                Column::ExampleTranslation(code?)
            } else if let Some(code) = language_suffix(other, "translation_") {
                Column::Translation(code?)
            } else {
                return Ok(None);
            }
        }
    };
    Ok(Some(col))
}

fn columns(header: &::csv::StringRecord, opts: &ImportOptions) -> Result<Vec<Column>, String> {
    let mut out = Vec::new();
    for raw in header {
        let Some(col) = column_named(raw, &opts.translation_language)? else {
            return Err(format!("unknown column {raw:?}; columns are {KNOWN}"));
        };
        if out.contains(&col) {
            return Err(format!("column {raw:?} appears twice"));
        }
        out.push(col);
    }
    if !out.contains(&Column::Word) {
        return Err("missing column \"word\" (or \"lemma\")".into());
    }
    if !out.iter().any(|c| matches!(c, Column::Translation(_))) {
        return Err(
            "missing column \"translation\" (or translation_en, translation_it, ...)".into(),
        );
    }
    if !out.contains(&Column::Example)
        && out
            .iter()
            .any(|c| matches!(c, Column::ExampleTranslation(_)))
    {
        return Err("an example_translation column needs an \"example\" column".into());
    }
    Ok(out)
}

fn row(
    columns: &[Column],
    record: &::csv::StringRecord,
    opts: &ImportOptions,
) -> Result<glossa_core::pack::Word, String> {
    let mut cell: BTreeMap<&Column, &str> = BTreeMap::new();
    let mut translations = Translations::new();
    let mut example_translations = Translations::new();
    for (col, value) in columns.iter().zip(record.iter()) {
        if value.is_empty() {
            continue;
        }
        match col {
            Column::Translation(l) => {
                translations.insert(l.clone(), value.to_owned());
            }
            Column::ExampleTranslation(l) => {
                example_translations.insert(l.clone(), value.to_owned());
            }
            other => {
                cell.insert(other, value);
            }
        }
    }
    let text = cell.get(&Column::Word).copied().ok_or("word is empty")?;
    if translations.is_empty() {
        return Err(format!("{text:?} has no translation"));
    }
    let level = match cell.get(&Column::Level) {
        None => opts.default_level,
        Some(l) => l
            .parse::<CefrLevel>()
            .map_err(|_| format!("level {l:?} is not one of A1..C2"))?,
    };
    let pos = match cell.get(&Column::Pos) {
        None => None,
        Some(p) => Some(
            parse_pos(p)
                .ok_or_else(|| format!("pos {p:?} is not one of {}", PARTS_OF_SPEECH.join(", ")))?,
        ),
    };
    let gender = match cell.get(&Column::Gender) {
        None => None,
        Some(g) => {
            Some(parse_gender(g).ok_or_else(|| format!("gender {g:?} is not one of m, f, n"))?)
        }
    };
    let mut word = new_word(shape(&opts.language, text, pos, gender)?, level.as_str());
    let owned = |c: Column| cell.get(&c).map(|v| (*v).to_owned());
    word.plural = owned(Column::Plural);
    word.category = owned(Column::Category).map(|c| c.to_lowercase());
    word.notes = owned(Column::Notes);
    word.translations = translations;
    match owned(Column::Example) {
        Some(text) => word.examples.push(Example {
            text,
            translations: example_translations,
        }),
        None if !example_translations.is_empty() => {
            return Err("example_translation is given but example is empty".into());
        }
        None => {}
    }
    Ok(word)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn delimiters() {
        assert_eq!(detect_delimiter(b"word,translation\n"), b',');
        assert_eq!(
            detect_delimiter(b"word\ttranslation\tlevel\na,b;c\n"),
            b'\t'
        );
        assert_eq!(detect_delimiter(b"word;translation;\"a,b,c\"\n"), b';');
        assert_eq!(detect_delimiter(b"word\n"), b',');
    }
}
