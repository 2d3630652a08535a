//! The whole pipeline (load, validate, compute, render) on the minimal fixture with one file
//! replaced by the fuzzer's bytes; the first byte picks the file. The harness reads the
//! fixture into memory and writes nothing, so the fixture itself is used as it is.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/minimal");
    quarterdeck::harness::replace_and_build(&site, data).unwrap();
});
