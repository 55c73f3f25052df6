//! The JSON Schema of the data format, generated from the record types so that it cannot drift.

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Value, json};

use crate::model::{Body, Crosswalk, Instrument, SeedList, Topic};

/// One schema document with a definition per file kind, selected by `oneOf` on the file's folder.
pub fn data_schema() -> Value {
    let mut generator = SchemaGenerator::default();
    let instrument = root::<Instrument>(&mut generator);
    let body = root::<Body>(&mut generator);
    let topic = root::<Topic>(&mut generator);
    let seeds = root::<SeedList>(&mut generator);
    let crosswalk = root::<Crosswalk>(&mut generator);
    let defs: serde_json::Map<String, Value> = generator.take_definitions(true).into_iter().collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://accord.example/schema/data.json",
        "title": "Accord atlas data files",
        "description": "Each file under data/ is one record: instruments/<mechanism>/<id>.toml is an Instrument, bodies/<id>.toml a Body, topics/<id>.toml a Topic, crosswalks/<from>--<to>.toml a Crosswalk, seeds.toml a SeedList.",
        "$defs": merge(defs, [("Instrument", instrument), ("Body", body), ("Topic", topic), ("SeedList", seeds), ("Crosswalk", crosswalk)]),
        "oneOf": [
            {"$ref": "#/$defs/Instrument"},
            {"$ref": "#/$defs/Body"},
            {"$ref": "#/$defs/Topic"},
            {"$ref": "#/$defs/SeedList"},
            {"$ref": "#/$defs/Crosswalk"}
        ]
    })
}

/// The schema of one file kind, as a standalone document (for checking a single file).
pub fn schema_for(kind: &str) -> Option<Value> {
    let mut all = data_schema();
    let defs = all.get_mut("$defs")?.as_object()?.clone();
    defs.get(kind)?;
    Some(json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": defs,
        "$ref": format!("#/$defs/{kind}")
    }))
}

fn root<T: JsonSchema>(generator: &mut SchemaGenerator) -> Value {
    let schema: Schema = generator.root_schema_for::<T>();
    let mut value = schema.to_value();
    if let Some(obj) = value.as_object_mut() {
        obj.remove("$schema");
        obj.remove("$defs");
    }
    value
}

fn merge<const N: usize>(mut defs: serde_json::Map<String, Value>, roots: [(&str, Value); N]) -> Value {
    for (name, schema) in roots {
        defs.insert(name.to_owned(), schema);
    }
    Value::Object(defs)
}
