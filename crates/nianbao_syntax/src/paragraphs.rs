//! The prose paragraphs of a report: what is left between its headings and its tables.

use crate::sections::is_marker;
use nianbao_model::{Paragraph, Section};
use nianbao_source::Span;

/// The prose paragraphs: non-empty blocks separated by blank lines, minus table regions and
/// headings, each assigned to the section it sits in.
pub(crate) fn paragraphs(
    source: &str,
    body: usize,
    sections: &[Section],
    excluded: &[Span],
) -> Vec<Paragraph> {
    let mut cuts: Vec<Span> = Vec::with_capacity(excluded.len() + sections.len());
    cuts.extend(excluded.iter().copied().filter(|span| !span.is_empty()));
    cuts.extend(sections.iter().map(|section| section.heading_span));
    cuts.sort_by_key(|span| span.start);
    // About one paragraph per 200 bytes of a report: sized so that few reports regrow it.
    let mut paragraphs = Vec::with_capacity(source.len().saturating_sub(body) / 200 + 8);
    let mut cursor = body;
    for cut in cuts.iter().chain(std::iter::once(&Span::from_range(
        source.len()..source.len(),
    ))) {
        let cut_start = (cut.start as usize).max(cursor);
        push_blocks(source, cursor, cut_start, sections, &mut paragraphs);
        cursor = cursor.max(cut.end as usize);
    }
    paragraphs
}

fn push_blocks(
    source: &str,
    start: usize,
    end: usize,
    sections: &[Section],
    out: &mut Vec<Paragraph>,
) {
    let Some(region) = source.get(start..end) else {
        return;
    };
    let mut block: Option<(usize, usize)> = None;
    let mut offset = start;
    let mut previous_indent = 0;
    // The lines of the region (its last one without a line break), found by a vector search:
    // prose lines run for hundreds of bytes.
    let breaks = memchr::memchr_iter(b'\n', region.as_bytes());
    for line_end in breaks.chain(std::iter::once(region.len())) {
        let line = region.get(offset - start..line_end).unwrap_or("");
        let line_start = offset;
        offset += line.len() + 1;
        let trimmed = crate::scan::trim(line);
        // A blank line, a page number or a line of Markdown marks (`##` before a heading, the
        // `|` closing a table row) ends a paragraph and is no prose.
        let marks_only = |c: char| is_marker(c) || c == '-' || c == ':';
        if trimmed.is_empty()
            || crate::scan::is_page_marker(trimmed)
            || (trimmed.starts_with(marks_only) && trimmed.chars().all(marks_only))
        {
            if let Some((from, to)) = block.take() {
                out.push(paragraph(from, to, sections));
            }
            continue;
        }
        // In PDF text without blank lines, an indented line after a flush one starts the next
        // paragraph (the first-line indent).
        let indent = indent_width(line);
        if indent >= 2
            && indent > previous_indent
            && let Some((from, to)) = block.take()
        {
            out.push(paragraph(from, to, sections));
        }
        previous_indent = indent;
        // Where the trimmed line starts within the line.
        let lead = trimmed.as_ptr() as usize - line.as_ptr() as usize;
        let from = line_start + lead;
        let to = from + trimmed.len();
        block = Some(block.map_or((from, to), |(first, _)| (first, to)));
    }
    if let Some((from, to)) = block {
        out.push(paragraph(from, to, sections));
    }
}

/// The width of a line's indentation in half-width columns (a form feed takes none).
fn indent_width(line: &str) -> usize {
    line.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| match c {
            ' ' => 1,
            '\t' | '\u{3000}' => 2,
            _ => 0,
        })
        .sum()
}

fn paragraph(from: usize, to: usize, sections: &[Section]) -> Paragraph {
    let span = Span::from_range(from..to);
    // Sections are in document order: the last one starting before the paragraph holds it.
    let after = sections.partition_point(|section| section.heading_span.start <= span.start);
    let section = after
        .checked_sub(1)
        .and_then(|index| sections.get(index))
        .map(|section| section.number);
    Paragraph { span, section }
}
