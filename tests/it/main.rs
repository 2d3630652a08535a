//! The integration suite: runs the real `quarterdeck` binary on fixture sites.

mod boardpack;
mod build;
mod check;
mod codes;
mod commands;
mod crashers;
mod decisions;
mod diff;
mod escalation;
mod format;
mod golden;
mod hardening;
mod hostile;
mod language;
mod layers;
mod mutate;
mod noise;
mod pdf;
mod publish;
mod record;
mod scaffold;
mod serve;
mod shown;
mod support;
mod work;
mod write;
