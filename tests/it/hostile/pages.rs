//! Reproduction 3: a standing page whose file name is spelled unlike a quarter but whose
//! address is one replaced that quarter's published one-pager. Addresses are reserved by what
//! they become.

use crate::support::MemorySite;

const PAGE: &str = "---\ntitle: Q2 2026 (corrected)\n---\nThe board was told otherwise.\n";

#[test]
fn a_page_whose_address_is_a_quarters_or_the_sites_own_is_an_error_naming_both() {
    let cases = [
        (
            "2026_q2.md",
            "2026-q2",
            "quarter 2026-Q2's one-pager and board pack",
        ),
        (
            "2026-q2-.md",
            "2026-q2",
            "quarter 2026-Q2's one-pager and board pack",
        ),
        (
            "2026 Q2.md",
            "2026-q2",
            "quarter 2026-Q2's one-pager and board pack",
        ),
        (
            "_2026-q2.md",
            "2026-q2",
            "quarter 2026-Q2's one-pager and board pack",
        ),
        (
            "2031-Q4.md",
            "2031-q4",
            "quarter 2031-Q4's one-pager and board pack",
        ),
        ("Archive.md", "archive", "the archive"),
        ("risks .md", "risks", "the risk index and each risk's page"),
        (
            "assets.md",
            "assets",
            "the stylesheet, fonts and the site's own assets",
        ),
    ];
    for (file, slug, owner) in cases {
        let site = MemorySite::copy_of("minimal");
        site.write(&format!("content/pages/{file}"), PAGE);
        let run = site.check(&[]);
        assert_eq!(run.code, 1, "{file}: {}", run.stderr);
        assert_eq!(
            run.stderr,
            format!(
                "content/pages/{file}: error[page-slug]: the page would be written to `{slug}/`, the address of {owner}\n  = help: rename the file\n\nchecked 2 quarters (19 files): 1 error, 0 warnings\n"
            ),
            "{file}"
        );
        let site = site.on_disk();
        let build = site.run(&["build"]);
        assert_eq!(build.code, 1, "{file}: {}", build.stderr);
        assert!(!site.path("output").exists());
    }
}

/// Reproduction 9: `/\evil.example/` passed the "must not start with //" rule, and browsers read
/// it as `//evil.example/`: the 404 page loaded its stylesheet and links from that host.
#[test]
fn a_base_url_a_browser_reads_as_another_host_is_an_error() {
    for url in [
        r"/\evil.example/",
        r"/\\evil.example/",
        "/board\\",
        "/\u{7f}/evil.example/",
    ] {
        let site = MemorySite::copy_of("minimal");
        let toml = format!("base_url = {}", toml_string(url));
        site.edit("quarterdeck.toml", "base_url = \"/\"", &toml);
        let run = site.check(&[]);
        assert_eq!(run.code, 1, "{url}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("quarterdeck.toml:3:1: error[invalid-value]: `base_url` is \""),
            "{url}: {}",
            run.stderr
        );
    }
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Reproduction 5 (its `check` half): `![x](/abs/path/secret.png)` or `../` in a summary was kept,
/// and Chromium printed the file into the board pack from `file://`.
#[test]
fn an_image_outside_the_site_is_an_error() {
    let site = MemorySite::copy_of("minimal");
    site.edit(
        "content/quarters/2026-Q2/quarter.yaml",
        "summary: |\n",
        "summary: |\n  See ![x](/etc/secret.png).\n",
    );
    site.write(
        "content/pages/rights.md",
        "---\ntitle: Rights\n---\nOur chart: ![logo](../assets/logo.svg) ![org](../../../org.png)\n",
    );
    let run = site.check(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "content/pages/rights.md:4:40: error[image-outside-site]: the image `../../../org.png` is not inside the site: it climbs out of the site with `..`
  |
4 | Our chart: ![logo](../assets/logo.svg) ![org](../../../org.png)
  |                                        ^
  = help: put the image in templates/ (it is published as assets/NAME) and write `../assets/NAME`

content/quarters/2026-Q2/quarter.yaml:6:3: error[image-outside-site]: the image `/etc/secret.png` is not inside the site: it is an absolute path: printed, it would be read from the disk of whoever builds the PDFs
  |
6 |   See ![x](/etc/secret.png).
  |   ^
  = help: put the image in templates/ (it is published as assets/NAME) and write `../assets/NAME`

checked 2 quarters (19 files): 2 errors, 0 warnings
"
    );
}
