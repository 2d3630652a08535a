//! `build --pdf` with a real Chromium: page counts, text, byte-identity, links, reuse from the
//! cache without a browser, and odd output paths. Skipped (with a note) where no Chromium or
//! poppler-utils is installed, unless QUARTERDECK_PDF_TESTS=require (as .ci/run sets it).

use crate::support::{Site, BIN};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The browser, or None (after saying why) when these tests cannot run here.
pub fn browser() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
    let found = [
        "chromium-headless-shell",
        "chromium",
        "chromium-browser",
        "google-chrome",
    ]
    .iter()
    .flat_map(|n| dirs.iter().map(move |d| d.join(n)))
    .find(|p| p.is_file());
    let poppler = Command::new("pdftotext").arg("-v").output().is_ok();
    match found {
        Some(p) if poppler => Some(p),
        _ if std::env::var("QUARTERDECK_PDF_TESTS").as_deref() == Ok("require") => {
            panic!("QUARTERDECK_PDF_TESTS=require but Chromium or pdftotext is missing")
        }
        _ => {
            eprintln!("skipped: needs Chromium and poppler-utils (pdftotext)");
            None
        }
    }
}

/// The folder the key that signs the PDF cache is kept in, one per test site, so that the tests
/// neither use nor make a key in the home folder of whoever runs them.
pub fn user_cache(site: &Site) -> PathBuf {
    site.root.parent().unwrap().join("user-cache")
}

fn build(site: &Site, args: &[&str], chrome: &Path) -> crate::support::Run {
    let out = crate::support::bin()
        .args(args)
        .current_dir(&site.root)
        .env("NO_COLOR", "1")
        .env("QUARTERDECK_CHROME", chrome)
        .env("XDG_CACHE_HOME", user_cache(site))
        .output()
        .unwrap();
    crate::support::Run::from(out)
}

pub fn text(pdf: &Path, pages: Option<(u32, u32)>) -> String {
    let mut cmd = Command::new("pdftotext");
    if let Some((f, l)) = pages {
        cmd.args(["-f", &f.to_string(), "-l", &l.to_string()]);
    }
    let out = cmd.arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8(out.stdout).unwrap()
}

/// Every link target in a PDF (URI actions), read by structure.
fn uris(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let mut out = Vec::new();
    for obj in doc.objects.values() {
        if let Ok(d) = obj.as_dict() {
            let uri = d
                .get(b"A")
                .ok()
                .and_then(|a| a.as_dict().ok())
                .and_then(|a| a.get(b"URI").ok())
                .and_then(|u| u.as_str().ok());
            if let Some(u) = uri {
                out.push(String::from_utf8_lossy(u).to_string());
            }
        }
    }
    out.sort();
    out
}

fn pages(pdf: &Path) -> usize {
    lopdf::Document::load(pdf).unwrap().get_pages().len()
}

/// A stand-in browser that records each call and fails, to show that no browser ran.
fn recorder(site: &Site) -> (PathBuf, PathBuf) {
    let log = site.path("browser-calls.log");
    let script = site.path("fake-chrome.sh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\necho \"$@\" >> '{}'\nexit 1\n", log.display()),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    (script, log)
}

/// The dense fixture on Letter paper, published at an absolute address.
fn dense_published() -> Site {
    let site = Site::copy_of("dense");
    site.edit(
        "quarterdeck.toml",
        "paper = \"letter\"",
        "paper = \"letter\"\nbase_url = \"https://board.example.com/reports/\"",
    );
    site
}

fn pdfs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for q in std::fs::read_dir(dir).unwrap().flatten() {
        for name in ["onepager.pdf", "boardpack.pdf"] {
            let p = q.path().join(name);
            if p.is_file() {
                out.push((
                    format!("{}/{name}", q.file_name().to_string_lossy()),
                    std::fs::read(p).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn board_packs_print_reproducibly_and_are_reused_without_a_browser() {
    let Some(chrome) = browser() else { return };
    let site = dense_published();
    let run = build(&site, &["build", "--pdf"], &chrome);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("printed 2026-q2/onepager.pdf and 2026-q2/boardpack.pdf"),
        "{}",
        run.stderr
    );
    let out = site.path("output");
    let first = pdfs(&out);
    assert_eq!(first.len(), 4, "two quarters, two PDFs each");

    let one = out.join("2026-q2/onepager.pdf");
    let pack = out.join("2026-q2/boardpack.pdf");
    assert_eq!(pages(&one), 1);
    assert!(pages(&pack) >= 2, "{} pages", pages(&pack));
    // Page 1 of the pack is the one-pager; the headline is on it.
    let one_text = text(&one, None);
    assert_eq!(text(&pack, Some((1, 1))), one_text);
    assert!(
        one_text.contains("Ransomware exposure down for the third quarter running"),
        "{one_text}"
    );
    // The appendices hold every risk of the quarter, and a footer with page n of m.
    let n = pages(&pack);
    let appendix = text(&pack, Some((2, n as u32))).replace('\u{2011}', "-");
    let data: serde_json::Value =
        serde_json::from_str(&site.read("output/2026-q2/data.json")).unwrap();
    let risks = data["risks"].as_array().unwrap();
    assert!(!risks.is_empty());
    for r in risks {
        let id = r["id"].as_str().unwrap();
        assert!(appendix.contains(id), "{id} is not in the appendices");
    }
    assert!(appendix.contains(&format!("page 2 of {n}")), "{appendix}");
    assert!(appendix.contains(&format!("page {n} of {n}")), "{appendix}");
    assert!(
        appendix.contains("Dense Fixture Holdings International · 2026-Q2"),
        "{appendix}"
    );
    // Links point at the published site, never at the folder the pages were printed from.
    for pdf in [&one, &pack] {
        let links = uris(pdf);
        assert!(!links.is_empty(), "{} has no links", pdf.display());
        for u in &links {
            assert!(
                u.starts_with("https://board.example.com/reports/"),
                "{u} in {}",
                pdf.display()
            );
        }
    }
    let top = data["top_risks"][0].as_str().unwrap();
    let slug = risks.iter().find(|r| r["id"] == top).unwrap()["slug"]
        .as_str()
        .unwrap();
    let risk_page = format!("https://board.example.com/reports/risks/{slug}/index.html");
    assert!(
        uris(&one).contains(&risk_page),
        "{risk_page} not in {:?}",
        uris(&one)
    );
    // The web one-pager links its PDFs.
    assert!(site
        .read("output/2026-q2/index.html")
        .contains("2026-q2/boardpack.pdf\">board pack"));

    // A plain build keeps the PDFs (from the cache), and so does --pdf, both without a browser.
    let (fake, log) = recorder(&site);
    let plain = build(&site, &["build"], &fake);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    assert_eq!(pdfs(&out), first);
    assert!(site
        .read("output/2026-q2/index.html")
        .contains("boardpack.pdf"));
    let again = build(&site, &["build", "--pdf"], &fake);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stderr.contains("reused the PDFs of 2 quarters"),
        "{}",
        again.stderr
    );
    assert!(
        !log.exists(),
        "the browser was started: {}",
        std::fs::read_to_string(&log).unwrap_or_default()
    );
    assert_eq!(pdfs(&out), first);

    // A changed source is printed again: here the browser is the recorder, so it fails.
    site.edit(
        "content/quarters/2026-Q2/quarter.yaml",
        "Ransomware exposure down",
        "Ransomware exposure lower",
    );
    let changed = build(&site, &["build", "--pdf"], &fake);
    assert_eq!(changed.code, 2, "{}", changed.stderr);
    assert!(log.is_file(), "the changed quarter was not printed again");
    // A plain build after the change drops that quarter's PDFs and its links, keeps the other.
    let plain = build(&site, &["build"], &fake);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    assert!(!out.join("2026-q2/onepager.pdf").exists());
    assert!(!site
        .read("output/2026-q2/index.html")
        .contains("onepager.pdf"));
    assert!(out.join("2026-q1/boardpack.pdf").is_file());
    site.edit(
        "content/quarters/2026-Q2/quarter.yaml",
        "Ransomware exposure lower",
        "Ransomware exposure down",
    );

    // With the cache gone, a fresh print gives the same bytes.
    std::fs::remove_dir_all(site.path(".quarterdeck-cache")).unwrap();
    let fresh = build(&site, &["build", "--pdf"], &chrome);
    assert_eq!(fresh.code, 0, "{}", fresh.stderr);
    assert!(first == pdfs(&out), "a second print differs from the first");
}

#[test]
fn an_output_path_with_hash_and_percent_prints_and_links_become_text() {
    let Some(chrome) = browser() else { return };
    let site = Site::copy_of("minimal");
    // The browser's profile goes in a temporary folder of this test's own, to see it removed.
    let tmp = site.path("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let out = crate::support::bin()
        .args(["build", "--pdf", "--output", "out #1 50%"])
        .current_dir(&site.root)
        .env("QUARTERDECK_CHROME", &chrome)
        .env("XDG_CACHE_HOME", user_cache(&site))
        .env("TMPDIR", &tmp)
        .output()
        .unwrap();
    let run = crate::support::Run::from(out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Debian's headless shell is a script that runs the browser as its child: the whole
    // process group goes before the build ends, so nothing can write into the profile after
    // it is removed. No process may still name the profile folder.
    let profile = tmp.to_string_lossy().to_string();
    let alive: Vec<String> = std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| std::fs::read(e.path().join("cmdline")).ok())
        .map(|c| String::from_utf8_lossy(&c).replace('\0', " "))
        .filter(|c| c.contains(&profile))
        .collect();
    assert_eq!(
        alive,
        Vec::<String>::new(),
        "browser processes outlived the build"
    );
    let left: Vec<_> = std::fs::read_dir(&tmp)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    let out = site.path("out #1 50%");
    let one = out.join("2026-q2/onepager.pdf");
    assert_eq!(pages(&one), 1);
    assert!(text(&one, None).contains("Ransomware exposure down; third-party risk up"));
    // base_url is "/", not absolute: no link survives as a file:// path.
    for pdf in [&one, &out.join("2026-q2/boardpack.pdf")] {
        assert_eq!(uris(pdf), Vec::<String>::new(), "{}", pdf.display());
    }
    let cache = site.path(".quarterdeck-cache");
    assert_eq!(
        std::fs::read_to_string(cache.join(".gitignore"))
            .unwrap()
            .lines()
            .last(),
        Some("*")
    );
}

#[test]
fn a_missing_browser_path_names_the_path() {
    let site = Site::copy_of("minimal");
    let run = build(&site, &["build", "--pdf"], Path::new("/nonexistent"));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: the browser path /nonexistent (from QUARTERDECK_CHROME) cannot be used: no such file"),
        "{}",
        run.stderr
    );
    assert!(site.path("output/2026-q2/index.html").is_file());
    // Without PDFs, the web one-pager does not link any.
    assert!(!site
        .read("output/2026-q2/index.html")
        .contains("onepager.pdf"));
}

/// Writes the built-in template `name` (its text `builtin`) into the site's `templates/`, with
/// each `(from, to)` of `edits` replaced.
fn altered_template(site: &Site, name: &str, builtin: &str, edits: &[(&str, &str)]) {
    let mut text = builtin.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "{from} is not in {name}");
        text = text.replace(from, to);
    }
    site.write(&format!("templates/{name}"), &text);
}

/// Each internal link of a PDF as (page it is on, page it leads to), pages counted from 1.
fn internal_links(pdf: &Path) -> Vec<(u32, u32)> {
    use lopdf::Object;
    let doc = lopdf::Document::load(pdf).unwrap();
    let pages = doc.get_pages();
    let number = |id: lopdf::ObjectId| pages.iter().find(|p| *p.1 == id).map(|p| *p.0);
    let dests = doc
        .catalog()
        .unwrap()
        .get(b"Dests")
        .ok()
        .map(|d| match d {
            Object::Reference(id) => doc.get_dictionary(*id).unwrap().clone(),
            other => other.as_dict().unwrap().clone(),
        })
        .unwrap_or_default();
    let mut out = Vec::new();
    for (&n, &page) in &pages {
        let annots = match doc.get_dictionary(page).unwrap().get(b"Annots") {
            Ok(Object::Array(a)) => a.clone(),
            _ => continue,
        };
        for a in annots {
            let annot = doc.get_dictionary(a.as_reference().unwrap()).unwrap();
            let target = match annot.get(b"Dest") {
                Ok(Object::Name(name)) | Ok(Object::String(name, _)) => {
                    dests.get(name).unwrap().as_array().unwrap()[0].clone()
                }
                Ok(Object::Array(d)) => d[0].clone(),
                _ => continue,
            };
            out.push((n, number(target.as_reference().unwrap()).unwrap()));
        }
    }
    out
}

/// The board pack is printed as one document and the one-pager cut from it: an appendix
/// whose template reuses an id of the one-pager still links to its own section, and a link of
/// the one-pager into the appendix is the only one between the parts and is not kept in
/// `onepager.pdf`.
#[test]
fn appendix_links_stay_in_the_appendix_when_ids_clash_with_the_one_pager() {
    let Some(chrome) = browser() else { return };
    let site = Site::copy_of("minimal");
    // `s-risks` is the one-pager's "Top risks" heading; here it also names the register.
    let register_id = "{% if s.key == \"register\" %}s-risks{% else %}{{ s.id }}{% endif %}";
    altered_template(
        &site,
        "appendix.html",
        include_str!("../../templates/appendix.html"),
        &[
            ("id=\"{{ s.id }}\"", &format!("id=\"{register_id}\"")),
            (
                "<a href=\"#{{ s.id }}\">",
                &format!("<a href=\"#{register_id}\">"),
            ),
        ],
    );
    // And the one-pager's heading links to the appendix's metric definitions: a link that
    // crosses into the appendix in the pack and has no target left in the one-pager's PDF.
    altered_template(
        &site,
        "onepager.html",
        include_str!("../../templates/onepager.html"),
        &[(
            "<h2 id=\"s-risks\">{{ t(key=\"top_risks\") }}</h2>",
            "<h2 id=\"s-risks\"><a href=\"#a-metrics\">{{ t(key=\"top_risks\") }}</a></h2>",
        )],
    );
    let run = build(&site, &["build", "--pdf"], &chrome);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = site.path("output/2026-q2");
    let pack = out.join("boardpack.pdf");
    let pack_links = internal_links(&pack);
    // The contents list (page 2) links to each of the eight sections (A–H, each from a new
    // page) and the standing page in H, in order, all after the contents; the register's is
    // the clashing id's, renamed, and still the register's page (3).
    let contents: Vec<u32> = pack_links
        .iter()
        .filter(|l| l.0 == 2)
        .map(|l| l.1)
        .collect();
    assert_eq!(
        contents,
        vec![3, 4, 5, 6, 7, 8, 9, 10, 10],
        "{pack_links:?}"
    );
    // No link of the appendix leads back to the one-pager; the one-pager's lead into the pack
    // (base_url is not absolute: its register and risk links too), the heading's to G, the
    // metric definitions (page 9, after how to read the scores on page 8).
    assert!(
        !pack_links.iter().any(|(from, to)| *from > 1 && *to == 1),
        "{pack_links:?}"
    );
    assert!(pack_links.contains(&(1, 9)), "{pack_links:?}");
    assert!(pack_links.contains(&(1, 3)), "{pack_links:?}");
    let one = out.join("onepager.pdf");
    assert_eq!(internal_links(&one), Vec::<(u32, u32)>::new());
    assert!(text(&one, None).contains("Top risks"));
    // The one-pager's and the pack's titles are their pages' own.
    let info = |pdf: &str| {
        let out = Command::new("pdfinfo").arg(out.join(pdf)).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(
        info("onepager.pdf").contains("Title:           2026-Q2 ·"),
        "{}",
        info("onepager.pdf")
    );
    assert!(
        info("boardpack.pdf").contains("Title:           Board pack 2026-Q2 ·"),
        "{}",
        info("boardpack.pdf")
    );
}

/// A one-pager that runs onto a second page is an error naming it; the site is still built.
#[test]
fn a_one_pager_longer_than_a_page_is_an_error() {
    let Some(chrome) = browser() else { return };
    let site = Site::copy_of("minimal");
    altered_template(
        &site,
        "onepager.html",
        include_str!("../../templates/onepager.html"),
        &[(
            "{% block main %}",
            "{% block main %}<div style=\"height: 300mm\"></div>",
        )],
    );
    let run = build(&site, &["build", "--pdf"], &chrome);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("/index.html: the one-pager printed on 2 pages, not 1"),
        "{}",
        run.stderr
    );
    assert!(site.path("output/2026-q2/index.html").is_file());
    assert!(!site.path("output/2026-q2/onepager.pdf").exists());
    assert!(!site.path("output/2026-q1/boardpack.pdf").exists());
}

/// Builds the PDFs of `site` with two tabs (two cores: each quarter navigated to) and with one
/// (`taskset -c 0`: the second quarter put in place of the first) and asserts the same bytes,
/// and that each quarter's cache entry names the stylesheet and fonts it shares with the other.
fn alike_on_one_core_and_two(site: &Site, chrome: &Path) {
    let two = build(site, &["build", "--pdf"], chrome);
    assert_eq!(two.code, 0, "{}", two.stderr);
    let alone = pdfs(&site.path("output"));
    std::fs::remove_dir_all(site.path(".quarterdeck-cache")).unwrap();
    let out = Command::new("taskset")
        .args(["-c", "0", BIN, "build", "--pdf"])
        .current_dir(&site.root)
        .env("QUARTERDECK_CHROME", chrome)
        .env("XDG_CACHE_HOME", user_cache(site))
        .output()
        .unwrap();
    let one = crate::support::Run::from(out);
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert!(alone == pdfs(&site.path("output")), "the PDFs differ");
    for q in ["2026-q1", "2026-q2"] {
        let manifest = site.read(&format!(".quarterdeck-cache/pdf/{q}.boardpack.json"));
        let m: serde_json::Value = serde_json::from_str(&manifest).unwrap();
        let sources: Vec<&str> = m["sources"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            sources,
            [
                &format!("{q}/appendix/index.html"),
                &format!("{q}/index.html"),
                "assets/fonts/Inter-Regular.otf",
                "assets/fonts/Inter-SemiBold.otf",
                "assets/style.css"
            ],
            "{q}"
        );
    }
}

/// A tab prints its first quarter by navigating to it and the next ones by putting their HTML
/// in place; both ways give the same bytes, whatever the pages' links: relative to the page,
/// to the page itself, in an SVG, or to a place in the page put in place of (which sends the
/// quarter back to being navigated to) — from the one-pager, then from the appendix.
#[test]
fn a_quarter_printed_in_place_of_another_is_the_same_as_one_printed_alone() {
    let Some(chrome) = browser() else { return };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores < 2 {
        eprintln!("skipped: needs two cores, to print with one tab and with two");
        return;
    }
    if Command::new("taskset").arg("-V").output().is_err() {
        assert_ne!(
            std::env::var("QUARTERDECK_PDF_TESTS").as_deref(),
            Ok("require"),
            "QUARTERDECK_PDF_TESTS=require but taskset (util-linux) is missing"
        );
        eprintln!("skipped: needs taskset (util-linux)");
        return;
    }
    let site = dense_published();
    altered_template(
        &site,
        "onepager.html",
        include_str!("../../templates/onepager.html"),
        &[
            (
                "<a href=\"{{ root }}risks/{{ r.slug }}/index.html\">{{ r.id }}</a>",
                "<a href=\"register/index.html#reg-{{ r.slug }}\">{{ r.id }}</a>",
            ),
            (
                "<h2 id=\"s-risks\">{{ t(key=\"top_risks\") }}</h2>",
                "<h2 id=\"s-risks\"><a href=\"index.html#s-risks\">{{ t(key=\"top_risks\") }}</a> <svg width=\"8\" height=\"8\" aria-hidden=\"true\"><a href=\"register/index.html\"><rect width=\"8\" height=\"8\"/></a></svg> <a href=\"../2026-q1/index.html#s-risks\">Q1</a> <a href=\"../2026-q2/index.html#s-risks\">Q2</a></h2>",
            ),
        ],
    );
    alike_on_one_core_and_two(&site, &chrome);
    for q in ["2026-q1", "2026-q2"] {
        let register = format!("https://board.example.com/reports/{q}/register/index.html#reg-");
        let pdf = site.path(&format!("output/{q}/onepager.pdf"));
        let links = uris(&pdf);
        assert!(
            links.iter().any(|u| u.starts_with(&register)),
            "{register} not in {links:?}"
        );
        let svg = format!("https://board.example.com/reports/{q}/register/index.html");
        assert!(links.contains(&svg), "{svg} not in {links:?}");
        assert!(internal_links(&pdf).contains(&(1, 1)), "no link inside {q}");
    }

    site.remove("templates/onepager.html");
    altered_template(
        &site,
        "appendix.html",
        include_str!("../../templates/appendix.html"),
        &[(
            "<p class=\"lede\">",
            "<p class=\"lede\"><a href=\"../../2026-q1/index.html#s-risks\">Q1</a> <a href=\"../../2026-q2/index.html#s-risks\">Q2</a> ",
        )],
    );
    alike_on_one_core_and_two(&site, &chrome);
}

/// Where the word `word` first stands on a page of a PDF, from the page's top, in points.
fn word_top(pdf: &Path, page: u32, word: &str) -> f64 {
    let n = page.to_string();
    let out = Command::new("pdftotext")
        .args(["-bbox", "-f", &n, "-l", &n])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    let found = html
        .split("<word ")
        .skip(1)
        .find(|w| w.contains(&format!(">{word}</word>")))
        .unwrap_or_else(|| panic!("no {word} on page {page}"));
    let y = found
        .split("yMin=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    y.parse().unwrap()
}

/// The appendix template's `@page` rules reach its pages, never the one-pager's: a 40 mm top
/// margin there moves the appendix's text down and leaves `onepager.pdf` byte for byte as it
/// was; a stylesheet link the browser never loads does not hold the print up.
#[test]
fn an_appendix_templates_page_rules_reach_only_its_pages() {
    let Some(chrome) = browser() else { return };
    let site = Site::copy_of("minimal");
    let run = build(&site, &["build", "--pdf"], &chrome);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let one = site.path("output/2026-q2/onepager.pdf");
    let pack = site.path("output/2026-q2/boardpack.pdf");
    let before = std::fs::read(&one).unwrap();
    // The pack's heading on page 2 (above it only the running header, in the margin).
    let heading = |pack| word_top(pack, 2, "Appendices");
    assert!(heading(&pack) < 40.0, "{}", heading(&pack));
    altered_template(
        &site,
        "appendix.html",
        include_str!("../../templates/appendix.html"),
        &[
            // A stylesheet the browser never loads must not hold the print up.
            (
                "{% block head %}",
                "{% block head %}<link rel=\"stylesheet\" href=\"unused.css\" disabled>",
            ),
            // Page rules in a style inside the page's content.
            (
                "<article aria-labelledby=\"app-title\">",
                "<article aria-labelledby=\"app-title\"><style>@media print { @page { margin: 40mm 10mm 10mm; } }</style>",
            ),
        ],
    );
    let run = build(&site, &["build", "--pdf"], &chrome);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        before == std::fs::read(&one).unwrap(),
        "the one-pager changed"
    );
    // 40 mm is 113 pt, 10 mm 28 pt; the word's box reaches above the line by its ascent.
    let top = heading(&pack);
    assert!(top > 90.0, "the appendix starts {top} pt from the top");
}

/// The board pack reads as a document: every page after the one-pager carries the
/// organization and quarter, the classification, DRAFT on a draft and "page n of m"; the
/// contents give the page each section starts on, lettered as the sections; a section with
/// nothing in it is a line of the contents and no page; the standing pages close the pack and
/// their links to each other lead inside it.
#[test]
fn the_board_pack_is_a_document_with_contents_pages_and_markings() {
    let Some(chrome) = browser() else { return };
    let site = Site::copy_of("minimal");
    site.edit(
        "quarterdeck.toml",
        "paper = \"a4\"",
        "paper = \"a4\"\nclassification = \"Confidential: board only\"",
    )
    .edit(
        "content/quarters/2026-Q1/quarter.yaml",
        "status: final",
        "status: draft",
    )
    .write(
        "content/pages/playbook.md",
        "---\ntitle: Exception playbook\norder: 2\n---\nEscalate as the [decision rights](../decision-rights/index.html) say.\n",
    );
    let run = build(&site, &["build", "--drafts", "--pdf"], &chrome);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // 2026-Q1: a draft with no incidents.
    let pack = site.path("output/2026-q1/boardpack.pdf");
    let m = pages(&pack) as u32;
    for n in 1..=m {
        let t = text(&pack, Some((n, n)));
        assert!(t.contains("Confidential: board only"), "page {n}: {t}");
        if n > 1 {
            assert!(
                t.contains("Fixture Logistics · 2026-Q1")
                    && t.contains("DRAFT")
                    && t.contains(&format!("page {n} of {m}")),
                "page {n}: {t}"
            );
        }
    }
    // The contents (page 2): a page number for each linked entry, the one its link leads to.
    let contents = text(&pack, Some((2, 2)));
    let links: Vec<u32> = internal_links(&pack)
        .into_iter()
        .filter(|l| l.0 == 2)
        .map(|l| l.1)
        .collect();
    let written: Vec<u32> = contents
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect();
    assert_eq!(written, links, "{contents}");
    assert!(
        contents.contains("D.") && contents.contains("none this quarter"),
        "{contents}"
    );
    let sections = text(&pack, Some((3, m)));
    assert!(
        !sections.contains("D. Incidents"),
        "an empty section got a page"
    );
    // The standing pages are the last section, G; the playbook's link leads to the decision
    // rights' page inside the pack.
    let g = *links.iter().max().unwrap();
    assert!(text(&pack, Some((g, g))).contains("Exception playbook"));
    let decision = (3..=m)
        .find(|&p| text(&pack, Some((p, p))).contains("Who decides"))
        .expect("the decision rights are in the pack");
    assert!(
        internal_links(&pack).contains(&(g, decision)),
        "{:?}",
        internal_links(&pack)
    );
}

#[test]
fn the_money_rule_holds_in_a_german_pdf() {
    let Some(chrome) = browser() else { return };
    let site = crate::format::halves_site("de");
    let run = build(&site, &["build", "--pdf"], &chrome);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let words = text(&site.path("output/2026-q2/onepager.pdf"), None).replace('\u{a0}', " ");
    for amount in ["1,25 Mio. €", "420.000 €", "2,85 Mio. €"] {
        assert!(words.contains(amount), "the PDF lacks {amount}:\n{words}");
    }
    assert!(!words.contains("2,8 Mio."), "{words}");
}
