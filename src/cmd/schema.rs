//! `quarterdeck schema`: print the JSON Schemas of every file kind, or write them to a folder.

use super::{fail, OK};
use crate::cli::SchemaArgs;
use crate::scaffold::schema;

pub fn run(args: &SchemaArgs) -> u8 {
    match &args.output {
        None => {
            let all =
                serde_json::to_string_pretty(&schema::all()).expect("a JSON value serializes");
            println!("{all}");
            OK
        }
        Some(dir) => match schema::write_all(dir) {
            Ok(()) => {
                eprintln!(
                    "wrote {} schemas to {}",
                    crate::layout::Kind::ALL.len(),
                    dir.display()
                );
                OK
            }
            Err(e) => fail(e),
        },
    }
}
