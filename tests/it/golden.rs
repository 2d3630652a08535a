//! Whole outputs pinned with insta: the one-pager of the small fixture and its Markdown diff.
//! A change shows as a readable diff of the page in review; accept an intended one with
//! `cargo insta review` (or `INSTA_UPDATE=always cargo test`) and commit the `.snap` files.
//! CI runs with `CI=true`, where insta never writes and a missing snapshot fails.

use crate::support::Site;

#[test]
fn one_pager_of_the_minimal_site() {
    let site = Site::copy_of("minimal");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("one_pager_2026_q2", site.read("output/2026-q2/index.html"));
}

#[test]
fn markdown_diff_of_the_minimal_site() {
    let site = Site::copy_of("minimal");
    let run = site.run(&["diff", "2026-Q1", "2026-Q2", "--format", "markdown"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("markdown_diff_2026_q1_q2", run.stdout);
}
