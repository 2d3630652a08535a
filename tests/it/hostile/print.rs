//! Reproductions 5 and 12 at the printer: what a page asks the print browser for. A template
//! (trusted code, but reviewed in the same pull request) put `<iframe src=file:///…>` on a page
//! and Chromium printed the file; a script reached the network over WebRTC. And a build stopped
//! by SIGTERM while printing left the browser's profile behind.

use crate::pdf::{browser, text, user_cache};
use crate::support::{temp_dir, Site, BIN};
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
    let out = Command::new(BIN)
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
