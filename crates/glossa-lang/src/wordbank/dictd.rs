//! dictd bilingual dictionaries as FreeDict ships them (Debian
//! `dict-freedict-deu-eng`): `NAME.index` has one line per entry,
//! `headword<TAB>offset<TAB>length`, the numbers written in dictd's base 64
//! (`A-Za-z0-9+/` as digits 0-63); `NAME.dict.dz` is the entry text,
//! gzip-compressed (dictzip), decompressed here as a whole.
//!
//! An entry as FreeDict formats it:
//!
//! ```text
//! Haus /hˈaʊs/ <neut, n, sg>
//! house <n>
//!       "ein Haus bauen"  - build a house
//!    Synonym: {…}
//!  see: {Häuser}, {frei Haus}
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::WordBankError;
pub use super::dict_entry::DictEntry;
use super::frequency::gunzip;

/// A loaded dictionary.
#[derive(Debug, Clone, Default)]
pub struct Dictd {
    /// Lower-cased headword -> (offset, length) of each entry, in index order.
    index: HashMap<String, Vec<(usize, usize)>>,
    data: Vec<u8>,
    /// Lines of the index read.
    pub index_lines: usize,
}

/// The value of a number in dictd's base 64.
pub fn decode_number(digits: &str) -> Option<u64> {
    if digits.is_empty() || digits.len() > 10 {
        return None;
    }
    digits.bytes().try_fold(0u64, |n, b| {
        let d = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        Some(n * 64 + u64::from(d))
    })
}

/// The data file next to an index: `NAME.dict.dz`, else `NAME.dict`.
pub fn data_path(index: &Path) -> PathBuf {
    let base = index.with_extension("");
    let with = |ext: &str| {
        let mut p = base.clone().into_os_string();
        p.push(ext);
        PathBuf::from(p)
    };
    let dz = with(".dict.dz");
    if dz.exists() { dz } else { with(".dict") }
}

impl Dictd {
    /// Load `NAME.index` and the data file next to it.
    pub fn open(index_path: &Path) -> Result<Self, WordBankError> {
        let file = index_path.display().to_string();
        let index =
            std::fs::read_to_string(index_path).map_err(|e| WordBankError::io(&file, &e))?;
        let data_file = data_path(index_path);
        let data_name = data_file.display().to_string();
        let raw = std::fs::read(&data_file).map_err(|e| WordBankError::io(&data_name, &e))?;
        let data = if raw.starts_with(&[0x1f, 0x8b]) {
            gunzip(&data_name, &raw)?
        } else {
            raw
        };
        Self::from_parts(&file, &index, data)
    }

    /// Build from the index text and the uncompressed data.
    pub fn from_parts(file: &str, index: &str, data: Vec<u8>) -> Result<Self, WordBankError> {
        let mut map: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        let mut lines = 0;
        for (n, line) in index.lines().enumerate() {
            lines += 1;
            let mut fields = line.split('\t');
            let (Some(head), Some(offset), Some(length)) =
                (fields.next(), fields.next(), fields.next())
            else {
                return Err(WordBankError::line(
                    file,
                    n,
                    "expected headword, offset and length separated by tabs",
                ));
            };
            let number = |s: &str| {
                decode_number(s.trim())
                    .and_then(|v| usize::try_from(v).ok())
                    .ok_or_else(|| {
                        WordBankError::line(file, n, &format!("{s:?} is not a dictd number"))
                    })
            };
            let (offset, length) = (number(offset)?, number(length)?);
            if offset
                .checked_add(length)
                .is_none_or(|end| end > data.len())
            {
                return Err(WordBankError::line(
                    file,
                    n,
                    "the entry lies beyond the end of the data file",
                ));
            }
            if head.is_empty() || head.starts_with("00-database") || head.starts_with("00database")
            {
                continue;
            }
            let key = if head.chars().any(char::is_uppercase) {
                head.to_lowercase()
            } else {
                head.to_owned()
            };
            match map.get_mut(&key) {
                Some(list) => list.push((offset, length)),
                None => {
                    map.insert(key, vec![(offset, length)]);
                }
            }
        }
        Ok(Self {
            index: map,
            data,
            index_lines: lines,
        })
    }

    /// Distinct headwords (lower-cased).
    pub fn headwords(&self) -> usize {
        self.index.len()
    }

    /// The raw text of every entry filed under the headword (any case).
    pub fn raw(&self, headword: &str) -> Vec<&str> {
        let Some(list) = self.index.get(&headword.to_lowercase()) else {
            return Vec::new();
        };
        list.iter()
            .filter_map(|&(o, l)| std::str::from_utf8(self.data.get(o..o + l)?).ok())
            .collect()
    }

    /// Every entry filed under the headword (any case), parsed.
    pub fn lookup(&self, headword: &str) -> Vec<DictEntry> {
        self.raw(headword)
            .into_iter()
            .enumerate()
            .filter_map(|(i, text)| DictEntry::parse(text, i))
            .collect()
    }

    /// The entries whose headword is exactly `word` (case-sensitive:
    /// `Haus`, not `Haus…` or `haus`).
    pub fn entries_for(&self, word: &str) -> Vec<DictEntry> {
        self.lookup(word)
            .into_iter()
            .filter(|e| e.headword == word)
            .collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_dictd_base64() {
        assert_eq!(decode_number("A"), Some(0));
        assert_eq!(decode_number("B0"), Some(64 + 52));
        assert_eq!(decode_number("/"), Some(63));
        assert_eq!(decode_number("BA"), Some(64));
        assert_eq!(decode_number("a=b"), None);
        assert_eq!(decode_number(""), None);
    }

    const HAUS: &str = "Haus /hˈaʊs/ <neut, n, sg>\nhouse <n>, home <n> [Br.]\n      \"ein Haus bauen\"  - build a house\n         Note: sth.\n see: {Häuser}\n";
    const ADM: &str = "Haus /hˈaʊs/ <neut, n, sg>\n [adm.] establishment <n>, institution <n>\n   Synonyms: {Einrichtung}\n";
    const PL: &str = "Häuser /hˈɔøzɜ/ <pl>\nhouses\n";

    #[test]
    fn index_and_lookup() {
        let data = format!("{HAUS}{ADM}{PL}").into_bytes();
        let (a, b) = (HAUS.len(), ADM.len());
        let enc = |mut n: usize| {
            let digits = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            let mut s = Vec::new();
            loop {
                s.push(digits[n % 64]);
                n /= 64;
                if n == 0 {
                    break;
                }
            }
            s.reverse();
            String::from_utf8(s).unwrap()
        };
        let index = format!(
            "haus\tA\t{}\nhaus\t{}\t{}\nhäuser\t{}\t{}\n",
            enc(a),
            enc(a),
            enc(b),
            enc(a + b),
            enc(PL.len())
        );
        let d = Dictd::from_parts("t.index", &index, data).unwrap();
        assert_eq!(d.headwords(), 2);
        let found = d.lookup("Haus");
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].translations[0], "establishment");
        assert_eq!(d.entries_for("Häuser")[0].translations, ["houses"]);
        assert!(d.entries_for("haus").is_empty());
        assert!(Dictd::from_parts("t.index", "haus\tA\tZZ\n", Vec::new()).is_err());
        assert!(Dictd::from_parts("t.index", "haus A\n", Vec::new()).is_err());
    }
}
