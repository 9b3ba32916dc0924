//! Quick fixes, offered only where the report itself makes the repair certain.
//!
//! - A printed total that disagrees with the cells it sums, when it is the one cell on its side
//!   of the identity: replaced by the sum, but only when every cell read exactly (none blank,
//!   none inferred by the parser) and the new value makes *every* identity the total takes part
//!   in hold. A wrong part breaks its row and its column at once; "fixing" either total would
//!   then break the other identity, so no fix is offered and the finding's hint names the cell.
//! - A table label that deviates from the template (a rule of the `label` kind): replaced by
//!   the template's wording, read from the finding's own message and checked against the text
//!   under the finding.
//!
//! In a web page the replaced text must be the cell's text as written (not spread over tags).

use crate::analysis::Analysis;
use nianbao_model::{Diagnostic, Message, Provenance, Span};
use nianbao_rules::{Equation, EquationTerm, RuleSet, Side};

/// One certain repair of one finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// The finding it repairs, as an index into [`Analysis::diagnostics`].
    pub finding: usize,
    /// The text to replace, in the document.
    pub span: Span,
    pub replacement: String,
    pub title: Message,
}

/// Every certain fix of the analysis's findings.
pub fn fixes(analysis: &Analysis, document: &str, rules: &RuleSet) -> Vec<Fix> {
    let grammar = analysis.grammar_text(document);
    analysis
        .diagnostics
        .iter()
        .enumerate()
        .filter_map(|(finding, diagnostic)| {
            let fix = total_fix(finding, diagnostic, &analysis.equations)
                .or_else(|| label_fix(finding, diagnostic, grammar, rules))?;
            // Found in the grammar's text; on a page the span must be the cell's own text,
            // copied as it is.
            let in_document = analysis.to_document(fix.span);
            (in_document.slice(document) == fix.span.slice(grammar) && !fix.span.is_empty())
                .then_some(Fix {
                    span: in_document,
                    ..fix
                })
        })
        .collect()
}

fn total_fix(finding: usize, diagnostic: &Diagnostic, equations: &[Equation]) -> Option<Fix> {
    let (total, parts) = equations.iter().find_map(|equation| {
        if equation.code != diagnostic.code || equation.holds || equation.relation != "==" {
            return None;
        }
        let (total, parts) = lone_total(equation)?;
        (total.span == diagnostic.span).then_some((total, parts))
    })?;
    let exact = |term: &EquationTerm| term.value.is_some() && term.provenance == Provenance::Exact;
    if !exact(total) || !parts.terms.iter().all(exact) || parts.value < 0 {
        return None;
    }
    let sum = parts.value;
    let all_hold = equations
        .iter()
        .filter(|other| mentions(other, &total.cell))
        .all(|other| holds_with(other, &total.cell, sum));
    if !all_hold {
        return None;
    }
    let cell = &total.cell;
    Some(Fix {
        finding,
        span: total.span,
        replacement: sum.to_string(),
        title: Message::new(
            format!("将 {cell} 改为 {sum}（各项之和）"),
            format!("Replace {cell} with {sum}, the sum of its parts"),
        ),
    })
}

/// The printed total standing alone against a sum, and that sum.
fn lone_total(equation: &Equation) -> Option<(&EquationTerm, &Side)> {
    match (equation.left.single_cell, equation.right.single_cell) {
        (true, false) => Some((equation.left.terms.first()?, &equation.right)),
        (false, true) => Some((equation.right.terms.first()?, &equation.left)),
        _ => None,
    }
}

fn mentions(equation: &Equation, cell: &str) -> bool {
    equation
        .left
        .terms
        .iter()
        .chain(&equation.right.terms)
        .any(|term| term.cell == cell)
}

/// Whether `equation` holds once `cell` reads `value`.
fn holds_with(equation: &Equation, cell: &str, value: i64) -> bool {
    let side = |side: &Side| {
        side.terms.iter().try_fold(side.value, |sum, term| {
            if term.cell != cell {
                return Some(sum);
            }
            let change = value.checked_sub(term.value.unwrap_or(0))?;
            let change = if term.negative { -change } else { change };
            sum.checked_add(change)
        })
    };
    let (Some(left), Some(right)) = (side(&equation.left), side(&equation.right)) else {
        return false;
    };
    match equation.relation {
        ">=" => left >= right,
        "<=" => left <= right,
        _ => left == right,
    }
}

fn label_fix(
    finding: usize,
    diagnostic: &Diagnostic,
    grammar: &str,
    rules: &RuleSet,
) -> Option<Fix> {
    let rule = rules.rule(&diagnostic.code)?;
    if rule.kind != "label" {
        return None;
    }
    let values = unfill(&rule.message.zh, &diagnostic.message.zh)?;
    let (found, expected) = (value(&values, "found")?, value(&values, "expected")?);
    let written = diagnostic.span.slice(grammar);
    let start = written.len() - written.trim_start().len();
    let trimmed = written.trim();
    if trimmed != found || expected.is_empty() || expected == found {
        return None;
    }
    let from = diagnostic.span.start + u32::try_from(start).ok()?;
    let span = Span::new(from, from + u32::try_from(trimmed.len()).ok()?);
    Some(Fix {
        finding,
        span,
        replacement: expected.to_owned(),
        title: Message::new(
            format!("改为模板用语“{expected}”"),
            format!("Use the template's wording “{expected}”"),
        ),
    })
}

fn value<'a>(values: &[(&str, &'a str)], name: &str) -> Option<&'a str> {
    values
        .iter()
        .find(|(candidate, _)| *candidate == name)
        .map(|&(_, value)| value)
}

/// The values a message template was filled with, read back from the filled text: each
/// placeholder runs to the first occurrence of the literal text after it. `None` when the text
/// does not follow the template, or two placeholders touch (which would be ambiguous).
fn unfill<'t, 'm>(template: &'t str, text: &'m str) -> Option<Vec<(&'t str, &'m str)>> {
    let mut values = Vec::new();
    let mut rest_template = template;
    let mut rest = text;
    loop {
        let (literal, after) = match rest_template.find('{') {
            Some(open) => (rest_template.get(..open)?, rest_template.get(open + 1..)),
            None => (rest_template, None),
        };
        rest = rest.strip_prefix(literal)?;
        let Some(after) = after else {
            return rest.is_empty().then_some(values);
        };
        let close = after.find('}')?;
        let name = after.get(..close)?;
        rest_template = after.get(close + 1..)?;
        let next = rest_template.find('{').unwrap_or(rest_template.len());
        let literal = rest_template.get(..next)?;
        let end = match (literal.is_empty(), next == rest_template.len()) {
            (true, true) => rest.len(),
            (true, false) => return None,
            (false, _) => rest.find(literal)?,
        };
        values.push((name, rest.get(..end)?));
        rest = rest.get(end..)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfill_reads_placeholders_back() {
        let template = "标签“{found}”与模板“{expected}”不一致";
        let text = "标签“本年度止件数”与模板“本年废止件数”不一致";
        assert_eq!(
            unfill(template, text),
            Some(vec![
                ("found", "本年度止件数"),
                ("expected", "本年废止件数")
            ])
        );
        assert_eq!(
            unfill("{a} 应为 {b}", "R03 应为 11"),
            Some(vec![("a", "R03"), ("b", "11")])
        );
        assert_eq!(unfill(template, "别的文字"), None);
        assert_eq!(unfill("{a}{b}", "ab"), None);
        assert_eq!(unfill("无占位", "无占位"), Some(Vec::new()));
        assert_eq!(unfill("无占位", "无占位，多了"), None);
    }
}
