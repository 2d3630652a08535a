//! One file per command; each returns the process exit code.

pub mod build;
pub mod check;
pub mod diff;
pub mod init;
pub mod new;
pub mod publish;
pub mod restate;
pub mod root;
pub mod schema;
pub mod serve;
pub mod templates;

use crate::cli::{Cli, Command};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit status of the contract: 0 success, 1 content errors, 2 usage or I/O failure.
pub const OK: u8 = 0;
pub const CONTENT: u8 = 1;
pub const FAILURE: u8 = 2;

pub fn run(cli: Cli) -> ExitCode {
    let code = match cli.command {
        Command::Init(_) if cli.root.is_some() => fail("`init` does not take --root: it creates the folder given as DIR\n  = help: quarterdeck init DIR"),
        Command::Init(args) => init::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Templates(what) => templates::run(&what),
        command => match root::site_root(cli.root) {
            Ok(root) => run_in_site(root, command),
            Err(refused) => fail(refused),
        },
    };
    // A reader that went away (`| head`) is no failure; a disk that filled up is.
    if code == OK && crate::out::failed() {
        eprintln!("error: the output could not be written");
        return ExitCode::from(FAILURE);
    }
    ExitCode::from(code)
}

/// The commands that work on an existing site, from its root.
fn run_in_site(root: PathBuf, command: Command) -> u8 {
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

/// Prints an error. Its text may quote a file name or a template's message from the
/// repository, so no line of it can start a workflow command or drive the terminal
/// (`diag::neutral::lines`).
pub fn fail(message: impl std::fmt::Display) -> u8 {
    let text = format!("error: {message}");
    eprintln!("{}", crate::diag::neutral::lines(&text));
    FAILURE
}
