//! One dictd entry as FreeDict formats it (headword, IPA, grammar tags;
//! a line of translations with labels; examples; synonyms; references),
//! parsed into a [`DictEntry`].

/// One parsed entry (one sense of a headword).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictEntry {
    /// The headword as written (`Haus`).
    pub headword: String,
    /// IPA without the slashes.
    pub pronunciation: Option<String>,
    /// Grammar tags from `<...>` (`neut`, `n`, `sg`; `v`, `intr`; `pl`).
    pub tags: Vec<String>,
    /// Subject or register labels before the translations (`adm.`, `ugs.`).
    pub labels: Vec<String>,
    /// Marked as colloquial, dated, regional, figurative ... (a register
    /// label before the translations, or on every translation).
    pub register: bool,
    /// The translations of this sense, without their tags.
    pub translations: Vec<String>,
    /// Example sentences: (source, translation).
    pub examples: Vec<(String, String)>,
    /// Synonyms the entry lists (`Synonyms: {Einrichtung}, ...`): the
    /// headword is not the first word of its dictionary line.
    pub synonyms: Vec<String>,
    /// Position among the entries of the headword in the index.
    pub order: usize,
}

impl DictEntry {
    /// Parse an entry's text; `None` when it has no translation.
    pub fn parse(text: &str, order: usize) -> Option<Self> {
        let mut lines = text.lines();
        let first = lines.next()?.trim();
        let head_end = [" /", " <", " ("]
            .iter()
            .filter_map(|s| first.find(s))
            .min()
            .unwrap_or(first.len());
        let headword = first[..head_end].trim().to_owned();
        let pronunciation = first.find(" /").and_then(|i| {
            let rest = &first[i + 2..];
            rest.find('/').map(|j| rest[..j].to_owned())
        });
        let tags = match (first.ends_with('>'), first.rfind('<')) {
            (true, Some(i)) => first[i + 1..first.len() - 1]
                .split(',')
                .map(|t| t.trim().to_owned())
                .collect(),
            _ => Vec::new(),
        };
        let mut entry = Self {
            headword,
            pronunciation,
            tags,
            labels: Vec::new(),
            register: false,
            translations: Vec::new(),
            examples: Vec::new(),
            synonyms: Vec::new(),
            order,
        };
        let mut seen_translation_line = false;
        for line in lines {
            let t = line.trim();
            if t.starts_with("Synonym") {
                entry.synonyms.extend(braced(t));
                continue;
            }
            if t.is_empty() || t.starts_with("Note:") || t.starts_with("see:") {
                continue;
            }
            if let Some(rest) = t.strip_prefix('"') {
                if let Some(i) = rest.find("\"  - ") {
                    entry
                        .examples
                        .push((rest[..i].trim().to_owned(), rest[i + 5..].trim().to_owned()));
                }
                continue;
            }
            if !seen_translation_line {
                seen_translation_line = true;
                let line = translation_line(t);
                entry.register = line.labels.iter().any(|l| is_register(l)) || line.all_register;
                entry.labels = line.labels;
                entry.translations = line.items;
            }
        }
        (!entry.translations.is_empty()).then_some(entry)
    }

    /// The pack part of speech of the entry's tags (a plural-only entry
    /// counts as a noun).
    pub fn pos(&self) -> Option<&'static str> {
        self.tags.iter().find_map(|t| {
            Some(match t.as_str() {
                "masc" | "fem" | "neut" | "n" | "sg" | "pl" => "noun",
                "v" => "verb",
                "adj" => "adjective",
                "adv" => "adverb",
                "prep" => "preposition",
                "conj" => "conjunction",
                "pron" => "pronoun",
                "art" => "article",
                "num" => "numeral",
                "int" | "interj" => "interjection",
                "ptcl" => "particle",
                _ => return None,
            })
        })
    }

    /// Whether the entry is the plural of another headword (`Häuser <pl>`)
    /// rather than a lemma.
    pub fn is_plural_form(&self) -> bool {
        self.tags.first().is_some_and(|t| t == "pl")
    }

    /// Whether the entry is a lemma: it has a part of speech and is not a
    /// plural form.
    pub fn is_lemma(&self) -> bool {
        self.pos().is_some() && !self.is_plural_form()
    }

    /// `m`, `f` or `n` from the tags.
    pub fn gender(&self) -> Option<&'static str> {
        self.tags.iter().find_map(|t| match t.as_str() {
            "masc" => Some("m"),
            "fem" => Some("f"),
            "neut" => Some("n"),
            _ => None,
        })
    }
}

/// Labels that mark a register or a regional variety rather than a
/// subject field.
const REGISTER_LABELS: &[&str] = &[
    "ugs.",
    "slang",
    "vulg.",
    "derb",
    "pej.",
    "veraltet",
    "veraltend",
    "obs.",
    "dated",
    "rare",
    "selten",
    "poet.",
    "coll.",
    "humor.",
    "geh.",
    "formal",
    "archaic",
    "Norddt.",
    "Süddt.",
    "Mitteldt.",
    "Ös.",
    "Schw.",
    "Austr.",
    "fig.",
    "übtr.",
    "euphem.",
    "Jugendsprache",
];

fn is_register(label: &str) -> bool {
    REGISTER_LABELS.contains(&label.trim())
}

/// A parsed translation line.
struct TranslationLine {
    labels: Vec<String>,
    items: Vec<String>,
    all_register: bool,
}

/// Labels (`[adm.]`) at the start, then the translations split at commas
/// outside brackets, each without its `<...>` and `[...]` annotations.
/// Translations marked with a register label (`sup <v> [poet.]`) are left
/// out unless every translation is marked.
fn translation_line(line: &str) -> TranslationLine {
    let mut rest = line.trim();
    let mut labels = Vec::new();
    while let Some(inner) = rest.strip_prefix('[') {
        let Some(end) = inner.find(']') else { break };
        labels.push(inner[..end].trim().to_owned());
        rest = inner[end + 1..].trim_start();
    }
    let mut raw = Vec::new();
    let (mut depth, mut current) = (0i32, String::new());
    for c in rest.chars() {
        match c {
            '<' | '[' | '(' => depth += 1,
            '>' | ']' | ')' => depth -= 1,
            ',' if depth <= 0 => {
                raw.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    raw.push(current);
    let parsed: Vec<(String, bool)> = raw
        .iter()
        .map(|i| (clean_item(i), bracketed(i).iter().any(|l| is_register(l))))
        .filter(|(i, _)| !i.is_empty() && !i.starts_with('/'))
        .collect();
    let all_register = !parsed.is_empty() && parsed.iter().all(|(_, r)| *r);
    let items = parsed
        .into_iter()
        .filter(|(_, r)| all_register || !r)
        .map(|(i, _)| i)
        .collect();
    TranslationLine {
        labels,
        items,
        all_register,
    }
}

/// The `[...]` labels inside a translation.
fn bracketed(item: &str) -> Vec<&str> {
    item.split('[')
        .skip(1)
        .filter_map(|part| part.split_once(']'))
        .map(|(inner, _)| inner.trim())
        .collect()
}

/// The `{...}` items of a line.
fn braced(line: &str) -> Vec<String> {
    line.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}'))
        .map(|(inner, _)| inner.trim().to_owned())
        .collect()
}

/// An item without `<...>` and `[...]` groups, spaces collapsed. What
/// follows a grammar tag is an abbreviation (`number <n>no.`) and goes too.
fn clean_item(item: &str) -> String {
    let item = item.find('<').map_or(item, |i| &item[..i]);
    let mut out = String::new();
    let mut depth = 0i32;
    for c in item.chars() {
        match c {
            '<' | '[' => depth += 1,
            '>' | ']' => depth -= 1,
            _ if depth <= 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const HAUS: &str = "Haus /hˈaʊs/ <neut, n, sg>\nhouse <n>, home <n> [Br.]\n      \"ein Haus bauen\"  - build a house\n         Note: sth.\n see: {Häuser}\n";
    const ADM: &str = "Haus /hˈaʊs/ <neut, n, sg>\n [adm.] establishment <n>, institution <n>\n   Synonyms: {Einrichtung}\n";
    const PL: &str = "Häuser /hˈɔøzɜ/ <pl>\nhouses\n";

    #[test]
    fn entries_are_parsed() {
        let e = DictEntry::parse(HAUS, 0).unwrap();
        assert_eq!(e.headword, "Haus");
        assert_eq!(e.pronunciation.as_deref(), Some("hˈaʊs"));
        assert_eq!(e.tags, ["neut", "n", "sg"]);
        assert_eq!(e.translations, ["house", "home"]);
        assert_eq!(
            e.examples,
            [("ein Haus bauen".to_owned(), "build a house".to_owned())]
        );
        assert_eq!(
            (e.pos(), e.gender(), e.is_lemma()),
            (Some("noun"), Some("n"), true)
        );
        let a = DictEntry::parse(ADM, 1).unwrap();
        assert_eq!(a.labels, ["adm."]);
        assert_eq!(a.synonyms, ["Einrichtung"]);
        assert!(!a.register && !e.register);
        let d = DictEntry::parse("essen /e/ <v>\ndine <v>, sup <v> [poet.]  [dated]\n", 0).unwrap();
        assert_eq!(
            (d.translations.as_slice(), d.register),
            (&["dine".to_owned()][..], false)
        );
        let o = DictEntry::parse("Team /t/ <neut, n, sg>\noutfit <n> [coll.]\n", 0).unwrap();
        assert_eq!(
            (o.translations.as_slice(), o.register),
            (&["outfit".to_owned()][..], true)
        );
        let u = DictEntry::parse("haben /h/ <v>\n [ugs.] hold <v>, have <v>\n", 0).unwrap();
        assert!(u.register);
        assert!(e.synonyms.is_empty());
        assert_eq!(a.translations, ["establishment", "institution"]);
        let p = DictEntry::parse(PL, 0).unwrap();
        assert!(p.is_plural_form() && !p.is_lemma());
        let v =
            DictEntry::parse("zu /tsˈuː/ ([+ dat]) <prep>\nto <prep>, at <adj, adv>\n", 0).unwrap();
        assert_eq!((v.headword.as_str(), v.pos()), ("zu", Some("preposition")));
        assert_eq!(v.translations, ["to", "at"]);
        let n = DictEntry::parse(
            "Nummer /n/ (Nr. /x/) <fem, n, sg>\nnumber <n>no.,  /nˈoː/ No.,  /nˈoː/\n",
            0,
        )
        .unwrap();
        assert_eq!(
            (n.headword.as_str(), n.pronunciation.as_deref()),
            ("Nummer", Some("n"))
        );
        assert_eq!(n.translations, ["number"]);
        assert!(DictEntry::parse("nichts /x/\n", 0).is_none());
    }
}
