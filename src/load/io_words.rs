//! Why a file or folder could not be read, and the fix, in plain words chosen by the
//! `io::ErrorKind`: the system's own text ("No such file or directory (os error 2)") names a
//! C error, not what the person editing the site should do.

use std::io::ErrorKind;

/// What happened, as it reads after "cannot read: ".
pub(crate) fn what(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::NotFound => "it does not exist (it was moved or deleted while being read)",
        ErrorKind::PermissionDenied => "permission denied",
        ErrorKind::IsADirectory => "it is a folder, not a file",
        ErrorKind::NotADirectory => "a part of its path is a file, not a folder",
        ErrorKind::InvalidFilename => "its name is too long or not allowed here",
        _ => OTHER,
    }
}

/// What happened to `e`: [`what`] its kind says, or, for a kind without words of its own, the
/// text quarterdeck itself gave the error ("not a regular file"); never the system's text.
pub(crate) fn said(e: &std::io::Error) -> String {
    let words = what(e.kind());
    match (e.raw_os_error(), e.get_ref()) {
        (None, Some(own)) if words == OTHER => own.to_string(),
        _ => words.to_string(),
    }
}

const OTHER: &str = "the system could not read it";

/// How to fix what [`what`] said.
pub(crate) fn fix(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::NotFound => "run quarterdeck again once the files have stopped changing",
        ErrorKind::PermissionDenied => {
            "let the user running quarterdeck read it (`chmod a+r FILE`, or `chmod a+rx` for a folder)"
        }
        ErrorKind::IsADirectory | ErrorKind::NotADirectory => {
            "rename the file or folder so that each is where the content format expects it"
        }
        ErrorKind::InvalidFilename => "give it a shorter name of letters, digits, `-` and `_`",
        // Raised by the source for a named pipe, a socket or a device.
        ErrorKind::InvalidInput => "replace it with a regular file, or move it out of the site",
        _ => "check that the file can be opened, then run quarterdeck again",
    }
}

/// What happened to a symbolic link whose target cannot be reached, after "broken symbolic
/// link: ".
pub(crate) fn broken_link(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::NotFound => "the file it points to does not exist",
        ErrorKind::PermissionDenied => "permission denied on the way to the file it points to",
        _ => "the file it points to cannot be reached (a link may point to itself)",
    }
}

/// The fix for [`broken_link`].
pub(crate) const BROKEN_LINK_FIX: &str =
    "point the link at a file inside the site, or replace the link with the file itself";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_come_from_the_kind_not_the_system_text() {
        let e = std::io::Error::from_raw_os_error(2);
        assert_eq!(
            what(e.kind()),
            "it does not exist (it was moved or deleted while being read)"
        );
        assert_eq!(
            broken_link(e.kind()),
            "the file it points to does not exist"
        );
        assert!(fix(ErrorKind::PermissionDenied).contains("chmod a+r"));
        let own = std::io::Error::new(ErrorKind::InvalidInput, "not a regular file");
        assert_eq!(said(&own), "not a regular file");
        assert_eq!(said(&std::io::Error::from_raw_os_error(22)), OTHER);
    }
}
