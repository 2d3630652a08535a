//! Reading and parsing the files, and the values in them.

use super::*;

// Reading the files.

#[test]
fn missing_file() {
    minimal("missing-file", |s| {
        s.remove("content/metrics.yaml");
    });
}

#[test]
fn too_many_files() {
    minimal("too-many-files", |s| {
        for i in 0..20_001 {
            s.write(&format!("{Q2}/risks/extra/{i}.txt"), "");
        }
    });
}

#[test]
fn file_too_large() {
    minimal("file-too-large", |s| {
        s.write(
            &format!("{Q2}/risks/R-053.yaml"),
            &"# pad\n".repeat(200_000),
        );
    });
}

#[test]
fn not_utf8() {
    minimal("not-utf8", |s| {
        s.write_bytes(
            &format!("{Q2}/risks/R-051.yaml"),
            b"id: R-051\ntitle: \xff\xfe\n",
        );
    });
}

#[test]
fn duplicate_file() {
    minimal("duplicate-file", |s| {
        s.write(
            &format!("{Q2}/trends.yml"),
            &s.read(&format!("{Q2}/trends.yaml")),
        );
    });
}

#[test]
fn empty_file() {
    minimal("empty-file", |s| {
        s.write(&format!("{Q2}/risks/R-050.yaml"), "");
    });
}

#[test]
fn front_matter() {
    minimal("front-matter", |s| {
        s.write("content/pages/board.md", "# The board\n\nWho sits on it.\n");
    });
}

#[test]
fn unexpected_file() {
    minimal("unexpected-file", |s| {
        s.write(&format!("{Q2}/notes.txt"), "to do\n");
    });
}

#[test]
fn page_slug() {
    minimal("page-slug", |s| {
        s.write(
            "content/pages/archive.md",
            "---\ntitle: Archive\n---\nOld.\n",
        );
    });
}

// Parsing.

#[test]
fn toml() {
    minimal("toml", |s| {
        s.edit(TOML, "paper = \"a4\"", "paper = \"a4");
    });
}

#[test]
fn yaml_syntax() {
    minimal("yaml-syntax", |s| {
        s.edit(
            R7,
            "title: Ransomware on build infrastructure",
            "title: \"Ransomware on build infrastructure",
        );
    });
}

#[test]
fn unknown_field() {
    minimal("unknown-field", |s| {
        s.edit(R7, "statement:", "statment:");
    });
}

#[test]
fn missing_field() {
    minimal("missing-field", |s| {
        s.edit(R7, "owner: VP Platform Engineering\n", "");
    });
}

#[test]
fn duplicate_key() {
    minimal("duplicate-key", |s| {
        s.edit(R7, "likelihood: 3\n", "likelihood: 3\nimpact: 4\n");
    });
}

#[test]
fn wrong_type() {
    minimal("wrong-type", |s| {
        s.edit(R7, "impact: 5", "impact: high");
    });
}

#[test]
fn too_complex() {
    minimal("too-complex", |s| {
        s.write(&format!("{Q2}/risks/R-052.yaml"), &"[".repeat(50_000));
    });
}

#[test]
fn thousands_separator() {
    minimal("thousands-separator", |s| {
        s.edit(INV, "cost: 420000", "cost: 420.000");
    });
}

// Values.

#[test]
fn empty_value() {
    minimal("empty-value", |s| {
        s.edit(
            QUARTER,
            "headline: Ransomware exposure down; third-party risk up",
            "headline: \"\"",
        );
    });
}

#[test]
fn invalid_value() {
    minimal("invalid-value", |s| {
        s.edit(R7, "status: mitigating", "status: mitigatng");
    });
}

#[test]
fn out_of_range() {
    minimal("out-of-range", |s| {
        s.edit(R7, "impact: 5", "impact: 7");
    });
}

#[test]
fn bad_range() {
    minimal("bad-range", |s| {
        let text = s.read(R7);
        s.write(
            R7,
            &format!("{text}loss:\n  frequency: [0.1, 0.5]\n  magnitude: [5000000, 200000]\n"),
        );
    });
}

#[test]
fn bad_id() {
    minimal("bad-id", |s| {
        s.edit(R7, "id: R-007", "id: r-007");
    });
}

#[test]
fn bad_date() {
    minimal("bad-date", |s| {
        s.edit(R7, "due: 2026-12-15", "due: 2026-02-30");
    });
}

#[test]
fn bad_duration() {
    minimal("bad-duration", |s| {
        s.edit(INC, "time_to_detect: 90m", "time_to_detect: 90 minutes");
    });
}

#[test]
fn placeholder_text() {
    minimal("placeholder-text", |s| {
        s.edit(
            INC,
            "learning: Added synthetic checks from two regions; paging now reaches the on-call in under 5 minutes.",
            "learning: TBD",
        );
    });
}

// Quarters and ids.

#[test]
fn quarter_folder() {
    minimal("quarter-folder", |s| {
        s.rename_dir(Q2, "content/quarters/2026-q2");
    });
}

#[test]
fn bad_quarter() {
    minimal("bad-quarter", |s| {
        s.edit(QUARTER, "quarter: 2026-Q2", "quarter: 2026-Q5");
    });
}

#[test]
fn quarter_mismatch() {
    minimal("quarter-mismatch", |s| {
        s.edit(QUARTER, "quarter: 2026-Q2", "quarter: 2026-Q3");
    });
}

#[test]
fn missing_signoff() {
    minimal("missing-signoff", |s| {
        s.edit(QUARTER, "  ciso: Samuel Okafor\n", "");
    });
}

#[test]
fn duplicate_id() {
    minimal("duplicate-id", |s| {
        s.write(&format!("{Q2}/risks/R-007-copy.yaml"), &s.read(R7));
    });
}

#[test]
fn unknown_risk() {
    minimal("unknown-risk", |s| {
        s.edit(
            &format!("{Q2}/initiatives/I-001.yaml"),
            "reduces: [R-007]",
            "reduces: [R-099]",
        );
    });
}

#[test]
fn unknown_metric() {
    minimal("unknown-metric", |s| {
        s.edit(
            &format!("{Q2}/trends.yaml"),
            "mttr_critical_days:",
            "mttr_critical_dayz:",
        );
    });
}

#[test]
fn unknown_id() {
    minimal("unknown-id", |s| {
        s.edit(
            QUARTER,
            "asks:\n",
            "asks:\n  - type: decide\n    about: [INV-009]\n    text: Choose an option.\n",
        );
    });
}

#[test]
fn image_outside_site() {
    minimal("image-outside-site", |s| {
        s.edit(
            QUARTER,
            "summary: |\n",
            "summary: |\n  See ![x](/etc/secret.png).\n",
        );
    });
}

#[test]
fn investment_options() {
    minimal("investment-options", |s| {
        s.edit(INV, "  best:", "  premium:");
    });
}

#[test]
fn template() {
    minimal("template", |s| {
        s.write(
            "templates/404.html",
            "{% extends \"base.html\" %}{% block main %}\n{{ no_such_thing }}{% endblock main %}",
        );
    });
}
