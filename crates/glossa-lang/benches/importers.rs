//! Import speed, parsing only (no database): a generated Anki deck of
//! 2,000 notes and a CSV word list of 5,000 rows. Run with
//! `cargo bench -p glossa-lang --bench importers`. The inputs are also
//! written to `target/tmp/glossa-importers/` so that the same files can be
//! timed through `glossa import` (see docs/benchmarks.md).

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/support/generate.rs"]
mod generate;

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use glossa_lang::import::ImportOptions;
use glossa_lang::import::anki::read_apkg;
use glossa_lang::import::csv::parse_csv;

const NOTES: usize = 2000;
const ROWS: usize = 5000;

fn inputs() -> (PathBuf, PathBuf) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("glossa-importers");
    std::fs::create_dir_all(&dir).unwrap();
    let apkg = dir.join(format!("german-{NOTES}.apkg"));
    let csv = dir.join(format!("words-{ROWS}.csv"));
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(generate::write_apkg(
        &generate::german_deck(NOTES),
        &apkg,
        "collection.anki21",
    ));
    std::fs::write(&csv, generate::csv_rows(ROWS)).unwrap();
    eprintln!("inputs: {} and {}", apkg.display(), csv.display());
    (apkg, csv)
}

fn importers(c: &mut Criterion) {
    let (apkg, csv) = inputs();
    let opts = ImportOptions::new("de", "bench");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut group = c.benchmark_group("importers");
    group.sample_size(20);

    group.throughput(Throughput::Elements(NOTES as u64));
    group.bench_function("anki_2000_notes", |b| {
        b.iter(|| {
            let imp = rt.block_on(read_apkg(black_box(&apkg), &opts)).unwrap();
            assert_eq!(imp.imported.pack.words.len(), 1600);
        })
    });

    let bytes = std::fs::read(&csv).unwrap();
    group.throughput(Throughput::Elements(ROWS as u64));
    group.bench_function("csv_5000_rows", |b| {
        b.iter(|| {
            let imp = parse_csv("words.csv", black_box(&bytes), &opts).unwrap();
            assert_eq!(imp.pack.words.len(), ROWS);
        })
    });
    group.finish();
}

criterion_group!(benches, importers);
criterion_main!(benches);
