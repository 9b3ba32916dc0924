//! Template detection with evidence (`versions.md` §3).

use crate::fold::{Folded, Needle};
use nianbao_model::template::Template;
use nianbao_model::{Evidence, TemplateDetection};
use nianbao_source::Span;
use std::sync::LazyLock;

const S08_LABELS: [&str; 9] = [
    "概述",
    "依申请公开政府信息情况",
    "收费及减免",
    "同意公开答复数",
    "不予公开范围",
    "免予公开范围",
    "当面申请数",
    "政府信息公开情况统计表",
    "咨询处理情况",
];

static S08: LazyLock<Vec<(&'static str, Needle)>> = LazyLock::new(|| {
    S08_LABELS
        .iter()
        .map(|label| (*label, Needle::new(label)))
        .collect()
});

/// Weak signals: the cited circular, also with its brackets and 年/号 glyphs lost.
const WEAK_FORMS: [(Template, &str, &[&str]); 2] = [
    (
        Template::V2021,
        "国办公开办函〔2021〕30号",
        &[
            "国办公开办函〔2021〕30号",
            "国办公开办函202130号",
            "国办公开办函[2021]30号",
        ],
    ),
    (
        Template::V2019,
        "国办公开办函〔2019〕60号",
        &[
            "国办公开办函〔2019〕60号",
            "国办公开办函201960号",
            "国办公开办函[2019]60号",
        ],
    ),
];

static WEAK: LazyLock<Vec<(Template, &'static str, Vec<Needle>)>> = LazyLock::new(|| {
    WEAK_FORMS
        .iter()
        .map(|&(template, label, forms)| {
            (
                template,
                label,
                forms.iter().map(|f| Needle::new(f)).collect(),
            )
        })
        .collect()
});

/// The label of the 2019 format's single Table 3 row for 其他处理 (Table 3 evidence).
pub(crate) const SINGLE_OTHER_ROW: &str = "（六）其他处理";

/// Decides the template from the table signals (S21/S19 in Table 2 and Table 3) and the text.
/// Evidence of the other template stays in the list when it does not decide: a 2021 report
/// printing the 2019 （六）其他处理 row is detected as 2021 with that row among its evidence.
pub(crate) fn detect(
    folded: &Folded,
    body: usize,
    signals: Vec<(Template, &'static str, Span)>,
    table3: Option<Template>,
) -> TemplateDetection {
    let mut evidence: Vec<Evidence> = signals
        .into_iter()
        .map(|(template, label, span)| Evidence {
            template,
            label,
            span,
        })
        .collect();
    let has =
        |evidence: &[Evidence], template: Template| evidence.iter().any(|e| e.template == template);
    // The 2019 single （六）其他处理 row is a row printed the old way inside a table, not a table
    // of the old format: a 2021 report keeping it is a 2021 report that deviates there (the
    // evidence keeps it), not a report mixing two formats.
    let table_level = |template: Template| {
        evidence
            .iter()
            .any(|e| e.template == template && e.label != SINGLE_OTHER_ROW)
    };
    let s21 = has(&evidence, Template::V2021);
    let s19 = has(&evidence, Template::V2019);
    let (template, mixed) = match (s21, s19, table3) {
        (true, true, _) => (Template::V2021, table_level(Template::V2019)),
        (true, false, _) => (Template::V2021, false),
        (false, true, _) => (Template::V2019, false),
        (false, false, Some(layout)) => (layout, false),
        (false, false, None) => (Template::Unknown, false),
    };
    if template != Template::Unknown {
        return TemplateDetection {
            template,
            mixed,
            evidence,
        };
    }
    for (label, form) in S08.iter() {
        if let Some(at) = folded.find(form, body, folded.len()) {
            evidence.push(Evidence {
                template: Template::Pre2019,
                label,
                span: folded.span(at, at + form.len()),
            });
        }
    }
    if has(&evidence, Template::Pre2019) {
        return TemplateDetection {
            template: Template::Pre2019,
            mixed: false,
            evidence,
        };
    }
    for (template, label, forms) in WEAK.iter() {
        for form in forms {
            if let Some(at) = folded.find(form, body, folded.len()) {
                evidence.push(Evidence {
                    template: *template,
                    label,
                    span: folded.span(at, at + form.len()),
                });
                break;
            }
        }
    }
    TemplateDetection {
        template: Template::Unknown,
        mixed: false,
        evidence,
    }
}
