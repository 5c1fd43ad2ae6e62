//! An ordered parallel map over a slice, on scoped threads: the pipeline reads spec files and
//! emits Rust files on every core, and the result does not depend on which thread finished
//! first.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `items.iter().map(f)` on all cores, in order. `None` only if a worker panicked (a bug: the
/// caller reports it as an internal error instead of panicking itself).
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Option<Vec<R>> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len())
        .max(1);
    if workers == 1 {
        return Some(items.iter().map(f).collect());
    }
    let next = AtomicUsize::new(0);
    let mut indexed: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        done.push((i, f(item)));
                    }
                    done
                })
            })
            .collect();
        let mut all = Vec::with_capacity(items.len());
        for handle in handles {
            all.extend(handle.join().ok()?);
        }
        Some(all)
    })?;
    indexed.sort_by_key(|(i, _)| *i);
    Some(indexed.into_iter().map(|(_, r)| r).collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_order() {
        let items: Vec<u32> = (0..1000).collect();
        let out = super::map(&items, |x| x * 2).expect("no panic");
        assert_eq!(out, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        assert_eq!(super::map(&[] as &[u32], |x| *x), Some(vec![]));
    }
}
