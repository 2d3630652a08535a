
#[test]
fn init_in_german_writes_a_german_site_that_checks_clean() {
    let dir = crate::support::temp_dir();
    let root = dir.path().join("vorstand");
    let run = Site::inside(dir.path().to_path_buf()).run(&["init", "--language", "de", "vorstand"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let site = Site::inside(root);
    assert!(site.read("quarterdeck.toml").contains("\nlanguage = \"de\""));
    assert!(site
        .read("content/quarters/2026-Q2/risks/R-001.yaml")
        .contains("title: Ransomware stoppt die Auftragsabwicklung\n"));
    let check = site.run(&["check", "--strict"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let page = read(&built(&site), "index.html");
    assert!(page.contains("<span>Vorstandssitzung am 21. Juli 2026</span>"));
    assert!(page.contains("Kritische Schwachstellen jetzt im Ziel behoben"));
}

#[test]
fn templates_export_writes_the_builtins_and_refuses_to_overwrite() {
    let site = Site::copy_of("minimal");
    let run = site.run(&["templates", "export"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "wrote 8 files to templates; a file kept there replaces the built-in one of the same name\n"
    );
    assert!(site.read("templates/onepager.html").contains("{{ t(key=\"top_risks\") }}"));
    site.write("templates/404.html", "mine");
    let again = site.run(&["templates", "export"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.starts_with("error: these files exist and were left as they are: templates/base.html,"), "{}", again.stderr);
    assert_eq!(site.read("templates/404.html"), "mine", "nothing replaced");
    assert_eq!(site.run(&["templates", "export", "--force"]).code, 0);
    assert!(site.read("templates/404.html").contains("not_found_title"));
    // The exported templates are the built-ins: the site builds exactly as without them.
    let out = built(&site);
    assert!(read(&out, "2026-q2/index.html").contains("<h2 id=\"s-risks\">Top risks</h2>"));
}

#[test]
fn a_site_template_can_use_t_and_the_language_filters() {
    let site = minimal_in("fr");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<p>{{ t(key=\"archive_open_risks\", n=0) }} | {{ t(key=\"archive_open_risks\", n=1) }} | {{ t(key=\"archive_open_risks\", n=2) }} | {{ \"2026-10-14\" | long_date }} | {{ 99.94 | reading(unit=\"%\") }} | {{ 1300000 | money }}</p>{% endblock main %}\n",
    );
    let out = built(&site);
    let page = read(&out, "decision-rights/index.html");
    assert!(
        page.contains("<p>0 risque ouvert | 1 risque ouvert | 2 risques ouverts | 14 octobre 2026 | 99,94\u{a0}% | 1,3\u{a0}M\u{a0}€</p>"),
        "{page}"
    );
    site.write("templates/page.html", "{{ t(key=\"top_risk\") }}\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("`t` has no label `top_risk`; did you mean `top_risks`?"), "{}", run.stderr);
}
