//! `new quarter`, `new risk`, `init` and `schema`: what they write, what they refuse, and that
//! what they write passes `check` except for the placeholders the author must fill.

use crate::support::{copy_dir, Run, Site, BIN};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// (file, code) of every diagnostic of `check --format json`.
fn diagnostics(site: &Site) -> Vec<(String, String, String)> {
    let run = site.run(&["check", "--format", "json"]);
    let diags: Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    diags
        .as_array()
        .unwrap()
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
    let check = site.run(&["check", "--strict"]);
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
    let run = site.run(&["new", "quarter", "2026-q3"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("`2026-q3` is not a quarter; expected YYYY-QN"),
        "{}",
        run.stderr
    );

    // --force never replaces a final quarter: it is the record of what the board saw.
    let run = site.run(&["new", "quarter", "2026-Q2", "--force"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("2026-Q2 is final"), "{}", run.stderr);
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
    let site = Site::copy_of("minimal");
    // Ids: the next is after the highest, not in a gap.
    let run = site.run(&["new", "risk", "Lost laptops"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "content/quarters/2026-Q2/risks/R-011.yaml\n");
    assert!(
        run.stderr.contains("note: 2026-Q2 is final"),
        "{}",
        run.stderr
    );
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
    let site = Site::copy_of("minimal");
    let title = "Vendor: \"breach\" #2 — it's 'bad' \\ {x} [y] & *z";
    let run = site.run(&["new", "risk", title]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = run.stdout.trim();
    let parsed: Value = serde_saphyr::from_str(&site.read(file)).unwrap();
    assert_eq!(parsed["title"], title);
    assert_eq!(parsed["id"], "R-011");
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
    // `check` stops checking a risk's later fields once its scores are out of range, so owner
    // and mitigation may be reported only on the next run; every report is a placeholder.
    assert!(got.is_subset(&want), "{got:?}");
    for code in ["bad-date", "out-of-range", "empty-value"] {
        assert!(got.iter().any(|(c, _)| c == code), "{got:?}");
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("quarterdeck-it-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
        .into()
}

#[test]
fn init_writes_a_site_that_checks_strict_and_builds() {
    let parent = temp_dir("init");
    let dir = parent.join("board report");
    std::fs::create_dir_all(&parent).unwrap();
    let run = run_in(&parent, &["init", "board report"]);
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
    assert_eq!(editor_lines_resolve(&dir), 24);

    // Not into a folder that has anything in it.
    let again = run_in(&parent, &["init", "board report"]);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("board report is not empty"),
        "{}",
        again.stderr
    );
    let _ = std::fs::remove_dir_all(&parent);
}

#[test]
fn the_repository_schemas_are_current() {
    let dir = temp_dir("schemas");
    let run = run_in(
        &std::env::temp_dir(),
        &["schema", "--output", dir.to_str().unwrap()],
    );
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
    let _ = std::fs::remove_dir_all(&dir);

    let all = run_in(&std::env::temp_dir(), &["schema"]);
    let all: Value = serde_json::from_str(&all.stdout).unwrap();
    let kinds: Vec<&str> = all
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(kinds.len(), 9);
    for kind in [
        "settings",
        "metrics",
        "quarter",
        "trends",
        "risk",
        "initiative",
        "incident",
        "investment",
        "page",
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
    let dir = temp_dir("init-schemas");
    assert_eq!(
        run_in(&std::env::temp_dir(), &["init", dir.to_str().unwrap()]).code,
        0
    );
    editor_lines_resolve(&dir);
    let _ = std::fs::remove_dir_all(&dir);
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
    for (from, to, why) in [
        ("impact: 5", "impact: 9", "maximum"),
        ("status: mitigating", "status: mitigatng", "enum"),
        ("owner: O", "ownr: O", "additional property `ownr`"),
        ("due: 2026-12-15\n", "", "required `due`"),
        (
            "status: mitigating",
            "status: accepted",
            "required `exception`",
        ),
        ("impact: 5", "impact: high", "type"),
    ] {
        let bad = good.replace(from, to);
        let errs = errors(&risk, &yaml(&bad));
        assert!(errs.iter().any(|e| e.contains(why)), "{to}: {errs:?}");
    }
    let investment = load("investment");
    let inv = "id: INV-1\ntitle: T\nask: A\nrecommended: better\noptions:\n  good: {cost: 1, summary: s, tradeoff: t}\n  better: {cost: 2, summary: s, tradeoff: t}\n";
    assert!(errors(&investment, &yaml(inv))
        .iter()
        .any(|e| e.contains("required `best`")));
    let quarter = load("quarter");
    let q = "quarter: 2026-Q3\nstatus: final\nboard_meeting: 2026-10-14\nheadline: H\nsummary: S\n";
    assert!(errors(&quarter, &yaml(q))
        .iter()
        .any(|e| e.contains("required `approved_by`")));
}

/// Every YAML file under `root/content` starts with an editor line whose schema exists and
/// accepts the file. Returns how many files were checked.
fn editor_lines_resolve(root: &Path) -> usize {
    let mut n = 0;
    let mut files = Vec::new();
    walk(&root.join("content"), &mut files);
    for path in files
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

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn yaml(text: &str) -> Value {
    serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// A small JSON Schema checker for the keywords quarterdeck's schemas use (the crate has no
/// validator dependency). `pattern` is not checked: `check` tests those rules itself.
fn errors(schema: &Value, value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    validate(schema, schema, value, "", &mut out);
    out
}

fn validate(root: &Value, s: &Value, v: &Value, at: &str, out: &mut Vec<String>) {
    let Some(s) = s.as_object() else { return };
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let name = r.strip_prefix("#/$defs/").expect("local refs only");
        validate(root, &root["$defs"][name], v, at, out);
    }
    if let Some(t) = s.get("type") {
        let types: Vec<&str> = match t {
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            t => vec![t.as_str().unwrap()],
        };
        let ok = types.iter().any(|t| match *t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "number" => v.is_number(),
            "integer" => v.is_i64() || v.is_u64(),
            "boolean" => v.is_boolean(),
            "null" => v.is_null(),
            _ => false,
        });
        if !ok {
            out.push(format!("{at}: type: {v} is not {types:?}"));
            return;
        }
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            out.push(format!("{at}: enum: {v} is not one of {e:?}"));
        }
    }
    if let Some(c) = s.get("const") {
        if c != v {
            out.push(format!("{at}: const"));
        }
    }
    if let (Some(min), Some(x)) = (s.get("minimum").and_then(Value::as_f64), v.as_f64()) {
        if x < min {
            out.push(format!("{at}: minimum {min}"));
        }
    }
    if let (Some(max), Some(x)) = (s.get("maximum").and_then(Value::as_f64), v.as_f64()) {
        if x > max {
            out.push(format!("{at}: maximum {max}"));
        }
    }
    if let Some(items) = v.as_array() {
        if let Some(min) = s.get("minItems").and_then(Value::as_u64) {
            if (items.len() as u64) < min {
                out.push(format!("{at}: minItems {min}"));
            }
        }
        if let Some(max) = s.get("maxItems").and_then(Value::as_u64) {
            if items.len() as u64 > max {
                out.push(format!("{at}: maxItems {max}"));
            }
        }
        if let Some(item) = s.get("items") {
            for (i, x) in items.iter().enumerate() {
                validate(root, item, x, &format!("{at}/{i}"), out);
            }
        }
    }
    if let Some(map) = v.as_object() {
        let props = s.get("properties").and_then(Value::as_object);
        for req in s
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !map.contains_key(req.as_str().unwrap()) {
                out.push(format!("{at}: required `{}`", req.as_str().unwrap()));
            }
        }
        for (k, x) in map {
            match props.and_then(|p| p.get(k)) {
                Some(p) => validate(root, p, x, &format!("{at}/{k}"), out),
                None => match s.get("additionalProperties") {
                    Some(Value::Bool(false)) => {
                        out.push(format!("{at}: additional property `{k}`"))
                    }
                    Some(extra) => validate(root, extra, x, &format!("{at}/{k}"), out),
                    None => {}
                },
            }
        }
    }
    for sub in s
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        validate(root, sub, v, at, out);
    }
    if let Some(any) = s.get("anyOf").and_then(Value::as_array) {
        if !any.iter().any(|sub| errors_at(root, sub, v).is_empty()) {
            out.push(format!("{at}: anyOf: {v} matches none"));
        }
    }
    if let Some(not) = s.get("not") {
        if errors_at(root, not, v).is_empty() {
            out.push(format!("{at}: not"));
        }
    }
    if let Some(cond) = s.get("if") {
        let branch = if errors_at(root, cond, v).is_empty() {
            s.get("then")
        } else {
            s.get("else")
        };
        if let Some(b) = branch {
            validate(root, b, v, at, out);
        }
    }
}

fn errors_at(root: &Value, s: &Value, v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    validate(root, s, v, "", &mut out);
    out
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
    let copy = Site::copy_of("minimal");
    copy_dir(&site.path("schemas"), &copy.path("schemas"));
    let run = copy.run(&["new", "risk", "Lost laptops"]);
    assert!(!run.stderr.contains("schema --output"), "{}", run.stderr);
}
