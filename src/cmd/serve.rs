//! `quarterdeck serve`: build into memory, serve on 127.0.0.1, rebuild and reload on change.

use super::{use_color, CmdError};
use crate::cli::ServeArgs;
use crate::serve::{self, Options, ServeError};
use std::path::Path;

pub(crate) fn run(root: &Path, args: &ServeArgs) -> Result<(), CmdError> {
    let options = Options {
        port: args.port,
        drafts: args.drafts,
        open: args.open,
        color: use_color(),
    };
    serve::run(root, &options).map_err(|e| match e {
        e @ ServeError::NotASite(_) => CmdError::from(e).help(super::NOT_A_SITE_HELP),
        e => e.into(),
    })
}
