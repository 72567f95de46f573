//! CSV/TSV word lists become valid packs; a bad row refuses the file with
//! its file name, line and reason.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/generate.rs"]
mod generate;

use glossa_core::pack::validate;
use glossa_lang::import::csv::{parse_csv, read_csv};
use glossa_lang::import::{ImportOptions, Imported};

fn opts() -> ImportOptions {
    ImportOptions::new("de", "test-words")
}

fn parse(text: &str) -> Imported {
    parse_csv("words.csv", text.as_bytes(), &opts()).unwrap_or_else(|e| panic!("{e}"))
}

fn error(text: &str) -> String {
    match parse_csv("words.csv", text.as_bytes(), &opts()) {
        Ok(i) => panic!("expected an error, got {} words", i.pack.words.len()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn comma_file_with_every_column() {
    let text = "\u{feff}Word,Translation_EN,translation_it,Level,POS,gender,plural,category,example,example_translation_en,notes\n\
                der Hund,dog,cane,A1,,,Hunde,Animals,\"Der Hund bellt, laut.\",\"The dog barks, loudly.\",\n\
                laufen,to run,correre,b1,verb,,,,,,irregular\n\
                Tisch,table,tavolo,,,m,Tische,,,,\n\
                guten Morgen,good morning,,A1,,,,greetings,,,\n";
    let imp = parse(text);
    assert_eq!(imp.rows, 4);
    assert!(validate(&imp.pack).is_empty(), "{:?}", validate(&imp.pack));
    let w = &imp.pack.words;
    assert_eq!(w.len(), 4);
    assert_eq!(
        (
            w[0].lemma.as_str(),
            w[0].pos.as_str(),
            w[0].gender.as_deref()
        ),
        ("Hund", "noun", Some("m"))
    );
    assert_eq!(w[0].plural.as_deref(), Some("Hunde"));
    assert_eq!(w[0].category.as_deref(), Some("animals"));
    assert_eq!(w[0].translations["it"], "cane");
    assert_eq!(w[0].examples[0].text, "Der Hund bellt, laut.");
    assert_eq!(
        w[0].examples[0].translations["en"],
        "The dog barks, loudly."
    );
    assert_eq!((w[1].pos.as_str(), w[1].level.as_str()), ("verb", "B1"));
    assert_eq!(w[1].notes.as_deref(), Some("irregular"));
    // A gender without an article still makes a noun; the default level is A1.
    assert_eq!((w[2].pos.as_str(), w[2].level.as_str()), ("noun", "A1"));
    assert_eq!(w[3].pos, "phrase");
    assert_eq!(imp.pack.manifest.translations, vec!["en", "it"]);
    assert_eq!(imp.pack.manifest.slug, "test-words");
}

#[test]
fn tab_file_with_one_translation_column() {
    let mut o = opts();
    o.translation_language = "it".into();
    let text =
        "word\ttranslation\tlevel\ndas Haus\tla casa\tA2\ndie Katze\til gatto, la gatta\tA1\n";
    let imp = parse_csv("words.tsv", text.as_bytes(), &o).unwrap();
    let w = &imp.pack.words;
    assert_eq!(w.len(), 2);
    assert_eq!(w[0].translations["it"], "la casa");
    assert_eq!(w[1].translations["it"], "il gatto, la gatta");
    assert_eq!(w[1].gender.as_deref(), Some("f"));
    assert_eq!(imp.pack.manifest.translations, vec!["it"]);
}

#[test]
fn semicolon_file_with_quoted_semicolons() {
    let text = "lemma;translation_en;notes\nSchule;school;\"a; b\"\nder Baum;tree;\n";
    let imp = parse(text);
    assert_eq!(imp.pack.words[0].notes.as_deref(), Some("a; b"));
    assert_eq!(imp.pack.words[1].lemma, "Baum");
}

#[test]
fn bad_level_rejects_the_whole_file() {
    let text = "word,translation,level\nHaus,house,A1\nHund,dog,D1\nKatze,cat,A1\n";
    assert_eq!(
        error(text),
        "words.csv:3: level \"D1\" is not one of A1..C2"
    );
}

#[test]
fn missing_and_unknown_columns() {
    assert_eq!(
        error("word,level\nHaus,A1\n"),
        "words.csv:1: missing column \"translation\" (or translation_en, translation_it, ...)"
    );
    assert_eq!(
        error("translation,level\nhouse,A1\n"),
        "words.csv:1: missing column \"word\" (or \"lemma\")"
    );
    assert!(
        error("word,translation,colour\nHaus,house,red\n")
            .starts_with("words.csv:1: unknown column \"colour\"")
    );
    assert!(
        error("word,translation_xx\nHaus,house\n")
            .starts_with("words.csv:1: column \"translation_xx\"")
    );
    assert_eq!(
        error("word,word,translation\n"),
        "words.csv:1: column \"word\" appears twice"
    );
}

#[test]
fn bad_rows_name_their_line() {
    assert_eq!(
        error("word,translation\nHaus,house\n\nHund\n"),
        "words.csv:4: expected 2 fields as in the header, found 1"
    );
    assert_eq!(
        error("word,translation\nHaus,\n"),
        "words.csv:2: \"Haus\" has no translation"
    );
    assert_eq!(
        error("word,translation\n,house\n"),
        "words.csv:2: word is empty"
    );
    assert!(
        error("word,translation,pos\nHaus,house,thing\n")
            .starts_with("words.csv:2: pos \"thing\" is not one of noun, verb")
    );
    assert_eq!(
        error("word,translation,gender\nHaus,house,x\n"),
        "words.csv:2: gender \"x\" is not one of m, f, n"
    );
    assert_eq!(
        error("word,translation\n"),
        "words.csv:1: the header is not followed by any row"
    );
    assert_eq!(error(""), "words.csv: file is empty");
}

#[test]
fn german_articles_set_gender_and_lemma() {
    let text = "word,translation,gender,pos\nder Hund,dog,,\ndie Katze,cat,f,\ndas Haus,house,,noun\ndie Vereinigten Staaten,the United States,,\nder Hund,dog,,phrase\n";
    let w = parse(text).pack.words;
    let got: Vec<_> = w
        .iter()
        .map(|w| (w.lemma.as_str(), w.pos.as_str(), w.gender.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Hund", "noun", Some("m")),
            ("Katze", "noun", Some("f")),
            ("Haus", "noun", Some("n")),
            ("die Vereinigten Staaten", "phrase", None),
            ("der Hund", "phrase", None),
        ]
    );
    let e = error("word,translation,gender\nder Hund,dog,f\n");
    assert!(
        e.starts_with("words.csv:2: \"der Hund\" has the article of gender m"),
        "{e}"
    );
    // Articles are German only.
    let o = ImportOptions::new("it", "x");
    let imp = parse_csv("w.csv", "word,translation\nder Hund,dog\n".as_bytes(), &o).unwrap();
    assert_eq!(imp.pack.words[0].lemma, "der Hund");
}

#[test]
fn repeated_words_become_meanings() {
    let imp = parse("word,translation\ndie Bank,bench\ndie Bank,bank\ndie Bank,bench\n");
    assert_eq!(imp.rows, 3);
    assert_eq!(imp.merged, 2);
    assert_eq!(imp.pack.words.len(), 1);
    assert_eq!(imp.pack.words[0].all_meanings().len(), 2);
    assert!(validate(&imp.pack).is_empty());
}

#[test]
fn round_trip_through_a_pack_directory() {
    let imp = parse(&generate::csv_rows(300));
    assert_eq!(imp.pack.words.len(), 300);
    assert!(validate(&imp.pack).is_empty(), "{:?}", validate(&imp.pack));
    let dir = tempfile::tempdir().unwrap();
    glossa_lang::write_pack(&imp.pack, dir.path()).unwrap();
    let (back, _) = glossa_lang::read_pack(dir.path()).unwrap();
    assert_eq!(back.normalized(), imp.pack.normalized());
}

#[test]
fn files_are_named_in_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vokabeln.csv");
    std::fs::write(
        &path,
        "word,translation,level\nHaus,house,A1\nHund,dog,A7\n",
    )
    .unwrap();
    let e = read_csv(&path, &opts()).unwrap_err().to_string();
    assert_eq!(e, "vokabeln.csv:3: level \"A7\" is not one of A1..C2");
    let e = read_csv(&dir.path().join("none.csv"), &opts())
        .unwrap_err()
        .to_string();
    assert!(e.contains("none.csv"), "{e}");
    std::fs::write(&path, b"word,translation\nHaus,h\xffuse\n").unwrap();
    let e = read_csv(&path, &opts()).unwrap_err().to_string();
    assert_eq!(e, "vokabeln.csv:2: field 2 is not valid UTF-8");
}
