//! The site as it is at a Git ref, read into memory (a `load::source::Memory`) for `load`
//! (`diff --git`), or only its published records (`check --base`, `publish`).
//!
//! Only plumbing commands that read the object store are used (`rev-parse`, `ls-tree`,
//! `cat-file --batch`), so the user's index, working tree and stash are never touched, and
//! nothing is written anywhere: board content before publication is confidential, and a
//! temporary folder is readable by others on a shared machine. Blobs are kept as stored (no
//! checkout filters run; the loader copes with CRLF itself), and of a blob larger than the
//! loader accepts only enough is kept to say so.

use crate::load::discover::MAX_FILES;
use crate::load::source::Memory;
use crate::load::text::MAX_FILE_BYTES;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("git is not installed or not on PATH; `diff --git` and `check --base` need it")]
    NotInstalled,
    #[error(
        "{0} is not inside a Git repository; `diff --git` and `check --base` compare the working tree with a Git ref"
    )]
    NotARepo(String),
    #[error("unknown Git ref `{reference}`; give a branch, tag or commit, e.g. {examples} (a remote branch must be fetched first)")]
    UnknownRef { reference: String, examples: String },
    #[error("`git {command}` failed: {stderr}")]
    Failed { command: String, stderr: String },
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

/// Refs to name in the error about `wrong`: a few of the repository's own branches, then
/// `HEAD~1`, never `wrong` itself (`origin/main` must not be offered as the fix for itself).
fn examples(dir: &Path, wrong: &str) -> String {
    let refs = git(
        dir,
        &[
            "for-each-ref",
            "--count=20",
            "--format=%(refname:short)",
            "refs/heads",
            "refs/remotes",
        ],
    )
    .map(text)
    .unwrap_or_default();
    let mut names: Vec<String> = refs
        .lines()
        .filter(|r| *r != wrong && !r.ends_with("/HEAD"))
        .take(3)
        .map(|r| format!("`{r}`"))
        .collect();
    if wrong != "HEAD~1" {
        names.push("`HEAD~1`".into());
    }
    match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => "`HEAD`".into(),
    }
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8_lossy(&bytes)
        .trim_end_matches(['\n', '\r'])
        .to_string()
}

/// Where the site lives in its repository, and the commit a ref names.
pub(crate) struct Repo {
    /// The site root's path inside the repository, `/`-separated, empty or ending in `/`.
    pub prefix: String,
    pub commit: String,
    root: PathBuf,
}

impl Repo {
    /// Finds the repository holding `root` and resolves `reference` to a commit.
    pub(crate) fn open(root: &Path, reference: &str) -> Result<Repo, GitError> {
        git(Path::new("."), &["--version"])?;
        let prefix = git(root, &["rev-parse", "--show-prefix"])
            .map_err(|e| match e {
                GitError::Failed { .. } => GitError::NotARepo(root.display().to_string()),
                other => other,
            })
            .map(text)?;
        // A leading `-` would be read as an option; no ref is spelled that way.
        let unknown = || GitError::UnknownRef {
            reference: reference.to_string(),
            examples: examples(root, reference),
        };
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

    /// `quarterdeck.toml` and `content/` as they are at the commit, in memory; messages name
    /// the site `reference`. Empty when the site did not exist there.
    pub(crate) fn tree(&self, reference: &str) -> Result<Memory, GitError> {
        self.read(reference, &["quarterdeck.toml", "content"], |rel| {
            rel == "quarterdeck.toml" || rel.starts_with("content/")
        })
    }

    /// The `published.yaml` of every quarter at the commit, and nothing else, in memory.
    pub(crate) fn records(&self, reference: &str) -> Result<Memory, GitError> {
        self.read(reference, &["content/quarters"], is_record)
    }

    /// The regular files under the site-relative `paths` at the commit that `keep` accepts,
    /// read into memory under their site-relative paths.
    fn read(
        &self,
        reference: &str,
        paths: &[&str],
        keep: impl Fn(&str) -> bool,
    ) -> Result<Memory, GitError> {
        let top = PathBuf::from(text(git(&self.root, &["rev-parse", "--show-toplevel"])?));
        let paths: Vec<String> = paths
            .iter()
            .map(|p| format!("{}{p}", self.prefix))
            .collect();
        let mut args = vec!["ls-tree", "-r", "-z", &self.commit, "--"];
        args.extend(paths.iter().map(String::as_str));
        let listing = git(&top, &args)?;
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
            if keep(rel) {
                files.push((meta[2].to_string(), rel.to_string()));
            }
            // One more than the loader accepts is enough for it to refuse the lot.
            if files.len() > MAX_FILES + 1 {
                break;
            }
        }
        let mut tree = Memory::new(reference);
        cat_files(&top, &files, &mut tree)?;
        Ok(tree)
    }
}

/// `content/quarters/<folder>/published.yaml`.
fn is_record(rel: &str) -> bool {
    rel.strip_prefix("content/quarters/")
        .and_then(|r| r.strip_suffix(crate::layout::PUBLISHED))
        .and_then(|folder| folder.strip_suffix('/'))
        .is_some_and(|folder| !folder.is_empty() && !folder.contains('/'))
}

/// Reads every blob through one `git cat-file --batch` into `tree` under its path.
fn cat_files(top: &Path, files: &[(String, String)], tree: &mut Memory) -> Result<(), GitError> {
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
    let result = read_blobs(&mut out, files, tree);
    // Closing our end first lets git (and so the writer) stop early after an error.
    drop(out);
    let _ = writer.join();
    let _ = child.wait();
    result
}

fn read_blobs(
    out: &mut impl BufRead,
    files: &[(String, String)],
    tree: &mut Memory,
) -> Result<(), GitError> {
    let broken = |why: &str| failed(&["cat-file", "--batch"], why);
    for (id, rel) in files {
        let mut header = String::new();
        out.read_line(&mut header)
            .map_err(|e| broken(&e.to_string()))?;
        // `<oid> blob <size>`, or `<oid> missing`.
        let size: u64 = match header.split_whitespace().collect::<Vec<_>>().as_slice() {
            [oid, "blob", size] if oid == id => size.parse().map_err(|_| broken(&header))?,
            _ => return Err(broken(header.trim())),
        };
        // Keep one byte past the limit (enough to report the file as too large), then skip
        // the rest of the blob and the newline after it.
        let keep = size.min(MAX_FILE_BYTES as u64 + 1);
        let mut body = Vec::with_capacity(keep as usize);
        out.take(keep)
            .read_to_end(&mut body)
            .map_err(|e| broken(&e.to_string()))?;
        let rest = size - keep + 1;
        let skipped = std::io::copy(&mut out.take(rest), &mut std::io::sink())
            .map_err(|e| broken(&e.to_string()))?;
        if body.len() as u64 != keep || skipped != rest {
            return Err(broken("the blob ended early"));
        }
        tree.insert_prefix(rel.clone(), body, size);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::source::Source;

    /// What `git cat-file --batch` prints for `blobs`.
    fn batch(blobs: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        for (id, body) in blobs {
            out.extend(format!("{id} blob {}\n", body.len()).as_bytes());
            out.extend(*body);
            out.push(b'\n');
        }
        out
    }

    #[test]
    fn blobs_land_in_memory_and_a_huge_one_keeps_only_what_the_loader_needs() {
        let huge = vec![b'#'; MAX_FILE_BYTES + 5000];
        let stream = batch(&[("a1", &huge), ("b2", b"id: R-1\n")]);
        let files = [
            ("a1".to_string(), "content/big.yaml".to_string()),
            ("b2".to_string(), "content/r.yaml".to_string()),
        ];
        let mut tree = Memory::new("HEAD");
        read_blobs(&mut std::io::Cursor::new(stream), &files, &mut tree).unwrap();
        assert_eq!(tree.read("content/r.yaml", 100).unwrap(), b"id: R-1\n");
        let big = tree.read("content/big.yaml", usize::MAX - 1).unwrap();
        assert_eq!(big.len(), MAX_FILE_BYTES + 1);
        assert_eq!(tree.size("content/big.yaml"), Some(huge.len() as u64));
    }

    #[test]
    fn records_are_the_published_yaml_of_each_quarter_folder() {
        assert!(is_record("content/quarters/2026-Q2/published.yaml"));
        assert!(!is_record("content/quarters/published.yaml"));
        assert!(!is_record("content/quarters/2026-Q2/risks/published.yaml"));
        assert!(!is_record("content/quarters/2026-Q2/xpublished.yaml"));
        assert!(!is_record("content/pages/published.yaml"));
    }

    #[test]
    fn a_missing_or_short_blob_is_an_error() {
        let files = [("a1".to_string(), "content/a.yaml".to_string())];
        let mut tree = Memory::new("HEAD");
        let missing = read_blobs(&mut "a1 missing\n".as_bytes(), &files, &mut tree);
        assert_eq!(
            missing.unwrap_err().to_string(),
            "`git cat-file --batch` failed: a1 missing"
        );
        let short = read_blobs(&mut "a1 blob 10\nabc".as_bytes(), &files, &mut tree);
        assert_eq!(
            short.unwrap_err().to_string(),
            "`git cat-file --batch` failed: the blob ended early"
        );
    }
}
