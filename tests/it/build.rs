//! `quarterdeck build`: the pages, data.json, escaping, determinism and the atomic swap.
