//! Hunspell dictionaries (`.aff` + `.dic`, e.g. Debian's `hunspell-de-de`)
//! checked with `spellbook`: which candidate words are real words, and
//! how they are spelled (German nouns are capitalised, frequency lists are
//! not).

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::WordBankError;

/// A loaded Hunspell dictionary.
pub struct Hunspell {
    dict: spellbook::Dictionary,
    /// The `.aff` file it was read from.
    pub aff: PathBuf,
    /// The `.dic` file it was read from.
    pub dic: PathBuf,
}

impl std::fmt::Debug for Hunspell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hunspell")
            .field("aff", &self.aff)
            .field("dic", &self.dic)
            .finish_non_exhaustive()
    }
}

/// The `.aff` and `.dic` paths for a path given as the common prefix
/// (`/usr/share/hunspell/de_DE`) or as either file.
pub fn dictionary_paths(path: &Path) -> (PathBuf, PathBuf) {
    let base = match path.extension().and_then(|e| e.to_str()) {
        Some("aff" | "dic") => path.with_extension(""),
        _ => path.to_owned(),
    };
    let with = |ext: &str| {
        let mut p = OsString::from(base.as_os_str());
        p.push(ext);
        PathBuf::from(p)
    };
    (with(".aff"), with(".dic"))
}

impl Hunspell {
    /// Load the dictionary at `path` (prefix, `.aff` or `.dic`).
    pub fn open(path: &Path) -> Result<Self, WordBankError> {
        let (aff, dic) = dictionary_paths(path);
        let read = |p: &Path| {
            std::fs::read(p).map_err(|e| WordBankError::io(&p.display().to_string(), &e))
        };
        let (aff_bytes, dic_bytes) = (read(&aff)?, read(&dic)?);
        let mut loaded = Self::from_bytes(&aff.display().to_string(), &aff_bytes, &dic_bytes)?;
        loaded.aff = aff;
        loaded.dic = dic;
        Ok(loaded)
    }

    /// Load from the contents of both files. The encoding comes from the
    /// `.aff` file's `SET` line (UTF-8, ISO8859-1 and ISO8859-15 are
    /// understood); a byte-order mark (en_GB's `.dic` has one) is dropped.
    pub fn from_bytes(file: &str, aff: &[u8], dic: &[u8]) -> Result<Self, WordBankError> {
        let encoding = declared_encoding(aff);
        let aff_text = decode(file, aff, &encoding)?;
        let dic_text = decode(file, dic, &encoding)?;
        let dict = spellbook::Dictionary::new(&aff_text, &dic_text)
            .map_err(|e| WordBankError::format(file, &format!("not a Hunspell dictionary: {e}")))?;
        Ok(Self {
            dict,
            aff: PathBuf::new(),
            dic: PathBuf::new(),
        })
    }

    /// Whether the dictionary accepts the word as spelled.
    pub fn check(&self, word: &str) -> bool {
        self.dict.check(word)
    }

    /// How a word from a lower-cased list is really spelled: as given if
    /// the dictionary accepts that, otherwise capitalised if the dictionary
    /// accepts that (German nouns), otherwise `None` (not a word).
    pub fn spelling(&self, word: &str) -> Option<String> {
        if self.check(word) {
            return Some(word.to_owned());
        }
        let capital = capitalise(word);
        (capital != word && self.check(&capital)).then_some(capital)
    }

    /// The spelling of a form from an older table: as given if accepted,
    /// otherwise with `ß` written `ss` when only that is accepted (the
    /// tables keep pre-1996 spellings such as `wußte`).
    pub fn modern_spelling(&self, form: &str) -> String {
        if form.contains('ß') && !form.contains(' ') && !self.check(form) {
            let ss = form.replace('ß', "ss");
            if self.check(&ss) {
                return ss;
            }
        }
        form.to_owned()
    }
}

/// The word with its first letter in upper case.
pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The value of the `.aff` file's `SET` line, upper case (`UTF-8` if none).
fn declared_encoding(aff: &[u8]) -> String {
    aff.split(|&b| b == b'\n')
        .map(|line| String::from_utf8_lossy(line).trim().to_owned())
        .map(|line| line.trim_start_matches('\u{feff}').to_owned())
        .find_map(|line| line.strip_prefix("SET ").map(|v| v.trim().to_uppercase()))
        .unwrap_or_else(|| "UTF-8".to_owned())
}

/// Decode dictionary bytes and drop a byte-order mark.
fn decode(file: &str, bytes: &[u8], encoding: &str) -> Result<String, WordBankError> {
    let text = match encoding {
        "UTF-8" | "UTF8" => String::from_utf8(bytes.to_vec())
            .map_err(|_| WordBankError::format(file, "declares UTF-8 but is not valid UTF-8"))?,
        "ISO8859-1" | "ISO-8859-1" | "LATIN1" => bytes.iter().map(|&b| char::from(b)).collect(),
        "ISO8859-15" | "ISO-8859-15" => bytes.iter().map(|&b| latin9(b)).collect(),
        other => {
            return Err(WordBankError::format(
                file,
                &format!(
                    "encoding {other} is not supported; convert the dictionary to UTF-8 (iconv)"
                ),
            ));
        }
    };
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

/// ISO 8859-15: Latin-1 with eight code points replaced.
fn latin9(b: u8) -> char {
    match b {
        0xA4 => '€',
        0xA6 => 'Š',
        0xA8 => 'š',
        0xB4 => 'Ž',
        0xB8 => 'ž',
        0xBC => 'Œ',
        0xBD => 'œ',
        0xBE => 'Ÿ',
        _ => char::from(b),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const AFF: &str = "SET UTF-8\nSFX S Y 1\nSFX S 0 er .\n";

    #[test]
    fn checks_and_recovers_capitalisation() {
        let dic = "\u{feff}3\nHaus/S\nund\nwußte\n";
        let h = Hunspell::from_bytes("t.aff", AFF.as_bytes(), dic.as_bytes()).unwrap();
        assert!(h.check("Haus") && h.check("Hauser") && h.check("und"));
        assert!(!h.check("haus") && !h.check("Hauss"));
        assert_eq!(h.spelling("haus").as_deref(), Some("Haus"));
        assert_eq!(h.spelling("und").as_deref(), Some("und"));
        assert_eq!(h.spelling("hauss"), None);
        assert_eq!(h.modern_spelling("wußte"), "wußte");
    }

    #[test]
    fn latin1_dictionaries_are_decoded() {
        let aff = b"SET ISO8859-1\n";
        let dic = b"1\nM\xfcller\n";
        let h = Hunspell::from_bytes("t.aff", aff, dic).unwrap();
        assert!(h.check("Müller"));
        assert!(Hunspell::from_bytes("t.aff", b"SET KOI8-R\n", b"0\n").is_err());
    }

    #[test]
    fn paths_from_prefix_or_either_file() {
        let want = (PathBuf::from("/d/de_DE.aff"), PathBuf::from("/d/de_DE.dic"));
        for p in ["/d/de_DE", "/d/de_DE.aff", "/d/de_DE.dic"] {
            assert_eq!(dictionary_paths(Path::new(p)), want, "{p}");
        }
        assert_eq!(capitalise("über"), "Über");
        assert_eq!(capitalise(""), "");
    }
}
