//! `accord instruments`, `show`, `country` and `bodies`.

use std::process::ExitCode;

use accord_atlas::model::{Binding, BodyKind, Mechanism};
use accord_atlas::query::{BodyDetail, InstrumentDetail, InstrumentFilter};
use accord_atlas::{Atlas, BodyId, CountryCode, InstrumentId, PartyRef, TopicId};
use anyhow::{anyhow, bail};

use super::{UsageError, as_of, flag};
use crate::cli::{BodiesArgs, CountriesArgs, CountryArgs, InstrumentsArgs, ShowArgs};
use crate::output::{Grid, Report, cell, print, source_cell};

pub fn instruments(atlas: &Atlas, args: &InstrumentsArgs) -> anyhow::Result<ExitCode> {
    let date = as_of(&args.view.as_of)?;
    let filter = InstrumentFilter {
        mechanism: flag::<Mechanism>("mechanism", &args.mechanism)?,
        binding: flag::<Binding>("binding", &args.binding)?,
        party: args.party.as_deref().map(|p| party_arg(atlas, p)).transpose()?,
        body: args.body.as_deref().map(|b| body_arg(atlas, b)).transpose()?,
        topic: args.topic.as_deref().map(|t| topic_arg(atlas, t)).transpose()?,
        search: args.search.clone(),
    };
    let list = atlas.list_instruments(&filter, date);
    let mut grid = Grid::new(&["id", "name", "mechanism", "binding", "status", "adopted", "in force", "parties"]);
    for i in &list.instruments {
        grid.row(vec![
            i.id.to_string(),
            i.short_name.clone().unwrap_or_else(|| i.name.clone()),
            i.mechanism.to_string(),
            i.binding.to_string(),
            i.lifecycle.as_str().to_owned(),
            cell(i.dates.adopted),
            cell(i.dates.entered_into_force),
            i.party_count.to_string(),
        ]);
    }
    let preamble = vec![format!("{} instrument(s) as of {date}", list.count)];
    print(args.view.format, Report { json: &list, preamble, grids: vec![grid] })?;
    Ok(ExitCode::SUCCESS)
}

pub fn show(atlas: &Atlas, args: &ShowArgs) -> anyhow::Result<ExitCode> {
    let date = as_of(&args.view.as_of)?;
    if let Some(detail) = atlas.instrument_detail(&InstrumentId::from(args.id.as_str()), date) {
        print_instrument(&detail, args)?;
    } else if let Some(detail) = atlas.body_detail(&BodyId::from(args.id.as_str()), date) {
        print_body(&detail, args)?;
    } else {
        bail!(
            "no instrument or body with id {:?}; `accord instruments --search TEXT` or `accord bodies` list them",
            args.id
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn print_instrument(detail: &InstrumentDetail, args: &ShowArgs) -> anyhow::Result<()> {
    let i = &detail.instrument;
    let mut preamble = vec![
        format!("{} ({})", i.name, i.id),
        format!("{} · {} · {} · {} as of {}", i.mechanism, i.form, i.binding, detail.lifecycle.as_str(), detail.as_of),
    ];
    if let Some(body) = &i.body {
        preamble.push(format!("adopted by: {body}"));
    }
    preamble.push(String::new());
    preamble.push(i.summary.clone());
    let mut parties = Grid::new(&["party", "name", "status", "date", "how", "effect", "source"]).titled(format!(
        "Parties as of {} ({})",
        detail.as_of,
        detail.parties.len()
    ));
    for p in &detail.parties {
        let how = match &p.via {
            Some(body) => format!("via {body}"),
            None => "direct".to_owned(),
        };
        parties.row(vec![
            p.party.to_string(),
            p.name.clone(),
            p.status.to_string(),
            p.date.to_string(),
            how,
            p.effect.as_str().to_owned(),
            p.source.as_ref().map(|s| s.id.to_string()).unwrap_or_default(),
        ]);
    }
    let mut events = Grid::new(&["date", "event", "note"]).titled("Timeline");
    let mut sorted = i.events.clone();
    sorted.sort_by_key(|e| e.date);
    for e in &sorted {
        events.row(vec![e.date.to_string(), e.kind.to_string(), cell(e.note.as_ref())]);
    }
    let mut provisions = Grid::new(&["id", "ref", "title", "topics"]).titled("Provisions");
    for p in &i.provisions {
        let topics: Vec<_> = p.topics.iter().map(|t| t.as_str()).collect();
        provisions.row(vec![p.id.to_string(), cell(p.reference.as_ref()), p.title.clone(), topics.join(", ")]);
    }
    let mut sources = Grid::new(&["id", "title", "url or seed", "supports"]).titled("Sources");
    for s in &i.sources {
        sources.row(vec![s.id.to_string(), s.title.clone(), source_cell(Some(s)), s.supports.clone()]);
    }
    print(args.view.format, Report { json: detail, preamble, grids: vec![parties, events, provisions, sources] })
}

fn print_body(detail: &BodyDetail, args: &ShowArgs) -> anyhow::Result<()> {
    let b = &detail.body;
    let preamble = vec![format!("{} ({})", b.name, b.id), format!("{} · {}", b.kind, b.summary)];
    let mut members = Grid::new(&["member", "name", "joined", "role"]).titled(format!(
        "Members as of {} ({})",
        detail.as_of,
        detail.members_as_of.len()
    ));
    for m in &detail.members_as_of {
        members.row(vec![m.member.to_string(), m.name.clone(), m.joined.to_string(), m.role.to_string()]);
    }
    let mut instruments = Grid::new(&["instrument"]).titled("Instruments adopted");
    for id in &detail.instruments {
        instruments.row(vec![id.to_string()]);
    }
    print(args.view.format, Report { json: detail, preamble, grids: vec![members, instruments] })
}

pub fn countries(atlas: &Atlas, args: &CountriesArgs) -> anyhow::Result<ExitCode> {
    let date = as_of(&args.view.as_of)?;
    let list = atlas.list_countries(date);
    let mut grid = Grid::new(&["code", "name", "instruments", "memberships"]);
    for c in &list.countries {
        grid.row(vec![c.code.to_string(), c.name.clone(), c.instruments.to_string(), c.memberships.to_string()]);
    }
    let preamble = vec![format!("{} countries; instruments and memberships as of {date}", list.count)];
    print(args.view.format, Report { json: &list, preamble, grids: vec![grid] })?;
    Ok(ExitCode::SUCCESS)
}

pub fn country(atlas: &Atlas, args: &CountryArgs) -> anyhow::Result<ExitCode> {
    let date = as_of(&args.view.as_of)?;
    let code = CountryCode::parse(&args.code).ok_or_else(|| {
        anyhow!("{:?} is not an ISO 3166-1 alpha-2 country code in upper case (for example FR, US, KR)", args.code)
    })?;
    let profile = atlas.country_profile(code, date);
    let preamble = vec![format!("{} ({}) as of {date}", profile.name, profile.code)];
    let mut memberships = Grid::new(&["body", "name", "kind", "since", "role"]).titled("Memberships");
    for m in &profile.memberships {
        memberships.row(vec![
            m.body.to_string(),
            m.name.clone(),
            m.kind.to_string(),
            m.joined.to_string(),
            m.role.to_string(),
        ]);
    }
    let mut instruments =
        Grid::new(&["layer", "instrument", "status", "date", "how", "effect"]).titled("Instruments by layer");
    for i in &profile.instruments {
        instruments.row(vec![
            i.mechanism.to_string(),
            i.id.to_string(),
            i.status.to_string(),
            i.date.to_string(),
            i.via.as_ref().map_or("direct".to_owned(), |v| format!("via {v}")),
            i.effect.as_str().to_owned(),
        ]);
    }
    print(args.view.format, Report { json: &profile, preamble, grids: vec![instruments, memberships] })?;
    Ok(ExitCode::SUCCESS)
}

pub fn bodies(atlas: &Atlas, args: &BodiesArgs) -> anyhow::Result<ExitCode> {
    let date = as_of(&args.view.as_of)?;
    let kind = flag::<BodyKind>("kind", &args.kind)?;
    let list = atlas.list_bodies(kind, date);
    let mut grid = Grid::new(&["id", "name", "kind", "established", "members"]);
    for b in &list.bodies {
        grid.row(vec![
            b.id.to_string(),
            b.short_name.clone().unwrap_or_else(|| b.name.clone()),
            b.kind.to_string(),
            cell(b.established),
            b.member_count.to_string(),
        ]);
    }
    let preamble = vec![format!("{} bodies; member counts as of {date}", list.count)];
    print(args.view.format, Report { json: &list, preamble, grids: vec![grid] })?;
    Ok(ExitCode::SUCCESS)
}

fn party_arg(atlas: &Atlas, text: &str) -> anyhow::Result<PartyRef> {
    match PartyRef::parse(text) {
        PartyRef::Body(id) if atlas.body(&id).is_none() => bail!("unknown body {text:?} for --party"),
        PartyRef::Invalid(_) => Err(UsageError(format!(
            "--party {text:?} is neither an ISO 3166-1 alpha-2 code in upper case nor a body id"
        ))
        .into()),
        party => Ok(party),
    }
}

fn body_arg(atlas: &Atlas, text: &str) -> anyhow::Result<BodyId> {
    let id = BodyId::from(text);
    atlas.body(&id).map(|_| id).ok_or_else(|| anyhow!("unknown body {text:?}; `accord bodies` lists them"))
}

fn topic_arg(atlas: &Atlas, text: &str) -> anyhow::Result<TopicId> {
    let id = TopicId::from(text);
    atlas.topic(&id).map(|_| id).ok_or_else(|| {
        let topics: Vec<_> = atlas.topics().iter().map(|t| t.id.as_str()).collect();
        anyhow!("unknown topic {text:?}; topics are: {}", topics.join(", "))
    })
}
