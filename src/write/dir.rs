//! Folders worked in by name, never through a symbolic link. A folder is opened once; every
//! step below it is opened with `O_NOFOLLOW`, and files are created, read, renamed and removed
//! relative to the folder's handle (`openat`, `renameat`, `unlinkat`). So a link that a
//! repository planted in the output, the PDF cache or beside them, or one that appears while
//! quarterdeck works, can never send a write, a read or a delete elsewhere: the step fails
//! (`ELOOP`) or the link itself is removed.
//!
//! Elsewhere than Unix the same operations work by path, each refusing a step that is a link
//! (a link swapped in during the operation is not caught there).

use std::io;
use std::path::{Path, PathBuf};

/// What a name in a folder is, without following it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    File,
    Dir,
    /// A symbolic link, pipe, socket or device: never read or written through.
    Other,
}

/// An open folder; `path` is only for messages.
pub(crate) struct Dir {
    #[cfg(unix)]
    fd: std::os::fd::OwnedFd,
    path: PathBuf,
}

/// The error of a step that is a symbolic link (what `O_NOFOLLOW` gives on Unix).
pub(crate) fn is_link_error(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error())
    }
    #[cfg(not(unix))]
    {
        e.get_ref().is_some_and(|inner| inner.is::<imp::Link>())
    }
}

/// The steps of a `/`-separated relative path; empty steps and `.` are skipped, `..` refused.
fn steps(rel: &str) -> io::Result<impl Iterator<Item = &str>> {
    if rel.split('/').any(|s| s == "..") {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{rel} leaves its folder"),
        ));
    }
    Ok(rel.split('/').filter(|s| !s.is_empty() && *s != "."))
}

/// `rel` split into its folder (possibly empty) and its last name.
pub(crate) fn split(rel: &str) -> (&str, &str) {
    rel.rsplit_once('/').unwrap_or(("", rel))
}

impl Dir {
    /// The folder the user named. Links on the way to it are the user's own and are followed,
    /// as every tool does; everything below it is opened without following.
    pub(crate) fn open(path: &Path) -> io::Result<Dir> {
        Dir::open_with(path, false)
    }

    /// Like [`Dir::open`], but `path` itself must not be a link.
    pub(crate) fn open_nofollow(path: &Path) -> io::Result<Dir> {
        Dir::open_with(path, true)
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The folder at `rel` below this one, every step a real folder.
    pub(crate) fn dir(&self, rel: &str) -> io::Result<Dir> {
        let mut steps = steps(rel)?;
        let Some(first) = steps.next() else {
            return self.again();
        };
        let mut dir = self.child(first)?;
        for step in steps {
            dir = dir.child(step)?;
        }
        Ok(dir)
    }

    /// The folder at `rel`, made as real folders where missing; a file, link or anything else
    /// in the way is removed first (in the output, anything there that is not a folder is a
    /// stale page or a planted link).
    pub(crate) fn make_dirs(&self, rel: &str) -> io::Result<Dir> {
        let mut dir = self.again()?;
        for step in steps(rel)? {
            match dir.kind(step)? {
                Some(Kind::Dir) => {}
                Some(_) => {
                    dir.remove_file(step)?;
                    dir.make_dir(step)?;
                }
                None => dir.make_dir(step)?,
            }
            dir = dir.child(step)?;
        }
        Ok(dir)
    }

    /// The names in this folder with what each is, in no particular order.
    pub(crate) fn entries(&self) -> io::Result<Vec<(String, Kind)>> {
        self.entries_impl()
    }

    /// Reads the regular file at `rel`, of at most `max` bytes; a link anywhere on the way is
    /// an error.
    pub(crate) fn read(&self, rel: &str, max: u64) -> io::Result<Vec<u8>> {
        let (folder, name) = split(rel);
        self.dir(folder)?.read_here(name, max)
    }

    /// True when `name` here is a regular file holding exactly `bytes` (read only when the
    /// lengths agree); a link or anything else by that name is not.
    pub(crate) fn holds(&self, name: &str, bytes: &[u8]) -> io::Result<bool> {
        self.holds_impl(name, bytes)
    }

    /// Writes `bytes` as `name` whole: into a new file beside it, renamed over it, so a reader
    /// never sees half a file and a link at `name` is replaced, not written through.
    pub(crate) fn replace(&self, name: &str, bytes: &[u8], private: bool) -> io::Result<()> {
        let tmp = format!(".{name}.part-{}", std::process::id());
        let _ = self.remove_file(&tmp);
        let written = self.create(&tmp, private, true).and_then(|mut f| {
            use std::io::Write;
            f.write_all(bytes)
        });
        let result = written.and_then(|()| self.rename(&tmp, self, name));
        if result.is_err() {
            let _ = self.remove_file(&tmp);
        }
        result
    }

    /// Removes `name` and, when it is a folder, everything in it, following no link.
    pub(crate) fn remove_all(&self, name: &str) -> io::Result<()> {
        match self.kind(name)? {
            None => Ok(()),
            Some(Kind::Dir) => {
                let dir = self.child(name)?;
                for (entry, _) in dir.entries()? {
                    dir.remove_all(&entry)?;
                }
                self.remove_dir(name)
            }
            Some(_) => self.remove_file(name),
        }
    }

    fn again(&self) -> io::Result<Dir> {
        self.child(".")
    }
}

#[cfg(unix)]
mod imp {
    use super::{Dir, Kind};
    use rustix::fs::{AtFlags, FileType, Mode, OFlags};
    use std::io;
    use std::path::Path;

    fn kind_of(t: FileType) -> Kind {
        match t {
            FileType::RegularFile => Kind::File,
            FileType::Directory => Kind::Dir,
            _ => Kind::Other,
        }
    }

    const DIR: OFlags = OFlags::RDONLY
        .union(OFlags::DIRECTORY)
        .union(OFlags::CLOEXEC)
        .union(OFlags::NOFOLLOW);

    impl Dir {
        pub(super) fn open_with(path: &Path, nofollow: bool) -> io::Result<Dir> {
            let flags = if nofollow {
                DIR
            } else {
                DIR.difference(OFlags::NOFOLLOW)
            };
            let fd = match rustix::fs::open(path, flags, Mode::empty()) {
                Ok(fd) => fd,
                Err(rustix::io::Errno::NOTDIR)
                    if nofollow
                        && std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) =>
                {
                    return Err(rustix::io::Errno::LOOP.into())
                }
                Err(e) => return Err(e.into()),
            };
            Ok(Dir {
                fd,
                path: path.to_path_buf(),
            })
        }

        /// One step down; a link there is refused (`ELOOP`), anything else not a folder too.
        pub(super) fn child(&self, name: &str) -> io::Result<Dir> {
            let fd = match rustix::fs::openat(&self.fd, name, DIR, Mode::empty()) {
                Ok(fd) => fd,
                // With O_DIRECTORY, Linux reports a link as "not a folder": say what it is.
                Err(rustix::io::Errno::NOTDIR) if self.is_link(name) => {
                    return Err(rustix::io::Errno::LOOP.into())
                }
                Err(e) => return Err(e.into()),
            };
            Ok(Dir {
                fd,
                path: self.path.join(name),
            })
        }

        fn is_link(&self, name: &str) -> bool {
            rustix::fs::statat(&self.fd, name, AtFlags::SYMLINK_NOFOLLOW)
                .is_ok_and(|st| FileType::from_raw_mode(st.st_mode as _) == FileType::Symlink)
        }

        /// What `name` is, not following it; `None` when there is nothing by that name.
        pub(crate) fn kind(&self, name: &str) -> io::Result<Option<Kind>> {
            match rustix::fs::statat(&self.fd, name, AtFlags::SYMLINK_NOFOLLOW) {
                Ok(st) => Ok(Some(kind_of(FileType::from_raw_mode(st.st_mode as _)))),
                Err(rustix::io::Errno::NOENT) => Ok(None),
                Err(e) => Err(e.into()),
            }
        }

        /// Makes the folder `name` (0700 when private, else as the umask allows); fails when
        /// anything is there already.
        pub(crate) fn make_dir(&self, name: &str) -> io::Result<()> {
            Ok(rustix::fs::mkdirat(&self.fd, name, Mode::from(0o777))?)
        }

        pub(crate) fn make_private_dir(&self, name: &str) -> io::Result<()> {
            Ok(rustix::fs::mkdirat(&self.fd, name, Mode::from(0o700))?)
        }

        /// Opens `name` for writing, never through a link: `new` refuses anything already
        /// there; otherwise an existing regular file is opened as it is (not truncated).
        pub(crate) fn create(
            &self,
            name: &str,
            private: bool,
            new: bool,
        ) -> io::Result<std::fs::File> {
            // Non-blocking, so that a pipe by that name fails at once instead of waiting for a
            // reader; a regular file is written as ever.
            let mut flags = OFlags::WRONLY
                | OFlags::CREATE
                | OFlags::CLOEXEC
                | OFlags::NOFOLLOW
                | OFlags::NONBLOCK;
            if new {
                flags |= OFlags::EXCL;
            }
            let mode = Mode::from(if private { 0o600 } else { 0o666 });
            let fd = rustix::fs::openat(&self.fd, name, flags, mode)?;
            let file = std::fs::File::from(fd);
            // A pipe or device opened for writing is not a file to keep anything in.
            if !file.metadata()?.is_file() {
                return Err(io::Error::other("not a regular file"));
            }
            Ok(file)
        }

        /// Opens the regular file `name` for reading, with its length.
        fn open_file(&self, name: &str) -> io::Result<(std::fs::File, u64)> {
            // Non-blocking, so that a pipe put where a file was expected cannot hang the open.
            let flags = OFlags::RDONLY | OFlags::CLOEXEC | OFlags::NOFOLLOW | OFlags::NONBLOCK;
            let fd = rustix::fs::openat(&self.fd, name, flags, Mode::empty())?;
            let file = std::fs::File::from(fd);
            let meta = file.metadata()?;
            if !meta.is_file() {
                return Err(io::Error::other("not a regular file"));
            }
            Ok((file, meta.len()))
        }

        pub(super) fn read_here(&self, name: &str, max: u64) -> io::Result<Vec<u8>> {
            use std::io::Read;
            let (file, len) = self.open_file(name)?;
            if len > max {
                return Err(io::Error::other(format!("larger than {max} bytes")));
            }
            let mut bytes = Vec::with_capacity(len as usize);
            file.take(max).read_to_end(&mut bytes)?;
            Ok(bytes)
        }

        pub(super) fn holds_impl(&self, name: &str, want: &[u8]) -> io::Result<bool> {
            use std::io::Read;
            let (file, len) = match self.open_file(name) {
                Ok(f) => f,
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
                Err(e) if super::is_link_error(&e) || e.kind() == io::ErrorKind::Other => {
                    return Ok(false)
                }
                Err(e) => return Err(e),
            };
            if len != want.len() as u64 {
                return Ok(false);
            }
            let mut bytes = Vec::with_capacity(want.len());
            file.take(len + 1).read_to_end(&mut bytes)?;
            Ok(bytes == want)
        }

        /// Renames `from` here to `to` in `dir`, replacing a file (or link) there.
        pub(crate) fn rename(&self, from: &str, dir: &Dir, to: &str) -> io::Result<()> {
            Ok(rustix::fs::renameat(&self.fd, from, &dir.fd, to)?)
        }

        pub(crate) fn remove_file(&self, name: &str) -> io::Result<()> {
            Ok(rustix::fs::unlinkat(&self.fd, name, AtFlags::empty())?)
        }

        pub(crate) fn remove_dir(&self, name: &str) -> io::Result<()> {
            Ok(rustix::fs::unlinkat(&self.fd, name, AtFlags::REMOVEDIR)?)
        }

        pub(super) fn entries_impl(&self) -> io::Result<Vec<(String, Kind)>> {
            let mut out = Vec::new();
            for entry in rustix::fs::Dir::read_from(&self.fd)? {
                let entry = entry?;
                let name = entry.file_name().to_string_lossy().into_owned();
                if name == "." || name == ".." {
                    continue;
                }
                let kind = match entry.file_type() {
                    FileType::Unknown => self.kind(&name)?.unwrap_or(Kind::Other),
                    t => kind_of(t),
                };
                out.push((name, kind));
            }
            Ok(out)
        }
    }
}

#[cfg(not(unix))]
mod imp {
    use super::{Dir, Kind};
    use std::io;
    use std::path::Path;

    /// The error of a step that is a symbolic link.
    #[derive(Debug)]
    pub struct Link;

    impl std::fmt::Display for Link {
        fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a symbolic link is in the way")
        }
    }

    impl std::error::Error for Link {}

    fn link_error() -> io::Error {
        io::Error::other(Link)
    }

    fn kind_at(path: &Path) -> io::Result<Option<Kind>> {
        match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => Ok(Some(Kind::Other)),
            Ok(m) if m.is_dir() => Ok(Some(Kind::Dir)),
            Ok(m) if m.is_file() => Ok(Some(Kind::File)),
            Ok(_) => Ok(Some(Kind::Other)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    impl Dir {
        pub(super) fn open_with(path: &Path, nofollow: bool) -> io::Result<Dir> {
            let ok = if nofollow {
                kind_at(path)? == Some(Kind::Dir)
            } else {
                path.is_dir()
            };
            if !ok {
                return Err(link_error());
            }
            Ok(Dir {
                path: path.to_path_buf(),
            })
        }

        pub(super) fn child(&self, name: &str) -> io::Result<Dir> {
            if name == "." {
                return Ok(Dir {
                    path: self.path.clone(),
                });
            }
            Dir::open_with(&self.path.join(name), true)
        }

        pub fn kind(&self, name: &str) -> io::Result<Option<Kind>> {
            kind_at(&self.path.join(name))
        }

        pub fn make_dir(&self, name: &str) -> io::Result<()> {
            std::fs::create_dir(self.path.join(name))
        }

        pub fn make_private_dir(&self, name: &str) -> io::Result<()> {
            std::fs::create_dir(self.path.join(name))
        }

        pub fn create(&self, name: &str, _private: bool, new: bool) -> io::Result<std::fs::File> {
            let path = self.path.join(name);
            if kind_at(&path)?.is_some_and(|k| k != Kind::File) {
                return Err(link_error());
            }
            let mut o = std::fs::OpenOptions::new();
            o.write(true);
            if new {
                o.create_new(true);
            } else {
                o.create(true);
            }
            o.open(path)
        }

        pub(super) fn read_here(&self, name: &str, max: u64) -> io::Result<Vec<u8>> {
            let path = self.path.join(name);
            if kind_at(&path)? != Some(Kind::File) {
                return Err(link_error());
            }
            if std::fs::metadata(&path)?.len() > max {
                return Err(io::Error::other(format!("larger than {max} bytes")));
            }
            std::fs::read(path)
        }

        pub(super) fn holds_impl(&self, name: &str, want: &[u8]) -> io::Result<bool> {
            let path = self.path.join(name);
            match std::fs::symlink_metadata(&path) {
                Ok(m) if m.is_file() && m.len() == want.len() as u64 => {
                    Ok(std::fs::read(path)? == want)
                }
                _ => Ok(false),
            }
        }

        pub fn rename(&self, from: &str, dir: &Dir, to: &str) -> io::Result<()> {
            std::fs::rename(self.path.join(from), dir.path.join(to))
        }

        pub fn remove_file(&self, name: &str) -> io::Result<()> {
            std::fs::remove_file(self.path.join(name))
        }

        pub fn remove_dir(&self, name: &str) -> io::Result<()> {
            std::fs::remove_dir(self.path.join(name))
        }

        pub(super) fn entries_impl(&self) -> io::Result<Vec<(String, Kind)>> {
            let mut out = Vec::new();
            for e in std::fs::read_dir(&self.path)? {
                let name = e?.file_name().to_string_lossy().into_owned();
                let kind = self.kind(&name)?.unwrap_or(Kind::Other);
                out.push((name, kind));
            }
            Ok(out)
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_followed_below_the_opened_folder() {
        let temp = tempfile::tempdir().unwrap();
        let base = temp.path();
        let outside = base.join("outside");
        std::fs::create_dir_all(outside.join("sub")).unwrap();
        std::fs::write(outside.join("secret"), "s").unwrap();
        std::fs::create_dir_all(base.join("out")).unwrap();
        std::os::unix::fs::symlink(&outside, base.join("out/link")).unwrap();
        std::os::unix::fs::symlink(outside.join("new"), base.join("out/dangling")).unwrap();
        let out = Dir::open(&base.join("out")).unwrap();
        assert_eq!(out.kind("link").unwrap(), Some(Kind::Other));
        assert!(is_link_error(&out.dir("link/sub").err().unwrap()));
        assert!(is_link_error(&out.read("link/secret", 10).err().unwrap()));
        assert!(is_link_error(
            &out.create("dangling", false, false).err().unwrap()
        ));
        assert!(!outside.join("new").exists());
        // Replacing or making folders removes the link, never what it points at.
        out.replace("dangling", b"mine", false).unwrap();
        assert_eq!(std::fs::read(base.join("out/dangling")).unwrap(), b"mine");
        let made = out.make_dirs("link/sub").unwrap();
        made.replace("page", b"x", false).unwrap();
        assert!(base.join("out/link/sub/page").is_file());
        assert!(!outside.join("sub/page").exists());
        out.remove_all("link").unwrap();
        assert!(outside.join("secret").is_file());
        assert!(Dir::open_nofollow(&base.join("out/dangling")).is_err());
    }
}
