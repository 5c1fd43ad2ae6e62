//! The 113 DBSS definitions: all read and analysed, with what they hold pinned.

use std::path::PathBuf;

use importer::definitions::{self, Census, analyse, read_dir};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec/sources/dbss/apiexplorer")
}

#[test]
fn dump() {
    let files = read_dir(&dir()).unwrap();
    let a = analyse(&files);
    let c = Census::of(&files, &a);
    println!("{c:#?}");
    for t in &a.types {
        if t.variants.len() > 1 {
            println!(
                "{} {} {:?}",
                t.name,
                t.choice,
                t.variants
                    .iter()
                    .map(|v| (&v.files, &v.differences))
                    .collect::<Vec<_>>()
            );
        }
    }
    for (id, p) in &a.paging {
        println!("{id} {p:?}");
    }
    for e in &a.enums {
        println!("{} {:?}", e.operations(), e.values);
    }
    for op in &a.operations {
        if let Some(d) = &op.deprecation {
            println!("{} {:?}", op.id, d);
        }
    }
    println!("{:?}", a.ref_problems);
    println!("{:?}", a.recursive);
    let _ = definitions::tags::DBSS_GROUPS;
}
