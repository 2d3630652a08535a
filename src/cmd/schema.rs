//! `quarterdeck schema`: print the JSON Schemas of every file kind, or write them to a folder.

use super::CmdError;
use crate::cli::SchemaArgs;
use crate::scaffold::schema;

pub(crate) fn run(args: &SchemaArgs) -> Result<(), CmdError> {
    match &args.output {
        None => {
            let all =
                serde_json::to_string_pretty(&schema::all()).expect("a JSON value serializes");
            println!("{all}");
        }
        Some(dir) => {
            schema::write_all(dir)?;
            eprintln!(
                "wrote {} schemas to {}",
                crate::layout::Kind::ALL.len(),
                dir.display()
            );
        }
    }
    Ok(())
}
