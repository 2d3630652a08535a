//! The whole pipeline (load, validate, compute, render) on the minimal fixture with one file
//! replaced by the fuzzer's bytes; the first byte picks the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn site() -> &'static PathBuf {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let dest = std::env::temp_dir().join(format!("quarterdeck-fuzz-{}", std::process::id()));
        copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/minimal"), &dest);
        dest
    })
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fuzz_target!(|data: &[u8]| {
    quarterdeck::harness::replace_and_build(site(), data).unwrap();
});
