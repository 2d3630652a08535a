//! A reader that stops reading (`quarterdeck schema | head`) ends a command quietly: no panic,
//! no backtrace, and the exit code the command would have had.

use crate::support::Site;
use std::process::Stdio;

/// Runs `args` in `site` with stdout (or stderr) a pipe whose reader is already gone, so every
/// write fails with a broken pipe, whatever the timing; returns the exit code and what the
/// other stream said.
fn cut_off(site: &Site, args: &[&str], stream: &str) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut cmd = crate::support::bin();
    cmd.args(args)
        .current_dir(&site.root)
        .env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null());
    let out = if stream == "stdout" {
        cmd.stdout(writer).stderr(Stdio::piped()).output().unwrap()
    } else {
        cmd.stderr(writer).stdout(Stdio::piped()).output().unwrap()
    };
    let other = if stream == "stdout" {
        out.stderr
    } else {
        out.stdout
    };
    (
        out.status.code(),
        String::from_utf8_lossy(&other).into_owned(),
    )
}

#[test]
fn every_command_piped_into_head_ends_quietly() {
    let site = Site::copy_of("minimal");
    for args in [
        &["schema"][..],
        &["templates", "catalog", "de"],
        &["check", "--format", "json"],
        &["check", "--format", "github"],
        &["diff"],
        &["diff", "--format", "json"],
        &["diff", "--format", "markdown"],
        &["new", "quarter", "2026-Q3"],
        &["new", "risk", "Piped risk"],
        &["--help"],
        &["check", "--help"],
    ] {
        let (code, stderr) = cut_off(&site, args, "stdout");
        assert_eq!(
            (code, stderr.contains("panicked")),
            (Some(0), false),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
    }
    let (code, stdout) = cut_off(&site, &["init", "new-site"], "stdout");
    assert_eq!(code, Some(0), "{stdout}");
    assert!(site.path("new-site/quarterdeck.toml").is_file());
}

#[test]
fn a_closed_stderr_keeps_the_commands_verdict() {
    let site = Site::copy_of("minimal");
    let (code, _) = cut_off(&site, &["build"], "stderr");
    assert_eq!(code, Some(0));
    assert!(
        site.path("output/index.html").is_file(),
        "the build still wrote the site"
    );
    site.write("content/quarters/2026-Q2/risks/R-050.yaml", "id: R-050\n");
    let (code, stdout) = cut_off(&site, &["check"], "stderr");
    assert_eq!((code, stdout.as_str()), (Some(1), ""));
}
