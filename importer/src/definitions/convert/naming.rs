//! Spec names: valid, distinct after the model's naming rules, and short.

use super::*;

/// The spec names in use, as the generator will see them (Rust name and module file).
#[derive(Debug, Default)]
pub(super) struct Namer {
    rust: BTreeSet<String>,
    modules: BTreeSet<String>,
}

impl Namer {
    /// True when `wanted` would be claimed as it is spelled (after [`spec_name`]).
    pub(super) fn is_free(&self, wanted: &str) -> bool {
        let name = spec_name(wanted);
        let rust = names::type_name(&name);
        rust == name
            && !self.rust.contains(&rust)
            && !self.modules.contains(&names::module_name(&rust))
    }

    /// A valid, unused spec name close to `wanted`; claims it.
    pub(super) fn claim(&mut self, wanted: &str) -> String {
        let base = spec_name(wanted);
        let mut candidate = base.clone();
        let mut n = 2;
        loop {
            let rust = names::type_name(&candidate);
            let module = names::module_name(&rust);
            if rust == candidate && !self.rust.contains(&rust) && !self.modules.contains(&module) {
                self.rust.insert(rust);
                self.modules.insert(module);
                return candidate;
            }
            candidate = if rust != candidate && n == 2 {
                // A keyword or reserved name (`Self`, `Option`): a suffix makes it plain.
                format!("{base}Type")
            } else {
                format!("{base}{n}")
            };
            n += 1;
        }
    }
}

/// `wanted` as an UpperCamelCase ASCII name of at most [`MAX_NAME`] characters.
pub(super) fn spec_name(wanted: &str) -> String {
    let camel: String = names::type_name(wanted)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let camel = match camel.chars().next() {
        None => "Type".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("T{camel}"),
        Some(_) => camel,
    };
    if camel.len() <= MAX_NAME {
        return camel;
    }
    // FNV-1a of the whole name keeps two long names that share a prefix apart.
    let hash = camel.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{}H{:08x}", &camel[..MAX_NAME - 9], hash as u32)
}

/// A `rust_name` when the derived name of `wire` is taken in this table.
pub(super) fn rust_name(taken: &mut BTreeSet<String>, wire: &str) -> Option<String> {
    let derived = names::field_name(wire);
    if taken.insert(derived.clone()) {
        return None;
    }
    let base = derived.trim_end_matches('_');
    let mut n = 2;
    loop {
        let candidate = format!("{base}_{n}");
        if taken.insert(candidate.clone()) {
            return Some(candidate);
        }
        n += 1;
    }
}
