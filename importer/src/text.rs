//! What a description cell says beyond its words: the blocks of the newer template
//! (`Definition` / `Constraints` / `Range` / `Default Value`, also one line each or as `•`
//! bullets, or `Details:` / `Options:`, or `** Parameter description**:`
//! / `** Restrictions**:` / `** Value range**:` / `** Default value**:`), the enumerations it lists
//! (bullets, `- VALUE: meaning` runs, `1: meaning, 2: meaning`, `Enumeration values: A, B`), and
//! the length and range restrictions it states (`32 to 64 characters`, `Value range: 1-100`,
//! `greater than or equal to 0`, `a maximum of 10 items`).

use std::sync::LazyLock;

use regex::Regex;

/// The blocks of a newer-template description cell.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Blocks {
    /// `Definition` / `Parameter description`.
    pub description: String,
    /// `Constraints` / `Restrictions`.
    pub restrictions: Option<String>,
    /// `Range` / `Value range`.
    pub range: Option<String>,
    /// `Default Value`.
    pub default: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Description,
    Restrictions,
    Range,
    Default,
}

fn marker(line: &str) -> Option<Marker> {
    let plain: String = line.chars().filter(|&c| c != '*').collect();
    let t = plain
        .trim()
        .trim_end_matches([':', '：'])
        .trim()
        .to_ascii_lowercase();
    match t.as_str() {
        "parameter description" | "definition" | "details" => Some(Marker::Description),
        "restrictions" | "restriction" | "constraints" | "constraint" => Some(Marker::Restrictions),
        "value range" | "range" | "options" => Some(Marker::Range),
        "default value" | "default" => Some(Marker::Default),
        _ => None,
    }
}

/// `Definition: text` or `• Range: None`: a marker and its text on one line.
fn inline_marker(line: &str) -> Option<(Marker, &str)> {
    let t = line.trim().trim_start_matches('•').trim_start();
    let (head, rest) = t.split_once([':', '：'])?;
    let m = marker(head)?;
    Some((m, rest.trim()))
}

/// Splits a description cell into its blocks, when its first line opens the description block
/// (`Definition` alone, or `Definition: text`, or `• Definition: text`; otherwise the cell is a
/// plain description and this returns `None`).
pub fn blocks(lines: &[String]) -> Option<Blocks> {
    let first = lines.first()?;
    let inline_first = inline_marker(first).filter(|(m, _)| *m == Marker::Description);
    if marker(first) != Some(Marker::Description) && inline_first.is_none() {
        return None;
    }
    let mut b = Blocks::default();
    let mut current = Marker::Description;
    let mut text: Vec<&str> = Vec::new();
    let mut seen: Vec<Marker> = Vec::new();
    let flush = |m: Marker, text: &mut Vec<&str>, b: &mut Blocks, seen: &mut Vec<Marker>| {
        let value = text.join("\n");
        text.clear();
        if seen.contains(&m) {
            // A repeated marker is text, appended to the block it repeats.
            let slot = match m {
                Marker::Description => Some(&mut b.description),
                Marker::Restrictions => b.restrictions.as_mut(),
                Marker::Range => b.range.as_mut(),
                Marker::Default => b.default.as_mut(),
            };
            if let Some(slot) = slot
                && !value.is_empty()
            {
                slot.push('\n');
                slot.push_str(&value);
            }
            return;
        }
        seen.push(m);
        match m {
            Marker::Description => b.description = value,
            Marker::Restrictions => b.restrictions = Some(value),
            Marker::Range => b.range = Some(value),
            Marker::Default => b.default = Some(value),
        }
    };
    if let Some((_, rest)) = inline_first
        && !rest.is_empty()
    {
        text.push(rest);
    }
    for line in &lines[1..] {
        if let Some(m) = marker(line) {
            flush(current, &mut text, &mut b, &mut seen);
            current = m;
        } else if let Some((m, rest)) = inline_marker(line) {
            flush(current, &mut text, &mut b, &mut seen);
            current = m;
            if !rest.is_empty() {
                text.push(rest);
            }
        } else {
            text.push(line);
        }
    }
    flush(current, &mut text, &mut b, &mut seen);
    Some(b)
}

/// An enumeration found in a description.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FoundEnum {
    /// What the values are of: the text before the list, without its lead-in ("The options
    /// are as follows:").
    pub description: Option<String>,
    /// (value, meaning), in page order.
    pub values: Vec<(String, Option<String>)>,
}

static DASH_ITEM: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)-\s?(-?[A-Za-z0-9_][A-Za-z0-9_.\-/+]*)\s*[:：]\s+").ok());
static NUMBER_ITEM: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?:^|[,;，；]\s*|[.:：]\s+)(-?\d+)\s*[:：]\s+").ok());
static INTRO_LIST: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(.*?)\b(?:enumeration values|enumerated values|valid values|possible values|available values|value range|the value can be|the value is one of|the options are|options|values|value)\s*[:：]\s*(.+)$",
    )
    .ok()
});

/// A value as a list writes it: no spaces, at most 64 characters.
fn is_value_token(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    !body.is_empty()
        && s.len() <= 64
        && body
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        && body
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | '+'))
        && (!s.starts_with('-') || body.chars().all(|c| c.is_ascii_digit()))
}

fn bullet(line: &str) -> Option<&str> {
    for marker in ["•", "·", "●", "○", "▪", "- "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return Some(rest.trim());
        }
    }
    None
}

/// `Period: yearly/monthly` -> (Period, yearly/monthly); `en-us` -> (en-us, None).
fn item(content: &str) -> Option<(String, Option<String>)> {
    if let Some(at) = content.find([':', '：']) {
        let value = content[..at].trim();
        let sep = content[at..].chars().next().map_or(1, char::len_utf8);
        let meaning = content[at + sep..].trim();
        if is_value_token(value) {
            return Some((
                value.to_owned(),
                (!meaning.is_empty()).then(|| meaning.to_owned()),
            ));
        }
        return None;
    }
    is_value_token(content).then(|| (content.to_owned(), None))
}

fn clean_meaning(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches([';', ',', '；', '，']).trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// The lead-in of a list, alone on its line or ending it.
fn is_lead_in(s: &str) -> bool {
    let t = s
        .trim()
        .trim_end_matches([':', '：', '.'])
        .trim()
        .to_ascii_lowercase();
    matches!(
        t.as_str(),
        "value"
            | "values"
            | "options"
            | "option"
            | "the options are as follows"
            | "the options are"
            | "the value can be"
            | "the value can be one of the following"
            | "the value is one of the following"
            | "the values are as follows"
            | "enumeration values"
            | "enumerated values"
            | "enumeration value"
            | "value range"
            | "range"
            | "possible values"
            | "valid values"
            | "available values"
            | "the following values are supported"
    )
}

/// The description of the values: the text before the list, without a lead-in sentence.
fn lead_description(pre: &[String]) -> Option<String> {
    let mut lines: Vec<String> = pre
        .iter()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    while let Some(last) = lines.last().cloned() {
        if !last.ends_with([':', '：']) {
            break;
        }
        if let Some(at) = last.rfind(". ") {
            let kept = last[..=at].trim().to_owned();
            if let Some(slot) = lines.last_mut() {
                *slot = kept;
            }
            break;
        }
        if is_lead_in(&last) {
            lines.pop();
            continue;
        }
        let kept = last.trim_end_matches([':', '：']).trim().to_owned();
        if let Some(slot) = lines.last_mut() {
            *slot = kept;
        }
        break;
    }
    let text = lines.join("\n");
    (!text.trim().is_empty()).then_some(text)
}

fn distinct(values: &[(String, Option<String>)]) -> bool {
    values
        .iter()
        .enumerate()
        .all(|(i, (v, _))| values[..i].iter().all(|(w, _)| w != v))
}

/// Finds an enumeration listed in `lines`. `integers` restricts the values to whole numbers
/// (the field is an Integer or a Long) and allows the `1: meaning, 2: meaning` form.
pub fn find_enum(lines: &[String], integers: bool) -> Option<FoundEnum> {
    let found = bullets(lines)
        .or_else(|| inline_run(lines, DASH_ITEM.as_ref()))
        .or_else(|| integers.then(|| inline_run(lines, NUMBER_ITEM.as_ref()))?)
        .or_else(|| lead_in_list(lines))
        .or_else(|| prose_list(lines))?;
    if found.values.len() < 2 || !distinct(&found.values) {
        return None;
    }
    if integers && !found.values.iter().all(|(v, _)| v.parse::<i64>().is_ok()) {
        return None;
    }
    Some(found)
}

/// `• VALUE: meaning` lines (or `• VALUE`), one run of them.
fn bullets(lines: &[String]) -> Option<FoundEnum> {
    let start = lines.iter().position(|l| bullet(l).is_some())?;
    let mut values = Vec::new();
    for line in &lines[start..] {
        let Some(content) = bullet(line) else { break };
        values.push(item(content)?);
    }
    Some(FoundEnum {
        description: lead_description(&lines[..start]),
        values,
    })
}

/// Items that `re` finds on one line: `Frozen scenario - POLICE: frozen ... - ILLEGAL: frozen
/// ...` ([`DASH_ITEM`]) or `1: encryption, 2: decryption.` ([`NUMBER_ITEM`]); what comes before
/// them on that line ends the description.
fn inline_run(lines: &[String], re: Option<&Regex>) -> Option<FoundEnum> {
    let re = re?;
    for (k, line) in lines.iter().enumerate() {
        if let Some((pre, values)) = inline_items(line, re)? {
            let mut before: Vec<String> = lines[..k].to_vec();
            before.push(pre);
            return Some(FoundEnum {
                description: lead_description(&before),
                values,
            });
        }
    }
    None
}

type Items = (String, Vec<(String, Option<String>)>);

/// The items `re` finds in `line`, running to its end: `Some(None)` when there are fewer than
/// two. The outer `Option` is only for the regex.
#[allow(clippy::unnecessary_wraps)]
fn inline_items(line: &str, re: &Regex) -> Option<Option<Items>> {
    let caps: Vec<(usize, usize, String)> = re
        .captures_iter(line)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let value = c.get(1)?;
            Some((whole.start(), whole.end(), value.as_str().to_owned()))
        })
        .collect();
    if caps.len() < 2 {
        return Some(None);
    }
    let mut values = Vec::new();
    for (k, (_, end, value)) in caps.iter().enumerate() {
        let until = caps.get(k + 1).map_or(line.len(), |c| c.0);
        let meaning = line.get(*end..until).unwrap_or("");
        values.push((value.clone(), clean_meaning(meaning)));
    }
    if values.iter().any(|(_, m)| m.is_none()) {
        return Some(None);
    }
    // A sentence's full stop before the first item stays with the sentence.
    let mut cut = caps[0].0;
    if line.get(cut..).is_some_and(|r| r.starts_with('.')) {
        cut += 1;
    }
    let pre = line.get(..cut).unwrap_or("").trim().to_owned();
    Some(Some((pre, values)))
}

/// `Enumeration values: A, B, C` / `The value can be: A, B or C.`
fn lead_in_list(lines: &[String]) -> Option<FoundEnum> {
    let re = INTRO_LIST.as_ref()?;
    for (k, line) in lines.iter().enumerate() {
        let Some(c) = re.captures(line) else { continue };
        let pre = c.get(1).map_or("", |m| m.as_str()).trim().to_owned();
        let list = c.get(2).map_or("", |m| m.as_str()).trim();
        let list = list.trim_end_matches('.');
        let tokens: Vec<&str> = list
            .split([',', '，', '、'])
            .flat_map(|p| p.split(" or "))
            .flat_map(|p| p.split(" and "))
            .map(|p| {
                let p = p.trim();
                p.strip_prefix("or ")
                    .or_else(|| p.strip_prefix("and "))
                    .unwrap_or(p)
                    .trim()
            })
            .filter(|p| !p.is_empty())
            .collect();
        if tokens.len() >= 2 && tokens.iter().all(|t| is_value_token(t)) {
            let mut before: Vec<String> = lines[..k].to_vec();
            before.push(pre);
            return Some(FoundEnum {
                description: lead_description(&before),
                values: tokens.iter().map(|t| ((*t).to_owned(), None)).collect(),
            });
        }
    }
    None
}

static PROSE_LIST: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?i)^(.*?),?\s+which can be(?: one of)?\s+(.+?)\.?$").ok());

/// `Instance type, which can be GDE (database encryption), DOM (database O&M), or DBSS
/// (database audit).`: values written as prose, each with its meaning in brackets or none.
fn prose_list(lines: &[String]) -> Option<FoundEnum> {
    let re = PROSE_LIST.as_ref()?;
    for (k, line) in lines.iter().enumerate() {
        let Some(c) = re.captures(line) else { continue };
        let pre = c.get(1).map_or("", |m| m.as_str()).trim().to_owned();
        let list = c.get(2).map_or("", |m| m.as_str());
        let mut values = Vec::new();
        for part in list
            .split(", ")
            .flat_map(|p| p.split(" or "))
            .map(|p| p.trim().trim_start_matches("or ").trim())
            .filter(|p| !p.is_empty())
        {
            let (value, meaning) = match part.split_once(" (") {
                Some((v, m)) => (v.trim(), m.strip_suffix(')').map(str::to_owned)),
                None => (part, None),
            };
            if !is_value_token(value) {
                values.clear();
                break;
            }
            values.push((value.to_owned(), meaning));
        }
        if values.len() >= 2 {
            let mut before: Vec<String> = lines[..k].to_vec();
            before.push(format!("{pre}."));
            return Some(FoundEnum {
                description: lead_description(&before),
                values,
            });
        }
    }
    None
}

/// Restrictions a description states, in the spec's terms.
pub use spec_model::Constraints as Limits;

/// What kind of value a restriction applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A string: lengths.
    Text,
    /// A whole number: minimum and maximum, strict bounds moved by one.
    Whole,
    /// A fractional number: minimum and maximum.
    Fraction,
    /// An array: item counts.
    List,
    /// Anything else: nothing.
    Other,
}

/// The kind of a page type.
pub fn kind_of(ty: &str) -> Kind {
    let t = ty.trim();
    if t.starts_with("Array of ") {
        return Kind::List;
    }
    match t.to_ascii_lowercase().as_str() {
        "string" => Kind::Text,
        "integer" | "long" | "int" => Kind::Whole,
        "float" | "double" | "number" => Kind::Fraction,
        _ => Kind::Other,
    }
}

fn re(s: &str) -> Option<Regex> {
    Regex::new(s).ok()
}

struct LimitPatterns {
    length_range: Option<Regex>,
    length_between: Option<Regex>,
    length_max: Option<Regex>,
    length_min: Option<Regex>,
    range: Option<Regex>,
    range_brackets: Option<Regex>,
    range_alone: Option<Regex>,
    min_inclusive: Option<Regex>,
    max_inclusive: Option<Regex>,
    min_strict: Option<Regex>,
    max_strict: Option<Regex>,
    items_range: Option<Regex>,
    items_max: Option<Regex>,
    items_min: Option<Regex>,
}

static LIMITS: LazyLock<LimitPatterns> = LazyLock::new(|| LimitPatterns {
    length_range: re(r"(?i)\b(\d+)\s*(?:to|-|~|–)\s*(\d+)\s*(?:characters?|chars|bytes)\b"),
    length_between: re(r"(?i)\bbetween\s+(\d+)\s+and\s+(\d+)\s*(?:characters?|chars|bytes)\b"),
    length_max: re(
        r"(?i)\b(?:a maximum of|maximum of|maximum length of|maximum length is|max\.?|up to|at most|no more than|not more than|cannot exceed|can't exceed|not exceed|not longer than)\s+(\d+)\s*(?:characters?|chars|bytes)\b",
    ),
    length_min: re(
        r"(?i)\b(?:a minimum of|minimum of|minimum length of|minimum length is|min\.?|at least|no less than|not less than)\s+(\d+)\s*(?:characters?|chars|bytes)\b",
    ),
    range: re(
        r"(?i)\b(?:value range|range|ranges from|ranging from|from|between|value)\s*(?:is|:|：)?\s*(-?\d+)\s*(?:to|-|~|–|and)\s*(-?\d+)\b",
    ),
    range_brackets: re(r"\[\s*(-?\d+)\s*,\s*(-?\d+)\s*\]"),
    range_alone: re(r"^\s*(-?\d+)\s*(?:to|-|~|–)\s*(-?\d+)\s*\.?\s*$"),
    min_inclusive: re(
        r"(?i)(?:greater than or equal to|no less than|not less than|minimum value is|minimum value:|minimum value of|min value is|≥|>=)\s*(-?\d+)",
    ),
    max_inclusive: re(
        r"(?i)(?:less than or equal to|no greater than|not greater than|maximum value is|maximum value:|maximum value of|max value is|≤|<=)\s*(-?\d+)",
    ),
    min_strict: re(r"(?i)\bgreater than\s+(-?\d+)"),
    max_strict: re(r"(?i)\bless than\s+(-?\d+)"),
    items_range: re(
        r"(?i)\b(\d+)\s*(?:to|-|~|–)\s*(\d+)\s*(?:items|elements|entries|records|values)\b",
    ),
    items_max: re(
        r"(?i)\b(?:a maximum of|maximum of|max\.?|up to|at most|no more than|cannot exceed|not exceed)\s+(\d+)\s*(?:items|elements|entries|records|values|tags|ids)\b",
    ),
    items_min: re(
        r"(?i)\b(?:a minimum of|minimum of|at least)\s+(\d+)\s*(?:items|elements|entries|records|values|tags|ids)\b",
    ),
});

fn pair<A: std::str::FromStr, B: std::str::FromStr>(
    re: &Option<Regex>,
    text: &str,
) -> Option<(A, B)> {
    let c = re.as_ref()?.captures(text)?;
    Some((
        c.get(1)?.as_str().parse().ok()?,
        c.get(2)?.as_str().parse().ok()?,
    ))
}

fn one<A: std::str::FromStr>(re: &Option<Regex>, text: &str) -> Option<A> {
    let c = re.as_ref()?.captures(text)?;
    c.get(1)?.as_str().parse().ok()
}

/// The restrictions `text` states for a value of `kind`. `range` is the Range block alone,
/// where the cell has one (a bare `1-100` there is a range). Contradictory or impossible
/// bounds are left out; [`limit_problem`] says what they were.
pub fn limits(text: &str, range: Option<&str>, kind: Kind) -> Limits {
    read_limits(text, range, kind).0
}

/// What is wrong with the restrictions `text` states, when they cannot all hold: a minimum
/// above the maximum (`64 to 32 characters`) or a bound no value can have
/// (`99999999999999999999 to 3`). `None` when they are sound (or there are none).
pub fn limit_problem(text: &str, range: Option<&str>, kind: Kind) -> Option<String> {
    read_limits(text, range, kind).1
}

fn read_limits(text: &str, range: Option<&str>, kind: Kind) -> (Limits, Option<String>) {
    let p = &*LIMITS;
    let mut l = Limits::default();
    let mut problem = None;
    let mut check = |res: &[(&Option<Regex>, &str)], unsigned: bool| {
        for (re, t) in res {
            if problem.is_none() {
                problem = unparsable(re, t, unsigned);
            }
        }
    };
    let contradiction = match kind {
        Kind::Text => {
            check(
                &[
                    (&p.length_range, text),
                    (&p.length_between, text),
                    (&p.length_max, text),
                    (&p.length_min, text),
                ],
                true,
            );
            let both = pair(&p.length_range, text).or_else(|| pair(&p.length_between, text));
            let max = one(&p.length_max, text);
            let b = bounds(both, one(&p.length_min, text), max);
            (l.min_length, l.max_length) = b.0;
            b.1.map(|(lo, hi)| format!("at least {lo} and at most {hi} characters"))
        }
        Kind::Whole | Kind::Fraction => {
            let r = range.unwrap_or("");
            check(
                &[
                    (&p.range_alone, r),
                    (&p.range, text),
                    (&p.range_brackets, text),
                    (&p.min_inclusive, text),
                    (&p.max_inclusive, text),
                ],
                false,
            );
            let alone = range.and_then(|r| pair(&p.range_alone, r));
            let both = alone
                .or_else(|| pair(&p.range, text))
                .or_else(|| pair(&p.range_brackets, text));
            let mut min = one(&p.min_inclusive, text);
            let mut max = one(&p.max_inclusive, text);
            if kind == Kind::Whole {
                min = min.or_else(|| one::<i64>(&p.min_strict, text)?.checked_add(1));
                max = max.or_else(|| one::<i64>(&p.max_strict, text)?.checked_sub(1));
            }
            let b = bounds(both, min, max);
            (l.minimum, l.maximum) = b.0;
            b.1.map(|(lo, hi)| format!("a value of at least {lo} and at most {hi}"))
        }
        Kind::List => {
            check(
                &[
                    (&p.items_range, text),
                    (&p.items_max, text),
                    (&p.items_min, text),
                ],
                true,
            );
            let both = pair(&p.items_range, text);
            let max = one(&p.items_max, text);
            let b = bounds(both, one(&p.items_min, text), max);
            (l.min_items, l.max_items) = b.0;
            b.1.map(|(lo, hi)| format!("at least {lo} and at most {hi} items"))
        }
        Kind::Other => None,
    };
    let problem = problem
        .or_else(|| contradiction.map(|c| format!("the restrictions contradict each other: {c}")));
    (l, problem)
}

/// A bound `re` finds in `text` that is no number of its kind (too large, or negative where
/// only 0 or more can be).
fn unparsable(re: &Option<Regex>, text: &str, unsigned: bool) -> Option<String> {
    let c = re.as_ref()?.captures(text)?;
    let bad = c.iter().skip(1).flatten().find(|m| {
        if unsigned {
            m.as_str().parse::<u64>().is_err()
        } else {
            m.as_str().parse::<i64>().is_err()
        }
    })?;
    let whole = c.get(0).map_or("", |m| m.as_str());
    let shown: String = whole.chars().take(80).collect();
    Some(format!(
        "`{shown}` states a bound of {} digits, beyond any value ({} at most)",
        bad.as_str().trim_start_matches('-').len(),
        if unsigned {
            u64::MAX.to_string()
        } else {
            i64::MAX.to_string()
        }
    ))
}

/// The bounds a text states: a range, else a lone minimum and maximum; none when they
/// contradict each other, and then the two that do.
#[allow(clippy::type_complexity)]
fn bounds<T: PartialOrd + Copy>(
    both: Option<(T, T)>,
    min: Option<T>,
    max: Option<T>,
) -> ((Option<T>, Option<T>), Option<(T, T)>) {
    let (lo, hi) = match both {
        Some((a, b)) => (Some(a), Some(b)),
        None => (min, max),
    };
    match (lo, hi) {
        (Some(a), Some(b)) if a > b => ((None, None), Some((a, b))),
        _ => ((lo, hi), None),
    }
}

static STATED_TYPE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?i)(?:\((string|integer|long|boolean|float|double)\)|\b(?:type|the value is an?|the value must be an?|must be an?|is an?)\s*:?\s+(string|integer|long|boolean|float|double)\b)",
    )
});
static DEFAULT_VALUE: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r"(?i)\bdefault(?: value)?(?: is|:)\s+`?([^\s`.,;]+)"));

/// The type a description states in words where its table has no Type column (`Type: String`,
/// `The value is an integer`, `(Boolean)`), or shows through its default value (`The default
/// value is false.`): the type and how it was found.
pub fn stated_type(description: &str) -> Option<(String, &'static str)> {
    if let Some(c) = STATED_TYPE.as_ref()?.captures(description) {
        let word = c.get(1).or_else(|| c.get(2))?.as_str();
        let mut ty = word.to_ascii_lowercase();
        if let Some(first) = ty.get(..1) {
            ty = first.to_ascii_uppercase() + &ty[1..];
        }
        return Some((ty, "its description says so"));
    }
    let c = DEFAULT_VALUE.as_ref()?.captures(description)?;
    Some((
        value_type(c.get(1)?.as_str()).to_owned(),
        "from its default value",
    ))
}

/// The type a value written as text shows: `true` Boolean, `12` Integer, anything else String.
pub fn value_type(value: &str) -> &'static str {
    let v = value.trim();
    if v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false") {
        "Boolean"
    } else if !v.is_empty() && v.parse::<i64>().is_ok() {
        if v.parse::<i32>().is_ok() {
            "Integer"
        } else {
            "Long"
        }
    } else {
        "String"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(|l| l.trim().to_owned()).collect()
    }

    fn values(e: &FoundEnum) -> Vec<(&str, Option<&str>)> {
        e.values
            .iter()
            .map(|(v, m)| (v.as_str(), m.as_deref()))
            .collect()
    }

    #[test]
    fn inline_and_bulleted_blocks() {
        let cell = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // (cell, description, restrictions, range, default)
        type Case<'a> = (
            &'a [&'a str],
            &'a str,
            Option<&'a str>,
            Option<&'a str>,
            Option<&'a str>,
        );
        let cases: [Case; 3] = [
            // vpc/delete-security-group-rule.txt: the blocks as bullets, not an enumeration.
            (
                &["• Definition: Project ID.", "• Range: None"],
                "Project ID.",
                None,
                Some("None"),
                None,
            ),
            // elb/delete-loadbalancer.txt: each block on one line.
            (
                &[
                    "Definition: LB ID.",
                    "Constraints: N/A",
                    "Range: N/A",
                    "Default Value: N/A",
                ],
                "LB ID.",
                Some("N/A"),
                Some("N/A"),
                Some("N/A"),
            ),
            // cce/delete-job.txt: `Details:` / `Constraints:` / `Options:` / `Default value:`.
            (
                &[
                    "Details:",
                    "Job ID.",
                    "Constraints:",
                    "None",
                    "Options:",
                    "• a",
                    "• b",
                    "Default value:",
                    "N/A",
                ],
                "Job ID.",
                Some("None"),
                Some("• a\n• b"),
                Some("N/A"),
            ),
        ];
        for (lines, description, restrictions, range, default) in cases {
            let b = blocks(&cell(lines)).expect("blocks");
            assert_eq!(b.description, description, "{lines:?}");
            assert_eq!(b.restrictions.as_deref(), restrictions, "{lines:?}");
            assert_eq!(b.range.as_deref(), range, "{lines:?}");
            assert_eq!(b.default.as_deref(), default, "{lines:?}");
        }
        // A plain description that mentions a range is no block.
        assert_eq!(blocks(&cell(&["Range: 1-10", "Definition: x"])), None);
    }

    #[test]
    fn enumerations_in_prose_bullets_and_inline_runs() {
        type Values<'a> = &'a [(&'a str, Option<&'a str>)];
        // (text, integers, description, values)
        let cases: [(&str, bool, Option<&str>, Values); 7] = [
            // other/dsc-show-dbss-other-ins-info.truncated.txt, rows `type` and `alg`.
            (
                "Instance type, which can be GDE (database encryption), DOM (database O&M), DDM (dynamic database masking), or DBSS (database audit).",
                false,
                Some("Instance type."),
                &[
                    ("GDE", Some("database encryption")),
                    ("DOM", Some("database O&M")),
                    ("DDM", Some("dynamic database masking")),
                    ("DBSS", Some("database audit")),
                ],
            ),
            (
                "Encryption algorithm, which can be sm4, aes-128, or aes-256.",
                false,
                Some("Encryption algorithm."),
                &[("sm4", None), ("aes-128", None), ("aes-256", None)],
            ),
            (
                "Billing mode. The options are as follows:\n• Period: yearly/monthly\n• Demand: on-demand",
                false,
                Some("Billing mode."),
                &[
                    ("Period", Some("yearly/monthly")),
                    ("Demand", Some("on-demand")),
                ],
            ),
            (
                "Request language type. The default value is en-us.\nValue:\n• en-us\n• zh-cn",
                false,
                Some("Request language type. The default value is en-us."),
                &[("en-us", None), ("zh-cn", None)],
            ),
            (
                "Indicates whether an instance is a primary or standby instance in HA mode. -0: primary instance; -1: standby instance",
                true,
                Some("Indicates whether an instance is a primary or standby instance in HA mode."),
                &[
                    ("0", Some("primary instance")),
                    ("1", Some("standby instance")),
                ],
            ),
            (
                "1: encryption, 2: decryption.",
                true,
                None,
                &[("1", Some("encryption")), ("2", Some("decryption."))],
            ),
            (
                "Enumeration values: GDE, DOM, or DBSS.",
                false,
                None,
                &[("GDE", None), ("DOM", None), ("DBSS", None)],
            ),
        ];
        for (text, integers, description, expected) in cases {
            let e = find_enum(&lines(text), integers).expect(text);
            assert_eq!(e.description.as_deref(), description, "{text}");
            assert_eq!(values(&e), expected, "{text}");
        }
    }

    #[test]
    fn prose_is_no_enumeration() {
        for text in [
            "Instance name",
            "The value contains 32 to 64 characters.",
            "• The name must be unique.\n• It cannot be changed.",
            "Time in the format yyyy-MM-dd: the day.",
            "Encrypted authentication failure information, which can be decrypted using the STS5 decryption API.",
        ] {
            assert_eq!(find_enum(&lines(text), false), None, "{text}");
        }
        // Strings are not integers.
        assert_eq!(find_enum(&lines("• a: x\n• b: y"), true), None);
    }

    #[test]
    fn blocks_of_both_templates() {
        let b = blocks(&lines(
            "** Parameter description**:\nProject ID.\n** Restrictions**:\nN/A\n** Value range**:\n32 to 64 characters.\n** Default value**:\nN/A",
        ))
        .expect("blocks");
        assert_eq!(b.description, "Project ID.");
        assert_eq!(b.restrictions.as_deref(), Some("N/A"));
        assert_eq!(b.range.as_deref(), Some("32 to 64 characters."));
        let b = blocks(&lines(
            "Definition:\nInstance ID.\nConstraints\nN/A\nRange:\nAny\nDefault Value:\nN/A",
        ))
        .expect("blocks");
        assert_eq!(b.description, "Instance ID.");
        assert_eq!(b.default.as_deref(), Some("N/A"));
        assert_eq!(blocks(&lines("Project ID.\nRange:\nAny")), None);
    }

    #[test]
    fn types_stated_in_words_or_by_a_default() {
        let t = |s: &str| stated_type(s).map(|(t, _)| t);
        assert_eq!(t("Type: String. The name."), Some("String".into()));
        assert_eq!(
            t("The value is an integer from 1 to 10."),
            Some("Integer".into())
        );
        assert_eq!(t("Whether to cascade (Boolean)."), Some("Boolean".into()));
        assert_eq!(
            t("Whether to delete the snapshots. The default value is false."),
            Some("Boolean".into())
        );
        assert_eq!(t("The default value is 10."), Some("Integer".into()));
        assert_eq!(t("The disk ID."), None);
        assert_eq!(value_type("4294967296"), "Long");
        assert_eq!(value_type("abc"), "String");
    }

    #[test]
    fn limits_of_each_kind() {
        let l = limits("The value contains 32 to 64 characters.", None, Kind::Text);
        assert_eq!((l.min_length, l.max_length), (Some(32), Some(64)));
        let l = limits(
            "Greater than 0 and less than or equal to 10000",
            None,
            Kind::Whole,
        );
        assert_eq!((l.minimum, l.maximum), (Some(1), Some(10000)));
        let l = limits("x", Some("1-100"), Kind::Whole);
        assert_eq!((l.minimum, l.maximum), (Some(1), Some(100)));
        let l = limits("A maximum of 10 items.", None, Kind::List);
        assert_eq!(l.max_items, Some(10));
        assert!(limits("Greater than or equal to 0", None, Kind::Text).is_empty());
        assert!(limits("Remarks.", None, Kind::Text).is_empty());
    }
}
