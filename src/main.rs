use clap::Parser;

fn main() -> std::process::ExitCode {
    quarterdeck::cmd::run(quarterdeck::cli::Cli::parse())
}
