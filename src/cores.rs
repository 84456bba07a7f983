//! How many threads a stage may use: all cores when one kit is built, one when several kits
//! are built at once (each on its own core already). Per thread, so that a build of many kits
//! can switch its workers off while a lone build keeps every core.

use std::cell::Cell;

thread_local! {
    /// Whether work started on this thread may spread over all cores.
    static SPREAD: Cell<bool> = const { Cell::new(true) };
}

/// Lets work started on this thread use all cores (the default) or only this thread: a
/// thread that is already one of as many workers as cores gains nothing from more threads.
pub fn spread(on: bool) {
    SPREAD.set(on);
}

/// Threads worth using for `items` pieces of work of which a thread should get at least
/// `min_each`: 1 when spreading is off, there is one core, or the work is too small.
pub fn workers(items: usize, min_each: usize) -> usize {
    if !SPREAD.get() {
        return 1;
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.min(items / min_each.max(1)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_worker_when_spreading_is_off_or_the_work_is_small() {
        assert_eq!(workers(3, 32), 1);
        spread(false);
        assert_eq!(workers(100_000, 1), 1);
        spread(true);
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(workers(100_000, 1), cores);
    }
}
