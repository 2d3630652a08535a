//! The one error a command returns: what went wrong, how to fix it, and the exit status of the
//! contract it ends with. Commands return it; `cmd::run` prints it once and exits with its code,
//! so no command prints its own failure or picks a number.

use super::{CONTENT, FAILURE};
use std::fmt;

#[derive(Debug)]
pub struct CmdError {
    /// `None`: what went wrong has been shown already (a check's diagnostics), nothing to add.
    message: Option<String>,
    hint: Option<String>,
    code: u8,
}

impl CmdError {
    /// A usage or I/O failure, or one the site's templates caused (exit status 2).
    pub fn failure(message: impl fmt::Display) -> CmdError {
        CmdError {
            message: Some(message.to_string()),
            hint: None,
            code: FAILURE,
        }
    }

    /// The content stands in the way: it has errors, or the quarter is the record of a meeting
    /// (exit status 1).
    pub fn content(message: impl fmt::Display) -> CmdError {
        CmdError {
            code: CONTENT,
            ..CmdError::failure(message)
        }
    }

    /// The content has errors, and the diagnostics that said so are all there is to say
    /// (`check`): exit status 1 and no line of its own.
    pub fn reported() -> CmdError {
        CmdError {
            message: None,
            hint: None,
            code: CONTENT,
        }
    }

    /// What to do about it, printed as `  = help: …` under the message.
    pub fn help(mut self, hint: impl fmt::Display) -> CmdError {
        self.hint = Some(hint.to_string());
        self
    }

    /// [`CmdError::help`], when there is a hint.
    pub fn maybe_help(mut self, hint: Option<String>) -> CmdError {
        self.hint = hint.or(self.hint);
        self
    }

    pub fn code(&self) -> u8 {
        self.code
    }

    /// `error: message` and its help on stderr. Its text may quote a file name or a template's
    /// message from the repository, so no line of it can start a workflow command or drive the
    /// terminal (`diag::neutral::lines`).
    pub fn print(&self) {
        if self.message.is_some() {
            let text = format!("error: {self}");
            eprintln!("{}", crate::diag::neutral::lines(&text));
        }
    }
}

impl fmt::Display for CmdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message.as_deref().unwrap_or("the content has errors"))?;
        match &self.hint {
            Some(hint) => write!(f, "\n  = help: {hint}"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for CmdError {}

/// The library's errors that end a command as usage or I/O failures, said as they say
/// themselves; those that know how to fix what went wrong (`hinted`) give their hint as the help.
macro_rules! failures {
    ($($error:ty),*) => {$(
        impl From<$error> for CmdError {
            fn from(e: $error) -> CmdError {
                CmdError::failure(e)
            }
        }
    )*};
    (hinted: $($error:ty),*) => {$(
        impl From<$error> for CmdError {
            fn from(e: $error) -> CmdError {
                CmdError {
                    hint: e.hint(),
                    ..CmdError::failure(e)
                }
            }
        }
    )*};
}

failures!(crate::diff::git::GitError);
failures!(hinted: crate::load::LoadError, crate::write::WriteError, crate::pdf::PdfError, crate::serve::ServeError);

/// Loading the site failed: where to find a site is the command line's to say; any other
/// load error brings its own hint.
pub(super) fn site_error(e: crate::load::LoadError) -> CmdError {
    match e {
        e @ crate::load::LoadError::NotASite(_) => CmdError::from(e).help(super::NOT_A_SITE_HELP),
        e => e.into(),
    }
}

/// A scaffold command's refusal keeps its help; a quarter that is the record of a meeting is
/// the content in the way (exit status 1), everything else a usage or I/O failure.
impl From<crate::scaffold::Error> for CmdError {
    fn from(e: crate::scaffold::Error) -> CmdError {
        use crate::scaffold::Error;
        match e {
            Error::Recorded { message, hint } => CmdError::content(message).help(hint),
            Error::Refused { message, hint } => CmdError {
                hint,
                ..CmdError::failure(message)
            },
            e @ Error::Io { .. } => CmdError::failure(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_goes_under_the_message() {
        let e = CmdError::content("2026-Q2 is published").help("restate it");
        assert_eq!(e.to_string(), "2026-Q2 is published\n  = help: restate it");
        assert_eq!(e.code(), CONTENT);
        assert_eq!(CmdError::failure("no site").to_string(), "no site");
        assert_eq!(CmdError::failure("no site").code(), FAILURE);
    }

    #[test]
    fn a_recorded_quarter_is_the_content_in_the_way() {
        let e = CmdError::from(crate::scaffold::Error::Recorded {
            message: "2026-Q2 is the record".into(),
            hint: "new quarter".into(),
        });
        assert_eq!(
            (e.code(), e.to_string().as_str()),
            (CONTENT, "2026-Q2 is the record\n  = help: new quarter")
        );
        let e = CmdError::from(crate::scaffold::Error::Refused {
            message: "no".into(),
            hint: None,
        });
        assert_eq!((e.code(), e.to_string().as_str()), (FAILURE, "no"));
    }

    #[test]
    fn a_library_error_says_the_message_and_the_command_adds_its_hint() {
        let e = crate::serve::ServeError::PortInUse { port: 8000 };
        assert_eq!(
            e.to_string(),
            "cannot listen on 127.0.0.1:8000: the port is in use"
        );
        assert_eq!(
            CmdError::from(e).to_string(),
            "cannot listen on 127.0.0.1:8000: the port is in use\n  = help: stop the other server, pass --port N, or --port 0 to pick a free port"
        );
        let link = || crate::write::WriteError::Link {
            path: "out/a".into(),
        };
        let e = CmdError::from(crate::pdf::PdfError::Write(link()));
        assert_eq!(
            e.to_string(),
            "cannot add the PDFs to the output: cannot write out/a: it is a symbolic link, which quarterdeck does not follow here\n  = help: remove it; quarterdeck makes its own"
        );
        assert_eq!(CmdError::from(link()).to_string(), "cannot write out/a: it is a symbolic link, which quarterdeck does not follow here\n  = help: remove it; quarterdeck makes its own");
    }
}
