//! A rule's examples: the seed report with edits, or a text of its own, and the lines where the
//! rule must report. The test-suite runs them; the docs show them.

use nianbao_model::Severity;

/// An example a rule must pass: the seed report with edits (or a text of its own), and the lines
/// (1-based) of the rule's findings on it; no lines means the rule must stay silent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    pub what: String,
    /// Replacements applied to the seed, each `from` occurring exactly once.
    pub edits: Vec<Edit>,
    pub text: Option<String>,
    pub lines: Vec<u32>,
    /// When set, every finding of the rule on this example has this severity.
    pub severity: Option<Severity>,
}

impl Example {
    /// The example's report text, built from `seed`.
    pub fn build(&self, seed: &str) -> Result<String, String> {
        if let Some(text) = &self.text {
            return Ok(text.clone());
        }
        let mut text = seed.to_owned();
        for Edit { from, to } in &self.edits {
            match find_pattern(&text, from).as_slice() {
                [range] => text.replace_range(range.clone(), to),
                found => {
                    return Err(format!(
                        "example {:?}: `{from}` occurs {} times in the text; it must occur once",
                        self.what,
                        found.len()
                    ));
                }
            }
        }
        Ok(text)
    }
}

/// Where `pattern` occurs in `text`. A `…` in the pattern stands for any text within one line
/// (to the end of the line when it ends the pattern), so examples can replace long sentences.
fn find_pattern(text: &str, pattern: &str) -> Vec<std::ops::Range<usize>> {
    let mut parts = pattern.split('…');
    let Some(first) = parts.next() else {
        return Vec::new();
    };
    let rest: Vec<&str> = parts.collect();
    let mut found = Vec::new();
    'start: for (start, _) in text.match_indices(first) {
        let mut end = start + first.len();
        for part in &rest {
            let tail = text.get(end..).unwrap_or("");
            let line_end = tail.find('\n').unwrap_or(tail.len());
            if part.is_empty() {
                end += line_end;
                continue;
            }
            match tail.find(part) {
                Some(at) if at <= line_end => end += at + part.len(),
                _ => continue 'start,
            }
        }
        found.push(start..end);
    }
    found
}

/// One replacement in the seed: `from` (where `…` stands for the rest of a line) becomes `to`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub from: String,
    pub to: String,
}
