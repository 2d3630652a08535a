//! Writing content for the author: a new site (`init`), a new quarter or risk (`new`), and the
//! JSON Schemas editors use to check files as they are typed (`schema`).
//!
//! Unlike the pipeline, these write into `content/`. They refuse rather than overwrite, build
//! what they write in memory first, and print only what they created.

pub(crate) mod action;
mod exceptions;
pub(crate) mod export;
mod files;
mod guard;
pub(crate) mod init;
mod item;
pub(crate) mod quarter;
pub(crate) mod record;
pub(crate) mod risk;
pub(crate) mod schema;
mod site;
mod templates;
mod yaml;

pub(crate) use item::NewItem;

use std::path::Path;

/// Why a scaffold command did nothing: exit status 2 (usage or I/O), except `Recorded`. Its
/// text is the message alone; the command shows the `hint` under it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request would write into a quarter that is the record of a board meeting: the
    /// content's state, not the command line, is in the way (exit status 1).
    #[error("{message}")]
    Recorded { message: String, hint: String },
    /// The request does not fit the site as it is; the hint says what to do instead.
    #[error("{message}")]
    Refused {
        message: String,
        hint: Option<String>,
    },
    #[error("cannot {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    pub fn refused(message: impl Into<String>, hint: impl Into<String>) -> Error {
        Error::Refused {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            action: "write",
            path: path.display().to_string(),
            source,
        }
    }

    fn read(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            action: "read",
            path: path.display().to_string(),
            source,
        }
    }
}
