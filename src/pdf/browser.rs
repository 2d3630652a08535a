//! Finding Chrome, Chromium or Edge, and running one headless instance for a whole build,
//! driven over the DevTools pipe.

use super::cdp::Conn;
use super::PdfError;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Child;
use std::sync::Arc;

/// Names looked up on `PATH`, in order. Chromium's headless shell comes first: it is the same
/// engine without the browser around it, made for printing and automation, and starts in about
/// 0.35 s where the full browser takes 0.85 s (docs/performance.md, "Printing PDFs").
const PATH_NAMES: [&str; 10] = [
    "chromium-headless-shell",
    "chrome-headless-shell",
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "microsoft-edge",
    "microsoft-edge-stable",
    "chrome.exe",
    "msedge.exe",
];

/// Where the installers put the browsers on macOS, relative to `/` or to the home folder.
const MACOS_APPS: [&str; 4] = [
    "Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "Applications/Chromium.app/Contents/MacOS/Chromium",
    "Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    "Applications/Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary",
];

/// Where the installers put the browsers on Windows, under each of the folders below.
const WINDOWS_APPS: [&str; 3] = [
    r"Google\Chrome\Application\chrome.exe",
    r"Microsoft\Edge\Application\msedge.exe",
    r"Chromium\Application\chrome.exe",
];
const WINDOWS_ROOTS: [&str; 3] = ["ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"];

/// Every place a browser may be, best first, for the operating system `os` (`std::env::consts::OS`).
pub(crate) fn candidates(env: &dyn Fn(&str) -> Option<OsString>, os: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(path) = env("PATH") {
        for dir in std::env::split_paths(&path) {
            out.extend(PATH_NAMES.iter().map(|n| dir.join(n)));
        }
    }
    match os {
        "macos" => {
            let mut bases = vec![PathBuf::from("/")];
            bases.extend(env("HOME").map(PathBuf::from));
            for base in bases {
                out.extend(MACOS_APPS.iter().map(|a| base.join(a)));
            }
        }
        "windows" => {
            for root in WINDOWS_ROOTS.iter().filter_map(|r| env(r)) {
                let root = PathBuf::from(root);
                out.extend(WINDOWS_APPS.iter().map(|a| root.join(a)));
            }
        }
        _ => {}
    }
    out
}

/// The browser to print with: `QUARTERDECK_CHROME` when set (it must exist), else the first
/// candidate that is a file.
pub(crate) fn find() -> Result<PathBuf, PdfError> {
    if let Some(p) = std::env::var_os("QUARTERDECK_CHROME").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(p);
        if !path.is_file() {
            return Err(PdfError::BrowserPath {
                path: path.display().to_string(),
                why: if path.exists() {
                    "it is not a file".into()
                } else {
                    "no such file".into()
                },
            });
        }
        return Ok(path);
    }
    let env = |k: &str| std::env::var_os(k);
    candidates(&env, std::env::consts::OS)
        .into_iter()
        .find(|p| p.is_file())
        .ok_or(PdfError::NoBrowser)
}

/// One running headless browser and its DevTools connection.
pub(crate) struct Browser {
    child: Child,
    pub conn: Arc<Conn>,
    profile: PathBuf,
}

/// Flags for printing offline, with nothing of the user's profile and no port.
const FLAGS: [&str; 19] = [
    "--headless",
    "--remote-debugging-pipe",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--disable-extensions",
    "--mute-audio",
    "--hide-scrollbars",
    "--run-all-compositor-stages-before-draw",
    // Unhinted glyph positions: without it the headless shell places each glyph on its own and
    // text copied from the PDF reads "Be n ch Co rp"; the full browser prints the same either way.
    "--font-render-hinting=none",
    // Everything the pages need is on disk; refuse any other host outright (IP addresses too).
    "--host-resolver-rules=MAP * ~NOTFOUND",
    // WebRTC sends its STUN packets to IP addresses without asking the resolver: no UDP
    // unless through a proxy, and there is none. The full browser reads the first switch, the
    // headless shell the second; each alone left the other sending (Chromium 156).
    "--webrtc-ip-handling-policy=disable_non_proxied_udp",
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
    "about:blank",
];

impl Browser {
    #[cfg(unix)]
    pub(crate) fn launch(path: &Path) -> Result<Browser, PdfError> {
        use command_fds::{CommandFdExt, FdMapping};
        use std::os::fd::OwnedFd;
        use std::os::unix::fs::MetadataExt;
        use std::process::{Command, Stdio};

        let failed = |why: String| PdfError::Launch {
            path: path.display().to_string(),
            why,
        };
        let profile =
            private_dir().map_err(|e| failed(format!("cannot make a profile folder: {e}")))?;
        // The folder we just made is owned by our effective user: root has uid 0.
        let root = std::fs::metadata(&profile)
            .map(|m| m.uid() == 0)
            .unwrap_or(false);
        let (to_browser_r, to_browser_w) = std::io::pipe().map_err(|e| failed(e.to_string()))?;
        let (from_browser_r, from_browser_w) =
            std::io::pipe().map_err(|e| failed(e.to_string()))?;
        super::profiles::adopt_orphans();
        let mut cmd = Command::new(path);
        cmd.args(FLAGS)
            .arg(format!("--user-data-dir={}", profile.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // A group of its own, so that closing kills the browser and every process under it,
        // also when the path is a wrapper script that does not `exec` the browser.
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        if root {
            // Chromium's sandbox refuses to run as root; say so once per build.
            eprintln!("note: running as root, so Chromium runs without its sandbox (--no-sandbox)");
            cmd.arg("--no-sandbox");
        }
        // command-fds does the dup2 in the child for us, so the crate stays free of unsafe code.
        cmd.fd_mappings(vec![
            FdMapping {
                parent_fd: OwnedFd::from(to_browser_r),
                child_fd: 3,
            },
            FdMapping {
                parent_fd: OwnedFd::from(from_browser_w),
                child_fd: 4,
            },
        ])
        .map_err(|e| failed(e.to_string()))?;
        let child = match cmd.spawn() {
            Ok(c) => c,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&profile);
                return Err(failed(e.to_string()));
            }
        };
        // A signal while printing ends the browser and removes the profile too.
        super::profiles::started(child.id(), &profile);
        // The child holds its own copies now; ours must close so EOF is seen when it exits.
        drop(cmd);
        let conn = Conn::new(from_browser_r, to_browser_w);
        let browser = Browser {
            child,
            conn,
            profile,
        };
        browser
            .conn
            .call(
                None,
                "Browser.getVersion",
                serde_json::json!({}),
                std::time::Duration::from_secs(30),
            )
            .map_err(|e| {
                failed(format!(
                    "it did not answer on the DevTools pipe ({e}); is it Chrome, Chromium or Edge?"
                ))
            })?;
        Ok(browser)
    }

    #[cfg(not(unix))]
    pub fn launch(path: &Path) -> Result<Browser, PdfError> {
        Err(PdfError::Launch {
            path: path.display().to_string(),
            why: "printing drives the browser over a Unix pipe, which this system lacks; build the PDFs on Linux or macOS".into(),
        })
    }

    /// Ends the browser. The profile is thrown away, so there is nothing for a polite
    /// `Browser.close` to save, and it took about 500 ms of every build to exit. Its whole
    /// process group is killed: the browser, its helpers, and a wrapper script in front of it
    /// (Debian's `chromium-headless-shell` runs the browser as its child, which otherwise
    /// lived on and wrote into the profile after it was removed).
    pub(crate) fn close(mut self) {
        self.shut();
    }

    fn shut(&mut self) {
        super::profiles::hold_if_terminating();
        super::profiles::kill_group(self.child.id());
        let _ = self.child.kill();
        let _ = self.child.wait();
        super::profiles::reap_group(self.child.id());
        super::profiles::remove(&self.profile);
        super::profiles::ended(&self.profile);
    }
}

impl Drop for Browser {
    /// Also when the browser has exited by itself (it failed to start, say): what it started
    /// may still run, and its profile is still there.
    fn drop(&mut self) {
        super::profiles::hold_if_terminating();
        if self.profile.exists() {
            self.shut();
        }
    }
}

/// A fresh profile folder only we can read: Chromium keeps the pages' cache there.
fn private_dir() -> std::io::Result<PathBuf> {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let mut b = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    // Profiles of builds killed outright (SIGKILL) go first; a folder left by an earlier
    // process with the same id is skipped.
    static SWEPT: std::sync::Once = std::sync::Once::new();
    SWEPT.call_once(|| super::profiles::sweep(&std::env::temp_dir()));
    loop {
        let dir = std::env::temp_dir().join(format!(
            "{}{}-{}",
            super::profiles::PREFIX,
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        match b.create(&dir) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            other => return other.map(|()| dir),
        }
    }
}

/// `file://` URL for an absolute path, every byte but unreserved ones and `/` percent-encoded,
/// so a `#`, `%`, `?` or space in a folder name reaches the browser as part of the path.
pub(crate) fn file_url(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/');
    }
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) || (b == b':' && out.len() == 9) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The inverse of [`file_url`]: the path a `file://` URL names, if it is one.
pub(crate) fn url_path(url: &str) -> Option<String> {
    let rest = url.strip_prefix("file://")?;
    let rest = rest.split(['#', '?']).next().unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |k| pairs.iter().find(|p| p.0 == k).map(|p| OsString::from(p.1))
    }

    #[test]
    fn macos_looks_in_applications_then_the_home_applications() {
        let got = candidates(&env(&[("HOME", "/Users/ann")]), "macos");
        assert_eq!(
            got[0],
            PathBuf::from("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")
        );
        assert!(got.contains(&PathBuf::from(
            "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"
        )));
        assert!(got.contains(&PathBuf::from(
            "/Users/ann/Applications/Chromium.app/Contents/MacOS/Chromium"
        )));
        assert_eq!(got.len(), 8);
    }

    #[test]
    fn windows_looks_in_program_files_and_local_app_data() {
        let got = candidates(
            &env(&[
                ("ProgramFiles", r"C:\Program Files"),
                ("ProgramFiles(x86)", r"C:\Program Files (x86)"),
                ("LOCALAPPDATA", r"C:\Users\ann\AppData\Local"),
            ]),
            "windows",
        );
        assert_eq!(got.len(), 9);
        assert_eq!(
            got[0],
            PathBuf::from(r"C:\Program Files").join(r"Google\Chrome\Application\chrome.exe")
        );
        assert_eq!(
            got[4],
            PathBuf::from(r"C:\Program Files (x86)").join(r"Microsoft\Edge\Application\msedge.exe")
        );
    }

    #[test]
    fn path_names_come_first_and_linux_has_no_fixed_places() {
        let got = candidates(&env(&[("PATH", "/opt/bin")]), "linux");
        assert_eq!(got.len(), PATH_NAMES.len());
        assert_eq!(got[0], PathBuf::from("/opt/bin/chromium-headless-shell"));
        assert_eq!(got[2], PathBuf::from("/opt/bin/chromium"));
    }

    #[test]
    fn file_urls_escape_hash_percent_and_spaces_and_round_trip() {
        let p = Path::new("/tmp/a #1/50% done/é.html");
        let url = file_url(p);
        assert_eq!(url, "file:///tmp/a%20%231/50%25%20done/%C3%A9.html");
        assert_eq!(url_path(&url).as_deref(), Some("/tmp/a #1/50% done/é.html"));
        assert_eq!(
            file_url(Path::new(r"C:\Site Out\index.html")),
            "file:///C:/Site%20Out/index.html"
        );
        assert_eq!(url_path("https://x/").as_deref(), None);
    }
}
