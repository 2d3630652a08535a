//! A file of the site's `templates/` that cannot be used gets the code, words and fix the same
//! mistake gets under `content/` (not `template` and "`quarterdeck templates export`"), and
//! `build` prints its help under the error as `check` does under the diagnostic.

use crate::support::Site;

/// `check`'s and `build`'s whole stderr, and their exit codes, for the minimal fixture after
/// `spoil` put one unusable file in `templates/`.
fn both(spoil: impl FnOnce(&Site)) -> ((i32, String), (i32, String)) {
    let site = Site::copy_of("minimal");
    std::fs::create_dir(site.path("templates")).unwrap();
    spoil(&site);
    let check = site.run(&["check"]);
    let build = site.run(&["build"]);
    assert!(!site.path("output").exists(), "nothing is written");
    ((check.code, check.stderr), (build.code, build.stderr))
}

const SUMMARY: &str = "\nchecked 2 quarters (18 files): 1 error, 0 warnings\n";
const NOTHING: &str = "nothing was written (the previous output is untouched)";

#[cfg(unix)]
#[test]
fn a_broken_link_is_unreadable_with_the_fix_for_links() {
    let (check, build) = both(|site| {
        std::os::unix::fs::symlink("gone.css", site.path("templates/site.css")).unwrap();
    });
    let help = "  = help: point the link at a file inside the site, or replace the link with the file itself";
    assert_eq!(
        check,
        (1, format!("templates/site.css: error[unreadable]: broken symbolic link: the file it points to does not exist\n{help}\n{SUMMARY}"))
    );
    assert_eq!(
        build,
        (2, format!("error: templates/site.css: broken symbolic link: the file it points to does not exist\n{NOTHING}\n{help}\n"))
    );
}

#[cfg(unix)]
#[test]
fn a_link_outside_the_site_is_a_symlink_error() {
    let outside = crate::support::temp_dir();
    let secret = outside.path().join("secret.css");
    std::fs::write(&secret, "secret").unwrap();
    let (check, build) = both(|site| {
        std::os::unix::fs::symlink(&secret, site.path("templates/site.css")).unwrap();
    });
    let said = "this symbolic link points outside the site; quarterdeck reads nothing outside the site root";
    let help = "  = help: copy the file into the site instead";
    assert_eq!(
        check,
        (
            1,
            format!("templates/site.css: error[symlink]: {said}\n{help}\n{SUMMARY}")
        )
    );
    assert_eq!(
        build,
        (
            2,
            format!("error: templates/site.css: {said}\n{NOTHING}\n{help}\n")
        )
    );
}

#[test]
fn a_file_over_the_limit_is_too_large_with_the_fix_for_templates() {
    let (check, build) = both(|site| {
        let file = std::fs::File::create(site.path("templates/font.woff2")).unwrap();
        file.set_len(32 * 1024 * 1024 + 1).unwrap();
    });
    let said = "the file is larger than the limit of 33554432 bytes (33554433 bytes)";
    let help = "  = help: templates/ holds templates, stylesheets and web fonts; make the file smaller or move it out of templates/";
    assert_eq!(
        check,
        (
            1,
            format!("templates/font.woff2: error[file-too-large]: {said}\n{help}\n{SUMMARY}")
        )
    );
    assert_eq!(
        build,
        (
            2,
            format!("error: templates/font.woff2: {said}\n{NOTHING}\n{help}\n")
        )
    );
}

#[test]
fn a_template_that_is_not_utf8_is_not_utf8_where_it_breaks() {
    let (check, build) = both(|site| {
        std::fs::write(site.path("templates/page.html"), b"<p>\n<p>caf\xe9</p>\n").unwrap();
    });
    let help = "  = help: save the file as UTF-8";
    assert_eq!(
        check,
        (
            1,
            format!("templates/page.html:2:7: error[not-utf8]: the file is not valid UTF-8 text\n{help}\n{SUMMARY}")
        )
    );
    assert_eq!(
        build,
        (
            2,
            format!("error: templates/page.html:2:7: the file is not valid UTF-8 text\n{NOTHING}\n{help}\n")
        )
    );
}
