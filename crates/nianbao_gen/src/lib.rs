//! Generates realistic 政府信息公开工作年度报告 with known numbers and known faults, in every
//! plaintext layout the parser must read.
//!
//! This crate owns the synthetic corpus: [`generate`] draws a clean report whose tables satisfy
//! every hard identity (H01–H06) and whose narrative restates them the way real reports do;
//! [`render`] prints it as a file in one [`Layout`] and records the line of every item a finding
//! could point at; [`inject`] adds exactly one known fault and says which finding it must cause
//! and where. [`render_html`] and [`render_docx`] dress the same report as a saved web page and
//! a Word file. [`Layout::Pre2019`] prints a report in the 2008 format instead (free prose with
//! totals and their parts, a small statistics table; [`GeneratedReport::into_pre2019`]), whose
//! truth is the counts its prose states ([`GeneratedReport::stated_counts`]). The narrative is
//! written as published reports write it, distractors and lines broken inside phrases included
//! ([`Narrative`]). [`corpus_file`] ties these together for `cargo xtask gen-corpus` and for the
//! accuracy tests. Everything is a pure function of `(seed, index)`: the same arguments give the
//! same bytes on every machine.
//!
//! ```
//! use nianbao_gen::{FaultKind, Layout, Options, generate, inject, render};
//! use nianbao_model::template::RowId;
//!
//! let mut report = generate(2026, 7, &Options::default());
//! let fault = inject(&mut report, FaultKind::RowTotal, Layout::Markdown).expect("applicable");
//! let file = render(&report, Layout::Markdown);
//! let expected = fault.locate(&file).expect("the faulty cell is printed");
//! assert_eq!(expected.code, "T3001");
//! assert!(expected.target.ends_with("[C7]"), "a row total finding points at 总计");
//! let line = file.text.lines().nth(expected.line as usize - 1).unwrap_or("");
//! assert!(line.starts_with("| "), "a Markdown table row: {line}");
//! // The numbers a parser must read back from `file.bytes`:
//! let new = RowId::new(1).expect("R01");
//! assert!((0..7).all(|column| report.table3_value(new, column).is_some()));
//! ```

mod fault;
mod generate;
mod markup;
mod narrative;
mod pre2019;
mod render;
mod render_docx;
mod render_html;
mod render_pdf;
mod report;
mod rng;
mod series;

pub use fault::{AlsoFinding, ExpectedFinding, Fault, FaultKind, inject};
pub use generate::{Narrative, Options, generate};
pub use pre2019::Stated;
pub use render::{Anchor, Encoding, Layout, Rendered, render};
pub use render_docx::{render_document_xml, render_docx};
pub use render_html::render_html;
pub use render_pdf::{PdfStyle, RenderedPdf, render_pdf};
pub use report::{Fact, GeneratedReport, IdentityFailure, OrganKind, Val};
pub use series::{SeriesFault, SeriesOptions, series};

use serde::Serialize;

/// What `cargo xtask gen-corpus` asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusOptions {
    pub seed: u64,
    /// Layouts, cycled through by file index.
    pub layouts: Vec<Layout>,
    /// Percentage of files that get a fault (0 = a clean corpus).
    pub fault_percent: u64,
    pub generate: Options,
    pub narrative: Narrative,
}

impl Default for CorpusOptions {
    fn default() -> Self {
        Self {
            seed: 0,
            layouts: Layout::EVERY.to_vec(),
            fault_percent: 0,
            generate: Options::default(),
            narrative: Narrative::default(),
        }
    }
}

/// One generated file and its manifest entry.
#[derive(Clone, Debug)]
pub struct CorpusFile {
    pub report: GeneratedReport,
    pub rendered: Rendered,
    pub entry: ManifestEntry,
}

/// A manifest line: what the file is and what the linter must find in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ManifestEntry {
    /// File name, relative to the manifest.
    pub path: String,
    pub layout: Layout,
    pub encoding: &'static str,
    pub template: &'static str,
    pub year: u16,
    pub organ: String,
    /// `None` for a clean file: it must produce no error-severity finding.
    pub fault: Option<ExpectedFinding>,
    /// Deviations the layout forced (see [`Rendered::notes`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// Whether file `index` is faulty. Files are taken in blocks of one round of layouts, so every
/// layout gets both clean and faulty files at any rate between 1 and 99.
fn is_faulty(index: u64, layouts: u64, percent: u64) -> bool {
    let block = index / layouts.max(1);
    (block + 1) * percent / 100 != block * percent / 100
}

/// File `index` of the corpus described by `options`. `index_width` zero-pads the index in the
/// file name so that names sort in index order.
pub fn corpus_file(options: &CorpusOptions, index: u64, index_width: usize) -> CorpusFile {
    let layouts: &[Layout] = if options.layouts.is_empty() {
        &Layout::EVERY
    } else {
        &options.layouts
    };
    let count = u64::try_from(layouts.len()).unwrap_or(1);
    let layout = usize::try_from(index % count)
        .ok()
        .and_then(|position| layouts.get(position))
        .copied()
        .unwrap_or(Layout::Tab);
    let mut report = if layout.has_template_tables() {
        generate(options.seed, index, &options.generate)
    } else {
        // The 2008 format from the numbers of a 2021 report.
        let years = Options {
            first_year: 2021,
            last_year: 2025,
            ..options.generate
        };
        generate(options.seed, index, &years).into_pre2019()
    }
    .with_narrative(options.narrative);
    let mut fault = None;
    if is_faulty(index, count, options.fault_percent) {
        let kinds: Vec<FaultKind> = FaultKind::ALL
            .into_iter()
            .filter(|kind| kind.supported_by(layout))
            .collect();
        let kinds_count = u64::try_from(kinds.len()).unwrap_or(1).max(1);
        // Consecutive faulty rounds give each layout the next fault class, so every layout meets
        // every class within `kinds_count` faulty rounds; within a round, layouts differ.
        let round = index / count;
        let faulty_rounds_before = round * options.fault_percent / 100;
        let start = (faulty_rounds_before + index % count) % kinds_count;
        for offset in 0..kinds_count {
            let kind = usize::try_from((start + offset) % kinds_count)
                .ok()
                .and_then(|position| kinds.get(position))
                .copied();
            let Some(kind) = kind else { continue };
            let mut candidate = report.clone();
            if let Some(injected) = inject(&mut candidate, kind, layout) {
                report = candidate;
                fault = Some(injected);
                break;
            }
        }
    }
    let rendered = render(&report, layout);
    let expected = fault.as_ref().and_then(|fault| fault.locate(&rendered));
    let status = expected.as_ref().map_or("clean", |finding| finding.code);
    let entry = ManifestEntry {
        path: format!(
            "{index:0index_width$}_{}_{status}.txt",
            layout.name(),
            index_width = index_width
        ),
        layout,
        encoding: rendered.encoding.name(),
        template: report.template.as_str(),
        year: report.year,
        organ: report.organ.clone(),
        fault: expected,
        notes: rendered.notes.clone(),
    };
    CorpusFile {
        report,
        rendered,
        entry,
    }
}

/// The manifest written next to the files.
#[derive(Clone, Debug, Serialize)]
pub struct Manifest {
    pub generator: &'static str,
    pub seed: u64,
    pub count: u64,
    pub fault_percent: u64,
    pub files: Vec<ManifestEntry>,
}

impl Manifest {
    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self).map(|json| json + "\n")
    }
}

/// The file names a manifest lists, so that regenerating a corpus can remove exactly the files of
/// the previous run. Names that are not plain file names (a separator, `..`) are left out.
pub fn manifest_paths(json: &str) -> Result<Vec<String>, serde_json::Error> {
    let manifest: serde_json::Value = serde_json::from_str(json)?;
    let files = manifest
        .get("files")
        .and_then(serde_json::Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    Ok(files
        .iter()
        .filter_map(|file| file.get("path")?.as_str())
        .filter(|path| {
            !path.is_empty() && !path.contains(['/', '\\']) && *path != "." && *path != ".."
        })
        .map(str::to_owned)
        .collect())
}
