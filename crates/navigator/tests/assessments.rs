//! Hand-checked assessments over the shipped atlas: which instruments reach a system, with what effect,
//! and why.

use std::path::Path;
use std::sync::Arc;

use accord_atlas::Atlas;
use accord_navigator::plan::Where;
use accord_navigator::{Assessment, Effect, Finding, Navigator, Profile, ProfileFormat};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");

fn navigator() -> Navigator {
    Navigator::new(Arc::new(Atlas::from_dir(Path::new(DATA)).expect("shipped data is valid")))
}

fn assess(toml: &str, as_of: &str) -> Assessment {
    let profile = Profile::parse(toml, ProfileFormat::Toml).expect("valid profile");
    navigator().assess(&profile, Some(as_of.parse().unwrap())).expect("assessable")
}

fn finding<'a>(a: &'a Assessment, code: &str, instrument: &str) -> Option<&'a Finding> {
    let j = a.jurisdictions.iter().find(|j| j.code.as_str() == code).expect("jurisdiction assessed");
    j.findings.iter().find(|f| f.instrument.as_ref() == instrument)
}

fn reasons(f: &Finding) -> String {
    f.reasons.iter().map(|r| &*r.text).collect::<Vec<_>>().join(" | ")
}

const VEHICLE: &str = r#"
name = "Connected car software"
kinds = ["connected-vehicle"]
roles = ["provider"]
sectors = ["automotive"]
offered_in = ["DE", "JP", "US"]
established_in = "DE"
"#;

#[test]
fn un_r155_and_r156_reach_germany_and_japan_through_the_1958_agreement_but_not_the_united_states() {
    let a = assess(VEHICLE, "2025-06-01");
    for regulation in ["un-r155-cyber-security", "un-r156-software-update"] {
        let de = finding(&a, "DE", regulation).unwrap_or_else(|| panic!("{regulation} must reach DE"));
        assert_eq!(de.effect, Effect::SectorRule);
        let why = reasons(de);
        assert!(why.contains("Germany is a member of"), "{why}");
        assert!(why.contains("1958"), "the chain names the 1958 Agreement: {why}");
        let jp = finding(&a, "JP", regulation).unwrap_or_else(|| panic!("{regulation} must reach JP"));
        assert_eq!(jp.effect, Effect::SectorRule);
        assert!(reasons(jp).contains("Japan"), "{}", reasons(jp));
        assert!(finding(&a, "US", regulation).is_none(), "{regulation} must not reach the US");
    }
    assert!(finding(&a, "US", "unece-1958-agreement").is_none());
}

const GPAI: &str = r#"
name = "General-purpose model"
kinds = ["general-purpose-model"]
roles = ["provider"]
offered_in = ["FR"]
established_in = "US"
"#;

#[test]
fn the_ai_acts_general_purpose_model_obligations_apply_between_july_and_september_2025() {
    let before = assess(GPAI, "2025-07-01");
    let after = assess(GPAI, "2025-09-01");
    let act_before = finding(&before, "FR", "eu-ai-act").expect("the AI Act reaches a model offered in France");
    let pending = act_before
        .rules
        .iter()
        .find(|r| {
            r.effect == Effect::BindingNotYetApplicable
                && r.applies_from.map(|d| d.to_string()) == Some("2025-08-02".into())
        })
        .expect("a rule applying from 2025-08-02 is not yet applicable on 2025-07-01");
    let act_after = finding(&after, "FR", "eu-ai-act").unwrap();
    let same = act_after.rules.iter().find(|r| r.id == pending.id).expect("the same rule on 2025-09-01");
    assert_eq!(same.effect, Effect::BindingInForce);
    let why = reasons(act_after);
    assert!(why.contains("France is a member of"), "{why}");
    assert!(why.contains("2025-08-02"), "{why}");
    // Before the date, its provisions are not yet binding obligations in the unified plan.
    assert!(
        before
            .obligations
            .iter()
            .filter(|o| o.instrument.as_ref() == "eu-ai-act" && pending.provisions.iter().any(|p| **p == *o.provision))
            .all(|o| o.effect != Effect::BindingInForce || !pending.provisions.iter().any(|p| **p == *o.provision))
    );
}

const MEDICAL: &str = r#"
name = "X-ray triage"
kinds = ["medical-device"]
roles = ["provider"]
sectors = ["health"]
offered_in = ["US", "DE"]
established_in = "US"
"#;

#[test]
fn a_medical_device_meets_device_law_on_both_sides_of_the_atlantic() {
    let a = assess(MEDICAL, "2026-09-01");
    let us = &a.jurisdictions.iter().find(|j| j.code.as_str() == "US").unwrap().findings;
    let fda =
        us.iter().find(|f| f.instrument.as_ref().contains("fda")).expect("an FDA instrument reaches the US market");
    assert!(matches!(fda.effect, Effect::BindingInForce | Effect::SectorRule | Effect::Guidance), "{:?}", fda.effect);
    let mdr = finding(&a, "DE", "eu-medical-device-regulation").expect("the EU MDR reaches Germany");
    assert_eq!(mdr.effect, Effect::BindingInForce);
    assert!(reasons(mdr).contains("Germany is a member of"));
    assert!(finding(&a, "US", "eu-medical-device-regulation").is_none());
    let act = finding(&a, "DE", "eu-ai-act").expect("the AI Act reaches a medical device in Germany");
    assert!(
        act.rules.iter().any(|r| r.effect == Effect::BindingNotYetApplicable),
        "Annex I high-risk duties apply later"
    );
}

const FRONTIER: &str = r#"
name = "Frontier model"
kinds = ["frontier-model", "general-purpose-model"]
roles = ["developer", "provider"]
developed_in = ["US"]
offered_in = ["US", "GB"]
established_in = "US"
"#;

#[test]
fn the_frontier_ai_safety_commitments_bind_only_an_operator_that_subscribed() {
    let with = format!("{FRONTIER}voluntary_codes = [\"frontier-ai-safety-commitments\"]\n");
    let subscribed = assess(&with, "2025-06-01");
    let commitment = subscribed
        .operator_commitments
        .iter()
        .find(|f| f.instrument.as_ref() == "frontier-ai-safety-commitments")
        .expect("listed for a subscriber");
    assert_eq!(commitment.effect, Effect::Voluntary);
    assert!(reasons(commitment).contains("voluntary codes the operator subscribes to"));
    assert!(
        subscribed.obligations.iter().any(|o| o.instrument.as_ref() == "frontier-ai-safety-commitments"
            && o.applies_in.to_vec() == vec![Where::Operator])
    );

    let not_subscribed = assess(FRONTIER, "2025-06-01");
    assert!(
        not_subscribed.operator_commitments.iter().all(|f| f.instrument.as_ref() != "frontier-ai-safety-commitments")
    );
    assert!(not_subscribed.obligations.iter().all(|o| o.instrument.as_ref() != "frontier-ai-safety-commitments"));

    // A signatory recorded in the atlas is subscribed by its own signature.
    let signatory = assess(&format!("{FRONTIER}operator = \"anthropic\"\n"), "2025-06-01");
    let signed = signatory
        .operator_commitments
        .iter()
        .find(|f| f.instrument.as_ref() == "frontier-ai-safety-commitments")
        .expect("signatory");
    assert!(reasons(signed).contains("2024-05-21"), "{}", reasons(signed));
}

#[test]
fn the_unified_plan_takes_the_strictest_requirement_per_topic() {
    let a = assess(MEDICAL, "2026-09-01");
    assert!(!a.unified_plan.is_empty());
    let mut seen = std::collections::HashSet::new();
    for item in &a.unified_plan {
        assert!(seen.insert(item.topic.clone()), "one requirement per topic");
        let best = a.obligations.iter().filter(|o| o.topic == item.topic).map(|o| o.effect.rank()).max().unwrap();
        assert_eq!(item.requirement.effect.rank(), best, "topic {}", item.topic);
        assert!(
            a.obligations
                .iter()
                .any(|o| o.instrument == item.requirement.instrument && o.provision == item.requirement.provision)
        );
    }
}

#[test]
fn the_differentiated_plan_has_a_common_baseline_and_stricter_local_additions() {
    let a = assess(MEDICAL, "2026-09-01");
    let all: Vec<Where> = a.jurisdictions.iter().map(|j| Where::Jurisdiction(j.code)).collect();
    for item in &a.differentiated_plan.baseline {
        let places = &item.requirement.applies_in;
        assert!(
            places.contains(&Where::Operator) || all.iter().all(|w| places.contains(w)),
            "{} is not common",
            item.topic
        );
    }
    let de = a.differentiated_plan.additions.iter().find(|x| x.code.as_str() == "DE").unwrap();
    assert!(
        de.items.iter().any(|i| i.requirement.instrument.as_ref() == "eu-medical-device-regulation"),
        "Germany adds EU device law"
    );
    for addition in &a.differentiated_plan.additions {
        for item in &addition.items {
            assert!(item.requirement.applies_in.contains(&Where::Jurisdiction(addition.code)));
            if let Some(base) = a.differentiated_plan.baseline.iter().find(|b| b.topic == item.topic) {
                assert!(item.requirement.effect.rank() > base.requirement.effect.rank());
            }
        }
    }
}

#[test]
fn malformed_profiles_name_the_field_and_the_allowed_values() {
    let bad_kind = Profile::parse(
        "name = \"x\"\nkinds = [\"toaster\"]\nroles = [\"provider\"]\nestablished_in = \"FR\"\n",
        ProfileFormat::Toml,
    )
    .unwrap_err();
    assert_eq!(bad_kind.path, "kinds[0]");
    assert!(bad_kind.allowed.iter().any(|v| v == "medical-device"), "{bad_kind:?}");

    let unknown_field = Profile::parse(
        r#"{"name": "x", "kinds": [], "roles": [], "established_in": "FR", "colour": 1}"#,
        ProfileFormat::Json,
    )
    .unwrap_err();
    assert!(unknown_field.message.contains("colour"), "{unknown_field:?}");

    let profile = Profile::parse("name = \"x\"\nkinds = [\"generative\"]\nroles = [\"provider\"]\noffered_in = [\"FR\", \"XX\"]\nestablished_in = \"FR\"\n", ProfileFormat::Toml).unwrap();
    let error = navigator().assess(&profile, None).unwrap_err();
    assert_eq!(error.path, "offered_in[1]");
    assert!(error.message.contains("\"XX\""));

    let profile = Profile::parse("name = \"x\"\nkinds = [\"generative\"]\nroles = [\"provider\"]\nestablished_in = \"FR\"\nvoluntary_codes = [\"nope\"]\n", ProfileFormat::Toml).unwrap();
    let error = navigator().assess(&profile, None).unwrap_err();
    assert_eq!(error.path, "voluntary_codes[0]");
    assert!(error.allowed.iter().any(|c| c == "frontier-ai-safety-commitments"));
}

#[test]
fn every_example_profile_is_assessable_and_the_markdown_report_has_both_plans() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let navigator = navigator();
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let profile = Profile::parse(&std::fs::read_to_string(&path).unwrap(), ProfileFormat::Toml)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let a = navigator.assess(&profile, None).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(!a.jurisdictions.is_empty());
            let md = accord_navigator::report::markdown(&a);
            assert!(md.contains("## Unified plan") && md.contains("## Differentiated plan"), "{}", path.display());
            count += 1;
        }
    }
    assert!(count >= 16, "an example per kind of system: {count}");
}
