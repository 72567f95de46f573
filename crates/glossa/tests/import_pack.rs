//! `glossa import pack` resolves references against content already in
//! the database: a second pack may use the first pack's topics, and an
//! unknown reference rejects the pack with its file and line.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "cli/support.rs"]
#[allow(dead_code)]
mod support;

use std::path::Path;

use support::Env;

fn write_pack(dir: &Path, slug: &str, files: &[(&str, &str)]) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("pack.toml"),
        format!("format = 1\nslug = \"{slug}\"\nlanguage = \"de\"\nversion = \"1.0.0\"\ntitle = \"T\"\nlicence = \"CC0-1.0\"\n"),
    )
    .unwrap();
    for (path, text) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

const EXERCISE: &str = "[[exercise]]\nslug = \"dat-1\"\ntopic = \"TOPIC\"\ntype = \"fill_blank\"\nlevel = \"A2\"\nquestion = \"Ich helfe ___ Mann.\"\nanswer = \"dem\"\n";

#[test]
fn packs_may_use_stored_topics() {
    let env = Env::sqlite();
    env.ok(&["migrate", "up"], &[]);
    let grammar = env.dir.join("grammar-pack");
    write_pack(
        &grammar,
        "grammar",
        &[(
            "grammar/cases.toml",
            "[[topic]]\nslug = \"dative\"\nname = \"Dativ\"\nlevel = \"A2\"\n",
        )],
    );
    env.ok(&["import", "pack", grammar.to_str().unwrap()], &[]);

    let drills = env.dir.join("drill-pack");
    write_pack(
        &drills,
        "drills",
        &[(
            "exercises/dative.toml",
            &EXERCISE.replace("TOPIC", "dative"),
        )],
    );
    let out = env.ok(&["import", "pack", drills.to_str().unwrap()], &[]);
    assert!(out.contains("1 created"), "{out}");

    let bad = env.dir.join("bad-pack");
    write_pack(
        &bad,
        "bad",
        &[(
            "exercises/genitive.toml",
            &EXERCISE
                .replace("TOPIC", "genitive")
                .replace("dat-1", "gen-1"),
        )],
    );
    let out = env.run(&["import", "pack", bad.to_str().unwrap()], &[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("exercises/genitive.toml:2") && err.contains("genitive"),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
}
