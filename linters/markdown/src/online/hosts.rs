//! At most N requests at a time to one host: servers rate-limit crawlers,
//! and a documentation tree often links one site hundreds of times.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex};

pub struct HostLimits {
    per_host: usize,
    busy: Mutex<HashMap<String, usize>>,
    freed: Condvar,
}

/// A request slot on a host, given back when dropped.
pub struct Slot<'a> {
    limits: &'a HostLimits,
    host: String,
}

impl HostLimits {
    pub fn new(per_host: usize) -> HostLimits {
        HostLimits {
            per_host: per_host.max(1),
            busy: Mutex::new(HashMap::new()),
            freed: Condvar::new(),
        }
    }

    /// Waits until `host` has a free slot.
    pub fn acquire(&self, host: &str) -> Slot<'_> {
        let mut busy = self.busy.lock().unwrap_or_else(|e| e.into_inner());
        while busy.get(host).copied().unwrap_or(0) >= self.per_host {
            busy = self.freed.wait(busy).unwrap_or_else(|e| e.into_inner());
        }
        *busy.entry(host.to_string()).or_insert(0) += 1;
        Slot { limits: self, host: host.to_string() }
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut busy = self.limits.busy.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(count) = busy.get_mut(&self.host) {
            *count = count.saturating_sub(1);
        }
        self.limits.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::HostLimits;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn never_more_than_the_limit_on_one_host() {
        let limits = HostLimits::new(2);
        let (now, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        std::thread::scope(|scope| {
            for _ in 0..8 {
                scope.spawn(|| {
                    let _slot = limits.acquire("example.com");
                    let current = now.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(current, Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    now.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        assert_eq!(most.load(Ordering::SeqCst), 2);
    }
}
