//! A Markdown report of an assessment that a compliance officer can hand to a colleague.

use std::fmt::Write;

use crate::Assessment;
use crate::assess::{Finding, Reason};
use crate::plan::PlanItem;

pub fn markdown(a: &Assessment) -> String {
    let mut out = String::new();
    let _ = write_report(&mut out, a);
    out
}

fn write_report(out: &mut String, a: &Assessment) -> std::fmt::Result {
    writeln!(out, "# AI governance assessment: {}\n", a.system)?;
    writeln!(out, "As of **{}**. {}\n", a.as_of, a.disclaimer)?;
    writeln!(out, "## Summary\n")?;
    writeln!(
        out,
        "| Jurisdiction | Binding in force | Not yet applicable | Sector rules | Commitments and guidance | Proposals |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|")?;
    for j in &a.jurisdictions {
        let count = |pred: &dyn Fn(&Finding) -> bool| j.findings.iter().filter(|f| pred(f)).count();
        use crate::Effect::*;
        writeln!(
            out,
            "| {} ({}) | {} | {} | {} | {} | {} |",
            j.name,
            j.code,
            count(&|f| f.effect == BindingInForce),
            count(&|f| f.effect == BindingNotYetApplicable),
            count(&|f| f.effect == SectorRule),
            count(&|f| matches!(f.effect, SignedNotBound | PoliticalCommitment | Guidance | Voluntary)),
            j.proposals.len()
        )?;
    }
    writeln!(out)?;
    for j in &a.jurisdictions {
        writeln!(out, "## {} ({})\n", j.name, j.code)?;
        if j.findings.is_empty() {
            writeln!(out, "No recorded instrument reaches the system here.\n")?;
        }
        for f in &j.findings {
            write_finding(out, f)?;
        }
        for p in &j.proposals {
            writeln!(out, "- **Proposed:** {} (`{}`)", p.name, p.instrument)?;
            write_reasons(out, &p.reasons, "  ")?;
        }
        writeln!(out)?;
    }
    if !a.operator_commitments.is_empty() {
        writeln!(out, "## The operator's voluntary commitments\n")?;
        for f in &a.operator_commitments {
            write_finding(out, f)?;
        }
        writeln!(out)?;
    }
    writeln!(out, "## Unified plan: the strictest requirement per topic\n")?;
    write_plan(out, &a.unified_plan)?;
    writeln!(out, "## Differentiated plan\n")?;
    writeln!(out, "### Baseline (applies in every jurisdiction)\n")?;
    write_plan(out, &a.differentiated_plan.baseline)?;
    for add in &a.differentiated_plan.additions {
        writeln!(out, "### What {} ({}) adds\n", add.name, add.code)?;
        if add.items.is_empty() {
            writeln!(out, "Nothing beyond the baseline.\n")?;
        } else {
            write_plan(out, &add.items)?;
        }
    }
    if !a.standards.is_empty() {
        writeln!(out, "## Standards that support compliance\n")?;
        for s in &a.standards {
            let topics: Vec<&str> = s.topics.iter().map(|t| t.as_str()).collect();
            let places: Vec<&str> = s.supports_in.iter().map(|c| c.as_str()).collect();
            writeln!(
                out,
                "- **{}** (`{}`): {}; supports binding obligations in {}",
                s.name,
                s.instrument,
                topics.join(", "),
                places.join(", ")
            )?;
        }
        writeln!(out)?;
    }
    if !a.industry_bodies.is_empty() {
        writeln!(out, "## Industry coordination bodies\n")?;
        for b in &a.industry_bodies {
            writeln!(out, "- **{}** (`{}`): {}", b.name, b.body, b.why)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn write_finding(out: &mut String, f: &Finding) -> std::fmt::Result {
    let from = f.applies_from.map(|d| format!(", applies from {d}")).unwrap_or_default();
    writeln!(out, "- **{}** (`{}`, {}): *{}*{from}", f.name, f.instrument, f.mechanism, f.effect.label())?;
    for rule in &f.rules {
        let from = rule.applies_from.map(|d| format!(" from {d}")).unwrap_or_default();
        writeln!(out, "  - {}: {}{from}", rule.title, rule.effect.label())?;
    }
    write_reasons(out, &f.reasons, "  ")
}

fn write_reasons(out: &mut String, reasons: &[Reason], indent: &str) -> std::fmt::Result {
    let chain: Vec<String> = reasons
        .iter()
        .map(|r| match r.source.as_ref().and_then(|s| s.url.clone().or_else(|| s.seed.clone())) {
            Some(link) => format!("{} ([source]({link}))", r.text),
            None => r.text.to_string(),
        })
        .collect();
    writeln!(out, "{indent}- Why: {}", chain.join(" "))
}

fn write_plan(out: &mut String, items: &[PlanItem]) -> std::fmt::Result {
    if items.is_empty() {
        return writeln!(out, "No obligations.\n");
    }
    writeln!(out, "| Topic | Requirement | From | Effect | Where |")?;
    writeln!(out, "|---|---|---|---|---|")?;
    for item in items {
        let r = &item.requirement;
        let places: Vec<String> = r.applies_in.iter().map(|w| w.to_string()).collect();
        writeln!(
            out,
            "| {} | {}: {} | `{}#{}` | {}{} | {} |",
            item.topic_name,
            r.title,
            r.summary.replace('|', "/").replace('\n', " "),
            r.instrument,
            r.provision,
            r.effect.label(),
            r.applies_from.map(|d| format!(" (from {d})")).unwrap_or_default(),
            places.join(", ")
        )?;
    }
    writeln!(out)
}
