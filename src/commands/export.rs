//! `accord export`: the atlas as JSON or CSV files.

use std::fs;
use std::path::Path;
use std::process::ExitCode;

use accord_atlas::Atlas;
use anyhow::Context;
use serde_json::json;

use super::as_of;
use crate::cli::{ExportArgs, ExportFormat};
use crate::output::{cell, source_cell};

pub fn run(atlas: &Atlas, args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let date = as_of(&args.as_of)?;
    fs::create_dir_all(&args.out).with_context(|| format!("cannot create {}", args.out.display()))?;
    let written = match args.format {
        ExportFormat::Json => write_json(atlas, &args.out, date)?,
        ExportFormat::Csv => write_csv(atlas, &args.out, date)?,
    };
    for file in written {
        println!("wrote {}", args.out.join(file).display());
    }
    Ok(ExitCode::SUCCESS)
}

fn write_json(atlas: &Atlas, dir: &Path, date: accord_atlas::PartialDate) -> anyhow::Result<Vec<&'static str>> {
    let resolved: Vec<_> = atlas
        .instruments()
        .iter()
        .map(|i| json!({"instrument": i.id, "parties": atlas.parties_as_of(i, date)}))
        .collect();
    let document = json!({
        "as_of": date,
        "seeds": atlas.seeds(),
        "topics": atlas.topics(),
        "bodies": atlas.bodies(),
        "instruments": atlas.instruments(),
        "resolved_parties": resolved,
    });
    write_atomic(&dir.join("atlas.json"), serde_json::to_string_pretty(&document)?.as_bytes())?;
    write_atomic(
        &dir.join("schema.json"),
        serde_json::to_string_pretty(&accord_atlas::schema::data_schema())?.as_bytes(),
    )?;
    Ok(vec!["atlas.json", "schema.json"])
}

fn write_csv(atlas: &Atlas, dir: &Path, date: accord_atlas::PartialDate) -> anyhow::Result<Vec<&'static str>> {
    let mut instruments =
        csv_writer(&["id", "name", "short_name", "mechanism", "form", "binding", "body", "url", "summary"]);
    let mut events = csv_writer(&["instrument", "kind", "date", "note", "source"]);
    let mut parties = csv_writer(&["instrument", "party", "status", "date", "effective", "note", "source"]);
    let mut resolved =
        csv_writer(&["as_of", "instrument", "party", "name", "status", "date", "via", "effect", "source"]);
    let mut provisions = csv_writer(&["instrument", "provision", "ref", "title", "topics", "summary"]);
    for i in atlas.instruments() {
        let src = |id: &Option<accord_atlas::ids::SourceId>| source_cell(id.as_ref().and_then(|s| i.source(s)));
        instruments.write_record([
            i.id.as_str(),
            &i.name,
            &cell(i.short_name.as_ref()),
            i.mechanism.as_str(),
            i.form.as_str(),
            i.binding.as_str(),
            &cell(i.body.as_ref()),
            &cell(i.url.as_ref()),
            &i.summary,
        ])?;
        for e in &i.events {
            events.write_record([
                i.id.as_str(),
                e.kind.as_str(),
                &e.date.to_string(),
                &cell(e.note.as_ref()),
                &src(&e.source),
            ])?;
        }
        for p in &i.parties {
            parties.write_record([
                i.id.as_str(),
                p.party.as_str(),
                p.status.as_str(),
                &p.date.to_string(),
                &cell(p.effective),
                &cell(p.note.as_ref()),
                &src(&p.source),
            ])?;
        }
        for p in atlas.parties_as_of(i, date) {
            resolved.write_record([
                &date.to_string(),
                i.id.as_str(),
                p.party.as_str(),
                &p.name,
                p.status.as_str(),
                &p.date.to_string(),
                &cell(p.via.as_ref()),
                p.effect.as_str(),
                &source_cell(p.source.as_ref()),
            ])?;
        }
        for p in &i.provisions {
            let topics: Vec<_> = p.topics.iter().map(|t| t.as_str()).collect();
            provisions.write_record([
                i.id.as_str(),
                p.id.as_str(),
                &cell(p.reference.as_ref()),
                &p.title,
                &topics.join(";"),
                &p.summary,
            ])?;
        }
    }
    let mut bodies =
        csv_writer(&["id", "name", "short_name", "kind", "country", "parent", "established", "url", "summary"]);
    let mut members = csv_writer(&["body", "member", "joined", "left", "role", "source"]);
    for b in atlas.bodies() {
        bodies.write_record([
            b.id.as_str(),
            &b.name,
            &cell(b.short_name.as_ref()),
            b.kind.as_str(),
            &cell(b.country.as_ref()),
            &cell(b.parent.as_ref()),
            &cell(b.established),
            &cell(b.url.as_ref()),
            &b.summary,
        ])?;
        for m in &b.members {
            let source = m.source.as_ref().and_then(|s| b.sources.iter().find(|x| &x.id == s));
            members.write_record([
                b.id.as_str(),
                m.member.as_str(),
                &m.joined.to_string(),
                &cell(m.left),
                m.role.as_str(),
                &source_cell(source),
            ])?;
        }
    }
    let mut topics = csv_writer(&["id", "name", "definition"]);
    for t in atlas.topics() {
        topics.write_record([t.id.as_str(), &t.name, &t.definition])?;
    }
    let files = [
        ("instruments.csv", instruments),
        ("events.csv", events),
        ("parties.csv", parties),
        ("resolved_parties.csv", resolved),
        ("provisions.csv", provisions),
        ("bodies.csv", bodies),
        ("memberships.csv", members),
        ("topics.csv", topics),
    ];
    let mut written = Vec::new();
    for (name, writer) in files {
        let bytes = writer.into_inner().context("finishing CSV")?;
        write_atomic(&dir.join(name), &bytes)?;
        written.push(name);
    }
    Ok(written)
}

fn csv_writer(headers: &[&str]) -> csv::Writer<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(headers).expect("writing to memory");
    writer
}

/// Writes through a temporary file and a rename, so a failed export leaves no half-written file.
pub(super) fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let tmp = path.with_extension("tmp");
    fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
