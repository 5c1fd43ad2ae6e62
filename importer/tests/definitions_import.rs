//! `cargo xtask import` of definitions ([`importer::definitions::run`]): writes a spec
//! directory all or nothing, `check` names what differs, findings are reported, files a page
//! wrote are kept, and what `service.yaml` holds beside the converted parts is kept.

use std::path::{Path, PathBuf};

use importer::definitions::run::{Report, Request, run};

mod common;

fn pgs() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/definitions/pgs")
}

fn request(spec_dir: &Path, sources: Vec<PathBuf>, check: bool) -> Request {
    Request {
        sources,
        service: Some("pgs".to_owned()),
        spec_dir: Some(spec_dir.to_path_buf()),
        check,
        root: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".."),
        cwd: std::env::current_dir().unwrap(),
        overlay: Vec::new(),
    }
}

fn import(spec_dir: &Path, check: bool) -> Report {
    run(&request(spec_dir, vec![pgs()], check)).unwrap_or_else(|p| panic!("{p}"))
}

/// Imports `sources` into `spec_dir`, which must fail saying `says` and write nothing.
fn refused(spec_dir: &Path, sources: Vec<PathBuf>, says: &str) {
    let e = run(&request(spec_dir, sources, false)).unwrap_err();
    assert!(e.to_string().contains(says), "{e}");
    assert!(!spec_dir.exists());
}

/// Marks `list_salons.yaml` as written by a page import; returns its new text.
fn page_made_salons(spec: &Path) -> String {
    let salons = spec.join("list_salons.yaml");
    common::edit(&salons, |t| t.replace("ListSalons.json", "list-salons.txt"));
    common::read(&salons)
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn writes_then_checks_then_names_a_changed_file() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = tmp.path().join("pgs");
    let first = import(&spec, false);
    let definitions = std::fs::read_dir(pgs())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "json")
        })
        .count();
    // One operation file a definition, plus service.yaml.
    assert_eq!(first.written.len(), definitions + 1, "{:?}", first.written);
    assert!(names(&spec).contains(&"list_salons.yaml".to_owned()));
    // The findings are reported, never dropped: the fixture has a deprecated operation.
    assert!(
        first
            .findings
            .iter()
            .any(|f| f.message.contains("DownloadPhotoV2")),
        "{:#?}",
        first.findings
    );
    let again = import(&spec, true);
    assert!(again.written.is_empty(), "{:?}", again.written);
    assert_eq!(again.unchanged.len(), definitions + 1);

    let salons = spec.join("list_salons.yaml");
    std::fs::write(&salons, "changed\n").unwrap();
    let stale = import(&spec, true);
    assert_eq!(stale.written.len(), 1);
    assert!(
        stale.written[0].ends_with("list_salons.yaml"),
        "{:?}",
        stale.written
    );
    // --check writes nothing.
    assert_eq!(std::fs::read_to_string(&salons).unwrap(), "changed\n");
    import(&spec, false);
    assert_ne!(std::fs::read_to_string(&salons).unwrap(), "changed\n");
}

#[test]
fn a_broken_definition_writes_nothing_and_names_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let defs = tmp.path().join("defs");
    std::fs::create_dir(&defs).unwrap();
    for e in std::fs::read_dir(pgs()).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, defs.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(defs.join("Broken.json"), "{\"name\": ").unwrap();
    let spec = tmp.path().join("pgs");
    refused(&spec, vec![defs.clone()], "Broken.json");
    // A set that does not convert (a dangling reference) writes nothing either.
    std::fs::remove_file(defs.join("Broken.json")).unwrap();
    common::edit(&defs.join("ListSalons.json"), |t| {
        t.replace("#/definitions/SalonList", "#/definitions/SalonLst")
    });
    refused(&spec, vec![defs], "SalonLst");
}

#[test]
fn no_definitions_is_an_error_not_an_empty_spec() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = tmp.path().join("pgs");
    refused(&spec, vec![tmp.path().to_path_buf()], "no definitions");
}

#[test]
fn keeps_the_service_block_and_page_written_operations() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = tmp.path().join("pgs");
    import(&spec, false);
    // The service block is edited by hand; a page wrote list_salons.yaml.
    let service = spec.join("service.yaml");
    common::edit(&service, |t| {
        t.replace("title: PGS", "title: Pet Grooming Service")
    });
    let salons = spec.join("list_salons.yaml");
    let page_made = page_made_salons(&spec);
    let report = import(&spec, false);
    assert!(
        std::fs::read_to_string(&service)
            .unwrap()
            .contains("title: Pet Grooming Service")
    );
    assert_eq!(std::fs::read_to_string(&salons).unwrap(), page_made);
    assert_eq!(report.kept.len(), 1);
    assert!(
        report.kept[0].ends_with("list_salons.yaml"),
        "{:?}",
        report.kept
    );
}

/// DBSS: ListInstances has a page and a definition. The page's file is kept and every
/// disagreement is listed with what would settle it; a page imported without the decisions
/// that share its types keeps types the definitions share, so nothing is written.
#[test]
fn a_page_and_its_definition_disagree_in_a_list() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let tmp = tempfile::tempdir().unwrap();
    let spec = tmp.path().join("dbss");
    std::fs::create_dir(&spec).unwrap();
    // The page imported alone, before the definitions (the golden of the page import): it
    // keeps Cluster and the types under it in its own file.
    let golden = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/dbss");
    for f in ["service.yaml", "list_instances.yaml"] {
        std::fs::copy(golden.join(f), spec.join(f)).unwrap();
    }
    let page_made = std::fs::read_to_string(spec.join("list_instances.yaml")).unwrap();
    let mut req = request(
        &spec,
        vec![root.join("spec/sources/dbss/apiexplorer")],
        false,
    );
    req.service = Some("dbss".to_owned());
    // The page's file names types the definitions share in service.yaml: the spec would not
    // generate, so nothing is written and the disagreements are part of the error.
    let e = run(&req).unwrap_err();
    assert_eq!(
        std::fs::read_to_string(spec.join("list_instances.yaml")).unwrap(),
        page_made
    );
    assert_eq!(names(&spec), ["list_instances.yaml", "service.yaml"]);
    let shown = e.to_string();
    assert!(
        shown.contains("Cluster: the definitions share it across operations, the page keeps it in list_instances.yaml: add `Cluster` to `shared:`"),
        "{shown}"
    );
    let lines: Vec<&str> = shown
        .lines()
        .filter_map(|l| l.split_once("disagrees with its definition: ").map(|x| x.1))
        .collect();
    // The page lists charge_model's values without Test; the definition has it.
    assert!(
        lines.iter().any(|l| l
            .starts_with("Cluster.charge_model: enum values only the definition has: [\"Test\"]")
            && l.contains("add_values")),
        "{lines:#?}"
    );
    // The error bodies: the definition has length limits the page does not state. Their
    // body is a type (`bodies:` names it), so the override that settles it is the type's.
    assert!(
        lines.iter().any(|l| l
            .starts_with("DbssErrorResponse.error_code: constraints: page none, definition {")
            && l.contains("(settle with `fields: DbssErrorResponse.error_code: constraints:`)")),
        "{lines:#?}"
    );
    // Optional in both (no column on the page, `required: false` in the definition) agrees.
    assert!(!lines.iter().any(|l| l.contains("required")), "{lines:#?}");
}

/// A kept file that says what its definition says has no disagreement; a changed field has.
#[test]
fn an_unchanged_page_operation_agrees_and_a_changed_one_does_not() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = tmp.path().join("pgs");
    import(&spec, false);
    let salons = spec.join("list_salons.yaml");
    let text = page_made_salons(&spec);
    let report = import(&spec, false);
    assert_eq!(report.disagreements.len(), 1);
    assert_eq!(report.disagreements[0].1, Vec::<String>::new());

    let changed = text.replacen("mandatory: false", "mandatory: true", 1);
    assert_ne!(changed, text);
    std::fs::write(&salons, &changed).unwrap();
    let report = import(&spec, false);
    let lines = &report.disagreements[0].1;
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(
        lines[0].contains("required: page true, definition false"),
        "{lines:#?}"
    );
}

/// A disagreement on a body that is a shared type (the error bodies: `400`'s body is
/// `DbssError object`) names the override that settles it by the type (`fields:
/// DbssError.details`), which is the key that works, not by the status (`400.details`).
#[test]
fn a_disagreement_on_a_shared_body_names_the_type_in_its_override() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/dbss");
    let read = |f: &str| std::fs::read_to_string(root.join(f)).unwrap();
    let page: spec_model::OperationFile =
        serde_saphyr::from_str(&read("list_audit_instances.yaml")).unwrap();
    let service_text = read("service.yaml");
    let service: spec_model::ServiceFile = serde_saphyr::from_str(&service_text).unwrap();
    let at = service_text.find("  DbssError:\n").unwrap();
    let mut changed = service_text.clone();
    changed.replace_range(
        at..,
        &service_text[at..].replacen("type: Array of DbssErrorDetail objects", "type: String", 1),
    );
    assert_ne!(changed, service_text);
    let def_service: spec_model::ServiceFile = serde_saphyr::from_str(&changed).unwrap();
    let lines =
        importer::definitions::run::disagreements(&page, Some(&service), &page, &def_service);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("DbssError.details: type:")
                && l.contains("(settle with `fields: DbssError.details: type:`)")),
        "{lines:#?}"
    );
    assert!(
        !lines
            .iter()
            .any(|l| l.starts_with("400.") || l.contains("fields: 400.")),
        "{lines:#?}"
    );
    // One line for the type, though several statuses' bodies are it.
    let n = lines
        .iter()
        .filter(|l| l.starts_with("DbssError.details: type:"))
        .count();
    assert_eq!(n, 1, "{lines:#?}");
}
