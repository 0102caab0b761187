//! Turns the locale files in `app/locales/*.json` into Rust: one `Messages`
//! struct with a field per key, one `static` value per locale, and a `get()`
//! for keys chosen at run time (region and sector names). The build fails when
//! a locale misses a key that English has, or has one English lacks, so no
//! page can show a missing string.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

const LOCALES: [&str; 6] = ["en", "fr", "ar", "es", "zh", "pt"];
const REFERENCE: &str = "en";

fn flatten(prefix: &str, value: &serde_json::Value, out: &mut BTreeMap<String, String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                flatten(&path, inner, out);
            }
        }
        serde_json::Value::String(text) => {
            out.insert(prefix.to_owned(), text.clone());
        }
        other => panic!("locale key `{prefix}` must be a string or an object, found {other}"),
    }
}

fn field_name(key: &str) -> String {
    key.replace(['.', '-'], "_")
}

fn load(dir: &Path, locale: &str) -> BTreeMap<String, String> {
    let path = dir.join(format!("{locale}.json"));
    println!("cargo:rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    let json: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|err| panic!("{} is not valid JSON: {err}", path.display()));
    let mut flat = BTreeMap::new();
    flatten("", &json, &mut flat);
    flat
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let tables: Vec<(&str, BTreeMap<String, String>)> =
        LOCALES.iter().map(|locale| (*locale, load(&dir, locale))).collect();
    let reference = &tables.iter().find(|(l, _)| *l == REFERENCE).expect("reference locale").1;

    let mut problems = Vec::new();
    for (locale, table) in &tables {
        for key in reference.keys().filter(|k| !table.contains_key(*k)) {
            problems.push(format!("{locale}.json lacks `{key}`"));
        }
        for key in table.keys().filter(|k| !reference.contains_key(*k)) {
            problems.push(format!("{locale}.json has `{key}`, which {REFERENCE}.json lacks"));
        }
    }
    assert!(problems.is_empty(), "locale files disagree:\n  {}", problems.join("\n  "));

    let mut code = String::new();
    code.push_str("/// Every user-visible string of the interface, in one language.\n");
    code.push_str("#[derive(Debug)]\n#[allow(non_snake_case)]\npub struct Messages {\n");
    for key in reference.keys() {
        writeln!(code, "    /// `{key}`\n    pub {}: &'static str,", field_name(key)).unwrap();
    }
    code.push_str("}\n\nimpl Messages {\n");
    code.push_str("    /// Looks up a key chosen at run time, such as `region.souss-massa`.\n");
    code.push_str("    pub fn get(&self, key: &str) -> Option<&'static str> {\n        match key {\n");
    for key in reference.keys() {
        writeln!(code, "            {key:?} => Some(self.{}),", field_name(key)).unwrap();
    }
    code.push_str("            _ => None,\n        }\n    }\n}\n\n");
    for (locale, table) in &tables {
        writeln!(code, "pub static {}: Messages = Messages {{", locale.to_uppercase()).unwrap();
        for (key, text) in table {
            writeln!(code, "    {}: {text:?},", field_name(key)).unwrap();
        }
        code.push_str("};\n\n");
    }
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("messages.rs");
    std::fs::write(&out, code).unwrap_or_else(|err| panic!("cannot write {}: {err}", out.display()));
}
