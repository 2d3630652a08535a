//! The site as it is at a Git ref, written into a temporary folder.
//!
//! Only plumbing commands that read the object store are used (`rev-parse`, `ls-tree`,
//! `cat-file --batch`), so the user's index, working tree and stash are never touched. Blobs
//! are written as stored: no checkout filters run, and the loader copes with CRLF itself.

use std::io::{BufRead, BufReader, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("git is not installed or not on PATH; `diff --git` needs it")]
    NotInstalled,
    #[error(
        "{0} is not inside a Git repository; `diff --git` compares the working tree with a Git ref"
    )]
    NotARepo(String),
    #[error("unknown Git ref `{0}`; give a branch, tag or commit, e.g. `origin/main` or `HEAD~1` (fetch remote branches first)")]
    UnknownRef(String),
    #[error("`git {command}` failed: {stderr}")]
    Failed { command: String, stderr: String },
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> GitError + '_ {
    move |source| GitError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Runs `git -C dir args…` and returns its stdout.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_LITERAL_PATHSPECS", "1")
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => GitError::NotInstalled,
            _ => failed(args, &e.to_string()),
        })?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(failed(args, &String::from_utf8_lossy(&out.stderr)))
    }
}

fn failed(args: &[&str], stderr: &str) -> GitError {
    GitError::Failed {
        command: args.join(" "),
        stderr: stderr.trim().to_string(),
    }
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8_lossy(&bytes)
        .trim_end_matches(['\n', '\r'])
        .to_string()
}

/// Where the site lives in its repository, and the commit a ref names.
pub struct Repo {
    /// The site root's path inside the repository, `/`-separated, empty or ending in `/`.
    pub prefix: String,
    pub commit: String,
    root: PathBuf,
}

impl Repo {
    /// Finds the repository holding `root` and resolves `reference` to a commit.
    pub fn open(root: &Path, reference: &str) -> Result<Repo, GitError> {
        git(Path::new("."), &["--version"])?;
        let prefix = git(root, &["rev-parse", "--show-prefix"])
            .map_err(|e| match e {
                GitError::Failed { .. } => GitError::NotARepo(root.display().to_string()),
                other => other,
            })
            .map(text)?;
        // A leading `-` would be read as an option; no ref is spelled that way.
        let unknown = || GitError::UnknownRef(reference.to_string());
        if reference.is_empty() || reference.starts_with('-') {
            return Err(unknown());
        }
        let spec = format!("{reference}^{{commit}}");
        let commit = git(root, &["rev-parse", "--verify", "--quiet", &spec])
            .map_err(|_| unknown())
            .map(text)?;
        Ok(Repo {
            prefix,
            commit,
            root: root.to_path_buf(),
        })
    }

    /// Writes `quarterdeck.toml` and `content/` as they are at the commit into `dest`.
    /// Returns how many files were written (0 when the site did not exist there).
    pub fn materialise(&self, dest: &Path) -> Result<usize, GitError> {
        let top = PathBuf::from(text(git(&self.root, &["rev-parse", "--show-toplevel"])?));
        let toml = format!("{}quarterdeck.toml", self.prefix);
        let content = format!("{}content", self.prefix);
        let listing = git(
            &top,
            &["ls-tree", "-r", "-z", &self.commit, "--", &toml, &content],
        )?;
        let mut files = Vec::new();
        for entry in listing.split(|&b| b == 0).filter(|e| !e.is_empty()) {
            let entry = String::from_utf8_lossy(entry);
            let Some((meta, path)) = entry.split_once('\t') else {
                continue;
            };
            let meta: Vec<&str> = meta.split(' ').collect();
            // Regular files only: symlinks (120000) and submodules have no content to load.
            if !matches!(meta.as_slice(), ["100644" | "100755", "blob", _]) {
                continue;
            }
            let Some(rel) = path.strip_prefix(&self.prefix) else {
                continue;
            };
            if rel == "quarterdeck.toml" || rel.starts_with("content/") {
                files.push((meta[2].to_string(), safe_join(dest, rel)?));
            }
        }
        cat_files(&top, &files)?;
        Ok(files.len())
    }
}

/// `dest/rel`, refusing anything that could land outside `dest`.
fn safe_join(dest: &Path, rel: &str) -> Result<PathBuf, GitError> {
    let path = Path::new(rel);
    if path.components().all(|c| matches!(c, Component::Normal(_))) {
        Ok(dest.join(path))
    } else {
        Err(failed(&["ls-tree"], &format!("refusing the path {rel:?}")))
    }
}

/// Reads every blob through one `git cat-file --batch` and writes it to its path.
fn cat_files(top: &Path, files: &[(String, PathBuf)]) -> Result<(), GitError> {
    if files.is_empty() {
        return Ok(());
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| failed(&["cat-file", "--batch"], &e.to_string()))?;
    let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(failed(&["cat-file", "--batch"], "no pipes to git"));
    };
    let ids: String = files.iter().map(|(id, _)| format!("{id}\n")).collect();
    // Writing from another thread: git answers while it reads, and a full pipe on each side
    // would otherwise deadlock.
    let writer = std::thread::spawn(move || stdin.write_all(ids.as_bytes()));
    let mut out = BufReader::new(stdout);
    let result = read_blobs(&mut out, files);
    // Closing our end first lets git (and so the writer) stop early after an error.
    drop(out);
    let _ = writer.join();
    let _ = child.wait();
    result
}

fn read_blobs(out: &mut impl BufRead, files: &[(String, PathBuf)]) -> Result<(), GitError> {
    let broken = |why: &str| failed(&["cat-file", "--batch"], why);
    for (id, path) in files {
        let mut header = String::new();
        out.read_line(&mut header)
            .map_err(|e| broken(&e.to_string()))?;
        // `<oid> blob <size>`, or `<oid> missing`.
        let size: usize = match header.split_whitespace().collect::<Vec<_>>().as_slice() {
            [oid, "blob", size] if oid == id => size.parse().map_err(|_| broken(&header))?,
            _ => return Err(broken(header.trim())),
        };
        let mut body = vec![0; size + 1];
        out.read_exact(&mut body)
            .map_err(|e| broken(&e.to_string()))?;
        body.pop();
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(path, &body).map_err(io(path))?;
    }
    Ok(())
}

/// A fresh folder under the system temp folder, removed (with everything in it) when dropped,
/// whichever way the command ends.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new() -> Result<TempDir, GitError> {
        let base = std::env::temp_dir();
        for n in 0..1000 {
            let path = base.join(format!("quarterdeck-diff-{}-{n}", std::process::id()));
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(TempDir(path)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(io(&path)(e)),
            }
        }
        Err(io(&base)(std::io::Error::other(
            "no free temporary folder name",
        )))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
