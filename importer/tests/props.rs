//! No page makes the importer panic: the seed page (and the other complete page) cut at a random
//! line and with random lines deleted imports to a spec the generator accepts, or to clear
//! problems (each naming its file; a page cut before its Status Codes names where it ends).

mod common;

use codegen::spec::OperationFile;
use common::{Case, cases, job, mangle};
use proptest::prelude::*;

fn case(stem: &str) -> Case {
    match cases().into_iter().find(|c| c.stem == stem) {
        Some(c) => c,
        None => panic!("no page {stem}"),
    }
}

fn check(case: &Case, text: &str, with_overrides: bool) -> Result<(), TestCaseError> {
    let mut j = job(case, text, false);
    if !with_overrides {
        let id = j.context.operation_id.clone();
        j.overrides = importer::Overrides::default();
        j.context.operation_id = id;
    }
    match importer::import(&j) {
        Ok(imported) => {
            let op = serde_saphyr::from_str::<OperationFile>(&imported.operation);
            prop_assert!(
                op.is_ok(),
                "an import that does not read back: {:?}",
                op.err()
            );
            // A spec comes only from a page that reaches its Status Codes section.
            prop_assert!(
                text.lines()
                    .any(|l| l.trim() == "Status Codes" || l.trim() == "Status Code"),
                "a page without Status Codes imported"
            );
        }
        Err(problems) => {
            prop_assert!(!problems.is_empty());
            for p in &problems.0 {
                prop_assert!(!p.message.trim().is_empty());
                prop_assert!(!p.file.is_empty(), "a problem names no file: {p}");
            }
            let reaches_status_codes = text
                .lines()
                .any(|l| l.trim() == "Status Codes" || l.trim() == "Status Code");
            if !reaches_status_codes {
                let all = problems.to_string();
                prop_assert!(
                    all.contains("ends")
                        || all.contains("the page is empty")
                        || all.contains("no `URI` section"),
                    "a cut page without saying where it ends:\n{all}"
                );
            }
            // --partial writes something that reads as an operation file, whatever the cut.
            let mut p = j.clone();
            p.partial = true;
            if let Ok(partial) = importer::import(&p) {
                let op = serde_saphyr::from_str::<OperationFile>(&partial.operation);
                prop_assert!(
                    op.is_ok(),
                    "a partial spec that does not read: {:?}\n{}",
                    op.err(),
                    partial.operation
                );
            }
        }
    }
    Ok(())
}

/// [`check`] of the page `stem` cut after `keep` lines and without the lines `delete`.
fn check_mangled(
    stem: &str,
    keep: usize,
    delete: &[usize],
    with_overrides: bool,
) -> Result<(), TestCaseError> {
    let c = case(stem);
    check(&c, &mangle(&c.text(), keep, delete), with_overrides)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn the_seed_page_cut_anywhere(keep in 0usize..800) {
        check_mangled("list-instances", keep, &[], true)?;
    }

    #[test]
    fn the_seed_page_with_lines_deleted(
        delete in proptest::collection::vec(0usize..800, 1..6),
        with_overrides in any::<bool>(),
    ) {
        check_mangled("list-instances", usize::MAX, &delete, with_overrides)?;
    }

    #[test]
    fn the_seed_page_cut_and_with_lines_deleted(
        keep in 0usize..800,
        delete in proptest::collection::vec(0usize..800, 0..4),
    ) {
        check_mangled("list-instances", keep, &delete, false)?;
    }

    #[test]
    fn another_page_cut_and_with_lines_deleted(
        keep in 0usize..200,
        delete in proptest::collection::vec(0usize..200, 0..4),
    ) {
        check_mangled("gaussdb-mysql-bind-eip", keep, &delete, true)?;
    }

    /// Any text at all: no panic.
    #[test]
    fn arbitrary_text(text in "(Table [0-9] [A-Za-z ]{0,12}\n|Status code: [0-9]{3}\n|[A-Za-z_ •:{}\\[\\]\"-]{0,20}\n|\n|URI\nGET /v1/x\n|Status Codes\n|Yes\n|String\n){0,60}") {
        any_text(&text)?;
    }

    /// Any text made of the older template's pieces (bullets, `Request` / `Response`
    /// sections, tables without a Type column, `curl` examples): no panic.
    #[test]
    fn arbitrary_text_of_the_older_template(text in "(• URI format\n|• Parameter description\n|• Example response\n|• Example request\n|• Normal\n|• Error\n|• Abnormal response\n|Request\n|Response\n|Requests\n|Example\n|Description\n|Name\n|Parameter\n|Mandatory\n|Type\n|Int\n|None\\.\n|N/A\n|Error Codes\n|Returned Value\n|Status Code\n|Message\n|HTTP status code 20[0-4]\n|curl -X [A-Z]{3,6} https://h/v1/x\n|DELETE https://DDS endpoint/v1/x\n|\\{ \"a\": [0-9]{1,12} \\}\n|[a-z_]{1,8}\n|Yes\n|No\n|Table [0-9] [A-Za-z_ ]{0,20}\n|URI\nGET /v1/\\{a\\}\n){0,80}") {
        any_text(&text)?;
    }
}

/// The case CI found: the `Status Code` heading deleted, so the page's last lines read as text
/// after an example body; the problem says where an example ends and what is missing.
#[test]
fn a_deleted_status_codes_heading_is_named() {
    let c = case("gaussdb-mysql-bind-eip");
    let text = mangle(&c.text(), 191, &[184]);
    let result = check(&c, &text, true);
    assert!(result.is_ok(), "{result:?}");
    let all = match importer::import(&job(&c, &text, false)) {
        Ok(_) => panic!("a page without its Status Codes heading imported"),
        Err(problems) => problems.to_string(),
    };
    assert!(all.contains("`For details, see Status Codes.`"), "{all}");
    assert!(all.contains("heading (`Status Codes`)"), "{all}");
}

/// What any text must give: no panic, and a partial import that reads back.
fn any_text(text: &str) -> Result<(), TestCaseError> {
    let c = case("list-instances");
    let j = job(&c, text, false);
    let _ = importer::import(&j);
    let mut p = j;
    p.partial = true;
    if let Ok(partial) = importer::import(&p) {
        let op = serde_saphyr::from_str::<OperationFile>(&partial.operation);
        prop_assert!(op.is_ok(), "{:?}\n{}", op.err(), partial.operation);
    }
    Ok(())
}
