//! The 113 DBSS definitions (`spec/sources/dbss/apiexplorer/`): all read and analysed, with
//! what they hold pinned. Every number is counted from the files by the analyses; a change to
//! the files or to an analysis shows here.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use importer::definitions::Location;
use importer::definitions::ops::{BodyKind, ReplacementSource};
use importer::definitions::paging::Style;
use importer::definitions::shapes::DiffKind;
use importer::definitions::tags::{self, NameSource};
use importer::definitions::text::ValueList;
use importer::definitions::{self, Census, Loaded, analyse, read_dir};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec/sources/dbss/apiexplorer")
}

fn load() -> Vec<Loaded> {
    read_dir(&dir()).unwrap_or_else(|e| panic!("{}", e[0]))
}

fn map<K: Ord + From<&'static str>, const N: usize>(
    pairs: [(&'static str, usize); N],
) -> BTreeMap<K, usize> {
    pairs.into_iter().map(|(k, n)| (K::from(k), n)).collect()
}

#[test]
fn all_113_files_read_fast() {
    let start = Instant::now();
    let files = load();
    let analysis = analyse(&files);
    let elapsed = start.elapsed();
    eprintln!("read and analysed the 113 DBSS definitions in {elapsed:?}");
    assert_eq!(files.len(), 113);
    assert_eq!(analysis.operations.len(), 113);
    // A debug build reads and analyses the 113 in about 0.1 s; a release build far less.
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");
    assert!(analysis.operations.iter().all(|o| o.problems.is_empty()));
    assert!(
        analysis.ref_problems.is_empty(),
        "{:?}",
        analysis.ref_problems
    );
    assert!(analysis.recursive.is_empty());
    assert!(analysis.unsupported.is_empty());
    for l in &files {
        assert_eq!(
            l.definition.consumes,
            ["application/json;charset=UTF-8"],
            "{}",
            l.file
        );
        assert_eq!(format!("{}.json", l.definition.name), l.file);
    }
}

#[test]
fn census_of_the_113() {
    let files = load();
    let analysis = analyse(&files);
    let c = Census::of(&files, &analysis);
    assert_eq!(
        c.methods,
        map([("DELETE", 16), ("GET", 36), ("POST", 58), ("PUT", 3)])
    );
    assert_eq!(
        c.params,
        map([("body", 60), ("header", 113), ("path", 223), ("query", 46)])
    );
    assert_eq!(c.length_limited_params, 250);
    assert_eq!(
        c.statuses,
        map([
            ("200", 111),
            ("204", 2),
            ("400", 113),
            ("401", 51),
            ("403", 113),
            ("500", 109)
        ])
    );
    assert_eq!(c.response_examples, 116);
    assert_eq!(c.request_examples, 60);
    assert_eq!(c.binary_responses, 2);
    assert_eq!(c.bodiless_successes, 2);
    assert_eq!((c.definitions, c.names), (475, 148));
    // The two names whose files differ (SuccessResponse, ServerIdBean) differ only in
    // documentation: the shapes agree.
    assert_eq!((c.shape_conflicts, c.doc_variants), (0, 2));
    assert_eq!(
        (c.deprecated, c.marked_offline, c.with_replacement),
        (24, 25, 23)
    );
    assert_eq!(c.tags, 20);
    assert_eq!(
        c.ratelimits,
        map([
            ("YunTanRateLimitDefault", 97),
            ("YunTanRateLimitSpecial", 6)
        ])
    );
    assert_eq!(
        c.paging,
        map([("Marker", 1), ("OffsetLimit", 15), ("PageSize", 10)])
    );
    // 20 `enum` lists in schemas and 7 on parameters; `readOnly` is written twice, both
    // `false`.
    assert_eq!((c.closed_enums, c.read_only, c.free_form), (27, 0, 3));
    // The README counts "16 closed lists"; the files hold 15 distinct lists as written and 14
    // as sets (ON/OFF is written in both orders).
    assert_eq!(c.distinct_closed_enums, 14);
    assert_eq!(
        c.formats,
        map([
            ("binary", 2),
            ("date-time", 9),
            ("int32", 150),
            ("int64", 50)
        ])
    );
    assert_eq!(c.ref_problems, 0);
}

#[test]
fn the_two_names_with_variants_list_files_and_fields() {
    let files = load();
    let analysis = analyse(&files);
    let varied: Vec<_> = analysis
        .types
        .iter()
        .filter(|t| t.variants.len() > 1)
        .collect();
    let names: Vec<&str> = varied.iter().map(|t| t.name).collect();
    assert_eq!(names, ["ServerIdBean", "SuccessResponse"]);
    let success = varied[1];
    assert_eq!(success.variants[0].files.len(), 6);
    assert_eq!(success.choice, "written so in the most files");
    assert_eq!(
        success.variants[1].files,
        [
            "StartAuditInstance.json",
            "StopAuditInstance.json",
            "SwitchAgent.json",
            "UpdateAuditInstance.json",
            "UpdateAuditSecurityGroup.json"
        ]
    );
    assert_eq!(
        success.variants[1].differences,
        [(DiffKind::Docs, "properties.result.example".to_owned())]
    );
    let server = varied[0];
    assert_eq!(
        server.variants[0].files,
        ["RebootAuditInstance.json", "RebootAuditInstanceNew.json"]
    );
    assert_eq!(
        server.variants[1].differences,
        [
            (
                DiffKind::Docs,
                "properties.instance_id.description".to_owned()
            ),
            (DiffKind::Docs, "properties.instance_id.example".to_owned())
        ]
    );
    // The most shared type is in every file.
    let most = analysis.types.iter().max_by_key(|t| t.uses()).unwrap();
    assert_eq!((most.name, most.uses()), ("DbssErrorDetail", 104));
}

#[test]
fn paging_of_the_25_and_the_marker_one() {
    let files = load();
    let analysis = analyse(&files);
    let offset_or_page: Vec<&str> = analysis
        .paging
        .iter()
        .filter(|(_, p)| p.style != Style::Marker)
        .map(|(id, _)| *id)
        .collect();
    // 15 offset/limit in the query, 10 page/size in the body: the 25. The 26th,
    // ListDomainAllResource, pages by marker.
    assert_eq!(offset_or_page.len(), 25);
    let by_style = |style: Style, location: Location| {
        analysis
            .paging
            .values()
            .filter(|p| p.style == style && p.location == location)
            .count()
    };
    assert_eq!(by_style(Style::OffsetLimit, Location::Query), 15);
    assert_eq!(by_style(Style::PageSize, Location::Body), 10);
    let every = |f: &dyn Fn(&definitions::paging::Paging) -> bool| {
        analysis.paging.values().filter(|p| f(p)).count()
    };
    assert_eq!(every(&|p| p.items.is_some()), 26);
    assert_eq!(every(&|p| p.total.is_some()), 24);
    let agent = &analysis.paging["ListAuditAgent"];
    assert_eq!(
        (agent.items.as_deref(), agent.total.as_deref()),
        (Some("agents"), None)
    );
    assert_eq!(
        analysis.paging["ListAuditSqls"].total.as_deref(),
        Some("total")
    );
    assert_eq!(
        analysis.paging["ListRdsDatabases"].total.as_deref(),
        Some("total_count")
    );
    assert_eq!(
        analysis.paging["ListAuditAlarmLogNew"].total.as_deref(),
        Some("total_num")
    );
    let marker = &analysis.paging["ListDomainAllResource"];
    assert_eq!(marker.style, Style::Marker);
    assert_eq!(marker.next_marker.as_deref(), Some("page_info.next_marker"));
    // Lists without page parameters do not page.
    for id in [
        "ListInstances",
        "ListAuditRuleRisks",
        "ListAuditTags",
        "CountResourceInstanceByTag",
    ] {
        assert!(!analysis.paging.contains_key(id), "{id}");
    }
}

#[test]
fn deprecation_and_replacements() {
    let files = load();
    let analysis = analyse(&files);
    let op = |id: &str| analysis.operations.iter().find(|o| o.id == id).unwrap();
    let d = op("ListAuditAgent").deprecation.clone().unwrap();
    assert!(d.flagged && d.marked);
    assert_eq!(d.note.as_deref(), Some("查询数据库Agent列表"));
    let r = d.replacement.unwrap();
    assert_eq!(
        (r.operation.as_str(), r.source),
        ("ListAuditAgentNew", ReplacementSource::NewSuffix)
    );
    // In the offline group, not flagged: listed so the converter decides.
    let new = op("ListAuditInstancesNew").deprecation.clone().unwrap();
    assert!(!new.flagged && new.marked && new.replacement.is_none());
    // Flagged without a `New` sibling and no name in the text.
    assert!(
        op("AddRdsNoAgentDatabase")
            .deprecation
            .as_ref()
            .unwrap()
            .replacement
            .is_none()
    );
    assert!(op("ListAuditAgentNew").deprecation.is_none());
}

#[test]
fn groups_have_english_names() {
    let files = load();
    let analysis = analyse(&files);
    let groups = tags::groups(&analysis.operations, tags::DBSS_GROUPS);
    assert_eq!(groups.len(), 20);
    assert!(
        groups.iter().all(|g| g.english.is_some()),
        "a group without an English name"
    );
    let g = |zh: &str| groups.iter().find(|g| g.name == zh).unwrap();
    assert_eq!(
        g("运维增强管理").english.unwrap().english,
        "Enhanced O&M Management"
    );
    assert_eq!(g("运维增强管理").operations.len(), 5);
    assert_eq!(g("审计实例").english.unwrap().english, "Audit Instance");
    assert_eq!(g("待下线接口").operations.len(), 25);
    let confirmed = tags::DBSS_GROUPS
        .iter()
        .filter(|g| matches!(g.source, NameSource::Reference(_)))
        .count();
    assert_eq!(confirmed, 10);
}

#[test]
fn responses_bytes_bodiless_and_examples() {
    let files = load();
    let analysis = analyse(&files);
    let op = |id: &str| analysis.operations.iter().find(|o| o.id == id).unwrap();
    for id in ["DownloadAuditReport", "DownloadAuditAgentNew"] {
        assert_eq!(op(id).success().unwrap().body, BodyKind::Bytes, "{id}");
    }
    for id in ["BatchAddResourceTag", "BatchDeleteResourceTag"] {
        let s = op(id).success().unwrap();
        assert_eq!((s.code, s.body), (Some(204), BodyKind::Empty), "{id}");
    }
    let BodyKind::Json { type_name, schema } = op("CountDbAccountSession").success().unwrap().body
    else {
        panic!("JSON expected")
    };
    assert_eq!((type_name, schema.effective_type()), (None, Some("array")));
    let list = op("ListInstances");
    let BodyKind::Json { type_name, .. } = list.success().unwrap().body else {
        panic!("JSON expected")
    };
    // A POST without a body.
    assert_eq!(
        (type_name, list.body.is_none()),
        (Some("ClustersNew"), true)
    );
    let body = op("AddAuditAgentNew").body.clone().unwrap();
    assert_eq!(
        (body.name, body.required, body.type_name),
        (
            "AddAuditAgentNewRequestBody",
            true,
            Some("AuditAgentRequest")
        )
    );
    let agent = op("AddAuditAgent");
    assert_eq!(agent.request_examples.len(), 1);
    assert_eq!(agent.request_examples[0].body.unwrap()["agent_type"], "DB");
    assert!(agent.request_examples[0].url.is_some());
    assert_eq!(op("ListAuditReports").response_examples.len(), 1);
    assert_eq!(agent.ratelimit, Some("YunTanRateLimitDefault"));
    let q = op("ListAuditRuleRisksNew");
    let header = q.params_in(Location::Header).next().unwrap();
    assert_eq!((header.name, header.required), ("X-Auth-Token", true));
    assert_eq!(q.params_in(Location::Query).count(), 5);
    let limit = op("ListWhitelists")
        .params
        .iter()
        .find(|p| p.name == "limit")
        .unwrap();
    assert_eq!(limit.location, Location::Query);
    assert_eq!(limit.value.ty.as_deref(), Some("integer"));
    assert_eq!(limit.value.default, Some(serde_json::json!(100)));
    let levels = op("ListAuditRuleRisks")
        .params
        .iter()
        .find(|p| p.name == "risk_levels")
        .unwrap();
    assert_eq!(levels.value.enumeration.as_ref().unwrap().len(), 4);
}

#[test]
fn what_the_descriptions_say() {
    let files = load();
    let d = definitions::descriptions(&files);
    let count = |f: &dyn Fn(&definitions::Described<'_>) -> bool| d.iter().filter(|x| f(x)).count();
    assert_eq!(d.len(), 2473);
    assert_eq!(count(&|x| x.blocks.is_some()), 346);
    assert_eq!(count(&|x| matches!(x.listed, ValueList::Found { .. })), 259);
    let ambiguous: Vec<(&str, String)> = d
        .iter()
        .filter(|x| matches!(x.listed, ValueList::Ambiguous { .. }))
        .map(|x| (x.file, x.name.clone()))
        .collect();
    assert_eq!(
        ambiguous,
        [
            ("ChangeDbEncryptSecurityGroup.json", "code".to_owned()),
            ("ChangeDbOmSecurityGroup.json", "code".to_owned()),
            ("ConfirmUpgradeAudit.json", "code".to_owned()),
            ("ShowAuditRuleRisk.json", "action".to_owned()),
            ("SwitchAuditDatabase.json", "lts_audit_switch".to_owned()),
        ]
    );
    // The closed list has `Test`, the text does not: the fact the page lacks too.
    let mismatched: Vec<_> = d
        .iter()
        .filter_map(|x| Some((x.file, x.name.as_str(), x.enum_mismatch.clone()?)))
        .collect();
    assert_eq!(
        mismatched,
        [
            (
                "ListDbEncryptInstances.json",
                "charge_model",
                (vec!["Test".to_owned()], vec![])
            ),
            (
                "ListInstances.json",
                "charge_model",
                (vec!["Test".to_owned()], vec![])
            ),
        ]
    );
    // Defaults stated only in the text (offset 0, limit 100, ...).
    assert_eq!(count(&|x| x.default_mismatch.is_some()), 30);
    // Limits stated in the text that the schema keywords lack.
    assert_eq!(count(&|x| !x.limits.is_empty()), 68);
    let limit = d
        .iter()
        .find(|x| x.file == "ListWhitelists.json" && x.name == "limit")
        .unwrap();
    let words: Vec<(&str, &str)> = limit
        .limits
        .iter()
        .map(|l| (l.keyword, l.text.as_str()))
        .collect();
    assert_eq!(words, [("minimum", "10"), ("maximum", "100")]);
}

#[test]
fn shared_enumerations() {
    let files = load();
    let analysis = analyse(&files);
    assert_eq!(analysis.enums.len(), 49);
    let first = &analysis.enums[0];
    assert_eq!(
        (first.values.clone(), first.operations()),
        (vec!["OFF".to_owned(), "ON".to_owned()], 22)
    );
    let db_types = analysis
        .enums
        .iter()
        .find(|e| e.values.contains(&"GBASEXDM".to_owned()))
        .unwrap();
    assert_eq!((db_types.values.len(), db_types.operations()), (17, 4));
}
