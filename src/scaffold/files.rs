//! Putting scaffolded files on disk without ever leaving half a folder behind.

use super::Error;
use std::io::Write;
use std::path::Path;

/// Writes `files` (paths relative to the folder) as the folder `parent/name`, replacing it if
/// it exists. The folder is assembled beside its final place and renamed in, so a failure
/// leaves the old folder (or none) rather than a mix. The names start with a dot, which the
/// loader skips, in case a crash leaves one behind.
pub(super) fn write_folder(
    parent: &Path,
    name: &str,
    files: &[(String, Vec<u8>)],
) -> Result<(), Error> {
    let target = parent.join(name);
    let fresh = parent.join(format!(".{name}.new-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&fresh);
    if let Err(e) = write_all(&fresh, files) {
        let _ = std::fs::remove_dir_all(&fresh);
        return Err(e);
    }
    let had_old = target.exists();
    if had_old {
        std::fs::rename(&target, &old).map_err(|e| Error::io(&target, e))?;
    }
    if let Err(e) = std::fs::rename(&fresh, &target) {
        if had_old {
            let _ = std::fs::rename(&old, &target);
        }
        let _ = std::fs::remove_dir_all(&fresh);
        return Err(Error::io(&target, e));
    }
    if had_old {
        std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
    }
    Ok(())
}

/// Writes each file under `dir`, creating folders as needed and never overwriting a file.
pub(super) fn write_all(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<(), Error> {
    for (rel, bytes) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        f.write_all(bytes).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}
