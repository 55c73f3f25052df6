//! Coalitions: average-linkage agglomerative clustering of a group on distance 1 − S.
//!
//! Clusters merge while the closest pair is at distance ≤ the cut. Ties go to the pair whose smallest
//! member codes are lexicographically smallest, so the same matrix always gives the same coalitions.
//! A nearest-neighbour array keeps each step linear in the number of clusters instead of quadratic.

use accord_atlas::CountryCode;
use serde::Serialize;

use crate::alignment::Matrix;

/// The default cut: a coalition's members share, on average, at least half of their commitments.
pub const DEFAULT_CUT: f64 = 0.5;

/// Distances closer than this are ties (average linkage sums the same scores in different orders).
const EPSILON: f64 = 1e-12;

/// A cluster of states.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Coalition {
    pub members: Vec<CountryCode>,
    /// Mean alignment between its members (1 for a single state).
    pub cohesion: f64,
}

/// The coalitions of a matrix's members, largest first, then by first member; members sorted.
pub fn coalitions(matrix: &Matrix, cut: f64) -> Vec<Coalition> {
    let mut clusters: Vec<Vec<usize>> = clusters(&matrix.scores, cut);
    clusters.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    clusters
        .into_iter()
        .map(|indices| {
            let n = indices.len();
            let mut sum = 0.0;
            for (k, &i) in indices.iter().enumerate() {
                for &j in &indices[k + 1..] {
                    sum += matrix.scores[i][j];
                }
            }
            let cohesion = if n < 2 { 1.0 } else { sum / (n * (n - 1) / 2) as f64 };
            Coalition { members: indices.iter().map(|&i| matrix.members[i]).collect(), cohesion }
        })
        .collect()
}

/// Clusters of indices into a square score matrix whose rows are sorted by member code.
fn clusters(scores: &[Vec<f64>], cut: f64) -> Vec<Vec<usize>> {
    let n = scores.len();
    // A cluster lives in the slot of its smallest member, which is also its tie-breaking key.
    let mut dist: Vec<Vec<f64>> = scores.iter().map(|row| row.iter().map(|s| 1.0 - s).collect()).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut active: Vec<bool> = vec![true; n];
    // nearest[a] = the closest active cluster b > a, with ties to the smallest b.
    let mut nearest: Vec<Option<(f64, usize)>> = (0..n).map(|a| row_nearest(&dist, &active, a)).collect();
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for a in (0..n).filter(|&a| active[a]) {
            if let Some((d, b)) = nearest[a]
                && best.is_none_or(|(bd, _, _)| d < bd - EPSILON)
            {
                best = Some((d, a, b));
            }
        }
        let Some((d, a, b)) = best else { break };
        if d > cut + EPSILON {
            break;
        }
        let (na, nb) = (members[a].len() as f64, members[b].len() as f64);
        for k in (0..n).filter(|&k| active[k] && k != a && k != b) {
            let merged = (na * dist[a][k] + nb * dist[b][k]) / (na + nb);
            dist[a][k] = merged;
            dist[k][a] = merged;
        }
        let absorbed = std::mem::take(&mut members[b]);
        members[a].extend(absorbed);
        members[a].sort_unstable();
        active[b] = false;
        nearest[b] = None;
        for k in (0..n).filter(|&k| active[k]) {
            let stale = matches!(nearest[k], Some((_, m)) if m == a || m == b);
            if k == a || stale {
                nearest[k] = row_nearest(&dist, &active, k);
            } else if k < a {
                // The merged cluster can only tie with k's nearest, never beat it; a tie goes to the smaller key.
                let candidate = dist[k][a];
                if nearest[k].is_none_or(|(d, m)| candidate < d - EPSILON || (candidate <= d + EPSILON && a < m)) {
                    nearest[k] = Some((candidate, a));
                }
            }
        }
    }
    (0..n).filter(|&a| active[a]).map(|a| std::mem::take(&mut members[a])).collect()
}

fn row_nearest(dist: &[Vec<f64>], active: &[bool], a: usize) -> Option<(f64, usize)> {
    let mut best: Option<(f64, usize)> = None;
    for b in (a + 1..dist.len()).filter(|&b| active[b]) {
        if best.is_none_or(|(d, _)| dist[a][b] < d - EPSILON) {
            best = Some((dist[a][b], b));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix(codes: &[&str], scores: Vec<Vec<f64>>) -> Matrix {
        Matrix {
            as_of: "2025-01-01".parse().unwrap(),
            members: codes.iter().map(|c| CountryCode::parse(c).unwrap()).collect(),
            scores,
        }
    }

    fn codes(coalition: &Coalition) -> Vec<&str> {
        coalition.members.iter().map(|c| c.as_str()).collect()
    }

    #[test]
    fn two_blocs_and_a_loner_are_found_at_the_default_cut() {
        let m = matrix(
            &["DE", "FR", "IT", "JP", "KR"],
            vec![
                vec![1.0, 0.9, 0.8, 0.1, 0.1],
                vec![0.9, 1.0, 0.85, 0.1, 0.1],
                vec![0.8, 0.85, 1.0, 0.1, 0.2],
                vec![0.1, 0.1, 0.1, 1.0, 0.7],
                vec![0.1, 0.1, 0.2, 0.7, 1.0],
            ],
        );
        let found = coalitions(&m, DEFAULT_CUT);
        assert_eq!(found.iter().map(codes).collect::<Vec<_>>(), vec![vec!["DE", "FR", "IT"], vec!["JP", "KR"]]);
        assert!((found[1].cohesion - 0.7).abs() < 1e-12);
        // A stricter cut leaves Italy, Japan and Korea alone; a cut of 1 merges everyone.
        assert_eq!(coalitions(&m, 0.12).len(), 4);
        assert_eq!(coalitions(&m, 1.0).len(), 1);
    }

    #[test]
    fn ties_go_to_the_smallest_codes() {
        // Every pair is equally aligned: AD merges with AE first, then the pair joins AF at the same distance.
        let m = matrix(&["AD", "AE", "AF"], vec![vec![1.0, 0.6, 0.6], vec![0.6, 1.0, 0.6], vec![0.6, 0.6, 1.0]]);
        let found = coalitions(&m, DEFAULT_CUT);
        assert_eq!(found.iter().map(codes).collect::<Vec<_>>(), vec![vec!["AD", "AE", "AF"]]);
        let split = matrix(&["AD", "AE", "AF"], vec![vec![1.0, 0.6, 0.6], vec![0.6, 1.0, 0.0], vec![0.6, 0.0, 1.0]]);
        let found = coalitions(&split, DEFAULT_CUT);
        assert_eq!(found.iter().map(codes).collect::<Vec<_>>(), vec![vec!["AD", "AE"], vec!["AF"]]);
    }
}
