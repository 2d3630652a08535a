//! Hostile content: markup in every text field never reaches a page or chart as markup, and
//! nothing is read from outside the site.

use crate::support::{MemorySite, Site};

const PAYLOAD: &str = r#"<script>alert(1)</script>" onmouseover="alert(2)" '><img src=x onerror=alert(3)> javascript:alert(4)"#;

/// The executable forms of the payload; their escaped forms are harmless text.
const FORBIDDEN: [&str; 2] = ["<script>alert", "<img src=x"];

/// True when `needle` occurs inside a tag (after a `<` with no `>` yet), where it would be an
/// attribute; in text between tags it is only words.
fn inside_a_tag(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(i, _)| {
        let before = &text[..i];
        before
            .rfind('<')
            .is_some_and(|lt| before.rfind('>').is_none_or(|gt| lt > gt))
    })
}

const TEXT_FIELDS: [&str; 20] = [
    "title",
    "statement",
    "owner",
    "mitigation",
    "headline",
    "name",
    "unit",
    "description",
    "reason",
    "customer_impact",
    "learning",
    "ask",
    "tradeoff",
    "enables",
    "note",
    "cto",
    "ciso",
    "engineering",
    "security",
    "summary",
];

/// Puts the payload in front of every plain text value of every YAML file.
fn poison(site: &Site) {
    let quoted = format!("\"{}", PAYLOAD.replace('\\', "\\\\").replace('"', "\\\""));
    for e in walkdir::WalkDir::new(site.path("content")).sort_by_file_name() {
        let e = e.unwrap();
        if !e.file_type().is_file() || e.path().extension().is_none_or(|x| x != "yaml") {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).unwrap();
        // A metric's owner is a closed word (cto, ciso, joint), not free text.
        let is_metrics = e.file_name() == "metrics.yaml";
        let mut out = String::new();
        for line in text.lines() {
            let trimmed = line.trim_start();
            let indent = &line[..line.len() - trimmed.len()];
            let key = trimmed
                .split(':')
                .next()
                .unwrap_or("")
                .trim_start_matches("- ");
            match trimmed.split_once(": ") {
                Some((_, value))
                    if TEXT_FIELDS.contains(&key)
                        && !(is_metrics && key == "owner")
                        && !value.starts_with(['|', '{', '[', '"', '\'']) =>
                {
                    let dash = if trimmed.starts_with("- ") { "- " } else { "" };
                    out.push_str(&format!(
                        "{indent}{dash}{key}: {quoted} {}\"\n",
                        value.replace('"', "\\\"")
                    ));
                }
                _ if trimmed.starts_with("- ")
                    && !trimmed.contains(": ")
                    && !trimmed.starts_with("- [") =>
                {
                    // List items: asks and compensating controls.
                    out.push_str(&format!(
                        "{indent}- {quoted} {}\"\n",
                        trimmed[2..].replace('"', "\\\"")
                    ));
                }
                _ => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        std::fs::write(e.path(), out).unwrap();
    }
    site.edit(
        "quarterdeck.toml",
        "organization = \"Fixture Logistics\"",
        &format!("organization = {:?}", PAYLOAD),
    );
    site.edit(
        "quarterdeck.toml",
        "title = \"Security & Technology Report to the Board\"",
        &format!("title = {:?}", PAYLOAD),
    );
    site.edit(
        "content/quarters/2026-Q2/incidents/INC-2026-031.yaml",
        "id: INC-2026-031",
        "id: \"INC-<script>alert(5)</script>\"",
    );
    // Above-appetite marks and the heat map's appetite line render beside the poisoned text.
    site.edit(
        "quarterdeck.toml",
        "trend_quarters = 4",
        "trend_quarters = 4\nrisk_appetite = 1",
    );
    site.write("content/pages/evil.md", &format!("---\ntitle: {:?}\n---\n{PAYLOAD}\n\n[x](javascript:alert(6)) [y](data:text/html,<script>alert(7)</script>)\n", PAYLOAD));
}

#[test]
fn markup_in_every_text_field_is_escaped_in_pages_and_charts() {
    let site = Site::copy_of("minimal");
    poison(&site);
    let check = site.check(&[]);
    assert_eq!(
        check.code, 0,
        "the poisoned site must still be valid: {}",
        check.stderr
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut pages = 0;
    for e in walkdir::WalkDir::new(site.path("output")) {
        let e = e.unwrap();
        let ext = e
            .path()
            .extension()
            .map(|x| x.to_string_lossy().to_string())
            .unwrap_or_default();
        if !["html", "svg"].contains(&ext.as_str()) {
            continue;
        }
        pages += 1;
        let text = std::fs::read_to_string(e.path()).unwrap();
        for bad in FORBIDDEN {
            assert!(
                !text.contains(bad),
                "{} contains {bad:?}",
                e.path().display()
            );
        }
        assert!(
            !inside_a_tag(&text, "onmouseover"),
            "{}: an attribute was injected",
            e.path().display()
        );
        assert!(
            !inside_a_tag(&text, "onerror"),
            "{}: an attribute was injected",
            e.path().display()
        );
        assert!(
            !text.to_lowercase().contains("href=\"javascript:"),
            "{}",
            e.path().display()
        );
        assert!(!text.contains("href=\"data:"), "{}", e.path().display());
    }
    assert!(pages > 15, "only {pages} pages checked");
    // The board pack shows every text field of risks, exceptions and initiatives again: each page
    // (and the roadmap chart) has the text, escaped.
    for rel in [
        "output/2026-q2/register/index.html",
        "output/2026-q2/exceptions/index.html",
        "output/2026-q2/roadmap/index.html",
        "output/2026-q2/appendix/index.html",
        "output/2026-q2/charts/roadmap.svg",
        "output/risks/index.html",
    ] {
        assert!(site.read(rel).contains("&lt;script&gt;alert(1)"), "{rel}");
    }
    // The text itself is still there, escaped, for the reader to see.
    assert!(site
        .read("output/2026-q2/index.html")
        .contains("&lt;script&gt;alert(1)"));
    // data.json carries the text as data, for programs, not markup.
    assert!(site
        .read("output/2026-q2/data.json")
        .contains("<script>alert(1)</script>"));
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_site_is_refused() {
    let site = Site::copy_of("minimal");
    let temp = crate::support::temp_dir();
    let outside = temp.path().join("outside.yaml");
    std::fs::write(&outside, "id: R-099\n").unwrap();
    std::os::unix::fs::symlink(
        &outside,
        site.path("content/quarters/2026-Q2/risks/R-099.yaml"),
    )
    .unwrap();
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("\"code\": \"symlink\""),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("points outside the site"),
        "{}",
        run.stdout
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_inside_the_site_is_read() {
    let site = Site::copy_of("minimal");
    site.write(
        "shared/R-011.yaml",
        &site
            .read("content/quarters/2026-Q2/risks/R-002.yaml")
            .replace("R-002", "R-011"),
    );
    std::os::unix::fs::symlink(
        site.path("shared/R-011.yaml"),
        site.path("content/quarters/2026-Q2/risks/R-011.yaml"),
    )
    .unwrap();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.read("output/2026-q2/data.json").contains("R-011"));
}

#[cfg(unix)]
#[test]
fn output_refusal_sees_through_symlinks() {
    let site = Site::copy_of("minimal");
    std::os::unix::fs::symlink(site.path("content"), site.path("sneaky")).unwrap();
    let run = site.run(&["build", "--output", "sneaky"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("refusing"), "{}", run.stderr);
    let abs = site.path("content");
    let run = site.run(&["build", "--output", abs.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn a_huge_sparse_file_or_a_pipe_is_refused_without_reading_it() {
    let site = Site::copy_of("minimal");
    let huge =
        std::fs::File::create(site.path("content/quarters/2026-Q2/risks/R-098.yaml")).unwrap();
    huge.set_len(3 * 1024 * 1024 * 1024).unwrap();
    let fifo = site.path("content/quarters/2026-Q2/risks/R-099.yaml");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    // Reading the pipe would block for ever (nobody writes to it), and reading the sparse file
    // would take 3 GiB: the diagnostics below show neither was read. The deadline only turns a
    // hang into a failure; it is far above any run's time, loaded machine or not.
    let child = crate::support::bin()
        .args(["check", "--format", "json"])
        .current_dir(&site.root)
        .stdout(std::fs::File::create(site.root.with_extension("stdout")).unwrap())
        .spawn()
        .unwrap();
    let status = crate::support::wait_or_kill(child, std::time::Duration::from_secs(120));
    let run = crate::support::Run {
        code: status.code().unwrap_or(-1),
        stdout: std::fs::read_to_string(site.root.with_extension("stdout")).unwrap(),
        stderr: String::new(),
    };
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("\"code\": \"file-too-large\""),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("not a regular file"), "{}", run.stdout);
}

#[cfg(unix)]
#[test]
fn templates_and_settings_from_outside_the_site_are_refused() {
    let site = Site::copy_of("minimal");
    let temp = crate::support::temp_dir();
    let outside = temp.path().to_path_buf();
    std::fs::write(outside.join("secret.txt"), "secret").unwrap();
    std::os::unix::fs::symlink(&outside, site.path("templates")).unwrap();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("outside the site"), "{}", run.stderr);
    assert!(!site.path("output").exists());
    std::fs::remove_file(site.path("templates")).unwrap();
    std::fs::create_dir(site.path("templates")).unwrap();
    std::os::unix::fs::symlink(
        outside.join("secret.txt"),
        site.path("templates/secret.txt"),
    )
    .unwrap();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    std::fs::remove_dir_all(site.path("templates")).unwrap();
    std::fs::rename(
        site.path("quarterdeck.toml"),
        outside.join("quarterdeck.toml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.join("quarterdeck.toml"),
        site.path("quarterdeck.toml"),
    )
    .unwrap();
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("quarterdeck.toml: error[symlink]"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_base_url_that_is_not_a_path_or_http_url_is_an_error() {
    let site = MemorySite::copy_of("minimal");
    site.edit(
        "quarterdeck.toml",
        "base_url = \"/\"",
        "base_url = \"javascript:alert(1)//\"",
    );
    let run = site.check(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("quarterdeck.toml:3:1: error[invalid-value]: `base_url`"),
        "{}",
        run.stderr
    );
}

#[test]
fn too_many_files_is_one_error_not_thousands() {
    let site = MemorySite::copy_of("minimal");
    for i in 0..20_001 {
        site.write(&format!("content/quarters/2026-Q2/risks/extra/{i}.txt"), "");
    }
    let run = site.check_json();
    assert_eq!(run.code, 1);
    let codes = run.codes();
    assert_eq!(
        codes,
        ["too-many-files"],
        "{}",
        &run.stdout[..run.stdout.len().min(2000)]
    );
}
