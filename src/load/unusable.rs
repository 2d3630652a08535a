//! A file of the site that cannot be used (it cannot be read, leads outside the site, is too
//! large or is not UTF-8), said once here: the same mistake gets the same code, words and fix
//! whether the file is under `content/` or `templates/`, or is the site's settings or a catalog.

use super::io_words;
use super::source::{ReadError, Refused};
use crate::diag::{Diagnostic, Pos};

/// An entry a walk does not follow.
pub(crate) fn refused(refused: Refused) -> Diagnostic {
    match refused {
        Refused::LinkToFolder(rel) => Diagnostic::error(
            "symlink",
            rel,
            "symbolic links to folders are not followed",
        ),
        // A link that leads out of the site would let the site pull in arbitrary files from
        // the machine (and `templates/` would publish them).
        Refused::Outside(rel) => Diagnostic::error("symlink", rel, "this symbolic link points outside the site; quarterdeck reads nothing outside the site root")
            .hint("copy the file into the site instead"),
        Refused::BrokenLink { rel, message, .. } => Diagnostic::error(
            "unreadable",
            rel,
            format!("broken symbolic link: {message}"),
        )
        .hint(io_words::BROKEN_LINK_FIX),
        Refused::Unreadable { rel, message, kind } => {
            Diagnostic::error("unreadable", rel, format!("cannot read: {message}"))
                .hint(io_words::fix(kind))
        }
    }
}

/// A file the walk listed that could not be read.
pub(crate) fn unreadable(rel: &str, e: &ReadError) -> Diagnostic {
    let (what, fix) = match e {
        ReadError::Outside => (e.to_string(), "copy the file into the site instead"),
        ReadError::Io(io) => (io_words::said(io), io_words::fix(io.kind())),
    };
    Diagnostic::error("unreadable", rel, format!("cannot read the file: {what}")).hint(fix)
}

/// A file over `limit` bytes (`size` is its full size, when the source knows it). The fix
/// depends on what the file is for, so the caller gives it.
pub(crate) fn too_large(rel: &str, limit: usize, size: Option<u64>, fix: &str) -> Diagnostic {
    let size = size.map_or(String::new(), |n| format!(" ({n} bytes)"));
    Diagnostic::error(
        "file-too-large",
        rel,
        format!("the file is larger than the limit of {limit} bytes{size}"),
    )
    .hint(fix)
}

/// A file that is not UTF-8, at the first byte that is not.
pub(crate) fn not_utf8(rel: &str, line: usize, column: usize) -> Diagnostic {
    Diagnostic::error("not-utf8", rel, "the file is not valid UTF-8 text")
        .at(Some(Pos::new(line, column)))
        .hint("save the file as UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_file_is_named_with_the_fix() {
        let e = ReadError::Io(std::io::ErrorKind::PermissionDenied.into());
        let d = unreadable("templates/onepager.html", &e);
        assert_eq!(
            (d.code, d.file.as_str(), d.message.as_str(), d.hint.as_deref()),
            (
                "unreadable",
                "templates/onepager.html",
                "cannot read the file: permission denied",
                Some("let the user running quarterdeck read it (`chmod a+r FILE`, or `chmod a+rx` for a folder)")
            )
        );
    }
}
