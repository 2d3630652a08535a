//! Where keys and values are written in quarterdeck.toml, for diagnostics that point at them.

use crate::diag::Pos;

/// Where keys and values are written in quarterdeck.toml. The typed settings forget positions,
/// so the table they were read from, which keeps them, is kept beside them.
pub(crate) struct Spans<'a> {
    text: &'a str,
    root: toml::de::DeTable<'a>,
}

impl<'a> Spans<'a> {
    /// `root`: `text` as parsed (`Config::parse`).
    pub(crate) fn new(text: &'a str, root: toml::de::DeTable<'a>) -> Self {
        Spans { text, root }
    }

    /// The key and the value at `path` (table names, then the key).
    fn entry(
        &self,
        path: &[&str],
    ) -> Option<(
        &toml::Spanned<toml::de::DeString<'a>>,
        &toml::Spanned<toml::de::DeValue<'a>>,
    )> {
        let (last, tables) = path.split_last()?;
        let mut table = &self.root;
        for name in tables {
            match table.get(*name)?.get_ref() {
                toml::de::DeValue::Table(t) => table = t,
                _ => return None,
            }
        }
        table.get_key_value(*last)
    }

    pub(crate) fn key(&self, path: &[&str]) -> Option<Pos> {
        self.entry(path).map(|(k, _)| self.pos(k.span().start))
    }

    pub(crate) fn value(&self, path: &[&str]) -> Option<Pos> {
        self.entry(path).map(|(_, v)| self.pos(v.span().start))
    }

    /// The `k`-th element of the array at `path`.
    pub(crate) fn item(&self, path: &[&str], k: usize) -> Option<Pos> {
        match self.entry(path)?.1.get_ref() {
            toml::de::DeValue::Array(a) => a.get(k).map(|v| self.pos(v.span().start)),
            _ => None,
        }
    }

    /// The `k`-th element of the array at `path` as it is written (`250.000`, which TOML reads
    /// as 250).
    pub(crate) fn item_text(&self, path: &[&str], k: usize) -> Option<&'a str> {
        match self.entry(path)?.1.get_ref() {
            toml::de::DeValue::Array(a) => self.text.get(a.get(k)?.span()),
            _ => None,
        }
    }

    /// The value of `field` in the `k`-th table of the array of tables at `path`
    /// (`[[acceptance]]`), else that table's first key.
    pub(crate) fn table_item(&self, path: &[&str], k: usize, field: &str) -> Option<Pos> {
        let toml::de::DeValue::Array(a) = self.entry(path)?.1.get_ref() else {
            return None;
        };
        let toml::de::DeValue::Table(t) = a.get(k)?.get_ref() else {
            return None;
        };
        match t.get_key_value(field) {
            Some((_, v)) => Some(self.pos(v.span().start)),
            None => t.iter().next().map(|(key, _)| self.pos(key.span().start)),
        }
    }

    /// The `j`-th element of the `k`-th element of the array at `path` (an array of pairs);
    /// the `k`-th element itself when it is not an array.
    pub(crate) fn item_of_item(&self, path: &[&str], k: usize, j: usize) -> Option<Pos> {
        let toml::de::DeValue::Array(a) = self.entry(path)?.1.get_ref() else {
            return None;
        };
        let outer = a.get(k)?;
        match outer.get_ref() {
            toml::de::DeValue::Array(inner) => inner.get(j).map(|v| self.pos(v.span().start)),
            _ => Some(self.pos(outer.span().start)),
        }
    }

    /// The `j`-th element of the `k`-th element of the array at `path` as it is written
    /// (`1000.000`, which TOML reads as 1000).
    pub(crate) fn item_of_item_text(&self, path: &[&str], k: usize, j: usize) -> Option<&'a str> {
        let toml::de::DeValue::Array(a) = self.entry(path)?.1.get_ref() else {
            return None;
        };
        let toml::de::DeValue::Array(inner) = a.get(k)?.get_ref() else {
            return None;
        };
        self.text.get(inner.get(j)?.span())
    }

    fn pos(&self, offset: usize) -> Pos {
        let before = self.text.get(..offset).unwrap_or(self.text);
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Pos::new(
            before.matches('\n').count() + 1,
            before[line_start..].chars().count() + 1,
        )
    }
}
