//! The builder on small hand-made sources: forms count for their lemma,
//! words without a translation are skipped, options are checked.

#![allow(clippy::unwrap_used)]

use super::*;

/// A dictd index line for each entry of `texts`, laid end to end.
fn dictd(texts: &[&str]) -> Dictd {
    let digits = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let enc = |mut n: usize| {
        let mut s = vec![digits[n % 64]];
        while n >= 64 {
            n /= 64;
            s.insert(0, digits[n % 64]);
        }
        String::from_utf8(s).unwrap()
    };
    let (mut index, mut offset) = (String::new(), 0);
    for t in texts {
        let head = t.split(" /").next().unwrap().to_lowercase();
        index.push_str(&format!("{head}\t{}\t{}\n", enc(offset), enc(t.len())));
        offset += t.len();
    }
    Dictd::from_parts("t.index", &index, texts.concat().into_bytes()).unwrap()
}

fn sources() -> Sources {
    let aff = "SET UTF-8\n";
    let dic = "9\nund\nHaus\nHäuser\ngehen\nging\ngeht\neine\neinen\nfoo\n";
    let mut forms = FormTables::new();
    let csv =
        "lemma,pos,genus,nominativ singular,nominativ plural\nHaus,Substantiv,n,Haus,Häuser\n";
    forms.load_nouns("nouns.csv", csv.as_bytes()).unwrap();
    let verbs = r#"{"gehen": {"PRÄ": {"S": {"3": "geht"}}, "PRT": {"S": {"1": "ging"}}},
                    "einen": {"PRÄ": {"S": {"1": "eine"}}}}"#;
    forms.load_verbs("verbs.json", verbs).unwrap();
    let list =
        "und 100\nging 60\ngeht 50\ngehen 10\nhäuser 40\neine 30\neinen 25\nfoo 20\n42 99\nxyz 5\n";
    Sources {
        frequency: FrequencyList::from_text("f.txt", list, "de").unwrap(),
        hunspell: Hunspell::from_bytes("t.aff", aff.as_bytes(), dic.as_bytes()).unwrap(),
        forms,
        dictionary: dictd(&[
            "und /ʊnt/ <conj>\nand <conj>\n",
            "Haus /haʊs/ <neut, n, sg>\nhouse <n>\n",
            "gehen /ɡeːən/ <v>\ngo <v>\n      \"Wir gehen.\"  - We go.\n",
            "eine /aɪnə/ <art>\na <art>, an <art>\n",
        ]),
    }
}

#[test]
fn forms_count_for_their_lemma_and_untranslated_words_are_skipped() {
    let s = sources();
    let bank = build(&s, &WordBankOptions::new("de", 10), &|_, _| {}).unwrap();
    let got: Vec<(&str, &str, Option<i32>)> = bank
        .pack
        .words
        .iter()
        .map(|w| (w.lemma.as_str(), w.pos.as_str(), w.frequency_rank))
        .collect();
    // gehen: 10 + ging 60 + geht 50; Haus: Häuser 40; eine is an article.
    assert_eq!(
        got,
        [
            ("gehen", "verb", Some(1)),
            ("und", "conjunction", Some(2)),
            ("Haus", "noun", Some(3)),
            ("eine", "article", Some(4))
        ]
    );
    assert!(validate_ok(&bank.pack));
    let gehen = &bank.pack.words[0];
    assert_eq!(gehen.translations["en"], "go");
    assert_eq!(gehen.examples[0].translations["en"], "We go.");
    assert_eq!((gehen.level.as_str(), gehen.priority), ("A1", 1));
    let haus = &bank.pack.words[2];
    assert_eq!(
        (haus.gender.as_deref(), haus.plural.as_deref()),
        (Some("n"), Some("Häuser"))
    );
    assert_eq!(haus.pronunciation.as_deref(), Some("haʊs"));
    // xyz is not a word, foo has no lemma, the verb einen no translation.
    let counts = (
        bank.merged_forms,
        bank.not_words,
        bank.no_lemma,
        bank.untranslated,
    );
    assert_eq!(counts, (3, 1, 1, 1));
    let top2 = build(&s, &WordBankOptions::new("de", 2), &|_, _| {}).unwrap();
    assert_eq!(top2.pack.words.len(), 2);
}

fn validate_ok(pack: &Pack) -> bool {
    glossa_core::pack::validate(pack).is_empty()
}

#[test]
fn options_are_checked() {
    assert!(WordBankOptions::new("de", 10).check().is_ok());
    assert!(WordBankOptions::new("xx", 10).check().is_err());
    assert!(WordBankOptions::new("DE", 10).check().is_err());
    assert!(WordBankOptions::new("de", 0).check().is_err());
    let mut o = WordBankOptions::new("de", 10);
    o.slug = "Bad Slug".into();
    assert!(o.check().unwrap_err().to_string().contains("slug"));
}
