//! `quarterdeck templates export [DIR]` and `quarterdeck templates catalog [LANG]`.

use super::{fail, OK};
use crate::cli::TemplatesCommand;
use crate::scaffold::export;

pub fn run(command: &TemplatesCommand) -> u8 {
    match command {
        TemplatesCommand::Export { dir, force } => match export::export(dir, *force) {
            Ok(written) => {
                eprintln!(
                    "wrote {} files to {}; a file kept there replaces the built-in one of the same name",
                    written.len(),
                    dir.display()
                );
                OK
            }
            Err(e) => fail(e),
        },
        TemplatesCommand::Catalog { language } => match export::catalog(language) {
            Some(text) => {
                print!("{text}");
                OK
            }
            None => fail(format!(
                "no built-in catalog for `{language}`\n  = help: en, de and fr are built in; start from `quarterdeck templates catalog en`"
            )),
        },
    }
}
