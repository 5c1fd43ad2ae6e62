//! Issue 11.5: the errors of a call read the same at every level (the
//! response, the operation's error type, `Error`), `Error` has the
//! accessors the operation's error type has, and its `Debug` (what `?` in
//! `main` prints) is one readable record without headers, bodies or secrets.

use huaweicloud_sdk_core::credentials::CredentialsError;
use huaweicloud_sdk_core::endpoint::EndpointError;
use huaweicloud_sdk_core::http::StatusCode;
use huaweicloud_sdk_core::response::{decode_body, decode_service_error};
use huaweicloud_sdk_core::{
    DecodeError, Error, ErrorKind, ErrorMetadata, InvalidRequest, SendError, ServiceError,
    ServiceErrorInfo, TransportError, TransportErrorKind, UnhandledResponse,
};

/// A per-operation error enum as generated code declares it, with the impls
/// generated code gets from the runtime's macro.
#[derive(Debug)]
#[non_exhaustive]
enum ListInstancesError {
    BadRequest(Box<ServiceError<serde_json::Value>>),
    Unauthorized(Box<ServiceError<serde_json::Value>>),
    InvalidBody(Box<DecodeError>),
    Unhandled(Box<UnhandledResponse>),
}

impl ListInstancesError {
    fn response(&self) -> &dyn ErrorMetadata {
        match self {
            Self::BadRequest(e) | Self::Unauthorized(e) => e.as_ref(),
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

/// A request refused for its missing project id.
fn missing_project_id() -> E {
    InvalidRequest::single(
        "ListInstances",
        "project_id",
        "is mandatory but was not set",
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

/// What [`ErrorMetadata`] answers, as one comparable value.
#[derive(Debug, PartialEq)]
struct Answers<'a> {
    status: Option<StatusCode>,
    request_id: Option<&'a str>,
    error_code: Option<&'a str>,
    error_msg: Option<&'a str>,
    service_error: Option<ServiceErrorInfo>,
    decode_error: bool,
}

fn metadata(error: &dyn ErrorMetadata) -> Answers<'_> {
    Answers {
        status: error.status(),
        request_id: error.request_id(),
        error_code: error.error_code(),
        error_msg: error.error_msg(),
        service_error: error.service_error(),
        decode_error: error.decode_error().is_some(),
    }
}

#[test]
fn every_level_answers_the_same_metadata() {
    let error: E = Error::Operation(ListInstancesError::Unauthorized(Box::new(unauthorized())));
    let Some(operation @ ListInstancesError::Unauthorized(response)) = error.operation_error()
    else {
        panic!("the 401 variant");
    };
    let expected = metadata(response.as_ref());
    assert_eq!(expected.status, Some(StatusCode::UNAUTHORIZED));
    assert_eq!(expected.request_id, Some("0a1b2c"));
    assert_eq!(expected.error_code, Some("DBSS.10020100"));
    assert_eq!(expected.error_msg, Some("Failed to authenticate the token"));
    assert_eq!(
        expected
            .service_error
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some(
            "401 Unauthorized: DBSS.10020100: Failed to authenticate the token (request id 0a1b2c)"
        )
    );
    assert!(!expected.decode_error);
    assert_eq!(metadata(operation), expected);
    assert_eq!(metadata(&error), expected);
    // The headers stay reachable, though Debug does not show them.
    assert_eq!(response.headers["x-trace-detail"], "header-noise");

    // A success body that does not decode, and an undocumented response.
    let decode = decode_body::<Clusters>(&parts(200), br#"{"clusters":["x"]}"#).unwrap_err();
    let invalid_body: E = Error::Operation(ListInstancesError::InvalidBody(Box::new(decode)));
    let answered = metadata(&invalid_body);
    assert_eq!(answered.status, Some(StatusCode::OK));
    assert_eq!(answered.request_id, Some("0a1b2c"));
    assert_eq!((answered.error_code, answered.service_error), (None, None));
    assert!(answered.decode_error, "the decoding problem");
    assert_eq!(
        invalid_body.decode_error().map(|e| e.path.as_str()),
        Some("clusters[0]")
    );

    let unhandled: E = Error::Operation(ListInstancesError::Unhandled(Box::new(
        UnhandledResponse::new(
            parts(502),
            br#"{"error_code": "APIGW.0203", "error_msg": "x"}"#,
        ),
    )));
    let answered = metadata(&unhandled);
    assert_eq!(answered.status, Some(StatusCode::BAD_GATEWAY));
    // Not a documented body, but a JSON error body: its code and message.
    assert_eq!(
        (answered.error_code, answered.error_msg),
        (Some("APIGW.0203"), Some("x"))
    );
    let info = answered
        .service_error
        .expect("read from the body as received");
    assert_eq!(info.error_code.as_deref(), Some("APIGW.0203"));

    // Before an answer, nothing.
    let refused = refused();
    assert_eq!(
        metadata(&refused),
        Answers {
            status: None,
            request_id: None,
            error_code: None,
            error_msg: None,
            service_error: None,
            decode_error: false,
        }
    );
    assert!(refused.operation_error().is_none());
}

#[test]
fn the_service_error_reads_the_body_as_received() {
    // The typed body has fields for the code and message only; what else the
    // service sent is read from the bytes it sent, not from the typed body.
    #[derive(Debug, serde::Deserialize)]
    struct Documented {
        error_code: Option<String>,
        error_msg: Option<String>,
    }
    impl huaweicloud_sdk_core::ErrorBody for Documented {
        fn error_code(&self) -> Option<&str> {
            self.error_code.as_deref()
        }
        fn error_msg(&self) -> Option<&str> {
            self.error_msg.as_deref()
        }
    }
    let body = br#"{"error_code": "DBSS.10020100", "error_msg": "denied",
        "encoded_authorization_message": "ENC-1",
        "details": [{"error_code": "D.1", "error_msg": "first"}, "second"]}"#;
    let response: ServiceError<Documented> = decode_service_error(parts(403), body).unwrap();
    assert_eq!(response.raw_body, body);
    let info = response.service_error().unwrap();
    assert_eq!(info.error_code.as_deref(), Some("DBSS.10020100"));
    assert_eq!(info.encoded_authorization_message.as_deref(), Some("ENC-1"));
    assert_eq!(
        info.details,
        [
            (Some("D.1".to_owned()), Some("first".to_owned())),
            (None, Some("second".to_owned()))
        ]
    );
    assert_eq!(
        info,
        ServiceErrorInfo::from_body(StatusCode::FORBIDDEN, &parts(403).headers, body)
    );

    // Kept up to a bound; past it, the typed body's code and message.
    let limit = huaweicloud_sdk_core::response::MAX_RAW_ERROR_BODY_BYTES;
    let long = format!(
        r#"{{"error_code": "DBSS.1", "error_msg": "long\u001b[2J", "pad": "{}"}}"#,
        "x".repeat(limit)
    );
    let response: ServiceError<Documented> =
        decode_service_error(parts(400), long.as_bytes()).unwrap();
    assert_eq!(response.raw_body.len(), limit);
    assert_eq!(response.raw_body, long.as_bytes()[..limit]);
    let info = response.service_error().unwrap();
    assert_eq!(
        (info.error_code.as_deref(), info.error_msg.as_deref()),
        (Some("DBSS.1"), Some("long\u{1b}[2J"))
    );
    // Escaped when displayed.
    assert_eq!(
        info.to_string(),
        "400 Bad Request: DBSS.1: long\\u{1b}[2J (request id 0a1b2c)"
    );
}

#[test]
fn every_variant_has_a_one_record_debug() {
    let invalid = missing_project_id();
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
         Gateway: <html><body>Bad gateway</body></html> (request id 0a1b2c)\", status: 502, \
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
    assert!(!format!("{info:?}").contains("sts-VERY-SECRET"));
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

// ---------------------------------------------------------------------------
// Every error's line (moved from transport.rs).

#[test]
fn error_display_lines_are_exact() {
    let invalid = missing_project_id();
    assert_eq!(
        invalid.to_string(),
        "invalid ListInstances request: project_id: is mandatory but was not set (nothing was sent)"
    );
    assert_eq!(invalid.kind(), ErrorKind::InvalidInput);

    let credentials: E = SendError::Credentials(CredentialsError::new("no AK/SK found")).into();
    assert_eq!(
        credentials.to_string(),
        "cannot use the credentials: no AK/SK found"
    );
    assert_eq!(credentials.kind(), ErrorKind::Credentials);

    let endpoint: E = Error::Endpoint(EndpointError("unknown region xx-1".to_owned()));
    assert_eq!(
        endpoint.to_string(),
        "cannot choose an endpoint: unknown region xx-1"
    );
    assert_eq!(endpoint.kind(), ErrorKind::Endpoint);

    let transport: E = SendError::Transport(TransportError::new(
        TransportErrorKind::ConnectionRefused,
        "https://dbss.ap-southeast-1.myhuaweicloud.com",
        "connection refused",
        3,
    ))
    .into();
    assert_eq!(
        transport.to_string(),
        "could not reach https://dbss.ap-southeast-1.myhuaweicloud.com: connection refused \
         (after 3 attempts)"
    );
    assert_eq!(transport.kind(), ErrorKind::Transport);
    assert!(transport.is_retryable());
    assert_eq!(transport.status(), None);
    assert_eq!(transport.request_id(), None);

    let body = br#"{"error_code": "DBSS.10000001", "error_msg": "Enter a valid request message"}"#;
    let service: E = Error::Operation(ListInstancesError::BadRequest(Box::new(
        decode_service_error(parts(400), body).unwrap(),
    )));
    assert_eq!(
        service.to_string(),
        "ListInstances failed: 400 Bad Request: DBSS.10000001: Enter a valid request message \
         (request id 0a1b2c)"
    );
    assert_eq!(service.kind(), ErrorKind::Service);
    assert_eq!(service.status(), Some(StatusCode::BAD_REQUEST));
    assert_eq!(service.request_id(), Some("0a1b2c"));
    assert!(!service.is_retryable());
    let info = service.service_error().unwrap();
    assert_eq!(info.error_code.as_deref(), Some("DBSS.10000001"));
    assert_eq!(info.request_id.as_deref(), Some("0a1b2c"));

    let html = b"<html><body>Bad gateway</body></html>";
    let proxy: E = Error::Operation(ListInstancesError::Unhandled(Box::new(
        UnhandledResponse::new(parts(502), html),
    )));
    assert_eq!(
        proxy.to_string(),
        "ListInstances failed: unexpected response 502 Bad Gateway: \
         <html><body>Bad gateway</body></html> (request id 0a1b2c)"
    );
    assert_eq!(proxy.kind(), ErrorKind::Service);
    assert!(proxy.is_retryable());
    assert_eq!(
        proxy.service_error().unwrap().error_code.as_deref(),
        Some("502")
    );

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Nested {
        clusters: Vec<Cluster>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Cluster {
        created: i64,
    }
    let decode =
        decode_body::<Nested>(&parts(200), br#"{"clusters":[{"created":"x"}]}"#).unwrap_err();
    let invalid_body: E = Error::Operation(ListInstancesError::InvalidBody(Box::new(decode)));
    assert_eq!(
        invalid_body.to_string(),
        "ListInstances failed: the 200 OK response body does not match the API reference at \
         clusters[0].created: invalid type: string \"x\", expected i64 (request id 0a1b2c)"
    );
    assert_eq!(invalid_body.kind(), ErrorKind::InvalidResponse);
    assert_eq!(invalid_body.service_error(), None);
    assert!(!invalid_body.is_retryable());
    match &invalid_body {
        Error::Operation(e) => assert_eq!(e.decode_error().unwrap().path, "clusters[0].created"),
        _ => unreachable!(),
    }

    let tls: E = Error::Transport(TransportError::new(
        TransportErrorKind::Tls,
        "https://h",
        "TLS handshake failed: invalid peer certificate: UnknownIssuer",
        1,
    ));
    assert_eq!(
        tls.to_string(),
        "could not reach https://h: TLS handshake failed: invalid peer certificate: \
         UnknownIssuer (after 1 attempt)"
    );
    assert!(!tls.is_retryable());
    // The chain adds nothing the line does not say.
    assert!(std::error::Error::source(&tls).is_none());
}
