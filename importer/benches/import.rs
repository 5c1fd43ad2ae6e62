//! Benchmarks of the import of DBSS's 113 API Explorer definitions (issue: import under 1 s).
//!
//! - `definitions/convert`: the definitions already read (JSON parsed) -> spec-model values ->
//!   YAML text: the analyses, the conversion and the writer.
//! - `definitions/read_convert`: the same from the files on disk (reading and parsing the 113
//!   JSON files included).
//! - `definitions/import_check`: what `cargo xtask import PAGE.txt DIR --check` does: the page
//!   staged, the definitions read and converted, the page's ownership applied, the whole
//!   113-operation directory generated once (codegen's checks and emit) and compared with
//!   `spec/dbss/`; nothing is written.
//!
//! The code generation of the spec alone is `cargo bench -p codegen` (`real_spec/dbss`).
//! Run with `cargo bench -p importer`. It uses the allocator `cargo xtask` uses (mimalloc).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use importer::definitions::convert::{self, Options};
use importer::definitions::{self, run};
use spec_model::ServiceInfo;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn options() -> Options {
    Options {
        service: ServiceInfo {
            name: "dbss".to_owned(),
            title: "Database Security Service".to_owned(),
            crate_name: "huaweicloud-sdk-dbss".to_owned(),
            version: "0.1.0".to_owned(),
        },
        source_dir: "../sources/dbss/apiexplorer".to_owned(),
        text_from: Default::default(),
    }
}

fn import_check() -> run::Report {
    let root = root();
    let page = importer::Request {
        page: PathBuf::from("spec/sources/dbss/list-instances.txt"),
        check: true,
        root: root.clone(),
        cwd: root.clone(),
        ..importer::Request::default()
    };
    let (_, overlay) = importer::stage(&page, true).unwrap_or_else(|p| panic!("{p}"));
    run::run(&run::Request {
        sources: vec![PathBuf::from("spec/sources/dbss/apiexplorer")],
        check: true,
        root: root.clone(),
        cwd: root,
        overlay,
        ..run::Request::default()
    })
    .unwrap_or_else(|p| panic!("{p}"))
}

fn bench(c: &mut Criterion) {
    let dir = root().join("spec/sources/dbss/apiexplorer");
    let files = definitions::read_dir(&dir).unwrap_or_else(|e| panic!("{}", e[0]));
    let report = import_check();
    println!(
        "dbss: {} definitions; import --check: {} files unchanged, {} would change",
        files.len(),
        report.unchanged.len(),
        report.written.len()
    );
    let mut group = c.benchmark_group("definitions");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("convert", |b| {
        b.iter(|| {
            let c = convert::to_spec(black_box(&files), &options())
                .unwrap_or_else(|e| panic!("{}", e[0]));
            convert::to_yaml(&c).unwrap_or_else(|e| panic!("{e}"))
        });
    });
    group.bench_function("read_convert", |b| {
        b.iter(|| {
            let files =
                definitions::read_dir(black_box(&dir)).unwrap_or_else(|e| panic!("{}", e[0]));
            let c = convert::to_spec(&files, &options()).unwrap_or_else(|e| panic!("{}", e[0]));
            convert::to_yaml(&c).unwrap_or_else(|e| panic!("{e}"))
        });
    });
    group.bench_function("import_check", |b| b.iter(import_check));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
