//! PDF input end to end through the `nianbao` binary: a folder of mixed text, web page, Word and
//! PDF reports in one run; the page of every finding in every format; a scan, a damaged and an
//! encrypted PDF each with its own finding; `nianbao text`; and the real published PDFs of
//! `../shared/corpus/real` (ignored when that folder is absent).

// Helpers outside `#[test]` functions panic on purpose: a failed setup is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use nianbao_gen::{FaultKind, Layout, Options, PdfStyle, generate, inject, render_pdf};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");

/// A fresh folder, removed when the test ends.
struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("nianbao-pdf-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch { dir }
    }

    fn write(&self, name: &str, bytes: &[u8]) {
        std::fs::write(self.dir.join(name), bytes).unwrap();
    }

    fn run(&self, args: &[&str]) -> Run {
        run_in(&self.dir, args)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

struct Run {
    stdout: String,
    stderr: String,
    code: Option<i32>,
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code(),
    }
}

fn json(run: &Run) -> Vec<Value> {
    serde_json::from_str::<Value>(&run.stdout)
        .unwrap_or_else(|error| panic!("{error}: {}", run.stdout))
        .as_array()
        .cloned()
        .unwrap()
}

/// A generated report with a Table 3 row total off by one, as a ruled PDF, with the line and
/// page the generator says the fault's finding must be at.
struct Faulty {
    pdf: Vec<u8>,
    report: nianbao_gen::GeneratedReport,
    code: &'static str,
    line: u32,
    page: u32,
}

fn faulty() -> Faulty {
    let mut report = generate(2027, 3, &Options::default());
    let fault = inject(&mut report, FaultKind::RowTotal, Layout::Tab).expect("a row to break");
    let pdf = render_pdf(&report, PdfStyle::Ruled);
    let expected = fault.locate(&pdf.text).expect("the anchor is printed");
    Faulty {
        page: pdf.page_of(fault.anchor).expect("on a page"),
        pdf: pdf.bytes,
        report,
        code: expected.code,
        line: expected.line,
    }
}

/// A one-page PDF that only draws a box: no text layer, as with a scan.
fn scan() -> Vec<u8> {
    let content = b"0 0 m 100 100 l S 10 10 200 300 re f";
    let objects: [Vec<u8>; 4] = [
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
        [
            format!("<< /Length {} >>\nstream\n", content.len()).as_bytes(),
            content,
            b"\nendstream",
        ]
        .concat(),
    ];
    // A binary comment after the header, as writers put there: the file must not be refused
    // as binary before the PDF reader sees it.
    let mut out = b"%PDF-1.7\n%\x00\x00\x00\x00\xe2\xe3\xcf\xd3\x00\x00\x00\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", index + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 5\n0000000000 65535 f \n");
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

#[test]
fn a_folder_of_text_pages_word_and_pdf_lints_in_one_run_with_pages_for_the_pdf() {
    let faulty = faulty();
    let scratch = Scratch::new("mixed");
    let text = nianbao_gen::render(&faulty.report, Layout::Tab).text;
    scratch.write("a.txt", text.as_bytes());
    scratch.write(
        "b.html",
        nianbao_gen::render_html(&faulty.report).as_bytes(),
    );
    scratch.write("c.docx", &nianbao_gen::render_docx(&faulty.report).unwrap());
    scratch.write("d.pdf", &faulty.pdf);
    // Named .txt, the bytes say PDF.
    scratch.write("e.txt", &faulty.pdf);

    let run = scratch.run(&["check", "--output-format", "json", "."]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let findings = json(&run);
    for path in ["a.txt", "b.html", "c.docx", "d.pdf", "e.txt"] {
        let hits: Vec<&Value> = findings
            .iter()
            .filter(|f| f["path"] == path && f["code"] == faulty.code)
            .collect();
        assert_eq!(hits.len(), 1, "{path}: {findings:?}");
        let is_pdf = matches!(path, "d.pdf" | "e.txt");
        assert_eq!(
            hits[0].get("page").is_some(),
            is_pdf,
            "{path}: {:?}",
            hits[0]
        );
        if is_pdf {
            assert_eq!(hits[0]["page"], faulty.page, "{path}");
            assert_eq!(hits[0]["line"], faulty.line, "{path}");
        }
    }
    // The PDF says nothing the text does not (no error of its own).
    let codes = |path: &str| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f["path"] == path && f["severity"] == "error")
            .map(|f| f["code"].to_string())
            .collect()
    };
    assert_eq!(codes("d.pdf"), codes("a.txt"));

    let concise = scratch.run(&["check", "--output-format", "concise", "."]);
    assert!(
        concise.stderr.contains("已检查 5 份报告"),
        "{}",
        concise.stderr
    );
}

#[test]
fn a_scan_a_damaged_and_a_fake_pdf_each_get_their_own_finding() {
    let faulty = faulty();
    let scratch = Scratch::new("bad");
    scratch.write("good.pdf", &faulty.pdf);
    scratch.write("scan.pdf", &scan());
    scratch.write("cut.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog");
    scratch.write("fake.pdf", b"not a pdf at all, just text named .pdf\n");

    let run = scratch.run(&["check", "--output-format", "concise", "."]);
    let line = |path: &str| -> String {
        run.stdout
            .lines()
            .find(|line| line.starts_with(path))
            .unwrap_or_else(|| panic!("no finding for {path}: {}", run.stdout))
            .to_owned()
    };
    assert_eq!(
        line("scan.pdf"),
        "scan.pdf:1:1: error[IO011] 无文字层，可能是扫描件，未检查：1 页，0 幅图像"
    );
    assert!(
        line("cut.pdf").starts_with("cut.pdf:1:1: error[IO001] "),
        "{}",
        run.stdout
    );
    assert!(
        line("fake.pdf").starts_with("fake.pdf:1:1: warning[IO006] "),
        "{}",
        run.stdout
    );
    assert!(line("good.pdf").contains(&format!("[{}]", faulty.code)));
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    // The scan is one of the reports, not checked whole: the summary says so.
    assert!(
        run.stderr.contains("已检查 2 份报告") && run.stderr.contains("1 份未完整检查"),
        "{}",
        run.stderr
    );

    let english = scratch.run(&[
        "check",
        "--output-format",
        "concise",
        "--lang",
        "en",
        "scan.pdf",
    ]);
    assert_eq!(
        english.stdout.trim(),
        "scan.pdf:1:1: error[IO011] no text layer, probably a scan; not checked: 1 pages, 0 images"
    );
    let forced = scratch.run(&["check", "--input-format", "pdf", "fake.pdf"]);
    assert!(forced.stdout.contains("IO006"), "{}", forced.stdout);
}

#[test]
fn every_format_gives_the_page_of_a_pdf_finding() {
    let faulty = faulty();
    let scratch = Scratch::new("formats");
    scratch.write("report.pdf", &faulty.pdf);
    let page = faulty.page;
    let line = faulty.line;

    let concise = scratch.run(&["check", "--output-format", "concise", "report.pdf"]);
    insta::assert_snapshot!("pdf_concise", concise.stdout);
    assert!(
        concise.stdout.contains(&format!("report.pdf:{line}:"))
            && concise.stdout.contains(&format!("（第 {page} 页）")),
        "{}",
        concise.stdout
    );
    let full = scratch.run(&["check", "report.pdf"]);
    insta::assert_snapshot!("pdf_full", full.stdout);
    assert!(
        full.stdout.contains(&format!("report.pdf 第 {page} 页]")),
        "{}",
        full.stdout
    );
    let english = scratch.run(&["check", "--lang", "en", "report.pdf"]);
    assert!(
        english.stdout.contains(&format!("report.pdf page {page}]")),
        "{}",
        english.stdout
    );
    let json_run = scratch.run(&["check", "--output-format", "json", "report.pdf"]);
    insta::assert_snapshot!("pdf_json", json_run.stdout);

    let jsonl = scratch.run(&["check", "--output-format", "jsonl", "report.pdf"]);
    let first: Value = serde_json::from_str(jsonl.stdout.lines().next().unwrap()).unwrap();
    assert!(first["page"].is_u64(), "{first}");
    let sarif = scratch.run(&["check", "--output-format", "sarif", "report.pdf"]);
    let log: Value = serde_json::from_str(&sarif.stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let result = results
        .iter()
        .find(|result| result["ruleId"] == faulty.code)
        .unwrap();
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (
            region["startLine"].as_u64(),
            region["properties"]["page"].as_u64()
        ),
        (Some(u64::from(line)), Some(u64::from(page)))
    );
    let github = scratch.run(&["check", "--output-format", "github", "report.pdf"]);
    assert!(
        github.stdout.contains(&format!("（第 {page} 页）")),
        "{}",
        github.stdout
    );
    let audit = scratch.run(&["check", "--output-format", "html", "report.pdf"]);
    assert!(
        audit.stdout.contains(&format!("第 {page} 页 第 {line} 行")),
        "the audit page gives the page before the line"
    );
    let csv = scratch.run(&["check", "--output-format", "csv", "report.pdf"]);
    assert!(
        csv.stdout.contains(&format!(",report.pdf,{page},{line},")),
        "{}",
        csv.stdout
    );
}

#[test]
fn text_prints_what_was_read_from_any_input() {
    let faulty = faulty();
    let scratch = Scratch::new("text");
    scratch.write("report.pdf", &faulty.pdf);
    scratch.write(
        "report.html",
        nianbao_gen::render_html(&faulty.report).as_bytes(),
    );
    let expected = render_pdf(&faulty.report, PdfStyle::Ruled).text.text;
    let pdf = scratch.run(&["text", "report.pdf"]);
    assert_eq!(
        (pdf.code, pdf.stdout.as_str()),
        (Some(0), expected.as_str())
    );
    // The finding's line counts in that text.
    let line = pdf.stdout.lines().nth(faulty.line as usize - 1).unwrap();
    assert!(line.contains('\t'), "{line}");
    let html = scratch.run(&["text", "report.html"]);
    assert_eq!(html.code, Some(0));
    assert!(html.stdout.contains("（七）总计\t"), "{}", html.stdout);
    assert!(!html.stdout.contains('<'), "{}", html.stdout);
    scratch.write("scan.pdf", &scan());
    let scan = scratch.run(&["text", "scan.pdf"]);
    assert_eq!(scan.code, Some(2));
    assert!(scan.stderr.contains("IO011"), "{}", scan.stderr);
}

fn real(name: &str) -> String {
    nianbao_testdata::shared(&format!("corpus/real/{name}"))
        .display()
        .to_string()
}

#[test]
#[ignore = "needs ../shared/corpus/real"]
fn hongze_pdf_reports_exactly_its_two_real_table4_errors_with_page_and_excerpt() {
    let path = real("hongze-2023.pdf");
    let run = run_in(Path::new("."), &["check", "--output-format", "json", &path]);
    let findings: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    let errors: Vec<(String, u64, String)> = findings
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["page"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors
            .iter()
            .all(|(code, page, _)| code == "T4001" && *page == 4),
        "{errors:?}"
    );
    assert!(
        errors[0].2.contains("F5") && errors[0].2.contains("11"),
        "{errors:?}"
    );
    assert!(
        errors[1].2.contains("F15") && errors[1].2.contains('5'),
        "{errors:?}"
    );

    // The full format shows the Table 4 row as printed, headed by its page.
    let full = run_in(Path::new("."), &["check", &path]);
    let at = full.stdout.find("T4001(").unwrap();
    let first = &full.stdout[at..at + full.stdout[at..].find("help:").unwrap()];
    assert!(first.contains("第 4 页]"), "{first}");
    assert!(
        first.contains("10  1   0   0   0   0   0   0   0   0   5   0   0   0   0"),
        "{first}"
    );
}

#[test]
#[ignore = "needs ../shared/corpus/real"]
fn shuyang_printed_pdf_reads_to_the_numbers_of_its_web_page() {
    let model = |name: &str| -> Value {
        let run = run_in(Path::new("."), &["parse", &real(name)]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        serde_json::from_str(&run.stdout).unwrap()
    };
    let pdf = model("shuyang-fgj-2023.printed.pdf");
    let html = model("shuyang-fgj-2023.html");
    for key in ["year", "template", "table2", "table3", "table4"] {
        assert_eq!(pdf[key], html[key], "{key}");
    }
    assert_eq!(pdf["table4"][3], 1, "尚未审结 复议 1");
    let run = run_in(
        Path::new("."),
        &[
            "check",
            "--output-format",
            "json",
            &real("shuyang-fgj-2023.printed.pdf"),
        ],
    );
    let findings: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    assert!(findings.iter().all(|f| f["page"].is_u64()), "{findings:?}");
}

#[test]
fn last_years_pdf_is_named_with_its_page_in_a_cross_report_finding() {
    let options = nianbao_gen::SeriesOptions {
        seed: 7,
        index: 2,
        first_year: 2022,
        years: 2,
        faults: vec![(
            2023,
            nianbao_gen::SeriesFault::CarryOver {
                column: 0,
                delta: 2,
            },
        )],
    };
    let reports = nianbao_gen::series(&options);
    let scratch = Scratch::new("cross");
    let last_year = render_pdf(&reports[0], PdfStyle::Ruled);
    scratch.write("2022.pdf", &last_year.bytes);
    scratch.write(
        "2023.txt",
        &nianbao_gen::render(&reports[1], Layout::Tab).bytes,
    );
    let run = scratch.run(&["check", "--output-format", "json", "."]);
    let findings = json(&run);
    let carry = findings
        .iter()
        .find(|f| f["code"] == "X001")
        .unwrap_or_else(|| panic!("no X001: {findings:?}"));
    assert_eq!(carry["path"], "2023.txt");
    assert!(carry.get("page").is_none(), "{carry}");
    let related = &carry["related"][0];
    assert_eq!(related["path"], "2022.pdf");
    // 结转下年度 of Table 3, as printed in last year's PDF.
    let line = related["line"].as_u64().unwrap() as usize;
    let printed = last_year.text.text.lines().nth(line - 1).unwrap();
    assert!(printed.starts_with("四、结转下年度继续办理"), "{printed}");
    let index = nianbao_source::LineIndex::new(&last_year.text.text);
    let offset = index.line_start(u32::try_from(line).unwrap()).unwrap();
    let expected_page = nianbao_pdf_page(&last_year.bytes, offset);
    assert_eq!(related["page"], expected_page, "{related}");
    let full = scratch.run(&["check", "."]);
    assert!(
        full.stdout.contains(&format!("另见 2022.pdf:{line}:"))
            && full.stdout.contains(&format!("（第 {expected_page} 页）")),
        "{}",
        full.stdout
    );
}

/// The page of a byte offset of a PDF's extracted text, as `nianbao text` and the reader see it.
fn nianbao_pdf_page(bytes: &[u8], offset: u32) -> u32 {
    let document = nianbao_html::Document::read(bytes, Path::new("a.pdf"), None).unwrap();
    document.page_of(offset).unwrap()
}
