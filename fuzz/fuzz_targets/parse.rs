//! Every file kind's parser on arbitrary bytes: never a panic, hang or blow-up.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quarterdeck::load::{raw, text, yaml};

fuzz_target!(|data: &[u8]| {
    let Ok(t) = text::decode(data) else { return };
    let _ = yaml::parse::<Vec<raw::Metric>>("m.yaml", &t, 0);
    let _ = yaml::parse::<raw::Quarter>("q.yaml", &t, 0);
    let _ = yaml::parse::<raw::Trends>("t.yaml", &t, 0);
    let _ = yaml::parse::<raw::Risk>("r.yaml", &t, 0);
    let _ = yaml::parse::<raw::Initiative>("i.yaml", &t, 0);
    let _ = yaml::parse::<raw::Incident>("n.yaml", &t, 0);
    let _ = yaml::parse::<raw::Investment>("v.yaml", &t, 0);
    let _ = quarterdeck::load::parse_page("p.md", &t);
    let _ = quarterdeck::config::Config::parse(&t);
});
