//! A decoder for the subset of TopoJSON that `world-atlas` uses: a geometry collection of polygons and
//! multipolygons over shared, quantized, delta-encoded arcs (TopoJSON specification 1.0, sections 2.1-2.2).

use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// A position as (longitude, latitude) in degrees.
pub(crate) type Point = (f64, f64);
/// A closed ring; the first point is repeated at the end.
pub(crate) type Ring = Vec<Point>;
/// An exterior ring followed by its holes.
pub(crate) type Polygon = Vec<Ring>;

/// One feature of a geometry collection, with its rings in longitude/latitude.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Feature {
    pub id: Option<String>,
    pub name: String,
    pub polygons: Vec<Polygon>,
}

/// Why a TopoJSON document could not be decoded.
#[derive(Debug, thiserror::Error)]
pub(crate) enum TopoError {
    #[error("not TopoJSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the topology has no object named {0:?}")]
    MissingObject(String),
    #[error("geometry {geometry}: arc index {index} is out of range ({arcs} arcs)")]
    ArcIndex { geometry: usize, index: i64, arcs: usize },
    #[error("geometry {geometry}: arcs of a {kind} are not nested as the specification requires")]
    Shape { geometry: usize, kind: String },
}

#[derive(Deserialize)]
struct Topology {
    arcs: Vec<Vec<Vec<f64>>>,
    transform: Option<Transform>,
    objects: BTreeMap<String, Collection>,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct Collection {
    geometries: Vec<Geometry>,
}

#[derive(Deserialize)]
struct Geometry {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    arcs: Value,
    #[serde(default)]
    id: Value,
    #[serde(default)]
    properties: Properties,
}

#[derive(Deserialize, Default)]
struct Properties {
    name: Option<String>,
}

/// Decodes the polygons and multipolygons of the geometry collection `object`; other geometry types
/// (points, lines, null geometries) are skipped, as a choropleth has no use for them.
pub(crate) fn decode(json: &str, object: &str) -> Result<Vec<Feature>, TopoError> {
    let topology: Topology = serde_json::from_str(json)?;
    let collection = topology.objects.get(object).ok_or_else(|| TopoError::MissingObject(object.to_owned()))?;
    let arcs = absolute_arcs(&topology.arcs, topology.transform.as_ref());
    let mut features = Vec::new();
    for (g, geometry) in collection.geometries.iter().enumerate() {
        let shape_error = || TopoError::Shape { geometry: g, kind: geometry.kind.clone() };
        let polygons: Vec<Vec<Vec<i64>>> = match geometry.kind.as_str() {
            "Polygon" => vec![serde_json::from_value(geometry.arcs.clone()).map_err(|_| shape_error())?],
            "MultiPolygon" => serde_json::from_value(geometry.arcs.clone()).map_err(|_| shape_error())?,
            _ => continue,
        };
        let polygons = polygons
            .iter()
            .map(|rings| rings.iter().map(|ring| stitch(ring, &arcs, g)).collect::<Result<Polygon, _>>())
            .collect::<Result<Vec<_>, _>>()?;
        let id = match &geometry.id {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        features.push(Feature { id, name: geometry.properties.name.clone().unwrap_or_default(), polygons });
    }
    Ok(features)
}

/// Turns quantized, delta-encoded arcs into absolute positions. Without a transform the positions are
/// already absolute (an unquantized topology).
fn absolute_arcs(arcs: &[Vec<Vec<f64>>], transform: Option<&Transform>) -> Vec<Vec<Point>> {
    let pair = |p: &Vec<f64>| (p.first().copied().unwrap_or(0.0), p.get(1).copied().unwrap_or(0.0));
    arcs.iter()
        .map(|arc| match transform {
            None => arc.iter().map(pair).collect(),
            Some(t) => {
                let (mut x, mut y) = (0.0, 0.0);
                arc.iter()
                    .map(|p| {
                        let (dx, dy) = pair(p);
                        x += dx;
                        y += dy;
                        (x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1])
                    })
                    .collect()
            }
        })
        .collect()
}

/// Joins the arcs of one ring. A negative index `i` means arc `!i` (its bitwise complement) traversed
/// backwards; each arc after the first starts where the previous one ended, so its first point is dropped.
fn stitch(indices: &[i64], arcs: &[Vec<Point>], geometry: usize) -> Result<Ring, TopoError> {
    let mut ring: Ring = Vec::new();
    for &index in indices {
        let (arc_index, reversed) = if index < 0 { (!index, true) } else { (index, false) };
        let arc = usize::try_from(arc_index).ok().and_then(|i| arcs.get(i)).ok_or(TopoError::ArcIndex {
            geometry,
            index,
            arcs: arcs.len(),
        })?;
        let points: Box<dyn Iterator<Item = &Point>> =
            if reversed { Box::new(arc.iter().rev()) } else { Box::new(arc.iter()) };
        let skip = usize::from(!ring.is_empty());
        ring.extend(points.skip(skip));
    }
    Ok(ring)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Two unit squares sharing the arc x = 1, quantized with scale 0.5 and translated by (10, 20).
    const TWO_SQUARES: &str = r#"{
      "type": "Topology",
      "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
      "arcs": [
        [[2, 0], [0, 2]],
        [[2, 2], [-2, 0], [0, -2], [2, 0]],
        [[2, 0], [2, 0], [0, 2], [-2, 0]]
      ],
      "objects": {"shapes": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[0, 1]], "id": "001", "properties": {"name": "West"}},
        {"type": "MultiPolygon", "arcs": [[[2, -1]]], "id": 2},
        {"type": "Point", "coordinates": [0, 0]}
      ]}}
    }"#;

    #[test]
    fn decodes_deltas_transform_and_reversed_arcs() {
        let features = decode(TWO_SQUARES, "shapes").expect("decodes");
        assert_eq!(features.len(), 2, "the point is skipped");
        let west = &features[0];
        assert_eq!(west.id.as_deref(), Some("001"));
        assert_eq!(west.name, "West");
        assert_eq!(
            west.polygons,
            vec![vec![vec![(11.0, 20.0), (11.0, 21.0), (10.0, 21.0), (10.0, 20.0), (11.0, 20.0)]]]
        );
        let east = &features[1];
        assert_eq!(east.id.as_deref(), Some("2"));
        // Arc 0 reversed closes the eastern square back at its start.
        assert_eq!(
            east.polygons,
            vec![vec![vec![(11.0, 20.0), (12.0, 20.0), (12.0, 21.0), (11.0, 21.0), (11.0, 20.0)]]]
        );
    }

    #[test]
    fn reports_bad_arc_indices_and_missing_objects() {
        let bad = TWO_SQUARES.replace("[[0, 1]]", "[[0, 7]]");
        assert!(matches!(decode(&bad, "shapes"), Err(TopoError::ArcIndex { index: 7, .. })));
        assert!(matches!(decode(TWO_SQUARES, "land"), Err(TopoError::MissingObject(_))));
    }
}
