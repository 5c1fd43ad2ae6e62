//! `cargo xtask import` of definitions ([`importer::definitions::run`]): writes a spec
//! directory all or nothing, `check` names what differs, findings are reported, files a page
//! wrote are kept, and what `service.yaml` holds beside the converted parts is kept.

use std::path::{Path, PathBuf};

use importer::definitions::run::{Report, Request, run};

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
    }
}

fn import(spec_dir: &Path, check: bool) -> Report {
    run(&request(spec_dir, vec![pgs()], check)).unwrap_or_else(|p| panic!("{p}"))
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
    let e = run(&request(&spec, vec![defs.clone()], false)).unwrap_err();
    assert!(e.to_string().contains("Broken.json"), "{e}");
    assert!(!spec.exists());
    // A set that does not convert (a dangling reference) writes nothing either.
    std::fs::remove_file(defs.join("Broken.json")).unwrap();
    let text = std::fs::read_to_string(defs.join("ListSalons.json"))
        .unwrap()
        .replace("#/definitions/SalonList", "#/definitions/SalonLst");
    std::fs::write(defs.join("ListSalons.json"), text).unwrap();
    let e = run(&request(&spec, vec![defs], false)).unwrap_err();
    assert!(e.to_string().contains("SalonLst"), "{e}");
    assert!(!spec.exists());
}

#[test]
fn no_definitions_is_an_error_not_an_empty_spec() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = tmp.path().join("pgs");
    let e = run(&request(&spec, vec![tmp.path().to_path_buf()], false)).unwrap_err();
    assert!(e.to_string().contains("no definitions"), "{e}");
    assert!(!spec.exists());
}

#[test]
fn keeps_the_service_block_and_page_written_operations() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = tmp.path().join("pgs");
    import(&spec, false);
    // The service block is edited by hand; a page wrote list_salons.yaml.
    let service = spec.join("service.yaml");
    let text = std::fs::read_to_string(&service)
        .unwrap()
        .replace("title: PGS", "title: Pet Grooming Service");
    std::fs::write(&service, &text).unwrap();
    let salons = spec.join("list_salons.yaml");
    let page_made = std::fs::read_to_string(&salons)
        .unwrap()
        .replace("ListSalons.json", "list-salons.txt");
    std::fs::write(&salons, &page_made).unwrap();
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
