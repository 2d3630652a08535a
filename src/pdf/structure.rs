//! Reading and editing the parts of a printed PDF that `tidy` and `split` both touch: the
//! tagged structure tree (its elements in document order, the parent tree that maps each
//! page's marked content back to them) and a page's annotations.

use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::BTreeSet;

/// The dictionary `obj` is, directly or by reference.
pub(super) fn dict_of<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Dictionary> {
    match obj {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

fn refs(obj: Option<&Object>) -> Vec<ObjectId> {
    match obj {
        Some(Object::Reference(id)) => vec![*id],
        Some(Object::Array(a)) => a.iter().filter_map(|o| o.as_reference().ok()).collect(),
        _ => Vec::new(),
    }
}

pub(super) fn struct_root(doc: &Document) -> Option<ObjectId> {
    doc.catalog()
        .ok()?
        .get(b"StructTreeRoot")
        .ok()?
        .as_reference()
        .ok()
}

pub(super) fn parent_tree(doc: &Document) -> Option<ObjectId> {
    let root = struct_root(doc)?;
    doc.get_dictionary(root)
        .ok()?
        .get(b"ParentTree")
        .ok()?
        .as_reference()
        .ok()
}

/// Every (key, value) of the parent tree, a number tree of one node or of several.
pub(super) fn parent_nums(doc: &Document, node: ObjectId) -> Vec<(i64, Object)> {
    let mut out = Vec::new();
    let mut todo = vec![node];
    let mut seen = BTreeSet::new();
    while let Some(id) = todo.pop() {
        if !seen.insert(id) {
            continue;
        }
        let Ok(d) = doc.get_dictionary(id) else {
            continue;
        };
        if let Ok(Object::Array(nums)) = d.get(b"Nums") {
            out.extend(
                nums.chunks(2)
                    .filter_map(|p| Some((p[0].as_i64().ok()?, p.get(1)?.clone()))),
            );
        }
        if let Ok(Object::Array(kids)) = d.get(b"Kids") {
            todo.extend(kids.iter().rev().filter_map(|k| k.as_reference().ok()));
        }
    }
    out
}

/// Writes the parent tree as one node holding the entries whose key `keep` accepts.
pub(super) fn set_parent_nums(doc: &mut Document, tree: ObjectId, keep: impl Fn(i64) -> bool) {
    let flat: Vec<Object> = parent_nums(doc, tree)
        .into_iter()
        .filter(|(k, _)| keep(*k))
        .flat_map(|(k, v)| [Object::Integer(k), v])
        .collect();
    if let Ok(d) = doc.get_dictionary_mut(tree) {
        d.remove(b"Kids");
        d.remove(b"Limits");
        d.set("Nums", Object::Array(flat));
    }
}

/// Struct elements in document order (depth first from the root).
pub(super) fn struct_elems(doc: &Document) -> Vec<ObjectId> {
    let Some(root) = struct_root(doc) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    let mut stack: Vec<ObjectId> =
        refs(doc.get_dictionary(root).ok().and_then(|d| d.get(b"K").ok()));
    stack.reverse();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        let Ok(d) = doc.get_dictionary(id) else {
            continue;
        };
        if !d.has(b"S") {
            continue;
        }
        out.push(id);
        let mut kids = refs(d.get(b"K").ok());
        kids.reverse();
        stack.extend(kids);
    }
    out
}

/// The page's annotations (`/Annots`, an array or a reference to one); None without.
pub(super) fn annots(doc: &Document, page: ObjectId) -> Option<Vec<Object>> {
    match doc.get_dictionary(page).ok()?.get(b"Annots").ok()? {
        Object::Array(a) => Some(a.clone()),
        Object::Reference(id) => doc.get_object(*id).and_then(Object::as_array).ok().cloned(),
        _ => None,
    }
}

/// Sets the page's annotations to `kept`, or removes `/Annots` when none are left.
pub(super) fn set_annots(doc: &mut Document, page: ObjectId, kept: Vec<Object>) {
    if let Ok(p) = doc.get_dictionary_mut(page) {
        if kept.is_empty() {
            p.remove(b"Annots");
        } else {
            p.set("Annots", Object::Array(kept));
        }
    }
}

/// The key of the annotation `id` in the parent tree (its `/StructParent`).
pub(super) fn struct_parent(doc: &Document, id: ObjectId) -> Option<i64> {
    doc.get_dictionary(id)
        .ok()?
        .get(b"StructParent")
        .ok()?
        .as_i64()
        .ok()
}
