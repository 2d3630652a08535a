//! What an author runs into away from the happy path (issue 11): commands run from a subfolder,
//! a lower-case quarter or setting, help texts, YAML mistakes reported where they are.

use crate::support::{run_in, MemorySite, Site};
use std::path::Path;

#[test]
fn commands_find_the_site_root_above_the_current_folder() {
    let site = Site::copy_of("minimal");
    let root = std::fs::canonicalize(&site.root).unwrap();
    let deep = site.path("content/quarters/2026-Q2/risks");
    let run = run_in(&deep, &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "using site root {}\nchecked 2 quarters (18 files): 0 errors, 0 warnings\n",
            root.display()
        )
    );
    // From the root itself nothing extra is said.
    let run = site.run(&["check"]);
    assert!(!run.stderr.contains("using site root"), "{}", run.stderr);
    // The path `new risk` prints works from where it was run.
    assert_eq!(
        run_in(&deep, &["new", "quarter", "2026-Q3"]).code,
        0,
        "new quarter"
    );
    let run = run_in(&deep, &["new", "risk", "Lost laptops"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "../../../../content/quarters/2026-Q3/risks/R-011.yaml\n"
    );
    assert!(deep.join(run.stdout.trim()).is_file());
    // --root still wins, and says nothing (the new risk's placeholders are errors).
    let run = run_in(&deep, &["--root", root.to_str().unwrap(), "check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("using site root"), "{}", run.stderr);
}

/// Every folder up to `/` was searched: the error says so, and how to start a site.
#[test]
fn outside_any_site_the_error_says_where_it_looked_and_how_to_start() {
    let dir = crate::support::temp_dir();
    let here = std::fs::canonicalize(dir.path()).unwrap();
    for command in ["check", "build", "serve", "diff", "publish"] {
        let mut args = vec![command];
        if command == "publish" {
            args.push("2026-Q2");
        }
        let run = run_in(dir.path(), &args);
        assert_eq!(run.code, 2, "{command}");
        assert_eq!(
            run.stderr,
            format!("error: no quarterdeck site here: neither {} nor any folder above it holds quarterdeck.toml\n  = help: run quarterdeck inside a site, pass --root DIR, or start one with `quarterdeck init DIR`\n", here.display()),
            "{command}"
        );
    }
    // A folder named with --root is not searched above: the message says what it lacks.
    let run = run_in(dir.path(), &["--root", ".", "check"]);
    assert_eq!(
        run.stderr,
        "error: . is not a quarterdeck site: it has no quarterdeck.toml\n  = help: run quarterdeck in the site root, or pass --root DIR\n"
    );
}

#[test]
fn init_does_not_offer_or_take_root() {
    let run = run_in(Path::new("."), &["init", "--help"]);
    assert_eq!(run.code, 0);
    assert!(!run.stdout.contains("--root"), "{}", run.stdout);
    for args in [
        &["init", "--root", "x", "y"][..],
        &["--root", "x", "init", "y"][..],
    ] {
        let run = run_in(&std::env::temp_dir(), args);
        assert_eq!(run.code, 2, "{args:?}");
        assert_eq!(
            run.stderr,
            "error: `init` does not take --root: it creates the folder given as DIR\n  = help: quarterdeck init DIR\n"
        );
    }
    // Other commands still offer it.
    let run = run_in(Path::new("."), &["check", "--help"]);
    assert!(run.stdout.contains("--root <DIR>"), "{}", run.stdout);
}

/// The minimal fixture with draft quarters after its final 2026-Q2.
fn with_drafts(quarters: &[&str]) -> Site {
    let site = Site::copy_of("minimal");
    for q in quarters {
        site.write(
            &format!("content/quarters/{q}/quarter.yaml"),
            &format!("quarter: {q}\nstatus: draft\nboard_meeting: 2026-10-14\nheadline: Draft headline\nsummary: Not final.\n"),
        );
        for r in ["R-002", "R-007", "R-010"] {
            let text = site.read(&format!("content/quarters/2026-Q2/risks/{r}.yaml"));
            site.write(&format!("content/quarters/{q}/risks/{r}.yaml"), &text);
        }
    }
    site
}

fn last_line(s: &str) -> &str {
    s.trim_end().rsplit('\n').next().unwrap_or_default()
}

#[test]
fn build_names_the_drafts_it_skipped() {
    let site = with_drafts(&["2026-Q3"]);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("built 2 quarters ("),
        "{}",
        run.stderr
    );
    assert_eq!(
        last_line(&run.stderr),
        "note: skipped draft 2026-Q3; build with --drafts to include it"
    );
    let run = site.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("skipped"), "{}", run.stderr);

    let site = with_drafts(&["2026-Q3", "2026-Q4"]);
    let run = site.run(&["build"]);
    assert_eq!(
        last_line(&run.stderr),
        "note: skipped drafts 2026-Q3, 2026-Q4; build with --drafts to include them"
    );
    // Without drafts there is nothing to say.
    let run = Site::copy_of("minimal").run(&["build"]);
    assert!(!run.stderr.contains("note:"), "{}", run.stderr);
}

/// Right after `new quarter`, the draft has placeholders (a `TODO` meeting date, an empty
/// headline and summary): the published quarters must still build.
#[test]
fn a_build_without_drafts_is_not_stopped_by_an_unfinished_draft() {
    let site = Site::copy_of("minimal");
    assert_eq!(site.run(&["new", "quarter", "2026-Q3"]).code, 0);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("built 2 quarters ("),
        "{}",
        run.stderr
    );
    let notes: Vec<&str> = run.stderr.lines().skip(1).collect();
    assert_eq!(
        notes,
        [
            "note: skipped draft 2026-Q3; build with --drafts to include it",
            "note: draft 2026-Q3 has 3 errors, which `quarterdeck check` lists; they stop `build --drafts`, not this build",
        ]
    );
    assert!(site.read("output/index.html").contains("2026-Q2"));
    assert!(!site.path("output/2026-q3").exists());
    // Its errors stay errors where the draft counts.
    let run = site.run(&["build", "--drafts"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[bad-date]"), "{}", run.stderr);
    assert_eq!(site.check(&[]).code, 1);
}

#[test]
fn quarters_on_the_command_line_take_the_url_form() {
    let site = Site::copy_of("minimal");
    let upper = site.run(&["diff", "2026-Q1", "2026-Q2"]);
    assert_eq!(upper.code, 0, "{}", upper.stderr);
    let lower = site.run(&["diff", "2026-q1", "2026-q2"]);
    assert_eq!(lower.code, 0, "{}", lower.stderr);
    assert_eq!(lower.stdout, upper.stdout);
    // What is really wrong is still refused, with the quarters to choose from.
    let run = site.run(&["diff", "2026q1"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `2026q1` is not a quarter; expected YYYY-QN, e.g. 2026-Q3; available: 2026-Q1, 2026-Q2\n"
    );
    // `new quarter` takes it too, and names the folder in the canonical form.
    let run = site.run(&["new", "quarter", "2026-q3"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.path("content/quarters/2026-Q3/quarter.yaml").is_file());
}

#[test]
fn paper_and_currency_settings_take_any_case() {
    let site = MemorySite::copy_of("minimal");
    let toml = site.read("quarterdeck.toml");
    let mut lines: Vec<String> = toml
        .lines()
        .filter(|l| !l.starts_with("paper") && !l.starts_with("currency"))
        .map(String::from)
        .collect();
    lines.push("paper = \"A4\"".into());
    lines.push("currency = \"eur\"".into());
    site.write("quarterdeck.toml", &(lines.join("\n") + "\n"));
    let run = site.check(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // `eur` is EUR: the costs of the investment ask are in euros.
    let page = site.built().read("output/2026-q2/index.html");
    assert!(page.contains("€"), "currency normalised to EUR");
    site.edit("quarterdeck.toml", "paper = \"A4\"", "paper = \"A5\"");
    let run = site.check(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(&format!(
            "quarterdeck.toml:{}:9: error[invalid-value]: `paper` is \"A5\", expected \"a4\" or \"letter\"\n",
            lines.len() - 1
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn a_tab_in_a_risk_file_is_reported_on_its_line_with_the_fix() {
    let site = MemorySite::copy_of("minimal");
    let r7 = "content/quarters/2026-Q2/risks/R-007.yaml";
    let text = site.read(r7);
    let (n, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("impact:"))
        .unwrap();
    site.edit(r7, line, &format!("\t{line}"));
    let run = site.check(&[]);
    assert_eq!(run.code, 1);
    let want = format!(
        "{r7}:{}:1: error[yaml-syntax]: this line is indented with a tab; YAML allows only spaces for indentation\n",
        n + 1
    );
    assert!(run.stderr.starts_with(&want), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "  = help: indent with spaces, not tabs (set your editor to insert spaces in YAML files)\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unquoted_colon_in_a_title_says_to_quote_it() {
    let site = MemorySite::copy_of("minimal");
    let r7 = "content/quarters/2026-Q2/risks/R-007.yaml";
    site.edit(
        r7,
        "title: Ransomware on build infrastructure",
        "title: DORA: third-party exit plans",
    );
    let run = site.check(&[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        format!("{r7}:2:12: error[yaml-syntax]: the value of `title` contains `: `, which YAML reads as the start of another field\n  |\n2 | title: DORA: third-party exit plans\n  |            ^\n  = help: a value containing `: ` must be quoted: `title: \"DORA: third-party exit plans\"`\n\nchecked 2 quarters (18 files): 1 error, 0 warnings\n")
    );
}

#[test]
fn init_points_only_at_documentation_the_new_site_has() {
    let temp = crate::support::temp_dir();
    let parent = temp.path();
    let run = run_in(parent, &["init", "site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.ends_with(
            "then replace the example with your own content: site/README.md walks through a quarter,\nand `quarterdeck <command> --help` explains each command\n"
        ),
        "{}",
        run.stdout
    );
    let site = parent.join("site");
    let readme = std::fs::read_to_string(site.join("README.md")).unwrap();
    assert!(
        readme.contains("quarterdeck new quarter 2026-Q3"),
        "{readme}"
    );
    // No file the site was given refers to a docs/ folder it does not have.
    let mut stack = vec![site.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(text) = std::fs::read_to_string(&p) {
                assert!(!text.contains("docs/"), "{} mentions docs/", p.display());
            }
        }
    }
    assert!(!run.stdout.contains("docs/"), "{}", run.stdout);
    assert_eq!(run_in(&site, &["check", "--strict"]).code, 0);
}

#[test]
fn an_empty_headline_does_not_suggest_removing_quarter_yaml() {
    let site = MemorySite::copy_of("minimal");
    site.edit(
        "content/quarters/2026-Q2/quarter.yaml",
        "headline: Ransomware exposure down; third-party risk up",
        "headline: \"\"",
    );
    let run = site.check(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(
            "content/quarters/2026-Q2/quarter.yaml:4:11: error[empty-value]: `headline` is empty\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("  = help: write the headline: every quarter.yaml needs one\n"),
        "{}",
        run.stderr
    );
}
