//! `quarterdeck init DIR`: write a new site with a small, realistic example.

use super::CmdError;
use crate::cli::InitArgs;
use crate::scaffold::init;

pub(crate) fn run(args: &InitArgs) -> Result<(), CmdError> {
    init::init(&args.dir, args.language.as_str())?;
    let shown = args.dir.display().to_string();
    // Quoted when it would not survive being pasted into a shell as it is.
    let dir = if shown
        .chars()
        .all(|c| c.is_alphanumeric() || "-_./".contains(c))
    {
        shown.clone()
    } else {
        format!("'{}'", shown.replace('\'', r"'\''"))
    };
    println!("created a new quarterdeck site in {shown} (2 quarters of example content)");
    println!();
    println!("next steps:");
    let steps = [
        (
            format!("cd {dir} && quarterdeck build"),
            "write the site into output/, then open output/index.html",
        ),
        (
            format!("quarterdeck new quarter {}", init::NEXT_QUARTER),
            "start the next report from the latest quarter",
        ),
        ("quarterdeck check".to_string(), "validate after each edit"),
        (
            format!("quarterdeck publish {}", init::LATEST_QUARTER),
            "after the board meeting: record the quarter as presented (changes then need `quarterdeck restate`)",
        ),
    ];
    let width = steps.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
    for (command, why) in steps {
        println!("  {command:<width$}  # {why}");
    }
    println!();
    println!("then replace the example with your own content: {shown}/README.md walks through a quarter,");
    println!("and `quarterdeck <command> --help` explains each command");
    Ok(())
}
