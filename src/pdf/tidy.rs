//! Makes Chromium's PDFs reproducible and publishable by editing their structure with lopdf:
//! fixed dates, tagged-PDF node ids renumbered in structure-tree order, and links that point
//! at the published site (or are plain text) instead of the folder the page was printed from.

use super::structure::{
    annots, dict_of, parent_tree, set_annots, set_parent_nums, struct_elems, struct_parent,
    struct_root,
};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{BTreeMap, BTreeSet};

/// What to fix in one PDF.
pub(crate) struct Tidy<'a> {
    /// `YYYYMMDD`: the creation and modification date (the quarter's end), never the clock.
    pub date: &'a str,
    /// The output folder the page was printed from, as a path (no trailing `/`).
    pub output: &'a str,
    /// The published site's absolute URL ending in `/`, when `base_url` is one.
    pub site_url: Option<&'a str>,
}

pub(crate) fn tidy(doc: &mut Document, t: &Tidy) {
    set_dates(doc, t.date);
    fix_links(doc, t);
    renumber_ids(doc);
    doc.prune_objects();
    doc.renumber_objects();
}

pub(crate) fn save(doc: &mut Document) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

fn set_dates(doc: &mut Document, date: &str) {
    let stamp = Object::string_literal(format!("D:{date}000000+00'00'"));
    let Ok(info) = doc.trailer.get(b"Info").and_then(Object::as_reference) else {
        return;
    };
    if let Ok(d) = doc.get_dictionary_mut(info) {
        for key in [&b"CreationDate"[..], b"ModDate"] {
            if d.has(key) {
                d.set(key, stamp.clone());
            }
        }
    }
}

/// Sets the document title (`/Title` of the document information), as a PDF text string:
/// plain when it is ASCII, else UTF-16 with its byte-order mark.
pub(crate) fn set_title(doc: &mut Document, title: &str) {
    let value = if title.is_ascii() {
        Object::string_literal(title)
    } else {
        let mut bytes = vec![0xfe, 0xff];
        bytes.extend(title.encode_utf16().flat_map(u16::to_be_bytes));
        Object::String(bytes, lopdf::StringFormat::Hexadecimal)
    };
    let info = match doc.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => id,
        Err(_) => {
            let id = doc.add_object(Dictionary::new());
            doc.trailer.set("Info", Object::Reference(id));
            id
        }
    };
    if let Ok(d) = doc.get_dictionary_mut(info) {
        d.set("Title", value);
    }
}

/// Every link to a `file://` URL inside the printed folder becomes the same path on the
/// published site; without an absolute `base_url`, the link is removed and its text stays.
fn fix_links(doc: &mut Document, t: &Tidy) {
    let mut dropped = Dropped::default();
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    for page in pages {
        fix_page_links(doc, page, t, &mut dropped);
    }
    if !dropped.ids.is_empty() {
        forget_links(doc, dropped);
    }
}

/// The link annotations taken off the pages, and their keys in the parent tree.
#[derive(Default)]
struct Dropped {
    ids: BTreeSet<ObjectId>,
    keys: BTreeSet<i64>,
}

/// Points the page's links into the printed folder at the published site, or takes them off
/// the page (into `dropped`) when there is no site to point at.
fn fix_page_links(doc: &mut Document, page: ObjectId, t: &Tidy, dropped: &mut Dropped) {
    let Some(annots) = annots(doc, page) else {
        return;
    };
    let mut kept = Vec::new();
    for a in annots {
        let link = a
            .as_reference()
            .ok()
            .and_then(|id| Some(id).zip(file_uri(doc, id)));
        let Some((id, uri)) = link else {
            kept.push(a);
            continue;
        };
        match published(&uri, t) {
            Some(url) => {
                if let Ok(d) = doc.get_dictionary_mut(id) {
                    let mut action = Dictionary::new();
                    action.set("Type", Object::Name(b"Action".to_vec()));
                    action.set("S", Object::Name(b"URI".to_vec()));
                    action.set("URI", Object::string_literal(url));
                    d.set("A", Object::Dictionary(action));
                }
                kept.push(a);
            }
            None => {
                dropped.keys.extend(struct_parent(doc, id));
                dropped.ids.insert(id);
            }
        }
    }
    set_annots(doc, page, kept);
}

/// The `file:` URL the link annotation `id` opens, if it opens one.
fn file_uri(doc: &Document, id: ObjectId) -> Option<String> {
    doc.get_dictionary(id)
        .ok()
        .and_then(|d| d.get(b"A").ok())
        .and_then(|act| dict_of(doc, act))
        .and_then(|act| act.get(b"URI").ok())
        .and_then(|u| u.as_str().ok())
        .map(|u| String::from_utf8_lossy(u).to_string())
        .filter(|u| u.starts_with("file:"))
}

/// The structure tree points at each link annotation (an OBJR in a Link element, and an entry
/// in the parent tree); those go with the dropped links, and then the links, so no reference
/// dangles.
fn forget_links(doc: &mut Document, dropped: Dropped) {
    for (_, obj) in doc.objects.iter_mut() {
        if let Object::Dictionary(d) = obj {
            if d.get(b"Type").and_then(|t| t.as_name()).ok() != Some(b"StructElem") {
                continue;
            }
            if let Ok(Object::Array(k)) = d.get_mut(b"K") {
                k.retain(|kid| !is_objr_to(kid, &dropped.ids));
            } else if d
                .get(b"K")
                .map(|k| is_objr_to(k, &dropped.ids))
                .unwrap_or(false)
            {
                d.set("K", Object::Array(Vec::new()));
            }
        }
    }
    if let Some(tree) = parent_tree(doc) {
        set_parent_nums(doc, tree, |k| !dropped.keys.contains(&k));
    }
    for id in dropped.ids {
        doc.objects.remove(&id);
    }
}

fn is_objr_to(kid: &Object, ids: &BTreeSet<ObjectId>) -> bool {
    match kid {
        Object::Dictionary(d) => {
            d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"OBJR")
                && d.get(b"Obj")
                    .and_then(|o| o.as_reference())
                    .map(|id| ids.contains(&id))
                    .unwrap_or(false)
        }
        _ => false,
    }
}

/// The published URL of a `file://` link into the printed folder, or None to drop the link.
fn published(uri: &str, t: &Tidy) -> Option<String> {
    let site = t.site_url?;
    let fragment = uri.find('#').map(|i| &uri[i..]).unwrap_or("");
    let path = super::browser::url_path(uri)?;
    let rel = path.strip_prefix(t.output)?.strip_prefix('/')?;
    Some(format!("{site}{rel}{fragment}"))
}

/// Chromium names elements by DOM node ids (`node00000070`) that differ between runs. Number
/// them again in document order, fix the table-header references that use them, and rebuild
/// the id tree as one sorted leaf.
fn renumber_ids(doc: &mut Document) {
    let Some(root) = struct_root(doc) else {
        return;
    };
    let elems = struct_elems(doc);
    let mut map: BTreeMap<Vec<u8>, Vec<u8>> = BTreeMap::new();
    let mut names = Vec::new();
    for &id in &elems {
        let old = doc
            .get_dictionary(id)
            .ok()
            .and_then(|d| d.get(b"ID").ok())
            .and_then(|v| v.as_str().ok())
            .map(<[u8]>::to_vec);
        if let Some(old) = old {
            let new = format!("node{:08}", map.len() + 1).into_bytes();
            map.insert(old, new.clone());
            names.push(Object::String(new, lopdf::StringFormat::Literal));
            names.push(Object::Reference(id));
        }
    }
    for &id in &elems {
        let Ok(d) = doc.get_dictionary_mut(id) else {
            continue;
        };
        if let Some(new) = d
            .get(b"ID")
            .ok()
            .and_then(|v| v.as_str().ok())
            .and_then(|old| map.get(old))
        {
            d.set(
                "ID",
                Object::String(new.clone(), lopdf::StringFormat::Literal),
            );
        }
        // /A is one attribute dictionary or an array of them; /Headers lists ids.
        if let Ok(a) = d.get_mut(b"A") {
            let attrs: Vec<&mut Object> = match a {
                Object::Array(v) => v.iter_mut().collect(),
                other => vec![other],
            };
            for attr in attrs {
                if let Object::Dictionary(ad) = attr {
                    if let Ok(Object::Array(hs)) = ad.get_mut(b"Headers") {
                        for h in hs.iter_mut() {
                            if let Object::String(s, _) = h {
                                if let Some(new) = map.get(s.as_slice()) {
                                    *s = new.clone();
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    let Ok(r) = doc.get_dictionary_mut(root) else {
        return;
    };
    if names.is_empty() {
        r.remove(b"IDTree");
        return;
    }
    let mut leaf = Dictionary::new();
    leaf.set("Names", Object::Array(names));
    let leaf_id = doc.add_object(Object::Dictionary(leaf));
    if let Ok(r) = doc.get_dictionary_mut(root) {
        r.set("IDTree", Object::Reference(leaf_id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tidy_of(site_url: Option<&str>) -> Tidy<'_> {
        Tidy {
            date: "20260630",
            output: "/tmp/a #1/out",
            site_url,
        }
    }

    /// A tagged document whose two elements carry Chromium-style ids `a` and `b`, the second
    /// naming the first as its table header.
    fn tagged(a: &str, b: &str) -> Document {
        use lopdf::dictionary;
        let mut doc = Document::with_version("1.4");
        let pages = doc.new_object_id();
        let page = doc.add_object(dictionary! {"Type" => "Page", "Parent" => pages, "MediaBox" => vec![0.into(), 0.into(), 10.into(), 10.into()]});
        doc.objects.insert(
            pages,
            Object::Dictionary(
                dictionary! {"Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1},
            ),
        );
        let root = doc.new_object_id();
        let th = doc.add_object(dictionary! {"Type" => "StructElem", "S" => "TH", "P" => root, "ID" => Object::string_literal(a)});
        let td = doc.add_object(dictionary! {"Type" => "StructElem", "S" => "TD", "P" => root, "ID" => Object::string_literal(b),
            "A" => vec![Object::Dictionary(dictionary! {"O" => "Table", "Headers" => vec![Object::string_literal(a)]})]});
        let ids = doc.add_object(dictionary! {"Names" => vec![Object::string_literal(a), th.into(), Object::string_literal(b), td.into()]});
        doc.objects.insert(root, Object::Dictionary(dictionary! {"Type" => "StructTreeRoot", "K" => vec![th.into(), td.into()], "IDTree" => ids}));
        let info = doc.add_object(
            dictionary! {"CreationDate" => Object::string_literal("D:20261129193304+00'00'")},
        );
        let catalog = doc.add_object(
            dictionary! {"Type" => "Catalog", "Pages" => pages, "StructTreeRoot" => root},
        );
        doc.trailer.set("Root", catalog);
        doc.trailer.set("Info", info);
        doc
    }

    #[test]
    fn ids_and_dates_that_vary_between_runs_come_out_the_same() {
        let t = tidy_of(None);
        let mut x = tagged("node00000070", "node00000072");
        let mut y = tagged("node00000071", "node00000069");
        tidy(&mut x, &t);
        tidy(&mut y, &t);
        let (bx, by) = (save(&mut x).unwrap(), save(&mut y).unwrap());
        assert_eq!(bx, by);
        let text = String::from_utf8_lossy(&bx);
        assert!(text.contains("/ID(node00000001)"), "{text}");
        assert!(text.contains("/Headers[(node00000001)]"), "{text}");
        assert!(
            text.contains("/Names[(node00000001) 4 0 R(node00000002) 5 0 R]"),
            "{text}"
        );
        assert!(text.contains("(D:20260630000000+00'00')"), "{text}");
        assert!(
            !text.contains("node00000070") && !text.contains("2026112919"),
            "{text}"
        );
    }

    #[test]
    fn file_links_map_to_the_published_site_or_are_dropped() {
        let t = tidy_of(Some("https://board.example.com/reports/"));
        assert_eq!(
            published("file:///tmp/a%20%231/out/risks/r-014/index.html", &t).as_deref(),
            Some("https://board.example.com/reports/risks/r-014/index.html")
        );
        assert_eq!(
            published("file:///tmp/a%20%231/out/2026-q2/index.html#metrics", &t).as_deref(),
            Some("https://board.example.com/reports/2026-q2/index.html#metrics")
        );
        assert_eq!(
            published("file:///tmp/a%20%231/out/assets/style.css", &t).as_deref(),
            Some("https://board.example.com/reports/assets/style.css")
        );
        assert_eq!(published("file:///etc/passwd", &t), None);
        assert_eq!(
            published(
                "file:///tmp/a%20%231/out/2026-q2/index.html",
                &tidy_of(None)
            ),
            None
        );
    }
}
