//! Reading definitions files: every failure names the file, the JSON path and what to do.
//!
//! Bounded by construction: a file larger than [`MAX_FILE_BYTES`] is refused before it is
//! read; serde_json refuses nesting deeper than 128 levels (its recursion limit, left on), so
//! no input recurses without bound, here or in the analyses that walk what was read.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::model::DefinitionFile;

/// The largest definitions file read: the largest DBSS file is 11 KB; 16 MiB leaves room for
/// any service and keeps a wrong file (a dump, an archive) from filling memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Why a definitions file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// The file, as the caller named it.
    pub file: String,
    /// Where in the JSON (`paths./v1/x.get.parameters[2].in`), when known.
    pub json_path: Option<String>,
    /// Line and column in the file, when known.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        if let Some(path) = &self.json_path {
            write!(f, " at {path}")?;
        }
        write!(f, ": {}\n  help: {}", self.message, self.help)
    }
}

impl std::error::Error for ReadError {}

/// One file read, with the name it was read under.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The file name as the caller named it (`ListInstances.json`).
    pub file: String,
    /// What it holds.
    pub definition: DefinitionFile,
}

/// Reads a definitions file from its text; `file` is how messages name it.
pub fn read_str(file: &str, text: &str) -> Result<DefinitionFile, ReadError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed: DefinitionFile = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        error_of(file, path, e.inner())
    })?;
    // One JSON value, then only whitespace.
    de.end().map_err(|e| error_of(file, String::new(), &e))?;
    Ok(parsed)
}

fn error_of(file: &str, path: String, e: &serde_json::Error) -> ReadError {
    use serde_json::error::Category;
    let position = (e.line() > 0).then(|| (e.line(), e.column()));
    let json_path = (path != "." && !path.is_empty()).then_some(path);
    let text = e.to_string();
    // serde_json appends " at line L column C"; the position is reported apart.
    let message = match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    };
    let (message, help) = match e.classify() {
        Category::Eof => (
            format!("the file ends too early: {message}"),
            "the file is cut; download it again".to_owned(),
        ),
        Category::Syntax if message.contains("recursion limit") => (
            "the JSON nests more than 128 levels deep".to_owned(),
            "definitions nest a few levels; this is not an API Explorer definition, or it is \
             damaged"
                .to_owned(),
        ),
        Category::Syntax => (
            format!("not valid JSON: {message}"),
            "the file is damaged; download it again".to_owned(),
        ),
        Category::Data => (
            format!("not what a definitions file holds: {message}"),
            "compare the field with the Swagger 2.0 definition of it; if the API Explorer now \
             writes it this way, teach importer::definitions::model the new form"
                .to_owned(),
        ),
        Category::Io => (message, "check that the file can be read".to_owned()),
    };
    ReadError {
        file: file.to_owned(),
        json_path,
        position,
        message,
        help,
    }
}

/// Reads one file from disk (at most [`MAX_FILE_BYTES`]).
pub fn read_file(path: &Path) -> Result<DefinitionFile, ReadError> {
    let display = path.display().to_string();
    let io = |message: String| ReadError {
        file: display.clone(),
        json_path: None,
        position: None,
        message,
        help: "check the path and the file's permissions".to_owned(),
    };
    let file = std::fs::File::open(path).map_err(|e| io(format!("cannot open: {e}")))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError {
            file: display,
            json_path: None,
            position: None,
            message: format!("larger than {MAX_FILE_BYTES} bytes"),
            help: "a definitions file describes one operation and is a few kilobytes; this is \
                   not one"
                .to_owned(),
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| ReadError {
        file: display.clone(),
        json_path: None,
        position: None,
        message: format!(
            "not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
        help: "the API Explorer serves UTF-8 JSON; download the file again".to_owned(),
    })?;
    read_str(&display, &text)
}

/// The `.json` files of a directory, sorted by name.
pub fn json_files(dir: &Path) -> Result<Vec<PathBuf>, ReadError> {
    let entries = std::fs::read_dir(dir).map_err(|e| ReadError {
        file: dir.display().to_string(),
        json_path: None,
        position: None,
        message: format!("cannot list the directory: {e}"),
        help: "give the directory that holds the service's definitions (*.json)".to_owned(),
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

/// Reads every `.json` file of `dir`, in name order. All files are tried: the error lists
/// every file that failed, not only the first.
pub fn read_dir(dir: &Path) -> Result<Vec<Loaded>, Vec<ReadError>> {
    let files = json_files(dir).map_err(|e| vec![e])?;
    let mut loaded = Vec::with_capacity(files.len());
    let mut errors = Vec::new();
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match read_file(&path) {
            Ok(definition) => loaded.push(Loaded {
                file: name,
                definition,
            }),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(loaded)
    } else {
        Err(errors)
    }
}
