//! Every page under `tests/pages/` (the pages of the project's `docs/`) and `tests/synthetic/`
//! (pages written for these tests, on the same templates) imports to its golden output under
//! `tests/golden/`: the spec files of a complete page, the exact messages of a
//! cut one (and the partial spec `--partial` writes of it). `UPDATE_GOLDEN=1` rewrites them.

mod common;

use codegen::spec::OperationFile;
use common::{Case, cases, golden, job, read};

/// The `error_codes:` section alone, as `service.yaml` writes it.
fn error_codes_yaml(section: spec_model::ErrorCodes) -> String {
    #[derive(serde::Serialize)]
    struct Section {
        error_codes: spec_model::ErrorCodes,
    }
    spec_model::write::to_yaml(
        &[],
        &Section {
            error_codes: section,
        },
    )
    .expect("writes")
}

fn module(case: &Case) -> String {
    let j = job(case, "", false);
    spec_model::names::module_name(&j.context.operation_id)
}

fn check_case(case: &Case) -> Result<(), String> {
    let text = case.text();
    if case.is_error_codes() {
        let page = importer::errorcodes::read(&text, &case.file).map_err(|p| p.to_string())?;
        let section = importer::errorcodes::section(
            &page,
            &format!("../sources/{}/{}", case.service, case.file),
        );
        return golden(
            &format!("{}/error_codes.yaml", case.service),
            &error_codes_yaml(section),
        );
    }
    let j = job(case, &text, false);
    match (importer::import(&j), case.complete) {
        (Ok(imported), true) => {
            golden(
                &format!("{}/{}.yaml", case.service, module(case)),
                &imported.operation,
            )?;
            let service = imported
                .service
                .clone()
                .or_else(|| j.service_text.clone())
                .unwrap_or_default();
            golden(&format!("{}/service.yaml", case.service), &service)?;
            let warnings: String = imported
                .warnings
                .iter()
                .map(|w| format!("warning: {w}\n"))
                .collect();
            if !warnings.is_empty() {
                golden(&format!("{}.warnings.txt", case.stem), &warnings)?;
            }
            Ok(())
        }
        (Err(problems), false) => {
            golden(&format!("{}.err", case.stem), &format!("{problems}\n"))?;
            // With --partial, what was read is written, marked incomplete, and still reads as
            // an operation file.
            let partial = importer::import(&job(case, &text, true))
                .map_err(|p| format!("{}: --partial failed:\n{p}", case.file))?;
            if !partial.operation.contains("# INCOMPLETE") {
                return Err(format!("{}: the partial spec is not marked", case.file));
            }
            serde_saphyr::from_str::<OperationFile>(&partial.operation)
                .map_err(|e| format!("{}: the partial spec does not read: {e}", case.file))?;
            golden(&format!("{}.partial.yaml", case.stem), &partial.operation)
        }
        (Ok(_), false) => Err(format!(
            "{}: a cut page imported without an error",
            case.file
        )),
        (Err(p), true) => Err(format!(
            "{}: a complete page did not import:\n{p}",
            case.file
        )),
    }
}

#[test]
fn every_page_imports_to_its_golden_output() {
    let all = cases();
    let docs = all.iter().filter(|c| c.dir != "synthetic").count();
    assert_eq!(docs, 8, "{all:?}");
    let failures: Vec<String> = all.iter().filter_map(|c| check_case(c).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The first message of each cut page: what is missing and where.
#[test]
fn cut_pages_say_where_they_end() {
    let expected = [
        (
            "dbss-change-db-om-security-group.truncated",
            "importer/tests/pages/dbss/dbss-change-db-om-security-group.truncated.txt:102: the page ends inside Table 3 at line 102: only its caption `Table 3 Request body par` was copied",
        ),
        (
            "dbss-create-db-om-instance-period.truncated",
            "importer/tests/pages/dbss/dbss-create-db-om-instance-period.truncated.txt:196: the page ends inside Table 3 (Request body parameters) at line 196, in row `image_business_type`",
        ),
        (
            "dbss-list-audit-instances-new.truncated",
            "importer/tests/pages/dbss/dbss-list-audit-instances-new.truncated.txt:128: the page ends inside Table 3 (Request header parameters) at line 128, in row `X-Auth-Token`",
        ),
        (
            "dbss-list-audit-instances.truncated",
            "importer/tests/pages/dbss/dbss-list-audit-instances.truncated.txt:149: the page ends inside Table 5 (AuditInstanceListBean) at line 149, in row `cpu`",
        ),
        (
            "dsc-show-dbss-other-ins-info.truncated",
            "importer/tests/pages/other/dsc-show-dbss-other-ins-info.truncated.txt:221: the page ends inside Table 8 at line 221: only its caption `Table 8 SdmPo` was copied",
        ),
    ];
    let all = cases();
    for (stem, first) in expected {
        let case = all
            .iter()
            .find(|c| c.stem == stem)
            .unwrap_or_else(|| panic!("no page {stem}"));
        let problems = match importer::import(&job(case, &case.text(), false)) {
            Ok(_) => panic!("{stem} imported"),
            Err(p) => p,
        };
        assert_eq!(
            problems.0[0].to_string().lines().next(),
            Some(first),
            "{stem}"
        );
    }
    // Objects whose tables were cut off are named, with the row that refers to them.
    let dsc = all
        .iter()
        .find(|c| c.stem.starts_with("dsc-"))
        .unwrap_or_else(|| panic!("no dsc page"));
    let problems = importer::import(&job(dsc, &dsc.text(), false))
        .err()
        .unwrap_or_default()
        .to_string();
    assert!(
        problems.contains("Table 5 (RelatedDatasourceInfo), row `sdm_policies`: refers to object SdmPolicy, which has no table"),
        "{problems}"
    );
    assert!(
        problems.contains(
            "Table 7 (GdePolicy), row `columns`: refers to object Column, which has no table"
        ),
        "{problems}"
    );
}

/// The golden DBSS page import is the page alone (the project's first spec, before the API
/// Explorer definitions); the checked-in `spec/dbss/` is the page and the definitions together
/// (`tests/page_and_definitions.rs` pins it). What they share: the error codes section.
#[test]
fn golden_dbss_error_codes_are_the_checked_in_ones() {
    let root = common::root();
    let golden = common::crate_dir().join("tests/golden/dbss");
    // The error codes page's section is service.yaml's.
    let service: spec_model::ServiceFile =
        serde_saphyr::from_str(&read(&root.join("spec/dbss/service.yaml"))).expect("reads");
    assert_eq!(
        error_codes_yaml(service.error_codes.expect("service.yaml has error_codes")),
        read(&golden.join("error_codes.yaml"))
    );
}
