//! `quarterdeck new quarter|risk|action`: start the next quarter, or add a risk or an action to
//! the latest one.

use super::CmdError;
use crate::cli::NewCommand;
use crate::diag::plural;
use crate::scaffold::{action, quarter, risk, NewItem};
use std::path::Path;

pub(crate) fn run(root: &Path, args: &NewCommand) -> Result<(), CmdError> {
    match args {
        NewCommand::Quarter { quarter, force } => new_quarter(root, quarter, *force),
        NewCommand::Risk { title } => new_risk(root, title),
        NewCommand::Action { title } => new_action(root, title),
    }
}

fn new_quarter(root: &Path, q: &str, force: bool) -> Result<(), CmdError> {
    let made = quarter::new_quarter(root, q, force)?;
    let carried = match &made.from {
        Some(_) => format!(
            "{}, {}, {}{}{} carried forward",
            plural(made.risks, "risk"),
            plural(made.initiatives, "initiative"),
            plural(made.investments, "investment"),
            // Said only on a site that keeps an action log.
            if made.actions > 0 {
                format!(", {}", plural(made.actions, "open action"))
            } else {
                String::new()
            },
            match made.exceptions {
                0 => String::new(),
                n => format!(", {}", plural(n, "policy exception")),
            }
        ),
        None => "nothing carried forward: no earlier quarter".into(),
    };
    println!(
        "{} {} ({carried}; fill in board_meeting, headline, summary and trends.yaml)",
        if made.replaced { "replaced" } else { "created" },
        made.folder
    );
    if let Some(from) = &made.from {
        if !made.left.is_empty() {
            eprintln!(
                "left in {from}: {}; incidents are not carried",
                made.left.join(", ")
            );
        }
    }
    for note in &made.notes {
        eprintln!("note: {note}");
    }
    schemas_note(root);
    Ok(())
}

fn new_risk(root: &Path, title: &str) -> Result<(), CmdError> {
    let made = risk::new_risk(root, title)?;
    created(
        root,
        &made,
        "statement, impact, likelihood, owner, mitigation and due",
    );
    Ok(())
}

fn new_action(root: &Path, title: &str) -> Result<(), CmdError> {
    let made = action::new_action(root, title)?;
    created(root, &made, "owner and due");
    Ok(())
}

/// Says what `new risk` or `new action` wrote and which fields (`fill_in`) are left to fill in.
fn created(root: &Path, made: &NewItem, fill_in: &str) {
    // Only the path on stdout, so that `$EDITOR "$(quarterdeck new risk "…")"` works; from
    // where the command was run, so that it works with --root too.
    if root == Path::new(".") {
        println!("{}", made.file);
    } else {
        println!("{}", root.join(&made.file).display());
    }
    eprintln!("created {}: fill in {fill_in}", made.id);
    schemas_note(root);
}

/// The files `new` writes point editors at `schemas/`; say how to get it when it is missing.
fn schemas_note(root: &Path) {
    if !root.join("schemas").is_dir() {
        eprintln!("note: run `quarterdeck schema --output schemas` so that editors can check the new files as you type");
    }
}
