//! Seeded mutation testing: random byte and line edits of valid files never make `check`
//! panic or blow up (bounded in allocations, not time, so a loaded machine cannot fail it).
//! Deterministic: a failure names the seed and case to replay.

use crate::support::Site;
use crate::work::measure;

/// xorshift64*: tiny, seedable, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const INTERESTING: [&[u8]; 12] = [
    b"&a ",
    b"*a",
    b"<<: *a",
    b"[",
    b"{",
    b"\"",
    b"- ",
    b": ",
    b"\t",
    b"\xff",
    b"!!binary ",
    b"~",
];

fn mutate(rng: &mut Rng, src: &[u8]) -> Vec<u8> {
    let mut out = src.to_vec();
    for _ in 0..=rng.below(3) {
        let at = rng.below(out.len() + 1);
        match rng.below(6) {
            0 if !out.is_empty() => {
                let i = at.min(out.len() - 1);
                out[i] = rng.next() as u8;
            }
            1 => {
                let ins = INTERESTING[rng.below(INTERESTING.len())];
                out.splice(at..at, ins.iter().copied());
            }
            2 => out.truncate(at),
            3 => {
                // Duplicate or drop a whole line.
                let text = String::from_utf8_lossy(&out).to_string();
                let mut lines: Vec<&str> = text.lines().collect();
                if !lines.is_empty() {
                    let i = rng.below(lines.len());
                    if rng.below(2) == 0 {
                        lines.insert(i, lines[i]);
                    } else {
                        lines.remove(i);
                    }
                }
                out = lines.join("\n").into_bytes();
            }
            4 => {
                // Re-indent a line: YAML's structure lives in whitespace.
                let text = String::from_utf8_lossy(&out).to_string();
                let mut lines: Vec<String> = text.lines().map(String::from).collect();
                if !lines.is_empty() {
                    let i = rng.below(lines.len());
                    lines[i] = format!("{}{}", " ".repeat(rng.below(5)), lines[i].trim_start());
                }
                out = lines.join("\n").into_bytes();
            }
            _ => {
                let n = rng.below(64);
                let junk: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                out.splice(at..at, junk);
            }
        }
    }
    out
}

#[test]
fn mutated_files_never_panic_or_hang() {
    let site = Site::copy_of("minimal");
    let files: Vec<String> = walk(&site.root.join("content"))
        .into_iter()
        .chain([site.root.join("quarterdeck.toml")])
        .map(|p| {
            p.strip_prefix(&site.root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    // Validating the untouched site is the yardstick: a mutated file may cost ten times that.
    let baseline = measure(|| {
        let _ = quarterdeck::validate_site(&site.root);
    });
    let seed = 0x5EED_2026_u64;
    let mut rng = Rng(seed);
    let cases = 400;
    for case in 0..cases {
        let rel = &files[rng.below(files.len())];
        let original = std::fs::read(site.path(rel)).unwrap();
        std::fs::write(site.path(rel), mutate(&mut rng, &original)).unwrap();
        let mut panicked = false;
        let work = measure(|| {
            panicked = std::panic::catch_unwind(|| {
                let _ = quarterdeck::validate_site(&site.root);
            })
            .is_err();
        });
        assert!(!panicked, "panic: seed {seed:#x} case {case} file {rel}");
        assert!(
            work.within(10, baseline),
            "too much work ({work:?}, against {baseline:?}): seed {seed:#x} case {case} file {rel}"
        );
        std::fs::write(site.path(rel), original).unwrap();
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
