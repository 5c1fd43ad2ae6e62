//! API groups (the files' `tags`, in Chinese) and their English names.
//!
//! The English names are the English API reference's group names where its pages were found
//! (the breadcrumb `Help Center/ Database Security Service/ API Reference/ API/ <group>/ ...`
//! or its navigation tree); the others are translations in the same style, marked as not
//! confirmed so that the converter records them as a person's decision in `service.yaml`.
//! The sub-groups of the audit rules (`审计规则-SQL注入`, ...) follow the reference's
//! "Audit Rules" and the user guide's rule names (SQL injection, audit scope, privacy data
//! protection, risky operations). A group of another service has no English name here: the
//! converter must ask for one.

use std::collections::BTreeMap;

use super::ops::OperationInfo;

/// Where an English group name comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameSource {
    /// Seen in the English API reference (the page given).
    Reference(&'static str),
    /// A translation: no English page was found that names the group.
    Translation,
}

/// One group's English name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupName {
    /// The group as the definitions write it.
    pub chinese: &'static str,
    /// The English name.
    pub english: &'static str,
    /// Where the English name comes from.
    pub source: NameSource,
}

const NAV: &str = "https://support.huaweicloud.com/intl/en-us/api-dbss/dbss_api_01_0008.html";

/// The 20 DBSS groups.
pub const DBSS_GROUPS: &[GroupName] = &[
    GroupName {
        chinese: "审计实例",
        english: "Audit Instance",
        source: NameSource::Reference(
            "https://support.huaweicloud.com/eu/fr-fr/api-dbss/ListAuditInstances.html",
        ),
    },
    GroupName {
        chinese: "运维增强管理",
        english: "Enhanced O&M Management",
        source: NameSource::Reference("spec/sources/dbss/list-instances.txt (breadcrumb)"),
    },
    GroupName {
        chinese: "待下线接口",
        english: "APIs to Be Taken Offline",
        source: NameSource::Reference(
            "https://support.huaweicloud.cn/intl/pt-br/api-dbss/ListAuditInstances.html",
        ),
    },
    GroupName {
        chinese: "总览",
        english: "Dashboard",
        source: NameSource::Reference(
            "https://support.huaweicloud.cn/intl/ja-jp/api-dbss/ListAuditSummaryInfos.html",
        ),
    },
    GroupName {
        chinese: "TMS标签",
        english: "TMS Tags",
        source: NameSource::Reference(
            "https://support.huaweicloud.com/eu/api-dbss/BatchAddResourceTag.html",
        ),
    },
    GroupName {
        chinese: "管理侧查询",
        english: "Querying on the Management Side",
        source: NameSource::Reference(NAV),
    },
    GroupName {
        chinese: "审计数据库",
        english: "Auditing a Database",
        source: NameSource::Reference(NAV),
    },
    GroupName {
        chinese: "审计Agent",
        english: "Auditing Agent",
        source: NameSource::Reference(NAV),
    },
    GroupName {
        chinese: "审计规则",
        english: "Audit Rules",
        source: NameSource::Reference(
            "https://support.huaweicloud.com/eu/nl-nl/api-dbss/ListSqlInjectionRules.html",
        ),
    },
    GroupName {
        chinese: "审计规则-SQL注入",
        english: "Audit Rules - SQL Injection",
        source: NameSource::Translation,
    },
    GroupName {
        chinese: "审计规则-审计范围",
        english: "Audit Rules - Audit Scope",
        source: NameSource::Translation,
    },
    GroupName {
        chinese: "审计规则-隐私数据保护",
        english: "Audit Rules - Privacy Data Protection",
        source: NameSource::Translation,
    },
    GroupName {
        chinese: "审计规则-风险操作",
        english: "Audit Rules - Risky Operations",
        source: NameSource::Translation,
    },
    GroupName {
        chinese: "SQL白名单功能",
        english: "SQL Whitelist",
        source: NameSource::Translation,
    },
    GroupName {
        chinese: "加密增强管理",
        english: "Enhanced Encryption Management",
        source: NameSource::Translation,
    },
    GroupName {
        chinese: "告警信息",
        english: "Alarm Information",
        source: NameSource::Translation,
    },
    GroupName {
        chinese: "备份管理",
        english: "Backup Management",
        source: NameSource::Translation,
    },
    GroupName {
        chinese: "报表管理",
        english: "Report Management",
        source: NameSource::Translation,
    },
    GroupName {
        chinese: "数据报表",
        english: "Data Reports",
        source: NameSource::Reference(
            "https://support.huaweicloud.com/intl/tr-tr/api-dbss/CountOperationStatistics.html",
        ),
    },
    GroupName {
        chinese: "风险导出",
        english: "Risk Export",
        source: NameSource::Translation,
    },
];

/// The English name of a DBSS group, if it is one.
pub fn dbss_english(chinese: &str) -> Option<&'static GroupName> {
    DBSS_GROUPS.iter().find(|g| g.chinese == chinese)
}

/// One group of the set: its operations, and its English name when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group<'a> {
    /// The group as written.
    pub name: &'a str,
    /// Its operations' ids, in file order.
    pub operations: Vec<&'a str>,
    /// The English name, when `names` knows it.
    pub english: Option<&'static GroupName>,
}

/// The groups of `ops` (operations without a group are under `""`), by name, with English
/// names from `names` (e.g. [`DBSS_GROUPS`]).
pub fn groups<'a>(ops: &[OperationInfo<'a>], names: &'static [GroupName]) -> Vec<Group<'a>> {
    let mut by: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for op in ops {
        by.entry(op.tag.unwrap_or("")).or_default().push(op.id);
    }
    by.into_iter()
        .map(|(name, operations)| Group {
            name,
            operations,
            english: names.iter().find(|g| g.chinese == name),
        })
        .collect()
}
