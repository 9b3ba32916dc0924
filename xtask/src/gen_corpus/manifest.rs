//! The manifest entries of the markup files (`.html`, `.docx`), written by hand because their
//! expected finding has no line.

use super::args::Format;
use nianbao_gen::CorpusFile;
use std::fmt::Write as _;

/// A JSON string literal.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            ch if u32::from(ch) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(ch));
            }
            ch => out.push(ch),
        }
    }
    out.push('"');
    out
}

/// The manifest entry of `file` written as `format` under `path`, indented as an element of
/// the pretty-printed `files` array. Hand-written because its `line` is null, which
/// [`nianbao_gen::ManifestEntry`] cannot say; `text` names the same report's plaintext file
/// when one is written.
pub(super) fn markup_entry(
    file: &CorpusFile,
    format: Format,
    path: &str,
    text: Option<&str>,
) -> String {
    let entry = &file.entry;
    let mut out = format!("    {{\n      \"path\": {},\n", json_string(path));
    let _ = writeln!(out, "      \"format\": {},", json_string(format.name()));
    if let Some(text) = text {
        let _ = writeln!(out, "      \"same_report_as\": {},", json_string(text));
    }
    let _ = writeln!(out, "      \"encoding\": \"utf-8\",");
    let _ = writeln!(out, "      \"template\": {},", json_string(entry.template));
    let _ = writeln!(out, "      \"year\": {},", entry.year);
    let _ = writeln!(out, "      \"organ\": {},", json_string(&entry.organ));
    match &entry.fault {
        None => out.push_str("      \"fault\": null\n"),
        Some(fault) => {
            let also: Vec<String> = fault
                .also
                .iter()
                .map(|also| {
                    format!(
                        "          {{\n            \"code\": {},\n            \"line\": null\n          }}",
                        json_string(also.code)
                    )
                })
                .collect();
            let also = if also.is_empty() {
                "[]".to_owned()
            } else {
                format!("[\n{}\n        ]", also.join(",\n"))
            };
            let _ = write!(
                out,
                "      \"fault\": {{\n        \"code\": {},\n        \"kind\": {},\n        \"line\": null,\n        \"target\": {},\n        \"description\": {},\n        \"also\": {also}\n      }},\n",
                json_string(fault.code),
                json_string(fault.kind.name()),
                json_string(&fault.target),
                json_string(&fault.description),
            );
            let note = format!(
                "line is null: the generator does not know which line of the {} the finding lands on; match it by code and target",
                match format {
                    Format::Docx => "Word file's text",
                    Format::Html | Format::Text => "page",
                }
            );
            let _ = writeln!(
                out,
                "      \"notes\": [\n        {}\n      ]",
                json_string(&note)
            );
        }
    }
    out.push_str("    }");
    out
}

/// Appends the hand-written markup entries to the `files` array of the manifest's JSON.
pub(super) fn with_markup_entries(json: String, entries: &[String]) -> Result<String, String> {
    if entries.is_empty() {
        return Ok(json);
    }
    let body = entries.join(",\n");
    if let Some(head) = json.strip_suffix("\"files\": []\n}\n") {
        return Ok(format!("{head}\"files\": [\n{body}\n  ]\n}}\n"));
    }
    if let Some(head) = json.strip_suffix("\n  ]\n}\n") {
        return Ok(format!("{head},\n{body}\n  ]\n}}\n"));
    }
    Err("the manifest's JSON does not end with its files array".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_survive_quotes_backslashes_and_control_characters() {
        // No backslash: manifest_paths drops names that could leave the folder.
        let tricky = "a\"b\nd\te\u{1}f 偃师";
        let json = format!("{{\"files\": [{{\"path\": {}}}]}}", json_string(tricky));
        assert_eq!(
            nianbao_gen::manifest_paths(&json).ok(),
            Some(vec![tricky.to_owned()])
        );
    }
}
