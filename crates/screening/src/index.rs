//! The inverted index behind candidate generation: a query touches only the names that share a token
//! with it, or a near spelling of one (one edit away, the same consonant skeleton, two words written as
//! one), never the whole list.

use std::cell::RefCell;
use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use crate::normalize::{NormalizedName, Role, Token, ocr_fold};

/// Tokens shorter than this get no one-edit keys: too many short words are one edit apart.
const MIN_FUZZY_LEN: usize = 4;
/// Tokens on more names than this share of the list (very common given names, "trading") only
/// retrieve when the query has nothing rarer.
const COMMON_SHARE: f32 = 0.05;

/// Position of a name in the screener's flat list of names.
pub type NameId = u32;
type TokenId = u32;

pub struct Index {
    vocab: FxHashMap<String, TokenId>,
    /// Token → the names containing it, ascending and without duplicates.
    postings: Vec<Vec<NameId>>,
    /// Hash of a one-character deletion of a token → tokens.
    deletions: FxHashMap<u64, Vec<TokenId>>,
    /// Hash of a consonant skeleton → tokens.
    skeletons: FxHashMap<u64, Vec<TokenId>>,
    /// Hash of two adjacent tokens written as one → names.
    joined: FxHashMap<u64, Vec<NameId>>,
    name_count: usize,
}

#[derive(Default)]
struct Scratch {
    score: Vec<f32>,
    /// The query token that last credited a name, so each query token counts once per name.
    mark: Vec<u32>,
    touched: Vec<NameId>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

fn key(text: &str) -> u64 {
    let mut h = FxHasher::default();
    text.hash(&mut h);
    h.finish()
}

fn deletions(text: &str) -> impl Iterator<Item = String> + '_ {
    (0..text.len()).map(move |i| {
        let mut s = String::with_capacity(text.len() - 1);
        s.push_str(&text[..i]);
        s.push_str(&text[i + 1..]);
        s
    })
}

fn retrieves(token: &Token) -> bool {
    token.role == Role::Word
}

impl Index {
    pub fn build(names: &[NormalizedName]) -> Index {
        let mut index = Index {
            vocab: FxHashMap::default(),
            postings: Vec::new(),
            deletions: FxHashMap::default(),
            skeletons: FxHashMap::default(),
            joined: FxHashMap::default(),
            name_count: names.len(),
        };
        for (name_id, name) in names.iter().enumerate() {
            let name_id = name_id as NameId;
            for token in name.tokens.iter().filter(|t| retrieves(t)) {
                let next_id = index.postings.len() as TokenId;
                let token_id = *index.vocab.entry(token.text.clone()).or_insert(next_id);
                if token_id == next_id {
                    index.postings.push(Vec::new());
                    if token.text.len() >= MIN_FUZZY_LEN {
                        for d in deletions(&token.text) {
                            index.deletions.entry(key(&d)).or_default().push(token_id);
                        }
                    }
                    if !token.skeleton.is_empty() {
                        index.skeletons.entry(key(&token.skeleton)).or_default().push(token_id);
                    }
                }
                let posting = &mut index.postings[token_id as usize];
                if posting.last() != Some(&name_id) {
                    posting.push(name_id);
                }
            }
            for join in &name.joins {
                let posting = index.joined.entry(key(&join.text)).or_default();
                if posting.last() != Some(&name_id) {
                    posting.push(name_id);
                }
            }
        }
        index
    }

    /// Up to `limit` names most likely to match `query`, best first by shared-token evidence.
    pub fn candidates(&self, query: &NormalizedName, limit: usize) -> Vec<NameId> {
        let tokens: Vec<&Token> = query.tokens.iter().filter(|t| retrieves(t)).collect();
        let mut per_token: Vec<Vec<(TokenId, f32)>> = tokens.iter().map(|t| self.similar_tokens(t)).collect();
        // Two query words written as one listed word ("jin ping" / "jinping").
        for i in 0..tokens.len().saturating_sub(1) {
            let joined = format!("{}{}", tokens[i].text, tokens[i + 1].text);
            if let Some(&id) = self.vocab.get(&joined) {
                per_token[i].push((id, 1.0));
            }
        }

        SCRATCH.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            let Scratch { score, mark, touched } = &mut *scratch;
            if score.len() < self.name_count {
                score.resize(self.name_count, 0.0);
                mark.resize(self.name_count, 0);
            }
            let common = ((self.name_count as f32 * COMMON_SHARE) as usize).max(50);
            let rare_exists = per_token.iter().flatten().any(|(id, _)| self.postings[*id as usize].len() <= common);

            for (qi, similar) in per_token.iter_mut().enumerate() {
                let stamp = qi as u32 + 1;
                similar.sort_by(|a, b| b.1.total_cmp(&a.1));
                for &(token_id, quality) in similar.iter() {
                    let posting = &self.postings[token_id as usize];
                    if rare_exists && posting.len() > common {
                        continue;
                    }
                    let weight = quality * (1.0 + (self.name_count as f32 / posting.len() as f32).ln());
                    for &name in posting {
                        credit(score, mark, touched, name, stamp, weight);
                    }
                }
                if let Some(names) = self.joined.get(&key(&tokens[qi].text)) {
                    let weight = 1.0 + (self.name_count as f32 / names.len() as f32).ln();
                    for &name in names {
                        credit(score, mark, touched, name, stamp, weight);
                    }
                }
            }

            let mut found: Vec<(NameId, f32)> = touched.iter().map(|&n| (n, score[n as usize])).collect();
            for &n in touched.iter() {
                score[n as usize] = 0.0;
                mark[n as usize] = 0;
            }
            touched.clear();
            if found.len() > limit {
                found.select_nth_unstable_by(limit, |a, b| b.1.total_cmp(&a.1));
                found.truncate(limit);
            }
            found.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            found.into_iter().map(|(n, _)| n).collect()
        })
    }

    /// Listed tokens spelled like `token`, each with how much the spelling is trusted.
    fn similar_tokens(&self, token: &Token) -> Vec<(TokenId, f32)> {
        let mut out = Vec::new();
        let text = token.text.as_str();
        if let Some(&id) = self.vocab.get(text) {
            out.push((id, 1.0));
        }
        let folded = ocr_fold(text);
        if folded != text
            && let Some(&id) = self.vocab.get(&folded)
        {
            out.push((id, 0.9));
        }
        let skeleton_ok = token.skeleton.len() >= 2 || (token.abjad && !token.skeleton.is_empty());
        if skeleton_ok && let Some(ids) = self.skeletons.get(&key(&token.skeleton)) {
            out.extend(ids.iter().map(|&id| (id, 0.8)));
        }
        if text.len() >= MIN_FUZZY_LEN {
            if let Some(ids) = self.deletions.get(&key(text)) {
                out.extend(ids.iter().map(|&id| (id, 0.7)));
            }
            for d in deletions(text) {
                if let Some(&id) = self.vocab.get(&d) {
                    out.push((id, 0.7));
                }
                if let Some(ids) = self.deletions.get(&key(&d)) {
                    out.extend(ids.iter().map(|&id| (id, 0.7)));
                }
            }
        }
        out
    }
}

fn credit(score: &mut [f32], mark: &mut [u32], touched: &mut Vec<NameId>, name: NameId, stamp: u32, weight: f32) {
    let i = name as usize;
    if mark[i] == stamp {
        // This query token already credited the name through a better spelling.
        return;
    }
    if mark[i] == 0 {
        touched.push(name);
    }
    mark[i] = stamp;
    score[i] += weight;
}
