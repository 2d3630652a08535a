//! Each diagnostic code's typical message, whole, as `check` prints it for a person: position,
//! message, the source line with its caret, the help and the summary, pinned with insta in
//! `tests/it/snapshots/messages/CODE.snap`. A test that asserts a fragment cannot see a
//! reworded help, a snippet that points one column off or a second diagnostic riding along; a
//! snapshot shows all of it in review. Each case is the minimal fixture with one mistake,
//! checked in memory; the few that need a disk, Git or another command say so.

mod content;
mod disk;
mod rules;

use crate::support::{MemorySite, Run};

const Q1: &str = "content/quarters/2026-Q1";
const Q2: &str = "content/quarters/2026-Q2";
const R2: &str = "content/quarters/2026-Q2/risks/R-002.yaml";
const R7: &str = "content/quarters/2026-Q2/risks/R-007.yaml";
const R10: &str = "content/quarters/2026-Q2/risks/R-010.yaml";
const QUARTER: &str = "content/quarters/2026-Q2/quarter.yaml";
const INC: &str = "content/quarters/2026-Q2/incidents/INC-2026-031.yaml";
const INV: &str = "content/quarters/2026-Q2/investments/INV-003.yaml";
const TOML: &str = "quarterdeck.toml";

/// Pins `run`'s stderr as the snapshot `code`, which it must report. A record's fingerprints
/// are redacted: they change with anything the fixture's pages show, which is not what these
/// messages are about.
fn pin(code: &str, run: &Run) {
    assert!(
        run.stderr.contains(&format!("[{code}]: ")),
        "{code} is not reported:\n{}",
        run.stderr
    );
    insta::with_settings!({
        snapshot_path => "../snapshots/messages",
        prepend_module_to_snapshot => false,
    }, {
        insta::assert_snapshot!(code, redact_fingerprints(&run.stderr));
    });
}

/// `sha256:` and 64 hexadecimal digits, as `sha256:[fingerprint]`.
fn redact_fingerprints(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("sha256:") {
        let (before, after) = rest.split_at(at + "sha256:".len());
        out.push_str(before);
        let hex = after.len() >= 64 && after[..64].chars().all(|c| c.is_ascii_hexdigit());
        rest = if hex {
            out.push_str("[fingerprint]");
            &after[64..]
        } else {
            after
        };
    }
    out + rest
}

/// `check` of the minimal fixture after `edit`, pinned as `code`.
fn minimal(code: &str, edit: impl FnOnce(&MemorySite)) {
    let site = MemorySite::copy_of("minimal");
    edit(&site);
    pin(code, &site.check(&[]));
}

/// `check` of the minimal fixture with `settings` added to quarterdeck.toml, after `edit`.
fn with_settings(code: &str, settings: &str, edit: impl FnOnce(&MemorySite)) {
    let site = MemorySite::minimal_with(settings);
    edit(&site);
    pin(code, &site.check(&[]));
}

/// The codes of docs/diagnostics.md's index; `codes.rs` holds that list to the source.
fn documented() -> Vec<String> {
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostics.md"),
    )
    .unwrap();
    doc.lines()
        .filter_map(|l| l.strip_prefix("| [`"))
        .map(|l| l.split('`').next().unwrap().to_string())
        .collect()
}

/// Every code has its message pinned here, and every pinned message is of a code that exists:
/// a new code comes with its case, a retired one takes its snapshot along.
#[test]
fn every_documented_code_has_a_pinned_message_and_no_other() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/snapshots/messages");
    let documented = documented();
    let missing: Vec<&String> = documented
        .iter()
        .filter(|code| !dir.join(format!("{code}.snap")).is_file())
        .collect();
    assert_eq!(missing, Vec::<&String>::new(), "codes without a case here");
    let mut stale: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            let code = name.strip_suffix(".snap")?;
            (!documented.iter().any(|d| d == code)).then(|| code.to_string())
        })
        .collect();
    stale.sort();
    assert_eq!(
        stale,
        Vec::<String>::new(),
        "snapshots of no documented code"
    );
}
