//! Sites held in memory, checked in this process: `check` is the pipeline stopped before render,
//! and its output is a pure function of the files, so a test of what `check` says needs neither
//! a copy on disk nor a process. [`MemorySite::check`] prints what the binary prints (the same
//! `cmd::check::Report`), and `support::parity` holds it to that.
//!
//! Tests of exit codes, pipes, files written, links on disk, `--base` and every other command
//! run the binary on a [`Site`] (`MemorySite::on_disk` writes one).

use super::{fixture, Run, Site};
use clap::Parser as _;
use quarterdeck::cli::{Cli, Command};
use quarterdeck::{Memory, Source, WorkTree};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::Path;

/// A site as a map of site-relative paths (`content/metrics.yaml`) to bytes. Edits take `&self`,
/// as on a [`Site`], so a test reads the same either way.
#[derive(Clone)]
pub struct MemorySite {
    files: RefCell<BTreeMap<String, Vec<u8>>>,
}

/// Fixture files are read whole; `check` applies its own size limit to what it is given.
const LIMIT: usize = usize::MAX;

impl MemorySite {
    /// The fixture `tests/fixtures/NAME`, read into memory.
    pub fn copy_of(name: &str) -> MemorySite {
        MemorySite::of_folder(&fixture(name))
    }

    /// The repository's example site (`quarterdeck.toml` and `content/`).
    pub fn example() -> MemorySite {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = MemorySite::of_folder(&repo.join("content"));
        let files: BTreeMap<String, Vec<u8>> = site
            .files
            .take()
            .into_iter()
            .map(|(rel, bytes)| (format!("content/{rel}"), bytes))
            .collect();
        site.files.replace(files);
        site.write_bytes(
            "quarterdeck.toml",
            &std::fs::read(repo.join("quarterdeck.toml")).unwrap(),
        );
        site
    }

    /// The minimal fixture with `settings` added to its quarterdeck.toml (after its last line,
    /// `trend_quarters = 4`). Its quarters: 2026-Q1 (meeting 2026-04-15)
    /// and 2026-Q2 (meeting 2026-07-15), both final, neither published; 2026-Q2 holds R-002
    /// (score 12), R-007 (15) and R-010 (accepted, 6).
    pub fn minimal_with(settings: &str) -> MemorySite {
        let site = MemorySite::copy_of("minimal");
        site.edit(
            "quarterdeck.toml",
            "trend_quarters = 4",
            &format!("trend_quarters = 4\n{settings}"),
        );
        site
    }

    /// Every file under `root` as a walk of the site sees it (hidden entries left out).
    fn of_folder(root: &Path) -> MemorySite {
        let disk = Memory::copy_of(&WorkTree::new(root), LIMIT);
        let files = disk
            .paths()
            .map(|rel| (rel.to_string(), disk.read(rel, LIMIT).unwrap()))
            .collect();
        MemorySite {
            files: RefCell::new(files),
        }
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        self.files.borrow_mut().insert(rel.into(), bytes.to_vec());
        self
    }

    pub fn read(&self, rel: &str) -> String {
        let files = self.files.borrow();
        let bytes = files
            .get(rel)
            .unwrap_or_else(|| panic!("{rel}: no such file"));
        String::from_utf8(bytes.clone()).unwrap()
    }

    /// Replaces `from` with `to` in a file; panics if `from` is absent so a test cannot
    /// silently stop testing what it says.
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &Self {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1))
    }

    pub fn remove(&self, rel: &str) -> &Self {
        let gone = self.files.borrow_mut().remove(rel);
        assert!(gone.is_some(), "{rel}: no such file");
        self
    }

    /// Copies every file under the folder `from` to the same place under `to`.
    pub fn copy_dir(&self, from: &str, to: &str) -> &Self {
        let copies: Vec<(String, Vec<u8>)> = self
            .under(from)
            .map(|(rest, bytes)| (format!("{to}/{rest}"), bytes))
            .collect();
        assert!(!copies.is_empty(), "{from}: no such folder");
        self.files.borrow_mut().extend(copies);
        self
    }

    /// Moves the folder `from` to `to`.
    pub fn rename_dir(&self, from: &str, to: &str) -> &Self {
        self.copy_dir(from, to);
        let prefix = format!("{from}/");
        self.files
            .borrow_mut()
            .retain(|rel, _| !rel.starts_with(&prefix));
        self
    }

    /// (path below `dir`, bytes) of every file under the folder `dir`.
    fn under(&self, dir: &str) -> impl Iterator<Item = (String, Vec<u8>)> {
        let prefix = format!("{dir}/");
        let files = self.files.borrow();
        let found: Vec<_> = files
            .iter()
            .filter_map(|(rel, bytes)| {
                Some((rel.strip_prefix(&prefix)?.to_string(), bytes.clone()))
            })
            .collect();
        found.into_iter()
    }

    /// `quarterdeck check ARGS` on this site, in this process: what the binary prints on each
    /// stream and its exit code. `--base` (Git) and `--root` need the binary.
    pub fn check(&self, args: &[&str]) -> Run {
        let mut source = Memory::new("site");
        for (rel, bytes) in self.files.borrow().iter() {
            source.insert(rel.clone(), bytes.clone());
        }
        check(&source, args)
    }

    /// `check --format json`: the diagnostics as data ([`Run::found`], [`Run::errors`]).
    pub fn check_json(&self) -> Run {
        self.check(&["--format", "json"])
    }

    /// `check --format json`, expecting exactly one error (see [`Run::expect_error`]).
    pub fn expect_error(&self, code: &str, at: &str, message: &str) -> Run {
        self.check_json().expect_error(code, at, message)
    }

    /// `quarterdeck build` of the site written to disk, which must succeed; the site on disk,
    /// with the build in `output/`.
    pub fn built(&self) -> Site {
        let disk = self.on_disk();
        let run = disk.run(&["build"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        disk
    }

    /// The site written to a fresh temporary folder, for the binary.
    pub fn on_disk(&self) -> Site {
        let dir = super::temp_dir();
        let site = Site {
            root: dir.path().join("site"),
            _dir: Some(dir),
        };
        for (rel, bytes) in self.files.borrow().iter() {
            let path = site.path(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        site
    }
}

impl Site {
    /// `quarterdeck check ARGS` on this site as it is on disk, in this process (see
    /// [`MemorySite::check`]): for a site that another command (`publish`) has just written to.
    pub fn check(&self, args: &[&str]) -> Run {
        check(&WorkTree::new(&self.root), args)
    }

    /// `check --format json` in this process.
    pub fn check_json(&self) -> Run {
        self.check(&["--format", "json"])
    }

    /// `check --format json` in this process, expecting exactly one error.
    pub fn expect_error(&self, code: &str, at: &str, message: &str) -> Run {
        self.check_json().expect_error(code, at, message)
    }
}

/// What a test edits, on disk or in memory, so that one helper serves both.
pub trait Files {
    fn read(&self, rel: &str) -> String;
    fn write(&self, rel: &str, text: &str);

    /// Replaces `from` with `to`; panics if `from` is absent.
    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// `category: KEY` under the title of risk `id` in the quarter folder `quarter`.
    fn categorise(&self, quarter: &str, id: &str, key: &str) {
        let file = format!("{quarter}/risks/{id}.yaml");
        let text = self.read(&file);
        let title = text.lines().find(|l| l.starts_with("title:")).unwrap();
        self.edit(&file, title, &format!("{title}\ncategory: {key}"));
    }
}

/// The playbook tests' settings: acceptance rules for the medium band (12 months) and the
/// critical band (3 months, the board's decision), and a 72-hour GDPR notification clock.
pub const PLAYBOOK: &str = "[[acceptance]]\nband = \"medium\"\nmax_months = 12\n[[acceptance]]\nband = \"critical\"\nmax_months = 3\nboard = true\n[reporting.gdpr]\nname = \"GDPR breach notification\"\nhours = 72\n";

impl Site {
    /// The built `output/QUARTER/data.json` (`quarter` in its URL form, `2026-q2`).
    pub fn data(&self, quarter: &str) -> serde_json::Value {
        serde_json::from_str(&self.read(&format!("output/{quarter}/data.json"))).unwrap()
    }
}

/// The risk `id` of a quarter's `data.json`.
pub fn risk_of<'a>(data: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    data["risks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in data.json"))
}

impl Files for Site {
    fn read(&self, rel: &str) -> String {
        Site::read(self, rel)
    }

    fn write(&self, rel: &str, text: &str) {
        Site::write(self, rel, text);
    }
}

impl Files for MemorySite {
    fn read(&self, rel: &str) -> String {
        MemorySite::read(self, rel)
    }

    fn write(&self, rel: &str, text: &str) {
        MemorySite::write(self, rel, text);
    }
}

/// `check ARGS` on `source`, as `cmd::check` runs it without `--base`, printed without colour
/// (as `NO_COLOR=1`, which the binary's tests set).
fn check(source: &dyn Source, args: &[&str]) -> Run {
    let cli = Cli::try_parse_from(["quarterdeck", "check"].iter().chain(args))
        .unwrap_or_else(|e| panic!("check {args:?}: {e}"));
    let Command::Check(args) = cli.command else {
        unreachable!("parsed as `check`")
    };
    assert!(
        args.base.is_none() && cli.root.is_none(),
        "--base and --root need the binary"
    );
    let checked = quarterdeck::check_source_with_templates(source)
        .unwrap_or_else(|e| panic!("not a site: {e}; a usage error needs the binary"));
    let report = quarterdeck::cmd::check::Report::new(checked, args.strict, args.format, false);
    Run {
        code: report.result().map_or_else(|e| i32::from(e.code()), |()| 0),
        stdout: report.stdout,
        stderr: report.stderr,
    }
}
