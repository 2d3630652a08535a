//! A small longest-common-subsequence diff, used twice: over the sentences or lines of a text,
//! then over the words (`tokens`) of a sentence that was edited rather than replaced.
//!
//! Plain dynamic programming is enough here: narratives are a few hundred words, and the common
//! prefix and suffix are trimmed first. A hostile input that would still need a huge table is
//! shown as "all removed, all added" instead of exhausting memory.

/// One step of an edit script from `a` to `b`: indices into `a` and/or `b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Same(usize, usize),
    Removed(usize),
    Added(usize),
}

/// Above this many table cells (about 16 MB of `u32`), the middle is treated as replaced.
const MAX_CELLS: usize = 4_000_000;

/// The edit script turning `a` into `b`; removals come before additions at each change, which
/// is how a reader expects "[-old-]{+new+}" to read.
pub fn diff<T: PartialEq>(a: &[T], b: &[T]) -> Vec<Edit> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut edits: Vec<Edit> = (0..prefix).map(|i| Edit::Same(i, i)).collect();
    middle(ma, mb, prefix, &mut edits);
    let (sa, sb) = (a.len() - suffix, b.len() - suffix);
    edits.extend((0..suffix).map(|k| Edit::Same(sa + k, sb + k)));
    edits
}

fn middle<T: PartialEq>(a: &[T], b: &[T], offset: usize, edits: &mut Vec<Edit>) {
    let (n, m) = (a.len(), b.len());
    let too_big = (n + 1).saturating_mul(m + 1) > MAX_CELLS;
    if n == 0 || m == 0 || too_big {
        edits.extend((0..n).map(|i| Edit::Removed(offset + i)));
        edits.extend((0..m).map(|j| Edit::Added(offset + j)));
        return;
    }
    // len[i][j]: length of the LCS of a[i..] and b[j..], filled from the end so that the walk
    // below can go forwards.
    let w = m + 1;
    let mut len = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            len[i * w + j] = if a[i] == b[j] {
                len[(i + 1) * w + j + 1] + 1
            } else {
                len[(i + 1) * w + j].max(len[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] {
            edits.push(Edit::Same(offset + i, offset + j));
            i += 1;
            j += 1;
        } else if len[(i + 1) * w + j] >= len[i * w + j + 1] {
            edits.push(Edit::Removed(offset + i));
            i += 1;
        } else {
            edits.push(Edit::Added(offset + j));
            j += 1;
        }
    }
    edits.extend((i..n).map(|i| Edit::Removed(offset + i)));
    edits.extend((j..m).map(|j| Edit::Added(offset + j)));
}

/// Share of words two sentences have in common, 0 to 1 (Dice coefficient over the LCS).
pub fn similarity(a: &[&str], b: &[&str]) -> f64 {
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
pub fn tokens(s: &str) -> Vec<&str> {
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

    #[test]
    fn script_reconstructs_both_sides() {
        let (a, b) = (
            words("the quick brown fox jumps over the lazy dog"),
            words("a quick red fox jumped over the dog again"),
        );
        let edits = diff(&a, &b);
        let left: Vec<&str> = edits
            .iter()
            .filter_map(|e| match *e {
                Edit::Same(i, _) | Edit::Removed(i) => Some(a[i]),
                Edit::Added(_) => None,
            })
            .collect();
        let right: Vec<&str> = edits
            .iter()
            .filter_map(|e| match *e {
                Edit::Same(_, j) | Edit::Added(j) => Some(b[j]),
                Edit::Removed(_) => None,
            })
            .collect();
        assert_eq!((left, right), (a, b));
        let same = edits.iter().filter(|e| matches!(e, Edit::Same(..))).count();
        assert_eq!(same, 5, "quick fox over the dog");
    }

    #[test]
    fn huge_inputs_degrade_to_replace_without_a_huge_table() {
        let a: Vec<u32> = (0..5000).collect();
        let b: Vec<u32> = (0..5000).rev().collect();
        let edits = diff(&a, &b);
        assert_eq!(edits.len(), 10_000);
        assert!(matches!(edits[0], Edit::Removed(0)));
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
