//! Diagnostics that name the file, line, column and field of every problem in the data.

use std::fmt;
use std::ops::Range;

use serde::Serialize;

/// One step of a path into a TOML document: a key or an index into an array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// A path to a value in a data file, such as `parties[3].party`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldPath(Vec<Segment>);

impl FieldPath {
    pub fn root() -> Self {
        Self::default()
    }

    pub fn key(&self, key: &str) -> Self {
        let mut next = self.clone();
        next.0.push(Segment::Key(key.to_owned()));
        next
    }

    pub fn index(&self, index: usize) -> Self {
        let mut next = self.clone();
        next.0.push(Segment::Index(index));
        next
    }

    /// Shorthand for `.key(array).index(i).key(field)`.
    pub fn item(array: &str, index: usize, field: &str) -> Self {
        Self::root().key(array).index(index).key(field)
    }

    /// Finds the byte range of the value at this path, or of the nearest ancestor that has one.
    pub fn locate(&self, text: &str) -> Option<Range<usize>> {
        let doc = toml_edit::Document::parse(text).ok()?;
        let mut node = Node::Item(doc.as_item());
        let mut best = None;
        for segment in &self.0 {
            match node.step(segment) {
                Some(next) => {
                    node = next;
                    best = node.span().or(best);
                }
                None => break,
            }
        }
        best
    }
}

/// A position in a parsed TOML document; toml_edit has three kinds of node that carry spans.
#[derive(Clone, Copy)]
enum Node<'a> {
    Item(&'a toml_edit::Item),
    Table(&'a toml_edit::Table),
    Value(&'a toml_edit::Value),
}

impl<'a> Node<'a> {
    fn step(self, segment: &Segment) -> Option<Node<'a>> {
        use toml_edit::{Item, Value};
        match (self, segment) {
            (Node::Item(Item::Table(t)) | Node::Table(t), Segment::Key(k)) => t.get(k).map(Node::Item),
            (Node::Item(Item::ArrayOfTables(a)), Segment::Index(i)) => a.get(*i).map(Node::Table),
            (Node::Item(Item::Value(v)) | Node::Value(v), _) => match (v, segment) {
                (Value::InlineTable(t), Segment::Key(k)) => t.get(k).map(Node::Value),
                (Value::Array(a), Segment::Index(i)) => a.get(*i).map(Node::Value),
                _ => None,
            },
            _ => None,
        }
    }

    fn span(self) -> Option<Range<usize>> {
        match self {
            Node::Item(item) => item.span(),
            Node::Table(table) => table.span(),
            Node::Value(value) => value.span(),
        }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(k) if i == 0 => write!(f, "{k}")?,
                Segment::Key(k) => write!(f, ".{k}")?,
                Segment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// A problem in one data file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Path of the file relative to the data directory.
    pub file: String,
    /// 1-based line and column of the problem.
    pub line: usize,
    pub column: usize,
    /// Byte range in the file, for rendering the offending text.
    #[serde(skip)]
    pub span: Range<usize>,
    /// The field the problem is in, such as `parties[3].party`; empty for the whole file.
    pub field: String,
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic at a byte range of `text`.
    pub fn at_span(file: &str, text: &str, span: Range<usize>, field: String, message: String) -> Self {
        let (line, column) = line_column(text, span.start);
        Self { file: file.to_owned(), line, column, span, field, message }
    }

    /// A diagnostic at the value a field path names, or the nearest enclosing value.
    pub fn at_path(file: &str, text: &str, path: &FieldPath, message: impl Into<String>) -> Self {
        let span = path.locate(text).unwrap_or(0..0);
        Self::at_span(file, text, span, path.to_string(), message.into())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        f.write_str(&self.message)
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}
