//! The pages of other services (`tests/pages/<service>/`, listed in `tests/pages/INDEX.md`,
//! issue 10): pages the importer was not written from. Each is imported as a new user would,
//! with no overrides but its operation id (the file name in UpperCamelCase, the service's name in
//! front so that the ids of all pages can live in one spec directory). A complete page (INDEX.md
//! says `complete`) either imports, its spec pinned by a snapshot (with its warnings), or is
//! refused for a reason the test names and INDEX.md explains; a cut page is refused with its
//! exact messages, pinned by a snapshot.
//!
//! `INSTA_UPDATE=always` (or `cargo insta review`) accepts new snapshots.

mod common;
#[path = "../../tests/tests/support/standalone.rs"]
mod standalone;

use std::path::PathBuf;

use importer::{Context, Job, Overrides};

/// One page of the corpus, as INDEX.md lists it.
#[derive(Debug, Clone)]
pub struct Page {
    /// `cce/delete-job.txt`.
    pub rel: String,
    /// `cce`.
    pub service: String,
    /// Whether INDEX.md calls the copy complete.
    pub complete: bool,
}

impl Page {
    /// `CceDeleteJob`: the service and the file name, UpperCamelCase, without the rendering
    /// suffixes (`-markdown`, `-older`, `.crlf-bom`).
    pub fn operation_id(&self) -> String {
        let file = self.rel.rsplit('/').next().unwrap_or_default();
        let stem = file
            .trim_end_matches(".txt")
            .replace(".crlf-bom", "-crlf-bom");
        spec_model::names::type_name(&format!("{}-{stem}", self.service).replace('-', "_"))
    }

    /// `cce-delete-job`: the snapshot's name.
    pub fn slug(&self) -> String {
        self.rel.trim_end_matches(".txt").replace(['/', '.'], "-")
    }

    /// The page's decisions (`tests/overrides/corpus/<slug>.yaml`), for a page that leaves
    /// something open ([`DECIDED`]).
    pub fn decisions(&self) -> Option<Overrides> {
        let path = common::crate_dir()
            .join("tests/overrides/corpus")
            .join(format!("{}.yaml", self.slug()));
        let display = format!("importer/tests/overrides/corpus/{}.yaml", self.slug());
        path.is_file().then(|| {
            importer::overrides::parse(&common::read(&path), &display)
                .unwrap_or_else(|e| panic!("{e}"))
        })
    }

    /// The in-memory import, with the page's decisions if it has any.
    pub fn job(&self, partial: bool) -> Job {
        let mut job = self.bare_job(partial);
        if let Some(mut decided) = self.decisions() {
            decided.operation_id = job.overrides.operation_id.take();
            job.overrides = decided;
        }
        job
    }

    /// The in-memory import with no overrides but the operation id.
    pub fn bare_job(&self, partial: bool) -> Job {
        let text = common::read(&pages_dir().join(&self.rel));
        let id = self.operation_id();
        let module = spec_model::names::module_name(&id);
        let file = self.rel.rsplit('/').next().unwrap_or_default().to_owned();
        Job {
            page_text: text,
            context: Context {
                page_file: file.clone(),
                page_display: format!("importer/tests/pages/{}", self.rel),
                page_ref: format!("../sources/{}/{file}", self.service),
                schema_ref: "../schema.json".to_owned(),
                overrides_display: format!("spec/{}/overrides/{module}.yaml", self.service),
                overrides_ref: format!("overrides/{module}.yaml"),
                operation_id: id.clone(),
            },
            overrides: Overrides {
                operation_id: Some(id),
                ..Overrides::default()
            },
            service_name: self.service.clone(),
            service_display: format!("spec/{}/service.yaml", self.service),
            service_text: None,
            spec_dir_display: format!("spec/{}", self.service),
            operation_display: format!("spec/{}/{module}.yaml", self.service),
            others: Vec::new(),
            partial,
            skip_generation: false,
        }
    }
}

fn pages_dir() -> PathBuf {
    common::crate_dir().join("tests/pages")
}

/// The page `rel` of the corpus.
fn listed(rel: &str) -> Page {
    corpus()
        .into_iter()
        .find(|p| p.rel == rel)
        .unwrap_or_else(|| panic!("{rel} is not listed in INDEX.md"))
}

/// The pages INDEX.md lists, with their state.
pub fn corpus() -> Vec<Page> {
    let index = common::read(&pages_dir().join("INDEX.md"));
    let mut out = Vec::new();
    // The table of pages, before the summaries (whose tables name pages too).
    for line in index.lines().take_while(|l| !l.starts_with("## Summary")) {
        let cells: Vec<&str> = line.split(" | ").collect();
        let Some(rel) = cells
            .first()
            .and_then(|c| c.strip_prefix("| `"))
            .and_then(|c| c.strip_suffix('`'))
        else {
            continue;
        };
        let service = rel.split('/').next().unwrap_or_default().to_owned();
        let state = cells.get(4).copied().unwrap_or_default();
        out.push(Page {
            rel: rel.to_owned(),
            service,
            complete: state.starts_with("complete"),
        });
    }
    out
}

/// What the import of `page` gives: the spec and its warnings, or the problems.
fn outcome(page: &Page) -> Result<(String, String), String> {
    match importer::import(&page.job(false)) {
        Ok(imported) => {
            let warnings: String = imported
                .warnings
                .iter()
                .map(|w| format!("warning: {w}\n"))
                .collect();
            Ok((imported.operation, warnings))
        }
        Err(problems) => Err(format!("{problems}\n")),
    }
}

#[test]
fn index_lists_every_page_of_the_corpus() {
    let listed: Vec<String> = corpus().into_iter().map(|p| p.rel).collect();
    let mut on_disk = Vec::new();
    for dir in std::fs::read_dir(pages_dir()).unwrap() {
        let dir = dir.unwrap();
        let name = dir.file_name().to_string_lossy().into_owned();
        if !dir.path().is_dir() || name == "dbss" || name == "other" {
            continue;
        }
        for f in std::fs::read_dir(dir.path()).unwrap() {
            let f = f.unwrap().file_name().to_string_lossy().into_owned();
            on_disk.push(format!("{name}/{f}"));
        }
    }
    on_disk.sort();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(sorted, on_disk);
    assert_eq!(listed.len(), 38);
}

/// The complete pages that import: every complete page, those of [`DECIDED`] with their
/// decisions.
const IMPORTS: &[&str] = &[
    "bms/show-api-version-markdown.txt",
    "cce/delete-job.crlf-bom.txt",
    "cce/delete-job.txt",
    "cs/delete-job.txt",
    "dataartsstudio/delete-job.txt",
    "dataartsstudio/execute-security-diagnose.txt",
    "dcs/delete-instance-v1.txt",
    "dcs/delete-instance.txt",
    "dds/delete-instance-older.txt",
    "ecs/nova-show-server-tags.txt",
    "ecs/show-server-tags-older.txt",
    "elb/delete-loadbalancer-older.txt",
    "elb/delete-loadbalancer.txt",
    "evs/delete-volume-older.txt",
    "evs/delete-volume.txt",
    "gaussdb-mysql/reset-password-markdown.txt",
    "gaussdb/reset-root-password.txt",
    "iam/check-token-markdown.txt",
    "iam/delete-user-markdown.txt",
    "iam/delete-user-v5-markdown.txt",
    "iam/delete-user.crlf-bom.txt",
    "iam/delete-user.txt",
    "kafka/delete-instance.txt",
    "rds/delete-instance-older.txt",
    "smn/delete-topic.txt",
    "vpc/delete-security-group-rule.txt",
    "vpc/delete-security-group.txt",
];

/// The complete pages that leave a decision open, each with the words of the message that
/// names the override that settles it: without their decisions
/// (`tests/overrides/corpus/<slug>.yaml`) they are refused with it (INDEX.md, "What each
/// decision settles"); with them they import (they are in [`IMPORTS`]).
const DECIDED: &[(&str, &str)] = &[
    ("bms/show-api-version-markdown.txt", "as `uri: GET /v2`"),
    (
        "ecs/nova-show-server-tags.txt",
        "say so with `complete: true` in the page's overrides",
    ),
    (
        "evs/delete-volume-older.txt",
        "say which with `response_status: 400` in the page's overrides",
    ),
];

/// Every complete page imports ([`IMPORTS`]); those of [`DECIDED`] only with their decisions:
/// without, each is refused with the message that names the override (pinned, with all its
/// messages, by the snapshot `<slug>-undecided`).
#[test]
fn a_page_that_leaves_a_decision_open_names_the_override_that_settles_it() {
    let complete: Vec<String> = corpus()
        .into_iter()
        .filter(|p| p.complete)
        .map(|p| p.rel)
        .collect();
    for rel in &complete {
        assert!(IMPORTS.contains(&rel.as_str()), "{rel} is not in IMPORTS");
    }
    assert_eq!(complete.len(), IMPORTS.len());
    assert_eq!(IMPORTS.len(), 27);
    let mut decided = Vec::new();
    for page in corpus().iter().filter(|p| p.decisions().is_some()) {
        let (_, why) = DECIDED
            .iter()
            .find(|(rel, _)| *rel == page.rel)
            .unwrap_or_else(|| panic!("{} has decisions and is not in DECIDED", page.rel));
        let problems = match importer::import(&page.bare_job(false)) {
            Ok(_) => panic!("{} imports without its decisions", page.rel),
            Err(p) => format!("{p}\n"),
        };
        assert!(
            problems.contains(why),
            "{}: expected `{why}` in\n{problems}",
            page.rel
        );
        insta::assert_snapshot!(format!("{}-undecided", page.slug()), problems);
        decided.push(page.rel.clone());
    }
    assert_eq!(decided.len(), DECIDED.len(), "{decided:?}");
}

/// Whether `text` reaches the last sections of a page (the import of a page that does not is
/// refused as cut, or names what it lacks).
fn reaches_the_end(text: &str) -> bool {
    text.lines().any(|l| {
        matches!(
            l.trim().trim_end_matches(" |"),
            "Status Codes"
                | "Status Code"
                | "Returned Value"
                | "Returned Values"
                | "Error Codes"
                | "Error Code"
        )
    })
}

/// What a mangled page of the corpus must give: a spec that reads back (only from a page that
/// reaches its Status Codes or Error Codes section), or problems that each name the page and
/// say something (a page that reaches neither says where it ends); and `--partial` writes a
/// spec that reads back.
fn check_mangled(page: &Page, text: &str, skip_generation: bool) -> Result<(), String> {
    let mut job = page.job(false);
    job.page_text = text.to_owned();
    job.skip_generation = skip_generation;
    let run = |job: &Job| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| importer::import(job)))
            .map_err(|_| format!("{}: the import panicked on\n{text}", page.rel))
    };
    // `complete: true` says the page is whole though it ends after its examples: what reaches
    // them is the page's end.
    let decided_whole = page.decisions().is_some_and(|d| d.complete);
    match run(&job)? {
        Ok(imported) => {
            serde_saphyr::from_str::<spec_model::OperationFile>(&imported.operation)
                .map_err(|e| format!("{}: a spec that does not read back: {e}", page.rel))?;
            if !(reaches_the_end(text) || decided_whole) {
                return Err(format!(
                    "{}: a page without its last sections imported:\n{text}",
                    page.rel
                ));
            }
        }
        Err(problems) => {
            for p in &problems.0 {
                if p.message.trim().is_empty() || p.file.is_empty() {
                    return Err(format!(
                        "{}: an empty problem or one naming no file: {p}",
                        page.rel
                    ));
                }
            }
            let all = problems.to_string();
            let says_why =
                all.contains("ends") || all.contains("empty") || all.contains("no `URI` section");
            if !(reaches_the_end(text) || decided_whole || says_why) {
                return Err(format!(
                    "{}: a cut page without saying where it ends:\n{all}",
                    page.rel
                ));
            }
            job.partial = true;
            if let Ok(partial) = run(&job)? {
                serde_saphyr::from_str::<spec_model::OperationFile>(&partial.operation)
                    .map_err(|e| format!("{}: a partial spec that does not read: {e}", page.rel))?;
            }
        }
    }
    Ok(())
}

/// Every page that imports, cut after each of its lines and with each of its lines deleted
/// (one at a time): never a panic, and each outcome is a spec that reads back or clear
/// problems ([`check_mangled`], without the generator's run, which the proptest below does).
#[test]
fn every_imported_page_cut_anywhere_or_missing_a_line_gives_a_spec_or_says_why() {
    let started = std::time::Instant::now();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for page in corpus()
        .iter()
        .filter(|p| IMPORTS.contains(&p.rel.as_str()))
    {
        let text = page.job(false).page_text;
        let lines: Vec<&str> = text.lines().collect();
        for k in 0..lines.len() {
            let cut = lines[..k].join("\n");
            let mut without = lines.clone();
            without.remove(k);
            for mangled in [cut, without.join("\n")] {
                // Without the generator's run (the proptest below runs it): the reader and the
                // build are what the older template's pages exercise.
                if let Err(e) = check_mangled(page, &mangled, true) {
                    wrong.push(e);
                }
                checked += 1;
            }
        }
    }
    eprintln!("{checked} mangled pages in {:?}", started.elapsed());
    assert!(checked > 1000, "{checked}");
    assert!(
        wrong.is_empty(),
        "{} of {checked}:\n{}",
        wrong.len(),
        wrong
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}

/// Each page's outcome, pinned: a complete page's spec and warnings, or every message of a
/// refused page (a cut page names where it ends). A cut page never imports, and with
/// `--partial` it writes what was read, marked incomplete.
#[test]
fn every_page_of_the_corpus_gives_its_pinned_outcome() {
    let mut wrong = Vec::new();
    for page in corpus() {
        let result = outcome(&page);
        let text = match &result {
            Ok((spec, warnings)) => format!("{warnings}{spec}"),
            Err(problems) => problems.clone(),
        };
        insta::assert_snapshot!(page.slug(), text);
        let expected = IMPORTS.contains(&page.rel.as_str());
        match (&result, page.complete, expected) {
            (Ok(_), true, true) | (Err(_), true, false) => {}
            (Err(_), false, _) => {
                let partial = importer::import(&page.job(true));
                match partial {
                    Ok(p) if p.operation.contains("# INCOMPLETE") => {}
                    Ok(_) => wrong.push(format!("{}: the partial spec is not marked", page.rel)),
                    Err(p) => wrong.push(format!("{}: --partial failed:\n{p}", page.rel)),
                }
            }
            (Ok(_), false, _) => wrong.push(format!("{}: a cut page imported", page.rel)),
            (Ok(_), true, false) => wrong.push(format!(
                "{}: imports now: add it to IMPORTS and to INDEX.md",
                page.rel
            )),
            (Err(p), true, true) => wrong.push(format!("{}: no longer imports:\n{p}", page.rel)),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every page that imports generates, together, one crate (`huaweicloud-sdk-corpus`, the
/// operations of all services in one spec directory: the ids carry their service's name), which
/// builds and passes its own tests (each documented example decodes, re-encodes and parses as
/// its status's outcome). One crate for all, so that the runtime and the dependencies are
/// built once (as `generates.rs` does, in `target/fixture-crates`).
#[test]
fn the_imported_pages_generate_one_crate_that_passes_its_tests() {
    let dir = tempfile::Builder::new()
        .prefix("corpus-crate-")
        .tempdir()
        .expect("a temporary directory");
    let spec = dir.path().join("spec");
    std::fs::create_dir_all(&spec).expect("creates");
    std::fs::write(
        spec.join("service.yaml"),
        "service:\n  name: corpus\n  title: Pages of other services\n  crate: huaweicloud-sdk-corpus\n  version: 0.1.0\n",
    )
    .expect("writes");
    let mut operations = 0;
    for page in corpus()
        .iter()
        .filter(|p| IMPORTS.contains(&p.rel.as_str()))
    {
        let imported = importer::import(&page.job(false))
            .unwrap_or_else(|p| panic!("{} does not import:\n{p}", page.rel));
        let module = spec_model::names::module_name(&page.operation_id());
        std::fs::write(spec.join(format!("{module}.yaml")), imported.operation).expect("writes");
        operations += 1;
    }
    assert_eq!(operations, IMPORTS.len());
    let root = common::root();
    let root = root.canonicalize().unwrap_or(root);
    // Builds and runs the crate's tests, which must pass (and not be none).
    standalone::generate_and_test(&root, &root.join("target/fixture-crates"), &spec, "corpus")
        .unwrap_or_else(|e| panic!("{e}"));
    eprintln!("corpus crate: {operations} operations");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// No page of the corpus, cut anywhere and with lines deleted, makes the import panic: it
    /// gives a spec that reads back, or problems that each name the page and say something.
    #[test]
    fn no_mangled_page_of_the_corpus_panics(
        which in 0usize..38,
        keep in 0usize..400,
        delete in proptest::collection::vec(0usize..400, 0..4),
    ) {
        let pages = corpus();
        let page = &pages[which % pages.len()];
        let text = common::mangle(&page.job(false).page_text, keep, &delete);
        let checked = check_mangled(page, &text, false);
        proptest::prop_assert!(checked.is_ok(), "{}", checked.err().unwrap_or_default());
    }
}

/// The response header table of `iam/keystone-validate-token.txt` (`Table 3 Parameters in the
/// response header`: `X-Subject-Token`) is kept under its status, as request headers are; the
/// copy is cut further down, so it is the `--partial` spec that shows it.
#[test]
fn a_response_header_table_is_kept_under_its_status() {
    let page = listed("iam/keystone-validate-token.txt");
    let partial = importer::import(&page.job(true)).expect("a partial import");
    let op: spec_model::OperationFile =
        serde_saphyr::from_str(&partial.operation).expect("reads back");
    let headers = op
        .responses
        .get(&200)
        .and_then(|r| r.headers.as_ref())
        .unwrap_or_else(|| panic!("no headers under 200:\n{}", partial.operation));
    assert_eq!(headers.table, "Table 3 Parameters in the response header");
    let names: Vec<&str> = headers
        .items
        .iter()
        .map(|p| p.name.value.as_str())
        .collect();
    assert_eq!(names, ["X-Subject-Token"]);
    assert!(
        !partial
            .warnings
            .iter()
            .any(|w| w.message.contains("response header"))
    );
}

/// The Markdown pass is linear: a Markdown copy with twenty thousand tables is read about as
/// fast as the same page with captions (the reader's own cost), not quadratically slower.
#[test]
fn a_huge_markdown_page_is_read_in_linear_time() {
    let n = 20_000;
    let head = "Title\nURI\nGET /v1/{project_id}/x\nResponse Parameters\nStatus code: 200\n";
    let (mut md, mut plain) = (head.to_owned(), head.to_owned());
    for k in 0..n {
        md.push_str("Parameter |\nType |\nDescription |\n---|---|---|\nf |\nString |\nd |\n");
        plain.push_str(&format!(
            "Table {} Response body parameters\nParameter\nType\nDescription\nf\nString\nd\n",
            k + 1
        ));
    }
    let time = |text: &str| {
        let start = std::time::Instant::now();
        let (page, _) = importer::page::read(text, "huge.txt");
        (start.elapsed(), page)
    };
    let (t_plain, _) = time(&plain);
    let (t_md, page) = time(&md);
    assert_eq!(page.notes.len(), n);
    assert!(
        t_md < t_plain * 3 + std::time::Duration::from_secs(2),
        "Markdown {t_md:?}, plain {t_plain:?}"
    );
}

/// A page of thirty thousand repeated status headings is refused within seconds, with a
/// bounded report (its first problems and a last line saying there are more).
#[test]
fn a_page_of_endless_repeats_gives_a_bounded_report_quickly() {
    let mut text = String::from("Title\nURI\nGET /v1/x\nResponse Parameters\n");
    for _ in 0..30_000 {
        text.push_str("Status code: 200\nstray text\nTable 1 Response body parameters\nParameter\nType\nDescription\nf\nString\nd\n");
    }
    let start = std::time::Instant::now();
    let (_, problems) = importer::page::read(&text, "repeats.txt");
    assert!(
        start.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(problems.len(), importer::problem::MAX_PROBLEMS + 1);
    let last = problems
        .0
        .last()
        .map(ToString::to_string)
        .unwrap_or_default();
    assert!(last.contains("more than 1000 problems"), "{last}");
}

/// The page at `rel` imported with the field overrides `fields` (under `fields:`).
fn import_with(rel: &str, fields: &str) -> importer::Imported {
    import_decided(rel, &format!("fields:\n{fields}")).unwrap_or_else(|p| panic!("{rel}:\n{p}"))
}

/// A type the page does not state is inferred and said; the override the warning names sets
/// another, and the warning goes.
#[test]
fn an_inferred_type_is_warned_and_the_override_it_names_settles_it() {
    let page = listed("gaussdb/reset-root-password.txt");
    let plain = importer::import(&page.job(false)).expect("imports");
    let warned = |i: &importer::Imported, row: &str| {
        i.warnings.iter().any(|w| {
            w.message
                .contains(&format!("row `{row}`: the table has no Type column"))
                && w.message
                    .contains(&format!("`fields: {{ path.{row}: {{ type: ... }} }}`"))
        })
    };
    assert!(warned(&plain, "project_id"), "{:?}", plain.warnings);
    let settled = import_with(
        "gaussdb/reset-root-password.txt",
        "  path.project_id:\n    type: Long\n",
    );
    assert!(!warned(&settled, "project_id"), "{:?}", settled.warnings);
    assert!(warned(&settled, "instance_id"));
    let op: spec_model::OperationFile =
        serde_saphyr::from_str(&settled.operation).expect("reads back");
    let path = op.parameters.path.as_ref().expect("path parameters");
    let ty = |n: &str| {
        path.items
            .iter()
            .find(|p| p.name.value == n)
            .map(|p| format!("{:?}", p.ty))
            .unwrap_or_default()
    };
    assert!(ty("project_id").contains("Long"), "{}", ty("project_id"));
    assert!(
        ty("instance_id").contains("String"),
        "{}",
        ty("instance_id")
    );
}

/// `Table 3 resource_tag field description`: the only object no row names, and `tags` the only
/// row of untyped objects: linked, said; the override the warning names undoes it.
#[test]
fn a_field_table_is_linked_to_the_lone_untyped_row_and_an_override_undoes_it() {
    let page = listed("ecs/show-server-tags-older.txt");
    let linked = importer::import(&page.job(false)).expect("imports");
    assert!(
        linked
            .operation
            .contains("type: Array of ResourceTag objects"),
        "{}",
        linked.operation
    );
    assert!(linked.warnings.iter().any(|w| {
        w.message
            .contains("row `tags` (Array of objects) is read as Array of ResourceTag objects")
    }));
    let undone = import_with(
        "ecs/show-server-tags-older.txt",
        "  200.tags:\n    type: Array of objects\n",
    );
    assert!(
        !undone.operation.contains("Array of ResourceTag objects"),
        "{}",
        undone.operation
    );
    assert!(undone.warnings.iter().any(|w| {
        w.message
            .contains("Table 3 (ResourceTag): no row refers to this object")
    }));
}

/// The page at `rel` imported with the overrides `yaml` (`page:` and `operation_id:` added):
/// its spec and warnings, or its messages.
fn import_decided(rel: &str, yaml: &str) -> Result<importer::Imported, String> {
    let page = listed(rel);
    let mut job = page.bare_job(false);
    let file = rel.rsplit('/').next().unwrap_or_default();
    let yaml = format!(
        "page: {file}\noperation_id: {}\n{yaml}",
        page.operation_id()
    );
    job.overrides = importer::overrides::parse(&yaml, "overrides.yaml").expect("overrides");
    importer::import(&job).map_err(|p| p.to_string())
}

/// Each decision the Markdown copy of `bms/show-api-version` leaves open is named by the
/// refusal that comes once the one before is made: the method and path (`uri`), which rows are
/// whose fields (`nested`: the copy put `version`'s and `links`' fields in the table that holds
/// them, so `version` is there twice), and the example that shows fields no table describes
/// (`drop_example_responses`).
#[test]
fn each_decision_the_markdown_bms_page_leaves_open_is_named_in_turn() {
    let rel = "bms/show-api-version-markdown.txt";
    let uri = "uri: GET /v2\n";
    let err = import_decided(rel, uri).expect_err("the flattened tables");
    assert!(
        err.contains("the row `version` is there twice (lines 15 and 30)")
            && err.contains("`nested: { version: [<its fields, in page order>] }`"),
        "{err}"
    );
    let nested = "nested:\n  version: [id, links, version, status, updated, min_version]\n  links: [href, rel]\n";
    let err = import_decided(rel, &format!("{uri}{nested}")).expect_err("the example");
    assert!(
        err.contains("example response 1 contradicts the page's tables")
            && err.contains("`drop_example_responses: [1]`"),
        "{err}"
    );
    let whole = import_decided(rel, &format!("{uri}{nested}drop_example_responses: [1]\n"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        whole.operation.contains("type: Version object"),
        "{}",
        whole.operation
    );
    assert!(
        whole.operation.contains("type: Array of Links objects"),
        "{}",
        whole.operation
    );
}

/// A page decision that does not fit the page is an error naming the key, as a stale field
/// override is: `uri` on a page with a URI section, `complete` on a page that has its Status
/// Codes, `response_status` where nothing stands under no status, `nested` rows the page does
/// not have, an example response the page does not have.
#[test]
fn a_page_decision_that_does_not_fit_the_page_is_an_error() {
    let cases = [
        (
            "iam/delete-user.txt",
            "uri: GET /v3/users\n",
            "uri: the page says its method and path itself",
        ),
        (
            "iam/delete-user.txt",
            "complete: true\n",
            "complete: the page does not end after its examples",
        ),
        (
            "iam/delete-user.txt",
            "response_status: 400\n",
            "response_status: the page has no response table and no example response that stands under no status",
        ),
        (
            "bms/show-api-version-markdown.txt",
            "uri: GET /v2\nnested:\n  version: [id, status]\n",
            "nested: version: no row `version` of objects is followed by the rows id, status",
        ),
        (
            "evs/delete-volume-older.txt",
            "response_status: 400\ndrop_example_responses: [7]\n",
            "drop_example_responses: the page has 2 example responses, no example response 7",
        ),
        (
            "bms/show-api-version-markdown.txt",
            "uri: /v2\n",
            "uri: `/v2` is not a method and a path",
        ),
    ];
    for (rel, yaml, expected) in cases {
        let err = import_decided(rel, yaml)
            .err()
            .unwrap_or_else(|| panic!("{rel} with {yaml} imports"));
        assert!(err.contains(expected), "{rel} with {yaml}:\n{err}");
    }
}
