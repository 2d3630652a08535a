//! `new risk`: a risk file in the latest quarter with the next free id, every required field
//! present and explained, and placeholders that `check` refuses until the author fills them.

use super::item::{self, Item, NewItem};
use super::{templates, Error};
use std::path::Path;

const RISK: Item = Item {
    noun: "risk",
    folder: "risks",
    prefix: "R-",
    example: "Ransomware on build infrastructure",
};

pub(crate) fn new_risk(root: &Path, title: &str) -> Result<NewItem, Error> {
    item::add(root, title, &RISK, |id, title, _| {
        let (categories, limit) = scale(root);
        templates::risk(id, title, &categories, limit)
    })
}

/// The site's categories (key, name) and risk appetite, for the new file's comments; none when
/// the settings cannot be read (`check` says why).
fn scale(root: &Path) -> (Vec<(String, String)>, Option<u8>) {
    let text = std::fs::read_to_string(root.join(crate::config::FILE_NAME)).unwrap_or_default();
    let Ok(config) = crate::config::Config::parse(&text) else {
        return (Vec::new(), None);
    };
    let categories = config
        .categories
        .iter()
        .map(|(k, c)| (k.clone(), c.name.trim().to_string()))
        .collect();
    let limit = config.risk_appetite.or_else(|| {
        config
            .appetite
            .as_ref()
            .and_then(|a| u8::try_from(a.limit).ok())
    });
    (categories, limit)
}
