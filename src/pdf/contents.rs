//! The board pack's contents give the page each section starts on. `append.js` works the
//! numbers out before printing; the printed PDF's named destinations (one per contents link)
//! say where each section really starts, and where one differs the pack is printed again with
//! the numbers the print found: the numbers fill the room kept for them, so the pages do not move.

use std::collections::BTreeMap;

/// The target id of each contents entry → the page number written in the contents.
pub(crate) type Pages = BTreeMap<String, u32>;

/// The numbers the print found, when any differs from `written`; None when all agree.
pub(crate) fn misnumbered(doc: &lopdf::Document, written: &Pages) -> Option<Pages> {
    let found: Pages = written
        .iter()
        .map(|(id, &n)| {
            let at = super::split::dest_page(doc, id.as_bytes()).unwrap_or(n);
            (id.clone(), at)
        })
        .collect();
    (found != *written).then_some(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Document, Object};

    /// A document of `pages` empty pages whose named destination `a` is on page `at`.
    fn doc(pages: u32, at: u32) -> Document {
        let mut doc = Document::with_version("1.7");
        let tree = doc.new_object_id();
        let kids: Vec<Object> = (0..pages)
            .map(|_| {
                doc.add_object(dictionary! { "Type" => "Page", "Parent" => tree })
                    .into()
            })
            .collect();
        let target = kids[at as usize - 1].clone();
        doc.objects.insert(
            tree,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => pages }),
        );
        let dests = doc.add_object(dictionary! { "a" => vec![target, "XYZ".into()] });
        let catalog =
            doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => tree, "Dests" => dests });
        doc.trailer.set("Root", catalog);
        doc
    }

    #[test]
    fn numbers_the_print_agrees_with_stand_and_others_are_corrected() {
        let written: Pages = [("a".to_string(), 3)].into();
        assert_eq!(misnumbered(&doc(5, 3), &written), None);
        assert_eq!(
            misnumbered(&doc(5, 4), &written),
            Some([("a".to_string(), 4)].into())
        );
        // An entry the print has no destination for keeps its number.
        let written: Pages = [("a".to_string(), 3), ("b".to_string(), 5)].into();
        assert_eq!(misnumbered(&doc(5, 3), &written), None);
    }
}
