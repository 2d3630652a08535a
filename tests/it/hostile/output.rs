//! Reproductions 6 and 7: values and file names from the repository reach CI logs and job
//! summaries. No line quarterdeck prints may start a workflow command (`::…`, which GitHub's
//! runner obeys after leading blanks) unless it is one, and no escape sequence from content may
//! reach a terminal. The bytes printed are checked, not GitHub.

use crate::support::Site;

/// A value that, printed raw, writes two workflow commands, sets the terminal's title (OSC 0)
/// and writes the clipboard (OSC 52).
const STATUS: &str = r#"status: "mitigating\n::notice title=All checks passed::ok\n::add-mask::R-\e]0;pwned\a\e]52;c;cm0gLXJmIH4=\a""#;

/// A file name with a newline, a workflow command and OSC 0 in it.
const FILE: &str = "content/quarters/2026-Q2/risks/x\n::warning::evil\u{1b}]0;t\u{7}.yaml";

fn hostile_site() -> Site {
    let site = Site::copy_of("minimal");
    site.edit(
        "content/quarters/2026-Q2/risks/R-007.yaml",
        "status: mitigating",
        STATUS,
    );
    site.write(FILE, "id: R-011\ntitel: x\n");
    site
}

/// No line starts a workflow command (after the blanks the runner skips) and no ESC or BEL
/// byte is printed.
fn neutral(out: &str) {
    for line in out.split(['\n', '\r']) {
        assert!(
            !line.trim_start().starts_with("::"),
            "a command line: {line:?}\n{out}"
        );
    }
    assert!(
        !out.contains(['\u{1b}', '\u{7}']),
        "an escape sequence: {out:?}"
    );
}

#[test]
fn human_diagnostics_show_values_and_file_names_escaped() {
    let site = hostile_site();
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        r#"content/quarters/2026-Q2/risks/R-007.yaml:9:9: error[invalid-value]: `status` is `mitigating\n::notice title=All checks passed::ok\n::add-mask::R-\u{1b}]0;pwned\u{7}\u{1b}]52;c;cm0gLXJmIH4=\u{7}`, expected one of `open`, `mitigating`, `accepted`, `closed`
  |
9 | status: "mitigating\n::notice title=All checks passed::ok\n::add-mask::R-\e]0;pwned\a\e]52;c;cm0gLXJmIH4=\a"
  |         ^

content/quarters/2026-Q2/risks/x\n::warning::evil\u{1b}]0;t\u{7}.yaml:2:1: error[unknown-field]: unknown field `titel`; allowed here: id, title, statement, impact, likelihood, owner, mitigation, due, status, exception, category, treatment, target, inherent, loss
  |
2 | titel: x
  | ^
  = help: did you mean `title`?

checked 2 quarters (19 files): 2 errors, 0 warnings
"#
    );
    neutral(&run.stderr);
    // `build` prints the same diagnostics.
    let build = site.run(&["build"]);
    assert_eq!(build.code, 1);
    neutral(&build.stderr);
}

#[test]
fn annotations_carry_only_their_own_commands() {
    let site = hostile_site();
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "::error file=content/quarters/2026-Q2/risks/R-007.yaml,line=9,col=9,title=quarterdeck invalid-value::`status` is `mitigating%0A::notice title=All checks passed::ok%0A::add-mask::R-\\u{1b}]0;pwned\\u{7}\\u{1b}]52;c;cm0gLXJmIH4=\\u{7}`, expected one of `open`, `mitigating`, `accepted`, `closed`\n\
         ::error file=content/quarters/2026-Q2/risks/x%0A%3A%3Awarning%3A%3Aevil\\u{1b}]0;t\\u{7}.yaml,line=2,col=1,title=quarterdeck unknown-field::unknown field `titel`; allowed here: id, title, statement, impact, likelihood, owner, mitigation, due, status, exception, category, treatment, target, inherent, loss%0Ahelp: did you mean `title`?\n"
    );
    assert_eq!(run.stdout.lines().count(), 2);
    assert!(!run.stdout.contains(['\u{1b}', '\u{7}']));
}

/// A reworded statement's second line, quoted under its risk's row, began a line of `diff`.
#[test]
fn a_diff_line_never_starts_a_workflow_command() {
    let site = Site::copy_of("minimal");
    for (q, text) in [
        (
            "2026-Q1",
            r#"statement: "Ransomware halts releases.\n::add-mask::secret stays hidden.""#,
        ),
        (
            "2026-Q2",
            r#"statement: "Ransomware halts all releases.\n::add-mask::secret stays hidden now.""#,
        ),
    ] {
        let file = format!("content/quarters/{q}/risks/R-007.yaml");
        let old = site
            .read(&file)
            .lines()
            .find(|l| l.starts_with("statement:"))
            .unwrap()
            .to_string();
        site.edit(&file, &old, text);
    }
    let run = site.run(&["diff", "2026-Q1", "2026-Q2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let statement: Vec<&str> = run.stdout.lines().skip(5).take(2).collect();
    assert_eq!(
        statement,
        [
            "      statement: Ransomware halts {+all+} releases.",
            "                 \\::add-mask::secret stays hidden {+now+}.",
        ]
    );
    neutral(&run.stdout);
    let run = site.run(&["diff", "2026-Q1", "2026-Q2", "--format", "markdown"]);
    neutral(&run.stdout);
}

/// `diff --git --format markdown` of content with errors lists them for the job summary; a
/// file name with a newline wrote its own heading and mention there.
#[cfg(unix)]
#[test]
fn the_job_summary_of_broken_content_quotes_file_names_on_their_line() {
    let site = Site::copy_of("minimal");
    site.git(&["init", "-q", "-b", "main"]);
    site.git(&["add", "."]);
    site.git(&["commit", "-q", "-m", "base"]);
    site.write(
        "content/quarters/2026-Q2/risks/x\n# Approved by the board @board-chair\n.yaml",
        "id: R-011\ntitel: x\n",
    );
    let run = site
        .in_repo(&site.root)
        .args(["diff", "--git", "HEAD", "--format", "markdown"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(run.stdout).unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        stdout,
        "## Board pack changes: not available\n\nThe content has 1 error, so quarterdeck cannot say what changed. Fix it:\n\n\
         - `content/quarters/2026-Q2/risks/x\\n# Approved by the board @board-chair\\n.yaml:2:1` unknown field \\`titel\\`; allowed here: id, title, statement, impact, likelihood, owner, mitigation, due, status, exception, category, treatment, target, inherent, loss (unknown-field)\n"
    );
    neutral(&stdout);
}
