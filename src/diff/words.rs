//! Edit scripts for the narrative diff, used twice: over the sentences or lines of a text,
//! then over the words (`tokens`) of a sentence that was edited rather than replaced.
//!
//! The script comes from `similar`'s Myers diff, which bounds its work on hard inputs by
//! heuristics (not a clock, so the result is deterministic) and stays linear in memory: a long
//! edit still pairs the words it keeps instead of turning into "all removed, all added".
//! The tokenizer is ours: it knows the domain's numbers, amounts and ids.

use similar::{capture_diff_slices, Algorithm, DiffOp};
use std::hash::Hash;

/// One step of an edit script from `a` to `b`: indices into `a` and/or `b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edit {
    Same(usize, usize),
    Removed(usize),
    Added(usize),
}

/// The edit script turning `a` into `b`; removals come before additions at each change, which
/// is how a reader expects "[-old-]{+new+}" to read.
pub(crate) fn diff<T: Eq + Hash>(a: &[T], b: &[T]) -> Vec<Edit> {
    let mut edits = Vec::with_capacity(a.len().max(b.len()));
    for op in capture_diff_slices(Algorithm::Myers, a, b) {
        let (_, old, new) = op.as_tag_tuple();
        match op {
            DiffOp::Equal { .. } => edits.extend(old.zip(new).map(|(i, j)| Edit::Same(i, j))),
            _ => {
                edits.extend(old.map(Edit::Removed));
                edits.extend(new.map(Edit::Added));
            }
        }
    }
    edits
}

/// Share of words two sentences have in common, 0 to 1 (Dice coefficient over the LCS).
pub(crate) fn similarity(a: &[&str], b: &[&str]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let same = diff(a, b)
        .iter()
        .filter(|e| matches!(e, Edit::Same(..)))
        .count();
    (2 * same) as f64 / (a.len() + b.len()) as f64
}

/// Words, single spaces and single punctuation marks. A word keeps inner `.`, `,`, `'`, `-`
/// between letters or digits, so `9.5`, `$380,000`'s digits, `R-008` and `don't` stay whole
/// while the `**` around them does not.
pub(crate) fn tokens(s: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let end = |k: usize| chars.get(k).map_or(s.len(), |c| c.0);
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let start = k;
        let c = chars[k].1;
        k += 1;
        if c.is_alphanumeric() {
            while k < chars.len() {
                let d = chars[k].1;
                let joins = matches!(d, '.' | ',' | '\'' | '’' | '-')
                    && chars.get(k + 1).is_some_and(|n| n.1.is_alphanumeric());
                if d.is_alphanumeric() {
                    k += 1;
                } else if joins {
                    k += 2;
                } else {
                    break;
                }
            }
        } else if c.is_whitespace() {
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
        }
        out.push(&s[chars[start].0..end(k)]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    /// Renders an edit script the way the text format does, to compare with expectations.
    fn show(a: &str, b: &str) -> String {
        let (a, b) = (words(a), words(b));
        diff(&a, &b)
            .iter()
            .map(|e| match *e {
                Edit::Same(i, _) => a[i].to_string(),
                Edit::Removed(i) => format!("[-{}-]", a[i]),
                Edit::Added(j) => format!("{{+{}+}}", b[j]),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn one_word_replaced() {
        assert_eq!(
            show("fixed in 9.5 days", "fixed in 6.1 days"),
            "fixed in [-9.5-] {+6.1+} days"
        );
    }

    #[test]
    fn insertions_and_deletions_anywhere() {
        assert_eq!(show("a b c", "x a c d"), "{+x+} a [-b-] c {+d+}");
        assert_eq!(show("", "a b"), "{+a+} {+b+}");
        assert_eq!(show("a b", ""), "[-a-] [-b-]");
        assert_eq!(show("same words", "same words"), "same words");
    }

    /// Both sides as the script rebuilds them: the left from what it keeps and removes, the
    /// right from what it keeps and adds.
    fn rebuilt<T: Copy>(edits: &[Edit], a: &[T], b: &[T]) -> (Vec<T>, Vec<T>) {
        let left = edits
            .iter()
            .filter_map(|e| match *e {
                Edit::Same(i, _) | Edit::Removed(i) => Some(a[i]),
                Edit::Added(_) => None,
            })
            .collect();
        let right = edits
            .iter()
            .filter_map(|e| match *e {
                Edit::Same(_, j) | Edit::Added(j) => Some(b[j]),
                Edit::Removed(_) => None,
            })
            .collect();
        (left, right)
    }

    #[test]
    fn script_reconstructs_both_sides() {
        let (a, b) = (
            words("the quick brown fox jumps over the lazy dog"),
            words("a quick red fox jumped over the dog again"),
        );
        let edits = diff(&a, &b);
        assert_eq!(rebuilt(&edits, &a, &b), (a.clone(), b.clone()));
        let same = edits.iter().filter(|e| matches!(e, Edit::Same(..))).count();
        assert_eq!(same, 5, "quick fox over the dog");
    }

    #[test]
    fn a_long_edit_keeps_the_words_it_keeps() {
        // 2,500 words changed at both ends and in the middle: no common prefix or suffix to
        // trim, and a full LCS table would need 6.25M cells. Every unchanged word must still
        // be found, and the script must be no longer than the edit.
        let a: Vec<String> = (0..2500).map(|i| format!("w{i}")).collect();
        let mut b = a.clone();
        for i in [0, 1250, 2499] {
            b[i] = format!("x{i}");
        }
        b.insert(600, "inserted".into());
        let edits = diff(&a, &b);
        let count = |f: fn(&Edit) -> bool| edits.iter().filter(|e| f(e)).count();
        assert_eq!(count(|e| matches!(e, Edit::Same(..))), 2497);
        assert_eq!(count(|e| matches!(e, Edit::Removed(_))), 3);
        assert_eq!(count(|e| matches!(e, Edit::Added(_))), 4);
        assert!(edits.contains(&Edit::Removed(1250)));
        assert!(edits.contains(&Edit::Added(600)));
    }

    #[test]
    fn a_reversed_text_is_bounded_work_and_still_a_valid_script() {
        // The worst case for an LCS: the script must still rebuild both sides.
        let a: Vec<u32> = (0..5000).collect();
        let b: Vec<u32> = (0..5000).rev().collect();
        let edits = diff(&a, &b);
        assert_eq!(rebuilt(&edits, &a, &b), (a, b));
    }

    #[test]
    fn tokens_keep_numbers_and_ids_whole() {
        assert_eq!(
            tokens("**$380,000** R-008's end-of-life, 9.5."),
            vec![
                "*",
                "*",
                "$",
                "380,000",
                "*",
                "*",
                " ",
                "R-008's",
                " ",
                "end-of-life",
                ",",
                " ",
                "9.5",
                "."
            ]
        );
    }

    #[test]
    fn similarity_is_a_share_of_common_words() {
        assert_eq!(similarity(&words("a b c d"), &words("a b c d")), 1.0);
        assert_eq!(similarity(&words("a b c d"), &words("a b x y")), 0.5);
        assert_eq!(similarity(&words("a b"), &words("x y")), 0.0);
    }
}
