//! How wide a text prints in the embedded Inter, and on how many lines it wraps in a column:
//! advance widths from the fonts themselves (no kerning, so a little generous), broken as a
//! browser breaks lines: at spaces, after a hyphen, and inside a word only when the word alone
//! is wider than the column (`overflow-wrap: anywhere`).

use std::collections::HashMap;
use std::sync::OnceLock;

static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/Inter-Regular.otf");
static SEMIBOLD: &[u8] = include_bytes!("../../../assets/fonts/Inter-SemiBold.otf");

/// Millimetres per typographic point.
pub(crate) const MM_PER_PT: f64 = 25.4 / 72.0;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Weight {
    Regular,
    SemiBold,
}

/// The advance of every character a font has, in ems.
struct Advances {
    em: HashMap<char, f64>,
    /// For a character the font lacks (the browser falls back to another font): a wide one.
    missing: f64,
}

/// The stylesheet's `font-feature-settings: "tnum", "cv11"`: tabular figures and Inter's
/// single-storey a, whose glyphs are wider than the defaults.
const FEATURES: [&[u8; 4]; 2] = [b"tnum", b"cv11"];

impl Advances {
    fn of(bytes: &'static [u8]) -> Advances {
        let mut em = HashMap::new();
        if let Ok(face) = ttf_parser::Face::parse(bytes, 0) {
            let upem = f64::from(face.units_per_em());
            let swap = substitutions(&face);
            if let Some(cmap) = face.tables().cmap {
                for sub in cmap.subtables {
                    if !sub.is_unicode() {
                        continue;
                    }
                    sub.codepoints(|cp| {
                        let (Some(c), Some(g)) = (char::from_u32(cp), sub.glyph_index(cp)) else {
                            return;
                        };
                        let g = swap.get(&g).copied().unwrap_or(g);
                        if let Some(adv) = face.glyph_hor_advance(g) {
                            em.entry(c).or_insert(f64::from(adv) / upem);
                        }
                    });
                }
            }
        }
        Advances { em, missing: 0.8 }
    }

    fn width(&self, s: &str) -> f64 {
        s.chars()
            .map(|c| self.em.get(&c).copied().unwrap_or(self.missing))
            .sum()
    }
}

/// The glyphs [`FEATURES`] put in place of others (their single substitutions).
fn substitutions(face: &ttf_parser::Face) -> HashMap<ttf_parser::GlyphId, ttf_parser::GlyphId> {
    use ttf_parser::gsub::{SingleSubstitution, SubstitutionSubtable};
    let mut out = HashMap::new();
    let Some(gsub) = face.tables().gsub else {
        return out;
    };
    let glyphs = 0..face.number_of_glyphs();
    for f in (0..gsub.features.len()).filter_map(|i| gsub.features.get(i)) {
        if !FEATURES
            .iter()
            .any(|t| f.tag == ttf_parser::Tag::from_bytes(t))
        {
            continue;
        }
        for lookup in f
            .lookup_indices
            .into_iter()
            .filter_map(|i| gsub.lookups.get(i))
        {
            for k in 0..lookup.subtables.len() {
                let Some(SubstitutionSubtable::Single(single)) =
                    lookup.subtables.get::<SubstitutionSubtable>(k)
                else {
                    continue;
                };
                for g in glyphs.clone().map(ttf_parser::GlyphId) {
                    let Some(at) = single.coverage().get(g) else {
                        continue;
                    };
                    let to = match single {
                        SingleSubstitution::Format1 { delta, .. } => {
                            Some(ttf_parser::GlyphId(g.0.wrapping_add_signed(delta)))
                        }
                        SingleSubstitution::Format2 { substitutes, .. } => substitutes.get(at),
                    };
                    if let Some(to) = to {
                        out.insert(g, to);
                    }
                }
            }
        }
    }
    out
}

fn advances(weight: Weight) -> &'static Advances {
    static R: OnceLock<Advances> = OnceLock::new();
    static S: OnceLock<Advances> = OnceLock::new();
    match weight {
        Weight::Regular => R.get_or_init(|| Advances::of(REGULAR)),
        Weight::SemiBold => S.get_or_init(|| Advances::of(SEMIBOLD)),
    }
}

/// The advances, with the stylesheet's features, come out 0.3–0.7% wider than Chromium sets
/// the text (it kerns): on the safe side of a line's end, so taken as they are.
const SET_WIDTH: f64 = 1.0;

/// The width of `s` at `pt` points, in millimetres.
pub(crate) fn width_mm(s: &str, pt: f64, weight: Weight) -> f64 {
    advances(weight).width(s) * pt * MM_PER_PT * SET_WIDTH
}

/// The pieces a line may break after: each word with the space that follows it, a hyphenated
/// word split after each hyphen that a letter follows (never before a digit, as in R-008:
/// Unicode's line breaking keeps a hyphen with the number after it).
fn pieces(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let end = i + c.len_utf8();
        let letter_next = s[end..].chars().next().is_some_and(char::is_alphabetic);
        if c == ' ' || (c == '-' && i > start && letter_next) {
            out.push(&s[start..end]);
            start = end;
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// How many lines `s` takes in a column `width` millimetres wide at `pt` points; a text
/// starting `indent` millimetres into its first line (after a marker, say) has less room there.
pub(crate) fn lines(s: &str, width: f64, pt: f64, weight: Weight, indent: f64) -> u32 {
    let s = s.trim();
    if s.is_empty() {
        return 0;
    }
    let adv = advances(weight);
    let scale = pt * MM_PER_PT * SET_WIDTH;
    let space = adv.width(" ") * scale;
    let (mut lines, mut used) = (1u32, indent);
    for piece in pieces(s) {
        let trailing = piece.ends_with(' ');
        let w = adv.width(piece.trim_end()) * scale;
        if used > 0.0 && used + w > width {
            lines += 1;
            used = 0.0;
        }
        if w > width {
            // A word wider than the column breaks inside itself.
            let whole = (w / width).floor();
            lines += whole as u32;
            used = w - whole * width;
        } else {
            used += w;
        }
        if trailing {
            used += space;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_fonts() {
        // Inter's advances: semibold is wider; ten characters of 7 pt are about 13 mm.
        let r = width_mm("Risk register", 7.0, Weight::Regular);
        let s = width_mm("Risk register", 7.0, Weight::SemiBold);
        assert!(r > 10.0 && r < 16.0, "{r}");
        assert!(s > r, "{s} {r}");
        assert_eq!(width_mm("", 7.0, Weight::Regular), 0.0);
    }

    #[test]
    fn text_wraps_at_spaces_and_hyphens_and_long_words_break() {
        let w = width_mm("alpha beta", 7.0, Weight::Regular);
        assert_eq!(lines("alpha beta", w + 0.1, 7.0, Weight::Regular, 0.0), 1);
        assert_eq!(lines("alpha beta", w - 0.5, 7.0, Weight::Regular, 0.0), 2);
        let h =
            width_mm("Build-", 7.0, Weight::Regular).max(width_mm("Server", 7.0, Weight::Regular));
        assert_eq!(lines("Build-Server", h + 0.1, 7.0, Weight::Regular, 0.0), 2);
        // A hyphen before a digit is no place to break (an id such as INC-2026-031).
        assert_eq!(
            pieces("Build-Server INC-2026-031"),
            ["Build-", "Server ", "INC-2026-031"]
        );
        let long = "Kundenstammdatenverwaltungsplattform";
        let lw = width_mm(long, 7.0, Weight::Regular);
        assert_eq!(lines(long, lw / 2.5, 7.0, Weight::Regular, 0.0), 3);
        assert_eq!(lines("  ", 10.0, 7.0, Weight::Regular, 0.0), 0);
        // An indent takes room on the first line only.
        assert_eq!(lines("alpha beta", w + 0.1, 7.0, Weight::Regular, 1.0), 2);
    }
}
