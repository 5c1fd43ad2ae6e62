//! Issue 11.5: the errors of a call read the same at every level (the
//! response, the operation's error type, `Error`), `Error` has the
//! accessors the operation's error type has, and its `Debug` (what `?` in
//! `main` prints) is one readable record without headers, bodies or secrets.

use huaweicloud_sdk_core::credentials::CredentialsError;
use huaweicloud_sdk_core::endpoint::EndpointError;
use huaweicloud_sdk_core::http::StatusCode;
use huaweicloud_sdk_core::response::{decode_body, decode_service_error};
use huaweicloud_sdk_core::{
    DecodeError, Error, ErrorDetails, ErrorKind, InvalidRequest, OperationError, SendError,
    ServiceError, ServiceErrorInfo, TransportError, TransportErrorKind, UnhandledResponse,
};

/// A per-operation error enum as generated code declares it, with the impls
/// generated code gets from the runtime's macro.
#[derive(Debug)]
#[non_exhaustive]
enum ListInstancesError {
    Unauthorized(Box<ServiceError<serde_json::Value>>),
    InvalidBody(Box<DecodeError>),
    Unhandled(Box<UnhandledResponse>),
}

impl ListInstancesError {
    fn details(&self) -> &dyn ErrorDetails {
        match self {
            Self::Unauthorized(e) => e.as_ref(),
            Self::InvalidBody(e) => e.as_ref(),
            Self::Unhandled(e) => e.as_ref(),
        }
    }
}

huaweicloud_sdk_core::operation_error_impls!(ListInstancesError, "ListInstances");

type E = Error<ListInstancesError>;

/// Response parts with a request id and headers a `Debug` must not dump.
fn parts(status: u16) -> http::response::Parts {
    http::Response::builder()
        .status(status)
        .header("X-Request-Id", "0a1b2c")
        .header("Set-Cookie", "session=COOKIE-SECRET")
        .header("X-Trace-Detail", "header-noise")
        .body(())
        .unwrap()
        .into_parts()
        .0
}

const UNAUTHORIZED: &[u8] =
    br#"{"error_code": "DBSS.10020100", "error_msg": "Failed to authenticate the token"}"#;

fn unauthorized() -> ServiceError<serde_json::Value> {
    decode_service_error(parts(401), UNAUTHORIZED).unwrap()
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Clusters {
    clusters: Vec<i64>,
}

/// A connection refused three times.
fn refused() -> E {
    TransportError::new(
        TransportErrorKind::ConnectionRefused,
        "https://dbss.ap-southeast-1.myhuaweicloud.com",
        "connection refused",
        3,
    )
    .into()
}

/// What `?` in `main` prints, and what `{:#?}` prints.
fn debug(error: &E) -> (String, String) {
    (format!("{error:?}"), format!("{error:#?}"))
}

#[test]
fn a_service_error_reads_the_same_at_every_level() {
    let response = unauthorized();
    let line =
        "401 Unauthorized: DBSS.10020100: Failed to authenticate the token (request id 0a1b2c)";
    assert_eq!(response.to_string(), line);
    assert_eq!(
        ServiceErrorInfo::from_service_error(&response).to_string(),
        line
    );
    assert_eq!(
        ServiceErrorInfo::from_body(StatusCode::UNAUTHORIZED, &parts(401).headers, UNAUTHORIZED)
            .to_string(),
        line
    );

    let operation = ListInstancesError::Unauthorized(Box::new(response));
    let op_line = format!("ListInstances failed: {line}");
    assert_eq!(operation.to_string(), op_line);

    let error: E = Error::Operation(operation);
    assert_eq!(error.to_string(), op_line);
    assert_eq!(
        debug(&error).0,
        "Error { kind: Service, message: \"ListInstances failed: 401 Unauthorized: \
         DBSS.10020100: Failed to authenticate the token (request id 0a1b2c)\", status: 401, \
         error_code: \"DBSS.10020100\", request_id: \"0a1b2c\" }"
    );
    assert_eq!(
        debug(&error).1,
        "Error {\n    kind: Service,\n    message: \"ListInstances failed: 401 Unauthorized: \
         DBSS.10020100: Failed to authenticate the token (request id 0a1b2c)\",\n    status: 401,\n    \
         error_code: \"DBSS.10020100\",\n    request_id: \"0a1b2c\",\n}"
    );
}

#[test]
fn error_has_the_accessors_of_the_operation_error() {
    let error: E = Error::Operation(ListInstancesError::Unauthorized(Box::new(unauthorized())));
    assert_eq!(error.status(), Some(StatusCode::UNAUTHORIZED));
    assert_eq!(error.error_code(), Some("DBSS.10020100"));
    assert_eq!(error.error_msg(), Some("Failed to authenticate the token"));
    assert_eq!(error.request_id(), Some("0a1b2c"));
    let operation = error.operation_error().expect("the service answered");
    assert_eq!(operation.error_code(), error.error_code());
    assert_eq!(operation.error_msg(), error.error_msg());
    // The trait gives the same to generic code.
    assert_eq!(OperationError::error_code(operation), Some("DBSS.10020100"));
    assert_eq!(
        OperationError::error_msg(operation),
        Some("Failed to authenticate the token")
    );
    // The headers stay reachable, though Debug does not show them.
    let Some(ListInstancesError::Unauthorized(response)) = error.operation_error() else {
        panic!("the 401 variant");
    };
    assert_eq!(response.headers["x-trace-detail"], "header-noise");
    assert_eq!(
        error.details().map(|d| d.status()),
        Some(StatusCode::UNAUTHORIZED)
    );

    let refused = refused();
    assert_eq!(refused.status(), None);
    assert_eq!(refused.error_code(), None);
    assert_eq!(refused.error_msg(), None);
    assert_eq!(refused.request_id(), None);
    assert!(refused.details().is_none());
    assert!(refused.operation_error().is_none());
}

#[test]
fn every_variant_has_a_one_record_debug() {
    let invalid: E = InvalidRequest::single(
        "ListInstances",
        "project_id",
        "is mandatory but was not set",
    )
    .into();
    assert_eq!(
        debug(&invalid).0,
        "Error { kind: InvalidInput, message: \"invalid ListInstances request: project_id: is \
         mandatory but was not set (nothing was sent)\" }"
    );

    let credentials: E = SendError::Credentials(CredentialsError::new("no AK/SK found")).into();
    assert_eq!(
        debug(&credentials).0,
        "Error { kind: Credentials, message: \"cannot use the credentials: no AK/SK found\" }"
    );

    let endpoint: E = Error::Endpoint(EndpointError("unknown region xx-1".to_owned()));
    assert_eq!(
        debug(&endpoint).0,
        "Error { kind: Endpoint, message: \"cannot choose an endpoint: unknown region xx-1\" }"
    );

    let transport = refused();
    assert_eq!(
        debug(&transport).0,
        "Error { kind: Transport, message: \"could not reach \
         https://dbss.ap-southeast-1.myhuaweicloud.com: connection refused (after 3 attempts)\" }"
    );

    let decode = decode_body::<Clusters>(&parts(200), br#"{"clusters":["x"]}"#).unwrap_err();
    let invalid_body: E = Error::Operation(ListInstancesError::InvalidBody(Box::new(decode)));
    assert_eq!(
        debug(&invalid_body).0,
        format!(
            "Error {{ kind: InvalidResponse, message: \"{invalid_body}\", status: 200, \
             request_id: \"0a1b2c\" }}"
        )
    );
    assert!(
        invalid_body
            .to_string()
            .starts_with("ListInstances failed: the 200 OK response body does not match"),
        "{invalid_body}"
    );

    let unhandled: E = Error::Operation(ListInstancesError::Unhandled(Box::new(
        UnhandledResponse::new(parts(502), b"<html><body>Bad gateway</body></html>"),
    )));
    assert_eq!(
        debug(&unhandled).0,
        "Error { kind: Service, message: \"ListInstances failed: unexpected response 502 Bad \
         Gateway (request id 0a1b2c): <html><body>Bad gateway</body></html>\", status: 502, \
         request_id: \"0a1b2c\" }"
    );

    for error in [
        &invalid,
        &credentials,
        &endpoint,
        &transport,
        &invalid_body,
        &unhandled,
    ] {
        let (line, pretty) = debug(error);
        for shown in [&line, &pretty] {
            assert!(!shown.contains("COOKIE-SECRET"), "{shown}");
            assert!(!shown.contains("header-noise"), "no header dump: {shown}");
        }
        assert!(line.len() < 300, "one screen: {line}");
    }
}

#[test]
fn server_text_is_escaped_once_in_debug() {
    let body = br#"{"error_code": "APIG.\u001b[2J0301", "error_msg": "bad\nerror: forged\u202e"}"#;
    let error: E = Error::Operation(ListInstancesError::Unauthorized(Box::new(
        decode_service_error(parts(401), body).unwrap(),
    )));
    let (line, pretty) = debug(&error);
    // `{:#?}` puts each field on a line of its own: its newlines are its own.
    for shown in [line.as_str(), &error.to_string()]
        .into_iter()
        .chain(pretty.lines())
    {
        assert!(!shown.chars().any(char::is_control), "{shown:?}");
        assert!(!shown.contains('\u{202e}'), "{shown:?}");
    }
    assert!(
        line.contains(r#"error_code: "APIG.\u{1b}[2J0301""#),
        "escaped as Display escapes, not twice: {line}"
    );
    assert!(line.contains(r"bad\nerror: forged\u{202e}"), "{line}");
}

#[test]
fn a_signature_mismatch_shows_no_security_token_at_any_level() {
    let body = br#"{"error_code": "APIG.0301", "error_msg": "Incorrect IAM authentication information: verify signature fail, canonicalRequest:GET|/v1/things||host:dbss.example.com|x-sdk-date:20260101T000000Z|x-security-token:sts-VERY-SECRET||host;x-sdk-date;x-security-token|e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}"#;
    let error: E = Error::Operation(ListInstancesError::Unauthorized(Box::new(
        decode_service_error(parts(401), body).unwrap(),
    )));
    let (line, pretty) = debug(&error);
    let shown = error.to_string();
    for text in [&shown, &line, &pretty] {
        assert!(!text.contains("sts-VERY-SECRET"), "{text}");
    }
    assert!(shown.contains("x-security-token:****"), "{shown}");
    assert!(
        shown.contains("host:dbss.example.com"),
        "the rest stays: {shown}"
    );
    let info = error.service_error().unwrap();
    assert!(!info.to_string().contains("sts-VERY-SECRET"));
    assert_eq!(error.kind(), ErrorKind::Service);
}

#[test]
fn a_refused_signature_ends_with_what_the_transport_measured() {
    // The transport attaches its canonical request and the skew it measured.
    let ours = huaweicloud_sdk_core::signature::header_value(
        "GET|/v1/things/||host:dbss.example.com|x-sdk-date:20260101T000000Z||host;x-sdk-date|e3b0",
    );
    let parts = http::Response::builder()
        .status(401)
        .header("X-Request-Id", "0a1b2c")
        .header(
            huaweicloud_sdk_core::signature::CANONICAL_REQUEST_HEADER,
            ours,
        )
        .body(())
        .unwrap()
        .into_parts()
        .0;
    let body = br#"{"error_code": "APIG.0301", "error_msg": "verify signature fail, canonicalRequest:GET|/v1/things||host:dbss.example.com|x-sdk-date:20260101T000000Z||host;x-sdk-date|e3b0"}"#;
    let error: E = Error::Operation(ListInstancesError::Unauthorized(Box::new(
        decode_service_error(parts, body).unwrap(),
    )));
    assert!(
        error.to_string().ends_with(
            "(request id 0a1b2c) (the signature does not match: the gateway's canonical request \
             differs first in the path: gateway \"/v1/things\", this client \"/v1/things/\")"
        ),
        "{error}"
    );

    let parts = http::Response::builder()
        .status(401)
        .header(huaweicloud_sdk_core::skew::CLOCK_SKEW_HEADER, "7297")
        .body(())
        .unwrap()
        .into_parts()
        .0;
    let body = br#"{"error_code": "APIG.0303", "error_msg": "signature expired"}"#;
    let error: E = Error::Operation(ListInstancesError::Unauthorized(Box::new(
        decode_service_error(parts, body).unwrap(),
    )));
    assert_eq!(
        error.to_string(),
        "ListInstances failed: 401 Unauthorized: APIG.0303: signature expired (no request id) \
         (the local clock is 2 h 1 min 37 s behind the gateway's: set it right (NTP))"
    );
    // Other statuses are not read again.
    assert_eq!(
        Error::<ListInstancesError>::Operation(ListInstancesError::Unauthorized(Box::new(
            unauthorized()
        )))
        .to_string(),
        "ListInstances failed: 401 Unauthorized: DBSS.10020100: Failed to authenticate the token \
         (request id 0a1b2c)"
    );
}
