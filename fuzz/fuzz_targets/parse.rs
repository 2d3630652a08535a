//! Every file kind's parser on arbitrary bytes: never a panic, hang or blow-up.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| quarterdeck::harness::parse_every_kind(data));
