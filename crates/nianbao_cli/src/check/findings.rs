//! A file's findings made final, each source's already capped ([`super::cap`]): the user's
//! selection and severities (with the configuration that governs the file), the one sort,
//! positions and fingerprints, the baseline, and the full format's rendering or the audit
//! page's excerpts. Both passes end here: a file's own findings and its cross-report ones.

use super::jobs::Job;
use super::settings::Settings;
use crate::args::OutputFormat;
use crate::baseline::Entry;
use crate::policy::Policy;
use nianbao_diagnostics::audit::Excerpt;
use nianbao_diagnostics::facts::ReportFacts;
use nianbao_diagnostics::full::{self, FullOptions, OnExtracted};
use nianbao_diagnostics::{Finding, Pages, output_order};
use nianbao_html::PageMap;
use nianbao_model::{Category, Completeness, Diagnostic, Severity};
use nianbao_source::LineIndex;

/// What became of a file; these add up to the files found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Checked,
    /// Empty, too large, not a report, or governed by a malformed configuration.
    Skipped,
    /// Unreadable, binary or mis-encoded.
    Unreadable,
    Internal,
}

/// One file's outcome, as the sinks print it and the totals count it.
pub struct FileResult {
    /// The path as shown.
    pub path: String,
    /// The file's place in path order.
    pub job: usize,
    pub status: Status,
    /// Whether the report was checked whole, from what the parser could read (not from the
    /// findings shown): set by the pipeline once the file is checked.
    pub coverage: Completeness,
    pub findings: Vec<Finding>,
    /// Info findings not shown (see [`Settings::hide_infos`]): counted in the summary and the
    /// statistics, and by `--fail-on info`.
    pub hidden_infos: Vec<Finding>,
    /// How many findings `--baseline` hid.
    pub baselined: usize,
    /// Every finding before the baseline was applied, for `--write-baseline`.
    pub baseline_entries: Vec<Entry>,
    /// The graphical rendering, for the full format.
    pub rendered: String,
    /// For the audit page: the lines each finding is shown on, one per finding.
    pub excerpts: Vec<Excerpt>,
    /// Body, year, template and coverage, when the file was read as a report (the per-file
    /// pass sets it).
    pub about: Option<ReportFacts>,
}

impl FileResult {
    /// About how many bytes the result holds, for the bound on results waiting to be written:
    /// its texts, and each finding's record and strings.
    pub fn weight(&self) -> usize {
        let finding = |finding: &Finding| {
            std::mem::size_of::<Finding>()
                + finding.path.len()
                + finding.code.len()
                + finding.name.len()
                + finding.message.len()
                + finding.help.as_ref().map_or(0, String::len)
        };
        let excerpt = |excerpt: &Excerpt| {
            std::mem::size_of::<Excerpt>()
                + excerpt
                    .lines
                    .iter()
                    .map(|line| std::mem::size_of_val(line) + line.text.len())
                    .sum::<usize>()
        };
        std::mem::size_of::<FileResult>()
            + self.path.len()
            + self.rendered.len()
            + self
                .findings
                .iter()
                .chain(&self.hidden_infos)
                .map(finding)
                .sum::<usize>()
            + self.baseline_entries.len() * std::mem::size_of::<Entry>()
            + self.excerpts.iter().map(excerpt).sum::<usize>()
    }

    /// A file with no finding left to show or count.
    fn clean(job: &Job, status: Status) -> FileResult {
        FileResult {
            path: job.display().to_owned(),
            job: job.number(),
            status,
            coverage: Completeness::Complete,
            findings: Vec::new(),
            hidden_infos: Vec::new(),
            baselined: 0,
            baseline_entries: Vec::new(),
            rendered: String::new(),
            excerpts: Vec::new(),
            about: None,
        }
    }
}

/// A file's findings placed where the user's file has them.
pub struct OnFile {
    /// The text of the file as the user opens it (a page's markup, not its extracted text).
    pub text: String,
    pub findings: Vec<Located>,
    /// A page or Word file in the full format is shown as the text extracted from it, which
    /// [`Located::in_extracted`] points into.
    pub extracted: Option<String>,
    /// A PDF's pages: findings on it say the page their text was printed on.
    pub pages: Option<PageMap>,
}

impl OnFile {
    /// Findings about the file as a whole, with no text to show (it could not be read).
    pub fn without_text(diagnostics: Vec<Diagnostic>) -> OnFile {
        OnFile {
            text: String::new(),
            findings: diagnostics
                .into_iter()
                .map(|in_file| Located {
                    in_file,
                    in_extracted: None,
                })
                .collect(),
            extracted: None,
            pages: None,
        }
    }
}

/// One finding: where the user's file has it, and where the extracted text shown in its place
/// has it, if one is shown.
pub struct Located {
    pub in_file: Diagnostic,
    pub in_extracted: Option<Diagnostic>,
}

impl Located {
    /// The finding under the file's policy: dropped when not selected, else with its severity
    /// overridden as configured, in both places.
    fn under(self, policy: &Policy<'_>) -> Option<Located> {
        let in_file = policy.adjust(self.in_file)?;
        let in_extracted = self.in_extracted.map(|shown| Diagnostic {
            severity: in_file.severity,
            ..shown
        });
        Some(Located {
            in_file,
            in_extracted,
        })
    }
}

/// Selection, the sort, positions, baseline and rendering of one file's findings.
pub fn finish(job: &Job, settings: &Settings<'_>, status: Status, on_file: OnFile) -> FileResult {
    let policy = Policy::new(
        &settings.selection,
        job.config.as_deref(),
        job.policy_path(),
    );
    let OnFile {
        text,
        findings: located,
        extracted,
        pages,
    } = on_file;
    let page_of = |offset: u32| pages.as_ref().and_then(|pages| pages.page_of(offset));
    let mut kept: Vec<Located> = located
        .into_iter()
        .filter_map(|located| located.under(&policy))
        .collect();
    if kept.is_empty() {
        // Most files of a corpus: nothing to locate, so no line index (3% of a run's
        // instructions when every file had one), no fingerprint, nothing to render.
        return FileResult::clean(job, status);
    }
    kept.sort_by(|a, b| output_order(&a.in_file, &b.in_file));
    let index = LineIndex::new(&text);
    let mut findings: Vec<Finding> = kept
        .iter()
        .map(|located| {
            let finding = Finding::locate(
                job.display(),
                &text,
                &index,
                &located.in_file,
                settings.lang,
            );
            match &pages {
                Some(_) => finding.with_pages(&Pages::of(&located.in_file, page_of)),
                None => finding,
            }
        })
        .collect();
    nianbao_diagnostics::assign_fingerprints(&mut findings);
    // Input findings are never accepted into a baseline: a file not read must say so each run.
    let baseline_entries = if settings.record_baseline {
        findings
            .iter()
            .filter(|finding| finding.category != Category::Input)
            .map(Entry::of)
            .collect()
    } else {
        Vec::new()
    };
    let keep = settings.baseline.keep_mask(&findings);
    let baselined = keep.iter().filter(|&&keep| !keep).count();
    let (kept, findings): (Vec<Located>, Vec<Finding>) = kept
        .into_iter()
        .zip(findings)
        .zip(keep)
        .filter_map(|(pair, keep)| keep.then_some(pair))
        .unzip();
    let (kept, findings, hidden_infos) = hide_infos(kept, findings, settings.hide_infos);
    let excerpts = match settings.format {
        OutputFormat::Html => excerpts(&text, &index, extracted.as_deref(), &kept, settings),
        _ => Vec::new(),
    };
    let rendered = match settings.format {
        OutputFormat::Full => {
            let shown = Shown {
                text: &text,
                index: &index,
                extracted: extracted.as_deref(),
                page_of: pages.is_some().then_some(&page_of),
            };
            render(job, settings, &shown, &kept, &findings)
        }
        _ => String::new(),
    };
    FileResult {
        path: job.display().to_owned(),
        job: job.number(),
        status,
        coverage: Completeness::Complete,
        findings,
        hidden_infos,
        baselined,
        baseline_entries,
        rendered,
        excerpts,
        about: None,
    }
}

/// The findings to show, and the infos set aside when `hide` says so. An input finding (a file
/// not read as written) is shown whatever its severity, as the policy never drops one.
fn hide_infos(
    kept: Vec<Located>,
    findings: Vec<Finding>,
    hide: bool,
) -> (Vec<Located>, Vec<Finding>, Vec<Finding>) {
    if !hide {
        return (kept, findings, Vec::new());
    }
    let mut shown = (Vec::new(), Vec::new());
    let mut hidden = Vec::new();
    for (located, finding) in kept.into_iter().zip(findings) {
        if finding.severity == Severity::Info && finding.category != Category::Input {
            hidden.push(finding);
        } else {
            shown.0.push(located);
            shown.1.push(finding);
        }
    }
    (shown.0, shown.1, hidden)
}

/// The audit page's excerpt of each finding: on the extracted text of a page or Word file
/// (the text the reviewer can read), on the file's own text otherwise.
fn excerpts(
    text: &str,
    index: &LineIndex,
    extracted: Option<&str>,
    kept: &[Located],
    settings: &Settings<'_>,
) -> Vec<Excerpt> {
    let extracted = extracted.map(|extracted| (extracted, LineIndex::new(extracted)));
    kept.iter()
        .map(|located| match (&extracted, &located.in_extracted) {
            (Some((shown, shown_index)), Some(diagnostic)) => {
                Excerpt::of(shown, shown_index, diagnostic, settings.lang, true)
            }
            _ => Excerpt::of(text, index, &located.in_file, settings.lang, false),
        })
        .collect()
}

/// The texts the full format can show a file's findings on.
struct Shown<'t> {
    text: &'t str,
    index: &'t LineIndex,
    extracted: Option<&'t str>,
    /// The page of an offset of `text`, for a PDF.
    page_of: Option<&'t (dyn Fn(u32) -> Option<u32> + Sync)>,
}

/// The full format: a page or Word file over its extracted text, headed by each finding's
/// position in the file; a PDF over its extracted text, each excerpt headed by its page;
/// anything else over the file's own text.
fn render(
    job: &Job,
    settings: &Settings<'_>,
    shown_on: &Shown<'_>,
    kept: &[Located],
    findings: &[Finding],
) -> String {
    let options = FullOptions {
        lang: settings.lang,
        color: settings.color,
        column_unit: settings.column_unit,
        ..FullOptions::default()
    };
    let shown: Option<Vec<OnExtracted<'_>>> = kept
        .iter()
        .zip(findings)
        .map(|(located, finding)| {
            Some(OnExtracted {
                diagnostic: located.in_extracted.as_ref()?,
                in_file: finding.region.start,
            })
        })
        .collect();
    match (shown_on.extracted, shown) {
        (Some(extracted), Some(shown)) => full::render_extracted(
            job.display(),
            extracted,
            &LineIndex::new(extracted),
            &shown,
            options,
        ),
        _ => match shown_on.page_of {
            Some(page_of) => full::render_pages(
                job.display(),
                shown_on.text,
                shown_on.index,
                kept.iter().map(|located| &located.in_file),
                page_of,
                options,
            ),
            None => full::render(
                job.display(),
                shown_on.text,
                shown_on.index,
                kept.iter().map(|located| &located.in_file),
                options,
            ),
        },
    }
}
