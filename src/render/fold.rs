//! Labels written into the templates once per build: a tag that is nothing but
//! `{{ t(key="…") }}` gives the same text on every page of a build, so once the site's language
//! is known it becomes that text in the parsed template. Tera would otherwise call the function
//! (an argument map, two lookups, a copy) hundreds of times per quarter. Tags with more to them
//! (placeholders, `n`, filters, `not`) and unknown keys are left for the renderer, so its errors
//! and plural forms are untouched.

use tera::ast::{Expr, ExprVal, Node};
use tera::Tera;

/// Replaces every plain label tag in every template of `tera` by the text `label` gives for
/// its key (`None`: left as it is).
pub fn labels(tera: &mut Tera, label: &dyn Fn(&str) -> Option<String>) {
    for template in tera.templates.values_mut() {
        fold(&mut template.ast, label);
        for m in template.macros.values_mut() {
            fold(&mut m.body, label);
        }
        for b in template.blocks.values_mut() {
            fold(&mut b.body, label);
        }
        // The bodies inheritance renders from: copies of the blocks of the template and its
        // parents, taken when the templates were added.
        for chain in template.blocks_definitions.values_mut() {
            for (_, b) in chain.iter_mut() {
                fold(&mut b.body, label);
            }
        }
    }
}

fn fold(nodes: &mut Vec<Node>, label: &dyn Fn(&str) -> Option<String>) {
    for node in nodes.iter_mut() {
        match node {
            Node::VariableBlock(_, expr) => {
                if let Some(text) = plain_key(expr).and_then(label) {
                    *node = Node::Text(text);
                }
            }
            Node::MacroDefinition(_, m, _) => fold(&mut m.body, label),
            Node::FilterSection(_, f, _) => fold(&mut f.body, label),
            Node::Block(_, b, _) => fold(&mut b.body, label),
            Node::Forloop(_, f, _) => {
                fold(&mut f.body, label);
                if let Some(empty) = &mut f.empty_body {
                    fold(empty, label);
                }
            }
            Node::If(i, _) => {
                for (_, _, body) in &mut i.conditions {
                    fold(body, label);
                }
                if let Some((_, body)) = &mut i.otherwise {
                    fold(body, label);
                }
            }
            _ => {}
        }
    }
    // Neighbouring text is one write instead of several.
    let mut merged: Vec<Node> = Vec::with_capacity(nodes.len());
    for node in nodes.drain(..) {
        match (merged.last_mut(), node) {
            (Some(Node::Text(prev)), Node::Text(next)) => prev.push_str(&next),
            (_, node) => merged.push(node),
        }
    }
    *nodes = merged;
}

/// `key` when `expr` is exactly `t(key="…")`.
fn plain_key(expr: &Expr) -> Option<&str> {
    if expr.negated || !expr.filters.is_empty() {
        return None;
    }
    let ExprVal::FunctionCall(call) = &expr.val else {
        return None;
    };
    if call.name != "t" || call.args.len() != 1 {
        return None;
    }
    match call.args.get("key") {
        Some(Expr {
            val: ExprVal::String(key),
            negated: false,
            filters,
        }) if filters.is_empty() => Some(key),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine(templates: &[(&str, &str)]) -> Tera {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_templates(templates.to_vec()).unwrap();
        tera.register_function(
            "t",
            |args: &std::collections::HashMap<String, tera::Value>| {
                Ok(tera::Value::String(format!(
                    "[{}]",
                    args["key"].as_str().unwrap()
                )))
            },
        );
        tera
    }

    fn label(key: &str) -> Option<String> {
        (key != "unknown").then(|| format!("[{key}]"))
    }

    fn texts(nodes: &[Node]) -> Vec<String> {
        nodes
            .iter()
            .map(|n| match n {
                Node::Text(t) => format!("text {t}"),
                Node::VariableBlock(..) => "tag".into(),
                other => format!("{other:?}").chars().take(12).collect(),
            })
            .collect()
    }

    #[test]
    fn only_plain_label_tags_become_text() {
        let mut tera = engine(&[(
            "p.html",
            r#"<h1>{{ t(key="a") }}</h1>{{ t(key="b", n=2) }}{{ t(key="c") | upper }}{{ t(key="unknown") }}{{ x }}"#,
        )]);
        labels(&mut tera, &label);
        let ast = &tera.templates["p.html"].ast;
        assert_eq!(
            texts(ast),
            ["text <h1>[a]</h1>", "tag", "tag", "tag", "tag"]
        );
    }

    #[test]
    fn labels_are_folded_in_loops_branches_macros_and_inherited_blocks() {
        let mut tera = engine(&[
            (
                "m.html",
                r#"{% macro say() %}{{ t(key="in_macro") }}{% endmacro say %}"#,
            ),
            (
                "base.html",
                r#"<title>{% block title %}{{ t(key="base_title") }}{% endblock title %}</title>{% block main %}{% endblock main %}"#,
            ),
            (
                "child.html",
                r#"{% extends "base.html" %}{% import "m.html" as m %}{% block main %}{% for i in xs %}{% if i %}{{ t(key="yes") }}{% else %}{{ t(key="no") }}{% endif %}{% endfor %}{{ m::say() }}{% endblock main %}"#,
            ),
        ]);
        let mut ctx = tera::Context::new();
        ctx.insert("xs", &[true, false]);
        let before = tera.render("child.html", &ctx).unwrap();
        labels(&mut tera, &|k| Some(format!("[{k}]")));
        // Same page from the folded templates, and no label left to call.
        assert_eq!(tera.render("child.html", &ctx).unwrap(), before);
        assert_eq!(before, "<title>[base_title]</title>[yes][no][in_macro]");
        tera.register_function("t", |_: &std::collections::HashMap<String, tera::Value>| {
            Err("called".into())
        });
        assert_eq!(tera.render("child.html", &ctx).unwrap(), before);
    }
}
