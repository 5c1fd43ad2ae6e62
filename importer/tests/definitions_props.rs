//! Hostile input to the definitions reader: errors with file, JSON path and help, never a
//! panic, a hang or unbounded recursion.

use importer::definitions::{self, analyse, read_str};
use proptest::prelude::*;

const GOOD: &str = r##"{"name":"A","method":"get","consumes":"[\"application/json\"]",
 "paths":{"/v1/a":{"get":{"operationId":"A","parameters":[{"name":"x","in":"query","type":"integer"}],
 "responses":{"200":{"schema":{"$ref":"#/definitions/R"}}}}}},
 "definitions":{"R":{"properties":{"items":{"type":"array","items":{"$ref":"#/definitions/R"}}}}}}"##;

#[test]
fn a_small_file_reads() {
    let f = read_str("a.json", GOOD).unwrap();
    assert_eq!(f.consumes, ["application/json"]);
    let loaded = [definitions::Loaded {
        file: "a.json".into(),
        definition: f,
    }];
    assert_eq!(analyse(&loaded).recursive.len(), 1);
}

#[test]
fn wrong_types_name_the_json_path() {
    let bad = GOOD.replace(r#""in":"query""#, r#""in":"cookie""#);
    let e = read_str("a.json", &bad).unwrap_err();
    assert_eq!(
        e.json_path.as_deref(),
        Some("paths./v1/a.get.parameters[0].in"),
        "{e}"
    );
    assert!(e.message.contains("cookie"), "{e}");
    let shown = e.to_string();
    assert!(
        shown.starts_with("a.json:") && shown.contains("help:"),
        "{shown}"
    );

    let bad = GOOD.replace(
        r#""definitions":{"R""#,
        r#""definitions":{"S":{"minLength":-1},"R""#,
    );
    let e = read_str("a.json", &bad).unwrap_err();
    assert_eq!(
        e.json_path.as_deref(),
        Some("definitions.S.minLength"),
        "{e}"
    );

    let bad = GOOD.replace(r#""[\"application/json\"]""#, r#""application/json""#);
    let e = read_str("a.json", &bad).unwrap_err();
    assert_eq!(e.json_path.as_deref(), Some("consumes"), "{e}");
    assert!(
        e.message.contains("JSON string holding a JSON array"),
        "{e}"
    );
}

#[test]
fn cut_files_deep_nesting_and_trailing_data_are_errors() {
    let e = read_str("cut.json", &GOOD[..GOOD.len() / 2]).unwrap_err();
    assert!(
        e.message.contains("ends too early") && e.help.contains("cut"),
        "{e}"
    );

    let nested = r#"{"items":"#.repeat(10_000) + "{}" + &"}".repeat(10_000);
    let deep =
        format!(r#"{{"name":"A","method":"get","paths":{{}},"definitions":{{"D":{nested}}}}}"#);
    let e = read_str("deep.json", &deep).unwrap_err();
    assert!(e.message.contains("128 levels"), "{e}");

    let arrays = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(read_str("arrays.json", &arrays).is_err());

    let e = read_str("two.json", &format!("{GOOD} {{}}")).unwrap_err();
    assert!(e.position.is_some(), "{e}");
}

#[test]
fn huge_files_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(definitions::read::MAX_FILE_BYTES + 10).unwrap();
    let e = definitions::read_file(&path).unwrap_err();
    assert!(e.message.contains("larger than"), "{e}");
    std::fs::write(dir.path().join("bad.json"), "{").unwrap();
    std::fs::write(dir.path().join("good.json"), GOOD).unwrap();
    std::fs::write(dir.path().join("latin1.json"), b"{\"name\":\"\xe9\"}").unwrap();
    let errors = definitions::read_dir(dir.path()).unwrap_err();
    let files: Vec<&str> = errors
        .iter()
        .map(|e| e.file.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(files, ["bad.json", "huge.json", "latin1.json"]);
}

fn run_all(def: definitions::DefinitionFile) {
    let loaded = [definitions::Loaded {
        file: "r.json".into(),
        definition: def,
    }];
    let a = analyse(&loaded);
    let _ = definitions::Census::of(&loaded, &a);
    let _ = definitions::descriptions(&loaded);
    for op in &a.operations {
        let _ = definitions::paging::detect(&loaded[0], op);
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        "[a-z$#/{}]{0,12}".prop_map(serde_json::Value::from),
        prop::sample::select(vec![
            "#/definitions/R",
            "#/definitions/R2",
            "query",
            "body",
            "path",
            "header",
            "object",
            "array",
            "string",
            "integer",
            "binary",
            "[\"a\"]",
            "- A:x\n- B:y",
            "**取值范围**:\n- A",
        ])
        .prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "name",
                    "method",
                    "paths",
                    "definitions",
                    "consumes",
                    "/v1/a",
                    "get",
                    "in",
                    "type",
                    "items",
                    "properties",
                    "$ref",
                    "schema",
                    "parameters",
                    "responses",
                    "200",
                    "enum",
                    "required",
                    "description",
                    "minLength",
                    "additionalProperties",
                    "R",
                    "R2",
                    "x-request-examples-1",
                    "deprecated",
                    "tags",
                    "examples",
                ])
                .prop_map(str::to_owned),
                inner,
                0..6,
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any bytes: an error or a file, never a panic.
    #[test]
    fn any_text_never_panics(text in "\\PC{0,200}") {
        let _ = read_str("any.json", &text);
    }

    /// Any cut of a good file: an error, never a panic.
    #[test]
    fn any_prefix_is_an_error(n in 0usize..GOOD.len()) {
        if let Some(prefix) = GOOD.get(..n) {
            prop_assert!(read_str("cut.json", prefix).is_err());
        }
    }

    /// JSON shaped like definitions, with the wrong types anywhere: reading and every analysis
    /// end without panicking, and `$ref` cycles end.
    #[test]
    fn hostile_json_never_panics_the_analyses(v in json_value()) {
        let text = v.to_string();
        if let Ok(def) = read_str("h.json", &text) {
            run_all(def);
        }
    }

    /// A wrapper that reads, around random operations and definitions: the analyses see every
    /// kind of schema, `$ref` and parameter the generator makes, and never panic.
    #[test]
    fn random_operations_never_panic_the_analyses(
        params in prop::collection::vec((
            prop::sample::select(vec!["path", "query", "header", "body"]),
            prop::sample::select(vec!["offset", "limit", "page", "size", "marker", "x"]),
            json_value(),
        ), 0..5),
        responses in prop::collection::btree_map(
            prop::sample::select(vec!["200", "201", "204", "400", "default"]), json_value(), 0..3),
        definitions in prop::collection::btree_map(
            prop::sample::select(vec!["R", "R2", "S"]), json_value(), 0..3),
    ) {
        let params: Vec<serde_json::Value> = params
            .into_iter()
            .map(|(location, name, v)| {
                let mut p = serde_json::json!({"name": name, "in": location});
                match location {
                    "body" => p["schema"] = v,
                    _ => {
                        if let serde_json::Value::Object(m) = v {
                            for (k, v) in m {
                                if k != "name" && k != "in" {
                                    p[k] = v;
                                }
                            }
                        }
                    }
                }
                p
            })
            .collect();
        let responses: serde_json::Map<String, serde_json::Value> = responses
            .into_iter()
            .map(|(k, v)| (k.to_owned(), serde_json::json!({"schema": v, "examples": {"application/json": 1}})))
            .collect();
        let definitions: serde_json::Map<String, serde_json::Value> =
            definitions.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        let file = serde_json::json!({
            "name": "A", "method": "get", "tags": "待下线接口",
            "paths": {"/v1/a": {"get": {"deprecated": true, "description": "use R2 or AX",
                "parameters": params, "responses": responses}}},
            "definitions": definitions,
        });
        if let Ok(def) = read_str("r.json", &file.to_string()) {
            run_all(def);
        }
    }

    /// Descriptions of any text: the text analyses never panic.
    #[test]
    fn any_description_never_panics(text in "(\\PC|\n|- |:|\\*\\*|大于|小于|等于|长度|[0-9]){0,80}") {
        let _ = definitions::text::blocks(&text);
        let _ = definitions::text::description_values(&text);
        let _ = definitions::text::text_limits(&text);
    }
}

#[test]
fn not_a_definitions_file_says_so() {
    let e = read_str("empty.json", "{}").unwrap_err();
    assert!(e.message.contains("missing field `name`"), "{e}");
    let e = read_str("list.json", "[1, 2]").unwrap_err();
    assert!(
        e.message.contains("not what a definitions file holds"),
        "{e}"
    );
    // Nulls where DBSS writes empty collections are read as empty.
    let nulls = r#"{"name":"A","method":"get","schemes":null,"definitions":null,"paths":{"/a":{"get":
        {"tags":null,"parameters":null,"responses":{"200":{"examples":null}},"produces":null}}}}"#;
    let f = read_str("nulls.json", nulls).unwrap();
    assert!(f.definitions.is_empty() && f.paths["/a"]["get"].parameters.is_empty());
}

/// Nesting just under the parser's limit, through every recursive path of the model
/// (properties, items, additionalProperties, a flattened parameter), is read or refused on the
/// test thread's stack, and the analyses walk what was read.
#[test]
fn nesting_near_the_limit_stays_on_the_stack() {
    for depth in [40, 60, 120, 126] {
        for (open, close) in [
            (r#"{"items":"#, "}"),
            (r#"{"properties":{"p":"#, "}}"),
            (r#"{"additionalProperties":"#, "}"),
        ] {
            let n = depth / open.matches('{').count();
            let nested = open.repeat(n) + r#"{"type":"string"}"# + &close.repeat(n);
            let text = format!(
                r#"{{"name":"A","method":"get","paths":{{"/a":{{"get":{{"parameters":[
                    {{"name":"q","in":"query","type":"array","items":{nested}}},
                    {{"name":"b","in":"body","schema":{nested}}}],
                    "responses":{{"200":{{"schema":{nested}}}}}}}}}}},"definitions":{{"D":{nested}}}}}"#
            );
            if let Ok(def) = read_str("deep.json", &text) {
                run_all(def);
            }
        }
    }
}
