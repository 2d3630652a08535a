//! The integration suite: runs the real `quarterdeck` binary on fixture sites.

mod check;
mod mutate;
mod support;
