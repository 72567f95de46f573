//! Running the `glossa` binary in a scratch directory against its own
//! SQLite file or PostgreSQL database.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Database};

const BIN: &str = env!("CARGO_BIN_EXE_glossa");

/// Run a future to completion on a private runtime.
pub fn block<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

/// The PostgreSQL admin URL for tests; its absence is a skip, or a
/// failure under `CI=true`.
fn pg_admin() -> Option<String> {
    match std::env::var("GLOSSA_TEST_POSTGRES") {
        Ok(u) if !u.is_empty() => Some(u),
        _ => {
            assert!(
                std::env::var("CI").map(|v| v != "true").unwrap_or(true),
                "CI=true but GLOSSA_TEST_POSTGRES is not set: the PostgreSQL CLI tests must run"
            );
            eprintln!("GLOSSA_TEST_POSTGRES unset: PostgreSQL variant not run");
            None
        }
    }
}

/// One test's world: a scratch directory (working and data directory)
/// and, for PostgreSQL, a database of its own, removed on drop.
pub struct Env {
    pub dir: PathBuf,
    url: Option<String>,
    pg: Option<(String, String)>,
}

impl Env {
    pub fn sqlite() -> Env {
        let dir = std::env::temp_dir().join(format!("glossa-cli-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();
        Env {
            dir,
            url: None,
            pg: None,
        }
    }

    pub fn postgres() -> Option<Env> {
        let admin = pg_admin()?;
        let name = format!("glossa_cli_{}", uuid::Uuid::now_v7().simple());
        let n = name.clone();
        let a = admin.clone();
        block(async move {
            let db = Database::connect(&a).await.unwrap();
            db.execute_unprepared(&format!("CREATE DATABASE {n}"))
                .await
                .unwrap();
            db.close().await.unwrap();
        });
        let base = admin.rsplit_once('/').unwrap().0;
        let mut env = Env::sqlite();
        env.url = Some(format!("{base}/{name}"));
        env.pg = Some((admin, name));
        Some(env)
    }

    /// `glossa` with this env's data directory and database, run from the
    /// scratch directory, with no inherited Glossa configuration.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.current_dir(&self.dir);
        for (k, _) in std::env::vars() {
            if k.starts_with("GLOSSA_") || k == "DATABASE_URL" || k == "RUST_LOG" {
                c.env_remove(k);
            }
        }
        c.arg("--data-dir").arg(self.dir.join("data"));
        if let Some(url) = &self.url {
            c.args(["--database-url", url]);
        }
        c.args(args);
        c
    }

    pub fn run(&self, args: &[&str], vars: &[(&str, &str)]) -> Output {
        let mut c = self.cmd(args);
        c.envs(vars.iter().copied());
        c.output().unwrap()
    }

    /// Stdout of a command that must succeed.
    pub fn ok(&self, args: &[&str], vars: &[(&str, &str)]) -> String {
        let out = self.run(args, vars);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "glossa {args:?} failed: {stderr}");
        String::from_utf8(out.stdout).unwrap()
    }

    /// The error line of a command that must fail with exit code 1 (log
    /// lines may precede it).
    pub fn fails(&self, args: &[&str], vars: &[(&str, &str)]) -> String {
        let out = self.run(args, vars);
        let what = format!("{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr).trim_end().to_owned();
        assert_eq!(out.status.code(), Some(1), "{what} should fail: {stderr}");
        let errors: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with("error: "))
            .collect();
        assert_eq!(errors.len(), 1, "{what}: one error line:\n{stderr}");
        assert!(
            stderr.ends_with(errors[0]),
            "{what}: error comes last:\n{stderr}"
        );
        errors[0].to_owned()
    }

    /// A command that must fail with exit code 1 and print nothing but a
    /// single error line.
    pub fn fails_one_line(&self, args: &[&str], vars: &[(&str, &str)]) -> String {
        let out = self.run(args, vars);
        let what = format!("{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr).trim_end().to_owned();
        assert_eq!(out.status.code(), Some(1), "{what} should fail: {stderr}");
        assert_eq!(
            stderr.lines().count(),
            1,
            "{what}: one line only:\n{stderr}"
        );
        assert!(stderr.starts_with("error: "), "{what}: {stderr}");
        assert!(out.stdout.is_empty(), "{what}: nothing on stdout");
        stderr
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        if let Some((admin, name)) = self.pg.take() {
            block(async move {
                if let Ok(db) = Database::connect(&admin).await {
                    let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                    let _ = db.execute_unprepared(&sql).await;
                    let _ = db.close().await;
                }
            });
        }
    }
}

/// A `glossa serve` child, killed if the test ends early.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    pub fn start(env: &Env) -> Server {
        let log = std::fs::File::create(env.dir.join("serve.log")).unwrap();
        let mut child = env
            .cmd(&["serve", "--bind", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = stdout.read_line(&mut line);
            let _ = tx.send(line);
            let mut rest = String::new();
            let _ = stdout.read_to_string(&mut rest);
        });
        let line = rx.recv_timeout(Duration::from_secs(60)).unwrap_or_default();
        let Some(base) = line.trim().strip_prefix("Glossa listening on ") else {
            let _ = child.kill();
            let _ = child.wait();
            let log = std::fs::read_to_string(env.dir.join("serve.log")).unwrap_or_default();
            panic!("serve did not start: {line:?}\n{log}");
        };
        assert!(base.starts_with("http://127.0.0.1:"), "{base}");
        Server {
            base: base.to_owned(),
            child,
        }
    }

    /// SIGTERM, then the exit status (within 20 s).
    pub fn terminate(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        let kill = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(kill.success());
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "serve ignored SIGTERM");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
