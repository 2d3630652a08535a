//! `quarterdeck build`: the pages, data.json, escaping, determinism and the atomic swap.

use crate::support::Site;
use std::collections::BTreeMap;
use std::path::Path;

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(e.path()).unwrap());
        }
    }
    out
}

fn json(site: &Site, rel: &str) -> serde_json::Value {
    serde_json::from_str(&site.read(rel)).unwrap()
}

#[test]
fn writes_every_page_of_the_contract() {
    let site = Site::copy_of("minimal");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for page in [
        "output/index.html",
        "output/2026-q1/index.html",
        "output/2026-q2/index.html",
        "output/2026-q2/data.json",
        "output/2026-q2/charts/heatmap.svg",
        "output/2026-q2/charts/incidents.svg",
        "output/2026-q2/charts/investments.svg",
        "output/2026-q2/charts/trend-uptime_pct.svg",
        "output/archive/index.html",
        "output/risks/r-007/index.html",
        "output/risks/r-010/index.html",
        "output/risks/r-010/history.svg",
        "output/decision-rights/index.html",
        "output/assets/style.css",
        "output/assets/fonts/Inter-Regular.otf",
        "output/404.html",
    ] {
        assert!(
            site.path(page).is_file(),
            "{page} missing; built: {:?}",
            snapshot(&site.path("output")).keys().collect::<Vec<_>>()
        );
    }
    assert!(run.stderr.contains("built 2 quarters"), "{}", run.stderr);
    // A file for each chart a reader may reuse; none for the sparklines, which are inline marks.
    let svgs: Vec<String> = snapshot(&site.path("output"))
        .into_keys()
        .filter(|k| k.ends_with(".svg"))
        .collect();
    assert_eq!(
        svgs,
        [
            "2026-q1/charts/heatmap.svg",
            "2026-q1/charts/investments.svg",
            "2026-q1/charts/roadmap.svg",
            "2026-q1/charts/trend-mttr_critical_days.svg",
            "2026-q1/charts/trend-uptime_pct.svg",
            "2026-q2/charts/heatmap.svg",
            "2026-q2/charts/incidents.svg",
            "2026-q2/charts/investments.svg",
            "2026-q2/charts/roadmap.svg",
            "2026-q2/charts/trend-mttr_critical_days.svg",
            "2026-q2/charts/trend-uptime_pct.svg",
            "assets/favicon.svg",
            "risks/r-002/history.svg",
            "risks/r-007/history.svg",
            "risks/r-010/history.svg",
        ]
    );
    assert!(site
        .read("output/risks/r-007/index.html")
        .contains("<a href=\"history.svg\">Chart as SVG</a>"));
    let home = site.read("output/index.html");
    assert!(
        home.contains("2026-Q2"),
        "the home page is the latest final quarter"
    );
    assert!(home.contains("archive/"), "links to the archive");
}

#[test]
fn data_json_holds_the_computed_facts() {
    let site = Site::copy_of("minimal");
    assert_eq!(site.run(&["build"]).code, 0);
    let d = json(&site, "output/2026-q2/data.json");
    assert_eq!(d["quarter"], "2026-Q2");
    assert_eq!(d["status"], "final");
    assert_eq!(d["board_meeting"], "2026-07-15");
    assert_eq!(d["previous_quarter"], "2026-Q1");
    let r7 = d["risks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "R-007")
        .unwrap();
    // 5 × 3 = 15 now, 4 × 4 = 16 before.
    assert_eq!(
        (r7["score"].as_u64(), r7["previous_score"].as_u64()),
        (Some(15), Some(16))
    );
    assert_eq!(r7["movement"], "down");
    assert_eq!(
        d["top_risks"],
        serde_json::json!(["R-007", "R-002", "R-010"])
    );
    let m = |id: &str| {
        d["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == id)
            .unwrap()
            .clone()
    };
    let mttr = m("mttr_critical_days");
    assert_eq!(
        (mttr["value"].as_f64(), mttr["previous"].as_f64()),
        (Some(6.1), Some(9.5))
    );
    assert_eq!(mttr["direction"], "improving");
    assert_eq!(mttr["target_met"], true);
    let uptime = m("uptime_pct");
    assert_eq!(
        uptime["direction"], "improving",
        "99.93 → 99.96 is beyond the 0.01 band"
    );
    assert_eq!(uptime["target_met"], true);
    let q1 = json(&site, "output/2026-q1/data.json");
    assert!(q1["previous_quarter"].is_null());
    assert!(q1["risks"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["movement"] == "new" && r["previous_score"].is_null()));
    assert!(q1["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["direction"] == "none" && m["previous"].is_null()));
}

#[test]
fn html_in_markdown_and_yaml_never_runs() {
    let site = Site::copy_of("minimal");
    let q = "content/quarters/2026-Q2/quarter.yaml";
    site.edit(
        q,
        "headline: Ransomware",
        "headline: <script>alert(1)</script> Ransomware",
    );
    site.edit(
        q,
        "summary: |\n",
        "summary: |\n  <img src=x onerror=alert(2)> [click](javascript:alert(3))\n",
    );
    site.edit(
        "content/quarters/2026-Q2/risks/R-007.yaml",
        "title: Ransomware on build infrastructure",
        "title: \"<b onmouseover=alert(4)>Ransomware\"",
    );
    site.write(
        "content/pages/evil.md",
        "---\ntitle: \"</title><script>alert(5)</script>\"\n---\n<script>alert(6)</script>\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for page in [
        "output/index.html",
        "output/2026-q2/index.html",
        "output/risks/r-007/index.html",
        "output/evil/index.html",
        "output/archive/index.html",
    ] {
        let html = site.read(page);
        for bad in [
            "<script>alert",
            "<img src=x",
            "<b onmouseover",
            "javascript:alert",
            "</title><script>",
        ] {
            assert!(!html.contains(bad), "{page} contains {bad}");
        }
    }
    let onepager = site.read("output/2026-q2/index.html");
    assert!(
        onepager.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || onepager.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    for svg in ["heatmap.svg", "incidents.svg", "investments.svg"] {
        let text = site.read(&format!("output/2026-q2/charts/{svg}"));
        assert!(!text.contains("<script") && !text.contains("<b "), "{svg}");
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let site = Site::copy_of("minimal");
    assert_eq!(site.run(&["build", "--drafts"]).code, 0);
    let first = snapshot(&site.path("output"));
    assert_eq!(
        site.run(&["build", "--drafts", "--output", "second"]).code,
        0
    );
    assert_eq!(first, snapshot(&site.path("second")));
}

#[test]
fn a_failed_build_leaves_the_previous_output() {
    let site = Site::copy_of("minimal");
    assert_eq!(site.run(&["build"]).code, 0);
    let before = snapshot(&site.path("output"));
    site.edit(
        "content/quarters/2026-Q2/risks/R-007.yaml",
        "impact: 5",
        "impact: 50",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(before, snapshot(&site.path("output")));
    // A broken template fails at render time: also nothing written.
    site.edit(
        "content/quarters/2026-Q2/risks/R-007.yaml",
        "impact: 50",
        "impact: 5",
    );
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}{{ page.nope | nofilter }}{% endblock %}",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/page.html"),
        "names the template: {}",
        run.stderr
    );
    assert_eq!(before, snapshot(&site.path("output")));
}

/// Tera parses and renders by recursion: nested a few thousand levels deep, a template used to
/// overflow the stack and abort the process with no error. It is refused before Tera sees it.
#[test]
fn a_template_nested_thousands_deep_is_an_error_not_an_abort() {
    let site = Site::copy_of("minimal");
    assert_eq!(site.run(&["build"]).code, 0);
    let before = snapshot(&site.path("output"));
    let expr = |n: usize| format!("{{{{ {}page.title{} }}}}", "(".repeat(n), ")".repeat(n));
    site.write(
        "templates/page.html",
        &format!(
            "{{% extends \"base.html\" %}}\n{{% block main %}}\n{}{{% endblock %}}",
            expr(5000)
        ),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr.lines().next().unwrap_or_default(),
        "error: template error in templates/page.html:3: brackets in one expression nest more than 100 levels deep here; split the template up (macros, `{% set %}`)"
    );
    assert_eq!(before, snapshot(&site.path("output")));
    let ifs = |n: usize| format!("{}x{}", "{% if true %}".repeat(n), "{% endif %}".repeat(n));
    site.write(
        "templates/page.html",
        &format!(
            "{{% extends \"base.html\" %}}{{% block main %}}{}{{% endblock %}}",
            ifs(5000)
        ),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error: template error in templates/page.html:1: block tags inside each other nest more than 100 levels deep"),
        "{}",
        run.stderr
    );
    // At the limit, the page builds.
    site.write(
        "templates/page.html",
        &format!(
            "{{% extends \"base.html\" %}}{{% block main %}}{}{}{{% endblock %}}",
            ifs(99),
            expr(100)
        ),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site
        .read("output/decision-rights/index.html")
        .contains("xDecision rights"));
}

#[test]
fn refuses_output_folders_that_hold_the_site() {
    let site = Site::copy_of("minimal");
    for bad in [
        ".",
        "content",
        "content/out",
        "..",
        "/",
        "output/../content",
    ] {
        let run = site.run(&["build", "--output", bad]);
        assert_eq!(run.code, 2, "--output {bad}: {}", run.stderr);
        assert!(run.stderr.contains("refusing"), "{}", run.stderr);
    }
    assert!(site.path("content/metrics.yaml").is_file());
    // A folder that quarterdeck did not write is not replaced.
    site.write("mine/notes.txt", "precious");
    let run = site.run(&["build", "--output", "mine"]);
    assert_eq!(run.code, 2);
    assert_eq!(site.read("mine/notes.txt"), "precious");
}

#[test]
fn drafts_only_with_the_flag_and_marked() {
    let site = Site::copy_of("minimal");
    site.write(
        "content/quarters/2026-Q3/quarter.yaml",
        "quarter: 2026-Q3\nstatus: draft\nboard_meeting: 2026-10-14\nheadline: Draft headline\nsummary: Not final.\n",
    );
    for r in ["R-002", "R-007", "R-010"] {
        let from = format!("content/quarters/2026-Q2/risks/{r}.yaml");
        site.write(
            &format!("content/quarters/2026-Q3/risks/{r}.yaml"),
            &site.read(&from),
        );
    }
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(!site.path("output/2026-q3").exists());
    assert!(site.read("output/index.html").contains("2026-Q2"));
    assert_eq!(site.run(&["build", "--drafts"]).code, 0);
    let draft = site.read("output/2026-q3/index.html");
    assert!(draft.contains("DRAFT"));
    assert!(
        site.read("output/index.html").contains("2026-Q2"),
        "home stays the latest final quarter"
    );
}

#[test]
fn a_site_template_overrides_the_builtin() {
    let site = Site::copy_of("minimal");
    site.write("templates/page.html", "{% extends \"base.html\" %}{% block main %}<p>OVERRIDDEN {{ page.title }}</p>{% endblock %}");
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(site
        .read("output/decision-rights/index.html")
        .contains("OVERRIDDEN Decision rights"));
}

/// Pages render on several threads; with several broken templates the error named is the first
/// in page order (quarters, home, archive, risk pages, standing pages), every time.
#[test]
fn with_several_broken_templates_the_first_in_page_order_is_reported() {
    let site = Site::copy_of("minimal");
    for name in ["archive", "risk", "404"] {
        site.write(
            &format!("templates/{name}.html"),
            &format!("{{{{ t(key=\"no_such_{name}_label\") }}}}\n"),
        );
    }
    for _ in 0..3 {
        let run = site.run(&["build"]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.contains("no label `no_such_archive_label`")
                && !run.stderr.contains("no_such_risk_label"),
            "{}",
            run.stderr
        );
    }
    assert!(!site.path("output").exists());
}

#[test]
fn pdf_without_a_browser_is_a_clear_error_and_the_site_is_built() {
    let site = Site::copy_of("minimal");
    let out = crate::support::bin()
        .args(["build", "--pdf"])
        .current_dir(&site.root)
        .env("PATH", "/nonexistent")
        .env("XDG_CACHE_HOME", crate::pdf::user_cache(&site))
        .env_remove("QUARTERDECK_CHROME")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("apt-get install chromium"), "{stderr}");
    assert!(site.path("output/2026-q2/index.html").is_file());
}

/// A build killed while writing (here by the file-size limit, SIGXFSZ) leaves the previous
/// output complete, and the next build clears what the killed one left behind. The limit is
/// below the changed one-pager's size, so the rebuild, which writes only changed files, trips it.
#[cfg(unix)]
#[test]
fn a_build_killed_while_writing_leaves_the_previous_output() {
    let site = Site::copy_of("minimal");
    assert_eq!(site.run(&["build"]).code, 0);
    let before = snapshot(&site.path("output"));
    site.edit(
        "content/quarters/2026-Q2/quarter.yaml",
        "headline: Ransomware",
        "headline: Changed Ransomware",
    );
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -f 16; exec '{}' build",
            crate::support::BIN
        ))
        .current_dir(&site.root)
        .env(
            "XDG_CACHE_HOME",
            std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("xdg-cache"),
        )
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(
        !status.success(),
        "the size limit should have stopped the build"
    );
    assert_eq!(
        before,
        snapshot(&site.path("output")),
        "the old site is intact"
    );
    let leftovers = || {
        std::fs::read_dir(&site.root)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".output.")
            })
            // The lock file beside the output stays, by design.
            .filter(|e| e.as_ref().unwrap().file_name() != ".output.lock")
            .count()
    };
    assert_eq!(leftovers(), 1, "the killed build left its staging folder");
    assert_eq!(site.run(&["build"]).code, 0);
    assert_eq!(leftovers(), 0, "the next build removed it");
    assert!(site
        .read("output/2026-q2/index.html")
        .contains("Changed Ransomware"));
}

/// A full disk (a tiny tmpfs) fails the build with a clear error and keeps the previous output.
/// Mounting needs root, as in CI; elsewhere the test says so and does nothing.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_fails_the_build_and_keeps_the_previous_output() {
    let site = Site::copy_of("minimal");
    let mnt = site.path("tiny");
    std::fs::create_dir_all(&mnt).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1600k", "tmpfs"])
        .arg(&mnt)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    }
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(mnt.clone());
    let out = mnt.join("site");
    let run = site.run(&["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = snapshot(&out);
    // Fill the disk so the next build's staging copy cannot fit beside the current output.
    let free = {
        let used: usize = before.values().map(Vec::len).sum();
        1600 * 1024 - used
    };
    let _ = std::fs::write(mnt.join("filler"), vec![0u8; free]);
    site.edit(
        "content/quarters/2026-Q2/quarter.yaml",
        "headline: Ransomware",
        "headline: Changed Ransomware",
    );
    let run = site.run(&["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("cannot write"), "{}", run.stderr);
    assert_eq!(before, snapshot(&out), "the old site is intact");
    let names: Vec<String> = std::fs::read_dir(&mnt)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.starts_with(".site.") || n == ".site.lock"),
        "staging removed: {names:?}"
    );
}
