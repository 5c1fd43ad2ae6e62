//! Operations: parameters, bodies, responses, examples, and what the model cannot say of
//! them (findings).

use super::naming::rust_name;
use super::*;

impl<'a> Converter<'a> {
    pub(super) fn operation(
        &mut self,
        index: usize,
        op: &'a OperationInfo<'a>,
    ) -> (String, OperationFile) {
        let loaded = self.loaded(op.file);
        let home = Home::Op(index);
        let base = format!("paths.{}.{}", op.path, op.method.to_ascii_lowercase());
        self.operation_findings(op, &base);
        let mut parameters = Parameters::default();
        let mut taken = BTreeSet::new();
        for (location, slot) in [
            (Location::Path, &mut parameters.path),
            (Location::Query, &mut parameters.query),
            (Location::Header, &mut parameters.header),
        ] {
            let items: Vec<ParamDef> = op
                .params_in(location)
                .filter_map(|p| self.param(loaded, home, op, p, &base, &mut taken))
                .collect();
            if !items.is_empty() {
                *slot = Some(ParamTable {
                    table: format!("{} parameters", location.as_str()),
                    items,
                });
            }
        }
        let request = op.body.as_ref().and_then(|b| {
            let path = format!("{base}.parameters.{}.schema", b.name);
            let at = At {
                file: loaded,
                home,
                parent: &format!("{}RequestBody", op.id),
            };
            let body = self.body(at, b.schema, &names::default_body_name(op.id, None), &path)?;
            Some(RequestDef {
                table: Some(format!("body parameter {}", b.name)),
                body,
            })
        });
        let mut responses = BTreeMap::new();
        let success = op.success().map(|r| r.status);
        for r in &op.responses {
            let Some(code) = r.code else { continue };
            if (200..300).contains(&code) && Some(r.status) != success {
                continue;
            }
            let path = format!("{base}.responses.{}", r.status);
            let body = match r.body {
                BodyKind::Json { schema, .. } => {
                    let resp_schema = op_response_schema(loaded, r.status).unwrap_or(schema);
                    let at = At {
                        file: loaded,
                        home,
                        parent: &names::default_body_name(op.id, Some(code)),
                    };
                    self.body(
                        at,
                        resp_schema,
                        &names::default_body_name(op.id, Some(code)),
                        &format!("{path}.schema"),
                    )
                }
                BodyKind::Bytes => Some(BodyDef {
                    name: None,
                    ty: None,
                    fields: None,
                    binary: Some("application/octet-stream".to_owned()),
                }),
                BodyKind::Empty => None,
            };
            responses.insert(
                code,
                ResponseDef {
                    description: r.description.unwrap_or_default().to_owned(),
                    table: None,
                    body,
                    headers: None,
                },
            );
        }
        let examples = self.examples(op, &base, &responses, request.is_some());
        let summary = op.description.or(op.summary).unwrap_or(op.id);
        let title = op.summary.unwrap_or(op.id).to_owned();
        let file_name = format!("{}.yaml", names::module_name(op.id));
        let spec = OperationFile {
            operation: SpecOperation {
                id: spanned(op.id),
                summary: (summary != title).then(|| summary.to_owned()),
                title,
                method: Parsed::new(op.method.clone()),
                path: Parsed::new(op.path),
                group: self.group_of(op).map(|g| spanned(&g)),
                deprecated: self.deprecation(op, op.summary.unwrap_or(op.id)),
                source: Source {
                    page: format!("{}/{}", self.options.source_dir, op.file),
                    breadcrumb: op.tag.map(str::to_owned).into_iter().collect(),
                    title: None,
                    updated: None,
                },
            },
            parameters,
            request,
            responses,
            any_success: None,
            types: BTreeMap::new(),
            enums: BTreeMap::new(),
            examples,
            error_codes: None,
            paging: self.paging(op),
        };
        (file_name, spec)
    }

    /// A body: a named type is referred to, an inline object is a table of its own (named by
    /// the model's default body name), anything else is written as its type.
    fn body(
        &mut self,
        at: At<'a, '_>,
        schema: &'a Schema,
        default_name: &str,
        path: &str,
    ) -> Option<BodyDef> {
        if schema.reference.is_none() && is_object(schema) {
            let fields = self.fields(at, schema, path);
            debug_assert_eq!(default_name, at.parent);
            return Some(BodyDef {
                name: None,
                ty: None,
                fields: Some(fields),
                binary: None,
            });
        }
        let (ty, _) = self.type_of(at, schema, "Body", path)?;
        Some(BodyDef {
            name: None,
            ty: Some(Parsed::new(ty.describe())),
            fields: None,
            binary: None,
        })
    }

    fn param(
        &mut self,
        loaded: &'a Loaded,
        home: Home,
        op: &OperationInfo<'a>,
        p: &ParamInfo<'a>,
        base: &str,
        taken: &mut BTreeSet<String>,
    ) -> Option<ParamDef> {
        let path = format!("{base}.parameters.{}", p.name);
        let at = At {
            file: loaded,
            home,
            parent: op.id,
        };
        let (ty, scalar) = self.type_of(at, p.value, p.name, &path)?;
        let enumeration = self.enumeration(at, &ty, scalar, p.name, p.description, &path);
        let constraints = self.constraints(loaded, &path, &ty, p.value, scalar);
        let block = |b: &Option<Block>| b.as_ref().map(block_text);
        let (description, restrictions, range, default) = match &p.blocks {
            Some(b) => (
                block(&b.definition).unwrap_or_default(),
                block(&b.constraints),
                block(&b.range),
                block(&b.default),
            ),
            None => (
                p.description.unwrap_or_default().to_owned(),
                None,
                None,
                None,
            ),
        };
        let default = default.or_else(|| p.value.default.as_ref().map(text::plain));
        Some(ParamDef {
            name: spanned(p.name),
            mandatory: p.required || p.location == Location::Path,
            ty: Parsed::new(ty.describe()),
            description,
            restrictions,
            range,
            default,
            constraints,
            enumeration: enumeration.map(|e| spanned(&e)),
            rust_name: rust_name(taken, p.name),
        })
    }

    /// The operation's paging, where the detection ([`crate::definitions::paging`]) is
    /// certain.
    fn paging(&self, op: &OperationInfo<'a>) -> Option<PagingDef> {
        paging_def(self.analysis.paging.get(op.id)?)
    }

    /// The operation's group: the feature named by [`Converter::groups`].
    fn group_of(&self, op: &OperationInfo<'a>) -> Option<String> {
        let groups = self.groups();
        let tag = op.tag.unwrap_or("");
        groups
            .into_iter()
            .find(|(_, g)| g.source.as_deref().unwrap_or("") == tag)
            .map(|(f, _)| f)
    }

    /// The deprecation of an operation, with its replacement when that is an operation of the set.
    fn deprecation(&self, op: &OperationInfo<'a>, title: &str) -> Option<Deprecation> {
        let d = op.deprecation.as_ref()?;
        let replacement = d
            .replacement
            .as_ref()
            .filter(|r| {
                r.operation != op.id && self.analysis.operations.iter().any(|o| o.id == r.operation)
            })
            .map(|r| spanned(&r.operation));
        Some(Deprecation {
            note: d.note.clone().unwrap_or_else(|| title.to_owned()),
            replacement,
        })
    }

    fn operation_findings(&mut self, op: &OperationInfo<'a>, base: &str) {
        if let Some(d) = &op.deprecation {
            let replacement = d.replacement.as_ref().map_or(String::new(), |r| {
                format!("; replaced by {} ({:?})", r.operation, r.source)
            });
            self.finding(
                FindingKind::Deprecated,
                op.file,
                base,
                format!(
                    "deprecated (flagged: {}, marked offline: {}){replacement}; note: {}",
                    d.flagged,
                    d.marked,
                    d.note.as_deref().unwrap_or("none")
                ),
            );
        }
        if let Some(tag) = op.tag {
            self.finding(
                FindingKind::Group,
                op.file,
                &format!("{base}.tags"),
                format!("API group {tag}"),
            );
        }
        if let Some(p) = self.analysis.paging.get(op.id) {
            let written = if paging_def(p).is_some() {
                "written as `paging`"
            } else {
                "not written: the items or the next marker are not decided"
            };
            let notes = if p.notes.is_empty() {
                String::new()
            } else {
                format!("; {}", p.notes.join("; "))
            };
            self.finding(
                FindingKind::Paging,
                op.file,
                base,
                format!(
                    "pages ({:?} in the {}: {} and {}; items {:?}, total {:?}): {written}{notes}",
                    p.style,
                    p.location.as_str(),
                    p.position,
                    p.size,
                    p.items,
                    p.total
                ),
            );
        }
        let success = op.success().map(|r| r.status);
        let loaded = self.loaded(op.file);
        for r in &op.responses {
            let path = format!("{base}.responses.{}", r.status);
            match r.code {
                None => self.finding(
                    FindingKind::NonNumericStatus,
                    op.file,
                    &path,
                    format!("response '{}' is not a status: not written", r.status),
                ),
                Some(c) if (200..300).contains(&c) && Some(r.status) != success => self.finding(
                    FindingKind::ExtraSuccess,
                    op.file,
                    &path,
                    format!("a second success status {c}: not written"),
                ),
                _ => {}
            }
            let headers = loaded
                .definition
                .paths
                .get(op.path)
                .and_then(|m| m.get(&op.method.to_ascii_lowercase()))
                .and_then(|o| o.responses.get(r.status))
                .map(|r| r.headers.keys().cloned().collect::<Vec<_>>())
                .unwrap_or_default();
            if !headers.is_empty() {
                self.finding(
                    FindingKind::ResponseHeaders,
                    op.file,
                    &path,
                    format!("response headers {}", headers.join(", ")),
                );
            }
        }
    }

    fn examples(
        &mut self,
        op: &OperationInfo<'a>,
        base: &str,
        responses: &BTreeMap<u16, ResponseDef>,
        has_body: bool,
    ) -> Examples {
        let mut out = Examples::default();
        for e in &op.request_examples {
            let path = format!("{base}.x-request-examples-{}", e.number);
            // The example's URL, when it is the operation's path (with a query string at
            // times); else the path, and the URL is listed.
            let url = match e.url.map(|u| u.trim_start_matches('/')) {
                Some(u) if u.split('?').next() == Some(op.path.trim_start_matches('/')) => {
                    format!("/{u}")
                }
                Some(_) => {
                    let u = e.url.unwrap_or_default();
                    self.finding(
                        FindingKind::ExampleDropped,
                        op.file,
                        &format!("{base}.x-request-examples-url-{}", e.number),
                        format!(
                            "example URL {u} is not the path {}: the path is written",
                            op.path
                        ),
                    );
                    op.path.to_owned()
                }
                None => op.path.to_owned(),
            };
            let body = match e.body {
                Some(b) if has_body => Some(pretty(b)),
                Some(_) => {
                    self.finding(
                        FindingKind::ExampleDropped,
                        op.file,
                        &path,
                        "a request example body for an operation without a body: body not written"
                            .to_owned(),
                    );
                    None
                }
                None => None,
            };
            out.requests.push(ExampleRequest {
                description: None,
                line: format!("{} https://{{endpoint}}{url}", op.method),
                body,
            });
        }
        for r in &op.responses {
            let Some(code) = r.code else { continue };
            let path = format!("{base}.responses.{}.examples", r.status);
            for (media, value) in &r.examples {
                let written = responses.get(&code).is_some_and(|d| d.body.is_some());
                let json = match value {
                    Value::String(s) => serde_json::from_str::<Value>(s).ok(),
                    v => Some((*v).clone()),
                };
                match json {
                    Some(v) if written => out.responses.push(ExampleResponse {
                        status: code,
                        description: None,
                        body: spanned(&pretty(&v)),
                    }),
                    _ => self.finding(
                        FindingKind::ExampleDropped,
                        op.file,
                        &path,
                        format!("{media} example of status {code} is not JSON for a JSON body: not written"),
                    ),
                }
            }
        }
        for (n, _) in &op.response_examples {
            self.finding(
                FindingKind::ExampleDropped,
                op.file,
                &format!("{base}.x-response-examples-{n}"),
                "x-response-examples are not written (the model takes examples by status)"
                    .to_owned(),
            );
        }
        out
    }
}

/// The spec's `paging` of a detected paging: only where the items are one array field of the
/// success body (not the body itself) and, for markers, where the next marker is; the total
/// is written where it was decided (else the pages end at a short or empty page).
fn paging_def(p: &Paging) -> Option<PagingDef> {
    let items = p.items.as_deref().filter(|i| !i.is_empty())?;
    let style = match p.style {
        Style::OffsetLimit => PagingStyle::OffsetLimit,
        Style::PageSize => PagingStyle::PageSize,
        Style::Marker => PagingStyle::Marker,
    };
    let location = match p.location {
        Location::Query => PagingLocation::Query,
        Location::Body => PagingLocation::Body,
        _ => return None,
    };
    if style == PagingStyle::Marker && p.next_marker.is_none() {
        return None;
    }
    Some(PagingDef {
        style,
        location,
        position: spanned(&p.position),
        size: spanned(&p.size),
        items: spanned(items),
        total: p.total.as_deref().map(spanned),
        next_marker: p.next_marker.as_deref().map(spanned),
    })
}
