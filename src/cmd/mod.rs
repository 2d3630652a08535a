//! One file per command; each returns `Result<(), CmdError>`, and [`run`] prints the error once
//! and maps it to the process exit code, the only place that knows the codes.

pub(crate) mod build;
pub mod check;
pub(crate) mod diff;
mod error;
pub(crate) mod init;
pub(crate) mod new;
pub(crate) mod publish;
pub(crate) mod restate;
pub(crate) mod root;
pub(crate) mod schema;
pub(crate) mod serve;
pub(crate) mod templates;

pub use error::CmdError;

use crate::cli::{Cli, Command};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit status of the contract: 0 success, 1 content errors, 2 usage or I/O failure.
const OK: u8 = 0;
const CONTENT: u8 = 1;
const FAILURE: u8 = 2;

/// The help under an error that found no site where it looked.
const NOT_A_SITE_HELP: &str = "run quarterdeck in the site root, or pass --root DIR";

pub fn run(cli: Cli) -> ExitCode {
    let done = match cli.command {
        Command::Init(_) if cli.root.is_some() => Err(CmdError::failure(
            "`init` does not take --root: it creates the folder given as DIR",
        )
        .help("quarterdeck init DIR")),
        Command::Init(args) => init::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Templates(what) => templates::run(&what),
        command => root::site_root(cli.root).and_then(|root| run_in_site(root, command)),
    };
    // A reader that went away (`| head`) is no failure; a disk that filled up is.
    let done = done.and_then(|()| match crate::out::failed() {
        true => Err(CmdError::failure("the output could not be written")),
        false => Ok(()),
    });
    match done {
        Ok(()) => ExitCode::from(OK),
        Err(e) => {
            e.print();
            ExitCode::from(e.code())
        }
    }
}

/// The commands that work on an existing site, from its root.
fn run_in_site(root: PathBuf, command: Command) -> Result<(), CmdError> {
    match command {
        Command::Check(args) => check::run(&root, &args),
        Command::Build(args) => build::run(&root, &args),
        Command::Serve(args) => serve::run(&root, &args),
        Command::New(what) => new::run(&root, &what),
        Command::Diff(args) => diff::run(&root, &args),
        Command::Init(args) => init::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Templates(what) => templates::run(&what),
        Command::Publish(args) => publish::run(&root, &args),
        Command::Restate(args) => restate::run(&root, &args),
    }
}

/// Colour only for people: not when piped, and never when NO_COLOR is set.
pub fn use_color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}
