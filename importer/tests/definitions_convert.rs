//! The converter end to end, in memory: definitions -> spec model -> YAML (the model's
//! serializer) -> the model's reader -> codegen. Nothing is written under spec/.
//!
//! Every expected count is computed from the definitions by the analyses, not written down.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use codegen::Options as GenOptions;
use importer::definitions::convert::{self, Converted, FindingKind, Options};
use importer::definitions::{Census, Loaded, Location, analyse, read_dir, read_str};
use spec_model::{OperationFile, ServiceInfo, TypeExpr};

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn dbss() -> Vec<Loaded> {
    read_dir(&fixture("../spec/sources/dbss/apiexplorer")).unwrap_or_else(|e| panic!("{}", e[0]))
}

fn pgs() -> Vec<Loaded> {
    read_dir(&fixture("tests/fixtures/definitions/pgs")).unwrap_or_else(|e| panic!("{}", e[0]))
}

fn options(name: &str) -> Options {
    Options {
        service: ServiceInfo {
            name: name.to_owned(),
            title: format!("{name} service"),
            crate_name: format!("huaweicloud-sdk-{name}"),
            version: "0.1.0".to_owned(),
        },
        source_dir: format!("../sources/{name}/apiexplorer"),
        text_from: Default::default(),
    }
}

fn convert(files: &[Loaded], name: &str) -> Converted {
    convert::to_spec(files, &options(name)).unwrap_or_else(|e| {
        panic!(
            "conversion fails:\n{}",
            e.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

fn generate(c: &mut Converted, name: &str) -> BTreeMap<String, String> {
    convert::generate(c, &format!("mem/{name}"), &GenOptions::default())
        .unwrap_or_else(|d| panic!("codegen rejects the converted spec:\n{d}"))
}

/// Generated files under `dir` (`src/models/`), without `mod.rs`.
fn generated_in(out: &BTreeMap<String, String>, dir: &str) -> usize {
    out.keys()
        .filter(|k| k.starts_with(dir) && !k.ends_with("mod.rs"))
        .count()
}

fn findings(c: &Converted, kind: FindingKind) -> Vec<&convert::Finding> {
    c.findings.iter().filter(|f| f.kind == kind).collect()
}

fn op<'a>(c: &'a Converted, id: &str) -> &'a OperationFile {
    c.operations
        .values()
        .find(|o| o.operation.id.value == id)
        .unwrap_or_else(|| panic!("no operation {id}"))
}

/// What every converted set must keep of its definitions, and what codegen must make of it.
fn check_counts(files: &[Loaded], c: &Converted, out: &BTreeMap<String, String>) {
    let a = analyse(files);
    let census = Census::of(files, &a);
    // One operation file a definition; one generated operation module each.
    assert_eq!(c.operations.len(), files.len());
    assert_eq!(generated_in(out, "src/operations/"), files.len());
    // Parameters by location.
    for location in [Location::Path, Location::Query, Location::Header] {
        let want: usize = a
            .operations
            .iter()
            .map(|o| o.params_in(location).count())
            .sum();
        let got: usize = c
            .operations
            .values()
            .map(|o| {
                let t = match location {
                    Location::Path => &o.parameters.path,
                    Location::Query => &o.parameters.query,
                    _ => &o.parameters.header,
                };
                t.as_ref().map_or(0, |t| t.items.len())
            })
            .sum();
        assert_eq!(got, want, "{} parameters", location.as_str());
    }
    let bodies = c
        .operations
        .values()
        .filter(|o| o.request.is_some())
        .count();
    assert_eq!(Some(&bodies), census.params.get("body").or(Some(&0)));
    // One success a operation; bodiless ones are the bodiless and the byte responses.
    let successes: Vec<_> = c
        .operations
        .values()
        .map(|o| {
            let s: Vec<_> = o
                .responses
                .iter()
                .filter(|(s, _)| (200..300).contains(*s))
                .collect();
            assert_eq!(s.len(), 1, "{}", o.operation.id.value);
            s[0].1
        })
        .collect();
    assert_eq!(
        successes.iter().filter(|r| r.body.is_none()).count(),
        census.bodiless_successes
    );
    assert_eq!(
        (successes.iter())
            .filter(|r| r.body.as_ref().is_some_and(|b| b.binary.is_some()))
            .count(),
        census.binary_responses
    );
    // Every numeric error status is kept.
    let errors: usize = a
        .operations
        .iter()
        .map(|o| {
            o.responses
                .iter()
                .filter(|r| r.code.is_some_and(|c| c >= 300))
                .count()
        })
        .sum();
    let got: usize = c
        .operations
        .values()
        .map(|o| o.responses.keys().filter(|s| **s >= 300).count())
        .sum();
    assert_eq!(got, errors);
    // Every object definition is a spec type: one a name, plus one a further shape.
    let object_names: BTreeSet<&str> = files
        .iter()
        .flat_map(|l| l.definition.definitions.iter())
        .filter(|(_, s)| s.properties.as_ref().is_some_and(|p| !p.is_empty()))
        .map(|(n, _)| n.as_str())
        .collect();
    let types = c.service.types.len() + c.operations.values().map(|o| o.types.len()).sum::<usize>();
    let enums = c.service.enums.len() + c.operations.values().map(|o| o.enums.len()).sum::<usize>();
    let inline = c
        .service
        .types
        .values()
        .chain(c.operations.values().flat_map(|o| o.types.values()))
        .filter(|t| {
            !t.tables
                .iter()
                .any(|t| t.contains(": definitions.") && !t.contains(".properties."))
        })
        .count();
    assert_eq!(
        types,
        object_names.len() + findings(c, FindingKind::ShapeVariant).len() + inline
    );
    assert_eq!(
        census.shape_conflicts,
        findings(c, FindingKind::ShapeVariant).len()
    );
    // Models: one file a type and an enumeration.
    assert_eq!(generated_in(out, "src/models/"), types + enums);
    // What the model cannot say is listed, one finding each.
    let deprecated = a
        .operations
        .iter()
        .filter(|o| o.deprecation.is_some())
        .count();
    assert_eq!(findings(c, FindingKind::Deprecated).len(), deprecated);
    assert_eq!(findings(c, FindingKind::Paging).len(), a.paging.len());
    assert_eq!(
        findings(c, FindingKind::Group).len(),
        a.operations.iter().filter(|o| o.tag.is_some()).count()
    );
}

/// Converts, generates and checks the counts.
fn end_to_end(files: &[Loaded], name: &str) -> (Converted, BTreeMap<String, String>) {
    let mut c = convert(files, name);
    let out = generate(&mut c, name);
    check_counts(files, &c, &out);
    (c, out)
}

#[test]
fn all_113_dbss_definitions_convert_and_generate() {
    let files = dbss();
    let (c, out) = end_to_end(&files, "dbss");
    assert_eq!(files.len(), 113);
    // The error bodies: each definition the files' error statuses name is one shared type.
    let named: BTreeSet<String> = files
        .iter()
        .flat_map(|l| {
            l.definition
                .operations()
                .flat_map(|(_, _, o)| o.responses.iter())
        })
        .filter(|(s, _)| s.parse::<u16>().is_ok_and(|s| s >= 300))
        .filter_map(|(_, r)| Some(format!("{} object", r.schema.as_ref()?.ref_name()?)))
        .collect();
    let error_types: BTreeSet<&str> = c
        .operations
        .values()
        .flat_map(|o| o.responses.iter().filter(|(s, _)| **s >= 300))
        .filter_map(|(_, r)| r.body.as_ref()?.ty.as_ref().map(|t| t.as_str()))
        .collect();
    assert_eq!(error_types, named.iter().map(String::as_str).collect());
    for t in &named {
        assert!(
            c.service.types.contains_key(t.trim_end_matches(" object")),
            "{t}"
        );
    }
    // Shared enumerations are in service.yaml, used by several operations.
    assert!(!c.service.enums.is_empty());
    // The operation and status enumerations are generated as typed enums in the models.
    assert!(out.contains_key("src/models/dbss_error.rs"));
}

#[test]
fn the_synthetic_service_converts_every_construct() {
    let files = pgs();
    let (c, out) = end_to_end(&files, "pgs");
    // A name with two shapes: the canonical keeps it, the other is named after its operation.
    assert!(c.service.types.contains_key("Error"));
    let create = op(&c, "CreateSalon");
    assert!(create.types.contains_key("CreateSalonError"));
    assert_eq!(
        create.responses[&400]
            .body
            .as_ref()
            .unwrap()
            .ty
            .as_ref()
            .unwrap()
            .as_str(),
        "CreateSalonError object"
    );
    // 201 with a body, 204 without, bytes as a body of bytes (never decoded).
    assert!(create.responses[&201].body.is_some());
    assert!(op(&c, "DeleteSalon").responses[&204].body.is_none());
    let photo = op(&c, "DownloadPhotoV2").responses[&200]
        .body
        .as_ref()
        .unwrap();
    assert_eq!(photo.binary.as_deref(), Some("application/octet-stream"));
    assert!(photo.ty.is_none() && photo.fields.is_none());
    // Query arrays with items limits and a shared enumeration; defaults and blocks.
    let list = op(&c, "ListSalons");
    let query = &list.parameters.query.as_ref().unwrap().items;
    let kinds = query.iter().find(|p| p.name.value == "kinds").unwrap();
    assert_eq!(
        kinds.ty.ok(),
        Some(&TypeExpr::Array(Box::new(TypeExpr::String)))
    );
    let k = kinds.constraints.as_ref().unwrap();
    assert_eq!((k.min_items, k.max_items), (Some(1), Some(5)));
    assert_eq!(kinds.enumeration.as_ref().unwrap().value, "Kind");
    let limit = query.iter().find(|p| p.name.value == "limit").unwrap();
    assert_eq!(limit.default.as_deref(), Some("默认值为10"));
    assert_eq!(limit.range.as_deref(), Some("大于0小于等于100"));
    let c2 = limit.constraints.as_ref().unwrap();
    assert_eq!((c2.minimum, c2.maximum), (Some(1), Some(100)));
    // The example URL with its query string.
    assert_eq!(
        list.examples.requests[0].line,
        "GET https://{endpoint}/v1/{project_id}/salons?offset=0&limit=10"
    );
    // Arrays of arrays and free-form objects.
    let salon = &c.service.types["SalonV2"];
    let ty = |n: &str| {
        salon
            .fields
            .iter()
            .find(|f| f.name.value == n)
            .unwrap()
            .ty
            .as_str()
            .to_owned()
    };
    assert_eq!(ty("grid"), "Array of Array of Integer");
    assert_eq!(ty("extra"), "Object");
    // The deprecated operation and its replacement are a finding.
    let dep = findings(&c, FindingKind::Deprecated);
    assert!(
        dep[0].message.contains("replaced by DownloadPhotoV2"),
        "{}",
        dep[0].message
    );
    // additionalProperties maps; a type that contains itself is generated boxed.
    let pet = &op(&c, "SearchPets").types["Pet"];
    let tags = pet.fields.iter().find(|f| f.name.value == "tags").unwrap();
    assert_eq!(tags.ty.as_str(), "Map<String,String>");
    assert!(
        out["src/models/pet.rs"].contains("Box<"),
        "{}",
        out["src/models/pet.rs"]
    );
    // Text that disagrees with its schema is listed.
    assert!(findings(&c, FindingKind::TextDisagrees).iter().any(|f| {
        f.message
            .starts_with("capacity: maximum 60 in the text, 50")
    }));
}

#[test]
fn operations_as_yaml() {
    let files = dbss();
    let c = convert(&files, "dbss");
    let yaml: BTreeMap<String, String> = convert::to_yaml(&c).unwrap().into_iter().collect();
    // A body, a paged list, a file download, a deprecated operation.
    for file in [
        "add_audit_agent_new.yaml",
        "list_audit_databases.yaml",
        "download_audit_report.yaml",
        "add_audit_database.yaml",
    ] {
        insta::assert_snapshot!(file, yaml[file]);
    }
}

#[test]
fn the_yaml_reads_back_as_the_same_values() {
    let files = pgs();
    let c = convert(&files, "pgs");
    let source = convert::spec_source(&c, "mem/pgs").unwrap();
    let set = source.parse().unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(set.operations.len(), c.operations.len());
    for (read, (_, written)) in set.operations.iter().zip(&c.operations) {
        let again = |o: &OperationFile| serde_json::to_value(o).unwrap();
        assert_eq!(again(&read.value), again(written), "{}", read.file);
    }
    let again = serde_json::to_value(&set.service.value).unwrap();
    assert_eq!(again, serde_json::to_value(&c.service).unwrap());
}

fn with_file(files: &mut Vec<Loaded>, name: &str, text: &str) {
    let definition = read_str(name, text).unwrap_or_else(|e| panic!("{e}"));
    files.push(Loaded {
        file: name.to_owned(),
        definition,
    });
}

#[test]
fn a_broken_set_names_the_file_and_the_json_path() {
    let mut files = pgs();
    let text = std::fs::read_to_string(fixture("tests/fixtures/definitions/pgs/ListSalons.json"))
        .unwrap()
        .replace("ListSalons", "ListBroken")
        .replace("#/definitions/SalonList", "#/definitions/SalonLst");
    with_file(&mut files, "ListBroken.json", &text);
    let e = convert::to_spec(&files, &options("pgs")).unwrap_err();
    let shown: Vec<String> = e.iter().map(ToString::to_string).collect();
    assert!(
        shown.iter().any(|s| s.starts_with(
            "ListBroken.json at paths./v1/{project_id}/salons.get.responses.200.schema: "
        ) && s.contains("SalonLst")),
        "{shown:#?}"
    );
    assert!(shown.iter().all(|s| s.contains("help:")), "{shown:#?}");

    // An operation id that is no Rust type name stops the conversion, naming the file.
    let mut files = pgs();
    let text = std::fs::read_to_string(fixture("tests/fixtures/definitions/pgs/DeleteSalon.json"))
        .unwrap()
        .replace("\"DeleteSalon\"", "\"delete-salon\"");
    with_file(&mut files, "delete-salon.json", &text);
    let e = convert::to_spec(&files, &options("pgs")).unwrap_err();
    assert_eq!(e.len(), 2, "{e:#?}");
    assert_eq!(
        e[0].to_string(),
        "delete-salon.json at name: operation delete-salon becomes module `delete_salon`, as \
         does the operation of DeleteSalon.json\n  help: two operation ids may not differ only \
         in letter case or punctuation"
    );
    assert_eq!(
        e[1].to_string(),
        "delete-salon.json at name: operation id 'delete-salon' is not UpperCamelCase ASCII\n  \
         help: the wrapper's `name` is the official SDKs' operation name, like ListInstances"
    );
}

/// A service whose names are hostile: keywords, reserved type names, names that clash
/// after the naming rules, very long names, values whose variants clash.
const HOSTILE: &str = r##"{
  "name": "GetSelf", "method": "post", "tags": "组",
  "paths": {"/v1/{project_id}/self": {"post": {
    "operationId": "GetSelf",
    "x-request-examples-1": {"self": "me"},
    "x-request-examples-url-1": "/v1/{project_id}/selfie",
    "parameters": [
      {"name": "project_id", "in": "path", "required": true, "type": "string"},
      {"name": "type", "in": "query", "type": "string", "enum": ["a-b", "a_b", "A B"]},
      {"name": "Type", "in": "header", "type": "string"},
      {"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/self"}}
    ],
    "responses": {
      "200": {"description": "ok", "schema": {"type": "object", "properties": {"opt": {"$ref": "#/definitions/Option"}}}},
      "400": {"description": "bad", "schema": {"$ref": "#/definitions/GetSelfResponse"}}
    }
  }}},
  "definitions": {
    "self": {"type": "object", "properties": {
      "self": {"type": "string"}, "Self": {"type": "string"}, "fn": {"type": "integer"},
      "a-b": {"type": "string"}, "a_b": {"type": "string"},
      "inner": {"type": "object", "properties": {"crate": {"type": "boolean"}}}
    }},
    "Option": {"type": "object", "properties": {
      "next": {"$ref": "#/definitions/Option"},
      "LONGLONGLONGLONGLONGLONGLONGLONGLONGLONGLONGLONGLONGLONGLONGLONGLONGLONGLONGLONGLONGLONG": {"$ref": "#/definitions/AVeryLongNameThatGoesOnAndOnAndOnAndOnAndOnAndOnAndOnAndOnAndOnAndOnX"},
      "other": {"$ref": "#/definitions/AVeryLongNameThatGoesOnAndOnAndOnAndOnAndOnAndOnAndOnAndOnAndOnAndOnY"}
    }},
    "GetSelfResponse": {"type": "object", "properties": {"123": {"type": "string"}}},
    "AVeryLongNameThatGoesOnAndOnAndOnAndOnAndOnAndOnAndOnAndOnAndOnAndOnX": {"type": "object", "properties": {"x": {"type": "string"}}},
    "AVeryLongNameThatGoesOnAndOnAndOnAndOnAndOnAndOnAndOnAndOnAndOnAndOnY": {"type": "object", "properties": {"y": {"type": "string"}}}
  }
}"##;

#[test]
fn hostile_names_give_valid_distinct_rust_names() {
    let mut files = Vec::new();
    with_file(&mut files, "GetSelf.json", HOSTILE);
    let mut c = convert(&files, "hostile");
    let out = generate(&mut c, "hostile");
    let all: Vec<&String> = c
        .operations
        .values()
        .flat_map(|o| o.types.keys().chain(o.enums.keys()))
        .chain(c.service.types.keys())
        .collect();
    for n in &all {
        assert!(n.len() <= convert::MAX_NAME, "{n}");
        assert!(n.chars().all(|ch| ch.is_ascii_alphanumeric()), "{n}");
    }
    let o = op(&c, "GetSelf");
    // The definition named like the default response body does not take its name.
    assert!(o.types.contains_key("GetSelfResponse2"), "{all:?}");
    assert!(
        o.types.contains_key("SelfType") && o.types.contains_key("OptionType"),
        "{all:?}"
    );
    // The two long names stay apart.
    let long: Vec<_> = all.iter().filter(|n| n.starts_with("AVeryLong")).collect();
    assert_eq!(long.len(), 2);
    assert_ne!(long[0], long[1]);
    // Values whose variants clash get names of their own.
    let kinds = &o.enums["Type"];
    let variants: Vec<Option<&str>> = kinds.values.iter().map(|v| v.name.as_deref()).collect();
    assert_eq!(variants, [None, Some("AB2"), Some("AB3")]);
    // Clashing fields get a rust_name.
    let selfish = &o.types["SelfType"];
    assert!(
        selfish
            .fields
            .iter()
            .filter(|f| f.rust_name.is_some())
            .count()
            >= 2
    );
    // An example whose URL is not the path is written with the path, and listed.
    assert_eq!(
        o.examples.requests[0].line,
        "POST https://{endpoint}/v1/{project_id}/self"
    );
    assert_eq!(
        o.examples.requests[0].body.as_deref(),
        Some("{\n  \"self\": \"me\"\n}")
    );
    let url = findings(&c, FindingKind::ExampleDropped);
    assert!(
        url[0].message.contains("/v1/{project_id}/selfie"),
        "{url:?}"
    );
    // The generated crate has every one of them.
    assert!(generated_in(&out, "src/models/") >= all.len());
}

/// Writes the generated 113-operation crate to `$CONVERT_OUT` (a directory outside the
/// repository) to build it by hand: `CONVERT_OUT=/tmp/dbss-crate cargo test -p importer
/// --test definitions_convert -- --ignored write_the_generated_crate`.
#[test]
#[ignore = "writes files; run by hand to build the generated crate"]
fn write_the_generated_crate() {
    let Some(dir) = std::env::var_os("CONVERT_OUT").map(PathBuf::from) else {
        panic!("set CONVERT_OUT to an empty directory outside the repository");
    };
    let files = dbss();
    let started = std::time::Instant::now();
    let mut c = convert(&files, "dbss");
    eprintln!("to_spec of {} files: {:?}", files.len(), started.elapsed());
    let options = GenOptions {
        runtime_path: fixture("../runtime").display().to_string(),
        standalone: true,
    };
    let started = std::time::Instant::now();
    let out = convert::generate(&mut c, "mem/dbss", &options).unwrap_or_else(|d| panic!("{d}"));
    eprintln!("generate (with the example retry): {:?}", started.elapsed());
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for f in &c.findings {
        *kinds.entry(format!("{:?}", f.kind)).or_default() += 1;
        if !matches!(
            f.kind,
            FindingKind::Group
                | FindingKind::Paging
                | FindingKind::Deprecated
                | FindingKind::TextDisagrees
        ) {
            eprintln!("{:?} {} {}: {}", f.kind, f.file, f.json_path, f.message);
        }
    }
    eprintln!("findings by kind: {kinds:?}");
    for (path, text) in out {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

/// `paging` of a converted operation, as `(style, in, position, size, items, total,
/// next_marker)` in the spec's words.
fn paging_of(c: &Converted, id: &str) -> Option<[String; 7]> {
    let p = op(c, id).paging.as_ref()?;
    let text = |v: serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    let opt = |s: &Option<spec_model::format::SpannedStr>| {
        s.as_ref().map_or(String::new(), |s| s.value.clone())
    };
    Some([
        text(serde_json::to_value(p.style).unwrap()),
        text(serde_json::to_value(p.location).unwrap()),
        p.position.value.clone(),
        p.size.value.clone(),
        p.items.value.clone(),
        opt(&p.total),
        opt(&p.next_marker),
    ])
}

#[test]
fn dbss_paging_is_written_where_detection_is_certain() {
    let files = dbss();
    let c = convert(&files, "dbss");
    let a = analyse(&files);
    let row = |v: [&str; 7]| Some(v.map(str::to_owned));
    // Offset and limit in the query, with a total.
    assert_eq!(
        paging_of(&c, "ListAuditInstances"),
        row([
            "offset_limit",
            "query",
            "offset",
            "limit",
            "servers",
            "total",
            ""
        ])
    );
    assert_eq!(
        paging_of(&c, "ListRdsDatabases").map(|p| p[5].clone()),
        Some("total_count".to_owned())
    );
    // Without a total: the pages end at a short or empty page.
    assert_eq!(
        paging_of(&c, "ListAuditAgent"),
        row(["offset_limit", "query", "offset", "limit", "agents", "", ""])
    );
    // Page and size in the request body.
    let sqls = paging_of(&c, "ListAuditSqls").expect("ListAuditSqls pages");
    assert_eq!(
        sqls[..4],
        ["page_size", "body", "page", "size"].map(str::to_owned)
    );
    assert_eq!(sqls[5], "total");
    // The marker one, with its next marker one object down.
    assert_eq!(
        paging_of(&c, "ListDomainAllResource").map(|p| [p[0].clone(), p[2].clone(), p[6].clone()]),
        Some(["marker", "marker", "page_info.next_marker"].map(str::to_owned))
    );
    // Operations without page parameters do not page.
    for id in ["ListInstances", "ListAuditRuleRisks", "ListAuditTags"] {
        assert_eq!(paging_of(&c, id), None, "{id}");
    }
    // Written exactly where the detection decided the items (and, for markers, the next
    // marker); every detected one is a finding either way.
    let certain = a
        .paging
        .values()
        .filter(|p| p.items.as_deref().is_some_and(|i| !i.is_empty()))
        .count();
    let written = c.operations.values().filter(|o| o.paging.is_some()).count();
    assert_eq!(written, certain);
    assert_eq!(written, 26, "the 25 of the issue and the marker one");
    let not_written: Vec<_> = findings(&c, FindingKind::Paging)
        .into_iter()
        .filter(|f| f.message.contains("not written"))
        .collect();
    assert_eq!(not_written.len(), a.paging.len() - written);
}
