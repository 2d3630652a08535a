//! `print!`, `println!`, `eprint!` and `eprintln!` for the whole crate, without the panic.
//!
//! The standard macros panic when the stream is gone: `quarterdeck schema | head` ended with
//! "failed printing to stdout: Broken pipe", a backtrace and exit 101, whichever command was
//! cut off. These macros (defined before every module in `lib.rs`, so they replace the
//! standard ones everywhere in the crate, with no call site to forget) drop what the reader
//! no longer takes, and the command finishes its work and returns its own exit code. Any
//! other write error (a full disk behind `> file`) is remembered, and `cmd::run` turns a
//! success into exit 2. Unit tests keep the standard macros, whose output the harness captures.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

static FAILED: AtomicBool = AtomicBool::new(false);

/// Where a macro writes.
// Unit tests keep the standard macros (above), so nothing names these in a test build.
#[cfg_attr(test, allow(dead_code))]
#[derive(Clone, Copy)]
pub(crate) enum Stream {
    Out,
    Err,
}

/// Writes `args` to `stream`; a closed pipe is not an error, anything else is remembered.
#[cfg_attr(test, allow(dead_code))]
pub(crate) fn write(stream: Stream, args: std::fmt::Arguments) {
    let result = match stream {
        Stream::Out => std::io::stdout().lock().write_fmt(args),
        Stream::Err => std::io::stderr().lock().write_fmt(args),
    };
    if let Err(e) = result {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            FAILED.store(true, Ordering::Relaxed);
        }
    }
}

/// Whether a write failed for another reason than a reader that went away.
pub(crate) fn failed() -> bool {
    FAILED.load(Ordering::Relaxed)
}

#[cfg(not(test))]
macro_rules! print {
    ($($arg:tt)*) => { $crate::out::write($crate::out::Stream::Out, format_args!($($arg)*)) };
}
#[cfg(not(test))]
macro_rules! println {
    () => { $crate::out::write($crate::out::Stream::Out, format_args!("\n")) };
    ($($arg:tt)*) => {
        $crate::out::write($crate::out::Stream::Out, format_args!("{}\n", format_args!($($arg)*)))
    };
}
#[cfg(not(test))]
macro_rules! eprint {
    ($($arg:tt)*) => { $crate::out::write($crate::out::Stream::Err, format_args!($($arg)*)) };
}
#[cfg(not(test))]
macro_rules! eprintln {
    () => { $crate::out::write($crate::out::Stream::Err, format_args!("\n")) };
    ($($arg:tt)*) => {
        $crate::out::write($crate::out::Stream::Err, format_args!("{}\n", format_args!($($arg)*)))
    };
}
