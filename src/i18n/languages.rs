//! The two-letter language codes of ISO 639-1: a `language` of two letters outside this list,
//! with no catalog of the site's, is a typo (`ge` for `de`), not a language to fall back from.

const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca \
ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv \
ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks \
ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr \
nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss \
st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// Whether the language of `code` (`de` of `de-AT`) may be a real language: a two-letter code
/// in ISO 639-1, or any longer one (ISO 639-2 and -3 have thousands, `gsw`, `fil`).
pub(super) fn known(code: &str) -> bool {
    let primary = code.split('-').next().unwrap_or(code).to_ascii_lowercase();
    primary.len() != 2 || ISO_639_1.split(' ').any(|c| c == primary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_letter_codes_are_checked_longer_ones_are_not() {
        assert_eq!(ISO_639_1.split(' ').count(), 184);
        assert!(known("de") && known("de-AT") && known("nl") && known("gsw"));
        assert!(!known("ge") && !known("ge-DE"));
    }
}
