//! The integration suite: the real `quarterdeck` binary on fixture sites, and `check` in this
//! process on sites held in memory (`support`).

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
mod messages;
mod money;
mod mutate;
mod noise;
mod pdf;
mod pipes;
mod playbook;
mod publish;
mod record;
mod scaffold;
mod serve;
mod shown;
mod support;
mod template_files;
mod work;
mod write;
