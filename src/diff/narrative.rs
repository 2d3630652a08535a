//! The narrative (headline, summary, asks) as a readable word-level diff.
//!
//! A text is cut into units (sentences of the summary, one ask each), the units are diffed,
//! and a removed unit that resembles an added one is shown as one edited line, word by word.
//! Renderers show changed lines and elide the unchanged ones, so a one-word edit in a long
//! summary stays one line of output.

use super::words::{diff, similarity, tokens, Edit};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Op {
    Same,
    Removed,
    Added,
}

/// A run of words with one fate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Span {
    pub op: Op,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum LineKind {
    Same,
    Changed,
    Removed,
    Added,
}

/// One unit (sentence, line or ask) of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Line {
    pub kind: LineKind,
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct TextDiff {
    pub from: String,
    pub to: String,
    /// Every unit of both texts in reading order, unchanged ones included.
    pub lines: Vec<Line>,
}

/// Edits below this share of common words are shown as a removed and an added line: an
/// interleaving of mostly-changed words is harder to read than the two sentences.
const SIMILAR: f64 = 0.5;

/// Pairing is quadratic in the size of a changed block, and each comparison in the length of
/// the two units; past these limits (far beyond real prose), units are not paired.
const MAX_PAIRS: usize = 400;
const MAX_PAIR_WORDS: usize = 250_000;

/// The diff of two prose texts, by sentence; `None` when no word changed.
pub(crate) fn prose(from: &str, to: &str) -> Option<TextDiff> {
    build(from.into(), to.into(), sentences(from), sentences(to))
}

/// The diff of two lists (the board asks), one unit per item; `None` when nothing changed.
pub(crate) fn list(from: &[String], to: &[String]) -> Option<TextDiff> {
    let unit = |s: &String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let units = |l: &[String]| l.iter().map(unit).filter(|u| !u.is_empty()).collect();
    build(from.join("\n"), to.join("\n"), units(from), units(to))
}

fn build(from: String, to: String, a: Vec<String>, b: Vec<String>) -> Option<TextDiff> {
    let mut lines = Vec::new();
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    for e in diff(&a, &b) {
        match e {
            Edit::Same(i, _) => {
                flush(&mut removed, &mut added, &mut lines);
                lines.push(whole(LineKind::Same, Op::Same, &a[i]));
            }
            Edit::Removed(i) => removed.push(a[i].as_str()),
            Edit::Added(j) => added.push(b[j].as_str()),
        }
    }
    flush(&mut removed, &mut added, &mut lines);
    let changed = lines.iter().any(|l| l.kind != LineKind::Same);
    changed.then_some(TextDiff { from, to, lines })
}

fn whole(kind: LineKind, op: Op, text: &str) -> Line {
    Line {
        kind,
        spans: vec![Span {
            op,
            text: text.to_string(),
        }],
    }
}

/// Emits one block of removed and added units, pairing each removed unit with the next
/// sufficiently similar added one (in order, so the pairing never crosses itself).
fn flush(removed: &mut Vec<&str>, added: &mut Vec<&str>, lines: &mut Vec<Line>) {
    let pair = removed.len().saturating_mul(added.len()) <= MAX_PAIRS;
    let mut next = 0;
    for r in removed.iter() {
        let rw: Vec<&str> = r.split_whitespace().collect();
        let found = pair
            .then(|| {
                added[next..].iter().position(|a| {
                    let aw: Vec<&str> = a.split_whitespace().collect();
                    rw.len().saturating_mul(aw.len()) <= MAX_PAIR_WORDS
                        && similarity(&rw, &aw) >= SIMILAR
                })
            })
            .flatten();
        match found {
            Some(k) => {
                for a in &added[next..next + k] {
                    lines.push(whole(LineKind::Added, Op::Added, a));
                }
                lines.push(edited(r, added[next + k]));
                next += k + 1;
            }
            None => lines.push(whole(LineKind::Removed, Op::Removed, r)),
        }
    }
    for a in &added[next..] {
        lines.push(whole(LineKind::Added, Op::Added, a));
    }
    removed.clear();
    added.clear();
}

/// One edited unit as runs of unchanged text and hunks (removed text, then added text).
/// Spans keep their spaces, so concatenating the same and removed spans gives the old unit
/// and the same and added spans the new one.
fn edited(a: &str, b: &str) -> Line {
    let (ta, tb) = (tokens(a), tokens(b));
    let ops: Vec<(Op, &str)> = diff(&ta, &tb)
        .into_iter()
        .map(|e| match e {
            Edit::Same(i, _) => (Op::Same, ta[i]),
            Edit::Removed(i) => (Op::Removed, ta[i]),
            Edit::Added(j) => (Op::Added, tb[j]),
        })
        .collect();
    let mut spans: Vec<Span> = Vec::new();
    let (mut removed, mut added) = (String::new(), String::new());
    for (k, &(op, text)) in ops.iter().enumerate() {
        // A lone space between two changes belongs to the change: "[-a b-]{+c d+}" reads
        // better than "[-a-]{+c+} [-b-]{+d+}".
        let in_hunk = !removed.is_empty() || !added.is_empty();
        let next_changes = ops.get(k + 1).is_some_and(|(o, _)| *o != Op::Same);
        let glue = op == Op::Same && text.trim().is_empty() && in_hunk && next_changes;
        match op {
            Op::Same if !glue => {
                hunk(&mut spans, &mut removed, &mut added);
                push(&mut spans, Op::Same, text);
            }
            Op::Same => {
                removed.push_str(text);
                added.push_str(text);
            }
            Op::Removed => removed.push_str(text),
            Op::Added => added.push_str(text),
        }
    }
    hunk(&mut spans, &mut removed, &mut added);
    Line {
        kind: LineKind::Changed,
        spans,
    }
}

fn hunk(spans: &mut Vec<Span>, removed: &mut String, added: &mut String) {
    push(spans, Op::Removed, removed);
    push(spans, Op::Added, added);
    removed.clear();
    added.clear();
}

fn push(spans: &mut Vec<Span>, op: Op, text: &str) {
    if text.is_empty() {
        return;
    }
    match spans.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => spans.push(Span {
            op,
            text: text.to_string(),
        }),
    }
}

/// The sentences of a text: each non-blank line, cut after `.`, `!` or `?` when the next word
/// starts like a sentence. Whitespace is normalised, so re-wrapping a paragraph is no change.
pub(crate) fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut words: Vec<&str> = line.split_whitespace().collect();
        // A list marker is layout, not words: without it, a bullet split into sentences
        // reads alike in each, and turning a paragraph into a list is no change.
        if words.first().is_some_and(|w| matches!(*w, "-" | "*" | "+")) {
            words.remove(0);
        }
        let mut start = 0;
        for i in 0..words.len() {
            let ends = words[i]
                .trim_end_matches(['*', '_', ')', '"', '\''])
                .ends_with(['.', '!', '?'])
                && !abbreviation(words[i], words.get(i + 1).copied());
            let next_starts = words
                .get(i + 1)
                .and_then(|w| {
                    w.trim_start_matches(['*', '_', '(', '"', '\''])
                        .chars()
                        .next()
                })
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
            if ends && next_starts {
                out.push(words[start..=i].join(" "));
                start = i + 1;
            }
        }
        if start < words.len() {
            out.push(words[start..].join(" "));
        }
    }
    out
}

/// Words after which a full stop ends no sentence, in the languages a board pack is written
/// in (lower case, without the stop): `Art. 28 DSGVO`, `Nr. 5`, `vgl. Abs. 2`, `No. 3`.
const ABBREVIATIONS: &[&str] = &[
    "abs", "abschn", "anh", "art", "bd", "bzw", "ca", "chap", "cf", "dr", "ff", "fig", "ggf",
    "gem", "inkl", "kap", "lit", "mr", "mrs", "ms", "nr", "no", "para", "prof", "s", "sec", "sect",
    "st", "tab", "vgl", "vol", "vs", "zzgl", "ziff",
];

/// German month names: `am 30. Juni` is a date, not the end of a sentence after `30`.
const MONTHS: &[&str] = &[
    "januar",
    "jänner",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
];

/// Whether the full stop ending `word` belongs to it rather than ending the sentence: a known
/// abbreviation, one with inner stops (`z.B.`, `e.g.`), or a day before a month (`30. Juni`).
fn abbreviation(word: &str, next: Option<&str>) -> bool {
    let core = word.trim_start_matches(['(', '"', '\'', '*', '_']);
    let Some(bare) = core.strip_suffix('.') else {
        return false;
    };
    let lower = bare.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) || (bare.contains('.') && bare.len() <= 5) {
        return true;
    }
    let next = next.map(|n| n.trim_matches(['*', '_', ',', '.']).to_lowercase());
    !bare.is_empty()
        && bare.len() <= 2
        && bare.bytes().all(|b| b.is_ascii_digit())
        && next.is_some_and(|n| MONTHS.contains(&n.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_and_dates_end_no_sentence() {
        assert_eq!(
            sentences("Art. 28 in Arbeit, vgl. Nr. 5. Frist bis 30. Juni 2027. Neu: z.B. Backups."),
            vec![
                "Art. 28 in Arbeit, vgl. Nr. 5.",
                "Frist bis 30. Juni 2027.",
                "Neu: z.B. Backups."
            ]
        );
        assert_eq!(
            sentences("See Sec. 4 of the plan. It rose to 30. Next quarter"),
            vec!["See Sec. 4 of the plan.", "It rose to 30.", "Next quarter"]
        );
    }

    fn kinds(d: &TextDiff) -> Vec<LineKind> {
        d.lines.iter().map(|l| l.kind).collect()
    }

    #[test]
    fn sentences_split_lines_and_full_stops() {
        assert_eq!(
            sentences("One thing. Two things!\n\n- A bullet (e.g. this one).\n  3 more."),
            vec![
                "One thing.",
                "Two things!",
                "A bullet (e.g. this one).",
                "3 more."
            ]
        );
        assert_eq!(
            sentences("Fixed in **6 days**. Next"),
            vec!["Fixed in **6 days**.", "Next"]
        );
    }

    #[test]
    fn unchanged_or_rewrapped_text_is_no_change() {
        assert_eq!(prose("Same text. Here.", "Same text. Here."), None);
        assert_eq!(prose("Same text.\nHere.", "Same  text. Here."), None);
        assert_eq!(list(&["a".into()], &["a".into()]), None);
    }

    #[test]
    fn an_edited_sentence_is_one_line_with_word_spans() {
        let d = prose(
            "Intro stays. Fixed in **9.5 days** on average. Outro stays.",
            "Intro stays. Fixed in **6.1 days** on average. Outro stays.",
        )
        .unwrap();
        assert_eq!(
            kinds(&d),
            vec![LineKind::Same, LineKind::Changed, LineKind::Same]
        );
        let ops: Vec<(Op, &str)> = d.lines[1]
            .spans
            .iter()
            .map(|s| (s.op, s.text.as_str()))
            .collect();
        assert_eq!(
            ops,
            vec![
                (Op::Same, "Fixed in **"),
                (Op::Removed, "9.5"),
                (Op::Added, "6.1"),
                (Op::Same, " days** on average."),
            ]
        );
    }

    #[test]
    fn neighbouring_changed_words_form_one_hunk() {
        let line = edited("keep a b keep", "keep c d keep");
        let ops: Vec<(Op, &str)> = line.spans.iter().map(|s| (s.op, s.text.as_str())).collect();
        assert_eq!(
            ops,
            vec![
                (Op::Same, "keep "),
                (Op::Removed, "a b"),
                (Op::Added, "c d"),
                (Op::Same, " keep")
            ]
        );
    }

    #[test]
    fn a_replaced_sentence_is_removed_and_added_whole() {
        let d = prose("Old headline about ransomware", "New words entirely here").unwrap();
        assert_eq!(kinds(&d), vec![LineKind::Removed, LineKind::Added]);
        assert_eq!(d.lines[0].spans[0].text, "Old headline about ransomware");
    }

    #[test]
    fn asks_added_and_removed() {
        let from = vec!["Approve INV-003.".to_string(), "Note R-002.".to_string()];
        let to = vec![
            "Approve INV-003.".to_string(),
            "Discuss INV-007 ahead of April.".to_string(),
        ];
        let d = list(&from, &to).unwrap();
        assert_eq!(
            kinds(&d),
            vec![LineKind::Same, LineKind::Removed, LineKind::Added]
        );
        assert_eq!(d.from, "Approve INV-003.\nNote R-002.");
    }
}
