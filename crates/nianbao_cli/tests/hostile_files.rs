//! Hostile and odd files (issue 13), each run through the `nianbao` binary in a folder beside
//! the good report: tables that expand without bound, names that are not UTF-8 or forge lines,
//! files that are not regular files, damaged or encrypted Word files, damaged bytes and
//! invisible characters. Each file must be reported once, with its own finding, and the good
//! report still checked.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod matrix;

use matrix::{Case, Expect, GOOD, GOOD_FINDING, Summary, assert_matrix_case, counts, docx, run_in};

fn page(body: &str) -> Vec<u8> {
    format!("<html><body><p>一、总体情况</p>{body}</body></html>").into_bytes()
}

/// Issue 13, case 1, at a fifth of the sizes: pages and a Word file whose merged cells
/// once expanded to gigabytes (an abort, 2.2 GB, minutes of quadratic scanning, 8 GB). Each
/// table is cut at the cell budget with a located IO009 warning, and the run stays small.
#[test]
fn tables_that_expand_without_bound_are_cut_at_the_budget() {
    let case = Case::new("tables");
    case.write(
        "wide.html",
        &page(&format!(
            "<table><tr>{}",
            "<td colspan=1000>".repeat(40_000)
        )),
    );
    case.write(
        "tall.html",
        &page(&format!(
            "<table>{}",
            "<tr><td rowspan=65534 colspan=1000>x".repeat(1_500)
        )),
    );
    // One row of cells each merged down the whole table: placed per column, never scanned.
    case.write(
        "rowspans.html",
        format!(
            "<table><tr>{}<tr><td>2</table>",
            "<td rowspan=65534>1".repeat(12_000)
        )
        .as_bytes(),
    );
    let cell = "<w:tc><w:tcPr><w:gridSpan w:val=\"1000\"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>";
    case.write(
        "gridspan.docx",
        &docx(&format!(
            "<w:tbl>{}</w:tbl>",
            format!("<w:tr>{}</w:tr>", cell.repeat(20)).repeat(400)
        )),
    );
    let run = case.check(&["--lang", "en", "--no-cross"]);
    for (name, rows) in [
        ("wide.html", "the first 0 of its 1 rows"),
        ("tall.html", "the first 13 of its 1500 rows"),
        ("gridspan.docx", "the first 5 of its 400 rows"),
    ] {
        let line = run
            .lines_of(name)
            .find(|line| line.contains("warning[IO009]"))
            .unwrap_or_else(|| panic!("{name}: {}", run.stdout));
        assert!(line.contains(rows), "{line}");
    }
    // Not a report, but read in full: said as such, not cut.
    assert!(
        run.lines_of("rowspans.html")
            .any(|line| line.contains("warning[IO006]")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(GOOD_FINDING));
    assert!(Summary::parse(&run.stderr).adds_up());
    assert!(run.peak_rss < 300 << 20, "peak {} MB", run.peak_rss >> 20);
}

/// Issue 13, case 2: names that are not UTF-8 (bytes ff, fe, fd; 年报 and 年度 in GBK from a
/// Windows share) were merged on their lossy display name (3 files → 1). Each is now its own
/// file, shown with its bytes escaped.
#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_are_each_reported_once() {
    use std::os::unix::ffi::OsStrExt;
    let case = Case::new("names");
    let names: [&[u8]; 5] = [
        b"\xFF.txt",
        b"\xFE.txt",
        b"\xFD.txt",
        b"\xC4\xEA\xB1\xA8.txt",
        b"\xC4\xEA\xB6\xC8.txt",
    ];
    for name in names {
        case.write(std::ffi::OsStr::from_bytes(name), GOOD);
    }
    let run = case.check(&["--lang", "en", "--no-cross"]);
    for shown in [
        "\\xFF.txt",
        "\\xFE.txt",
        "\\xFD.txt",
        "\\xC4\\xEA\\xB1\\xA8.txt",
        "\\xC4\\xEA\\xB6\\xC8.txt",
    ] {
        let lines: Vec<&str> = run.lines_of(shown).collect();
        assert_eq!(lines.len(), 1, "{shown}: {}", run.stdout);
        assert!(lines[0].contains("warning[L001]"));
    }
    assert_eq!(Summary::parse(&run.stderr), counts(6, 6, 0, 0));
}

/// Issue 13, case 2: a name cannot forge a finding line: its line break and escape sequence
/// are shown escaped.
#[test]
fn a_name_cannot_forge_a_finding_line() {
    let case = Case::new("forged");
    case.write("a.txt:1:1: error[T3001] forged\nb\u{1b}[2K.txt", GOOD);
    let run = case.check(&["--no-cross"]);
    assert!(!run.stdout.contains('\u{1b}'));
    assert!(
        run.stdout.lines().all(|line| !line.starts_with("b")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("a.txt:1:1: error[T3001] forged\\nb\\u{1b}[2K.txt:32:13: warning[L001]"),
        "{}",
        run.stdout
    );
}

/// Issue 13, case 2: `--select T3` (or `ignore = ["input"]`) hid the input findings, so a
/// binary file passed in silence with exit 0. Input findings are now always shown.
#[test]
fn input_findings_survive_any_selection() {
    let case = Case::new("select");
    case.write("binary.txt", &[0u8; 4096]);
    for args in [&["--select", "T3"][..], &["--ignore", "IO,input"]] {
        let run = case.check(args);
        assert!(
            run.stdout.contains("binary.txt:1:1: error[IO002]"),
            "{args:?}: {}",
            run.stdout
        );
        assert_eq!(run.code, Some(1), "{args:?}");
    }
    case.write(
        "nianbao.toml",
        b"ignore = [\"input\"]\n[per-file-ignores]\n\"*.txt\" = [\"ALL\"]\n",
    );
    let run = case.check(&[]);
    assert!(
        run.stdout.contains("binary.txt:1:1: error[IO002]"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("L001"),
        "the rest is still ignored: {}",
        run.stdout
    );
}

/// Issue 13, case 2: one file under two spellings or through a link is checked once, so it is
/// never a duplicate of itself (X004).
#[cfg(unix)]
#[test]
fn one_file_under_several_names_is_checked_once() {
    let case = Case::new("spellings");
    case.write("ov/a.txt", GOOD);
    std::os::unix::fs::symlink("a.txt", case.dir.join("ov/link.txt")).unwrap();
    let run = run_in(
        &case.dir,
        &[
            "check",
            "--output-format",
            "concise",
            "ov/a.txt",
            "ov//a.txt",
            "./ov/a.txt",
            "ov",
        ],
    );
    assert_eq!(
        run.stdout.matches("warning[L001]").count(),
        1,
        "{}",
        run.stdout
    );
    assert!(run.stdout.starts_with("ov/a.txt:32:13"), "{}", run.stdout);
    assert!(!run.stdout.contains("X004"), "{}", run.stdout);
}

/// Issue 13, case 3: a named pipe named like a report hung the run forever (on the command line,
/// in `parse`, as `--baseline`); pipes, devices and sockets in folders were skipped in silence.
/// Each is now an IO001 naming what it is, and nothing is opened to wait for data.
#[cfg(unix)]
#[test]
fn pipes_devices_and_sockets_are_reported_not_waited_on() {
    let case = Case::new("special");
    let made = std::process::Command::new("mkfifo")
        .arg(case.dir.join("r.txt"))
        .status()
        .unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", case.dir.join("dev.txt")).unwrap();
    let _socket = std::os::unix::net::UnixListener::bind(case.dir.join("sock.txt")).unwrap();
    let expect = Expect {
        at: "r.txt:1:1: error[IO001]",
        zh: "不是普通文件，而是命名管道（FIFO）",
        en: "not a regular file but a named pipe (FIFO)",
        summary: counts(4, 1, 3, 0),
        code: 1,
    };
    assert_matrix_case(&case, &[], &expect);
    let run = case.check(&["--lang", "en"]);
    assert!(run.stdout.contains("dev.txt:1:1: error[IO001] the file cannot be read: not a regular file but a character device"));
    assert!(run.stdout.contains(
        "sock.txt:1:1: error[IO001] the file cannot be read: not a regular file but a socket"
    ));
    let named = run_in(
        &case.dir,
        &["check", "--output-format", "concise", "r.txt", "good.txt"],
    );
    assert!(
        named.stdout.contains("r.txt:1:1: error[IO001]"),
        "{}",
        named.stdout
    );
    assert!(named.stdout.contains(GOOD_FINDING));
    let parse = run_in(&case.dir, &["parse", "r.txt"]);
    assert_eq!(parse.code, Some(2));
    assert!(parse.stderr.contains("IO001"), "{}", parse.stderr);
    let baseline = run_in(&case.dir, &["check", "--baseline", "r.txt", "good.txt"]);
    assert_eq!(baseline.code, Some(2));
    assert!(
        baseline.stderr.contains("无法读取基线"),
        "{}",
        baseline.stderr
    );
}

/// Issue 13, case 11: a Word file cut short or password-protected was IO006 "not a report", a
/// warning with exit code 0; it is a report that could not be read, an error.
#[test]
fn a_cut_or_encrypted_word_file_is_unreadable_not_a_stray() {
    let case = Case::new("docx");
    let generated = nianbao_gen::generate(5, 1, &nianbao_gen::Options::default());
    let whole = nianbao_gen::render_docx(&generated).unwrap();
    case.write("cut.docx", &whole[..whole.len() / 2]);
    let mut encrypted = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    encrypted.resize(1024, 0);
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    encrypted.resize(4096, 0);
    case.write("locked.docx", &encrypted);
    let expect = Expect {
        at: "locked.docx:1:1: error[IO001]",
        zh: "Word 文件设有打开密码",
        en: "password-protected",
        summary: counts(3, 1, 2, 0),
        code: 1,
    };
    assert_matrix_case(&case, &[], &expect);
    let run = case.check(&["--lang", "en"]);
    assert!(
        run.stdout.contains(
            "cut.docx:1:1: error[IO001] the file cannot be read: not a complete Word (.docx) file"
        ),
        "{}",
        run.stdout
    );
}

/// Minor items of issue 13: one NUL byte made a whole report IO002 and two bad UTF-8 sequences
/// IO003; now the damage is replaced, each place is an IO008 warning, and the report's own
/// findings are still given.
#[test]
fn damaged_bytes_are_located_and_the_report_still_checked() {
    let case = Case::new("damaged");
    let mut nul = GOOD.to_vec();
    let at = String::from_utf8_lossy(GOOD).find("本年新收").unwrap();
    nul.insert(at, 0);
    case.write("nul.txt", &nul);
    // A lone continuation byte and a byte no UTF-8 has, each between two characters.
    let mut bad = GOOD.to_vec();
    let text = String::from_utf8_lossy(GOOD);
    bad.insert(text.rfind("2024").unwrap(), 0xFF);
    bad.insert(text.find("2024").unwrap(), 0x80);
    case.write("bad.txt", &bad);
    let expect = Expect {
        at: "nul.txt:51:3: warning[IO008]",
        zh: "此处有 NUL 字节",
        en: "NUL bytes here",
        summary: counts(3, 3, 0, 0),
        code: 0,
    };
    assert_matrix_case(&case, &["--no-cross"], &expect);
    let run = case.check(&["--no-cross", "--lang", "en"]);
    assert_eq!(
        run.lines_of("bad.txt")
            .filter(|line| line.contains("warning[IO008]"))
            .count(),
        2,
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("bad.txt:32:13: warning[L001]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("nul.txt:32:13: warning[L001]"),
        "{}",
        run.stdout
    );
}

/// Minor item of issue 13: a zero-width space or a BOM inside a number split it (`8​1` read as
/// 8 and 1); the report reads as the good one, with no finding of its own.
#[test]
fn invisible_characters_inside_numbers_do_not_split_them() {
    let case = Case::new("invisible");
    let text = String::from_utf8_lossy(GOOD).replacen(
        "\t81\t0\t0\t0\t0\t0\t81",
        "\t8\u{200B}1\t0\t0\t0\t0\t0\t\u{FEFF}81",
        1,
    );
    case.write("zwsp.txt", text.as_bytes());
    let run = case.check(&["--no-cross"]);
    let lines: Vec<&str> = run.lines_of("zwsp.txt").collect();
    assert_eq!(
        lines,
        ["zwsp.txt:32:13: warning[L001] 标签“本年度止件数”与模板“本年废止件数”不一致"]
    );
}

/// Minor item of issue 13: one malformed nianbao.toml anywhere stopped the whole run. The files
/// it governs now each get an IO010 naming where it is wrong, the error is shown once, the
/// other folders are checked, and the run exits 2.
#[test]
fn a_malformed_config_fails_its_folder_and_the_run_goes_on() {
    let case = Case::new("config");
    case.write("sub/nianbao.toml", b"ignore = [\"B001\"]\nselct = 1\n");
    case.write("sub/a.txt", GOOD);
    case.write("sub/deeper/b.txt", GOOD);
    let run = case.check(&["--lang", "en"]);
    assert_eq!(run.code, Some(2));
    for name in ["sub/a.txt", "sub/deeper/b.txt"] {
        let lines: Vec<&str> = run.lines_of(name).collect();
        assert_eq!(lines.len(), 1, "{}", run.stdout);
        assert!(
            lines[0].starts_with(&format!("{name}:1:1: error[IO010] the configuration is malformed; this file was not checked: sub/nianbao.toml:2:1: unknown field `selct`")),
            "{}",
            lines[0]
        );
    }
    assert!(run.stdout.contains(GOOD_FINDING));
    assert_eq!(
        run.stderr.matches("sub/nianbao.toml:2:1").count(),
        1,
        "{}",
        run.stderr
    );
    assert_eq!(Summary::parse(&run.stderr), counts(3, 1, 0, 2));
}
