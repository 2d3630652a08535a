//! The board pack around the one-pager: register, roadmap, exceptions, risk index, the appendix,
//! `risk_appetite` (marks, data.json, the heat map line); the escalation lints are in escalation.rs.

use crate::support::{MemorySite, Site};

/// The minimal fixture with more to show in 2026-Q2: a risk closed this quarter, a second
/// accepted risk whose exception expired before the meeting, a second initiative due after
/// the next meeting, and R-010's exception renewed to expire before the next meeting.
fn richer() -> Site {
    let site = Site::copy_of("minimal");
    site.write(
        "content/quarters/2026-Q1/risks/R-011.yaml",
        "id: R-011\ntitle: Old servers\nstatement: Unsupported servers.\nimpact: 3\nlikelihood: 3\nowner: CTO\nmitigation: Retire them.\ndue: 2026-06-30\nstatus: mitigating\n",
    );
    site.write(
        "content/quarters/2026-Q2/risks/R-011.yaml",
        "id: R-011\ntitle: Old servers\nstatement: Unsupported servers.\nimpact: 3\nlikelihood: 1\nowner: CTO\nmitigation: Retired.\nstatus: closed\n",
    );
    site.write(
        "content/quarters/2026-Q2/risks/R-012.yaml",
        "id: R-012\ntitle: Shared admin account\nstatement: A shared admin account on the label printers.\nimpact: 2\nlikelihood: 2\nowner: Head of IT\nmitigation: Replace the printers.\ndue: 2026-12-31\nstatus: accepted\nexception:\n  reason: The vendor firmware has one account.\n  expires: 2026-07-01\n  compensating_controls: [Printers on their own network]\n  approved_by: {engineering: Ada Eng, security: Sam Sec}\n  review: 2026-06-30\n",
    );
    site.write(
        "content/quarters/2026-Q2/initiatives/I-002.yaml",
        "id: I-002\ntitle: Vendor monitoring\nowner: CPO\nstatus: at_risk\nprogress: 30\nreduces: [R-002]\nenables: Faster vendor onboarding\ndue: 2027-03-31\n",
    );
    site.edit(
        "content/quarters/2026-Q2/risks/R-010.yaml",
        "expires: 2027-03-31",
        "expires: 2026-09-30",
    )
    .edit(
        "content/quarters/2026-Q2/risks/R-010.yaml",
        "review: 2026-12-31",
        "review: 2026-09-01",
    );
    site
}

/// A built page with Tera's escaped slashes (`..&#x2F;`, the same link to a browser) read as `/`.
fn page(site: &Site, rel: &str) -> String {
    site.read(rel).replace("&#x2F;", "/")
}

fn build(site: &Site) {
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn the_register_lists_every_risk_highest_score_first_each_linked() {
    let site = richer();
    build(&site);
    let reg = page(&site, "output/2026-q2/register/index.html");
    // R-007 5×3=15, R-002 4×3=12, R-010 3×2=6, R-012 2×2=4, R-011 3×1=3 (closed).
    let order = ["r-007", "r-002", "r-010", "r-012", "r-011"];
    let at: Vec<usize> = order
        .iter()
        .map(|s| {
            reg.find(&format!("<tr id=\"reg-{s}\""))
                .unwrap_or_else(|| panic!("{s} missing"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "order {at:?}");
    for s in order {
        assert!(
            reg.contains(&format!("href=\"../../risks/{s}/index.html\"")),
            "{s}"
        );
    }
    assert_eq!(
        reg.matches("<strong class=\"closed-mark\">Closed this quarter</strong>")
            .count(),
        1
    );
    let closed_row = &reg[at[4]..];
    assert!(closed_row[..closed_row.find("</tr>").unwrap()].contains("Closed this quarter"));
    assert!(reg.contains("All 5 risks recorded for the board meeting of 15 July 2026: 4 not closed, 1 closed this quarter."));
    // Every field of the register, for one risk.
    let r7 = &reg[at[0]..at[1]];
    for s in [
        "Ransomware on build infrastructure",
        "Ransomware that reaches",
        "impact 5 × likelihood 3 · was 16",
        "▼</span> down",
        "VP Platform Engineering",
        "due 15 December 2026",
        "Mitigating",
    ] {
        assert!(r7.contains(s), "{s} missing from {r7}");
    }
    // An accepted risk shows its exception in brief.
    let r10 = &reg[at[2]..at[3]];
    assert!(r10.contains("Exception until 30 September 2026, signed by Dana Whitfield (engineering) and Samuel Okafor (security)"), "{r10}");
    // A risk already closed the quarter before is listed, but not as closed this quarter.
    site.edit(
        "content/quarters/2026-Q1/risks/R-011.yaml",
        "status: mitigating",
        "status: closed",
    );
    build(&site);
    let reg = page(&site, "output/2026-q2/register/index.html");
    assert!(
        reg.contains("<tr id=\"reg-r-011\" data-pack-for=\"risks/r-011/\" class=\"is-closed\">")
    );
    assert!(!reg.contains("Closed this quarter"));
}

#[test]
fn the_one_pager_archive_and_menu_link_the_pack_with_counts() {
    let site = richer();
    build(&site);
    let op = page(&site, "output/2026-q2/index.html");
    for s in [
        "<a href=\"../2026-q2/register/index.html\">Risk register: all 5 risks</a>",
        "<a href=\"../2026-q2/roadmap/index.html\">Roadmap: 2 initiatives</a>",
        "<a href=\"../2026-q2/exceptions/index.html\">2 exceptions</a> <span class=\"count\">(2 expired or expiring)</span>",
    ] {
        assert!(op.contains(s), "{s}");
    }
    let archive = page(&site, "output/archive/index.html");
    assert!(archive.contains("<a href=\"../2026-q2/register/index.html\">Register<span class=\"sr-only\"> 2026-Q2</span>: all 5 risks</a>"));
    assert!(archive.contains("<a href=\"../2026-q1/register/index.html\">"));
    for page in [
        "output/index.html",
        "output/2026-q2/register/index.html",
        "output/risks/r-007/index.html",
    ] {
        let html = self::page(&site, page);
        assert!(html.contains("risks/index.html\">Risks</a></li>"), "{page}");
    }
}

#[test]
fn the_roadmap_page_and_chart_hold_every_initiative() {
    let site = richer();
    build(&site);
    let page = page(&site, "output/2026-q2/roadmap/index.html");
    let svg = site.read("output/2026-q2/charts/roadmap.svg");
    assert!(svg.starts_with("<?xml") && svg.contains("<title id=\"chart-roadmap-title\">"));
    for (id, title, status) in [
        ("I-001", "EDR on build agents", "On track, 60%"),
        ("I-002", "Vendor monitoring", "At risk, 30%"),
    ] {
        assert!(
            page.contains(&format!("<tr id=\"rm-{}\">", id.to_lowercase())),
            "{id}"
        );
        assert!(page.contains(title));
        for doc in [&page, &svg] {
            assert!(doc.contains(&format!(">\n{id}\n<")), "{id} not drawn");
            assert!(
                doc.contains(&format!(">\n{status}\n<")),
                "{status} not drawn"
            );
        }
    }
    // No later quarter: the next meeting is three months after this one.
    assert!(svg.contains(">\nNext board meeting 15 Oct 2026\n<"));
    // Both land after 15 October 2026, and both say so in words, on the page and in the chart.
    assert_eq!(page.matches("After the next meeting</strong>").count(), 2);
    assert_eq!(svg.matches(">\nafter next meeting\n<").count(), 2);
    // What it reduces, with the risk's score and movement now.
    assert!(page.contains("<a class=\"nw\" href=\"../../risks/r-007/index.html\">R-007</a> Ransomware on build infrastructure: <span class=\"score score-crit\">15</span> <span class=\"mv mv-down\">"));
    assert!(page.contains("Faster vendor onboarding"));
}

#[test]
fn the_exceptions_page_flags_expired_and_expiring_and_says_since_when() {
    let site = richer();
    build(&site);
    let exc = page(&site, "output/2026-q2/exceptions/index.html");
    let row = |id: &str| {
        let start = exc
            .find(&format!("<tr id=\"exc-{id}\">"))
            .unwrap_or_else(|| panic!("{id}"));
        exc[start..start + exc[start..].find("</tr>").unwrap()].to_string()
    };
    let r10 = row("r-010");
    for s in [
        "No supported EDR agent for the legacy OS.",
        "<li>Network segmentation</li>",
        "Dana Whitfield <span class=\"sub\">engineering</span>",
        "Samuel Okafor <span class=\"sub\">security</span>",
        "review 1 September 2026",
        "expires 30 September 2026",
        "Expires before the next meeting",
        "2026-Q1<span class=\"sub\">2 quarters, renewed 1 time</span>",
    ] {
        assert!(r10.contains(s), "{s} missing from {r10}");
    }
    let r12 = row("r-012");
    assert!(r12.contains("Expired</strong>") && !r12.contains("Expires before"));
    assert!(r12.contains("2026-Q2<span class=\"sub\">1 quarter</span>"));
    assert!(exc.contains(
        "expiring before the next one (15 October 2026, three months on: no later quarter yet)"
    ));
    // In 2026-Q1 the next meeting is 2026-Q2's, and R-010 (to March 2027) is not flagged.
    let q1 = page(&site, "output/2026-q1/exceptions/index.html");
    assert!(q1.contains("(15 July 2026, 2026-Q2)") && !q1.contains("class=\"flag"));
}

#[test]
fn the_risk_index_lists_every_risk_ever_recorded() {
    let site = richer();
    build(&site);
    let index = page(&site, "output/risks/index.html");
    for (slug, span, status) in [
        ("r-002", "2026-Q1 – 2026-Q2", "Open"),
        ("r-011", "2026-Q1 – 2026-Q2", "Closed"),
        ("r-012", "2026-Q2 <span", "Accepted"),
    ] {
        let start = index
            .find(&format!("href=\"../risks/{slug}/index.html\""))
            .unwrap_or_else(|| panic!("{slug}"));
        let row = &index[start..start + index[start..].find("</tr>").unwrap()];
        assert!(row.contains(span) && row.contains(status), "{row}");
    }
    assert!(index.contains("5 risks recorded across the quarters"));
}

#[test]
fn above_appetite_is_strictly_above_in_data_json_and_marked_on_pages() {
    let site = richer();
    // R-002 scores 12: equal to the appetite is not above it; R-007 (15) is.
    site.edit(
        "quarterdeck.toml",
        "trend_quarters = 4",
        "trend_quarters = 4\nrisk_appetite = 12",
    );
    build(&site);
    let d: serde_json::Value =
        serde_json::from_str(&site.read("output/2026-q2/data.json")).unwrap();
    let above = |id: &str| {
        d["risks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()["above_appetite"]
            .clone()
    };
    assert_eq!(
        (above("R-007"), above("R-002"), above("R-011")),
        (true.into(), false.into(), false.into())
    );
    let mark = "<strong class=\"appetite-mark\">Above appetite</strong>";
    for rel in [
        "output/2026-q2/index.html",
        "output/2026-q2/register/index.html",
        "output/risks/r-007/index.html",
    ] {
        assert!(page(&site, rel).contains(mark), "{rel}");
    }
    assert!(!page(&site, "output/risks/r-002/index.html").contains(mark));
    assert_eq!(
        page(&site, "output/2026-q2/register/index.html")
            .matches(mark)
            .count(),
        1
    );
    let heatmap = site.read("output/2026-q2/charts/heatmap.svg");
    assert!(heatmap.contains(">\nAbove the line: above appetite (12)\n<"));
    // Without the setting nothing is above appetite and the heat map has no line.
    let plain = richer();
    build(&plain);
    let d: serde_json::Value =
        serde_json::from_str(&plain.read("output/2026-q2/data.json")).unwrap();
    assert!(d["risks"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["above_appetite"] == false));
    assert!(!plain
        .read("output/2026-q2/charts/heatmap.svg")
        .contains("Risk appetite"));
}

#[test]
fn risk_appetite_out_of_range_is_an_error_on_the_value() {
    let run = MemorySite::minimal_with("risk_appetite = 25").check(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "quarterdeck.toml:8:17: error[out-of-range]: `risk_appetite` is 25, expected 1 to 24"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn the_appendix_holds_every_section_once_with_the_pack_tables() {
    let site = richer();
    site.write(
        "content/quarters/2026-Q2/actions/A-001.yaml",
        "id: A-001\ntitle: Report the restore test\nowner: CISO\ndue: 2026-12-31\nstatus: open\nraised: 2026-Q2\n",
    );
    build(&site);
    let app = page(&site, "output/2026-q2/appendix/index.html");
    let sections = [
        "register",
        "roadmap",
        "exceptions",
        "incidents",
        "investments",
        "actions",
        "scale",
        "metrics",
        "pages",
    ];
    let at: Vec<usize> = sections
        .iter()
        .map(|s| {
            app.find(&format!(
                "<section class=\"appendix appendix-{s}\" id=\"a-{s}\""
            ))
            .unwrap_or_else(|| panic!("{s}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]));
    // The contents and the sections are lettered alike, each entry with its page slot.
    for (s, letter) in sections.iter().zip('A'..) {
        assert!(
            app.contains(&format!(
                "<span class=\"letter\">{letter}.</span> <a href=\"#a-{s}\">"
            )),
            "contents lacks {s} as {letter}"
        );
        assert!(app.contains(&format!(
            "<span class=\"pno\" data-page-of=\"a-{s}\"></span>"
        )));
        assert!(app.contains(&format!("<h2 id=\"a-{s}-h\">{letter}. ")));
    }
    // The sections that repeat a page of the quarter say which, for links inside boardpack.pdf.
    assert!(app.contains(
        "id=\"a-register\" aria-labelledby=\"a-register-h\" data-pack-for=\"2026-q2/register/\">"
    ));
    // How to read the scores repeats the site's scale page, with its headings under the h2.
    assert!(app
        .contains("id=\"a-scale\" aria-labelledby=\"a-scale-h\" data-pack-for=\"risks/scale/\">"));
    // The register and roadmap pages' tables, whole, and no id twice on the appendix page.
    let table = |html: &str, class: &str| {
        let start = html
            .find(&format!("<table class=\"{class}"))
            .unwrap_or_else(|| panic!("no {class} table"));
        html[start..start + html[start..].find("</table>").unwrap()].to_string()
    };
    let reg = page(&site, "output/2026-q2/register/index.html");
    let roadmap = page(&site, "output/2026-q2/roadmap/index.html");
    assert!(
        table(&reg, "t-register").contains("<tr id=\"reg-r-007\" data-pack-for=\"risks/r-007/\">")
    );
    assert_eq!(table(&app, "t-register"), table(&reg, "t-register"));
    assert_eq!(table(&app, "t-roadmap"), table(&roadmap, "t-roadmap"));
    let mut ids: Vec<&str> = app
        .split(" id=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all, "an id appears twice in the appendix");
    assert!(
        app.contains("INC-2026-031")
            && app.contains("INV-003")
            && app.contains("Mean time to remediate")
    );
}

#[test]
fn an_empty_section_is_a_line_of_the_contents_and_the_standing_pages_come_last() {
    let site = richer();
    site.write(
        "content/pages/playbook.md",
        "---\ntitle: Exception playbook\norder: 2\n---\nSee [decision rights](../decision-rights/) and ![logo](../assets/favicon.svg).\n",
    );
    build(&site);
    // 2026-Q1 has no incidents: D is a line saying so, with no page and no section.
    let app = page(&site, "output/2026-q1/appendix/index.html");
    assert!(app.contains(
        "<li class=\"is-empty\"><span class=\"entry\"><span class=\"letter\">D.</span> <span class=\"title\">Incidents</span> <span class=\"count\">none this quarter</span></span>"
    ), "{app}");
    assert!(!app.contains("id=\"a-incidents\"") && !app.contains("data-page-of=\"a-incidents\""));
    // The standing pages: the last section, each page a part listed in the contents, its
    // addresses still leading where they did from its own folder.
    let last = app.rfind("<section class=\"appendix ").unwrap();
    assert!(app[last..].starts_with("<section class=\"appendix appendix-pages\" id=\"a-pages\""));
    assert!(app.contains("<a href=\"#a-page-playbook\">Exception playbook</a>"));
    assert!(app.contains("<article class=\"pack-standing prose\" id=\"a-page-decision-rights\" aria-labelledby=\"a-page-decision-rights-h\" data-pack-for=\"decision-rights/\">"));
    assert!(
        app.contains("<a href=\"../../decision-rights/\">decision rights</a>"),
        "{app}"
    );
    assert!(app.contains("src=\"../../assets/favicon.svg\""));
}

#[test]
fn the_register_is_a_table_too_csv_and_xlsx_linked_from_its_page_and_stable() {
    let site = richer();
    site.edit(
        "content/quarters/2026-Q2/risks/R-012.yaml",
        "title: Shared admin account",
        "title: \"=HYPERLINK(\\\"x\\\")\"",
    );
    build(&site);
    let reg = page(&site, "output/2026-q2/register/index.html");
    assert!(reg.contains("<a href=\"../../2026-q2/register.csv\" download>CSV</a> · <a href=\"../../2026-q2/register.xlsx\" download>Excel workbook</a>"), "{reg}");
    let csv = site.read("output/2026-q2/register.csv");
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(lines[0].starts_with(
        "ID,Title,Category,Statement,Impact,Likelihood,Score,Band,Previous score,Movement,Above appetite,Appetite status,Target score,"
    ));
    // One row per risk of the register, closed ones included, in its order.
    let d: serde_json::Value =
        serde_json::from_str(&site.read("output/2026-q2/data.json")).unwrap();
    assert_eq!(lines.len() - 1, d["risks"].as_array().unwrap().len());
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("R-011,Old servers,") && l.ends_with(",Closed,Yes,,,,,,")),
        "{csv}"
    );
    // A title that would be a formula is text.
    assert!(csv.contains("R-012,\"'=HYPERLINK(\"\"x\"\")\","), "{csv}");
    let xlsx = std::fs::read(site.path("output/2026-q2/register.xlsx")).unwrap();
    assert!(xlsx.starts_with(b"PK"));
    // Rebuilt from scratch: the same bytes.
    std::fs::remove_dir_all(site.path("output")).unwrap();
    build(&site);
    assert_eq!(site.read("output/2026-q2/register.csv"), csv);
    assert!(std::fs::read(site.path("output/2026-q2/register.xlsx")).unwrap() == xlsx);
}
