//! `cargo xtask import` on the project's own page: it reproduces the checked-in spec
//! (`spec/dbss/list_instances.yaml`, `service.yaml`) byte for byte from the page and the
//! overrides beside it; re-importing changes nothing; decisions survive a re-import; an override
//! the page no longer matches is an error; an import that fails writes nothing.
//!
//! Everything that writes works on a copy of `spec/` in a temporary directory.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use importer::{Report, Request};

fn request(root: &Path, page: &str) -> Request {
    Request {
        page: PathBuf::from(page),
        root: root.to_path_buf(),
        cwd: root.to_path_buf(),
        ..Request::default()
    }
}

/// A copy of the workspace's `spec/` (schema, dbss spec, overrides, sources) in a temporary
/// directory, as a workspace root.
fn workspace() -> tempfile::TempDir {
    let dir = match tempfile::Builder::new().prefix("import-ws-").tempdir() {
        Ok(d) => d,
        Err(e) => panic!("cannot create a temporary directory: {e}"),
    };
    let from = common::root().join("spec");
    copy_dir(&from, &dir.path().join("spec"));
    // The page's world: the spec as the page alone imports it (the golden), with the page's
    // decisions of that time; the operations of the API Explorer definitions are removed.
    let spec = dir.path().join("spec/dbss");
    for entry in fs::read_dir(&spec).unwrap_or_else(|e| panic!("{e}")) {
        let p = entry.unwrap_or_else(|e| panic!("{e}")).path();
        if p.is_file() {
            fs::remove_file(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        }
    }
    for f in ["list_instances.yaml", "service.yaml"] {
        fs::copy(golden().join(f), spec.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
    }
    fs::copy(page_overrides(), dir.path().join(OVERRIDES)).unwrap_or_else(|e| panic!("{e}"));
    dir
}

/// The page import's golden output for DBSS.
fn golden() -> PathBuf {
    common::crate_dir().join("tests/golden/dbss")
}

/// The page's decisions as the golden was imported with them.
fn page_overrides() -> PathBuf {
    common::crate_dir().join("tests/overrides/list-instances.yaml")
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let Ok(entry) = entry else { continue };
        let p = entry.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(entry.file_name()));
        } else {
            fs::copy(&p, to.join(entry.file_name()))
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        }
    }
}

fn run(req: &Request) -> Report {
    match importer::run(req) {
        Ok(r) => r,
        Err(p) => panic!("import failed:\n{p}"),
    }
}

fn run_err(req: &Request) -> String {
    match importer::run(req) {
        Ok(r) => panic!("import succeeded: {r:?}"),
        Err(p) => p.to_string(),
    }
}

const PAGE: &str = "spec/sources/dbss/list-instances.txt";
const OVERRIDES: &str = "spec/dbss/overrides/list_instances.yaml";

#[test]
fn the_checked_in_spec_is_what_the_page_imports_to() {
    // In the workspace itself, comparing only (`cargo xtask import PAGE --check`).
    let root = common::root();
    let req = Request {
        check: true,
        ..request(&root, PAGE)
    };
    let report = run(&req);
    assert!(
        report.written.is_empty(),
        "would change: {:?}",
        report.written
    );
    assert_eq!(report.unchanged, ["spec/dbss/list_instances.yaml"]);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[test]
fn reimporting_changes_nothing_and_a_new_import_is_stable() {
    let ws = workspace();
    let root = ws.path();
    let spec = root.join("spec/dbss");
    let original = common::read(&spec.join("list_instances.yaml"));

    let report = run(&request(root, PAGE));
    assert!(report.written.is_empty(), "{:?}", report.written);

    // From scratch: no operation file, no overrides, no shared types in service.yaml.
    fs::remove_file(spec.join("list_instances.yaml")).unwrap_or_else(|e| panic!("{e}"));
    fs::remove_file(root.join(OVERRIDES)).unwrap_or_else(|e| panic!("{e}"));
    let err = run_err(&request(root, PAGE));
    assert!(err.contains("no operation id"), "{err}");
    let first = Request {
        operation_id: Some("ListInstances".into()),
        ..request(root, PAGE)
    };
    let report = run(&first);
    assert_eq!(
        report.written,
        [
            "spec/dbss/list_instances.yaml",
            "spec/dbss/service.yaml",
            "spec/dbss/overrides/list_instances.yaml"
        ]
    );
    let overrides = common::read(&root.join(OVERRIDES));
    assert!(
        overrides.contains("operation_id: ListInstances"),
        "{overrides}"
    );
    // Without decisions the error tables stay inline and service.yaml loses the shared types.
    let plain = common::read(&spec.join("list_instances.yaml"));
    assert!(plain.contains("name: ListInstances400Response"), "{plain}");
    assert!(plain.contains("enum: IsActive"), "{plain}");
    // The recorded id is enough the second time, and nothing changes.
    let report = run(&request(root, PAGE));
    assert!(report.written.is_empty(), "{:?}", report.written);

    // The checked-in decisions bring back the checked-in spec.
    fs::copy(page_overrides(), root.join(OVERRIDES)).unwrap_or_else(|e| panic!("{e}"));
    let report = run(&request(root, PAGE));
    assert_eq!(
        report.written,
        ["spec/dbss/list_instances.yaml", "spec/dbss/service.yaml"]
    );
    assert_eq!(common::read(&spec.join("list_instances.yaml")), original);
    assert_eq!(
        common::read(&spec.join("service.yaml")),
        common::read(&golden().join("service.yaml"))
    );
}

#[test]
fn decisions_survive_and_stale_ones_are_errors() {
    let ws = workspace();
    let root = ws.path();
    let spec = root.join("spec/dbss");
    let page_path = root.join(PAGE);
    let page = common::read(&page_path);
    let overrides = common::read(&root.join(OVERRIDES));

    // A correction and a missing enumeration value, recorded as overrides.
    let more = format!(
        "{overrides}  Cluster.charge_model:\n    add_values:\n      - value: Test\n        description: test instance\n  InstanceActivateInfo.dsc_proxy_port:\n    type: Long\n"
    );
    fs::write(root.join(OVERRIDES), &more).unwrap_or_else(|e| panic!("{e}"));
    let report = run(&request(root, PAGE));
    assert_eq!(report.written, ["spec/dbss/list_instances.yaml"]);
    let op = common::read(&spec.join("list_instances.yaml"));
    common::assert_contains(
        &op,
        &[
            "      - value: Test\n        description: test instance\n",
            "- name: dsc_proxy_port\n        type: Long\n",
        ],
    );
    // Re-import keeps them.
    assert!(run(&request(root, PAGE)).written.is_empty());

    // The page now lists Test and says Long itself: both overrides are stale.
    let edited = page
        .replace(
            "  • Demand: on-demand",
            "  • Demand: on-demand\n\n  • Test: test instance",
        )
        .replace("dsc_proxy_port\n\nInteger", "dsc_proxy_port\n\nLong");
    fs::write(&page_path, &edited).unwrap_or_else(|e| panic!("{e}"));
    let err = run_err(&request(root, PAGE));
    common::assert_contains(
        &err,
        &[
            "fields.Cluster.charge_model.add_values: the page lists the value Test itself now",
            "fields.InstanceActivateInfo.dsc_proxy_port.type: the page already says Long",
        ],
    );
    assert!(err.ends_with("nothing was written"), "{err}");
    assert_eq!(
        common::read(&spec.join("list_instances.yaml")),
        op,
        "a failed import wrote"
    );

    // A field the decisions name is gone from the page.
    fs::write(root.join(OVERRIDES), &overrides).unwrap_or_else(|e| panic!("{e}"));
    let edited = page.replace("is_active\n\nInteger", "is_primary\n\nInteger");
    fs::write(&page_path, &edited).unwrap_or_else(|e| panic!("{e}"));
    let err = run_err(&request(root, PAGE));
    assert!(
        err.contains(
            "fields.ResponseServer.is_active: the ResponseServer table has no row `is_active`"
        ),
        "{err}"
    );

    // A body the decisions name is gone.
    let edited = page
        .replace("Status code: 403", "Status code: 409")
        .replace("403\n\nUnauthorized", "409\n\nUnauthorized");
    fs::write(&page_path, &edited).unwrap_or_else(|e| panic!("{e}"));
    let err = run_err(&request(root, PAGE));
    assert!(
        err.contains("bodies.403: the page has no body table for status 403"),
        "{err}"
    );

    // The command line cannot silently change a recorded operation id.
    fs::write(&page_path, &page).unwrap_or_else(|e| panic!("{e}"));
    let err = run_err(&Request {
        operation_id: Some("ListOpsInstances".into()),
        ..request(root, PAGE)
    });
    assert!(
        err.contains(
            "operation_id: the overrides say ListInstances, --operation-id says ListOpsInstances"
        ),
        "{err}"
    );
}

#[test]
fn the_error_codes_page_is_service_yaml_s_section() {
    let ws = workspace();
    let root = ws.path();
    let report = run(&request(root, "spec/sources/dbss/error-codes.txt"));
    assert_eq!(report.written, Vec::<String>::new());
    assert_eq!(report.unchanged, ["spec/dbss/service.yaml"]);
}

#[test]
fn a_page_of_a_new_service_creates_its_service_file() {
    let ws = workspace();
    let root = ws.path();
    let page = common::crate_dir().join("tests/pages/other/gaussdb-mysql-bind-eip.txt");
    fs::create_dir_all(root.join("spec/sources/gaussdb")).unwrap_or_else(|e| panic!("{e}"));
    fs::copy(&page, root.join("spec/sources/gaussdb/bind-eip.txt"))
        .unwrap_or_else(|e| panic!("{e}"));
    let req = Request {
        operation_id: Some("BindEip".into()),
        ..request(root, "spec/sources/gaussdb/bind-eip.txt")
    };
    let report = run(&req);
    assert_eq!(
        report.written,
        [
            "spec/gaussdb/bind_eip.yaml",
            "spec/gaussdb/service.yaml",
            "spec/gaussdb/overrides/bind_eip.yaml"
        ]
    );
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    let service = common::read(&root.join("spec/gaussdb/service.yaml"));
    common::assert_contains(&service, &["crate: huaweicloud-sdk-gaussdb\n"]);
    let op = common::read(&root.join("spec/gaussdb/bind_eip.yaml"));
    common::assert_contains(&op, &["page: ../sources/gaussdb/bind-eip.txt\n"]);
    assert!(
        op.starts_with("# yaml-language-server: $schema=../schema.json\n"),
        "{op}"
    );
    assert!(
        run(&request(root, "spec/sources/gaussdb/bind-eip.txt"))
            .written
            .is_empty()
    );
}

#[test]
fn two_pages_share_the_error_types_in_service_yaml() {
    let ws = workspace();
    let root = ws.path();
    let spec = root.join("spec/dbss");
    // A second operation on the same template: another path, the same error tables.
    let page = common::read(&root.join(PAGE))
        .replace(
            "POST /v2/{project_id}/db-om/instances",
            "GET /v2/{project_id}/db-om/others",
        )
        .replace(
            "\n/v2/{project_id}/db-om/instances",
            "\n/v2/{project_id}/db-om/others",
        );
    fs::write(root.join("spec/sources/dbss/list-others.txt"), page)
        .unwrap_or_else(|e| panic!("{e}"));
    let decisions = "page: list-others.txt\noperation_id: ListOthers\nbodies:\n  400: DbssErrorResponse\n  401: DbssErrorResponse\n  403: DbssErrorResponse\n  500: DbssErrorResponse\nshared:\n  - DbssErrorResponse\n  - DbssErrorDetail\n";
    fs::write(spec.join("overrides/list_others.yaml"), decisions).unwrap_or_else(|e| panic!("{e}"));
    // Its own types collide with ListInstances' ones: the generator says so, nothing is written.
    let err = run_err(&request(root, "spec/sources/dbss/list-others.txt"));
    assert!(err.contains("duplicate type name 'Cluster'"), "{err}");
    assert!(!spec.join("list_others.yaml").exists());
    // Renamed, they import; service.yaml lists both pages' tables.
    let renamed = format!(
        "{decisions}types:\n  Cluster: OtherCluster\n  InstanceActivateInfo: OtherActivateInfo\n  ServerList: OtherServerList\n  ResponseServer: OtherServer\nfields:\n  Cluster.charge_model: {{ enum: OtherChargeModel }}\n  Cluster.deploy_mode: {{ enum: OtherDeployMode }}\n  OtherServer.effect: {{ enum: OtherEffect }}\n  OtherServer.is_active: {{ enum: OtherActiveRole }}\n  OtherServer.scene: {{ enum: OtherScene }}\n  OtherServer.update_status: {{ enum: OtherUpdateStatus }}\n"
    );
    fs::write(spec.join("overrides/list_others.yaml"), &renamed).unwrap_or_else(|e| panic!("{e}"));
    let report = run(&request(root, "spec/sources/dbss/list-others.txt"));
    assert_eq!(
        report.written,
        ["spec/dbss/list_others.yaml", "spec/dbss/service.yaml"]
    );
    let service = common::read(&spec.join("service.yaml"));
    assert!(
        service.contains("      - \"list-instances.txt: Table 14 Response body parameters\"\n      - \"list-others.txt: Table 8 Response body parameters\"\n"),
        "{service}"
    );
    // Re-importing the first page keeps the second page's entries.
    assert!(run(&request(root, PAGE)).written.is_empty());
    // A page that stops sharing takes only its own entries away.
    let own = renamed
        .replace("shared:\n  - DbssErrorResponse\n  - DbssErrorDetail\n", "")
        .replace(": DbssErrorResponse", ": OthersErrorResponse")
        .replace("types:\n", "types:\n  DbssErrorDetail: OthersErrorDetail\n");
    fs::write(spec.join("overrides/list_others.yaml"), own).unwrap_or_else(|e| panic!("{e}"));
    let report = run(&request(root, "spec/sources/dbss/list-others.txt"));
    assert_eq!(
        report.written,
        ["spec/dbss/list_others.yaml", "spec/dbss/service.yaml"]
    );
    assert_eq!(
        common::read(&spec.join("service.yaml")),
        common::read(&golden().join("service.yaml"))
    );
}
