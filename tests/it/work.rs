//! Work measured without a clock: how many allocations a piece of code makes and how many
//! bytes they ask for (allocation-counter), on a one-thread pool so that rayon's work is on
//! the measuring thread. Unlike elapsed time this does not grow on a loaded machine or in a
//! debug build, so a bound on it fails only when the code itself does more.

#[derive(Debug, Clone, Copy)]
pub struct Work {
    pub allocations: u64,
    pub bytes: u64,
}

impl Work {
    /// True when neither figure exceeds `times` the baseline's: the bound used for inputs that
    /// once blew up, against the same code run on an ordinary input of the same kind.
    pub fn within(&self, times: u64, baseline: Work) -> bool {
        self.allocations <= times * baseline.allocations.max(1)
            && self.bytes <= times * baseline.bytes.max(1)
    }
}

pub fn measure(f: impl FnOnce() + Send) -> Work {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    pool.install(|| {
        let info = allocation_counter::measure(f);
        Work {
            allocations: info.count_total,
            bytes: info.bytes_total,
        }
    })
}
