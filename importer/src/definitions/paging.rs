//! Which operations page, and how (issue 12 part 7): the page parameters (offset/limit,
//! page/size or marker/limit, in the query or the body), the items field (the array of the
//! 200 body) and the total field.

use super::model::{Location, Schema};
use super::ops::{BodyInfo, BodyKind, OperationInfo};
use super::read::Loaded;
use super::refs;

/// How the pages are addressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// `offset` (items to skip) and `limit` (items per page).
    OffsetLimit,
    /// `page` (page number) and `size` (items per page).
    PageSize,
    /// `marker` (from the previous page) and `limit`.
    Marker,
}

/// What the detection found for one operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paging {
    /// How pages are addressed.
    pub style: Style,
    /// Where the page parameters go: query or body.
    pub location: Location,
    /// The offset, page or marker parameter.
    pub position: String,
    /// The page-size parameter.
    pub size: String,
    /// The array of the 200 body that holds the items (a dotted path), when there is exactly
    /// one; `""` when the body itself is the array.
    pub items: Option<String>,
    /// The integer of the 200 body that holds the total, when one reads as the total.
    pub total: Option<String>,
    /// Where the next marker is in the 200 body (marker style).
    pub next_marker: Option<String>,
    /// What could not be decided, and why.
    pub notes: Vec<String>,
}

const OFFSET: &[&str] = &["offset", "start"];
const LIMIT: &[&str] = &["limit"];
const PAGE: &[&str] = &[
    "page",
    "page_num",
    "pageNum",
    "page_no",
    "pageNo",
    "page_index",
];
const SIZE: &[&str] = &["size", "page_size", "pageSize", "per_page"];
const MARKER: &[&str] = &["marker"];
/// Names of the total, best first.
const TOTAL: &[&str] = &["total", "total_count", "total_num", "totalCount", "count"];

fn find(names: &[String], wanted: &[&str]) -> Option<String> {
    wanted
        .iter()
        .find(|w| names.iter().any(|n| n == *w))
        .map(|w| (*w).to_owned())
}

fn body_properties<'a>(loaded: &'a Loaded, body: &BodyInfo<'a>) -> Vec<String> {
    refs::resolve(&loaded.definition, body.schema, "body")
        .ok()
        .and_then(|r| r.schema.properties.as_ref())
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// Detects paging for one operation of `loaded`.
pub fn detect(loaded: &Loaded, op: &OperationInfo<'_>) -> Option<Paging> {
    let query: Vec<String> = op
        .params_in(Location::Query)
        .map(|p| p.name.to_owned())
        .collect();
    let body: Vec<String> = op
        .body
        .as_ref()
        .map(|b| body_properties(loaded, b))
        .unwrap_or_default();
    let (style, location, position, size) = [(Location::Query, &query), (Location::Body, &body)]
        .into_iter()
        .find_map(|(location, names)| {
            let pair = |style, a: &[&str], b: &[&str]| {
                Some((style, location, find(names, a)?, find(names, b)?))
            };
            pair(Style::OffsetLimit, OFFSET, LIMIT)
                .or_else(|| pair(Style::PageSize, PAGE, SIZE))
                .or_else(|| pair(Style::PageSize, PAGE, LIMIT))
                .or_else(|| pair(Style::Marker, MARKER, LIMIT))
        })?;
    let mut paging = Paging {
        style,
        location,
        position,
        size,
        items: None,
        total: None,
        next_marker: None,
        notes: Vec::new(),
    };
    let body = match op.success().map(|r| r.body) {
        Some(BodyKind::Json { schema, .. }) => schema,
        _ => {
            paging
                .notes
                .push("the success response has no JSON body to take items from".to_owned());
            return Some(paging);
        }
    };
    if body.effective_type() == Some("array") {
        paging.items = Some(String::new());
        return Some(paging);
    }
    let resolve = |s: &'_ Schema| -> Option<Schema> {
        refs::resolve(&loaded.definition, s, "response")
            .ok()
            .map(|r| r.schema.clone())
    };
    let props: Vec<(String, Schema)> = body
        .properties
        .iter()
        .flatten()
        .filter_map(|(k, s)| Some((k.clone(), resolve(s)?)))
        .collect();
    let arrays: Vec<&str> = props
        .iter()
        .filter(|(_, s)| s.effective_type() == Some("array"))
        .map(|(k, _)| k.as_str())
        .collect();
    match arrays.as_slice() {
        [one] => paging.items = Some((*one).to_owned()),
        [] => paging
            .notes
            .push("the 200 body has no array of items".to_owned()),
        many => paging.notes.push(format!(
            "the 200 body has several arrays ({}); which holds the items is not decided",
            many.join(", ")
        )),
    }
    let integers: Vec<String> = props
        .iter()
        .filter(|(_, s)| s.effective_type() == Some("integer"))
        .map(|(k, _)| k.clone())
        .collect();
    paging.total = find(&integers, TOTAL);
    if paging.total.is_none() {
        let totals: Vec<&String> = integers.iter().filter(|k| k.contains("total")).collect();
        match totals.as_slice() {
            [one] => paging.total = Some((*one).clone()),
            [] => paging.notes.push(
                "no total in the 200 body: the pages end at a short or empty page".to_owned(),
            ),
            many => paging.notes.push(format!(
                "several integers could be the total ({}); not decided",
                many.iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
    if style == Style::Marker {
        paging.next_marker = props.iter().find_map(|(k, s)| {
            if k == "next_marker" {
                return Some(k.clone());
            }
            let inner = s.properties.as_ref()?;
            inner
                .contains_key("next_marker")
                .then(|| format!("{k}.next_marker"))
        });
        if paging.next_marker.is_none() {
            paging.notes.push(
                "no next_marker in the 200 body: where the next marker comes from is not known"
                    .to_owned(),
            );
        }
    }
    Some(paging)
}
