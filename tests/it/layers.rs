//! The layers point down only: a top-level module of `src/` may import from the modules on its own
//! line of ARCHITECTURE.md's "Layers" list or below it, never above, and two modules never import
//! each other. The order is read from ARCHITECTURE.md, so the list a newcomer reads is the rule.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Imports that point up and are not fixed yet: (from, to, why it is left). Empty today; an entry
/// that is no longer needed fails the test, so the list only shrinks.
const ALLOWED: &[(&str, &str, &str)] = &[];

#[test]
fn no_module_imports_one_above_it() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(repo.join("ARCHITECTURE.md")).unwrap();
    let order = layers(&doc);
    let mut files = Vec::new();
    collect(&repo.join("src"), "", &mut files);
    let tops: BTreeSet<String> = files.iter().filter_map(|(rel, _)| top_of(rel)).collect();
    let listed: BTreeSet<String> = order.keys().cloned().collect();
    assert_eq!(
        tops, listed,
        "every top-level module of src/ is on ARCHITECTURE.md's Layers list, once"
    );
    let lib = std::fs::read_to_string(repo.join("src/lib.rs")).unwrap();
    let edges = imports(&files, &tops, &reexports(&lib));
    let mut found = violations(&order, &edges);
    for (from, to, why) in ALLOWED {
        assert!(!why.is_empty());
        let before = found.len();
        found.retain(|v| !v.starts_with(&format!("`{from}` imports `{to}`")));
        assert!(
            found.len() < before,
            "`{from}` → `{to}` is allowed but no longer happens: drop it from ALLOWED"
        );
    }
    assert!(
        found.is_empty(),
        "imports that point up:\n{}",
        found.join("\n")
    );
}

#[test]
fn an_upward_import_and_a_circle_are_found() {
    let order = layers("## Layers\n1. `vocab`, `layout` — ground\n2. `diag` — d\n3. `load` — l\n4. `model` — m\n\n## Next\n5. `x` — not a layer\n");
    assert_eq!(order.len(), 5);
    let files = vec![
        (
            "vocab.rs".to_string(),
            "use crate::diag::Diagnostic; // crate::model is fine in a comment".to_string(),
        ),
        (
            "layout.rs".to_string(),
            "fn f() { let s = \"crate::model\"; let c = '{'; }".to_string(),
        ),
        (
            "diag/mod.rs".to_string(),
            "mod inner { use super::super::{load, vocab}; }".to_string(),
        ),
        (
            "load/a.rs".to_string(),
            "use super::b; use super::super::model::X; fn f() { crate::summary_line(); }"
                .to_string(),
        ),
        (
            "model.rs".to_string(),
            "use crate::{diag::{self, Pos}, load};".to_string(),
        ),
    ];
    let tops = files.iter().filter_map(|(rel, _)| top_of(rel)).collect();
    let found = violations(&order, &imports(&files, &tops, &BTreeMap::new()));
    assert_eq!(
        found,
        [
            "`diag` imports `load`, which is above it (src/diag/mod.rs:1)",
            "`diag` and `vocab` import each other (src/diag/mod.rs:1, src/vocab.rs:1)",
            "`load` imports `model`, which is above it (src/load/a.rs:1)",
            "`load` imports `the crate root (lib.rs)`, which is above it (src/load/a.rs:1)",
            "`vocab` imports `diag`, which is above it (src/vocab.rs:1)",
        ]
    );
    let peers = vec![
        (
            "vocab.rs".to_string(),
            "use crate::layout::Kind;".to_string(),
        ),
        (
            "layout.rs".to_string(),
            "use crate::vocab::Status;".to_string(),
        ),
    ];
    let found = violations(&order, &imports(&peers, &tops, &BTreeMap::new()));
    assert_eq!(
        found,
        ["`layout` and `vocab` import each other (src/layout.rs:1, src/vocab.rs:1)"]
    );
}

/// Module → its line on the list (1 is the ground), from the numbered list under `## Layers`.
fn layers(doc: &str) -> BTreeMap<String, usize> {
    let doc = format!("\n{doc}");
    let section = doc
        .split("\n## Layers")
        .nth(1)
        .expect("ARCHITECTURE.md has a `## Layers` section");
    let section = section.split("\n## ").next().unwrap();
    let mut order = BTreeMap::new();
    for line in section.lines() {
        let Some((n, rest)) = line.split_once(". ") else {
            continue;
        };
        let Ok(n) = n.trim().parse::<usize>() else {
            continue;
        };
        let names = rest.split(" — ").next().unwrap();
        for name in names.split('`').skip(1).step_by(2) {
            assert!(
                order.insert(name.to_string(), n).is_none(),
                "`{name}` is listed twice"
            );
        }
    }
    order
}

fn collect(dir: &Path, rel: &str, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let rel = if rel.is_empty() {
            name
        } else {
            format!("{rel}/{name}")
        };
        if path.is_dir() {
            collect(&path, &rel, out);
        } else if rel.ends_with(".rs") && rel != "lib.rs" && rel != "main.rs" {
            out.push((rel, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

/// `config.rs` and `config/scale.rs` → `config`.
fn top_of(rel: &str) -> Option<String> {
    let first = rel.split('/').next()?;
    Some(first.strip_suffix(".rs").unwrap_or(first).to_string())
}

/// How deep the file's module is: `config.rs`, `load/mod.rs` → 1; `load/raw.rs` → 2.
fn depth_of(rel: &str) -> usize {
    let parts = rel.split('/').count();
    if rel.ends_with("/mod.rs") {
        parts - 1
    } else {
        parts
    }
}

/// What `lib.rs` re-exports, by name → the module it comes from: `crate::Checked` is the
/// pipeline's, not the crate root's own.
fn reexports(lib: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in lib.lines() {
        let Some(rest) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let (module, items) = rest.split_once("::").unwrap();
        for item in items.trim_matches(|c| "{};".contains(c)).split(',') {
            let name = item
                .rsplit(" as ")
                .next()
                .unwrap()
                .rsplit("::")
                .next()
                .unwrap();
            out.insert(name.trim().to_string(), module.to_string());
        }
    }
    out
}

/// (from, to) → where it first happens, for every import of another top-level module.
fn imports(
    files: &[(String, String)],
    tops: &BTreeSet<String>,
    reexported: &BTreeMap<String, String>,
) -> BTreeMap<(String, String), String> {
    let mut edges = BTreeMap::new();
    for (rel, text) in files {
        let from = top_of(rel).unwrap();
        for (line, to) in targets(&strip(text), depth_of(rel)) {
            let to = match reexported.get(&to) {
                Some(module) => module.clone(),
                None if tops.contains(&to) => to,
                None => "the crate root (lib.rs)".to_string(),
            };
            if to != from {
                edges
                    .entry((from.clone(), to))
                    .or_insert(format!("src/{rel}:{line}"));
            }
        }
    }
    edges
}

fn violations(
    order: &BTreeMap<String, usize>,
    edges: &BTreeMap<(String, String), String>,
) -> Vec<String> {
    let rank = |m: &str| order.get(m).copied().unwrap_or(usize::MAX);
    let mut found = Vec::new();
    for ((from, to), at) in edges {
        if rank(to) > rank(from) {
            found.push(format!("`{from}` imports `{to}`, which is above it ({at})"));
        } else if from < to {
            if let Some(back) = edges.get(&(to.clone(), from.clone())) {
                found.push(format!(
                    "`{from}` and `{to}` import each other ({at}, {back})"
                ));
            }
        }
    }
    found
}

/// The text without comments and without the insides of string and character literals, so that
/// only code is searched; line breaks are kept for the line numbers.
fn strip(src: &str) -> String {
    let c: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    let keep_lines = |out: &mut String, s: &[char]| out.extend(s.iter().filter(|&&ch| ch == '\n'));
    let mut i = 0;
    while i < c.len() {
        let prev = if i > 0 { c[i - 1] } else { ' ' };
        let end = if c[i] == '/' && c.get(i + 1) == Some(&'/') {
            c[i..]
                .iter()
                .position(|&ch| ch == '\n')
                .map_or(c.len(), |p| i + p)
        } else if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            let (mut depth, mut j) = (1, i + 2);
            while j < c.len() && depth > 0 {
                if c[j] == '/' && c.get(j + 1) == Some(&'*') {
                    depth += 1;
                    j += 1;
                } else if c[j] == '*' && c.get(j + 1) == Some(&'/') {
                    depth -= 1;
                    j += 1;
                }
                j += 1;
            }
            j
        } else if c[i] == 'r'
            && (!ident(prev) || prev == 'b')
            && matches!(c.get(i + 1), Some('#' | '"'))
        {
            let hashes = c[i + 1..].iter().take_while(|&&ch| ch == '#').count();
            if c.get(i + 1 + hashes) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let body: String = c[i + 2 + hashes..].iter().collect();
            let len = body
                .find(&close)
                .map_or(body.chars().count(), |p| body[..p].chars().count());
            i + 2 + hashes + len + 1 + hashes
        } else if c[i] == '"' {
            let mut j = i + 1;
            while j < c.len() && c[j] != '"' {
                j += if c[j] == '\\' { 2 } else { 1 };
            }
            j + 1
        } else if c[i] == '\'' && c.get(i + 1) == Some(&'\\') {
            i + 2 + c[i + 2..].iter().position(|&ch| ch == '\'').unwrap_or(0) + 1
        } else if c[i] == '\'' && c.get(i + 2) == Some(&'\'') {
            i + 3
        } else {
            out.push(c[i]);
            i += 1;
            continue;
        };
        let end = end.min(c.len());
        out.push(' ');
        keep_lines(&mut out, &c[i..end]);
        i = end;
    }
    out
}

#[derive(Debug, PartialEq)]
enum Tok {
    Word(String),
    Path,
    Open,
    Close,
    Comma,
    Other,
}

fn tokens(code: &str) -> Vec<(usize, Tok)> {
    let c: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
        } else if ch.is_alphanumeric() || ch == '_' || ch == '$' {
            let start = i;
            while i + 1 < c.len() && (c[i + 1].is_alphanumeric() || c[i + 1] == '_') {
                i += 1;
            }
            let word: String = c[start..=i].iter().collect();
            out.push((line, Tok::Word(word.trim_start_matches('$').to_string())));
        } else if ch == ':' && c.get(i + 1) == Some(&':') {
            out.push((line, Tok::Path));
            i += 1;
        } else if ch == '{' {
            out.push((line, Tok::Open));
        } else if ch == '}' {
            out.push((line, Tok::Close));
        } else if ch == ',' {
            out.push((line, Tok::Comma));
        } else if !ch.is_whitespace() {
            out.push((line, Tok::Other));
        }
        i += 1;
    }
    out
}

/// (line, name) for every path that starts at the crate root: `crate::x`, `crate::{x, y}`, and
/// `super::` climbing out of the file's top-level module.
fn targets(code: &str, file_depth: usize) -> Vec<(usize, String)> {
    let t = tokens(code);
    let word = |k: usize, w: &str| matches!(t.get(k), Some((_, Tok::Word(x))) if x == w);
    let mut found = Vec::new();
    // One entry per open brace: whether it opened an inline `mod name { … }`.
    let mut braces: Vec<bool> = Vec::new();
    let mut k = 0;
    while k < t.len() {
        match &t[k].1 {
            Tok::Open => braces.push(k >= 2 && word(k - 2, "mod")),
            Tok::Close => {
                braces.pop();
            }
            Tok::Word(w) if w == "crate" || w == "super" => {
                let mut supers = 0;
                let mut j = k;
                while word(j, "super") && t.get(j + 1).map(|x| &x.1) == Some(&Tok::Path) {
                    supers += 1;
                    j += 2;
                }
                let depth = file_depth + braces.iter().filter(|&&m| m).count();
                let at_root = if supers > 0 {
                    supers == depth
                } else {
                    word(j, "crate") && t.get(j + 1).map(|x| &x.1) == Some(&Tok::Path) && {
                        j += 2;
                        true
                    }
                };
                if at_root {
                    found.extend(roots(&t, j));
                }
                k = j.max(k + 1);
                continue;
            }
            _ => {}
        }
        k += 1;
    }
    found
}

/// The first names of the path at `k`: `x` of `x::…`, or each item's first name in `{x, y::z}`.
fn roots(t: &[(usize, Tok)], k: usize) -> Vec<(usize, String)> {
    match t.get(k) {
        Some((line, Tok::Word(w))) if w != "self" => vec![(*line, w.clone())],
        Some((_, Tok::Open)) => {
            let mut out = Vec::new();
            let mut depth = 0;
            let mut item_start = true;
            for (line, tok) in &t[k..] {
                match tok {
                    Tok::Open => depth += 1,
                    Tok::Close => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    Tok::Comma if depth == 1 => item_start = true,
                    Tok::Word(w) if depth == 1 && item_start => {
                        item_start = false;
                        if w != "self" {
                            out.push((*line, w.clone()));
                        }
                    }
                    _ => {}
                }
            }
            out
        }
        _ => Vec::new(),
    }
}
