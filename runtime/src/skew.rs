//! Clock skew: when the API gateway refuses a signature as expired.
//!
//! The gateway refuses an `X-Sdk-Date` more than 15 minutes from its own
//! clock, with a message such as `Incorrect IAM authentication information:
//! signature expired, signature time:20230527T000431Z,server time:20230527T020608Z`.
//! The [`Transport`](crate::Transport) reads the server time from that
//! message (or, failing that, from the response's `Date` header), remembers
//! how far off the local clock is, and signs once more with the corrected
//! time. None of the official SDKs does this.

use std::time::{Duration, SystemTime};

use crate::signer::parse_sdk_date;

/// The header the transport adds to a response when a signature was refused
/// as expired even after correcting the clock: the measured skew, in seconds
/// (positive when the gateway's clock is ahead of this machine's).
pub const CLOCK_SKEW_HEADER: &str = "x-huaweicloud-sdk-clock-skew";

/// `time` shifted by `offset` seconds (saturating).
#[must_use]
pub fn shift(time: SystemTime, offset: i64) -> SystemTime {
    let by = Duration::from_secs(offset.unsigned_abs());
    let shifted = if offset >= 0 {
        time.checked_add(by)
    } else {
        time.checked_sub(by)
    };
    shifted.unwrap_or(time)
}

/// Seconds from `from` to `to` (negative when `to` is earlier).
fn seconds_between(from: SystemTime, to: SystemTime) -> i64 {
    match to.duration_since(from) {
        Ok(ahead) => i64::try_from(ahead.as_secs()).unwrap_or(i64::MAX),
        Err(behind) => -i64::try_from(behind.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

/// The server time in a gateway message: the `YYYYMMDDTHHMMSSZ` after
/// `server time:`.
fn server_time_in(message: &str) -> Option<SystemTime> {
    let lower = message.to_ascii_lowercase();
    let at = lower.find("server time:")? + "server time:".len();
    let rest = message.get(at..)?.trim_start();
    parse_sdk_date(rest.get(..16)?).ok()
}

/// Parses an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`, the only form
/// servers must send).
fn http_date(value: &str) -> Option<SystemTime> {
    let parts: Vec<&str> = value.split_ascii_whitespace().collect();
    let [_, day, month, year, clock, "GMT"] = parts.as_slice() else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m == month)? + 1;
    let clock = clock.replace(':', "");
    parse_sdk_date(&format!("{year}{month:02}{day:0>2}T{clock}Z")).ok()
}

/// When `response` refuses a signature as expired: how far the gateway's
/// clock is ahead of `now`, in seconds, from the server time in its message,
/// else its `Date` header. `None` for any other response (or when neither
/// gives a time).
#[must_use]
pub fn expired_signature_offset(
    response: &http::Response<Vec<u8>>,
    now: SystemTime,
) -> Option<i64> {
    if !matches!(response.status().as_u16(), 400 | 401 | 403) {
        return None;
    }
    let body = String::from_utf8_lossy(response.body());
    if !body.to_ascii_lowercase().contains("signature expired") {
        return None;
    }
    let server = server_time_in(&body).or_else(|| {
        let date = response.headers().get(http::header::DATE)?.to_str().ok()?;
        http_date(date)
    })?;
    Some(seconds_between(now, server))
}

/// Adds [`CLOCK_SKEW_HEADER`] with `offset` to `response`.
pub fn annotate(response: &mut http::Response<Vec<u8>>, offset: i64) {
    response.headers_mut().insert(
        http::HeaderName::from_static(CLOCK_SKEW_HEADER),
        http::HeaderValue::from(offset),
    );
}

/// The measured skew a response was annotated with, in seconds.
#[must_use]
pub fn measured(headers: &http::HeaderMap) -> Option<i64> {
    headers.get(CLOCK_SKEW_HEADER)?.to_str().ok()?.parse().ok()
}

/// Describes a skew: `the local clock is 2 h 1 min 37 s behind the gateway's: set it right (NTP)`.
#[must_use]
pub fn describe(offset: i64) -> String {
    let total = offset.unsigned_abs();
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    let mut amount = String::new();
    if h > 0 {
        amount.push_str(&format!("{h} h "));
    }
    if h > 0 || m > 0 {
        amount.push_str(&format!("{m} min "));
    }
    amount.push_str(&format!("{s} s"));
    let side = if offset >= 0 { "behind" } else { "ahead of" };
    format!("the local clock is {amount} {side} the gateway's: set it right (NTP)")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(sdk_date: &str) -> SystemTime {
        parse_sdk_date(sdk_date).unwrap()
    }

    fn refused(body: &str, date: Option<&str>) -> http::Response<Vec<u8>> {
        let mut response = http::Response::new(body.as_bytes().to_vec());
        *response.status_mut() = http::StatusCode::UNAUTHORIZED;
        if let Some(date) = date {
            response
                .headers_mut()
                .insert(http::header::DATE, date.parse().unwrap());
        }
        response
    }

    #[test]
    fn the_offset_comes_from_the_message_then_the_date_header() {
        let now = at("20230527T000431Z");
        let body = r#"{"error_code":"APIG.0303","error_msg":"Incorrect IAM authentication information: signature expired, signature time:20230527T000431Z,server time:20230527T020608Z"}"#;
        assert_eq!(
            expired_signature_offset(&refused(body, None), now),
            Some(7297)
        );
        let body = r#"{"error_code":"APIGW.0303","error_msg":"signature expired"}"#;
        let response = refused(body, Some("Sat, 27 May 2023 00:00:00 GMT"));
        assert_eq!(expired_signature_offset(&response, now), Some(-271));
        assert_eq!(expired_signature_offset(&refused(body, None), now), None);
        let other = refused(r#"{"error_msg":"verify aksk signature fail"}"#, None);
        assert_eq!(expired_signature_offset(&other, now), None);
    }

    #[test]
    fn describe_and_shift() {
        assert_eq!(
            describe(7297),
            "the local clock is 2 h 1 min 37 s behind the gateway's: set it right (NTP)"
        );
        assert!(describe(-5).starts_with("the local clock is 5 s ahead of"));
        let now = at("20230527T000000Z");
        assert_eq!(shift(now, 60), at("20230527T000100Z"));
        assert_eq!(shift(now, -60), at("20230526T235900Z"));
    }
}
