//! `cargo xtask import PAGE.txt DEFINITIONS/` (a page and the service's definitions in one
//! command) reproduces the checked-in `spec/dbss/` byte for byte; a changed file is named;
//! what a page owns wins over the definitions (its shared types and enumerations replace the
//! definitions' ones); a page that keeps to itself a type the definitions share is an error
//! naming the override that settles it; nothing is written when anything fails.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use importer::definitions::run::{self, Report};

const PAGE: &str = "spec/sources/dbss/list-instances.txt";
const DEFINITIONS: &str = "spec/sources/dbss/apiexplorer";

/// The page staged as the definitions will leave the directory, then the definitions.
fn import(root: &Path, check: bool) -> Result<Report, String> {
    let page = importer::Request {
        page: PathBuf::from(PAGE),
        check,
        root: root.to_path_buf(),
        cwd: root.to_path_buf(),
        ..importer::Request::default()
    };
    let (_, overlay) = importer::stage(&page, true).map_err(|p| p.to_string())?;
    run::run(&run::Request {
        sources: vec![PathBuf::from(DEFINITIONS)],
        service: None,
        spec_dir: None,
        check,
        root: root.to_path_buf(),
        cwd: root.to_path_buf(),
        overlay,
    })
    .map_err(|p| p.to_string())
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let p = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let to = to.join(p.file_name().unwrap_or_default());
        if p.is_dir() {
            copy_dir(&p, &to);
        } else {
            fs::copy(&p, &to).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        }
    }
}

/// A copy of the workspace's `spec/` in a temporary directory, as a workspace root.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    copy_dir(&common::root().join("spec"), &dir.path().join("spec"));
    dir
}

#[test]
fn the_checked_in_spec_is_what_the_page_and_the_definitions_import_to() {
    let report = import(&common::root(), true).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        report.written.is_empty(),
        "would change: {:?}",
        report.written
    );
    // 112 definitions, the page's operation file and service.yaml.
    assert_eq!(report.unchanged.len(), 114, "{:?}", report.unchanged);
    assert_eq!(report.kept, ["spec/dbss/list_instances.yaml"]);
    // The page's overrides settle every disagreement with its definition.
    assert_eq!(
        report.disagreements,
        [("spec/dbss/list_instances.yaml".to_owned(), Vec::new())]
    );
    let ops = fs::read_dir(common::root().join("spec/dbss"))
        .unwrap_or_else(|e| panic!("{e}"))
        .filter(|e| {
            let name = e.as_ref().map(|e| e.file_name()).unwrap_or_default();
            let name = name.to_string_lossy();
            name.ends_with(".yaml") && name != "service.yaml"
        })
        .count();
    assert_eq!(ops, 113);
}

#[test]
fn a_changed_file_is_named_and_an_import_restores_it() {
    let ws = workspace();
    let root = ws.path();
    let file = root.join("spec/dbss/add_audit_agent.yaml");
    let original = common::edit(&file, |t| t.replace("AddAuditAgent", "AddAuditAgentX"));
    let service = root.join("spec/dbss/service.yaml");
    let service_text = common::edit(&service, |t| t.replace("ChargeModel", "ChargeModelX"));
    let report = import(root, true).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        report.written,
        ["spec/dbss/service.yaml", "spec/dbss/add_audit_agent.yaml"]
    );
    let report = import(root, false).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.written.len(), 2, "{:?}", report.written);
    assert_eq!(common::read(&file), original);
    assert_eq!(common::read(&service), service_text);
}

#[test]
fn the_pages_types_replace_the_definitions_ones() {
    let root = common::root();
    let service = common::read(&root.join("spec/dbss/service.yaml"));
    // The page's English text, not the definition's, for a type the page shares...
    let cluster = service
        .split("\n  Cluster:\n")
        .nth(1)
        .and_then(|s| s.split("\n\n").next())
        .unwrap_or_else(|| panic!("no Cluster in service.yaml"));
    assert!(cluster.contains("list-instances.txt: Table"), "{cluster}");
    assert!(!cluster.contains(".json"), "{cluster}");
    // ...and its enumerations go with it, named by the page's fields.
    assert!(
        service.contains("\"list-instances.txt: Cluster.charge_model\""),
        "{service}"
    );
    // The definitions' error type is the page's, once.
    assert!(!service.contains("DbssErrorResponse"), "{service}");
    // An operation of the definitions that returns the page's type refers to it.
    let encrypt = common::read(&root.join("spec/dbss/list_db_encrypt_instances.yaml"));
    assert!(encrypt.contains("type: ClustersNew object"), "{encrypt}");
}

#[test]
fn a_type_the_definitions_share_but_the_page_keeps_is_an_error_and_nothing_is_written() {
    let ws = workspace();
    let root = ws.path();
    let overrides = root.join("spec/dbss/overrides/list_instances.yaml");
    // The page keeps the server list types in its operation file.
    common::edit(&overrides, |t| {
        t.replace("  - ResponseServer\n", "")
            .replace("  - ServerList\n", "")
            .replace("  - Cluster\n", "")
            .replace("  - InstanceActivateInfo\n", "")
    });
    let before = common::read(&root.join("spec/dbss/service.yaml"));
    let err = import(root, false).expect_err("the import must refuse");
    assert!(
        err.contains(
            "Cluster: the definitions share it across operations, the page keeps it in list_instances.yaml: add `Cluster` to `shared:`"
        ),
        "{err}"
    );
    assert_eq!(common::read(&root.join("spec/dbss/service.yaml")), before);
}

/// A definition name written in one shape with different text (ServerIdBean: Reboot's text has
/// the four description blocks, Start's and Stop's one sentence) takes the text the recorded
/// decision names (`overrides/definitions.yaml`), and the import lists it; a decision that
/// names no such file or no such definition is an error, and nothing is written.
#[test]
fn recorded_decisions_choose_the_text_of_a_name_and_stale_ones_are_errors() {
    let ws = workspace();
    let root = ws.path();
    let decisions = root.join("spec/dbss/overrides/definitions.yaml");
    let service = root.join("spec/dbss/service.yaml");
    let short = "实例ID。可在查询实例列表接口的ID字段获取。";
    assert!(!common::read(&service).contains(short));

    fs::write(
        &decisions,
        "text_from:\n  ServerIdBean: StartAuditInstance.json\n  SuccessResponse: AddAuditAgent.json\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let report = import(root, false).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.written, ["spec/dbss/service.yaml"]);
    assert!(common::read(&service).contains(short));
    let listed: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.json_path == "definitions.ServerIdBean")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(
        listed[0].contains("other text by RebootAuditInstance.json, RebootAuditInstanceNew.json (properties.instance_id.description")
            && listed[0].contains("the text of StartAuditInstance.json is written (decided in overrides/definitions.yaml)"),
        "{}",
        listed[0]
    );

    let written = common::read(&service);
    for (decision, message) in [
        (
            "ServerIdBean: Nope.json",
            "Nope.json does not write ServerIdBean",
        ),
        (
            "NoSuchBean: AddAuditAgent.json",
            "no definition is named NoSuchBean",
        ),
        (
            "InstanceActivateInfo: ListInstances.json",
            "the definitions write InstanceActivateInfo with one text",
        ),
    ] {
        fs::write(&decisions, format!("text_from:\n  {decision}\n"))
            .unwrap_or_else(|e| panic!("{e}"));
        let err = import(root, false).expect_err(decision);
        assert!(err.contains(message), "{decision}: {err}");
        assert!(err.contains("text_from."), "{decision}: {err}");
        assert_eq!(common::read(&service), written, "{decision}");
    }
    fs::write(&decisions, "text_form: {}\n").unwrap_or_else(|e| panic!("{e}"));
    let err = import(root, false).expect_err("a misspelt key");
    assert!(
        err.contains("spec/dbss/overrides/definitions.yaml:1"),
        "{err}"
    );
}
