//! The whole pipeline (load, validate, compute, render) on the minimal fixture with one file
//! replaced by the fuzzer's bytes; the first byte picks the file. The fixture is read into
//! memory and its templates compiled once, for every run; nothing is written, so the fixture
//! itself is used as it is.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quarterdeck::harness::SiteFixture;
use std::path::Path;
use std::sync::OnceLock;

static FIXTURE: OnceLock<SiteFixture> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    FIXTURE
        .get_or_init(|| {
            let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/minimal");
            SiteFixture::read(&site).unwrap()
        })
        .replace_and_build(data);
});
