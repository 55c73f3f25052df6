//! Set queries over states on a date: `party(paris-statement-inclusive-sustainable-ai) and not
//! party(bletchley-declaration)`.
//!
//! Atoms: `party(I)` (or `signed(I)`), `bound(I)`, `member(BODY)`, where `I` is an instrument id, `any`, or
//! `mechanism:LAYER`. Operators `not` > `and` > `or`, with parentheses. `not` complements within the states
//! known on the date (the UN members, plus any other state holding a commitment, such as the Holy See), so
//! every answer is a set of states.

use std::collections::BTreeSet;

use accord_atlas::model::Mechanism;
use accord_atlas::{Atlas, BodyId, CountryCode, InstrumentId, LegalEffect, PartialDate};
use serde::Serialize;

use crate::alignment::State;
use crate::groups;
use crate::participation::Snapshot;

/// A query that does not parse or names something the atlas does not hold, with its 1-based column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct QueryError {
    pub column: usize,
    pub message: String,
}

/// Which instruments an atom is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Instrument(InstrumentId),
    Layer(Mechanism),
    Any,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// States with an effect other than none.
    Party(Target),
    /// States bound (a binding instrument in force for them).
    Bound(Target),
    /// States that are members of a body on the date.
    Member(BodyId),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Open,
    Close,
}

fn tokenize(text: &str) -> Result<Vec<(usize, Token)>, QueryError> {
    let mut tokens = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (offset, c) = chars[i];
        let column = text[..offset].chars().count() + 1;
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                tokens.push((column, Token::Open));
                i += 1;
            }
            ')' => {
                tokens.push((column, Token::Close));
                i += 1;
            }
            c if c.is_ascii_alphanumeric() => {
                let start = i;
                while i < chars.len() && (chars[i].1.is_ascii_alphanumeric() || matches!(chars[i].1, '-' | ':')) {
                    i += 1;
                }
                let word: String = chars[start..i].iter().map(|(_, c)| c).collect();
                tokens.push((column, Token::Word(word)));
            }
            other => return Err(QueryError { column, message: format!("unexpected character {other:?}") }),
        }
    }
    Ok(tokens)
}

/// The most tokens a query may have, and the deepest it may nest (`not`, parentheses): the parser,
/// the evaluator and dropping the tree all recurse, so an unbounded query could exhaust the stack.
pub const MAX_TOKENS: usize = 1000;
pub const MAX_DEPTH: usize = 64;

/// Parses and checks a query against the atlas (every instrument and body it names must exist).
pub fn parse(atlas: &Atlas, text: &str) -> Result<Expr, QueryError> {
    let tokens = tokenize(text)?;
    if let Some((column, _)) = tokens.get(MAX_TOKENS) {
        return Err(QueryError {
            column: *column,
            message: format!("the query is too long: at most {MAX_TOKENS} words and parentheses"),
        });
    }
    let end = text.chars().count() + 1;
    let mut parser = Parser { atlas, tokens, pos: 0, end, depth: 0 };
    let expr = parser.or()?;
    if let Some((column, token)) = parser.tokens.get(parser.pos) {
        let what = match token {
            Token::Word(w) => format!("{w:?}"),
            Token::Open => "\"(\"".into(),
            Token::Close => "\")\"".into(),
        };
        return Err(QueryError { column: *column, message: format!("expected `and`, `or` or the end, found {what}") });
    }
    Ok(expr)
}

struct Parser<'a> {
    atlas: &'a Atlas,
    tokens: Vec<(usize, Token)>,
    pos: usize,
    /// The column just past the end, for errors at the end of the query.
    end: usize,
    /// How many `not`s and parentheses enclose the current position.
    depth: usize,
}

impl Parser<'_> {
    fn peek_word(&self, word: &str) -> bool {
        matches!(self.tokens.get(self.pos), Some((_, Token::Word(w))) if w == word)
    }

    fn column(&self) -> usize {
        self.tokens.get(self.pos).map_or(self.end, |(c, _)| *c)
    }

    fn or(&mut self) -> Result<Expr, QueryError> {
        let mut left = self.and()?;
        while self.peek_word("or") {
            self.pos += 1;
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, QueryError> {
        let mut left = self.unary()?;
        while self.peek_word("and") {
            self.pos += 1;
            left = Expr::And(Box::new(left), Box::new(self.unary()?));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, QueryError> {
        if self.peek_word("not") {
            self.enter()?;
            self.pos += 1;
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(inner)));
        }
        self.primary()
    }

    fn enter(&mut self) -> Result<(), QueryError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(QueryError {
                column: self.column(),
                message: format!("the query nests deeper than {MAX_DEPTH} levels"),
            });
        }
        Ok(())
    }

    fn primary(&mut self) -> Result<Expr, QueryError> {
        let column = self.column();
        match self.tokens.get(self.pos).cloned() {
            Some((_, Token::Open)) => {
                self.enter()?;
                self.pos += 1;
                let expr = self.or()?;
                self.expect_close(column)?;
                self.depth -= 1;
                Ok(expr)
            }
            Some((_, Token::Word(name))) => {
                self.pos += 1;
                self.atom(&name, column)
            }
            Some((_, Token::Close)) => Err(QueryError { column, message: "unexpected \")\"".into() }),
            None => Err(QueryError { column, message: "the query ends where a condition was expected".into() }),
        }
    }

    fn expect_close(&mut self, open: usize) -> Result<(), QueryError> {
        if matches!(self.tokens.get(self.pos), Some((_, Token::Close))) {
            self.pos += 1;
            Ok(())
        } else {
            Err(QueryError {
                column: self.column(),
                message: format!("expected \")\" to close the \"(\" at column {open}"),
            })
        }
    }

    fn atom(&mut self, name: &str, column: usize) -> Result<Expr, QueryError> {
        let known = ["party", "signed", "bound", "member"];
        if !known.contains(&name) {
            let message = format!(
                "unknown condition {name:?}; expected party(...), signed(...), bound(...), member(...), not, or \"(\""
            );
            return Err(QueryError { column, message });
        }
        if !matches!(self.tokens.get(self.pos), Some((_, Token::Open))) {
            return Err(QueryError { column: self.column(), message: format!("expected \"(\" after {name}") });
        }
        let open = self.column();
        self.pos += 1;
        let arg_column = self.column();
        let Some((_, Token::Word(arg))) = self.tokens.get(self.pos).cloned() else {
            return Err(QueryError { column: arg_column, message: format!("expected an id inside {name}(...)") });
        };
        self.pos += 1;
        self.expect_close(open)?;
        let error = |message: String| QueryError { column: arg_column, message };
        if name == "member" {
            let id = BodyId::from(arg.as_str());
            return match self.atlas.body(&id) {
                Some(_) => Ok(Expr::Member(id)),
                None => Err(error(format!("unknown body {arg:?}; `accord bodies` lists them"))),
            };
        }
        let target = if arg == "any" {
            Target::Any
        } else if let Some(layer) = arg.strip_prefix("mechanism:") {
            Target::Layer(layer.parse().map_err(|e| error(format!("{e}")))?)
        } else {
            let id = InstrumentId::from(arg.as_str());
            if self.atlas.instrument(&id).is_none() {
                return Err(error(format!("unknown instrument {arg:?}; `accord instruments --search TEXT` finds ids")));
            }
            Target::Instrument(id)
        };
        Ok(if name == "bound" { Expr::Bound(target) } else { Expr::Party(target) })
    }
}

/// The answer to a query.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct QueryResult {
    pub as_of: PartialDate,
    pub query: String,
    pub count: usize,
    pub states: Vec<State>,
}

/// Parses `text` and evaluates it on `as_of`.
pub fn run(atlas: &Atlas, text: &str, as_of: PartialDate) -> Result<QueryResult, QueryError> {
    let expr = parse(atlas, text)?;
    let snapshot = Snapshot::build(atlas, as_of);
    let mut universe = groups::body_states(atlas, "un", as_of).unwrap_or_default();
    universe.extend(snapshot.states().filter(|&c| snapshot.holdings(c).iter().any(|h| h.weight > 0.0)));
    let states: Vec<State> = evaluate(atlas, &snapshot, &universe, &expr).into_iter().map(State::new).collect();
    Ok(QueryResult { as_of, query: text.to_owned(), count: states.len(), states })
}

/// The states an expression holds for; `universe` is what `not` complements within.
pub fn evaluate(
    atlas: &Atlas,
    snapshot: &Snapshot,
    universe: &BTreeSet<CountryCode>,
    expr: &Expr,
) -> BTreeSet<CountryCode> {
    match expr {
        Expr::Party(target) => holders(atlas, snapshot, target, |e| e != LegalEffect::None),
        Expr::Bound(target) => holders(atlas, snapshot, target, |e| e == LegalEffect::Bound),
        Expr::Member(body) => groups::body_states(atlas, body.as_str(), snapshot.as_of).unwrap_or_default(),
        Expr::Not(inner) => universe.difference(&evaluate(atlas, snapshot, universe, inner)).copied().collect(),
        Expr::And(a, b) => evaluate(atlas, snapshot, universe, a)
            .intersection(&evaluate(atlas, snapshot, universe, b))
            .copied()
            .collect(),
        Expr::Or(a, b) => {
            evaluate(atlas, snapshot, universe, a).union(&evaluate(atlas, snapshot, universe, b)).copied().collect()
        }
    }
}

fn holders(
    atlas: &Atlas,
    snapshot: &Snapshot,
    target: &Target,
    effect: impl Fn(LegalEffect) -> bool,
) -> BTreeSet<CountryCode> {
    let instruments = atlas.instruments();
    let in_target = |index: usize| {
        let instrument = &instruments[index];
        match target {
            Target::Instrument(id) => &instrument.id == id,
            Target::Layer(layer) => instrument.mechanism == *layer,
            // Only binding instruments bind, so `bound(any)` is bound by any binding instrument.
            Target::Any => true,
        }
    };
    snapshot
        .states()
        .filter(|&code| snapshot.holdings(code).iter().any(|h| in_target(h.instrument) && effect(h.effect)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atlas() -> Atlas {
        Atlas::embedded().expect("shipped data is valid")
    }

    #[test]
    fn precedence_is_not_then_and_then_or() {
        let atlas = atlas();
        let parsed = parse(&atlas, "member(g7) or not member(eu) and bound(any)").unwrap();
        let expected = Expr::Or(
            Box::new(Expr::Member(BodyId::from("g7"))),
            Box::new(Expr::And(
                Box::new(Expr::Not(Box::new(Expr::Member(BodyId::from("eu"))))),
                Box::new(Expr::Bound(Target::Any)),
            )),
        );
        assert_eq!(parsed, expected);
    }

    #[test]
    fn deep_or_long_queries_are_refused_not_overflowing_the_stack() {
        let atlas = atlas();
        let nested = format!("{}member(g7){}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
        assert!(parse(&atlas, &nested).is_ok());
        let deeper = format!("({nested})");
        assert!(parse(&atlas, &deeper).expect_err("too deep").message.contains("nests deeper"));
        let nots = format!("{}member(g7)", "not ".repeat(10_000));
        assert!(parse(&atlas, &nots).expect_err("too deep").message.contains("too long"));
        let nots = format!("{}member(g7)", "not ".repeat(MAX_DEPTH + 1));
        assert_eq!(parse(&atlas, &nots).expect_err("too deep").column, 4 * MAX_DEPTH + 1);
        let chain = vec!["member(g7)"; 300].join(" and ");
        assert!(parse(&atlas, &chain).expect_err("too long").message.contains("too long"));
    }

    #[test]
    fn errors_name_the_column_of_the_bad_token() {
        let atlas = atlas();
        let cases = [
            ("party(nothing-here)", 7, "unknown instrument"),
            ("member(g7) and", 15, "ends where a condition"),
            ("member(g7) xor member(eu)", 12, "expected `and`, `or`"),
            ("(member(g7)", 12, "to close the \"(\" at column 1"),
            ("ratified(coe-framework-convention-ai)", 1, "unknown condition"),
            ("party(mechanism:treaties)", 7, "unknown value"),
            ("member(g7) & member(eu)", 12, "unexpected character"),
        ];
        for (query, column, needle) in cases {
            let error = parse(&atlas, query).expect_err(query);
            assert_eq!(error.column, column, "{query}: {error}");
            assert!(error.message.contains(needle), "{query}: {error}");
        }
    }
}
