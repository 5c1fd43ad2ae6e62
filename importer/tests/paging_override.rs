//! The overrides' `paging` (pages do not say how results come in pages): written to the
//! operation file as it is, and checked by the generator against the page's parameters and
//! bodies like any spec's `paging`.

mod common;

use common::{cases, job};
use importer::overrides;

fn list_instances() -> common::Case {
    cases()
        .into_iter()
        .find(|c| c.dir == "dbss" && c.file == "list-instances.txt")
        .expect("the ListInstances page is a test page")
}

const PAGING: &str = "page: list-instances.txt
operation_id: ListInstances
paging:
  style: offset_limit
  in: query
  position: offset
  size: limit
  items: clusters
";

#[test]
fn the_key_reads_and_reaches_the_generators_checks() {
    let ov = overrides::parse(PAGING, "overrides/list_instances.yaml").expect("reads");
    let paging = ov.paging.clone().expect("paging");
    assert_eq!(paging.position.value, "offset");
    assert_eq!(paging.items.value, "clusters");
    // ListInstances has no page parameters: the generator refuses the override, naming both.
    let case = list_instances();
    let text = case.text();
    let mut j = job(&case, &text, false);
    j.overrides.paging = Some(paging);
    let problems = importer::import(&j).expect_err("refused").to_string();
    assert!(
        problems.contains("paging.position: no query parameter 'offset'"),
        "{problems}"
    );
    assert!(
        problems.contains("paging.size: no query parameter 'limit'"),
        "{problems}"
    );
    // Without it, the page imports as before, with no `paging`.
    let j = job(&case, &text, false);
    let imported = importer::import(&j).expect("imports");
    assert!(!imported.operation.contains("paging:"));
}

#[test]
fn the_key_is_written_to_the_operation_file_as_it_is() {
    let ov = overrides::parse(PAGING, "overrides/list_instances.yaml").expect("reads");
    let op = importer::out::Operation {
        id: "ListInstances".to_owned(),
        paging: ov.paging,
        ..Default::default()
    };
    let yaml = op.to_yaml().expect("writes");
    assert!(
        yaml.contains(
            "paging:\n  style: offset_limit\n  in: query\n  position: offset\n  size: limit\n  items: clusters\n"
        ),
        "{yaml}"
    );
}

#[test]
fn an_unknown_style_is_refused_with_its_line() {
    let text = PAGING.replace("offset_limit", "cursor");
    let e = overrides::parse(&text, "overrides/list_instances.yaml")
        .expect_err("refused")
        .to_string();
    assert!(e.contains("overrides/list_instances.yaml:4"), "{e}");
    assert!(e.contains("unknown variant `cursor`"), "{e}");
}
