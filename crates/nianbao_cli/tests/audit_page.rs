//! The audit page and the CSV end to end: `nianbao check FOLDER --output-format html|csv` on a
//! folder with a faulty report, a clean one, a saved web page, a pre-2019 report, a stray file,
//! last year's and this year's report of one body (a cross-report finding), and a report whose
//! text and file name carry markup and scripts.
//!
//! The page is opened in headless Chromium when one is installed (`NIANBAO_CHROMIUM`, else
//! `chromium`, `chromium-browser`, `google-chrome` on the `PATH`): the DOM it builds lists every
//! report, runs the page's own script and holds no element a report injected; a driver script
//! on a copy clicks column headings and filters and reads what is shown; a screenshot is left
//! in the target folder for a person to look at. Without a browser that test says on the
//! terminal that it was skipped (and fails instead with `NIANBAO_REQUIRE_CHROMIUM=1`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// Leaves a trace on the page if it ever runs.
const SCRIPT: &str = "<script>document.body.setAttribute('data-pwned','script')</script>";
const IMG: &str = "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">";
const HOSTILE_NAME: &str = "\"><svg onload=alert(1)>.txt";

/// A scratch folder of reports, removed on drop.
struct Folder(PathBuf);

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The files of the folder, as the page lists them (relative to the folder's parent).
const FILES: [&str; 8] = [
    "reports/\"><svg onload=alert(1)>.txt",
    "reports/2012.txt",
    "reports/2021.html",
    "reports/2022.txt",
    "reports/faulty.txt",
    "reports/notes.txt",
    "reports/page.html",
    "reports/seed.txt",
];

fn folder(name: &str) -> Folder {
    let root = std::env::temp_dir().join(format!("nianbao-audit-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let dir = root.join("reports");
    std::fs::create_dir_all(&dir).unwrap();
    let fixture = |file: &str| std::fs::read_to_string(Path::new(FIXTURES).join(file)).unwrap();
    std::fs::write(dir.join("seed.txt"), fixture("seed.txt")).unwrap();
    std::fs::write(dir.join("faulty.txt"), fixture("faulty.txt")).unwrap();
    // The faulty report again, with markup in the sentence N004 flags and in the title.
    let hostile = fixture("faulty.txt")
        .replacen("共办结 80 件", &format!("共办结 80 件{SCRIPT}{IMG}"), 1)
        .replacen(
            "偃师区人民政府办公室 2024",
            "偃师区人民政府办公室<b>x</b> 2024",
            1,
        );
    std::fs::write(dir.join(HOSTILE_NAME), hostile).unwrap();
    // A saved web page with a wrong row total, shown on its extracted text.
    let mut report = nianbao_gen::generate(2026, 7, &nianbao_gen::Options::default());
    nianbao_gen::inject(
        &mut report,
        nianbao_gen::FaultKind::RowTotal,
        nianbao_gen::Layout::Tab,
    )
    .unwrap();
    std::fs::write(dir.join("page.html"), nianbao_gen::render_html(&report)).unwrap();
    // Last year's and this year's report of one body, with a carry-over break (X001).
    let series = nianbao_gen::series(&nianbao_gen::SeriesOptions {
        seed: 4,
        index: 2,
        first_year: 2021,
        years: 2,
        faults: vec![(
            2022,
            nianbao_gen::SeriesFault::CarryOver {
                column: 0,
                delta: 3,
            },
        )],
    });
    std::fs::write(dir.join("2021.html"), nianbao_gen::render_html(&series[0])).unwrap();
    std::fs::write(
        dir.join("2022.txt"),
        nianbao_gen::render(&series[1], nianbao_gen::Layout::Tab).text,
    )
    .unwrap();
    // A free-form report of 2012, whose figures are not read against a template.
    std::fs::write(
        dir.join("2012.txt"),
        "宁化县民政局2012年政府信息公开工作年度报告\n\n一、概述\n\n2012年，我局认真贯彻条例。\n\n\
         二、主动公开政府信息情况\n\n全年主动公开政府信息 120 条。\n\n\
         三、依申请公开政府信息情况\n\n全年共受理申请 17 件，办结 17 件。\n",
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "待办：周五前汇总。\n").unwrap();
    Folder(root)
}

struct Run {
    stdout: Vec<u8>,
    code: i32,
}

fn check(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(BIN)
        .arg("check")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Run {
        stdout: output.stdout,
        code: output.status.code().unwrap_or(-1),
    }
}

fn page(dir: &Folder, lang: &str) -> String {
    let run = check(
        &dir.0,
        &["reports", "--output-format", "html", "--lang", lang],
    );
    assert_eq!(run.code, 1, "the folder holds reports with errors");
    String::from_utf8(run.stdout).unwrap()
}

/// The `<article>` of the report at `path` (as the page writes it, escaped).
fn section<'p>(page: &'p str, path: &str) -> &'p str {
    page.split("<article")
        .find(|section| section.contains(&format!("<h3>{path}</h3>")))
        .unwrap_or_else(|| panic!("no section for {path}"))
}

#[test]
fn the_page_lists_every_file_once_and_shows_what_reports_hold_as_text() {
    let dir = folder("page");
    let page = page(&dir, "zh");
    assert_eq!(page.matches("<tr data-errors").count(), FILES.len());
    for file in FILES {
        let escaped = file
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;");
        let linked = format!("{escaped}</a></td>");
        let plain = format!("<td class=\"file\">{escaped}</td>");
        assert!(
            page.contains(&linked) || page.contains(&plain),
            "{file} not listed"
        );
    }
    // Nothing a report or a file name holds became markup.
    for raw in [
        "<svg onload",
        "<img",
        "<b>x",
        "<bx",
        "data-pwned','script')</script>",
    ] {
        assert!(!page.contains(raw), "{raw} reached the page");
    }
    assert_eq!(
        page.matches("<script").count(),
        1,
        "only the page's own script"
    );
    let hostile = section(&page, "reports/&quot;&gt;&lt;svg onload=alert(1)&gt;.txt");
    // The excerpt is a window of its long line, the flagged number marked, the script after it
    // as text.
    assert!(
        hostile.contains("<mark class=\"p\">80</mark> 件&lt;script&gt;document.body.setAttribute(")
    );
    // The body named in the title, markup and all (as far as the title parser keeps it).
    assert!(hostile.contains("<p class=\"meta\">偃师区人民政府办公室&lt;b"));

    // A page's finding is shown on its extracted text, the wrong total marked in its row.
    let web = section(&page, "reports/page.html");
    assert!(web.contains("T3001") && web.contains("<mark class=\"p\">"));
    assert!(web.contains("摘自网页或 Word 文件提取出的文本"));
    // The cross-report finding is under this year's report, pointing at last year's.
    let this_year = section(&page, "reports/2022.txt");
    assert!(this_year.contains("<code>X001</code>"));
    assert!(this_year.contains("<li>reports/2021.html <span class=\"loc\">"));
    // No silent pass: the 2012 report and the stray file are not "checked fully".
    let old = section(&page, "reports/2012.txt");
    assert!(old.contains("<li>2008 年版格式（2019 年以前）：统计表不是 2019/2021 年模板的表格"));
    let row = |path: &str| {
        page.lines()
            .find(|line| line.starts_with("<tr ") && line.contains(&format!(">{path}</a>")))
            .unwrap_or_else(|| panic!("no row for {path}"))
    };
    assert!(row("reports/2012.txt").contains("<span class=\"pill partial\">未完整</span>"));
    assert!(row("reports/notes.txt").contains("<span class=\"pill none\">已跳过</span>"));
    assert!(row("reports/seed.txt").contains("<span class=\"pill full\">完整</span>"));

    // The page counts reports not fully checked as the run's summary does.
    let summary = Command::new(BIN)
        .args(["check", "reports", "--output-format", "concise"])
        .current_dir(&dir.0)
        .output()
        .unwrap();
    let summary = String::from_utf8(summary.stderr).unwrap();
    assert!(summary.contains("，1 份未完整检查"), "{summary}");
    assert!(page.contains("<div class=\"card warn\"><b>1</b><span>未完整检查</span></div>"));

    let english = self::page(&dir, "en");
    assert!(english.contains("<html lang=\"en\">") && english.contains(">Checked fully<"));
    assert!(english.contains("<li>the 2008 format (before 2019)"));
}

/// One CSV record per line of `text` as RFC 4180 reads it (quoted line breaks kept).
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut records = vec![vec![String::new()]];
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        let record = records.last_mut().unwrap();
        match (ch, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                record.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => record.push(String::new()),
            ('\r', false) if chars.peek() == Some(&'\n') => {
                chars.next();
                records.push(vec![String::new()]);
            }
            (ch, _) => record.last_mut().unwrap().push(ch),
        }
    }
    if records.last() == Some(&vec![String::new()]) {
        records.pop();
    }
    records
}

#[test]
fn the_csv_opens_with_chinese_a_row_per_finding_and_no_live_formula() {
    let dir = folder("csv");
    let reports = dir.0.join("reports");
    // Named so that the file cell would be a formula.
    std::fs::copy(reports.join("faulty.txt"), reports.join("=1+2.txt")).unwrap();
    let files = [
        "=1+2.txt",
        "faulty.txt",
        HOSTILE_NAME,
        "2021.html",
        "2022.txt",
    ];
    let mut args: Vec<&str> = files.to_vec();
    args.extend(["--output-format", "csv"]);
    let run = check(&reports, &args);
    assert_eq!(run.code, 1);
    let text = String::from_utf8(run.stdout).unwrap();
    let text = text
        .strip_prefix('\u{FEFF}')
        .expect("a byte-order mark first");
    let records = csv_records(text);
    assert_eq!(
        records[0],
        [
            "发布机关",
            "年度",
            "文件",
            "页",
            "行",
            "列",
            "规则",
            "严重程度",
            "说明"
        ]
    );
    args.pop();
    args.push("jsonl");
    let jsonl = check(&reports, &args);
    let findings = String::from_utf8(jsonl.stdout).unwrap().lines().count();
    assert_eq!(records.len() - 1, findings, "one row per finding");
    for record in &records {
        assert_eq!(record.len(), 9, "{record:?}");
        for cell in record {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']),
                "live formula: {cell:?}"
            );
        }
    }
    let faulty_total = records
        .iter()
        .find(|record| record[2] == "faulty.txt" && record[6] == "T3001")
        .expect("faulty.txt's T3001 row");
    assert_eq!(
        faulty_total[..6],
        ["偃师区人民政府办公室", "2024", "faulty.txt", "", "74", "22"]
    );
    assert_eq!(faulty_total[7], "错误");
    assert!(records.iter().any(|record| record[2] == "'=1+2.txt"));
    // The cross-report rows name their report too.
    let cross = records
        .iter()
        .find(|record| record[6] == "X001")
        .expect("an X001 row");
    assert_eq!((cross[1].as_str(), cross[2].as_str()), ("2022", "2022.txt"));
    assert!(!cross[0].is_empty());
}

/// A Chromium to run, or why there is none.
fn chromium() -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("NIANBAO_CHROMIUM").filter(|path| !path.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    Err("no chromium, chromium-browser or google-chrome on the PATH and no NIANBAO_CHROMIUM".into())
}

/// Runs the browser headless, offline, within a minute.
fn headless(browser: &Path, profile: &Path, args: &[&str]) -> Vec<u8> {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut bytes).map(|_| bytes)
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("Chromium did not finish within a minute");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap().unwrap()
}

#[test]
fn chromium_renders_the_page_and_runs_nothing_a_report_holds() {
    let browser = match chromium() {
        Ok(browser) => browser,
        Err(why) if std::env::var_os("NIANBAO_REQUIRE_CHROMIUM").is_some() => {
            panic!("NIANBAO_REQUIRE_CHROMIUM is set, but {why}")
        }
        Err(why) => {
            // Past the test harness's capture, so that the skip is seen, not a silent pass.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED chromium_renders_the_page_and_runs_nothing_a_report_holds: {why} \
                 (install Debian's chromium, or set NIANBAO_CHROMIUM)"
            );
            return;
        }
    };
    let dir = folder("chromium");
    let html = page(&dir, "zh");
    // Kept beside the screenshot, for a person to open.
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("audit-page");
    std::fs::create_dir_all(&shots).unwrap();
    let file = shots.join("page.html");
    std::fs::write(&file, &html).unwrap();
    let url = format!("file://{}", file.display());
    let profile = dir.0.join("profile");

    let dom = String::from_utf8(headless(&browser, &profile, &["--dump-dom", &url])).unwrap();
    let body_tag = dom
        .split("<body")
        .nth(1)
        .and_then(|rest| rest.split('>').next())
        .unwrap_or("");
    assert!(
        body_tag.contains("data-ready=\"yes\""),
        "the page's own script ran under its policy: <body{body_tag}>"
    );
    assert!(dom.contains("显示 8 / 8 份"));
    assert_eq!(dom.matches("<tr data-errors").count(), FILES.len());
    for file in FILES {
        // The DOM serializer escapes `<`, `>` and `&` in text, not quotes.
        let escaped = file.replace('<', "&lt;").replace('>', "&gt;");
        assert!(dom.contains(&escaped), "{file} not listed");
    }
    assert!(!dom.contains("data-pwned=\""), "an injected script ran");
    assert!(!dom.contains("<img"), "an injected element exists");
    assert!(!dom.contains("<svg onload"), "an injected element exists");
    assert_eq!(dom.matches("<script").count(), 1);
    assert!(dom.contains("件&lt;script&gt;document.body.setAttribute("));

    sorts_and_filters(&browser, &profile, &html, &shots);

    let png = shots.join("page.png");
    let _ = std::fs::remove_file(&png);
    headless(
        &browser,
        &profile,
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=1400,2000",
            &url,
        ],
    );
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    // IHDR: width and height, big-endian, after the signature and the chunk's length and type.
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((width, height), (1400, 2000));
    let _ = writeln!(
        std::io::stderr(),
        "audit page: {} (screenshot {})",
        file.display(),
        png.display()
    );
}

/// Clicks and types on a copy of the page, through a driver script after the page's own (the
/// copy without its policy, which admits only the page's script), and reads what is shown.
fn sorts_and_filters(browser: &Path, profile: &Path, html: &str, dir: &Path) {
    const DRIVER: &str = r#"<script>
(function () {
  var out = [];
  function shown() {
    return Array.prototype.filter.call(document.querySelectorAll('#reports tbody tr'),
      function (row) { return !row.hidden; })
      .map(function (row) { return row.cells[0].textContent.replace('reports/', ''); }).join(' ');
  }
  var errors = document.querySelectorAll('#reports th button')[4];
  errors.click(); errors.click();
  out.push('errors-descending: ' + shown());
  document.querySelectorAll('#reports th button')[2].click();
  out.push('year-ascending: ' + shown());
  var query = document.getElementById('q');
  query.value = '北关 2022';
  query.dispatchEvent(new Event('input'));
  out.push('query: ' + shown());
  query.value = '';
  query.dispatchEvent(new Event('input'));
  document.getElementById('only-partial').click();
  out.push('partial: ' + shown());
  out.push('partial details hidden: ' + document.getElementById('r7').hidden);
  document.getElementById('only-partial').click();
  document.getElementById('sev-warning').click();
  out.push('warnings hidden: ' + document.body.classList.contains('hide-warning'));
  out.push('sections shown: ' + Array.prototype.filter.call(document.querySelectorAll('article'),
    function (article) { return !article.hidden; })
    .map(function (article) { return article.querySelector('h3').textContent.replace('reports/', ''); }).join(' '));
  out.push('count: ' + document.getElementById('count').textContent);
  var pre = document.createElement('pre');
  pre.id = 'driver';
  pre.textContent = '\n' + out.join('\n') + '\n';
  document.body.appendChild(pre);
}());
</script>"#;
    let policy_start = html
        .find("<meta http-equiv=\"Content-Security-Policy\"")
        .unwrap();
    let policy_end = policy_start + html[policy_start..].find('>').unwrap() + 1;
    let driven = format!(
        "{}{}",
        &html[..policy_start],
        &html[policy_end..].replace("</body>", &format!("{DRIVER}</body>"))
    );
    let file = dir.join("driven.html");
    std::fs::write(&file, driven).unwrap();
    let url = format!("file://{}", file.display());
    let dom = String::from_utf8(headless(browser, profile, &["--dump-dom", &url])).unwrap();
    let report = dom
        .split("<pre id=\"driver\">")
        .nth(1)
        .and_then(|rest| rest.split("</pre>").next())
        .unwrap_or_else(|| panic!("the driver did not run"));
    let expected = "
errors-descending: \"&gt;&lt;svg onload=alert(1)&gt;.txt faulty.txt page.html 2012.txt 2021.html 2022.txt notes.txt seed.txt
year-ascending: notes.txt 2012.txt 2021.html 2022.txt \"&gt;&lt;svg onload=alert(1)&gt;.txt faulty.txt seed.txt page.html
query: 2022.txt
partial: 2012.txt
partial details hidden: true
warnings hidden: true
sections shown: \"&gt;&lt;svg onload=alert(1)&gt;.txt 2012.txt faulty.txt page.html
count: 显示 8 / 8 份
";
    assert_eq!(report, expected);
}
