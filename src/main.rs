use clap::Parser;

// A build allocates and frees many large strings (pages, charts) on several threads at once;
// mimalloc does that with a sixth less CPU than the system allocator (docs/performance.md).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    quarterdeck::cmd::run(quarterdeck::cli::Cli::parse())
}
