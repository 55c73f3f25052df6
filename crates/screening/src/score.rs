//! Name-to-name similarity in [0, 1].
//!
//! The query's tokens are aligned one-to-one with the listed name's tokens, best pairs first, in any
//! order. A query word without counterpart costs a lot (it is evidence of another party); a listed word
//! the query omits costs little (queries often give fewer names than lists). Legal forms, titles and
//! particles count only when both names have them.

use crate::explain::{How, PartMatch};
use crate::normalize::{NormalizedName, Role, Token, ocr_fold};

/// Similarity below which two tokens are not considered a pair at all.
const MIN_TOKEN_SIMILARITY: f32 = 0.6;
/// How much a listed word left unmatched matters against the query coverage.
const LISTED_COVERAGE_WEIGHT: f32 = 0.3;

/// One aligned pair: query tokens `q` (one, or two written as one listed word) with listed tokens `c`.
#[derive(Debug, Clone, Copy)]
struct Pair {
    q: (usize, usize),
    c: (usize, usize),
    similarity: f32,
    how: How,
}

/// The similarity of a query name to a listed name.
pub fn score(query: &NormalizedName, listed: &NormalizedName) -> f32 {
    let pairs = align(query, listed);
    aggregate(&query.tokens, &listed.tokens, &pairs)
}

/// The similarity and, for each token on either side, how it was matched.
pub fn explain(query: &NormalizedName, listed: &NormalizedName) -> (f32, Vec<PartMatch>) {
    let (q, c) = (&query.tokens, &listed.tokens);
    let pairs = align(query, listed);
    let score = aggregate(q, c, &pairs);
    let mut parts = Vec::new();
    let mut listed_used = vec![false; c.len()];
    let mut i = 0;
    while i < q.len() {
        if let Some(p) = pairs.iter().find(|p| p.q.0 == i) {
            listed_used[p.c.0..p.c.1].iter_mut().for_each(|u| *u = true);
            parts.push(PartMatch {
                query: originals(&q[p.q.0..p.q.1]),
                listed: originals(&c[p.c.0..p.c.1]),
                how: p.how,
                similarity: p.similarity,
            });
            i = p.q.1;
            continue;
        }
        let how = if q[i].role.is_optional() { How::Ignored } else { How::Unmatched };
        parts.push(PartMatch { query: q[i].original.clone(), listed: String::new(), how, similarity: 0.0 });
        i += 1;
    }
    for (j, token) in c.iter().enumerate().filter(|(j, _)| !listed_used[*j]) {
        let how = if token.role.is_optional() { How::Ignored } else { How::Unmatched };
        parts.push(PartMatch { query: String::new(), listed: c[j].original.clone(), how, similarity: 0.0 });
    }
    (score, parts)
}

fn originals(tokens: &[Token]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for t in tokens {
        // Several tokens can come from one piece of input (a Chinese name); show it once.
        if out.last() != Some(&t.original.as_str()) {
            out.push(&t.original);
        }
    }
    out.join(" ")
}

fn weight(token: &Token) -> f32 {
    match token.role {
        Role::Word if token.text.len() <= 2 => 0.6,
        Role::Word => 1.0,
        Role::Initial => 0.35,
        Role::Particle | Role::Title | Role::LegalForm => 0.4,
    }
}

fn aggregate(q: &[Token], c: &[Token], pairs: &[Pair]) -> f32 {
    // Per token: (similarity, weight) once paired. A pair counts with the lighter weight of its two
    // sides, so a misspelled legal form matched to a listed one counts as a legal form.
    let mut q_sim = vec![None; q.len()];
    let mut c_sim = vec![None; c.len()];
    for p in pairs {
        let lightest =
            |tokens: &[Token], (a, b): (usize, usize)| tokens[a..b].iter().map(weight).fold(f32::MAX, f32::min);
        let w = lightest(q, p.q).min(lightest(c, p.c));
        q_sim[p.q.0..p.q.1].iter_mut().for_each(|s| *s = Some((p.similarity, w)));
        // The listed word behind an initial is only known by its first letter.
        let listed = if p.how == How::Initial && q[p.q.0].role == Role::Initial { 0.5 } else { p.similarity };
        let listed_w = lightest(c, p.c).min(if q[p.q.0].role.is_optional() { weight(&q[p.q.0]) } else { f32::MAX });
        c_sim[p.c.0..p.c.1].iter_mut().for_each(|s| *s = Some((listed, listed_w)));
    }
    let coverage = |tokens: &[Token], sims: &[Option<(f32, f32)>]| {
        let (mut num, mut den) = (0.0, 0.0);
        for (t, s) in tokens.iter().zip(sims) {
            match s {
                Some((s, w)) => {
                    num += w * s;
                    den += w;
                }
                None if !t.role.is_optional() => den += weight(t),
                None => {}
            }
        }
        if den > 0.0 { num / den } else { 0.0 }
    };
    let q_cov = coverage(q, &q_sim);
    let c_cov = coverage(c, &c_sim);
    q_cov * ((1.0 - LISTED_COVERAGE_WEIGHT) + LISTED_COVERAGE_WEIGHT * c_cov)
}

fn align(query: &NormalizedName, listed: &NormalizedName) -> Vec<Pair> {
    let (q, c) = (&query.tokens, &listed.tokens);
    let mut candidates = Vec::new();
    for (i, qt) in q.iter().enumerate() {
        for (j, ct) in c.iter().enumerate() {
            if let Some((similarity, how)) = token_similarity(qt, ct) {
                candidates.push(Pair { q: (i, i + 1), c: (j, j + 1), similarity, how });
            }
        }
    }
    joined_pairs(query, c, false, &mut candidates);
    joined_pairs(listed, q, true, &mut candidates);
    candidates.sort_by(|a, b| {
        b.similarity.total_cmp(&a.similarity).then_with(|| a.q.0.abs_diff(a.c.0).cmp(&b.q.0.abs_diff(b.c.0)))
    });

    let mut q_used = vec![false; q.len()];
    let mut c_used = vec![false; c.len()];
    let mut chosen = Vec::new();
    for p in candidates {
        if q_used[p.q.0..p.q.1].iter().any(|u| *u) || c_used[p.c.0..p.c.1].iter().any(|u| *u) {
            continue;
        }
        q_used[p.q.0..p.q.1].iter_mut().for_each(|u| *u = true);
        c_used[p.c.0..p.c.1].iter_mut().for_each(|u| *u = true);
        chosen.push(p);
    }
    chosen
}

/// Two adjacent tokens of `a` written as one token of `b` ("al hassan" / "alhassan", "jin ping" / "jinping").
fn joined_pairs(a: &NormalizedName, b: &[Token], swapped: bool, out: &mut Vec<Pair>) {
    for join in &a.joins {
        for (j, t) in b.iter().enumerate() {
            if t.role.is_optional() || t.text.len() + 1 < join.text.len() {
                continue;
            }
            let similarity = if t.text == join.text {
                0.97
            } else if join.text.len() >= 5 && join.both_words && t.skeleton == join.skeleton {
                0.85
            } else {
                continue;
            };
            let (qa, cb) = ((join.at, join.at + 2), (j, j + 1));
            let (q, c) = if swapped { (cb, qa) } else { (qa, cb) };
            out.push(Pair { q, c, similarity, how: How::Joined });
        }
    }
}

/// How similar two tokens are, and why; `None` below [`MIN_TOKEN_SIMILARITY`].
fn token_similarity(q: &Token, c: &Token) -> Option<(f32, How)> {
    let same_how = if q.transliterated || c.transliterated { How::Transliterated } else { How::Exact };
    if q.role.is_optional() && c.role.is_optional() && q.role == c.role {
        return (q.text == c.text).then_some((1.0, same_how));
    }
    // A word against a legal form, title or particle: only a misspelling of it ("kORPORATION", "INk").
    let optional = q.role.is_optional() || c.role.is_optional();
    if q.text == c.text {
        return Some((1.0, same_how));
    }
    match (q.role == Role::Initial, c.role == Role::Initial) {
        (true, true) => return None,
        (true, false) => return c.text.starts_with(&q.text).then_some((0.9, How::Initial)),
        (false, true) => return q.text.starts_with(&c.text).then_some((0.9, How::Initial)),
        (false, false) => {}
    }

    let mut best: Option<(f32, How)> = None;
    let mut consider = |similarity: f32, how: How| {
        if similarity >= MIN_TOKEN_SIMILARITY && best.is_none_or(|(s, _)| similarity > s) {
            best = Some((similarity, how));
        }
    };

    let (short, long) = if q.text.len() <= c.text.len() { (&q.text, &c.text) } else { (&c.text, &q.text) };
    if short.len() >= 3 && long.starts_with(short.as_str()) {
        consider(0.6 + 0.35 * short.len() as f32 / long.len() as f32, How::Prefix);
    }

    let max_len = long.len();
    let allowed = match max_len {
        0..=2 => 0,
        3..=5 => 1,
        6..=9 => 2,
        _ => 3,
    };
    if long.len() - short.len() <= allowed {
        let mut distance = strsim::osa_distance(&q.text, &c.text);
        if distance > 1 && (needs_ocr_fold(&q.text) || needs_ocr_fold(&c.text)) {
            distance = distance.min(strsim::osa_distance(&ocr_fold(&q.text), &ocr_fold(&c.text)));
        }
        if distance <= allowed {
            let per_edit = if max_len <= 3 { 1.0 } else { 0.6 };
            let similarity = 1.0 - per_edit * distance as f32 / max_len as f32;
            consider(similarity.max(if max_len <= 3 { 0.7 } else { 0.0 }), How::Fuzzy { distance: distance as u8 });
        }
    }
    // After the edit distance, so that a tie is explained by the more precise of the two.
    if !q.skeleton.is_empty() && q.skeleton == c.skeleton {
        // Only vowels left out ("FSHNG", "Dmtri", Arabic script): strong. Vowels changed
        // ("Mahmoud", "Mohammad"): often a different name.
        let vowels_dropped = q.abjad || c.abjad || is_subsequence(&q.text, &c.text) || is_subsequence(&c.text, &q.text);
        // Words starting with different vowels ("Omar", "Amir") are different names.
        let same_start = q.text.as_bytes()[0] == c.text.as_bytes()[0]
            || !(is_vowel(q.text.as_bytes()[0]) || is_vowel(c.text.as_bytes()[0]));
        if vowels_dropped {
            consider(0.9, How::Phonetic);
        } else if same_start && (q.skeleton.len() >= 2 || optional) {
            consider(0.8, How::Phonetic);
        }
    }

    best
}

/// Whether `short`'s letters appear in `long` in order.
fn is_subsequence(short: &str, long: &str) -> bool {
    let mut rest = long.bytes();
    short.len() < long.len() && short.bytes().all(|b| rest.any(|l| l == b))
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

fn needs_ocr_fold(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit()) || text.contains("rn") || text.contains("vv") || text.contains("cl")
}
