//! `glossa bench reviews` end to end at a tiny scale: it seeds a scratch
//! database, runs both phases and prints the comparison table, then
//! removes the database (SQLite; PostgreSQL when GLOSSA_TEST_POSTGRES is set).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_glossa");

fn bench(extra: &[&str]) -> String {
    let dir = std::env::temp_dir().join(format!("glossa-bench-test-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut c = Command::new(BIN);
    c.current_dir(&dir);
    for (k, _) in std::env::vars() {
        if k.starts_with("GLOSSA_") || k == "DATABASE_URL" || k == "RUST_LOG" {
            c.env_remove(k);
        }
    }
    c.env("GLOSSA_LOG", "warn").args([
        "bench",
        "reviews",
        "--learners",
        "3",
        "--cards-per-learner",
        "20",
        "--clients",
        "2",
        "--seconds",
        "1",
    ]);
    let out = c.args(extra).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "stdout:\n{stdout}\nstderr:\n{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
    stdout
}

fn check_table(stdout: &str) {
    assert!(stdout.contains("seeded 3 learners, 60 cards"), "{stdout}");
    assert!(stdout.contains("| clients | HTTP it/s |"), "{stdout}");
    let row = stdout
        .lines()
        .find(|l| l.starts_with("| 2 |"))
        .unwrap_or_else(|| panic!("no row for 2 clients:\n{stdout}"));
    let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
    assert_eq!(cells.len(), 8, "{row}");
    // Both phases made progress.
    assert!(cells[1].parse::<f64>().unwrap() > 0.0, "{row}");
    assert!(cells[4].parse::<f64>().unwrap() > 0.0, "{row}");
    assert!(!stdout.contains("errors"), "{stdout}");
}

#[test]
fn bench_reviews_on_sqlite() {
    check_table(&bench(&[]));
}

#[test]
fn bench_reviews_on_postgres() {
    let Ok(admin) = std::env::var("GLOSSA_TEST_POSTGRES") else {
        eprintln!("GLOSSA_TEST_POSTGRES unset: PostgreSQL variant not run");
        return;
    };
    check_table(&bench(&["--postgres-admin", &admin]));
}
