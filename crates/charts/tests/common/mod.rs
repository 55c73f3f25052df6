//! Helpers shared by the chart tests: every output must be well-formed, accessible SVG.
// Each test binary compiles this module and uses only some of the helpers.
#![allow(dead_code)]

use roxmltree::{Document, Node};

/// Text that breaks naive markup: each of these must come back intact after parsing.
pub const NASTY: &str = r#"R&D <"AI"> 'Act'"#;

/// Parses `svg`, checks what every chart root must have, and returns the document.
pub fn parse(svg: &str) -> Document<'_> {
    let doc = Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}\n{}", &svg[..svg.len().min(2000)]));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2000/svg"));
    assert_eq!(root.attribute("role"), Some("img"));
    assert!(root.attribute("viewBox").is_some_and(|v| v.starts_with("0 0 ")), "sized by a viewBox");
    assert!(root.attribute("height").is_none(), "no fixed height, so it scales");
    let title = root.first_element_child().expect("a first child");
    assert_eq!(title.tag_name().name(), "title");
    assert_eq!(title.text(), root.attribute("aria-label"));
    doc
}

/// Elements with tag `name` and, if given, class `class`, in document order.
pub fn elements<'a, 'i>(doc: &'a Document<'i>, name: &str, class: Option<&str>) -> Vec<Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.has_tag_name(name) && class.is_none_or(|c| n.attribute("class") == Some(c)))
        .collect()
}

/// The text of `node`'s own `<title>` child.
pub fn title_of<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    node.children().find(|c| c.has_tag_name("title")).and_then(|t| t.text())
}

/// Every text in the document (element text and titles), for checking that labels survive escaping.
pub fn all_text(doc: &Document<'_>) -> String {
    doc.descendants().filter_map(|n| n.text()).collect::<Vec<_>>().join("\n")
}
