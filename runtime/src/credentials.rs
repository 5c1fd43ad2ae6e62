//! Credentials: AK/SK (with an optional security token) or an IAM token, and the project id.
//!
//! Credentials come from code ([`Credentials::aksk`], [`Credentials::token`]) or are looked up
//! as the official Huawei Cloud SDKs look them up ([`Credentials::from_default_chain`]):
//!
//! 1. the environment: `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK`, `HUAWEICLOUD_SDK_PROJECT_ID`
//!    and `HUAWEICLOUD_SDK_SECURITY_TOKEN` ([`Credentials::from_env`]);
//! 2. the credentials file, `~/.huaweicloud/credentials` or the file named by
//!    `HUAWEICLOUD_SDK_CREDENTIALS_FILE` ([`Credentials::from_file`]), an INI file:
//!
//!    ```ini
//!    [basic]
//!    ak = YOUR_ACCESS_KEY
//!    sk = YOUR_SECRET_KEY
//!    project_id = YOUR_PROJECT_ID
//!    # security_token = ...   (temporary credentials only)
//!    ```
//!
//! A client built without credentials then tries instance metadata
//! ([`crate::metadata`], temporary credentials of an ECS agency), and looks up a missing
//! project id through IAM ([`crate::iam`]). IAM tokens only come from code. Federated
//! identities (`idp_id`, `id_token_file`), which the official SDKs also try, are not
//! supported.
//!
//! Secrets (the SK, security tokens, IAM tokens) are held in [`Secret`], which never shows its
//! value in `Debug` or `Display`; neither do [`Auth`], [`Credentials`] or [`CredentialsError`].
//! Headers carrying secrets are marked sensitive, so `http`'s `Debug` hides them too.
//!
//! Every lookup has a `_with` variant taking the environment as a function, so tests need not
//! change the process environment.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use http::{HeaderName, HeaderValue};

use crate::signer::{self, SignError};

/// Environment variable with the access key id.
pub const ENV_AK: &str = "HUAWEICLOUD_SDK_AK";
/// Environment variable with the secret access key.
pub const ENV_SK: &str = "HUAWEICLOUD_SDK_SK";
/// Environment variable with the project id.
pub const ENV_PROJECT_ID: &str = "HUAWEICLOUD_SDK_PROJECT_ID";
/// Environment variable with the security token of temporary credentials.
pub const ENV_SECURITY_TOKEN: &str = "HUAWEICLOUD_SDK_SECURITY_TOKEN";
/// Environment variable naming the credentials file.
pub const ENV_CREDENTIALS_FILE: &str = "HUAWEICLOUD_SDK_CREDENTIALS_FILE";

/// The section of the credentials file read for regional (project) credentials.
pub const FILE_SECTION: &str = "basic";

/// Header with the project id.
pub const HEADER_PROJECT_ID: &str = "x-project-id";
/// Header with the security token of temporary AK/SK credentials.
pub const HEADER_SECURITY_TOKEN: &str = "x-security-token";
/// Header with an IAM token.
pub const HEADER_AUTH_TOKEN: &str = "x-auth-token";

/// A secret (SK, security token, IAM token): never shown by Debug or Display.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for signing. Never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(****)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("****")
    }
}

/// How requests are authenticated.
#[derive(Clone)]
pub enum Auth {
    /// Access key and secret key: requests are signed (SDK-HMAC-SHA256).
    AkSk {
        /// Access key id (not secret).
        ak: String,
        /// Secret access key.
        sk: Secret,
        /// Security token of temporary credentials, sent as `X-Security-Token`.
        security_token: Option<Secret>,
    },
    /// IAM token, sent as `X-Auth-Token`.
    Token(Secret),
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::AkSk {
                ak,
                sk,
                security_token,
            } => f
                .debug_struct("AkSk")
                .field("ak", ak)
                .field("sk", sk)
                .field("security_token", security_token)
                .finish(),
            Auth::Token(token) => f.debug_tuple("Token").field(token).finish(),
        }
    }
}

/// Credentials and the project they act in.
#[derive(Clone)]
pub struct Credentials {
    auth: Auth,
    project_id: Option<String>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("auth", &self.auth)
            .field("project_id", &self.project_id)
            .finish()
    }
}

/// Credentials could not be found or used.
///
/// The message says what is wrong and what to do; it never contains a secret.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct CredentialsError {
    message: String,
}

impl CredentialsError {
    /// An error with a message saying what is wrong and what to do.
    pub fn new(message: impl Into<String>) -> Self {
        CredentialsError {
            message: message.into(),
        }
    }
}

impl From<SignError> for CredentialsError {
    fn from(error: SignError) -> Self {
        CredentialsError::new(error.to_string())
    }
}

/// The process environment, as the `_with` functions take it. Variables that are not
/// Unicode count as unset.
fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// The file named by the variable `env`, else `~/.huaweicloud/{file_name}` (home from `HOME`;
/// `USERPROFILE` on Windows); `None` when neither is set.
pub(crate) fn config_file_path(
    lookup: &impl Fn(&str) -> Option<String>,
    env: &str,
    file_name: &str,
) -> Option<PathBuf> {
    if let Some(file) = lookup(env).filter(|f| !f.trim().is_empty()) {
        return Some(PathBuf::from(file));
    }
    let home = if cfg!(windows) {
        lookup("USERPROFILE").filter(|h| !h.trim().is_empty())
    } else {
        lookup("HOME").filter(|h| !h.trim().is_empty())
    }?;
    Some(Path::new(&home).join(".huaweicloud").join(file_name))
}

/// A variable's value, trimmed; empty counts as unset.
fn non_empty(lookup: &impl Fn(&str) -> Option<String>, name: &str) -> Option<String> {
    lookup(name)
        .map(|value| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

const FILE_EXAMPLE: &str =
    "[basic]\nak = YOUR_ACCESS_KEY\nsk = YOUR_SECRET_KEY\nproject_id = YOUR_PROJECT_ID";

impl Credentials {
    /// AK/SK credentials.
    pub fn aksk(ak: impl Into<String>, sk: impl Into<String>) -> Self {
        Credentials {
            auth: Auth::AkSk {
                ak: ak.into(),
                sk: Secret::new(sk),
                security_token: None,
            },
            project_id: None,
        }
    }

    /// IAM token credentials.
    pub fn token(token: impl Into<String>) -> Self {
        Credentials {
            auth: Auth::Token(Secret::new(token)),
            project_id: None,
        }
    }

    /// Adds the security token of temporary AK/SK credentials (no effect on a token).
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        if let Auth::AkSk { security_token, .. } = &mut self.auth {
            *security_token = Some(Secret::new(token));
        }
        self
    }

    /// Sets the project id that fills `{project_id}`.
    pub fn with_project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// The project id, if known.
    pub fn project_id(&self) -> Option<&str> {
        self.project_id.as_deref()
    }

    /// How requests are authenticated.
    pub fn auth(&self) -> &Auth {
        &self.auth
    }

    /// From `HUAWEICLOUD_SDK_AK`, `_SK`, `_PROJECT_ID`, `_SECURITY_TOKEN`; `None` when AK and SK
    /// are both absent.
    ///
    /// Values are trimmed; empty values count as absent.
    ///
    /// # Errors
    ///
    /// When only one of AK and SK is set (the error names the missing variable).
    pub fn from_env() -> Result<Option<Self>, CredentialsError> {
        Self::from_env_with(process_env)
    }

    /// [`Credentials::from_env`] with the environment given as a function from a variable
    /// name to its value.
    ///
    /// ```
    /// use huaweicloud_sdk_core::credentials::Credentials;
    ///
    /// let env = |name: &str| match name {
    ///     "HUAWEICLOUD_SDK_AK" => Some("AK".to_owned()),
    ///     "HUAWEICLOUD_SDK_SK" => Some("SK".to_owned()),
    ///     "HUAWEICLOUD_SDK_PROJECT_ID" => Some("p".to_owned()),
    ///     _ => None,
    /// };
    /// let credentials = Credentials::from_env_with(env).unwrap().unwrap();
    /// assert_eq!(credentials.project_id(), Some("p"));
    /// ```
    ///
    /// # Errors
    ///
    /// When only one of AK and SK is set (the error names the missing variable).
    pub fn from_env_with(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Option<Self>, CredentialsError> {
        let ak = non_empty(&lookup, ENV_AK);
        let sk = non_empty(&lookup, ENV_SK);
        let (ak, sk) = match (ak, sk) {
            (None, None) => return Ok(None),
            (Some(ak), Some(sk)) => (ak, sk),
            (Some(_), None) => {
                return Err(CredentialsError::new(format!(
                    "{ENV_AK} is set but {ENV_SK} is not: set {ENV_SK} to the secret key of \
                     that access key, or unset {ENV_AK} to use the credentials file"
                )));
            }
            (None, Some(_)) => {
                return Err(CredentialsError::new(format!(
                    "{ENV_SK} is set but {ENV_AK} is not: set {ENV_AK} to the access key id \
                     of that secret key, or unset {ENV_SK} to use the credentials file"
                )));
            }
        };
        let mut credentials = Credentials::aksk(ak, sk);
        if let Some(token) = non_empty(&lookup, ENV_SECURITY_TOKEN) {
            credentials = credentials.with_security_token(token);
        }
        if let Some(project_id) = non_empty(&lookup, ENV_PROJECT_ID) {
            credentials = credentials.with_project_id(project_id);
        }
        Ok(Some(credentials))
    }

    /// The credentials file (`HUAWEICLOUD_SDK_CREDENTIALS_FILE`, else `~/.huaweicloud/credentials`).
    ///
    /// `None` when neither that variable nor the home directory (`HOME`; `USERPROFILE` on
    /// Windows) is set.
    pub fn default_file_path() -> Option<PathBuf> {
        Self::default_file_path_with(process_env)
    }

    /// [`Credentials::default_file_path`] with the environment given as a function.
    pub fn default_file_path_with(lookup: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
        config_file_path(&lookup, ENV_CREDENTIALS_FILE, "credentials")
    }

    /// Reads a credentials file in the official SDKs' format.
    ///
    /// An INI file whose `[basic]` section holds `ak`, `sk` and optionally `project_id` and
    /// `security_token` (key names ignore case; values are trimmed; `[DEFAULT]` supplies keys
    /// missing from `[basic]`, as with Python's `configparser`).
    ///
    /// # Errors
    ///
    /// When the file cannot be read or parsed, has no `[basic]` section, or lacks `ak` or
    /// `sk`; the error names the file and what is missing, never a value.
    pub fn from_file(path: &Path) -> Result<Self, CredentialsError> {
        let shown = path.display();
        let bytes = std::fs::read(path).map_err(|e| {
            let hint = if e.kind() == std::io::ErrorKind::NotFound {
                format!("; create it with\n{FILE_EXAMPLE}\nor set {ENV_AK} and {ENV_SK} instead")
            } else {
                String::new()
            };
            CredentialsError::new(format!(
                "cannot read the credentials file {shown}: {e}{hint}"
            ))
        })?;
        let text = String::from_utf8(bytes).map_err(|_| {
            CredentialsError::new(format!(
                "the credentials file {shown} is not valid UTF-8; save it as UTF-8 text"
            ))
        })?;
        Self::from_file_text(&text, path)
    }

    /// Parses the text of a credentials file; `path` is only used in error messages.
    fn from_file_text(text: &str, path: &Path) -> Result<Self, CredentialsError> {
        let shown = path.display();
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let option = ini::ParseOption {
            enabled_quote: false,
            enabled_escape: false,
            enabled_indented_mutiline_value: false,
            enabled_preserve_key_leading_whitespace: false,
        };
        let ini = ini::Ini::load_from_str_opt(text, option).map_err(|e| {
            CredentialsError::new(format!(
                "the credentials file {shown} is not a valid INI file (line {}, column {}: {}); \
                 it should look like\n{FILE_EXAMPLE}",
                e.line, e.col, e.msg
            ))
        })?;
        let sections: Vec<&ini::Properties> = ini.section_all(Some(FILE_SECTION)).collect();
        let section = match sections.as_slice() {
            [section] => *section,
            [] => {
                return Err(CredentialsError::new(format!(
                    "the credentials file {shown} has no [{FILE_SECTION}] section; \
                     it should look like\n{FILE_EXAMPLE}"
                )));
            }
            _ => {
                return Err(CredentialsError::new(format!(
                    "the credentials file {shown} has more than one [{FILE_SECTION}] section; \
                     keep one"
                )));
            }
        };
        let defaults: Vec<&ini::Properties> = ini.section_all(Some("DEFAULT")).collect();
        let get = |key: &str| -> Result<Option<String>, CredentialsError> {
            let find = |props: &ini::Properties, where_: &str| {
                let values: Vec<&str> = props
                    .iter()
                    .filter(|(k, _)| k.trim().eq_ignore_ascii_case(key))
                    .map(|(_, v)| v)
                    .collect();
                match values.as_slice() {
                    [] => Ok(None),
                    [value] => Ok(Some(value.trim().to_owned())),
                    _ => Err(CredentialsError::new(format!(
                        "the credentials file {shown} sets `{key}` more than once in \
                         [{where_}]; keep one"
                    ))),
                }
            };
            let mut value = find(section, FILE_SECTION)?;
            if value.is_none() {
                for props in &defaults {
                    value = find(props, "DEFAULT")?;
                    if value.is_some() {
                        break;
                    }
                }
            }
            Ok(value.filter(|v| !v.is_empty()))
        };
        let ak = get("ak")?;
        let sk = get("sk")?;
        let (ak, sk) = match (ak, sk) {
            (Some(ak), Some(sk)) => (ak, sk),
            (ak, sk) => {
                let missing = match (ak.is_none(), sk.is_none()) {
                    (true, true) => "`ak` and `sk`",
                    (true, false) => "`ak`",
                    _ => "`sk`",
                };
                return Err(CredentialsError::new(format!(
                    "the credentials file {shown} has no {missing} in [{FILE_SECTION}] \
                     (federated identities with idp_id and id_token_file are not supported); \
                     it should look like\n{FILE_EXAMPLE}"
                )));
            }
        };
        let mut credentials = Credentials::aksk(ak, sk);
        if let Some(token) = get("security_token")? {
            credentials = credentials.with_security_token(token);
        }
        if let Some(project_id) = get("project_id")? {
            credentials = credentials.with_project_id(project_id);
        }
        Ok(credentials)
    }

    /// The environment, then the credentials file, as the official SDKs look.
    ///
    /// # Errors
    ///
    /// When the environment holds only half of an AK/SK pair, when the credentials file
    /// exists but cannot be used, or when neither is there; the error says what was tried and
    /// how to provide credentials.
    pub fn from_default_chain() -> Result<Self, CredentialsError> {
        Self::from_default_chain_with(process_env)
    }

    /// [`Credentials::from_default_chain`] with the environment given as a function.
    ///
    /// # Errors
    ///
    /// As [`Credentials::from_default_chain`].
    pub fn from_default_chain_with(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, CredentialsError> {
        Self::from_env_or_file_with(lookup)?.map_err(CredentialsError::new)
    }

    /// The environment, then the credentials file: `Ok(Err(what was tried))` when neither
    /// holds credentials (so the next source may be tried).
    pub(crate) fn from_env_or_file_with(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Result<Self, String>, CredentialsError> {
        if let Some(credentials) = Self::from_env_with(&lookup)? {
            return Ok(Ok(credentials));
        }
        let named = lookup(ENV_CREDENTIALS_FILE).filter(|f| !f.trim().is_empty());
        let Some(path) = Self::default_file_path_with(&lookup) else {
            return Ok(Err(format!(
                "no credentials found: {ENV_AK} and {ENV_SK} are not set, and there is no \
                 credentials file to read ({ENV_CREDENTIALS_FILE} is not set and neither is \
                 the home directory); set {ENV_AK}, {ENV_SK} and {ENV_PROJECT_ID}, or write \
                 a credentials file and set {ENV_CREDENTIALS_FILE} to it"
            )));
        };
        if named.is_some() || path.exists() {
            return Self::from_file(&path).map(Ok);
        }
        Ok(Err(format!(
            "no credentials found: {ENV_AK} and {ENV_SK} are not set, and the credentials file \
             {} does not exist; set {ENV_AK}, {ENV_SK} and {ENV_PROJECT_ID} (and \
             {ENV_SECURITY_TOKEN} for temporary credentials), or create that file with\n\
             {FILE_EXAMPLE}",
            path.display()
        )))
    }

    /// Adds authentication to a request: signs it (AK/SK; adds `X-Sdk-Date`, `Host`,
    /// `X-Security-Token`, `X-Project-Id`, `Authorization`) or sets `X-Auth-Token` (and
    /// `X-Project-Id`).
    ///
    /// With AK/SK, `X-Project-Id` and `X-Security-Token` are added before signing, so they
    /// are signed; see [`signer::sign`] for what signing changes. Headers carrying secrets are
    /// marked sensitive. On error the request is left unchanged.
    ///
    /// # Errors
    ///
    /// When the AK or SK is empty, a value cannot be sent in an HTTP header (a line break in
    /// a token, say), or signing fails; the error never shows a secret.
    pub fn authorize(
        &self,
        request: &mut http::Request<Vec<u8>>,
        now: SystemTime,
    ) -> Result<(), CredentialsError> {
        let mut added: Vec<(HeaderName, HeaderValue)> = Vec::new();
        if let Some(project_id) = self.project_id.as_deref().filter(|p| !p.is_empty()) {
            let value = HeaderValue::from_str(project_id).map_err(|_| {
                CredentialsError::new(
                    "the project id contains characters that cannot be sent in an HTTP header \
                     (such as a line break); check the project id",
                )
            })?;
            added.push((HeaderName::from_static(HEADER_PROJECT_ID), value));
        }
        match &self.auth {
            Auth::AkSk {
                ak,
                sk,
                security_token,
            } => {
                if ak.is_empty() {
                    return Err(CredentialsError::new(format!(
                        "the access key (AK) is empty; set it (or {ENV_AK})"
                    )));
                }
                if sk.expose().is_empty() {
                    return Err(CredentialsError::new(format!(
                        "the secret key (SK) is empty; set it (or {ENV_SK})"
                    )));
                }
                if let Some(token) = security_token.as_ref().filter(|t| !t.expose().is_empty()) {
                    added.push((
                        HeaderName::from_static(HEADER_SECURITY_TOKEN),
                        secret_header(token, "security token")?,
                    ));
                }
                let previous = insert_all(request, added);
                if let Err(error) = signer::sign(request, ak, sk.expose(), now) {
                    restore(request, previous);
                    return Err(error.into());
                }
            }
            Auth::Token(token) => {
                if token.expose().is_empty() {
                    return Err(CredentialsError::new("the IAM token is empty"));
                }
                added.push((
                    HeaderName::from_static(HEADER_AUTH_TOKEN),
                    secret_header(token, "IAM token")?,
                ));
                insert_all(request, added);
            }
        }
        Ok(())
    }
}

/// A sensitive header value holding `secret`, or an error naming `what` (never the value).
fn secret_header(secret: &Secret, what: &str) -> Result<HeaderValue, CredentialsError> {
    let mut value = HeaderValue::from_str(secret.expose()).map_err(|_| {
        CredentialsError::new(format!(
            "the {what} contains characters that cannot be sent in an HTTP header (such as a \
             line break); check that it was copied whole and nothing else"
        ))
    })?;
    value.set_sensitive(true);
    Ok(value)
}

type Previous = Vec<(HeaderName, Vec<HeaderValue>)>;

/// Sets the headers, returning what they replaced.
fn insert_all(
    request: &mut http::Request<Vec<u8>>,
    added: Vec<(HeaderName, HeaderValue)>,
) -> Previous {
    let headers = request.headers_mut();
    let mut previous = Vec::new();
    for (name, value) in added {
        let old: Vec<HeaderValue> = headers.get_all(&name).iter().cloned().collect();
        headers.insert(name.clone(), value);
        previous.push((name, old));
    }
    previous
}

/// Puts back what [`insert_all`] replaced.
fn restore(request: &mut http::Request<Vec<u8>>, previous: Previous) {
    let headers = request.headers_mut();
    for (name, old) in previous {
        headers.remove(&name);
        for value in old {
            headers.append(name.clone(), value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const SK: &str = "sk-SECRET-0123456789";
    const TOKEN: &str = "security-TOKEN-abcdef";
    const IAM: &str = "iam-TOKEN-MIIabcdef";

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| map.get(name).cloned()
    }

    fn request() -> http::Request<Vec<u8>> {
        http::Request::post("https://dbss.cn-north-4.myhuaweicloud.com/v2/p/db-om/instances")
            .header("Content-Type", "application/json")
            .body(Vec::new())
            .expect("request")
    }

    fn assert_no_secret(text: &str) {
        for secret in [SK, TOKEN, IAM, "sk-SECRET", "security-TOKEN", "iam-TOKEN"] {
            assert!(!text.contains(secret), "{secret:?} shown in {text:?}");
        }
    }

    #[test]
    fn env_with_aksk_project_and_token() {
        let c = Credentials::from_env_with(env(&[
            (ENV_AK, "AK"),
            (ENV_SK, SK),
            (ENV_PROJECT_ID, " p1 "),
            (ENV_SECURITY_TOKEN, TOKEN),
        ]))
        .expect("ok")
        .expect("some");
        assert_eq!(c.project_id(), Some("p1"));
        match c.auth() {
            Auth::AkSk {
                ak,
                sk,
                security_token,
            } => {
                assert_eq!(ak, "AK");
                assert_eq!(sk.expose(), SK);
                assert_eq!(security_token.as_ref().map(Secret::expose), Some(TOKEN));
            }
            Auth::Token(_) => panic!("expected AK/SK"),
        }
    }

    #[test]
    fn env_absent_or_half() {
        assert!(Credentials::from_env_with(env(&[])).expect("ok").is_none());
        assert!(
            Credentials::from_env_with(env(&[(ENV_AK, ""), (ENV_SK, "  "), (ENV_PROJECT_ID, "p")]))
                .expect("ok")
                .is_none()
        );
        let e = Credentials::from_env_with(env(&[(ENV_AK, "AK")])).expect_err("half");
        assert!(
            e.to_string().contains("but HUAWEICLOUD_SDK_SK is not"),
            "{e}"
        );
        let e = Credentials::from_env_with(env(&[(ENV_SK, SK), (ENV_AK, "")])).expect_err("half");
        assert!(
            e.to_string().contains("but HUAWEICLOUD_SDK_AK is not"),
            "{e}"
        );
        assert_no_secret(&e.to_string());
    }

    fn file(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("credentials");
        std::fs::write(&path, text).expect("write");
        (dir, path)
    }

    #[test]
    fn file_in_the_official_format() {
        let (_dir, path) = file(&format!(
            "\u{feff}# comment\n; other comment\n[global]\nak = G\nsk = G\n\n[basic]\nAK = AKFILE\n\
             sk: {SK}\nproject_id =  p2  \nsecurity_token = {TOKEN}\niam_endpoint = x\n"
        ));
        let c = Credentials::from_file(&path).expect("parsed");
        assert_eq!(c.project_id(), Some("p2"));
        let Auth::AkSk {
            ak,
            sk,
            security_token,
        } = c.auth()
        else {
            panic!("expected AK/SK")
        };
        assert_eq!((ak.as_str(), sk.expose()), ("AKFILE", SK));
        assert_eq!(security_token.as_ref().map(Secret::expose), Some(TOKEN));
    }

    #[test]
    fn file_values_keep_special_characters_and_default_section() {
        let (_dir, path) =
            file("[DEFAULT]\nproject_id = fromdefault\n[basic]\nak = A\nsk = a\\b#c;d\"e'\n");
        let c = Credentials::from_file(&path).expect("parsed");
        let Auth::AkSk { sk, .. } = c.auth() else {
            panic!("expected AK/SK")
        };
        assert_eq!(sk.expose(), "a\\b#c;d\"e'");
        assert_eq!(c.project_id(), Some("fromdefault"));
    }

    #[test]
    fn file_errors_name_the_file_and_key() {
        let cases = [
            ("[basic]\nak = A\n", "no `sk`"),
            (&*format!("[basic]\nsk = {SK}\n"), "no `ak`"),
            ("[basic]\nproject_id = p\n", "no `ak` and `sk`"),
            (
                &*format!("[global]\nak = A\nsk = {SK}\n"),
                "no [basic] section",
            ),
            (
                &*format!("[basic]\nak = A\nak = B\nsk = {SK}\n"),
                "more than once",
            ),
            (
                &*format!("[basic]\nak = A\nsk = {SK}\n[basic]\n"),
                "more than one [basic]",
            ),
            (
                &*format!("[basic\nak = A\nsk = {SK}\n"),
                "not a valid INI file",
            ),
            (
                &*format!("[basic]\nak = A\nsk = {SK}\n= {SK}\n"),
                "not a valid INI",
            ),
        ];
        for (text, expected) in cases {
            let (_dir, path) = file(text);
            let e = Credentials::from_file(&path).expect_err(text);
            let message = e.to_string();
            assert!(message.contains(expected), "{text:?}: {message}");
            assert!(message.contains(&path.display().to_string()), "{message}");
            assert_no_secret(&message);
            assert_no_secret(&format!("{e:?}"));
        }
        let e =
            Credentials::from_file(Path::new("/nonexistent/dir/credentials")).expect_err("missing");
        assert!(
            e.to_string().contains("/nonexistent/dir/credentials"),
            "{e}"
        );
        assert!(e.to_string().contains("[basic]"), "{e}");
        let (_dir, path) = file("");
        std::fs::write(&path, b"[basic]\nak = \xff\n").expect("write");
        let e = Credentials::from_file(&path).expect_err("not utf-8");
        assert!(e.to_string().contains("UTF-8"), "{e}");
    }

    #[test]
    fn default_file_path() {
        let home = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
        assert_eq!(
            Credentials::default_file_path_with(env(&[(home, "/home/u")])),
            Some(
                Path::new("/home/u")
                    .join(".huaweicloud")
                    .join("credentials")
            )
        );
        assert_eq!(
            Credentials::default_file_path_with(env(&[
                (home, "/home/u"),
                (ENV_CREDENTIALS_FILE, "/etc/c")
            ])),
            Some(PathBuf::from("/etc/c"))
        );
        assert_eq!(Credentials::default_file_path_with(env(&[])), None);
    }

    #[test]
    fn default_chain() {
        let dir = tempfile::tempdir().expect("temp dir");
        let home = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
        let home_dir = dir.path().to_str().expect("utf-8 temp path").to_owned();

        // Environment first.
        let c = Credentials::from_default_chain_with(env(&[
            (home, &home_dir),
            (ENV_AK, "ENV"),
            (ENV_SK, SK),
        ]))
        .expect("env");
        assert!(matches!(c.auth(), Auth::AkSk { ak, .. } if ak == "ENV"));

        // Nothing anywhere: says what was tried and what to do.
        let e = Credentials::from_default_chain_with(env(&[(home, &home_dir)])).expect_err("none");
        let message = e.to_string();
        for needle in [ENV_AK, ENV_SK, ".huaweicloud", "does not exist", "[basic]"] {
            assert!(message.contains(needle), "{needle}: {message}");
        }
        let e = Credentials::from_default_chain_with(env(&[])).expect_err("no home");
        assert!(e.to_string().contains(ENV_CREDENTIALS_FILE), "{e}");

        // Then the file in the home directory.
        std::fs::create_dir_all(dir.path().join(".huaweicloud")).expect("mkdir");
        std::fs::write(
            dir.path().join(".huaweicloud").join("credentials"),
            format!("[basic]\nak = FILE\nsk = {SK}\n"),
        )
        .expect("write");
        let c = Credentials::from_default_chain_with(env(&[(home, &home_dir)])).expect("file");
        assert!(matches!(c.auth(), Auth::AkSk { ak, .. } if ak == "FILE"));

        // A file named explicitly must exist.
        let e = Credentials::from_default_chain_with(env(&[
            (home, &home_dir),
            (ENV_CREDENTIALS_FILE, "/nonexistent/c"),
        ]))
        .expect_err("named file missing");
        assert!(e.to_string().contains("/nonexistent/c"), "{e}");

        // Half an AK/SK pair in the environment is an error, not a fallback.
        let e = Credentials::from_default_chain_with(env(&[(home, &home_dir), (ENV_AK, "A")]))
            .expect_err("half");
        assert!(e.to_string().contains(ENV_SK), "{e}");
    }

    #[test]
    fn authorize_aksk_signs_project_and_security_token() {
        let c = Credentials::aksk("AK", SK)
            .with_project_id("p1")
            .with_security_token(TOKEN);
        let mut r = request();
        c.authorize(&mut r, SystemTime::UNIX_EPOCH)
            .expect("authorized");
        assert_eq!(r.headers()[HEADER_PROJECT_ID], "p1");
        assert_eq!(r.headers()[HEADER_SECURITY_TOKEN], TOKEN);
        let authorization = r.headers()["authorization"].to_str().expect("ascii");
        assert!(
            authorization.contains(
                "SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token,"
            ),
            "{authorization}"
        );
        signer::verify(&r, "AK", SK).expect("verifies");
        assert_no_secret(&format!("{r:?}"));
    }

    #[test]
    fn authorize_token() {
        let c = Credentials::token(IAM).with_project_id("p1");
        let mut r = request();
        c.authorize(&mut r, SystemTime::UNIX_EPOCH)
            .expect("authorized");
        assert_eq!(r.headers()[HEADER_AUTH_TOKEN], IAM);
        assert_eq!(r.headers()[HEADER_PROJECT_ID], "p1");
        assert!(r.headers().get("authorization").is_none());
        assert_no_secret(&format!("{r:?}"));
    }

    #[test]
    fn invalid_values_are_errors_without_the_secret() {
        let cases = [
            Credentials::token("iam-TOKEN\nevil: 1"),
            Credentials::aksk("AK", SK).with_security_token("security-TOKEN\r\nx"),
            Credentials::aksk("AK", SK).with_project_id("p\n1"),
            Credentials::aksk("AK", ""),
            Credentials::aksk("", SK),
            Credentials::aksk("A K", SK),
            Credentials::token(""),
        ];
        for c in cases {
            let mut r = request();
            r.headers_mut()
                .insert(HEADER_PROJECT_ID, HeaderValue::from_static("before"));
            let before = r.headers().clone();
            let e = c
                .authorize(&mut r, SystemTime::UNIX_EPOCH)
                .expect_err("rejected");
            assert_no_secret(&e.to_string());
            assert_no_secret(&format!("{e:?}"));
            assert_eq!(r.headers(), &before, "request changed on error: {e}");
        }
    }

    #[test]
    fn nothing_shows_a_secret() {
        let secret = Secret::new(SK);
        let aksk = Credentials::aksk("AK", SK)
            .with_security_token(TOKEN)
            .with_project_id("p");
        let token = Credentials::token(IAM);
        let texts = [
            format!("{secret:?} {secret} {secret:#?}"),
            format!("{:?} {:#?}", aksk.auth(), aksk.auth()),
            format!("{:?} {:#?}", token.auth(), token.auth()),
            format!("{aksk:?} {aksk:#?} {token:?}"),
        ];
        for text in &texts {
            assert_no_secret(text);
        }
        assert!(
            texts[3].contains("AK") && texts[3].contains("\"p\""),
            "{}",
            texts[3]
        );

        let sign_error = signer::verify(&request(), "AK", SK).expect_err("unsigned");
        assert_no_secret(&format!("{sign_error} {sign_error:?}"));
        let from_sign = CredentialsError::from(sign_error);
        assert_no_secret(&format!("{from_sign} {from_sign:?}"));
    }
}
