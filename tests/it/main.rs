//! The integration suite: runs the real `quarterdeck` binary on fixture sites.

mod build;
mod check;
mod crashers;
mod diff;
mod hardening;
mod mutate;
mod scaffold;
mod serve;
mod support;
mod write;
