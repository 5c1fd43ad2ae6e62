//! A directory tree as a value, for the tests that check a failed write touched nothing.
//! Shared by path (`#[path = ...] mod tree;`) by codegen's and the importer's hostile-ground
//! tests.

use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `dir` (relative, `/`-separated) with its bytes; directories as `dir/`
/// with no bytes. Links are not followed.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    let mut all = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let rel = path
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if std::fs::symlink_metadata(&path).unwrap().is_dir() {
                all.insert(format!("{rel}/"), None);
                stack.push(path);
            } else {
                all.insert(rel, Some(std::fs::read(&path).unwrap_or_default()));
            }
        }
    }
    all
}
