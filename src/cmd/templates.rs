//! `quarterdeck templates export [DIR]` and `quarterdeck templates catalog [LANG]`.

use super::CmdError;
use crate::cli::TemplatesCommand;
use crate::scaffold::export;

pub(crate) fn run(command: &TemplatesCommand) -> Result<(), CmdError> {
    match command {
        TemplatesCommand::Export { dir, force } => {
            let written = export::export(dir, *force)?;
            eprintln!(
                "wrote {} files to {}; a file kept there replaces the built-in one of the same name",
                written.len(),
                dir.display()
            );
        }
        TemplatesCommand::Catalog { language } => {
            let text = export::catalog(language).ok_or_else(|| {
                CmdError::failure(format!("no built-in catalog for `{language}`")).help(
                    "en, de and fr are built in; start from `quarterdeck templates catalog en`",
                )
            })?;
            print!("{text}");
        }
    }
    Ok(())
}
