//! The run's counts: what became of every file, findings by severity and by rule, and the files
//! with errors, for the summary line, `--statistics` and the exit code.

use super::file_set::FileSet;
use super::findings::{FileResult, Status};
use nianbao_model::{Lang, Severity};
use std::collections::BTreeMap;

/// Counters for the summary line and `--statistics`.
#[derive(Default)]
pub struct Totals {
    files: usize,
    checked: usize,
    skipped: usize,
    unreadable: usize,
    internal: usize,
    /// By their place in path order.
    files_with_errors: FileSet,
    /// Checked reports (not unreadable or skipped files) with at least one error.
    reports_with_errors: usize,
    /// Reports not fully checked, from what the parser could read: counted whatever findings
    /// the user selected.
    incomplete: usize,
    /// Info findings counted but not shown (`--show-info` shows them).
    hidden_infos: usize,
    /// Findings the baseline hid.
    baselined: usize,
    by_severity: BTreeMap<Severity, usize>,
    by_rule: BTreeMap<String, RuleCount>,
    worst: Option<Severity>,
}

/// How often one rule fired, for `--statistics`.
struct RuleCount {
    name: String,
    /// The most severe it was reported at (configurations can override severities).
    severity: Severity,
    count: usize,
}

impl Totals {
    /// The most severe finding of the run.
    pub fn worst(&self) -> Option<Severity> {
        self.worst
    }

    pub fn add(&mut self, result: &FileResult) {
        self.files += 1;
        match result.status {
            Status::Checked => self.checked += 1,
            Status::Skipped => self.skipped += 1,
            Status::Unreadable => self.unreadable += 1,
            Status::Internal => self.internal += 1,
        }
        if result.coverage.is_incomplete() {
            self.incomplete += 1;
        }
        if has_errors(result) {
            self.files_with_errors.insert(result.job);
            if result.status == Status::Checked {
                self.reports_with_errors += 1;
            }
        }
        self.count_findings(result);
    }

    /// The cross-report findings of a file already counted by [`Totals::add`]: the file is
    /// not counted again, and listed among those with errors only if it was not already.
    pub fn add_cross(&mut self, result: &FileResult) {
        if has_errors(result) && self.files_with_errors.insert(result.job) {
            self.reports_with_errors += 1;
        }
        self.count_findings(result);
    }

    fn count_findings(&mut self, result: &FileResult) {
        self.hidden_infos += result.hidden_infos.len();
        self.baselined += result.baselined;
        for finding in result.findings.iter().chain(&result.hidden_infos) {
            *self.by_severity.entry(finding.severity).or_insert(0) += 1;
            let entry = self
                .by_rule
                .entry(finding.code.clone())
                .or_insert_with(|| RuleCount {
                    name: finding.name.clone(),
                    severity: finding.severity,
                    count: 0,
                });
            entry.severity = entry.severity.max(finding.severity);
            entry.count += 1;
            self.worst = self.worst.max(Some(finding.severity));
        }
    }

    /// The summary line, and a second one when infos were counted but not shown.
    pub fn summary(&self, lang: Lang, seconds: f64) -> String {
        let mut summary = self.summary_line(lang, seconds);
        if let Some(note) = self.hidden_note(lang) {
            summary.push('\n');
            summary.push_str(&note);
        }
        summary
    }

    /// What `--baseline PATH` hid: `基线 PATH 隐藏了 N 条已记录的发现`.
    pub fn baseline_note(&self, lang: Lang, path: &std::path::Path) -> String {
        let hidden = self.baselined;
        match lang {
            Lang::Zh => format!(
                "基线 {} 隐藏了 {} 条已记录的发现",
                path.display(),
                thousands(hidden)
            ),
            Lang::En => format!(
                "the baseline {} hid {} recorded {}",
                path.display(),
                thousands(hidden),
                plural(hidden, "finding", "findings")
            ),
        }
    }

    /// `另有 N 条提示，用 --show-info 查看`, when infos were hidden.
    pub fn hidden_note(&self, lang: Lang) -> Option<String> {
        let hidden = self.hidden_infos;
        (hidden > 0).then(|| match lang {
            Lang::Zh => format!("另有 {} 条提示，用 --show-info 查看", thousands(hidden)),
            Lang::En => format!(
                "also {} {} not shown; --show-info shows {}",
                thousands(hidden),
                plural(hidden, "info finding", "info findings"),
                plural(hidden, "it", "them")
            ),
        })
    }

    fn summary_line(&self, lang: Lang, seconds: f64) -> String {
        let errors = self.reports_with_errors;
        let mut extra = Vec::new();
        match lang {
            Lang::Zh => {
                if self.unreadable > 0 {
                    extra.push(format!("{} 份无法读取", thousands(self.unreadable)));
                }
                if self.skipped > 0 {
                    extra.push(format!(
                        "{} 份跳过（空文件、过大、不是年报或配置有误）",
                        thousands(self.skipped)
                    ));
                }
                if self.internal > 0 {
                    extra.push(format!("{} 份内部错误", thousands(self.internal)));
                }
                let mut line = format!(
                    "已检查 {} 份报告，用时 {seconds:.2} 秒：{} 份有错误",
                    thousands(self.checked),
                    thousands(errors)
                );
                if self.incomplete > 0 {
                    line.push_str(&format!("，{} 份未完整检查", thousands(self.incomplete)));
                }
                if !extra.is_empty() {
                    line.push_str(&format!(
                        "；共 {} 个文件，另有 {}",
                        thousands(self.files),
                        extra.join("、")
                    ));
                }
                line
            }
            Lang::En => {
                if self.unreadable > 0 {
                    extra.push(format!("{} unreadable", thousands(self.unreadable)));
                }
                if self.skipped > 0 {
                    extra.push(format!(
                        "{} skipped (empty, too large, not a report or misconfigured)",
                        thousands(self.skipped)
                    ));
                }
                if self.internal > 0 {
                    extra.push(format!(
                        "{} internal {}",
                        thousands(self.internal),
                        plural(self.internal, "error", "errors")
                    ));
                }
                let mut line = format!(
                    "checked {} {} in {seconds:.2} s: {} with errors",
                    thousands(self.checked),
                    plural(self.checked, "report", "reports"),
                    thousands(errors)
                );
                if self.incomplete > 0 {
                    line.push_str(&format!(
                        ", {} not fully checked",
                        thousands(self.incomplete)
                    ));
                }
                if !extra.is_empty() {
                    line.push_str(&format!(
                        "; {} {} in all, also {}",
                        thousands(self.files),
                        plural(self.files, "file", "files"),
                        extra.join(", ")
                    ));
                }
                line
            }
        }
    }

    /// `path_of` names a file by its place in path order.
    pub fn statistics<'p>(&self, lang: Lang, path_of: impl Fn(usize) -> &'p str) -> String {
        let (title, severities, with_errors) = match lang {
            Lang::Zh => ("按规则统计：", "按严重程度：", "有错误的文件"),
            Lang::En => ("by rule:", "by severity:", "files with errors"),
        };
        let mut out = format!("{title}\n");
        let name_width = self
            .by_rule
            .values()
            .map(|rule| rule.name.len())
            .max()
            .unwrap_or(0);
        for (code, rule) in &self.by_rule {
            out.push_str(&format!(
                "{:>7}  {code:<6} {:<name_width$} {}\n",
                thousands(rule.count),
                rule.name,
                rule.severity.as_str()
            ));
        }
        out.push_str(severities);
        out.push('\n');
        for severity in [Severity::Error, Severity::Warning, Severity::Info] {
            let count = self.by_severity.get(&severity).copied().unwrap_or(0);
            out.push_str(&format!("{:>7}  {}\n", thousands(count), severity.as_str()));
        }
        out.push_str(&format!(
            "{with_errors} ({}/{}):\n",
            thousands(self.files_with_errors.len()),
            thousands(self.files)
        ));
        for file in self.files_with_errors.iter() {
            out.push_str(&format!("  {}\n", path_of(file)));
        }
        out
    }
}

fn has_errors(result: &FileResult) -> bool {
    result
        .findings
        .iter()
        .any(|finding| finding.severity == Severity::Error)
}

/// `one` for 1, else `many`.
fn plural<'a>(count: usize, one: &'a str, many: &'a str) -> &'a str {
    if count == 1 { one } else { many }
}

/// `1204` → `1,204`.
fn thousands(number: usize) -> String {
    let digits = number.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1204), "1,204");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn files_with_errors_are_listed_once_in_path_order() {
        let files: FileSet = [130, 2, 64, 2, 0, 130].into_iter().collect();
        let totals = Totals {
            files: 131,
            files_with_errors: files,
            ..Totals::default()
        };
        let paths = |file: usize| ["a.txt", "b.txt", "c.txt", "d.txt"][file.min(130) / 43];
        let listed = totals.statistics(Lang::En, paths);
        assert!(
            listed.ends_with("files with errors (4/131):\n  a.txt\n  a.txt\n  b.txt\n  d.txt\n"),
            "{listed}"
        );
    }

    #[test]
    fn summary_adds_up() {
        let totals = Totals {
            files: 4,
            checked: 2,
            skipped: 1,
            unreadable: 1,
            files_with_errors: [0, 3].into_iter().collect(),
            reports_with_errors: 1,
            ..Totals::default()
        };
        assert_eq!(
            totals.summary(Lang::En, 0.5),
            "checked 2 reports in 0.50 s: 1 with errors; 4 files in all, also 1 unreadable, \
             1 skipped (empty, too large, not a report or misconfigured)"
        );
        assert!(
            totals
                .summary(Lang::Zh, 0.5)
                .starts_with("已检查 2 份报告，用时 0.50 秒：1 份有错误；共 4 个文件")
        );
        let partly = Totals {
            files: 18,
            checked: 18,
            reports_with_errors: 1,
            incomplete: 3,
            ..Totals::default()
        };
        assert_eq!(
            partly.summary(Lang::Zh, 1.0),
            "已检查 18 份报告，用时 1.00 秒：1 份有错误，3 份未完整检查"
        );
        assert_eq!(
            partly.summary(Lang::En, 1.0),
            "checked 18 reports in 1.00 s: 1 with errors, 3 not fully checked"
        );
        let single = Totals {
            files: 1,
            internal: 1,
            ..Totals::default()
        };
        assert_eq!(
            single.summary(Lang::En, 0.5),
            "checked 0 reports in 0.50 s: 0 with errors; 1 file in all, also 1 internal error"
        );
        let quiet = Totals {
            files: 3,
            checked: 3,
            hidden_infos: 1_204,
            ..Totals::default()
        };
        assert_eq!(
            quiet.summary(Lang::Zh, 1.0),
            "已检查 3 份报告，用时 1.00 秒：0 份有错误\n另有 1,204 条提示，用 --show-info 查看"
        );
        assert_eq!(
            quiet.summary(Lang::En, 1.0),
            "checked 3 reports in 1.00 s: 0 with errors\nalso 1,204 info findings not shown; \
             --show-info shows them"
        );
    }
}
