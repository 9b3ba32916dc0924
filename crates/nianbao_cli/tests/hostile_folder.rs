//! Issue 13's "done when": one folder holding every hostile file of the issue beside a good
//! report (at moderate sizes; `docs/reliability.md` records the same run at the sizes).
//! One run finishes, stays under 500 MB, and every file appears in the output exactly once,
//! under its own name, with its own finding.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod matrix;

use matrix::{Case, GOOD, Summary, docx};
use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

/// Writes a file the output must show under `name`.
fn put(case: &Case, shown: &mut BTreeSet<String>, name: &str, bytes: &[u8]) {
    case.write(name, bytes);
    shown.insert(name.to_owned());
}

/// Writes every hostile file; returns the names the output must show, one each.
fn hostile_folder(case: &Case) -> BTreeSet<String> {
    let text = String::from_utf8_lossy(GOOD);
    let page = |body: String| format!("<html><body><p>一、总体情况</p>{body}</body></html>");
    let mut shown: BTreeSet<String> = ["good.txt".to_owned()].into();
    // 1: tables that expand without bound.
    put(
        case,
        &mut shown,
        "c1-wide.html",
        page(format!("<table><tr>{}", "<td colspan=1000>".repeat(40_000))).as_bytes(),
    );
    put(
        case,
        &mut shown,
        "c1-spans.html",
        page(format!("<table>{}", "<tr><td colspan=1000>1".repeat(9_000))).as_bytes(),
    );
    put(
        case,
        &mut shown,
        "c1-tall.html",
        page(format!(
            "<table>{}",
            "<tr><td rowspan=65534 colspan=1000>x".repeat(1_500)
        ))
        .as_bytes(),
    );
    put(
        case,
        &mut shown,
        "c1-rowspans.html",
        format!("<table><tr>{}", "<td rowspan=65534>".repeat(12_000)).as_bytes(),
    );
    let cell = "<w:tc><w:tcPr><w:gridSpan w:val=\"1000\"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>";
    put(
        case,
        &mut shown,
        "c1-gridspan.docx",
        &docx(&format!(
            "<w:tbl>{}</w:tbl>",
            format!("<w:tr>{}</w:tr>", cell.repeat(20)).repeat(400)
        )),
    );
    // 2: a binary file (shown whatever is selected), a second copy of the report, a name that
    // would forge a line.
    put(case, &mut shown, "c2-binary.txt", &[0u8; 4096]);
    put(case, &mut shown, "c2-copy.txt", GOOD);
    case.write("c2-x.txt:1:1: error[T3001] forged\n\u{1b}[2K.txt", GOOD);
    shown.insert("c2-x.txt:1:1: error[T3001] forged\\n\\u{1b}[2K.txt".to_owned());
    // 5, 6: a cell of 70,000 digits; a file of repeated headings.
    let digits = text.replacen(
        "本年新收政府信息公开申请数量\t\t81\t0\t0",
        &format!(
            "本年新收政府信息公开申请数量\t\t{}\t1\t0",
            "9".repeat(70_000)
        ),
        1,
    );
    put(case, &mut shown, "c5-digits.txt", digits.as_bytes());
    put(
        case,
        &mut shown,
        "c6-headings.txt",
        "一、总体情况\n".repeat(50_000).as_bytes(),
    );
    // 8: a sparse file far over the limit.
    std::fs::File::create(case.dir.join("c8-sparse.txt"))
        .unwrap()
        .set_len(30 << 30)
        .unwrap();
    shown.insert("c8-sparse.txt".to_owned());
    // 9: an exponential glob governing a name of 40 `a`s.
    let long_name = format!("c9/{}.txt", "a".repeat(40));
    put(case, &mut shown, &long_name, GOOD);
    case.write(
        "c9/nianbao.toml",
        b"[per-file-ignores]\n\"*a*a*a*a*a*a*a*a*a*a*a*a*b\" = [\"L001\"]\n",
    );
    // 11: a Word file cut short, one encrypted.
    let whole = nianbao_gen::render_docx(&nianbao_gen::generate(
        5,
        1,
        &nianbao_gen::Options::default(),
    ))
    .unwrap();
    put(case, &mut shown, "c11-cut.docx", &whole[..whole.len() / 2]);
    let mut locked = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    locked.resize(1024, 0);
    locked.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    locked.resize(4096, 0);
    put(case, &mut shown, "c11-locked.docx", &locked);
    // Minor: a NUL byte, invalid UTF-8, a zero-width space in a number, a bad configuration.
    let mut nul = GOOD.to_vec();
    nul.insert(text.find("本年新收").unwrap(), 0);
    put(case, &mut shown, "m-nul.txt", &nul);
    let mut bad = GOOD.to_vec();
    bad.insert(text.find("2024").unwrap(), 0xFF);
    put(case, &mut shown, "m-utf8.txt", &bad);
    put(
        case,
        &mut shown,
        "m-zwsp.txt",
        text.replacen("\t81\t0", "\t8\u{200B}1\t0", 1).as_bytes(),
    );
    put(case, &mut shown, "m-config/r.txt", GOOD);
    case.write("m-config/nianbao.toml", b"selct = 1\n");
    // 2: names that are not UTF-8; 3: a pipe, a device, a socket named like reports.
    for (name, display) in [
        (&b"c2-\xFF.txt"[..], "c2-\\xFF.txt"),
        (b"c2-\xFE.txt", "c2-\\xFE.txt"),
        (b"c2-\xFD.txt", "c2-\\xFD.txt"),
        (b"c2-\xC4\xEA\xB1\xA8.txt", "c2-\\xC4\\xEA\\xB1\\xA8.txt"),
        (b"c2-\xC4\xEA\xB6\xC8.txt", "c2-\\xC4\\xEA\\xB6\\xC8.txt"),
    ] {
        case.write(OsStr::from_bytes(name), GOOD);
        shown.insert(display.to_owned());
    }
    let made = std::process::Command::new("mkfifo")
        .arg(case.dir.join("c3-fifo.txt"))
        .status()
        .unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", case.dir.join("c3-device.txt")).unwrap();
    shown.extend(["c3-fifo.txt".to_owned(), "c3-device.txt".to_owned()]);
    // The same file through a link: shown once, under its own name.
    std::os::unix::fs::symlink("good.txt", case.dir.join("c2-link.txt")).unwrap();
    shown
}

#[test]
fn a_folder_of_every_hostile_file_is_checked_in_one_bounded_run() {
    let case = Case::new("hostile-folder");
    let shown = hostile_folder(&case);
    let _socket = std::os::unix::net::UnixListener::bind(case.dir.join("c3-socket.txt")).unwrap();
    let mut shown = shown;
    shown.insert("c3-socket.txt".to_owned());

    let run = case.check(&["--lang", "en"]);
    // Each line belongs to the longest name it starts with (the forged name holds what looks
    // like a finding); a line belonging to none would be a forged or a stray one.
    let mut listed: BTreeSet<&String> = BTreeSet::new();
    let mut stray: Vec<&str> = Vec::new();
    for line in run.stdout.lines() {
        let owner = shown
            .iter()
            .filter(|name| line.starts_with(&format!("{name}:")))
            .max_by_key(|name| name.len());
        match owner {
            Some(name) => {
                listed.insert(name);
            }
            None => stray.push(line),
        }
    }
    let missing: Vec<&String> = shown.iter().filter(|name| !listed.contains(name)).collect();
    assert!(
        missing.is_empty() && stray.is_empty(),
        "not shown: {missing:?}; lines of no file: {stray:?}\n{}",
        run.stderr
    );
    // A file checked twice would print its findings twice.
    let mut lines: Vec<&str> = run.stdout.lines().collect();
    lines.sort_unstable();
    let repeated: Vec<&[&str]> = lines.windows(2).filter(|pair| pair[0] == pair[1]).collect();
    assert!(repeated.is_empty(), "printed twice: {repeated:?}");
    let summary = Summary::parse(&run.stderr);
    assert_eq!(summary.files, shown.len(), "{}", run.stderr);
    assert!(summary.adds_up(), "{summary:?}");
    // What could not be checked whole says so once per file (C001), and the summary counts
    // exactly those reports: the pages whose tables were cut before any template table could
    // be read, and the file of headings alone.
    let partial: BTreeSet<&String> = shown
        .iter()
        .filter(|name| {
            let said = run
                .lines_of(name)
                .filter(|line| line.contains("[C001]"))
                .count();
            assert!(said <= 1, "{name}: C001 {said} times");
            said == 1
        })
        .collect();
    assert_eq!(
        partial,
        [
            "c1-spans.html",
            "c1-tall.html",
            "c1-wide.html",
            "c6-headings.txt"
        ]
        .iter()
        .map(|name| shown.get(*name).unwrap())
        .collect(),
        "{}",
        run.stdout
    );
    assert_eq!(summary.incomplete, partial.len(), "{}", run.stderr);
    // Every finding of the headings file is bounded (63 PA008 and one counting the repeats the
    // parser did not record, beside its C001); the good report is checked once, never a duplicate of itself through
    // the link.
    assert_eq!(
        run.lines_of("c6-headings.txt")
            .filter(|line| line.contains("[PA008]"))
            .count(),
        64
    );
    assert_eq!(run.lines_of("c6-headings.txt").count(), 65);
    assert_eq!(
        run.lines_of("good.txt")
            .filter(|line| line.contains("[L001]"))
            .count(),
        1
    );
    assert!(
        !run.lines_of("good.txt")
            .any(|line| line.ends_with("：good.txt") || line.ends_with(": good.txt")),
        "a duplicate of itself"
    );
    assert!(!run.stdout.contains("c2-link.txt"));
    assert_eq!(run.code, Some(2), "the malformed configuration makes it 2");
    assert!(run.peak_rss < 500 << 20, "peak {} MB", run.peak_rss >> 20);
    if cfg!(target_os = "linux") {
        assert!(run.peak_rss > 0, "the peak is read from /proc");
    }
}
