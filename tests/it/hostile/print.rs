//! Reproductions 5 and 12 at the printer: what a page asks the print browser for. A template
//! (trusted code, but reviewed in the same pull request) put `<iframe src=file:///…>` on a page
//! and Chromium printed the file; a script reached the network over WebRTC. And a build stopped
//! by SIGTERM while printing left the browser's profile behind.

use crate::pdf::{browser, text, user_cache};
use crate::support::{temp_dir, Site};
use std::process::Command;

#[test]
fn the_print_browser_loads_only_the_built_files() {
    let Some(chrome) = browser() else { return };
    // The headless shell and the full browser read different WebRTC switches: both are tried
    // where both are installed.
    let full = std::path::Path::new("/usr/bin/chromium");
    let mut browsers = vec![chrome.as_path(), full];
    browsers.dedup();
    for chrome in browsers.into_iter().filter(|c| c.is_file()) {
        print_a_hostile_template(chrome);
    }
}

fn print_a_hostile_template(chrome: &std::path::Path) {
    let site = Site::copy_of("minimal");
    let outside = temp_dir();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "TOP-SECRET-PAYROLL-FIGURES").unwrap();
    // A STUN server of our own: any packet that reaches it is a packet that left the browser.
    let stun = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = stun.local_addr().unwrap().port();
    let base = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/base.html"),
    )
    .unwrap();
    let payload = format!(
        r#"<iframe src="file://{}" style="position:fixed;top:0;left:0;width:400px;height:30px;border:0"></iframe>
<script>const pc = new RTCPeerConnection({{iceServers: [{{urls: "stun:127.0.0.1:{port}"}}]}}); pc.createDataChannel("x"); pc.createOffer().then(o => pc.setLocalDescription(o));</script>
</body>"#,
        secret.display()
    );
    site.write("templates/base.html", &base.replace("</body>", &payload));
    let out = crate::support::bin()
        .args(["build", "--pdf"])
        .current_dir(&site.root)
        .env("NO_COLOR", "1")
        .env("QUARTERDECK_CHROME", chrome)
        .env("XDG_CACHE_HOME", user_cache(&site))
        .output()
        .unwrap();
    let run = crate::support::Run::from(out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "warning: 2026-q2/index.html asked for file://{}, outside the output folder; the print browser did not load it",
            secret.display()
        )),
        "{}",
        run.stderr
    );
    for pdf in ["2026-q2/onepager.pdf", "2026-q2/boardpack.pdf"] {
        let printed = text(&site.path("output").join(pdf), None);
        assert!(
            !printed.contains("TOP-SECRET"),
            "{pdf} printed the file ({})",
            chrome.display()
        );
    }
    stun.set_nonblocking(true).unwrap();
    let mut buf = [0u8; 512];
    assert!(
        stun.recv_from(&mut buf).is_err(),
        "a STUN packet left the print browser ({})",
        chrome.display()
    );
}

/// Reproduction 12: SIGTERM while `build --pdf` waits for its browser left the browser running
/// and its profile in the temporary folder. A stand-in browser says when quarterdeck has spoken
/// to it over the DevTools pipe (so the browser is fully started), then waits to be killed.
#[cfg(target_os = "linux")]
#[test]
fn sigterm_while_printing_ends_the_browser_and_removes_its_profile() {
    use std::io::Read;
    use std::os::unix::process::ExitStatusExt;
    let site = Site::copy_of("minimal");
    let dir = temp_dir();
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let ready = dir.path().join("ready");
    let pidfile = dir.path().join("browser.pid");
    rustix::fs::mknodat(
        rustix::fs::CWD,
        &ready,
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from(0o600),
        0,
    )
    .unwrap();
    let fake = dir.path().join("fake-chrome");
    std::fs::write(
        &fake,
        "#!/bin/sh\necho $$ > \"$QD_TEST_PIDFILE\"\nhead -c 1 <&3 >/dev/null\necho up > \"$QD_TEST_READY\"\nexec sleep 600\n",
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut build = crate::support::bin()
        .args(["build", "--pdf"])
        .current_dir(&site.root)
        .env("QUARTERDECK_CHROME", &fake)
        .env("TMPDIR", &tmp)
        .env("XDG_CACHE_HOME", user_cache(&site))
        .env("QD_TEST_PIDFILE", &pidfile)
        .env("QD_TEST_READY", &ready)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Opening the pipe waits for the stand-in to write; a build that never starts it must not
    // hang the test.
    let (tx, rx) = std::sync::mpsc::channel();
    let fifo = ready.clone();
    std::thread::spawn(move || {
        let mut up = String::new();
        let _ = std::fs::File::open(fifo).and_then(|mut f| f.read_to_string(&mut up));
        let _ = tx.send(up);
    });
    let up = rx.recv_timeout(std::time::Duration::from_secs(60));
    assert_eq!(up.as_deref(), Ok("up\n"), "the browser never started");
    let profiles = || std::fs::read_dir(&tmp).unwrap().count();
    assert_eq!(
        profiles(),
        1,
        "the browser's profile is there while it runs"
    );
    let killed = Command::new("kill")
        .args(["-TERM", &build.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = build.wait().unwrap();
    assert_eq!(status.signal(), Some(15), "{status:?}");
    assert_eq!(profiles(), 0, "the profile was left behind");
    let pid = std::fs::read_to_string(&pidfile)
        .unwrap()
        .trim()
        .to_string();
    // Gone: the build waits for the browser's whole group before it dies of the signal, so no
    // process of it is left running (not even one that was killed and has yet to run to its
    // end, which on a loaded machine takes a moment). A zombie is one that has ended.
    let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let running = !state.is_empty()
        && state
            .rsplit(')')
            .next()
            .is_some_and(|s| !s.trim_start().starts_with('Z'));
    if running {
        let _ = Command::new("kill").args(["-KILL", &pid]).status();
    }
    assert!(!running, "the browser outlived the build: {state}");
}
