//! SARIF 2.1.0, for code-scanning dashboards (GitHub, Azure DevOps, IDE viewers).
//!
//! Columns are counted in the [`ColumnUnit`] the writer is given and declared in the run's
//! `columnKind`: `unicodeCodePoints` for characters, `utf16CodeUnits` for UTF-16. SARIF has no
//! kind for bytes; a byte-counted log leaves `columnKind` out and says `"columnUnit": "byte"` in
//! the run's `properties` instead, but a consumer will still read its columns as characters of
//! one kind or the other. Every rule a result refers to is listed in `tool.driver.rules`, even a
//! code the caller's catalogue does not know (it is described from the finding itself), so
//! `ruleIndex` is always valid.

use crate::{ColumnUnit, Finding, Lang, Region, RuleMeta};
use nianbao_model::Severity;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The tool as SARIF names it.
#[derive(Clone, Copy, Debug)]
pub struct Tool<'a> {
    pub name: &'a str,
    pub version: &'a str,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A region; on a PDF its page goes in the region's property bag (SARIF has no page member),
/// while the lines and columns are those of the text extracted from it.
fn region(region: Region, page: Option<u32>, unit: ColumnUnit) -> Value {
    let mut value = json!({
        "startLine": region.start.line,
        "startColumn": region.start.column_in(unit),
        "endLine": region.end.line,
        "endColumn": region.end.column_in(unit),
    });
    if let (Some(page), Some(object)) = (page, value.as_object_mut()) {
        object.insert("properties".into(), json!({ "page": page }));
    }
    value
}

/// How the run declares what its columns count (the `"columnKind"` member and what follows it).
fn column_kind(unit: ColumnUnit) -> &'static str {
    match unit {
        ColumnUnit::Char => "\"columnKind\": \"unicodeCodePoints\",",
        ColumnUnit::Utf16 => "\"columnKind\": \"utf16CodeUnits\",",
        ColumnUnit::Byte => "\"properties\": { \"columnUnit\": \"byte\" },",
    }
}

/// A relative URI reference for a path: `/` separators, everything but unreserved characters
/// percent-encoded (report file names are usually Chinese).
pub fn path_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The run's `language`: the language its messages and rule texts are in.
fn language(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en-US",
    }
}

/// A rule's descriptor in the run's language: its summary, and its documentation (what it
/// checks or means, why, what to do; Markdown with links into the repository's `docs/`) as the
/// full description and the help, whose `markdown` code-scanning dashboards render.
fn rule_descriptor(rule: &RuleMeta, lang: Lang) -> Value {
    let summary = rule.summary.get(lang);
    let full = rule
        .doc
        .as_ref()
        .map(|doc| doc.get(lang))
        .filter(|doc| !doc.is_empty())
        .unwrap_or(summary);
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": { "text": summary },
        "fullDescription": { "text": full },
        "help": { "text": full, "markdown": full },
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": { "category": rule.category.as_str() },
    })
}

/// Writes one SARIF log as findings arrive, so that a corpus run never holds every result.
///
/// Results come first and `tool` last (JSON objects are unordered): by then every code that
/// appeared is known. `tool.driver.rules` holds the catalogue sorted by code, then codes the
/// catalogue did not know in order of first appearance, so every `ruleIndex` is known the moment
/// its result is written. Call [`SarifWriter::finish`] even when nothing was pushed.
pub struct SarifWriter<'a, W: std::io::Write> {
    out: W,
    lang: Lang,
    unit: ColumnUnit,
    tool: Tool<'a>,
    rules: Vec<Value>,
    index_of: BTreeMap<String, usize>,
    empty: bool,
}

impl<'a, W: std::io::Write> SarifWriter<'a, W> {
    pub fn new(
        mut out: W,
        catalogue: &[RuleMeta],
        tool: Tool<'a>,
        lang: Lang,
        unit: ColumnUnit,
    ) -> std::io::Result<Self> {
        let mut sorted: Vec<&RuleMeta> = catalogue.iter().collect();
        sorted.sort_by(|a, b| a.code.cmp(&b.code));
        sorted.dedup_by(|a, b| a.code == b.code);
        let index_of = sorted
            .iter()
            .enumerate()
            .map(|(index, rule)| (rule.code.clone(), index))
            .collect();
        let rules = sorted
            .iter()
            .map(|rule| rule_descriptor(rule, lang))
            .collect();
        write!(
            out,
            "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \
             \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      {}\n      \"language\": \"{}\",\n      \"results\": [",
            column_kind(unit),
            language(lang)
        )?;
        Ok(Self {
            out,
            lang,
            unit,
            tool,
            rules,
            index_of,
            empty: true,
        })
    }

    pub fn push(&mut self, finding: &Finding) -> std::io::Result<()> {
        let next = self.rules.len();
        let rule_index = *self.index_of.entry(finding.code.clone()).or_insert(next);
        if rule_index == next {
            self.rules.push(json!({
                "id": finding.code,
                "name": finding.name,
                "shortDescription": { "text": finding.name },
                "defaultConfiguration": { "level": level(finding.severity) },
                "properties": { "category": finding.category.as_str() },
            }));
        }
        let separator = if self.empty {
            "\n        "
        } else {
            ",\n        "
        };
        self.empty = false;
        let result = result(finding, rule_index, self.lang, self.unit);
        write!(self.out, "{separator}{result}")
    }

    pub fn finish(mut self) -> std::io::Result<W> {
        let driver = json!({
            "name": self.tool.name,
            "version": self.tool.version,
            "rules": self.rules,
        });
        let tool = json!({ "driver": driver });
        let close = if self.empty { "" } else { "\n      " };
        write!(
            self.out,
            "{close}],\n      \"tool\": {tool}\n    }}\n  ]\n}}\n"
        )?;
        Ok(self.out)
    }
}

fn result(finding: &Finding, rule_index: usize, lang: Lang, unit: ColumnUnit) -> Value {
    let uri = path_uri(&finding.path);
    let mut message = finding.message.clone();
    if let Some(help) = &finding.help {
        message.push_str(if lang == Lang::Zh { "。" } else { ". " });
        message.push_str(help);
    }
    let here = finding
        .labels
        .iter()
        .map(|label| (uri.clone(), label.region, label.page, &label.message));
    let elsewhere = finding.related.iter().map(|related| {
        (
            path_uri(&related.path),
            related.region,
            related.page,
            &related.message,
        )
    });
    let related: Vec<Value> = here
        .chain(elsewhere)
        .enumerate()
        .map(|(id, (uri, at, page, text))| {
            json!({
                "id": id,
                "physicalLocation": {
                    "artifactLocation": { "uri": uri },
                    "region": region(at, page, unit),
                },
                "message": { "text": text },
            })
        })
        .collect();
    let mut result = json!({
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": level(finding.severity),
        "message": { "text": message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri },
                "region": region(finding.region, finding.page, unit),
            }
        }],
        "partialFingerprints": { "nianbao/v1": finding.fingerprint },
    });
    if let (false, Some(object)) = (related.is_empty(), result.as_object_mut()) {
        object.insert("relatedLocations".into(), Value::Array(related));
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Finding;
    use nianbao_model::{Category, Diagnostic, Message, Span};

    fn findings() -> Vec<Finding> {
        let source = "（七）总计\t82\t83\n结转下年度继续办理\t\t0\n";
        let total = source.find("83").unwrap();
        let blank = source.find("\t\t").unwrap() + 1;
        let diagnostics = [
            Diagnostic::new(
                "T3001",
                "table3-row-total",
                Severity::Error,
                Category::Arithmetic,
                Message::new("总计不符", "total differs"),
                Span::from_range(total..total + 2),
            )
            .with_label(
                Span::from_range(total - 3..total - 1),
                Message::new("和", "sum"),
            )
            .with_help(Message::new("应为 82", "expected 82"))
            .with_related(crate::related_at(
                "年报/偃师 2023.txt",
                (40, 7),
                (40, 9),
                Message::new("上年", "last year"),
            )),
            Diagnostic::new(
                "B001",
                "blank-cell",
                Severity::Warning,
                Category::Format,
                Message::new("空白", "blank"),
                Span::from_range(blank..blank),
            ),
            Diagnostic::new(
                "PA999",
                "future-parse-code",
                Severity::Info,
                Category::Structure,
                Message::new("新", "new"),
                Span::default(),
            ),
        ];
        Finding::locate_all("年报/偃师 2024.txt", source, &diagnostics, Lang::Zh)
    }

    fn catalogue() -> Vec<RuleMeta> {
        vec![
            RuleMeta {
                code: "T3001".into(),
                name: "table3-row-total".into(),
                severity: Severity::Error,
                category: Category::Arithmetic,
                summary: Message::new("行总计等于各列之和", "row total equals the sum"),
                doc: None,
            },
            RuleMeta {
                code: "B001".into(),
                name: "blank-cell".into(),
                severity: Severity::Warning,
                category: Category::Format,
                summary: Message::new("单元格留空", "blank cell"),
                doc: Some(Message::new("空白不是 0。", "Blank is not zero.")),
            },
        ]
    }

    fn sarif(findings: &[Finding], catalogue: &[RuleMeta], lang: Lang, unit: ColumnUnit) -> Value {
        let mut writer = SarifWriter::new(Vec::new(), catalogue, TOOL, lang, unit).unwrap();
        for finding in findings {
            writer.push(finding).unwrap();
        }
        let bytes = writer.finish().unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    const TOOL: Tool<'static> = Tool {
        name: "nianbao",
        version: "0.1.0",
    };

    #[test]
    fn related_locations_in_other_files_follow_the_labels() {
        let log = sarif(&findings(), &catalogue(), Lang::Zh, ColumnUnit::Char);
        let results = log["runs"][0]["results"].as_array().unwrap();
        let total = results.iter().find(|r| r["ruleId"] == "T3001").unwrap();
        let related = total["relatedLocations"].as_array().unwrap();
        assert_eq!(related.len(), 2);
        assert_eq!(related[1]["id"], 1);
        let location = &related[1]["physicalLocation"];
        assert_eq!(
            location["artifactLocation"]["uri"],
            path_uri("年报/偃师 2023.txt")
        );
        assert_eq!(location["region"]["startLine"], 40);
        assert_eq!(location["region"]["startColumn"], 7);
        assert_eq!(related[1]["message"]["text"], "上年");
        // In other units too (see `related_at` for its columns).
        let in_bytes = sarif(&findings(), &catalogue(), Lang::Zh, ColumnUnit::Byte);
        let in_utf16 = sarif(&findings(), &catalogue(), Lang::Zh, ColumnUnit::Utf16);
        let column = |log: &Value, key: &str| {
            let total = &log["runs"][0]["results"].as_array().unwrap()[1];
            assert_eq!(total["ruleId"], "T3001");
            total["relatedLocations"][1]["physicalLocation"]["region"][key].as_u64()
        };
        assert_eq!(column(&in_bytes, "startColumn"), Some(20));
        assert_eq!(column(&in_bytes, "endColumn"), Some(26));
        assert_eq!(column(&in_utf16, "startColumn"), Some(8));
        assert_eq!(column(&in_utf16, "endColumn"), Some(10));
    }

    #[test]
    fn the_run_says_what_its_columns_count() {
        let log = |unit| sarif(&findings(), &catalogue(), Lang::Zh, unit);
        let char_log = log(ColumnUnit::Char);
        let utf16_log = log(ColumnUnit::Utf16);
        let byte_log = log(ColumnUnit::Byte);
        assert_eq!(char_log["runs"][0]["columnKind"], "unicodeCodePoints");
        assert_eq!(utf16_log["runs"][0]["columnKind"], "utf16CodeUnits");
        // SARIF has no byte kind: none is claimed, and the run's properties say so.
        assert!(byte_log["runs"][0].get("columnKind").is_none());
        assert_eq!(byte_log["runs"][0]["properties"]["columnUnit"], "byte");
        // `83` after `（七）总计⇥82⇥`: character 10, byte 20 (15 bytes of Chinese, 4 of tabs
        // and digits).
        let start = |log: &Value| {
            let total = &log["runs"][0]["results"].as_array().unwrap()[1];
            let region = &total["locations"][0]["physicalLocation"]["region"];
            (region["startColumn"].as_u64(), region["endColumn"].as_u64())
        };
        assert_eq!(start(&char_log), (Some(10), Some(12)));
        assert_eq!(start(&utf16_log), (Some(10), Some(12)));
        assert_eq!(start(&byte_log), (Some(20), Some(22)));
    }

    #[test]
    fn results_point_at_their_rules() {
        let log = sarif(&findings(), &catalogue(), Lang::Zh, ColumnUnit::Char);
        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), 3);
        for result in results {
            let index = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], result["ruleId"]);
        }
        // Unknown codes are appended after the catalogue.
        assert_eq!(results[0]["ruleId"], "PA999");
        assert_eq!(results[0]["ruleIndex"], 2);
        let total = results.iter().find(|r| r["ruleId"] == "T3001").unwrap();
        assert_eq!(total["message"]["text"], "总计不符。应为 82");
        let region = &total["locations"][0]["physicalLocation"]["region"];
        assert_eq!(
            (region["startColumn"].as_u64(), region["endColumn"].as_u64()),
            (Some(10), Some(12))
        );
        assert_eq!(
            total["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "%E5%B9%B4%E6%8A%A5/%E5%81%83%E5%B8%88%202024.txt"
        );
        assert_eq!(total["relatedLocations"][0]["message"]["text"], "和");
        let blank_rule = rules.iter().find(|r| r["id"] == "B001").unwrap();
        assert_eq!(blank_rule["fullDescription"]["text"], "空白不是 0。");
        // Issue 16: the rule help is in the run's language, as text and Markdown.
        assert_eq!(blank_rule["help"]["text"], "空白不是 0。");
        assert_eq!(blank_rule["help"]["markdown"], "空白不是 0。");
        assert_eq!(run["language"], "zh-CN");
        let english = sarif(&findings(), &catalogue(), Lang::En, ColumnUnit::Char);
        let run = &english["runs"][0];
        assert_eq!(run["language"], "en-US");
        let blank_rule = run["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == "B001")
            .unwrap();
        assert_eq!(blank_rule["help"]["markdown"], "Blank is not zero.");
        assert_eq!(blank_rule["shortDescription"]["text"], "blank cell");
        assert_eq!(blank_rule["defaultConfiguration"]["level"], "warning");
    }

    fn fix_language_patterns(value: &mut Value) -> usize {
        match value {
            Value::Object(object) => {
                let mut fixed = 0;
                if let Some(pattern) = object.get_mut("pattern") {
                    if pattern == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" {
                        *pattern = json!("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
                        fixed += 1;
                    }
                }
                fixed
                    + object
                        .values_mut()
                        .map(fix_language_patterns)
                        .sum::<usize>()
            }
            Value::Array(items) => items.iter_mut().map(fix_language_patterns).sum(),
            _ => 0,
        }
    }

    #[test]
    fn validates_against_the_sarif_schema() {
        let schema_text = include_str!("../tests/fixtures/sarif-2.1.0-rtm.5.json");
        let mut schema: Value = serde_json::from_str(schema_text).unwrap();
        // The published schema's `language` patterns have a stray `]` that its own meta-schema
        // rejects as a regex; use the pattern they were meant to be (`zh-CN` and `en-US` match
        // both).
        assert!(fix_language_patterns(&mut schema) > 0);
        let validator = jsonschema::draft4::new(&schema).unwrap();
        let log = sarif(&findings(), &catalogue(), Lang::En, ColumnUnit::Char);
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|error| format!("{error} at {}", error.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        // The schema is strict enough to catch a broken log.
        let mut broken = log.clone();
        broken["runs"][0]["results"][0]["level"] = json!("fatal");
        assert!(!validator.is_valid(&broken));
        let empty = sarif(&[], &catalogue(), Lang::Zh, ColumnUnit::Char);
        assert!(validator.is_valid(&empty));
        assert_eq!(empty["runs"][0]["results"], json!([]));
        for unit in [ColumnUnit::Byte, ColumnUnit::Utf16] {
            let log = sarif(&findings(), &catalogue(), Lang::Zh, unit);
            assert!(validator.is_valid(&log), "{unit:?}");
        }
    }
}
