//! The in-process check is only worth its speed if it says what the binary says: the same bytes
//! on each stream and the same exit code, on sites whose output has every part (errors with their
//! snippets and hints, warnings, the summary, `--strict`, the JSON and GitHub forms, the note on
//! records in the earlier fingerprint form, a broken template of the site's own).

use super::MemorySite;

const R7: &str = "content/quarters/2026-Q2/risks/R-007.yaml";

#[test]
fn the_in_process_check_prints_what_the_binary_prints() {
    let broken = MemorySite::copy_of("minimal");
    broken
        .edit(R7, "impact: 5", "impact: 9")
        .edit(R7, "due: 2026-12-15", "due: 2026-01-15")
        .edit(
            "content/quarters/2026-Q1/risks/R-002.yaml",
            "status: open",
            "status: opn",
        )
        .write(
            "templates/404.html",
            "{% extends \"base.html\" %}{% block main %}{{ oops }{% endblock main %}",
        );
    let lint = MemorySite::copy_of("minimal");
    lint.edit(R7, "due: 2026-12-15", "due: 2026-01-15");
    let sites = [
        ("minimal", MemorySite::copy_of("minimal")),
        ("broken", broken),
        ("lint", lint),
        ("example", MemorySite::example()),
    ];
    let forms: [&[&str]; 5] = [
        &[],
        &["--strict"],
        &["--format", "json"],
        &["--format", "github"],
        &["--strict", "--format", "json"],
    ];
    for (name, site) in &sites {
        let disk = site.on_disk();
        for args in forms {
            let binary = disk.run(&[&["check"], args].concat());
            for (how, run) in [
                ("in memory", site.check(args)),
                ("on disk", disk.check(args)),
            ] {
                assert_eq!(
                    (run.code, &run.stdout, &run.stderr),
                    (binary.code, &binary.stdout, &binary.stderr),
                    "{name}: check {args:?} {how}"
                );
            }
        }
    }
}

/// A parity that held because both sides said nothing would prove nothing: the sites above
/// give each exit code and each stream something to say.
#[test]
fn the_parity_sites_cover_every_exit_code_and_stream() {
    let broken = MemorySite::copy_of("minimal");
    broken.edit(R7, "impact: 5", "impact: 9");
    let run = broken.check(&[]);
    assert_eq!((run.code, run.stdout.as_str()), (1, ""));
    assert!(run.stderr.contains("error[out-of-range]"), "{}", run.stderr);
    let lint = MemorySite::copy_of("minimal");
    lint.edit(R7, "due: 2026-12-15", "due: 2026-01-15");
    assert_eq!(lint.check(&[]).code, 0);
    assert_eq!(lint.check(&["--strict"]).code, 1);
    let json = lint.check(&["--format", "json"]);
    assert!(json.stdout.contains("\"code\": \"overdue\"") && json.stderr.is_empty());
    let example = MemorySite::example().check(&[]);
    assert!(
        example.stderr.contains("\nnote: 2 published quarters"),
        "{}",
        example.stderr
    );
}
