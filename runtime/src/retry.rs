//! When to try a call again, and how long to wait first.
//!
//! The defaults follow the official Huawei Cloud SDKs: no retry except on
//! `429 Too Many Requests` ([`RetryPolicy::default`]); an opt-in retry
//! ([`RetryPolicy::standard`]) also covers transport failures and 5xx
//! responses. Waits grow exponentially from 10 ms, doubling up to a 60 s
//! cap, with full jitter; a `Retry-After` header (in seconds) is honoured,
//! within the same cap.
//!
//! Retrying a transport failure or a 5xx response may repeat a request the
//! service already carried out: opt in only for operations where that is
//! harmless.

use std::time::Duration;

use crate::error::TransportErrorKind;

/// The largest number of attempts a policy allows (as in the official SDKs).
pub const MAX_ATTEMPTS: u32 = 10;

/// What one attempt ended with, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttemptOutcome {
    /// The service answered with this status.
    Status(http::StatusCode),
    /// The attempt failed at the HTTP level.
    Transport(TransportErrorKind),
}

/// When to try a call again, and how long to wait first.
///
/// ```
/// use std::time::Duration;
/// use huaweicloud_sdk_core::RetryPolicy;
///
/// let policy = RetryPolicy::standard()
///     .with_max_attempts(5)
///     .with_max_delay(Duration::from_secs(2));
/// assert_eq!(policy.max_attempts, 5);
/// assert!(policy.delay(3) <= Duration::from_millis(40));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How many attempts in all, the first one included: 1 (no retry) to
    /// [`MAX_ATTEMPTS`]. Moving to the next endpoint after a host could not
    /// be reached does not use up an attempt.
    pub max_attempts: u32,
    /// The longest wait before the first retry; the limit doubles for each
    /// further retry.
    pub base_delay: Duration,
    /// The cap on any wait, `Retry-After` included.
    pub max_delay: Duration,
    /// Retry after a transport failure (refused connection, unreachable host,
    /// timeout, broken connection), but never after a TLS failure or an
    /// oversized body.
    pub on_transport_errors: bool,
    /// Retry after a 5xx response.
    pub on_server_errors: bool,
    /// Retry after a `429 Too Many Requests` response.
    pub on_throttling: bool,
}

impl Default for RetryPolicy {
    /// The official SDKs' default: up to 3 attempts, retrying only on `429
    /// Too Many Requests`, waiting from 10 ms doubling up to 60 s, with
    /// jitter.
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_secs(60),
            on_transport_errors: false,
            on_server_errors: false,
            on_throttling: true,
        }
    }
}

impl RetryPolicy {
    /// The opt-in retry: up to 4 attempts, after a transport failure, a
    /// `429` or a 5xx response, waiting as the default does.
    #[must_use]
    pub fn standard() -> Self {
        Self {
            max_attempts: 4,
            on_transport_errors: true,
            on_server_errors: true,
            on_throttling: true,
            ..Self::default()
        }
    }

    /// Never retry (a host that cannot be reached still leads to the next
    /// endpoint, if there is one).
    #[must_use]
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            on_transport_errors: false,
            on_server_errors: false,
            on_throttling: false,
            ..Self::default()
        }
    }

    /// Sets how many attempts in all, clamped to 1 ..= [`MAX_ATTEMPTS`].
    #[must_use]
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts.clamp(1, MAX_ATTEMPTS);
        self
    }

    /// Sets the longest wait before the first retry.
    #[must_use]
    pub fn with_base_delay(mut self, base_delay: Duration) -> Self {
        self.base_delay = base_delay;
        self
    }

    /// Sets the cap on any wait.
    #[must_use]
    pub fn with_max_delay(mut self, max_delay: Duration) -> Self {
        self.max_delay = max_delay;
        self
    }

    /// Sets whether to retry after a transport failure.
    #[must_use]
    pub fn with_transport_errors(mut self, retry: bool) -> Self {
        self.on_transport_errors = retry;
        self
    }

    /// Sets whether to retry after a 5xx response.
    #[must_use]
    pub fn with_server_errors(mut self, retry: bool) -> Self {
        self.on_server_errors = retry;
        self
    }

    /// Sets whether to retry after a `429 Too Many Requests` response.
    #[must_use]
    pub fn with_throttling(mut self, retry: bool) -> Self {
        self.on_throttling = retry;
        self
    }

    /// How many attempts this policy allows, within 1 ..= [`MAX_ATTEMPTS`]
    /// even if [`max_attempts`](Self::max_attempts) was set outside.
    #[must_use]
    pub fn attempts(&self) -> u32 {
        self.max_attempts.clamp(1, MAX_ATTEMPTS)
    }

    /// Whether an attempt that ended with `outcome` should be tried again
    /// (if attempts are left).
    #[must_use]
    pub fn should_retry(&self, outcome: &AttemptOutcome) -> bool {
        match *outcome {
            AttemptOutcome::Status(status) if status == http::StatusCode::TOO_MANY_REQUESTS => {
                self.on_throttling
            }
            AttemptOutcome::Status(status) => self.on_server_errors && status.is_server_error(),
            AttemptOutcome::Transport(kind) => self.on_transport_errors && kind.is_retryable(),
        }
    }

    /// The longest wait after attempt number `attempt` (1 for the first)
    /// failed: [`base_delay`](Self::base_delay) doubled `attempt - 1` times,
    /// capped at [`max_delay`](Self::max_delay).
    #[must_use]
    pub fn backoff_limit(&self, attempt: u32) -> Duration {
        let doublings = attempt.saturating_sub(1).min(63);
        let factor = 1_u64 << doublings;
        let factor = u32::try_from(factor).unwrap_or(u32::MAX);
        self.base_delay
            .checked_mul(factor)
            .unwrap_or(Duration::MAX)
            .min(self.max_delay)
    }

    /// The wait after attempt number `attempt` (1 for the first) failed: a
    /// random duration between zero and [`backoff_limit`](Self::backoff_limit)
    /// (full jitter).
    #[must_use]
    pub fn delay(&self, attempt: u32) -> Duration {
        let limit = self.backoff_limit(attempt);
        let nanos = u64::try_from(limit.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(fastrand::u64(0..=nanos))
    }

    /// The wait after attempt number `attempt` failed with a response that
    /// asked to wait `retry_after`: the longer of that and
    /// [`delay`](Self::delay), capped at [`max_delay`](Self::max_delay).
    #[must_use]
    pub fn delay_with_retry_after(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let delay = self.delay(attempt);
        retry_after
            .map_or(delay, |after| after.max(delay))
            .min(self.max_delay)
    }
}

/// The wait a response asks for in its `Retry-After` header, when it is a
/// number of seconds (an HTTP date is ignored).
#[must_use]
pub fn retry_after(headers: &http::HeaderMap) -> Option<Duration> {
    let value = headers.get(http::header::RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::StatusCode;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn default_retries_only_throttling() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.max_attempts, 3);
        assert_eq!(policy.base_delay, 10 * MS);
        assert_eq!(policy.max_delay, Duration::from_secs(60));
        assert!(policy.should_retry(&AttemptOutcome::Status(StatusCode::TOO_MANY_REQUESTS)));
        for status in [500, 502, 503, 504] {
            let status = StatusCode::from_u16(status).unwrap();
            assert!(!policy.should_retry(&AttemptOutcome::Status(status)));
        }
        assert!(!policy.should_retry(&AttemptOutcome::Transport(
            TransportErrorKind::ConnectionRefused
        )));
    }

    #[test]
    fn standard_retries_transport_throttling_and_server_errors() {
        let policy = RetryPolicy::standard();
        assert_eq!(policy.max_attempts, 4);
        for status in [429, 500, 502, 503, 504] {
            let status = StatusCode::from_u16(status).unwrap();
            assert!(
                policy.should_retry(&AttemptOutcome::Status(status)),
                "{status}"
            );
        }
        for status in [200, 201, 204, 301, 400, 401, 403, 404, 409] {
            let status = StatusCode::from_u16(status).unwrap();
            assert!(
                !policy.should_retry(&AttemptOutcome::Status(status)),
                "{status}"
            );
        }
        for kind in [
            TransportErrorKind::ConnectionRefused,
            TransportErrorKind::HostUnreachable,
            TransportErrorKind::Timeout,
            TransportErrorKind::Other,
        ] {
            assert!(
                policy.should_retry(&AttemptOutcome::Transport(kind)),
                "{kind}"
            );
        }
        for kind in [TransportErrorKind::Tls, TransportErrorKind::BodyTooLarge] {
            assert!(
                !policy.should_retry(&AttemptOutcome::Transport(kind)),
                "{kind}"
            );
        }
    }

    #[test]
    fn none_never_retries() {
        let policy = RetryPolicy::none();
        assert_eq!(policy.attempts(), 1);
        assert!(!policy.should_retry(&AttemptOutcome::Status(StatusCode::TOO_MANY_REQUESTS)));
        assert!(!policy.should_retry(&AttemptOutcome::Status(StatusCode::BAD_GATEWAY)));
        assert!(!policy.should_retry(&AttemptOutcome::Transport(TransportErrorKind::Timeout)));
    }

    #[test]
    fn builders_set_and_clamp() {
        assert_eq!(RetryPolicy::default().with_max_attempts(0).max_attempts, 1);
        assert_eq!(RetryPolicy::default().with_max_attempts(7).max_attempts, 7);
        assert_eq!(
            RetryPolicy::default().with_max_attempts(11).max_attempts,
            10
        );
        assert_eq!(
            RetryPolicy::default()
                .with_max_attempts(u32::MAX)
                .max_attempts,
            MAX_ATTEMPTS
        );
        let raw = RetryPolicy {
            max_attempts: 99,
            ..RetryPolicy::default()
        };
        assert_eq!(raw.attempts(), MAX_ATTEMPTS);
        let policy = RetryPolicy::none()
            .with_transport_errors(true)
            .with_server_errors(true)
            .with_throttling(true)
            .with_base_delay(MS)
            .with_max_delay(5 * MS);
        assert!(policy.on_transport_errors && policy.on_server_errors && policy.on_throttling);
        assert_eq!((policy.base_delay, policy.max_delay), (MS, 5 * MS));
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.backoff_limit(0), 10 * MS);
        assert_eq!(policy.backoff_limit(1), 10 * MS);
        assert_eq!(policy.backoff_limit(2), 20 * MS);
        assert_eq!(policy.backoff_limit(3), 40 * MS);
        assert_eq!(policy.backoff_limit(10), 5120 * MS);
        assert_eq!(policy.backoff_limit(13), 40960 * MS);
        assert_eq!(policy.backoff_limit(14), Duration::from_secs(60));
        assert_eq!(policy.backoff_limit(64), Duration::from_secs(60));
        assert_eq!(policy.backoff_limit(u32::MAX), Duration::from_secs(60));
        let huge = RetryPolicy::default()
            .with_base_delay(Duration::MAX)
            .with_max_delay(Duration::MAX);
        assert_eq!(huge.backoff_limit(5), Duration::MAX);
    }

    #[test]
    fn delay_stays_within_bounds_and_varies() {
        let policy = RetryPolicy::default();
        for attempt in 1..=20 {
            let limit = policy.backoff_limit(attempt);
            for _ in 0..50 {
                assert!(policy.delay(attempt) <= limit);
            }
        }
        let samples: std::collections::HashSet<_> = (0..20).map(|_| policy.delay(10)).collect();
        assert!(samples.len() > 1, "no jitter: {samples:?}");
        let zero = RetryPolicy::default().with_base_delay(Duration::ZERO);
        assert_eq!(zero.delay(5), Duration::ZERO);
        let capped = RetryPolicy::default()
            .with_base_delay(Duration::MAX)
            .with_max_delay(Duration::MAX);
        let _ = capped.delay(3);
    }

    #[test]
    fn retry_after_is_honoured_within_the_cap() {
        let policy = RetryPolicy::default().with_max_delay(Duration::from_secs(5));
        let delay = policy.delay_with_retry_after(1, Some(Duration::from_secs(2)));
        assert_eq!(delay, Duration::from_secs(2));
        let delay = policy.delay_with_retry_after(1, Some(Duration::from_secs(3600)));
        assert_eq!(delay, Duration::from_secs(5));
        assert!(policy.delay_with_retry_after(1, None) <= 10 * MS);
    }

    #[test]
    fn retry_after_header_parsing() {
        let mut headers = http::HeaderMap::new();
        assert_eq!(retry_after(&headers), None);
        headers.insert(http::header::RETRY_AFTER, "7".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(7)));
        headers.insert(http::header::RETRY_AFTER, " 0 ".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(Duration::ZERO));
        headers.insert(
            http::header::RETRY_AFTER,
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&headers), None);
        headers.insert(http::header::RETRY_AFTER, "-1".parse().unwrap());
        assert_eq!(retry_after(&headers), None);
    }
}
