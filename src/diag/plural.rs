//! Counted nouns: `1 risk`, `2 risks`. English only for now; the language issue gives `Format`
//! per-language plural rules, while command-line messages keep using [`plural`].

/// `1 risk`, `2 risks`, `0 errors`: the count and the noun, with an `s` unless the count is one.
/// For the regular nouns quarterdeck counts (risk, error, file, quarter, line, …).
pub(crate) fn plural(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_everything_else_plural() {
        assert_eq!(plural(0, "error"), "0 errors");
        assert_eq!(plural(1, "risk"), "1 risk");
        assert_eq!(plural(2, "open risk"), "2 open risks");
        assert_eq!(plural(usize::MAX, "file"), format!("{} files", usize::MAX));
    }
}
