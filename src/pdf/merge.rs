//! The board pack: the appendix PDF, printed with an empty first page so that its footer counts
//! the whole pack, gets the one-pager's page (content, links and tags) in place of that page.

use super::tidy::{parent_tree, struct_root};
use lopdf::{Dictionary, Document, Object, ObjectId};

/// Replaces page 1 of `pack` with the only page of `onepager`, and hangs the one-pager's
/// structure tree in front of the appendix's, so the pack stays one tagged document.
pub fn merge(pack: &mut Document, mut onepager: Document) -> Result<(), String> {
    let first = *pack
        .get_pages()
        .get(&1)
        .ok_or("the appendix has no pages")?;
    let pack_parent = pack
        .get_dictionary(first)
        .and_then(|p| p.get(b"Parent"))
        .and_then(Object::as_reference)
        .map_err(|e| format!("appendix page 1: {e}"))?;
    let old_key = pack
        .get_dictionary(first)
        .and_then(|p| p.get(b"StructParents"))
        .and_then(Object::as_i64)
        .ok();
    forget_page(pack, first);
    onepager.renumber_objects_with(pack.max_id + 1);
    let page = *onepager
        .get_pages()
        .get(&1)
        .ok_or("the one-pager has no pages")?;
    if onepager.get_pages().len() != 1 {
        return Err(format!(
            "the one-pager has {} pages, not 1",
            onepager.get_pages().len()
        ));
    }

    // Parent-tree keys of the one-pager move past the appendix's.
    let shift = next_key(pack);
    let one_nums = parent_nums(&onepager);
    let one_next = next_key(&onepager);
    for (_, obj) in onepager.objects.iter_mut() {
        let d = match obj {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &mut s.dict,
            _ => continue,
        };
        for key in [&b"StructParents"[..], b"StructParent"] {
            if let Ok(k) = d.get(key).and_then(Object::as_i64) {
                d.set(key, Object::Integer(k + shift));
            }
        }
    }
    // Named destinations of the one-pager get a prefix, and so do its ids, so neither can
    // collide with the appendix's.
    let one_dests = named_dests(&onepager);
    for (_, obj) in onepager.objects.iter_mut() {
        if let Object::Dictionary(d) = obj {
            if let Ok(Object::Name(n)) = d.get(b"Dest") {
                let renamed = [b"onepager-".as_slice(), n].concat();
                d.set("Dest", Object::Name(renamed));
            }
            if d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"StructElem") {
                if let Ok(Object::String(s, _)) = d.get_mut(b"ID") {
                    s.splice(0..0, b"onepager-".iter().copied());
                }
            }
        }
    }
    let one_doc_elem = struct_root(&onepager)
        .and_then(|r| onepager.get_dictionary(r).ok())
        .and_then(|r| r.get(b"K").ok())
        .and_then(|k| k.as_reference().ok());
    let one_page_obj = onepager
        .objects
        .remove(&page)
        .ok_or("the one-pager page is missing")?;
    let one_objects = std::mem::take(&mut onepager.objects);
    // Only what the one-pager's page and structure reach comes over; its catalog, page tree
    // and structure root stay behind (prune drops them).
    pack.objects.extend(one_objects);
    pack.max_id = pack.max_id.max(onepager.max_id);
    add_dests(pack, one_dests);
    let mut page_dict = match one_page_obj {
        Object::Dictionary(d) => d,
        _ => return Err("the one-pager page is not a dictionary".into()),
    };
    page_dict.set("Parent", Object::Reference(pack_parent));
    pack.objects.insert(first, Object::Dictionary(page_dict));
    // Anything that pointed at the one-pager's page now points at page 1 of the pack.
    let repoint = |obj: &mut Object| {
        if let Object::Reference(id) = obj {
            if *id == page {
                *id = first;
            }
        }
    };
    pack.traverse_objects(repoint);

    // The appendix's own entries for the empty page are gone; the one-pager's come in.
    if let Some(tree) = parent_tree(pack) {
        if let Ok(Object::Dictionary(d)) = pack.get_object_mut(tree) {
            let mut nums = match d.get(b"Nums") {
                Ok(Object::Array(a)) => a.clone(),
                _ => Vec::new(),
            };
            if let Some(k) = old_key {
                nums = nums
                    .chunks(2)
                    .filter(|p| p[0].as_i64().ok() != Some(k))
                    .flat_map(|p| p.to_vec())
                    .collect();
            }
            for (k, v) in one_nums {
                nums.push(Object::Integer(k + shift));
                nums.push(v);
            }
            d.set("Nums", Object::Array(nums));
        }
    }
    if let Some(root) = struct_root(pack) {
        let pack_doc_elem = pack
            .get_dictionary(root)
            .ok()
            .and_then(|r| r.get(b"K").ok())
            .and_then(|k| k.as_reference().ok());
        if let Ok(r) = pack.get_dictionary_mut(root) {
            r.set("ParentTreeNextKey", Object::Integer(shift + one_next));
        }
        if let (Some(pd), Some(od)) = (pack_doc_elem, one_doc_elem) {
            if let Ok(o) = pack.get_dictionary_mut(od) {
                // The one-pager is a part of the pack document, not a document of its own.
                o.set("S", Object::Name(b"Part".to_vec()));
                o.set("P", Object::Reference(pd));
            }
            if let Ok(p) = pack.get_dictionary_mut(pd) {
                let mut kids = match p.get(b"K") {
                    Ok(Object::Array(a)) => a.clone(),
                    Ok(other) => vec![other.clone()],
                    Err(_) => Vec::new(),
                };
                kids.insert(0, Object::Reference(od));
                p.set("K", Object::Array(kids));
            }
        }
    }
    Ok(())
}

/// The empty first page of the appendix should hold no tagged content; if some element still
/// marks content on it, that marking is dropped so it cannot claim the one-pager's content.
fn forget_page(pack: &mut Document, page: ObjectId) {
    for (_, obj) in pack.objects.iter_mut() {
        let Object::Dictionary(d) = obj else { continue };
        if d.get(b"Type").and_then(|t| t.as_name()).ok() != Some(b"StructElem") {
            continue;
        }
        let on_page = d.get(b"Pg").and_then(Object::as_reference).ok() == Some(page);
        let marks = |k: &Object| match k {
            Object::Integer(_) => on_page,
            Object::Dictionary(m) => {
                m.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"MCR")
                    && m.get(b"Pg").and_then(Object::as_reference).ok() == Some(page)
            }
            _ => false,
        };
        match d.get_mut(b"K") {
            Ok(Object::Array(kids)) => kids.retain(|k| !marks(k)),
            Ok(k) if marks(k) => *k = Object::Array(Vec::new()),
            _ => {}
        }
    }
}

fn next_key(doc: &Document) -> i64 {
    struct_root(doc)
        .and_then(|r| doc.get_dictionary(r).ok())
        .and_then(|r| r.get(b"ParentTreeNextKey").ok())
        .and_then(|k| k.as_i64().ok())
        .unwrap_or(0)
}

fn parent_nums(doc: &Document) -> Vec<(i64, Object)> {
    let Some(tree) = parent_tree(doc) else {
        return Vec::new();
    };
    match doc.get_dictionary(tree).and_then(|d| d.get(b"Nums")) {
        Ok(Object::Array(a)) => a
            .chunks(2)
            .filter_map(|p| Some((p[0].as_i64().ok()?, p.get(1)?.clone())))
            .collect(),
        _ => Vec::new(),
    }
}

fn named_dests(doc: &Document) -> Vec<(Vec<u8>, Object)> {
    let Some(d) = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Dests").ok())
        .and_then(|d| match d {
            Object::Reference(id) => doc.get_dictionary(*id).ok(),
            Object::Dictionary(d) => Some(d),
            _ => None,
        })
    else {
        return Vec::new();
    };
    d.iter()
        .map(|(k, v)| ([b"onepager-".as_slice(), k].concat(), v.clone()))
        .collect()
}

fn add_dests(pack: &mut Document, dests: Vec<(Vec<u8>, Object)>) {
    if dests.is_empty() {
        return;
    }
    let existing = pack
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Dests").ok())
        .and_then(|d| d.as_reference().ok());
    let id = match existing {
        Some(id) => id,
        None => {
            let id = pack.add_object(Object::Dictionary(Dictionary::new()));
            if let Ok(c) = pack.catalog_mut() {
                c.set("Dests", Object::Reference(id));
            }
            id
        }
    };
    if let Ok(d) = pack.get_dictionary_mut(id) {
        for (k, v) in dests {
            d.set(k, v);
        }
    }
}
