//! A synthetic definitions set of a made-up service ("PGS", `tests/fixtures/definitions/pgs`)
//! that uses every construct the front-end reads: each test pins what one analysis makes of
//! it.

use std::path::PathBuf;

use importer::definitions::ops::{BodyKind, ReplacementSource};
use importer::definitions::paging::Style;
use importer::definitions::shapes::DiffKind;
use importer::definitions::tags;
use importer::definitions::text::{ListForm, ValueList};
use importer::definitions::{self, Census, Loaded, Location, analyse, read_dir};

fn load() -> Vec<Loaded> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/definitions/pgs");
    read_dir(&dir).unwrap_or_else(|e| panic!("{}", e[0]))
}

#[test]
fn parameters_of_every_location_and_type() {
    let files = load();
    let a = analyse(&files);
    let list = a.operations.iter().find(|o| o.id == "ListSalons").unwrap();
    assert_eq!(
        (list.method.as_str(), list.path),
        ("GET", "/v1/{project_id}/salons")
    );
    let names: Vec<(&str, Location, bool)> = list
        .params
        .iter()
        .map(|p| (p.name, p.location, p.required))
        .collect();
    assert_eq!(
        names,
        [
            ("X-Auth-Token", Location::Header, true),
            ("project_id", Location::Path, true),
            ("offset", Location::Query, false),
            ("limit", Location::Query, false),
            ("open", Location::Query, false),
            ("kinds", Location::Query, false),
        ]
    );
    let kinds = &list.params[5];
    assert_eq!(kinds.value.ty.as_deref(), Some("array"));
    assert_eq!(
        kinds.value.items.as_ref().unwrap().ty.as_deref(),
        Some("string")
    );
    assert_eq!(kinds.value.other["collectionFormat"], "csv");
    assert_eq!(
        (kinds.value.min_items, kinds.value.max_items),
        (Some(1), Some(5))
    );
    assert_eq!(kinds.example, Some(&serde_json::json!("DOG")));
    assert_eq!(kinds.listed.values(), Some(vec!["DOG", "CAT"]));
    assert_eq!(list.params[4].value.ty.as_deref(), Some("boolean"));
    let offset = &list.params[2];
    assert_eq!(offset.value.format.as_deref(), Some("int32"));
    assert_eq!(offset.value.default, Some(serde_json::json!(0)));
    let delete = a.operations.iter().find(|o| o.id == "DeleteSalon").unwrap();
    let reason = delete.params_in(Location::Header).nth(1).unwrap();
    assert_eq!(reason.value.enumeration.as_ref().unwrap().len(), 2);
    assert_eq!(delete.ratelimit, Some("PgsSpecial"));
    let create = a.operations.iter().find(|o| o.id == "CreateSalon").unwrap();
    let body = create.body.as_ref().unwrap();
    assert_eq!(
        (body.required, body.type_name),
        (true, Some("CreateSalonRequest"))
    );
    assert_eq!(create.consumes, ["application/json"]);
    assert_eq!(list.consumes, ["application/json;charset=UTF-8"]);
}

#[test]
fn responses_examples_and_deprecation() {
    let files = load();
    let a = analyse(&files);
    let op = |id: &str| a.operations.iter().find(|o| o.id == id).unwrap();
    let BodyKind::Json { type_name, schema } = op("ListSalons").success().unwrap().body else {
        panic!("JSON expected")
    };
    assert_eq!(type_name, Some("SalonList"));
    assert!(schema.properties.as_ref().unwrap().contains_key("salons"));
    let created = op("CreateSalon").success().unwrap();
    assert_eq!(created.code, Some(201));
    assert!(matches!(
        created.body,
        BodyKind::Json {
            type_name: Some("SalonV2"),
            ..
        }
    ));
    assert_eq!(op("DeleteSalon").success().unwrap().body, BodyKind::Empty);
    assert_eq!(
        op("DownloadPhotoV2").success().unwrap().body,
        BodyKind::Bytes
    );
    let ex = &op("CreateSalon").request_examples;
    assert_eq!(ex.len(), 1);
    assert_eq!(ex[0].body.unwrap()["capacity"], 3);
    assert!(ex[0].text.unwrap().contains("Fluffy"));
    assert_eq!(op("ListSalons").request_examples[0].body, None);
    let search = op("SearchPets");
    assert_eq!(search.response_examples.len(), 1);
    let bad = search.responses.iter().find(|r| r.status == "400").unwrap();
    assert_eq!(bad.examples[0].1["error_code"], "PGS.0001");

    let d = op("DownloadPhoto").deprecation.clone().unwrap();
    assert!(d.flagged && d.marked);
    let r = d.replacement.unwrap();
    assert_eq!(
        (r.operation.as_str(), r.source),
        ("DownloadPhotoV2", ReplacementSource::Description)
    );
    assert!(op("DownloadPhotoV2").deprecation.is_none());
}

#[test]
fn refs_arrays_of_arrays_free_form_and_recursion() {
    let files = load();
    let a = analyse(&files);
    assert!(a.ref_problems.is_empty(), "{:?}", a.ref_problems);
    assert_eq!(a.recursive, [("SearchPets.json", vec!["Pet".to_owned()])]);
    let list = &files
        .iter()
        .find(|l| l.file == "ListSalons.json")
        .unwrap()
        .definition;
    let start = &list.definitions["SalonList"].properties.as_ref().unwrap()["salons"];
    let resolved =
        definitions::refs::resolve(list, start.items.as_ref().unwrap(), "salons.items").unwrap();
    assert_eq!((resolved.name, resolved.hops), (Some("SalonV2"), 2));
    let props = resolved.schema.properties.as_ref().unwrap();
    assert!(props["id"].read_only);
    let grid = props["grid"].items.as_ref().unwrap();
    assert_eq!(grid.ty.as_deref(), Some("array"));
    assert_eq!(
        grid.items.as_ref().unwrap().format.as_deref(),
        Some("int32")
    );
    assert!(props["extra"].is_free_form());
    let c = Census::of(&files, &a);
    assert_eq!(c.read_only, 2);
    // `extra` in the two files that define SalonV2 (an `additionalProperties` map is not
    // free-form).
    assert_eq!(c.free_form, 2);
    assert_eq!(c.formats["date-time"], 2);
    assert_eq!(c.formats["int64"], 3);
    assert_eq!(c.binary_responses, 2);
    assert_eq!(
        (c.deprecated, c.marked_offline, c.with_replacement),
        (1, 1, 1)
    );
}

#[test]
fn shared_types_conflicts_and_enums() {
    let files = load();
    let a = analyse(&files);
    let t = |name: &str| a.types.iter().find(|t| t.name == name).unwrap();
    let error = t("Error");
    assert_eq!(error.uses(), 6);
    assert_eq!(error.conflict(), Some(DiffKind::Shape));
    assert_eq!(error.variants[1].files, ["CreateSalon.json"]);
    assert_eq!(
        error.variants[1].differences,
        [(
            DiffKind::Shape,
            "properties.error_code.maxLength".to_owned()
        )]
    );
    let salon = t("SalonV2");
    assert_eq!(salon.conflict(), Some(DiffKind::Docs));
    assert_eq!(
        salon.choice,
        "tied for the most files; the most documented (descriptions and examples)"
    );
    assert_eq!(salon.variants[0].files, ["CreateSalon.json"]);
    let c = Census::of(&files, &a);
    assert_eq!((c.shape_conflicts, c.doc_variants), (1, 1));
    // DOG/CAT in a query parameter's range block and in a body property's text.
    let pets = a.enums.iter().find(|e| e.values == ["CAT", "DOG"]).unwrap();
    assert_eq!(pets.operations(), 2);
}

#[test]
fn descriptions_against_the_schema() {
    let files = load();
    let d = definitions::descriptions(&files);
    let field = |file: &str, name: &str| {
        d.iter()
            .find(|x| x.file == file && x.name == name)
            .unwrap_or_else(|| panic!("{file} {name}"))
    };
    let status = field("ListSalons.json", "status");
    assert_eq!(
        status.enum_mismatch,
        Some((vec![], vec!["MOVED".to_owned()]))
    );
    assert!(matches!(
        field("ListSalons.json", "size").listed,
        ValueList::Found {
            form: ListForm::Lines,
            ..
        }
    ));
    assert!(matches!(
        field("ListSalons.json", "mood").listed,
        ValueList::Ambiguous { .. }
    ));
    let limit = field("ListSalons.json", "limit");
    // 大于0 on an integer agrees with minimum 1; the text's default 10 is not the schema's.
    assert!(limit.limits.is_empty(), "{:?}", limit.limits);
    assert_eq!(limit.default_mismatch, Some(("10".to_owned(), None)));
    let capacity = field("CreateSalon.json", "capacity");
    let l: Vec<_> = capacity
        .limits
        .iter()
        .map(|l| (l.keyword, l.text.as_str(), l.schema.as_str()))
        .collect();
    assert_eq!(l, [("maximum", "60", "50")]);
    assert_eq!(capacity.default_mismatch, None);
    assert!(field("CreateSalon.json", "name").limits.is_empty());
}

#[test]
fn paging_and_groups() {
    let files = load();
    let a = analyse(&files);
    for (op, style, location, items, total) in [
        (
            "ListSalons",
            Style::OffsetLimit,
            Location::Query,
            "salons",
            "total",
        ),
        (
            "SearchPets",
            Style::PageSize,
            Location::Body,
            "pets",
            "count",
        ),
    ] {
        let p = &a.paging[op];
        assert_eq!((p.style, p.location), (style, location), "{op}");
        assert_eq!(
            (p.items.as_deref(), p.total.as_deref()),
            (Some(items), Some(total)),
            "{op}"
        );
    }
    assert_eq!(a.paging.len(), 2);
    let groups = tags::groups(&a.operations, tags::DBSS_GROUPS);
    let names: Vec<(&str, usize, bool)> = groups
        .iter()
        .map(|g| (g.name, g.operations.len(), g.english.is_some()))
        .collect();
    // A service's own groups have no English name until a person gives one.
    assert_eq!(
        names,
        [
            ("宠物", 1, false),
            ("待下线接口", 1, true),
            ("沙龙管理", 4, false)
        ]
    );
}
