//! The converter end to end, in memory: definitions -> spec model -> YAML (the model's
//! serializer) -> SpecSource -> the model's reader -> codegen. Nothing is written under spec/.

use std::collections::BTreeMap;
use std::path::PathBuf;

use codegen::Options as GenOptions;
use importer::definitions::convert::{self, Converted, FindingKind, Options};
use importer::definitions::{Loaded, Location, analyse, read_dir};
use spec_model::{ServiceInfo, TypeExpr};

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn dbss() -> Vec<Loaded> {
    read_dir(&fixture("../spec/sources/dbss/apiexplorer")).unwrap_or_else(|e| panic!("{}", e[0]))
}

fn pgs() -> Vec<Loaded> {
    read_dir(&fixture("tests/fixtures/definitions/pgs")).unwrap_or_else(|e| panic!("{}", e[0]))
}

fn options(name: &str) -> Options {
    Options {
        service: ServiceInfo {
            name: name.to_owned(),
            title: format!("{name} service"),
            crate_name: format!("huaweicloud-sdk-{name}"),
            version: "0.1.0".to_owned(),
        },
        source_dir: format!("../sources/{name}/apiexplorer"),
    }
}

fn generate(c: &mut Converted, name: &str) -> BTreeMap<String, String> {
    convert::generate(c, &format!("mem/{name}"), &GenOptions::default())
        .unwrap_or_else(|d| panic!("codegen rejects the converted spec:\n{d}"))
}

#[test]
fn dbss_converts_and_generates() {
    let files = dbss();
    let mut c = convert::to_spec(&files, &options("dbss")).unwrap_or_else(|e| panic!("{}", e[0]));
    let out = generate(&mut c, "dbss");
    assert!(!out.is_empty());
}
