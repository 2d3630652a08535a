//! The site's language: labels, month names, numbers and money on the one-pager and charts of the
//! German and French dense fixtures; a site catalog that overrides, one that is incomplete (the
//! `missing-translation` lint), one with an unknown key; a language with no built-in catalog; and
//! English unchanged whether `language = "en"` is written or not.

use crate::support::{fixture, MemorySite, Site};

/// Builds a copy of `fixture_name` (after `prepare`) and returns the site and its output folder.
fn built(site: &Site) -> std::path::PathBuf {
    let run = site.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site.path("output")
}

fn read(dir: &std::path::Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn the_german_dense_fixture_reads_german() {
    let site = Site::copy_of("dense-de");
    let out = built(&site);
    let page = read(&out, "2026-q2/index.html");
    for want in [
        "<html lang=\"de\"",
        "<span>Vorstandssitzung am 15. Juli 2026</span>",
        "<h2 id=\"s-risks\">Top-Risiken</h2>",
        "Freigegeben von Dana Whitfield-Montgomery (CTO) und Samuel Okafor-Richardson (CISO)",
        "<td class=\"c-value\">43,5\u{a0}%</td>",
        "<span class=\"was\">zuvor 40,5\u{a0}%</span>",
        "<td class=\"c-cost\">420.000\u{a0}€</td>",
        "<span aria-hidden=\"true\">▼</span> gesunken</span>",
        "fällig 30. Juni 2027",
        "<span class=\"met met-no\"><span aria-hidden=\"true\">✗</span> verfehlt</span>",
    ] {
        assert!(page.contains(want), "missing {want:?}");
    }
    for english in [
        "Board meeting",
        "Top risks",
        ">Scoreboard",
        "Signed off",
        ">due ",
        "</span> worsening",
        "</span> improving",
    ] {
        assert!(!page.contains(english), "English left: {english:?}");
    }
    let heatmap = read(&out, "2026-q2/charts/heatmap.svg");
    for want in [
        "Top-Risiken nach Wahrscheinlichkeit und Auswirkung</title>",
        ">\nWahrscheinlichkeit\n<",
        ">\nKritisch\n<",
        ">\nNiedrig\n<",
    ] {
        assert!(heatmap.contains(want), "heat map lacks {want:?}");
    }
    let incidents = read(&out, "2026-q2/charts/incidents.svg");
    assert!(
        incidents.contains(">\nZeit bis Erkennung\n<") && incidents.contains(">\n1 Tag\n<"),
        "{incidents}"
    );
    assert!(read(&out, "archive/index.html")
        .contains("Vorstandssitzung am 15. April 2026 · 8 Risiken nicht geschlossen"));
    assert!(read(&out, "404.html").contains("<h1 id=\"nf-title\">Seite nicht gefunden</h1>"));
}

#[test]
fn the_french_dense_fixture_reads_french() {
    let site = Site::copy_of("dense-fr");
    let out = built(&site);
    let page = read(&out, "2026-q2/index.html");
    for want in [
        "<html lang=\"fr\"",
        "<span>Conseil du 15 juillet 2026</span>",
        "<h2 id=\"s-risks\">Risques majeurs</h2>",
        "<td class=\"c-value\">43,5\u{a0}%</td>",
        "<td class=\"c-cost\">420\u{a0}k\u{a0}€</td>",
        "échéance 30 juin 2027",
    ] {
        assert!(page.contains(want), "missing {want:?}");
    }
    let heatmap = read(&out, "2026-q2/charts/heatmap.svg");
    assert!(
        heatmap.contains(">\nProbabilité\n<") && heatmap.contains(">\nCritique\n<"),
        "{heatmap}"
    );
    assert!(
        read(&out, "archive/index.html").contains("Conseil du 15 avril 2026 · 8 risques non clos")
    );
}

/// The minimal fixture in `lang`, its amounts in euros and one option at €1.3M.
fn minimal_in(lang: &str) -> MemorySite {
    let site = MemorySite::copy_of("minimal");
    site.edit(
        "quarterdeck.toml",
        "currency = \"USD\"",
        &format!("currency = \"EUR\"\nlanguage = \"{lang}\""),
    )
    .edit(
        "content/quarters/2026-Q2/investments/INV-003.yaml",
        "cost: 750000",
        "cost: 1300000",
    );
    site
}

#[test]
fn compact_amounts_follow_cldr() {
    let de = minimal_in("de").on_disk();
    assert!(read(&built(&de), "2026-q2/index.html")
        .contains("<td class=\"c-cost\">1,3\u{a0}Mio.\u{a0}€</td>"));
    let fr = minimal_in("fr").on_disk();
    assert!(read(&built(&fr), "2026-q2/index.html")
        .contains("<td class=\"c-cost\">1,3\u{a0}M\u{a0}€</td>"));
}

#[test]
fn a_site_catalog_overrides_a_builtin_label() {
    let site = minimal_in("de");
    site.write("i18n/de.toml", "top_risks = \"Wesentliche Risiken\"\n");
    let check = site.check(&["--strict"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let page = read(&built(&site.on_disk()), "2026-q2/index.html");
    assert!(page.contains("<h2 id=\"s-risks\">Wesentliche Risiken</h2>"));
    assert!(
        page.contains("<h2 id=\"s-scoreboard\">Kennzahlen"),
        "the rest stays built-in German"
    );
}

/// `de-DE` reads the site's `i18n/de.toml` (and the built-in German for the rest), as `de`
/// would: a regional code falls back through its language.
#[test]
fn a_regional_code_reads_the_catalog_of_its_language() {
    let site = minimal_in("de-DE");
    site.write("i18n/de.toml", "top_risks = \"Wesentliche Risiken\"\n");
    let check = site.check(&["--strict"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let site = site.on_disk();
    let page = read(&built(&site), "2026-q2/index.html");
    assert!(page.contains("<html lang=\"de-DE\""));
    assert!(page.contains("<h2 id=\"s-risks\">Wesentliche Risiken</h2>"));
    assert!(page.contains("<h2 id=\"s-scoreboard\">Kennzahlen"));
    // A catalog of the region's own comes first.
    site.write("i18n/de-DE.toml", "top_risks = \"Größte Risiken\"\n");
    let page = read(&built(&site), "2026-q2/index.html");
    assert!(page.contains("<h2 id=\"s-risks\">Größte Risiken</h2>"));
}

#[test]
fn a_language_code_that_is_no_language_is_one_error_with_did_you_mean() {
    let site = minimal_in("ge");
    let check = site.check(&[]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert_eq!(
        check.stderr,
        "quarterdeck.toml:5:1: error[invalid-value]: `language` is \"ge\", which is no language's code (ISO 639), and the site has no i18n/ge.toml\n  |\n5 | language = \"ge\"\n  | ^\n  = help: did you mean `de`? en, de and fr are built in; another language needs i18n/ge.toml\n\nchecked 2 quarters (18 files): 1 error, 0 warnings\n"
    );
    let site = minimal_in("de_DE");
    let check = site.check(&[]);
    assert!(
        check.stderr.contains("  = help: write it as \"de-DE\"\n"),
        "{}",
        check.stderr
    );
}

#[test]
fn an_incomplete_catalog_falls_back_to_english_with_the_lint() {
    let site = minimal_in("nl");
    site.write(
        "i18n/nl.toml",
        "# Nederlands\ntop_risks = \"Belangrijkste risico's\"\n",
    );
    let check = site.check(&[]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let first = check.stderr.lines().next().unwrap();
    assert!(
        first.starts_with("i18n/nl.toml: warning[missing-translation]: "),
        "{first}"
    );
    assert!(first.contains(" labels have no `nl` translation and show in English: above_appetite, accepted_exception, accepted_short"), "{first}");
    assert_eq!(site.check(&["--strict"]).code, 1);
    let page = read(&built(&site.on_disk()), "2026-q2/index.html");
    assert!(page.contains("<html lang=\"nl\""));
    assert!(page.contains("<h2 id=\"s-risks\">Belangrijkste risico's</h2>"));
    assert!(
        page.contains("<h2 id=\"s-scoreboard\">Scoreboard"),
        "English for the rest"
    );
    assert!(
        page.contains("Board meeting 15 juli 2026"),
        "CLDR's Dutch dates"
    );
}

#[test]
fn a_language_with_no_catalog_at_all_points_at_the_setting() {
    let site = minimal_in("nl");
    let check = site.check(&[]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let first = check.stderr.lines().next().unwrap();
    assert!(
        first.starts_with("quarterdeck.toml:5:1: warning[missing-translation]: "),
        "{first}"
    );
    assert!(
        check.stderr.contains("= help: add them to i18n/nl.toml"),
        "{}",
        check.stderr
    );
}

#[test]
fn an_unknown_key_is_an_error_with_did_you_mean() {
    let site = minimal_in("de");
    site.write(
        "i18n/de.toml",
        "scoreboard = \"Kennzahlen\"\ntop_risk = \"Risiken\"\n",
    );
    let check = site.check(&[]);
    assert_eq!(check.code, 1);
    assert!(
        check
            .stderr
            .starts_with("i18n/de.toml:2:1: error[unknown-label]: unknown label `top_risk`\n"),
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains("= help: did you mean `top_risks`?"),
        "{}",
        check.stderr
    );
    let site = site.on_disk();
    assert!(!site.run(&["build"]).stderr.is_empty());
    assert!(
        !site.path("output").exists(),
        "a failed build writes nothing"
    );
}

#[test]
fn an_invalid_language_code_is_an_error_on_its_line() {
    let site = MemorySite::copy_of("minimal");
    site.edit(
        "quarterdeck.toml",
        "paper = \"a4\"",
        "paper = \"a4\"\nlanguage = \"DE_de\"",
    );
    let check = site.check(&[]);
    assert_eq!(check.code, 1);
    assert!(
        check.stderr.starts_with("quarterdeck.toml:6:1: error[invalid-value]: `language` is \"DE_de\", expected a BCP 47 language code"),
        "{}",
        check.stderr
    );
}

/// `language = "en"` written out changes nothing: every file is byte-identical to the build
/// without it. (That English output is unchanged from before languages existed was checked with
/// `diff -r` against a build of main; see the language section of docs/templates.md.)
#[test]
fn english_written_out_is_byte_identical() {
    let plain = Site::copy_of("minimal");
    let explicit = Site::copy_of("minimal");
    explicit.edit(
        "quarterdeck.toml",
        "paper = \"a4\"",
        "paper = \"a4\"\nlanguage = \"en\"",
    );
    let (a, b) = (built(&plain), built(&explicit));
    let files = |root: &std::path::Path| -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = walk(root)
            .into_iter()
            .map(|p| {
                (
                    p.strip_prefix(root).unwrap().display().to_string(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let (fa, fb) = (files(&a), files(&b));
    assert!(fa.len() > 20);
    assert_eq!(fa.len(), fb.len());
    for ((na, ca), (nb, cb)) in fa.iter().zip(&fb) {
        assert_eq!(na, nb);
        assert!(ca == cb, "{na} differs");
    }
    assert!(read(&a, "index.html").contains("<html lang=\"en\""));
    assert!(std::fs::read_to_string(fixture("minimal/quarterdeck.toml"))
        .unwrap()
        .contains("paper"));
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn init_in_german_writes_a_german_site_that_checks_clean() {
    let dir = crate::support::temp_dir();
    let parent = Site::inside(dir.path().to_path_buf());
    let run = parent.run(&["init", "--language", "de", "vorstand"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site = Site::inside(dir.path().join("vorstand"));
    assert!(site
        .read("quarterdeck.toml")
        .contains("\nlanguage = \"de\""));
    assert!(site
        .read("content/quarters/2026-Q2/risks/R-001.yaml")
        .contains("title: Ransomware stoppt die Auftragsabwicklung\n"));
    let check = site.check(&["--strict"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let page = read(&built(&site), "index.html");
    assert!(page.contains("<span>Vorstandssitzung am 21. Juli 2026</span>"));
    assert!(page.contains("Kritische Schwachstellen jetzt im Ziel behoben"));
}

/// What a German user reads first, the site's README and the comments of its settings, is
/// German too, and the example calls its company by one name.
#[test]
fn init_in_german_or_french_leaves_no_english_prose() {
    for (lang, company) in [("de", "Larkspur Handel"), ("fr", "Larkspur Commerce")] {
        let dir = crate::support::temp_dir();
        let parent = Site::inside(dir.path().to_path_buf());
        assert_eq!(parent.run(&["init", "--language", lang, "site"]).code, 0);
        let site = Site::inside(dir.path().join("site"));
        let english = [
            " the ", " and ", " of ", " with ", " to ", " is ", " for ", " each ",
        ];
        for file in walk(&site.root) {
            let rel = file
                .strip_prefix(&site.root)
                .unwrap()
                .to_string_lossy()
                .to_string();
            if rel.starts_with("schemas/") || rel.starts_with("output/") {
                continue;
            }
            let text = site.read(&rel);
            for (n, line) in text.lines().enumerate() {
                // A product category's name, used as it is in German and French.
                let line = line.replace("Managed Detection and Response", "MDR");
                // A notification's `to:` is the contract's key, not English prose.
                let line = line.replacen("    to: ", "    ", 1);
                let words = format!(" {} ", line.replace(['(', ')', ',', ';', ':'], " "));
                assert!(
                    !english.iter().any(|w| words.contains(w)),
                    "{lang}: {rel}:{} is English: {line}",
                    n + 1
                );
            }
            assert!(
                !text.contains("Larkspur Retail"),
                "{lang}: {rel} names the English company"
            );
        }
        assert!(site.read("README.md").contains(company), "{lang}");
        assert!(site
            .read("quarterdeck.toml")
            .contains(&format!("organization = \"{company}\"")));
    }
}

#[test]
fn templates_export_writes_the_builtins_and_refuses_to_overwrite() {
    let site = Site::copy_of("minimal");
    let run = site.run(&["templates", "export"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "wrote 30 files to templates; a file kept there replaces the built-in one of the same name\n"
    );
    assert!(site
        .read("templates/onepager.html")
        .contains("{{ t(key=\"top_risks\") }}"));
    site.write("templates/404.html", "mine");
    let again = site.run(&["templates", "export"]);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.starts_with(
            "error: these files exist and were left as they are: templates/base.html,"
        ),
        "{}",
        again.stderr
    );
    assert_eq!(site.read("templates/404.html"), "mine", "nothing replaced");
    assert_eq!(site.run(&["templates", "export", "--force"]).code, 0);
    assert!(site.read("templates/404.html").contains("not_found_title"));
    // The exported templates are the built-ins: the site builds as it does without them.
    let out = built(&site);
    assert!(read(&out, "2026-q2/index.html").contains("<h2 id=\"s-risks\">Top risks</h2>"));
}

#[test]
fn a_site_template_can_use_t_and_the_language_filters() {
    let site = minimal_in("fr").on_disk();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<p>{{ t(key=\"archive_open_risks\", n=0) }} | {{ t(key=\"archive_open_risks\", n=1) }} | {{ t(key=\"archive_open_risks\", n=2) }} | {{ \"2026-10-14\" | long_date }} | {{ 99.94 | reading(unit=\"%\") }} | {{ 1300000 | money }} | {{ \"2026-Q2\" | quarter }}</p>{% endblock main %}\n",
    );
    let out = built(&site);
    let page = read(&out, "decision-rights/index.html");
    assert!(
        page.contains("<p>0 risque non clos | 1 risque non clos | 2 risques non clos | 14 octobre 2026 | 99,94\u{a0}% | 1,3\u{a0}M\u{a0}€ | T2 2026</p>"),
        "{page}"
    );
    site.write("templates/page.html", "{{ t(key=\"top_risk\") }}\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`t` has no label `top_risk`; did you mean `top_risks`?"),
        "{}",
        run.stderr
    );
}

/// Asserts that every string of `want` is in `rel` under `out`.
fn has_all(out: &std::path::Path, rel: &str, want: &[&str]) {
    let text = read(out, rel);
    for w in want {
        assert!(text.contains(w), "{rel} lacks {w:?}");
    }
}

#[test]
fn the_german_board_pack_reads_german() {
    let site = Site::copy_of("dense-de");
    let out = built(&site);
    has_all(&out, "2026-q2/register/index.html", &[
        "<title>Risikoregister Q2 2026 · ",
        "<h1 id=\"reg-title\">Risikoregister</h1>",
        "<p class=\"lede\">Alle 8 Risiken zur Vorstandssitzung am 15. Juli 2026: 8 nicht geschlossen. Bewertung = Auswirkung × Wahrscheinlichkeit, je 1–5; Veränderung seit Q1 2026.</p>",
        "<caption id=\"cap-reg\">Alle Risiken von Q2 2026, geschlossene eingeschlossen, höchste Bewertung zuerst.</caption>",
        "<span class=\"ixl\">Auswirkung 5 × Wahrscheinlichkeit 3 · zuvor 20</span>",
        "<span class=\"count\">alle 8 Risiken</span>",
        "<span class=\"count\">0 Ausnahmen</span>",
        "/index.html\">Risiken</a></li>",
    ]);
    has_all(&out, "2026-q2/roadmap/index.html", &[
        "<p class=\"lede\">6 Initiativen ab der Vorstandssitzung am 15. Juli 2026; 6 erst nach der nächsten Sitzung (15. Oktober 2026) fällig: was jede senkt und was sie ermöglicht.</p>",
        "<span class=\"status st-off_track\">Verzug</span> <span class=\"pct\">30\u{a0}%</span>",
        "<strong class=\"flag flag-later\">Nach der nächsten Sitzung</strong>",
        "Die Tabelle darunter nennt dieselben Angaben. <a href=\"..&#x2F;..&#x2F;2026-q2/charts&#x2F;roadmap.svg\">Diagramm als SVG</a>.",
    ]);
    has_all(&out, "2026-q2/exceptions/index.html", &[
        "<h1 id=\"exc-title\">Ausnahmen: akzeptierte Risiken und Richtlinienausnahmen</h1>",
        "<p class=\"lede\">0 Ausnahmen (Risikoakzeptanzen und Richtlinienausnahmen) zur Vorstandssitzung am 15. Juli 2026, jede von Technik und Sicherheit unterzeichnet und befristet.</p>",
        "<p class=\"empty\">In diesem Quartal ist kein Risiko akzeptiert und keine Richtlinie ausgesetzt.</p>",
    ]);
    has_all(&out, "risks/index.html", &[
        "<h1 id=\"ri-title\">Alle Risiken</h1>",
        "<p class=\"lede\">8 Risiken über alle Quartale, nach Kennung, jeweils im Stand des letzten Quartals, in dem sie vorkommen. <a href=\"..&#x2F;risks/scale/index.html\">So lesen Sie die Bewertungen</a>.</p>",
        "<th scope=\"col\">Erstes, letztes Quartal</th>",
        "<span class=\"sub\">2 Quartale</span>",
    ]);
    has_all(&out, "2026-q2/index.html", &[
        ">Risikoregister: alle 8 Risiken</a>",
        ">Roadmap: 6 Initiativen</a>",
        "Höchste Bewertung zuerst. Bewertung = Auswirkung × Wahrscheinlichkeit (1–25); Veränderung seit Q1 2026. <a href=\"..&#x2F;2026-q2/register/index.html\">Alle 8 Risiken im Register</a>.",
    ]);
    has_all(
        &out,
        "2026-q2/appendix/index.html",
        &[
            "@bottom-right { content: \"Seite \" counter(page) \" von \" counter(pages);",
            "<h2 id=\"app-contents\">Inhalt</h2>",
            "<h2 id=\"a-register-h\">A. Risikoregister</h2>",
        ],
    );
    let roadmap = read(&out, "2026-q2/charts/roadmap.svg");
    for want in [
        "<title id=\"chart-roadmap-title\">Initiativen von der Vorstandssitzung bis zu ihrer Fälligkeit</title>",
        "I-002 Endpoint detection on every build agent and backup server 2: Verzug, 30\u{a0}% erledigt, fällig 31. März 2027, nach der nächsten Sitzung;",
        ">\nVerzug, 30\u{a0}%\n<",
        ">\nnach nächster Sitzung\n<",
        ">\nNächste Vorstandssitzung 15.10.2026\n<",
        ">\nfällig 31.03.2027\n<",
        ">\nOktober 2026\n<",
    ] {
        assert!(roadmap.contains(want), "roadmap lacks {want:?}");
    }
    for english in [
        "after next meeting",
        "Next board meeting",
        "Oct 2026",
        "due ",
        "On track",
    ] {
        assert!(!roadmap.contains(english), "English left: {english:?}");
    }
}

#[test]
fn the_french_board_pack_reads_french() {
    let site = Site::copy_of("dense-fr");
    let out = built(&site);
    has_all(&out, "2026-q2/register/index.html", &[
        "<h1 id=\"reg-title\">Registre des risques</h1>",
        "<p class=\"lede\">Les 8 risques enregistrés pour le conseil du 15 juillet 2026 : 8 non clos. Score = impact × probabilité, chacun de 1 à 5 ; évolution depuis T1 2026.</p>",
        "<span class=\"count\">0 dérogation</span>",
    ]);
    has_all(&out, "2026-q2/roadmap/index.html", &[
        "<h1 id=\"rm-title\">Feuille de route</h1>",
        "<span class=\"status st-on_track\">Dans les temps</span> <span class=\"pct\">45\u{a0}%</span>",
    ]);
    has_all(&out, "2026-q2/exceptions/index.html", &[
        "<p class=\"lede\">0 dérogation au conseil du 15 juillet 2026, signée par l’ingénierie et la sécurité et limitée dans le temps.</p>",
    ]);
    has_all(
        &out,
        "risks/index.html",
        &["<th scope=\"col\">Dernier statut</th>"],
    );
    has_all(
        &out,
        "2026-q2/appendix/index.html",
        &["@bottom-right { content: \"page \" counter(page) \" sur \" counter(pages);"],
    );
    let roadmap = read(&out, "2026-q2/charts/roadmap.svg");
    for want in [
        ">\nEn retard, 30\u{a0}%\n<",
        ">\naprès le prochain conseil\n<",
        ">\nProchain conseil 15 oct. 2026\n<",
        ">\néchéance 31 mars 2027\n<",
        ">\njanvier 2027\n<",
    ] {
        assert!(roadmap.contains(want), "roadmap lacks {want:?}");
    }
}

/// The example site (which has a renewed exception and a restated quarter) with `language = "de"`.
#[test]
fn the_example_in_german_words_exceptions_and_restatements_in_german() {
    let dir = crate::support::temp_dir();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    crate::support::copy_dir(&repo.join("content"), &dir.path().join("content"));
    let settings = std::fs::read_to_string(repo.join("quarterdeck.toml")).unwrap();
    // Before the first table: a key after `[categories.…]` would belong to it.
    let settings = settings.replacen("\n[", "\nlanguage = \"de\"\n[", 1);
    std::fs::write(dir.path().join("quarterdeck.toml"), settings).unwrap();
    let site = Site::inside(dir.path().to_path_buf());
    // The language is a setting the records in the current form cover: switching it restates them.
    let run = site.run(&[
        "restate",
        "--all",
        "--reason",
        "Shown in German",
        "--cto",
        "Dana Whitfield",
        "--ciso",
        "Samuel Okafor",
        "--date",
        "2026-12-08",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = built(&site);
    has_all(&out, "2026-q4/exceptions/index.html", &[
        "<p class=\"lede\">2 Ausnahmen (Risikoakzeptanzen und Richtlinienausnahmen) zur Vorstandssitzung am 20. Januar 2027, jede von Technik und Sicherheit unterzeichnet und befristet.</p>",
        "(20. April 2027, drei Monate später: noch kein späteres Quartal).</caption>",
        "<span class=\"sub\">Akzeptiert · Bewertung 8</span>",
        "aria-label=\"Kompensierende Kontrollen\"",
        "<span class=\"signer\">Dana Whitfield <span class=\"sub\">Technik</span>",
        "<span class=\"e-review\">Prüfung 31. März 2027</span> <span class=\"e-expires\">läuft am 30. April 2027 ab</span>",
        "<span class=\"sub\">9 Quartale, 4-mal verlängert</span>",
    ]);
    has_all(&out, "2026-q4/register/index.html", &[
        "<span class=\"r-exc\">Ausnahme bis 30. April 2027, unterzeichnet von Dana Whitfield (Technik) und Samuel Okafor (Sicherheit); Prüfung 31. März 2027.</span>",
    ]);
    has_all(&out, "2025-q2/index.html", &[
        "<p class=\"op-restated\"><strong>Korrigiert</strong> <span class=\"restatement\">10. September 2025: ",
        " (genehmigt von Dana Whitfield und Samuel Okafor)</span></p>",
    ]);
    has_all(
        &out,
        "archive/index.html",
        &["<p class=\"archive-restated\"><strong>Korrigiert</strong> 10. September 2025: "],
    );
}

/// A German reader sees one name per quarter (`Q2 2026` in titles and text, `Q2/26` on axes,
/// not `2026-Q2` beside `26-Q2`), "nicht geschlossen" in the archive as in the register, an
/// expiry that reads as one ("läuft am … ab", not "läuft ab …" = "starting …"), and no file
/// names or ids in the metric definitions the board reads.
#[test]
fn the_german_board_pack_names_quarters_and_expiries_as_german_does() {
    let site = Site::copy_of("dense-de");
    let out = built(&site);
    let page = read(&out, "2026-q2/index.html");
    assert!(page.contains("<title>Q2 2026 · "), "the title");
    let trend = std::fs::read_dir(out.join("2026-q2/charts"))
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("trend-"))
        .unwrap();
    let svg = std::fs::read_to_string(trend.path()).unwrap();
    assert!(svg.contains("Q2/26") && !svg.contains("26-Q"), "the axis");
    for rel in [
        "2026-q2/index.html",
        "archive/index.html",
        "2026-q2/appendix/index.html",
    ] {
        let text = read(&out, rel);
        let body = &text[text.find("<body").unwrap()..];
        // Addresses, and the fixture's incident ids (INC-2026-Q2-01), are not quarter names.
        let visible = body
            .replace("2026-q2", "")
            .replace("2026-q1", "")
            .replace("INC-2026-Q", "");
        let at = visible.find("2026-Q");
        assert!(
            at.is_none(),
            "{rel} names a quarter as 2026-Qn: {}",
            at.map_or("", |i| &visible[i.saturating_sub(80)..i + 10])
        );
        assert!(!visible.contains("26-Q"), "{rel}");
    }
    assert!(read(&out, "archive/index.html").contains("Risiken nicht geschlossen"));
    let appendix = read(&out, "2026-q2/appendix/index.html");
    assert!(!appendix.contains("metrics.yaml"));
    assert!(!appendix.contains("<span class=\"sub\">metric_00</span>"));
    assert!(!read(&out, "2026-q2/exceptions/index.html").contains("läuft ab "));
}
