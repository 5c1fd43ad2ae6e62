//! What the Chinese descriptions say: the blocks (`**参数解释**` definition, `**约束限制**`
//! constraints, `**取值范围**` range, `**默认取值**` default; `不涉及` is N/A), the value lists
//! written only in the text, and the numeric and length limits the text states.
//!
//! How the 113 DBSS definitions write value lists (measured; see the tests):
//! - one value a line, `- VALUE:label` (by far the most), with spaces around the dash or the
//!   colon at times (`- ON :开启`, ` - SHUTOFF: 已关闭`), the label sometimes ending in `。`;
//! - one value a line without a label (`- GREATER`);
//! - all on one line (`冻结场景  - POLICE:公安冻结  - ILLEGAL:违规冻结 ...`);
//! - inside the `**取值范围**` block, in the same forms;
//! - as a comma-separated run (`LOGIN,CREATE_TABLE,...,OPERATE ALL`): these describe what a
//!   field may combine, not a closed list, and are reported as ambiguous;
//! - lines that are not values (`- 非0:异常` "non-zero", `- 0 或 其它:保持原状` "0 or other"):
//!   the list is reported as ambiguous, with the lines, rather than guessed.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

/// The text's word for "not applicable".
pub const NOT_APPLICABLE: &str = "不涉及";

/// The four blocks of the newer description template.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Blocks {
    /// `**参数解释**`: what the field is.
    pub definition: Option<Block>,
    /// `**约束限制**`: constraints.
    pub constraints: Option<Block>,
    /// `**取值范围**`: the values it takes.
    pub range: Option<Block>,
    /// `**默认取值**`: the default.
    pub default: Option<Block>,
    /// Other `**...**` headings, with their text.
    pub other: Vec<(String, Block)>,
}

/// One block's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// `不涉及`: N/A.
    NotApplicable,
    /// The text, trimmed.
    Text(String),
}

impl Block {
    fn of(text: &str) -> Block {
        let t = text.trim();
        if t == NOT_APPLICABLE || t.trim_end_matches(['。', '.']) == NOT_APPLICABLE {
            Block::NotApplicable
        } else {
            Block::Text(t.to_owned())
        }
    }

    /// The text, unless N/A.
    pub fn text(&self) -> Option<&str> {
        match self {
            Block::NotApplicable => None,
            Block::Text(t) => Some(t),
        }
    }
}

static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*\*\s*([^*\n]{1,20}?)\s*\*\*\s*[:：]?").unwrap());

/// The blocks of a description, if it uses the template (has at least one `**...**`
/// heading); text before the first heading is the definition when there is no
/// `**参数解释**`.
pub fn blocks(description: &str) -> Option<Blocks> {
    let headings: Vec<_> = HEADING.captures_iter(description).collect();
    if headings.is_empty() {
        return None;
    }
    let mut out = Blocks::default();
    let first = headings[0].get(0).map_or(0, |m| m.start());
    let lead = description[..first].trim();
    for (i, cap) in headings.iter().enumerate() {
        let whole = cap.get(0).unwrap();
        let end = headings
            .get(i + 1)
            .and_then(|c| c.get(0))
            .map_or(description.len(), |m| m.start());
        let block = Block::of(&description[whole.end()..end]);
        let slot = match &cap[1] {
            "参数解释" => &mut out.definition,
            "约束限制" => &mut out.constraints,
            "取值范围" => &mut out.range,
            "默认取值" => &mut out.default,
            other => {
                out.other.push((other.to_owned(), block));
                continue;
            }
        };
        if slot.is_none() {
            *slot = Some(block);
        }
    }
    if out.definition.is_none() && !lead.is_empty() {
        out.definition = Some(Block::of(lead));
    }
    Some(out)
}

/// One value of a list written in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedValue {
    /// The value as sent (`LOW`, `0`, `hws.service.type.dbss`; `""` becomes the empty
    /// string).
    pub value: String,
    /// What the text says it means (`低`), when it says.
    pub label: Option<String>,
}

/// How a list is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListForm {
    /// One `- VALUE:label` a line.
    Lines,
    /// One `- VALUE` a line, no labels.
    BareLines,
    /// Several `- VALUE:label` on one line.
    Inline,
}

/// What the text says about the values a field takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueList {
    /// No list.
    None,
    /// A list that reads unambiguously.
    Found {
        /// The values, in the text's order.
        values: Vec<ListedValue>,
        /// How it is written.
        form: ListForm,
    },
    /// Something like a list that cannot be read as a closed list without guessing.
    Ambiguous {
        /// Why.
        reason: String,
        /// The lines (or items) concerned.
        lines: Vec<String>,
    },
}

impl ValueList {
    /// The values, when found.
    pub fn values(&self) -> Option<Vec<&str>> {
        match self {
            ValueList::Found { values, .. } => {
                Some(values.iter().map(|v| v.value.as_str()).collect())
            }
            _ => None,
        }
    }
}

/// A value as the lists write them: letters, digits, `_`, `.`, `-`, `/`, and inner single
/// spaces (`MODIFYING INSTANCE TYPE`); or `""`.
static VALUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[A-Za-z0-9_./-]+(?: [A-Za-z0-9_./-]+)*|\x22\x22)$").unwrap());
/// `- VALUE:label` inside one line, for the inline form.
static INLINE_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)-\s*([A-Za-z0-9_./-]+)\s*[:：]").unwrap());
/// A comma-separated run of at least three upper-case words.
static COMMA_RUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z][A-Z0-9_]*(?:\s*,\s*[A-Z][A-Z0-9_ ]*){2,}$").unwrap());

fn clean_label(label: &str) -> Option<String> {
    let l = label
        .trim()
        .trim_end_matches(['。', ';', '；', ',', '，', '.'])
        .trim();
    (!l.is_empty()).then(|| l.to_owned())
}

fn split_item(item: &str) -> (String, Option<String>) {
    let item = item.trim();
    match item.find([':', '：']) {
        Some(i) => {
            let colon = item[i..].chars().next().map_or(1, char::len_utf8);
            (item[..i].trim().to_owned(), clean_label(&item[i + colon..]))
        }
        None => (item.to_owned(), None),
    }
}

fn listed(value: String, label: Option<String>) -> ListedValue {
    let value = if value == "\"\"" {
        String::new()
    } else {
        value
    };
    ListedValue { value, label }
}

/// The value list a description (or one block of it) writes, if any.
pub fn value_list(text: &str) -> ValueList {
    let mut values = Vec::new();
    let mut rejected = Vec::new();
    let mut labelled = 0;
    let mut inline_form = false;
    for line in text.lines() {
        let t = line.trim();
        // The inline form: several `- X:label` on one line.
        let starts: Vec<usize> = INLINE_ITEM.find_iter(t).map(|m| m.start()).collect();
        if starts.len() >= 2 {
            inline_form = true;
            for (i, &s) in starts.iter().enumerate() {
                let e = starts.get(i + 1).copied().unwrap_or(t.len());
                let (v, l) = split_item(t[s..e].trim().trim_start_matches('-'));
                labelled += usize::from(l.is_some());
                values.push(listed(v, l));
            }
            continue;
        }
        let Some(item) = t.strip_prefix('-') else {
            if COMMA_RUN.is_match(t) {
                return ValueList::Ambiguous {
                    reason: "a comma-separated run of words: it says what may be combined in \
                             one value, not a closed list"
                        .to_owned(),
                    lines: t.split(',').map(|s| s.trim().to_owned()).collect(),
                };
            }
            continue;
        };
        let (v, l) = split_item(item);
        if VALUE.is_match(&v) {
            labelled += usize::from(l.is_some());
            values.push(listed(v, l));
        } else if l.is_some() || !values.is_empty() {
            // `- 非0:异常`, `- 0 或 其它:保持原状`: a line of the list that is no value.
            rejected.push(t.to_owned());
        }
        // A dash line without a colon before any value (`-订购周期类型`) is a heading.
    }
    if !rejected.is_empty() {
        return ValueList::Ambiguous {
            reason: "some lines of the list are not single values".to_owned(),
            lines: rejected,
        };
    }
    if values.is_empty() {
        return ValueList::None;
    }
    let form = if inline_form {
        ListForm::Inline
    } else if labelled == 0 {
        ListForm::BareLines
    } else {
        ListForm::Lines
    };
    check_duplicates(values, form)
}

fn check_duplicates(values: Vec<ListedValue>, form: ListForm) -> ValueList {
    let mut seen = std::collections::BTreeSet::new();
    let dups: Vec<String> = values
        .iter()
        .filter(|v| !seen.insert(v.value.as_str()))
        .map(|v| v.value.clone())
        .collect();
    if dups.is_empty() {
        ValueList::Found { values, form }
    } else {
        ValueList::Ambiguous {
            reason: "a value is listed twice".to_owned(),
            lines: dups,
        }
    }
}

/// The value list of a whole description: the `**取值范围**` block when the template is
/// used, else the whole text.
pub fn description_values(description: &str) -> ValueList {
    match blocks(description) {
        Some(b) => match b.range.as_ref().and_then(Block::text) {
            Some(range) => value_list(range),
            None => ValueList::None,
        },
        None => value_list(description),
    }
}

/// Limits a text states.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextLimits {
    /// Smallest value, and whether it is excluded (`大于0`).
    pub minimum: Option<(f64, bool)>,
    /// Largest value, and whether it is excluded (`小于100`).
    pub maximum: Option<(f64, bool)>,
    /// Shortest length (`字符长度32-64`).
    pub min_length: Option<u64>,
    /// Longest length (`字符长度32-64`, `最大长度128个字符`, `长度小于等于64`).
    pub max_length: Option<u64>,
}

impl TextLimits {
    /// True when the text states no limit.
    pub fn is_empty(&self) -> bool {
        *self == TextLimits::default()
    }
}

static LENGTH_RANGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:字符)?长度\s*(\d+)\s*[-~～到至]\s*(\d+)").unwrap());
static LENGTH_MAX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:最大长度|长度(?:小于等于|不超过|最大为?|最多))\s*(\d+)").unwrap()
});
static COMPARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(大于等于|大于|小于等于|小于|不小于|不大于)\s*(-?\d+(?:\.\d+)?)").unwrap()
});

/// The limits `text` states. Length words (`长度`) give lengths; comparison words
/// (`大于等于0`, `大于0小于等于100`) give the value's range, unless the text speaks of length.
pub fn text_limits(text: &str) -> TextLimits {
    let mut out = TextLimits::default();
    if let Some(c) = LENGTH_RANGE.captures(text) {
        out.min_length = c[1].parse().ok();
        out.max_length = c[2].parse().ok();
    } else if let Some(c) = LENGTH_MAX.captures(text) {
        out.max_length = c[1].parse().ok();
    } else if text.contains("长度") {
        for c in COMPARE.captures_iter(text) {
            let Ok(n) = c[2].parse::<u64>() else { continue };
            match &c[1] {
                "小于等于" | "不大于" => out.max_length = Some(n),
                "小于" => out.max_length = n.checked_sub(1),
                "大于等于" | "不小于" => out.min_length = Some(n),
                _ => out.min_length = Some(n + 1),
            }
        }
    } else {
        for c in COMPARE.captures_iter(text) {
            let Ok(n) = c[2].parse::<f64>() else { continue };
            match &c[1] {
                "大于等于" | "不小于" => out.minimum = Some((n, false)),
                "大于" => out.minimum = Some((n, true)),
                "小于等于" | "不大于" => out.maximum = Some((n, false)),
                _ => out.maximum = Some((n, true)),
            }
        }
    }
    out
}

/// Where the text and the schema keywords disagree on a limit.
#[derive(Debug, Clone, PartialEq)]
pub struct LimitDisagreement {
    /// The keyword (`minLength`, `maximum`, ...).
    pub keyword: &'static str,
    /// What the text says.
    pub text: String,
    /// What the schema says (`none` when it says nothing).
    pub schema: String,
}

/// Compares the limits a text states with a schema's keywords: every limit the text states
/// that the schema lacks or sets otherwise. (An exclusive text bound `大于0` on an integer
/// agrees with `minimum: 1`.)
pub fn compare_limits(
    text: &TextLimits,
    schema: &super::model::Schema,
    integer: bool,
) -> Vec<LimitDisagreement> {
    let mut out = Vec::new();
    let num = |n: &Option<serde_json::Number>| n.as_ref().and_then(serde_json::Number::as_f64);
    let show = |v: Option<String>| v.unwrap_or_else(|| "none".to_owned());
    let mut len = |keyword, t: Option<u64>, s: Option<u64>| {
        if let Some(t) = t
            && Some(t) != s
        {
            out.push(LimitDisagreement {
                keyword,
                text: t.to_string(),
                schema: show(s.map(|s| s.to_string())),
            });
        }
    };
    len("minLength", text.min_length, schema.min_length);
    len("maxLength", text.max_length, schema.max_length);
    let mut bound = |keyword, t: Option<(f64, bool)>, s: Option<f64>, s_excl: bool, up: bool| {
        let Some((t, t_excl)) = t else { return };
        let agrees = match s {
            None => false,
            Some(s) if t_excl == s_excl => s == t,
            Some(s) if integer && t_excl => s == if up { t - 1.0 } else { t + 1.0 },
            Some(s) => integer && !t_excl && s == if up { t + 1.0 } else { t - 1.0 },
        };
        if !agrees {
            let word = |v: f64, e: bool| format!("{v}{}", if e { " (excluded)" } else { "" });
            out.push(LimitDisagreement {
                keyword,
                text: word(t, t_excl),
                schema: show(s.map(|s| word(s, s_excl))),
            });
        }
    };
    bound(
        "minimum",
        text.minimum,
        num(&schema.minimum),
        schema.exclusive_minimum,
        false,
    );
    bound(
        "maximum",
        text.maximum,
        num(&schema.maximum),
        schema.exclusive_maximum,
        true,
    );
    out
}

/// The default a `**默认取值**` block states (`默认值为100` gives `100`), unless N/A or
/// prose.
pub fn text_default(block: &Block) -> Option<String> {
    let t = block.text()?;
    let t = t
        .trim_start_matches("默认值为")
        .trim_start_matches("默认为")
        .trim()
        .trim_end_matches(['。', '.'])
        .trim();
    let first = t.split([':', '：']).next().unwrap_or("").trim();
    VALUE.is_match(first).then(|| first.to_owned())
}

/// A JSON value as the text writes it (`"LOW"` is `LOW`, `1` is `1`).
pub fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_four_blocks_and_not_applicable() {
        let b = blocks("**参数解释**:\n实例ID。\n**约束限制**:\n不涉及\n**取值范围**:\n字符长度32-64。\n**默认取值**:\n不涉及").unwrap();
        assert_eq!(b.definition, Some(Block::Text("实例ID。".into())));
        assert_eq!(b.constraints, Some(Block::NotApplicable));
        assert_eq!(b.range, Some(Block::Text("字符长度32-64。".into())));
        assert_eq!(b.default, Some(Block::NotApplicable));
        assert!(blocks("告警类型").is_none());
        let odd = blocks("前言 **新标题**: x").unwrap();
        assert_eq!(odd.definition, Some(Block::Text("前言".into())));
        assert_eq!(
            odd.other,
            vec![("新标题".to_owned(), Block::Text("x".into()))]
        );
    }

    #[test]
    fn reads_every_list_form() {
        let lines = value_list("告警等级\n- high:高 \n- medium:中 \n- low:低");
        assert_eq!(lines.values(), Some(vec!["high", "medium", "low"]));
        assert!(matches!(
            lines,
            ValueList::Found {
                form: ListForm::Lines,
                ..
            }
        ));
        let spaced = value_list("实例状态\n- ON :开启\n- OFF : 关闭。");
        let ValueList::Found { values, .. } = &spaced else {
            panic!("{spaced:?}")
        };
        assert_eq!(
            values[1],
            ListedValue {
                value: "OFF".into(),
                label: Some("关闭".into())
            }
        );
        let bare = value_list("关系: \n- GREATER\n- EQUAL\n- NO_MATCH");
        assert!(matches!(
            bare,
            ValueList::Found {
                form: ListForm::BareLines,
                ..
            }
        ));
        let inline =
            value_list("冻结场景  - POLICE:公安冻结  - ILLEGAL:违规冻结 - ARREAR:普通冻结(普通)");
        assert_eq!(inline.values(), Some(vec!["POLICE", "ILLEGAL", "ARREAR"]));
        let heading = value_list("-订购周期类型\n- 0:天\n- 1:周");
        assert_eq!(heading.values(), Some(vec!["0", "1"]));
        let spaces =
            value_list("状态\n- MODIFYING INSTANCE TYPE:转主备\n- hws.service.type.dbss: 审计");
        assert_eq!(
            spaces.values(),
            Some(vec!["MODIFYING INSTANCE TYPE", "hws.service.type.dbss"])
        );
        let empty = value_list("类型\n- VARIABLE:变量\n- \"\":空");
        assert_eq!(empty.values(), Some(vec!["VARIABLE", ""]));
        assert_eq!(value_list("实例ID"), ValueList::None);
    }

    #[test]
    fn records_ambiguity_instead_of_guessing() {
        for text in [
            "- 0:正常\n- 非0:异常",
            "- 1 :是\n- 0 或 其它:保持原状",
            "操作集合, 中间逗号分隔。\nLOGIN,CREATE_TABLE,DROP_TABLE, OPERATE ALL",
            "- A:x\n- A:y",
        ] {
            let list = value_list(text);
            assert!(
                matches!(list, ValueList::Ambiguous { .. }),
                "{text}: {list:?}"
            );
        }
    }

    #[test]
    fn reads_limits_and_compares_them_with_the_schema() {
        let l = text_limits("以查询实例列表接口值为准,字符长度32-64。");
        assert_eq!((l.min_length, l.max_length), (Some(32), Some(64)));
        assert_eq!(text_limits("键。最大长度128个字符。").max_length, Some(128));
        assert_eq!(text_limits("长度小于等于64。").max_length, Some(64));
        let n = text_limits("大于0小于等于100");
        assert_eq!(
            (n.minimum, n.maximum),
            (Some((0.0, true)), Some((100.0, false)))
        );
        assert!(text_limits("实例名称").is_empty());

        let schema: super::super::model::Schema =
            serde_json::from_str(r#"{"minLength":32,"maxLength":64,"minimum":1,"maximum":50}"#)
                .unwrap();
        assert!(compare_limits(&l, &schema, false).is_empty());
        let d = compare_limits(&n, &schema, true);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            (d[0].keyword, d[0].text.as_str(), d[0].schema.as_str()),
            ("maximum", "100", "50")
        );
    }

    #[test]
    fn reads_defaults() {
        assert_eq!(
            text_default(&Block::Text("默认值为100".into())),
            Some("100".into())
        );
        assert_eq!(
            text_default(&Block::Text("false: 不支持".into())),
            Some("false".into())
        );
        assert_eq!(text_default(&Block::NotApplicable), None);
        assert_eq!(text_default(&Block::Text("不传则默认为审计".into())), None);
    }
}
