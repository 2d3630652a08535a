//! `new quarter`, `new risk`, `init` and `schema`: what they write, what they refuse, and that
//! what they write passes `check` except for the placeholders the author must fill.

use crate::support::{copy_dir, run_in, walk, Site};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// (file, code) of every diagnostic of `check --format json`.
fn diagnostics(site: &Site) -> Vec<(String, String, String)> {
    let run = site.check(&["--format", "json"]);
    run.diagnostics()
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            (s("file"), s("code"), s("message"))
        })
        .collect()
}

fn codes(diags: &[(String, String, String)]) -> Vec<(&str, &str)> {
    diags
        .iter()
        .map(|(f, c, _)| (f.as_str(), c.as_str()))
        .collect()
}

const Q3: &str = "content/quarters/2026-Q3";

#[test]
fn new_quarter_carries_open_items_and_only_placeholders_fail() {
    let site = Site::copy_of("minimal");
    let run = site.run(&["new", "quarter", "2026-Q3"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "created content/quarters/2026-Q3 (3 risks, 1 initiative, 1 investment carried forward; fill in board_meeting, headline, summary and trends.yaml)\n"
    );
    for f in [
        "risks/R-002.yaml",
        "risks/R-007.yaml",
        "risks/R-010.yaml",
        "initiatives/I-001.yaml",
        "investments/INV-003.yaml",
    ] {
        let from = site.read(&format!("content/quarters/2026-Q2/{f}"));
        assert_eq!(
            site.read(&format!("{Q3}/{f}")),
            from,
            "{f} is carried as it was"
        );
    }
    assert!(
        !site.path(&format!("{Q3}/incidents")).exists(),
        "incidents stay where they happened"
    );
    let quarter = site.read(&format!("{Q3}/quarter.yaml"));
    assert!(quarter
        .starts_with("# yaml-language-server: $schema=../../../schemas/quarter.schema.json\n"));
    assert!(
        quarter.contains("quarter: 2026-Q3\nstatus: draft\n"),
        "{quarter}"
    );
    assert!(!quarter.contains("\napproved_by:"), "{quarter}");
    let trends = site.read(&format!("{Q3}/trends.yaml"));
    assert!(trends.contains("# mttr_critical_days: # Mean time to remediate critical vulnerabilities (2026-Q2: 6.1)"), "{trends}");
    assert!(trends.contains("# uptime_pct:"), "{trends}");

    let file = format!("{Q3}/quarter.yaml");
    let diags = diagnostics(&site);
    assert_eq!(
        codes(&diags),
        [
            (file.as_str(), "bad-date"),
            (file.as_str(), "empty-value"),
            (file.as_str(), "empty-value")
        ]
    );
    assert_eq!(
        diags[0].2,
        "`board_meeting`: `TODO` is not a date; expected YYYY-MM-DD, e.g. 2026-10-14"
    );
    assert_eq!(diags[1].2, "`headline` is empty");
    assert_eq!(diags[2].2, "`summary` is empty");

    // Once the author fills the placeholders in, the draft is clean.
    site.edit(&file, "board_meeting: TODO", "board_meeting: 2026-10-14")
        .edit(&file, "headline: \"\"", "headline: Calm quarter")
        .edit(&file, "summary: \"\"", "summary: Nothing new.")
        .edit(
            &format!("{Q3}/trends.yaml"),
            "# uptime_pct:",
            "uptime_pct: 99.97 #",
        );
    let check = site.check(&["--strict"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn closed_risks_and_done_initiatives_stay_behind() {
    let site = Site::copy_of("minimal");
    site.edit(
        "content/quarters/2026-Q2/risks/R-002.yaml",
        "status: open",
        "status: closed",
    )
    .edit(
        "content/quarters/2026-Q2/initiatives/I-001.yaml",
        "status: on_track",
        "status: done",
    );
    let run = site.run(&["new", "quarter", "2026-Q3"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("(2 risks, 0 initiatives, 1 investment carried forward;"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("left in 2026-Q2: R-002 (closed), I-001 (done); incidents are not carried"),
        "{}",
        run.stderr
    );
    // The ask still names the closed risk: said now, and reported by check.
    assert!(
        run.stderr.contains("note: investments/INV-003.yaml reduces R-002, which is not carried forward: remove it from `reduces`"),
        "{}",
        run.stderr
    );
    assert!(!site.path(&format!("{Q3}/risks/R-002.yaml")).exists());
    assert!(!site.path(&format!("{Q3}/initiatives/I-001.yaml")).exists());
    let diags = diagnostics(&site);
    let inv = format!("{Q3}/investments/INV-003.yaml");
    assert!(
        codes(&diags).contains(&(inv.as_str(), "unknown-risk")),
        "{diags:?}"
    );
}

#[test]
fn new_quarter_refuses_an_existing_or_skipped_quarter_unless_forced() {
    let site = Site::copy_of("minimal");
    let run = site.run(&["new", "quarter", "2026-Q2"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: 2026-Q2 already exists (content/quarters/2026-Q2); the next quarter is 2026-Q3\n  = help: run `quarterdeck new quarter 2026-Q3`, or pass --force to replace 2026-Q2\n"
    );
    let run = site.run(&["new", "quarter", "2027-Q1"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("error: 2027-Q1 is not the next quarter: the latest is 2026-Q2, so the next is 2026-Q3\n"), "{}", run.stderr);
    assert!(!site.path("content/quarters/2027-Q1").exists());
    let run = site.run(&["new", "quarter", "2026q3"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("`2026q3` is not a quarter; expected YYYY-QN"),
        "{}",
        run.stderr
    );

    // --force never replaces a final quarter: it is the record of what the board saw.
    let run = site.run(&["new", "quarter", "2026-Q2", "--force"]);
    assert_eq!(
        run.code, 1,
        "the record, not the command line, is in the way"
    );
    assert_eq!(run.stderr, "error: 2026-Q2 is final: it is the record of what was presented to the board, and is never replaced\n  = help: to start it again, set `status: draft` in content/quarters/2026-Q2/quarter.yaml first (Git keeps the history)\n");
    assert!(site
        .read("content/quarters/2026-Q2/quarter.yaml")
        .contains("status: final"));
    // A draft it does replace, from the quarter before it, 2026-Q1.
    site.edit(
        "content/quarters/2026-Q2/quarter.yaml",
        "status: final",
        "status: draft",
    );
    let run = site.run(&["new", "quarter", "2026-Q2", "--force"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("replaced content/quarters/2026-Q2 (3 risks,"),
        "{}",
        run.stdout
    );
    assert_eq!(
        site.read("content/quarters/2026-Q2/risks/R-007.yaml"),
        site.read("content/quarters/2026-Q1/risks/R-007.yaml")
    );
    assert!(!site.path("content/quarters/2026-Q2/incidents").exists());
    let run = site.run(&["new", "quarter", "2027-Q1", "--force"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site
        .path("content/quarters/2027-Q1/risks/R-007.yaml")
        .is_file());
    let leftovers: Vec<_> = std::fs::read_dir(site.path("content/quarters"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn new_risk_takes_the_next_id_and_never_reuses_one() {
    let site = draft_q2();
    // Ids: the next is after the highest, not in a gap.
    let run = site.run(&["new", "risk", "Lost laptops"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "content/quarters/2026-Q2/risks/R-011.yaml\n");
    // R-020, closed and gone from later quarters, still holds its number.
    site.write(
        "content/quarters/2025-Q4/risks/R-020.yaml",
        "id: R-020\ntitle: Old\nstatus: closed\n",
    );
    let run = site.run(&["new", "risk", "Stolen badges"]);
    assert_eq!(run.stdout, "content/quarters/2026-Q2/risks/R-021.yaml\n");
    let text = site.read("content/quarters/2026-Q2/risks/R-021.yaml");
    assert!(text.starts_with("# yaml-language-server: $schema=../../../../schemas/risk.schema.json\nid: R-021\ntitle: Stolen badges\n"), "{text}");
    assert!(text.contains("\nstatus: open\n"), "{text}");

    let run = site.run(&["new", "risk", "  "]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("error: the risk needs a title"),
        "{}",
        run.stderr
    );
}

#[test]
fn new_risk_title_round_trips_and_only_placeholders_fail() {
    let site = draft_q2();
    let title = "Vendor: \"breach\" #2 — it's 'bad' \\ {x} [y] & *z";
    let run = site.run(&["new", "risk", title]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = run.stdout.trim();
    let parsed: Value = serde_saphyr::from_str(&site.read(file)).unwrap();
    assert_eq!(parsed["title"], title);
    assert_eq!(parsed["id"], "R-011");
    // The scale as docs/content-format.md names it: 1 is negligible, 2 minor.
    assert!(site
        .read(file)
        .contains("\n# Business impact if it happens: 1 (negligible) to 5 (severe).\nimpact: 0\n"));
    let mine: Vec<_> = diagnostics(&site)
        .into_iter()
        .filter(|d| d.0 == file)
        .collect();
    let got: BTreeSet<(String, String)> = mine
        .iter()
        .map(|(_, c, m)| (c.clone(), m.clone()))
        .collect();
    let want: BTreeSet<(String, String)> = [
        ("empty-value", "`statement` is empty"),
        ("empty-value", "`owner` is empty"),
        ("empty-value", "`mitigation` is empty"),
        (
            "out-of-range",
            "`impact` is 0, expected an integer from 1 to 5",
        ),
        (
            "out-of-range",
            "`likelihood` is 0, expected an integer from 1 to 5",
        ),
        (
            "bad-date",
            "`due`: `TODO` is not a date; expected YYYY-MM-DD, e.g. 2026-10-14",
        ),
    ]
    .iter()
    .map(|(c, m)| (c.to_string(), m.to_string()))
    .collect();
    // Every placeholder is reported in one run: a bad score does not hide the empty owner.
    assert_eq!(got, want);
    assert_eq!(mine.len(), want.len(), "{mine:?}");
}

/// The minimal fixture with its latest quarter, 2026-Q2, back to a draft: `new risk` writes
/// only into a draft.
fn draft_q2() -> Site {
    let site = Site::copy_of("minimal");
    site.edit(
        "content/quarters/2026-Q2/quarter.yaml",
        "status: final",
        "status: draft",
    );
    site
}

#[test]
fn new_risk_refuses_a_final_quarter_and_writes_nothing() {
    let site = Site::copy_of("minimal");
    let before = std::fs::read_dir(site.path("content/quarters/2026-Q2/risks"))
        .unwrap()
        .count();
    let run = site.run(&["new", "risk", "Anything"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: 2026-Q2 is final (already presented to the board); a new risk cannot go into it\n  = help: start the next quarter with `quarterdeck new quarter 2026-Q3`, then run `quarterdeck new risk` again\n"
    );
    let after = std::fs::read_dir(site.path("content/quarters/2026-Q2/risks"))
        .unwrap()
        .count();
    assert_eq!(before, after);
    assert_eq!(site.check(&[]).code, 0);
    // Once the next quarter is started, the risk goes there.
    assert_eq!(site.run(&["new", "quarter", "2026-Q3"]).code, 0);
    let run = site.run(&["new", "risk", "Anything"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "content/quarters/2026-Q3/risks/R-011.yaml\n");
}

#[test]
fn init_writes_a_site_that_checks_strict_and_builds() {
    let temp = crate::support::temp_dir();
    let parent = temp.path();
    let dir = parent.join("board report");
    let run = run_in(parent, &["init", "board report"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("cd 'board report' && quarterdeck build"),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read_to_string(dir.join(".gitignore")).unwrap(),
        "output/\n.output.lock\n"
    );
    let check = run_in(&dir, &["check", "--strict"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let build = run_in(&dir, &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(dir.join("output/index.html").is_file());
    assert!(dir.join("schemas/risk.schema.json").is_file());
    assert_eq!(editor_lines_resolve(&dir), 26);

    // Not into a folder that has anything in it.
    let again = run_in(parent, &["init", "board report"]);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("board report is not empty"),
        "{}",
        again.stderr
    );
}

#[test]
fn the_repository_schemas_are_current() {
    let temp = crate::support::temp_dir();
    let dir = temp.path().join("schemas");
    let run = run_in(temp.path(), &["schema", "--output", "schemas"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let names = |d: &Path| -> BTreeSet<String> {
        std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(names(&dir), names(&repo));
    for name in names(&dir) {
        let fresh = std::fs::read_to_string(dir.join(&name)).unwrap();
        let committed = std::fs::read_to_string(repo.join(&name)).unwrap();
        assert!(
            fresh == committed,
            "schemas/{name} is stale: run `quarterdeck schema --output schemas`"
        );
    }

    let all = run_in(temp.path(), &["schema"]);
    let all: Value = serde_json::from_str(&all.stdout).unwrap();
    let kinds: Vec<&str> = all
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(kinds.len(), 12);
    for kind in [
        "settings",
        "metrics",
        "quarter",
        "trends",
        "risk",
        "initiative",
        "incident",
        "investment",
        "action",
        "exception",
        "page",
        "published",
    ] {
        assert_eq!(
            all[kind]["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{kind}"
        );
    }
    assert_eq!(all["risk"]["additionalProperties"], false);
}

#[test]
fn the_example_validates_against_its_schemas() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let checked = editor_lines_resolve(root);
    assert!(checked > 200, "{checked}");
    // The starter site too, as `init` writes it.
    let temp = crate::support::temp_dir();
    assert_eq!(run_in(temp.path(), &["init", "site"]).code, 0);
    editor_lines_resolve(&temp.path().join("site"));
}

#[test]
fn the_schemas_refuse_what_check_refuses() {
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let load = |k: &str| -> Value {
        serde_json::from_str(
            &std::fs::read_to_string(schemas.join(format!("{k}.schema.json"))).unwrap(),
        )
        .unwrap()
    };
    let risk = load("risk");
    let good = "id: R-007\ntitle: T\nstatement: S\nimpact: 5\nlikelihood: 3\nowner: O\nmitigation: M\ndue: 2026-12-15\nstatus: mitigating\n";
    assert_eq!(errors(&risk, &yaml(good)), Vec::<String>::new());
    for (from, to, want) in [
        ("impact: 5", "impact: 9", &["/impact: maximum 5"][..]),
        (
            "status: mitigating",
            "status: mitigatng",
            &["/status: enum"],
        ),
        (
            "owner: O",
            "ownr: O",
            &[": required owner", ": additional property ownr"],
        ),
        ("due: 2026-12-15\n", "", &[": required due"]),
        (
            "status: mitigating",
            "status: accepted",
            &[": required exception"],
        ),
        ("impact: 5", "impact: high", &["/impact: type integer"]),
        // `pattern`, which the old hand-written checker skipped.
        ("id: R-007", "id: R7", &["/id: pattern ^R-[0-9]{1,9}$"]),
        (
            "due: 2026-12-15",
            "due: 15.12.2026",
            &["/due: pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}$"],
        ),
    ] {
        let bad = good.replace(from, to);
        assert_ne!(bad, good, "{from}");
        assert_eq!(errors(&risk, &yaml(&bad)), want, "{to}");
    }
    let investment = load("investment");
    let inv = "id: INV-1\ntitle: T\nask: A\nrecommended: better\noptions:\n  good: {cost: 1, summary: s, tradeoff: t}\n  better: {cost: 2, summary: s, tradeoff: t}\n";
    assert_eq!(
        errors(&investment, &yaml(inv)),
        vec!["/options: required best".to_string()]
    );
    let quarter = load("quarter");
    let q = "quarter: 2026-Q3\nstatus: final\nboard_meeting: 2026-10-14\nheadline: H\nsummary: S\n";
    assert_eq!(
        errors(&quarter, &yaml(q)),
        vec![": required approved_by".to_string()]
    );
    let q5 = q
        .replace("status: final", "status: draft")
        .replace("2026-Q3", "2026-Q5");
    assert_eq!(
        errors(&quarter, &yaml(&q5)),
        vec!["/quarter: pattern ^[0-9]{4}-Q[1-4]$".to_string()]
    );
}

/// Every YAML file under `root/content` starts with an editor line whose schema exists and
/// accepts the file. Returns how many files were checked.
fn editor_lines_resolve(root: &Path) -> usize {
    let mut n = 0;
    for path in walk(&root.join("content"))
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
    {
        let text = std::fs::read_to_string(path).unwrap();
        let first = text.lines().next().unwrap_or_default();
        let rel = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{} has no schema line", path.display()));
        let schema_path = path.parent().unwrap().join(rel);
        let schema: Value = serde_json::from_str(
            &std::fs::read_to_string(&schema_path)
                .unwrap_or_else(|e| panic!("{}: {e}", schema_path.display())),
        )
        .unwrap();
        let errs = errors(&schema, &yaml(&text));
        assert!(errs.is_empty(), "{}: {errs:?}", path.display());
        n += 1;
    }
    n
}

fn yaml(text: &str) -> Value {
    serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// Every way `value` fails `schema`, one line per innermost error: `/pointer: what`, e.g.
/// `/impact: maximum 5` or `: required due`. A real validator (boon, JSON Schema 2020-12, with
/// `pattern`), so the schemas are held to what editors will enforce.
fn errors(schema: &Value, value: &Value) -> Vec<String> {
    let mut compiler = boon::Compiler::new();
    let url = "urn:quarterdeck:schema";
    compiler.add_resource(url, schema.clone()).unwrap();
    let mut schemas = boon::Schemas::new();
    let index = compiler.compile(url, &mut schemas).unwrap();
    let mut out = Vec::new();
    if let Err(e) = schemas.validate(value, index) {
        leaves(&e, &mut out);
    }
    out
}

fn leaves(e: &boon::ValidationError, out: &mut Vec<String>) {
    use boon::ErrorKind as K;
    if e.causes.is_empty() {
        let what = match &e.kind {
            K::Required { want } => format!("required {}", want.join(", ")),
            K::AdditionalProperties { got } => format!("additional property {}", got.join(", ")),
            K::Type { want, .. } => {
                let want: Vec<String> = want.iter().map(|t| t.to_string()).collect();
                format!("type {}", want.join(" or "))
            }
            K::Enum { .. } => "enum".into(),
            K::Maximum { want, .. } => format!("maximum {want}"),
            K::Minimum { want, .. } => format!("minimum {want}"),
            K::Pattern { want, .. } => format!("pattern {want}"),
            other => other.to_string(),
        };
        out.push(format!("{}: {what}", e.instance_location));
    }
    for c in &e.causes {
        leaves(c, out);
    }
}

#[test]
fn new_files_carry_schema_lines_that_resolve_once_schemas_exist() {
    let site = Site::copy_of("minimal");
    assert_eq!(site.run(&["new", "quarter", "2026-Q3"]).code, 0);
    let run = site.run(&["new", "risk", "Lost laptops"]);
    assert!(
        run.stderr
            .contains("note: run `quarterdeck schema --output schemas`"),
        "{}",
        run.stderr
    );
    assert_eq!(site.run(&["schema", "--output", "schemas"]).code, 0);
    // Only the new files have the line (carried ones are copied as they were).
    for f in ["quarter.yaml", "trends.yaml", "risks/R-011.yaml"] {
        let path = site.path(&format!("{Q3}/{f}"));
        let text = std::fs::read_to_string(&path).unwrap();
        let rel = text
            .lines()
            .next()
            .unwrap()
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap();
        assert!(path.parent().unwrap().join(rel).is_file(), "{f}: {rel}");
    }
    let copy = draft_q2();
    copy_dir(&site.path("schemas"), &copy.path("schemas"));
    let run = copy.run(&["new", "risk", "Lost laptops"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("schema --output"), "{}", run.stderr);
}
