//! The board pack is printed as one document whose first page is the one-pager (see
//! `append.js`); the one-pager's own PDF is that page alone, taken out of the pack with the
//! part of the structure tree, the links and the destinations that belong to it.

use super::structure::{
    annots, dict_of, parent_nums, parent_tree, set_annots, set_parent_nums, struct_parent,
    struct_root,
};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{BTreeMap, BTreeSet};

/// The named destinations (catalog `/Dests`) and the id of the dictionary that holds them.
fn dests(doc: &Document) -> Option<(Option<ObjectId>, &Dictionary)> {
    match doc.catalog().ok()?.get(b"Dests").ok()? {
        Object::Reference(id) => Some((Some(*id), doc.get_dictionary(*id).ok()?)),
        Object::Dictionary(d) => Some((None, d)),
        _ => None,
    }
}

/// The page a destination (`[page /XYZ …]`, or `<< /D [page …] >>`) points at.
fn dest_target(doc: &Document, dest: &Object) -> Option<ObjectId> {
    match dest {
        Object::Array(a) => a.first()?.as_reference().ok(),
        Object::Dictionary(d) => dest_target(doc, d.get(b"D").ok()?),
        Object::Reference(id) => dest_target(doc, doc.get_object(*id).ok()?),
        _ => None,
    }
}

/// The number (from 1) of the page the named destination `name` points at.
pub(crate) fn dest_page(doc: &Document, name: &[u8]) -> Option<u32> {
    let target = dest_target(doc, dests(doc)?.1.get(name).ok()?)?;
    doc.get_pages()
        .into_iter()
        .find_map(|(n, id)| (id == target).then_some(n))
}

/// Removes the named destination `name` (quarterdeck's own mark, which no link uses).
pub(crate) fn remove_dest(doc: &mut Document, name: &[u8]) {
    let holder = dests(doc).map(|(id, _)| id);
    let d = match holder {
        Some(Some(id)) => doc.get_dictionary_mut(id).ok(),
        Some(None) => doc
            .catalog_mut()
            .ok()
            .and_then(|c| c.get_mut(b"Dests").ok())
            .and_then(|d| d.as_dict_mut().ok()),
        None => None,
    };
    if let Some(d) = d {
        d.remove(name);
    }
}

/// Where a link annotation leads inside the document, if it is a go-to link.
fn link_target(doc: &Document, annot: &Dictionary) -> Option<ObjectId> {
    let dest = match annot.get(b"Dest") {
        Ok(d) => d,
        Err(_) => {
            let action = dict_of(doc, annot.get(b"A").ok()?)?;
            // A go-to inside this document; `GoToR` and the like name other files.
            if action.get(b"S").and_then(Object::as_name).ok() != Some(b"GoTo") {
                return None;
            }
            action.get(b"D").ok()?
        }
    };
    match dest {
        Object::Name(n) | Object::String(n, _) => dest_target(doc, dests(doc)?.1.get(n).ok()?),
        other => dest_target(doc, other),
    }
}

/// Page 1 of `pack` as a document of its own: one page in the page tree, the structure
/// elements that mark content on it, its parent-tree entries, the destinations on it, and its
/// links except those leading to the other pages (their text stays). The caller prunes the
/// objects nothing reaches any more.
pub(crate) fn first_page(pack: &Document) -> Result<Document, String> {
    let mut doc = pack.clone();
    let page = keep_first_page(&mut doc)?;
    let links = keep_links_within(&mut doc, page);
    keep_structure_of(&mut doc, page, &links);
    keep_dests_on(&mut doc, page);
    Ok(doc)
}

/// Hangs page 1 alone from the root of the page tree and returns it.
fn keep_first_page(doc: &mut Document) -> Result<ObjectId, String> {
    let page = *doc
        .get_pages()
        .get(&1)
        .ok_or("the board pack has no pages")?;
    let tree = doc
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .map_err(|e| format!("the board pack has no page tree: {e}"))?;
    inherit(doc, page, tree);
    if let Ok(t) = doc.get_dictionary_mut(tree) {
        t.set("Kids", Object::Array(vec![Object::Reference(page)]));
        t.set("Count", Object::Integer(1));
    }
    Ok(page)
}

/// Links from the page to another page of the pack lose their target: they go. Returns the
/// annotations the page keeps.
fn keep_links_within(doc: &mut Document, page: ObjectId) -> Vec<Object> {
    let kept: Vec<Object> = annots(doc, page)
        .unwrap_or_default()
        .into_iter()
        .filter(|a| {
            a.as_reference()
                .ok()
                .and_then(|id| doc.get_dictionary(id).ok())
                .and_then(|d| link_target(doc, d))
                .is_none_or(|target| target == page)
        })
        .collect();
    set_annots(doc, page, kept.clone());
    kept
}

/// Keeps of the structure tree the elements that mark content on the page or own one of its
/// kept annotations `links`, and of the parent tree the page's and those annotations' entries.
fn keep_structure_of(doc: &mut Document, page: ObjectId, links: &[Object]) {
    let page_key = doc
        .get_dictionary(page)
        .and_then(|p| p.get(b"StructParents"))
        .and_then(Object::as_i64)
        .ok();
    let mut keys: BTreeSet<i64> = links
        .iter()
        .filter_map(|a| struct_parent(doc, a.as_reference().ok()?))
        .collect();
    keys.extend(page_key);
    let nums = parent_tree(doc)
        .map(|t| parent_nums(doc, t))
        .unwrap_or_default();
    // The elements that own the page's marked content, by MCID, as the parent tree lists them.
    let owners: BTreeSet<ObjectId> = nums
        .iter()
        .filter(|(k, _)| Some(*k) == page_key)
        .flat_map(|(_, v)| {
            // Chromium writes each page's array as an object of its own.
            let array = match v {
                Object::Reference(r) => doc.get_object(*r).ok(),
                other => Some(other),
            };
            match array {
                Some(Object::Array(a)) => a.iter().filter_map(|o| o.as_reference().ok()).collect(),
                _ => Vec::new(),
            }
        })
        .collect();
    let annots: BTreeSet<ObjectId> = links.iter().filter_map(|a| a.as_reference().ok()).collect();
    prune_structure(doc, page, &owners, &annots);
    if let Some(tree) = parent_tree(doc) {
        set_parent_nums(doc, tree, |k| keys.contains(&k));
    }
}

/// Removes the named destinations that point at another page.
fn keep_dests_on(doc: &mut Document, page: ObjectId) {
    let elsewhere: Vec<Vec<u8>> = dests(doc)
        .map(|(_, d)| {
            d.iter()
                .filter(|(_, v)| dest_target(doc, v) != Some(page))
                .map(|(k, _)| k.clone())
                .collect()
        })
        .unwrap_or_default();
    for name in elsewhere {
        remove_dest(doc, &name);
    }
}

/// Page attributes the page took from an intermediate node of the page tree are copied onto
/// it, since it now hangs from the root.
fn inherit(doc: &mut Document, page: ObjectId, root: ObjectId) {
    let mut found: Vec<(Vec<u8>, Object)> = Vec::new();
    let mut node = doc
        .get_dictionary(page)
        .and_then(|p| p.get(b"Parent"))
        .and_then(Object::as_reference)
        .ok();
    while let Some(id) = node.filter(|&id| id != root) {
        let Ok(d) = doc.get_dictionary(id) else { break };
        for key in [&b"Resources"[..], b"MediaBox", b"CropBox", b"Rotate"] {
            if let Ok(v) = d.get(key) {
                if !found.iter().any(|(k, _)| k == key) {
                    found.push((key.to_vec(), v.clone()));
                }
            }
        }
        node = d.get(b"Parent").and_then(Object::as_reference).ok();
    }
    if let Ok(p) = doc.get_dictionary_mut(page) {
        for (k, v) in found {
            if !p.has(&k) {
                p.set(k, v);
            }
        }
        p.set("Parent", Object::Reference(root));
    }
}

/// What decides whether a structure element's content is on the page kept.
struct Keep<'a> {
    page: ObjectId,
    /// Elements the page's parent-tree entry names: they own marked content on it.
    owners: &'a BTreeSet<ObjectId>,
    /// The link annotations the page keeps.
    annots: &'a BTreeSet<ObjectId>,
}

/// Keeps the structure elements that mark content on the page (and their ancestors), each
/// with only its kids that do.
fn prune_structure(
    doc: &mut Document,
    page: ObjectId,
    owners: &BTreeSet<ObjectId>,
    annots: &BTreeSet<ObjectId>,
) {
    let Some(root) = struct_root(doc) else {
        return;
    };
    let keep = Keep {
        page,
        owners,
        annots,
    };
    let mut kept_kids: BTreeMap<ObjectId, Vec<Object>> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    let top = kids_of(doc.get_dictionary(root).ok().and_then(|r| r.get(b"K").ok()));
    let mut kept_top = Vec::new();
    for kid in top {
        if let Object::Reference(id) = kid {
            if visit(doc, id, &keep, &mut kept_kids, &mut seen) {
                kept_top.push(kid);
            }
        }
    }
    for (id, kids) in kept_kids {
        if let Ok(d) = doc.get_dictionary_mut(id) {
            d.set("K", Object::Array(kids));
        }
    }
    if let Ok(r) = doc.get_dictionary_mut(root) {
        r.set("K", Object::Array(kept_top));
    }
}

fn kids_of(k: Option<&Object>) -> Vec<Object> {
    match k {
        Some(Object::Array(a)) => a.clone(),
        Some(other) => vec![other.clone()],
        None => Vec::new(),
    }
}

/// True when the element `id` is kept; records the kids it keeps.
fn visit(
    doc: &Document,
    id: ObjectId,
    keep: &Keep,
    kept_kids: &mut BTreeMap<ObjectId, Vec<Object>>,
    seen: &mut BTreeSet<ObjectId>,
) -> bool {
    if !seen.insert(id) {
        return false;
    }
    let Ok(d) = doc.get_dictionary(id) else {
        return false;
    };
    let pg = d.get(b"Pg").and_then(Object::as_reference).ok();
    // Marked content on a given page, or (no page given) on the page by the parent tree.
    let on_page = |pg: Option<ObjectId>| match pg {
        Some(p) => p == keep.page,
        None => keep.owners.contains(&id),
    };
    // A marked-content or object reference (MCR, OBJR), direct or not.
    let reference = |m: &Dictionary| match m.get(b"Type").and_then(Object::as_name) {
        Ok(b"OBJR") => m
            .get(b"Obj")
            .and_then(Object::as_reference)
            .is_ok_and(|o| keep.annots.contains(&o)),
        Ok(b"MCR") => on_page(m.get(b"Pg").and_then(Object::as_reference).ok().or(pg)),
        _ => false,
    };
    let kids = kids_of(d.get(b"K").ok());
    let had_kids = !kids.is_empty();
    let mut kept = Vec::new();
    for kid in kids {
        let keep_it = match &kid {
            Object::Integer(_) => on_page(pg),
            Object::Reference(r) => match doc.get_dictionary(*r) {
                Ok(k) if k.has(b"S") => visit(doc, *r, keep, kept_kids, seen),
                Ok(k) => reference(k),
                Err(_) => false,
            },
            Object::Dictionary(m) => reference(m),
            _ => false,
        };
        if keep_it {
            kept.push(kid);
        }
    }
    let keep_it = !kept.is_empty() || (!had_kids && pg == Some(keep.page));
    if keep_it {
        kept_kids.insert(id, kept);
    }
    keep_it
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    /// The objects every test PDF here has: two pages, the page tree, the structure tree's
    /// root and its document element.
    #[derive(Clone, Copy)]
    struct Ids {
        pages: ObjectId,
        p1: ObjectId,
        p2: ObjectId,
        root: ObjectId,
        document: ObjectId,
    }

    impl Ids {
        fn new(doc: &mut Document) -> Ids {
            Ids {
                pages: doc.new_object_id(),
                p1: doc.new_object_id(),
                p2: doc.new_object_id(),
                root: doc.new_object_id(),
                document: doc.new_object_id(),
            }
        }
    }

    /// The kids (`/K`, an array) of the dictionary `id`.
    fn k(doc: &Document, id: ObjectId) -> Vec<Object> {
        let d = doc.get_dictionary(id).unwrap();
        d.get(b"K").unwrap().as_array().unwrap().clone()
    }

    /// Adds the structure root (with the parent `tree`), the two A4 pages (page 1 with
    /// `annots`), the page tree and the catalog (with the named destinations `dests`).
    fn finish(
        doc: &mut Document,
        ids: &Ids,
        tree: ObjectId,
        next_key: i64,
        dests: ObjectId,
        annots: Vec<Object>,
    ) {
        let Ids {
            pages,
            p1,
            p2,
            root,
            document,
        } = *ids;
        doc.objects.insert(root, Object::Dictionary(dictionary! {"Type" => "StructTreeRoot", "K" => document, "ParentTree" => tree, "ParentTreeNextKey" => next_key}));
        let media = vec![0.into(), 0.into(), 595.into(), 842.into()];
        doc.objects.insert(p1, Object::Dictionary(dictionary! {"Type" => "Page", "Parent" => pages, "MediaBox" => media.clone(), "StructParents" => 0, "Annots" => annots}));
        doc.objects.insert(p2, Object::Dictionary(dictionary! {"Type" => "Page", "Parent" => pages, "MediaBox" => media, "StructParents" => 1}));
        doc.objects.insert(
            pages,
            Object::Dictionary(
                dictionary! {"Type" => "Pages", "Kids" => vec![p1.into(), p2.into()], "Count" => 2},
            ),
        );
        let catalog = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages, "StructTreeRoot" => root, "Dests" => dests});
        doc.trailer.set("Root", catalog);
    }

    /// Two pages; a document element with one paragraph on each page (MCIDs 0), a link on
    /// page 1 to a destination on page 2 and one to page 1, and named destinations on both.
    fn pack() -> (Document, ObjectId, ObjectId) {
        let mut doc = Document::with_version("1.7");
        let ids = Ids::new(&mut doc);
        let Ids {
            p1,
            p2,
            root,
            document,
            ..
        } = ids;
        let dests = doc.add_object(dictionary! {
            "top" => vec![p1.into(), "XYZ".into(), 0.into(), 800.into(), 0.into()],
            "a-register" => vec![p2.into(), "XYZ".into(), 0.into(), 800.into(), 0.into()],
        });
        let away = doc.add_object(dictionary! {"Type" => "Annot", "Subtype" => "Link", "Dest" => Object::Name(b"a-register".to_vec()), "StructParent" => 2});
        let here = doc.add_object(dictionary! {"Type" => "Annot", "Subtype" => "Link", "Dest" => Object::Name(b"top".to_vec()), "StructParent" => 3});
        let para1 = doc.add_object(
            dictionary! {"Type" => "StructElem", "S" => "P", "P" => document, "Pg" => p1, "K" => 0},
        );
        let para2 = doc.add_object(
            dictionary! {"Type" => "StructElem", "S" => "P", "P" => document, "Pg" => p2, "K" => 0},
        );
        let link1 = doc.add_object(
            dictionary! {"Type" => "StructElem", "S" => "Link", "P" => document, "Pg" => p1,
            "K" => vec![Object::Dictionary(dictionary! {"Type" => "OBJR", "Obj" => away})]},
        );
        let link2 = doc.add_object(
            dictionary! {"Type" => "StructElem", "S" => "Link", "P" => document, "Pg" => p1,
            "K" => vec![Object::Dictionary(dictionary! {"Type" => "OBJR", "Obj" => here})]},
        );
        doc.objects.insert(
            document,
            Object::Dictionary(
                dictionary! {"Type" => "StructElem", "S" => "Document", "P" => root,
                "K" => vec![para1.into(), link1.into(), link2.into(), para2.into()]},
            ),
        );
        let tree = doc.add_object(dictionary! {"Nums" => vec![
            0.into(), vec![para1.into()].into(),
            1.into(), vec![para2.into()].into(),
            2.into(), link1.into(),
            3.into(), link2.into(),
        ]});
        finish(
            &mut doc,
            &ids,
            tree,
            4,
            dests,
            vec![away.into(), here.into()],
        );
        (doc, para2, away)
    }

    #[test]
    fn destinations_are_found_by_page_number_and_can_be_removed() {
        let (mut doc, _, _) = pack();
        assert_eq!(dest_page(&doc, b"a-register"), Some(2));
        assert_eq!(dest_page(&doc, b"top"), Some(1));
        assert_eq!(dest_page(&doc, b"nowhere"), None);
        remove_dest(&mut doc, b"a-register");
        assert_eq!(dest_page(&doc, b"a-register"), None);
        assert_eq!(dest_page(&doc, b"top"), Some(1));
    }

    #[test]
    fn the_first_page_keeps_its_own_content_links_and_tags_only() {
        let (pack, para2, away) = pack();
        let mut one = first_page(&pack).unwrap();
        one.prune_objects();
        assert_eq!(one.get_pages().len(), 1);
        // The paragraph on page 2 and the link leading there are gone, with their entries.
        assert!(!one.objects.contains_key(&para2), "page 2's paragraph kept");
        assert!(!one.objects.contains_key(&away), "the link to page 2 kept");
        // Only page 1's own entry and its remaining link's stay in the parent tree.
        let tree = parent_tree(&one).unwrap();
        let nums = one.get_dictionary(tree).unwrap().get(b"Nums").unwrap();
        let keys: Vec<i64> = nums
            .as_array()
            .unwrap()
            .chunks(2)
            .map(|p| p[0].as_i64().unwrap())
            .collect();
        assert_eq!(keys, vec![0, 3]);
        // The document element keeps the paragraph and the link that are on page 1.
        let document = k(&one, struct_root(&one).unwrap())[0]
            .as_reference()
            .unwrap();
        let kids = k(&one, document);
        assert_eq!(kids.len(), 2, "{kids:?}");
        assert_eq!(dest_page(&one, b"a-register"), None);
        assert_eq!(dest_page(&one, b"top"), Some(1));
        // The pack itself is untouched.
        assert_eq!(pack.get_pages().len(), 2);
    }

    /// Valid but unlike Chromium's: a parent tree of two nodes, elements without `/Pg` (their
    /// page known from the parent tree, or from the annotation they reference), and a link
    /// to another file, which is no link into the pack.
    #[test]
    fn pages_are_found_through_the_parent_tree_and_remote_links_stay() {
        let mut doc = Document::with_version("1.7");
        let ids = Ids::new(&mut doc);
        let Ids {
            p2, root, document, ..
        } = ids;
        let dests = doc.add_object(dictionary! {
            "a-register" => vec![p2.into(), "XYZ".into(), 0.into(), 800.into(), 0.into()],
        });
        let remote = doc.add_object(dictionary! {"Type" => "Annot", "Subtype" => "Link", "StructParent" => 2,
            "A" => dictionary! {"S" => "GoToR", "F" => Object::string_literal("other.pdf"), "D" => Object::Name(b"a-register".to_vec())}});
        let para1 = doc.add_object(
            dictionary! {"Type" => "StructElem", "S" => "P", "P" => document, "K" => 0},
        );
        let para2 = doc.add_object(
            dictionary! {"Type" => "StructElem", "S" => "P", "P" => document, "K" => 0},
        );
        let objr = doc.add_object(dictionary! {"Type" => "OBJR", "Obj" => remote});
        let link = doc.add_object(
            dictionary! {"Type" => "StructElem", "S" => "Link", "P" => document, "K" => objr},
        );
        doc.objects.insert(
            document,
            Object::Dictionary(
                dictionary! {"Type" => "StructElem", "S" => "Document", "P" => root,
                "K" => vec![para1.into(), link.into(), para2.into()]},
            ),
        );
        let owners = doc.add_object(vec![Object::Reference(para1)]);
        let low = doc.add_object(dictionary! {"Nums" => vec![0.into(), owners.into()], "Limits" => vec![0.into(), 0.into()]});
        let high = doc.add_object(dictionary! {"Nums" => vec![1.into(), vec![para2.into()].into(), 2.into(), link.into()], "Limits" => vec![1.into(), 2.into()]});
        let tree = doc.add_object(dictionary! {"Kids" => vec![low.into(), high.into()]});
        finish(&mut doc, &ids, tree, 3, dests, vec![remote.into()]);

        let mut one = first_page(&doc).unwrap();
        one.prune_objects();
        let kids = k(&one, document);
        assert_eq!(
            kids,
            vec![Object::Reference(para1), Object::Reference(link)]
        );
        assert!(one.objects.contains_key(&remote) && one.objects.contains_key(&objr));
        assert!(!one.objects.contains_key(&para2) && !one.objects.contains_key(&p2));
        let tree = parent_tree(&one).unwrap();
        let d = one.get_dictionary(tree).unwrap();
        assert!(!d.has(b"Kids"));
        let keys: Vec<i64> = parent_nums(&one, tree)
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(keys, vec![0, 2]);
    }
}
