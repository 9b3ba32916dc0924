//! The 2008 format (reports on 2008–2018, [`crate::Layout::Pre2019`]): free prose stating totals with
//! their parts — 制作、获取 as 主动公开 + 依申请公开 + 不予公开, 主动公开 by unit (with shares) and
//! by category (with an 其他), applications by channel, answers by outcome (with an 其他) — and a
//! small statistics table of its own, this year and cumulative. Modelled on the published
//! 平潭 reports: half of them a web page's one-line dump with headings run into the text and
//! the table's cells glued, half with a line per paragraph.
//!
//! The numbers come from the report's tables (R01 received, R24 answered, the outcome rows), so
//! a fault in the answered total is one wrong number among parts that still add up.

mod render;

pub(crate) use render::render;

use crate::render::rendered::Anchor;
use crate::report::{GeneratedReport, row};
use crate::rng::Rng;
use nianbao_model::stated::{Measure, StatedCount};
use nianbao_model::template::Template;

/// Purpose of the random stream of the 2008-format numbers.
const OLD_FORMAT: u64 = 4;

const CATEGORIES: [&str; 9] = [
    "机构职能类信息",
    "政策、规范性文件类信息",
    "规划计划类信息",
    "行政许可类信息",
    "重大建设项目、为民办实事类信息",
    "财政预决算类信息",
    "科教文体卫生类信息",
    "安全生产、应急管理类信息",
    "民政扶贫救灾社会保障就业类信息",
];

/// A count the 2008-format prose states, with its parts, as the parser lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stated {
    pub measure: Measure,
    pub value: i64,
    pub parts: Vec<i64>,
}

impl Stated {
    fn new(measure: Measure, value: i64, parts: Vec<i64>) -> Self {
        Self {
            measure,
            value,
            parts,
        }
    }

    fn matches(&self, parsed: &StatedCount) -> bool {
        parsed.measure == self.measure
            && parsed.value == self.value
            && parsed
                .parts
                .iter()
                .map(|part| part.value)
                .eq(self.parts.iter().copied())
    }
}

/// Every number of the 2008-format prose, drawn once per report.
struct OldNumbers {
    proactive: i64,
    on_request: i64,
    withheld: i64,
    /// 主动公开 by unit, and the first unit's share in whole percent.
    units: [i64; 2],
    share: i64,
    /// 主动公开 by category; the last is 其他.
    categories: Vec<(&'static str, i64)>,
    /// Applications by channel: 当面, 网上, 信函.
    channels: [i64; 3],
    /// Answers by outcome: 同意公开, 同意部分公开, 不予公开, 其他.
    outcomes: [i64; 4],
    /// What earlier years add to the table's cumulative 主动公开 count.
    earlier: i64,
    one_line: bool,
    /// `主动公开的政府信息，` rather than `其中，` before the units.
    topic_clause: bool,
    /// Distractors: a service hall's and a hotline's counts, visits.
    hall: (i64, i64),
    hotline: (i64, i64),
    visits: i64,
}

/// `total` in `parts` random non-negative parts.
fn partition(rng: &mut Rng, total: i64, parts: usize) -> Vec<i64> {
    let mut cuts: Vec<i64> = (1..parts).map(|_| rng.range(0, total.max(0))).collect();
    cuts.sort_unstable();
    let mut out = Vec::with_capacity(parts);
    let mut last = 0;
    for cut in cuts {
        out.push(cut - last);
        last = cut;
    }
    out.push(total.max(0) - last);
    out
}

impl GeneratedReport {
    /// The same report in the 2008 format: its year moved into 2008–2018, its numbers kept.
    /// [`crate::Layout::Pre2019`] prints it; [`GeneratedReport::differences`] then compares the counts
    /// its prose states.
    pub fn into_pre2019(mut self) -> Self {
        self.year = 2008 + u16::try_from(self.index % 11).unwrap_or(0);
        self.template = Template::Pre2019;
        self
    }

    fn old_numbers(&self) -> OldNumbers {
        let mut rng = Rng::derive(self.seed, self.index, OLD_FORMAT);
        let proactive = self.plan.published_items;
        let first = proactive * rng.range(40, 85) / 100;
        let share = if proactive > 0 {
            (first * 100 + proactive / 2) / proactive
        } else {
            50
        };
        let kinds = usize::try_from(rng.range(3, 6)).unwrap_or(3);
        let values = partition(&mut rng, proactive, kinds + 1);
        let names = CATEGORIES.iter().copied().take(kinds).chain(["其他信息"]);
        let categories: Vec<(&'static str, i64)> = names.zip(values).collect();
        let received = self.table3(row(1), 6);
        let channels = partition(&mut rng, received, 3);
        let answered = self.table3(row(24), 6);
        let disclosed = self.table3(row(3), 6);
        let partial = self.table3(row(4), 6);
        let refused: i64 = (5..=12).map(|number| self.table3(row(number), 6)).sum();
        OldNumbers {
            proactive,
            on_request: rng.range(0, proactive / 10 + 5),
            withheld: rng.range(0, proactive / 2 + 1),
            units: [first, proactive - first],
            share,
            categories,
            channels: [
                channels.first().copied().unwrap_or(0),
                channels.get(1).copied().unwrap_or(0),
                channels.get(2).copied().unwrap_or(0),
            ],
            outcomes: [
                disclosed,
                partial,
                refused,
                answered - disclosed - partial - refused,
            ],
            earlier: rng.range(0, 20_000),
            one_line: rng.chance(50),
            topic_clause: rng.chance(50),
            hall: (rng.range(2_000, 150_000), rng.range(1_000, 2_000)),
            hotline: (rng.range(500, 20_000), rng.range(100, 500)),
            visits: rng.range(1_000, 90_000),
        }
    }

    /// The counts the 2008-format prose states, in text order, as the parser must read them.
    pub fn stated_counts(&self) -> Vec<Stated> {
        let numbers = self.old_numbers();
        let produced = numbers.proactive + numbers.on_request + numbers.withheld;
        let mut out = vec![
            Stated::new(
                Measure::Produced,
                self.printed_total(Measure::Produced, produced),
                vec![numbers.proactive, numbers.on_request, numbers.withheld],
            ),
            Stated::new(Measure::Proactive, numbers.proactive, Vec::new()),
            Stated::new(
                Measure::Proactive,
                numbers.proactive,
                numbers.units.to_vec(),
            ),
            Stated::new(
                Measure::Proactive,
                numbers.proactive,
                numbers.categories.iter().map(|&(_, value)| value).collect(),
            ),
        ];
        let received = self.table3(row(1), 6);
        if received > 0 {
            out.push(Stated::new(
                Measure::Requests,
                received,
                numbers.channels.to_vec(),
            ));
        }
        if self.table3(row(24), 6) > 0 {
            out.push(Stated::new(
                Measure::Replies,
                self.printed_total(Measure::Replies, self.table3(row(24), 6)),
                numbers.outcomes.to_vec(),
            ));
        }
        out
    }

    /// How many numbers of the stated counts a parser must read (each total and each part).
    pub(crate) fn stated_fields(&self) -> usize {
        self.stated_counts()
            .iter()
            .map(|count| 1 + count.parts.len())
            .sum()
    }

    /// The stated counts not read back as printed, each weighing its numbers.
    pub(crate) fn stated_differences(&self, parsed: &[StatedCount]) -> Vec<String> {
        let mut out = Vec::new();
        for expected in self.stated_counts() {
            if !parsed.iter().any(|count| expected.matches(count)) {
                for _ in 0..=expected.parts.len() {
                    out.push(format!("{expected:?} not read"));
                }
            }
        }
        out
    }
}

impl GeneratedReport {
    /// Fault N030: a total printed wrong — two digits transposed where that changes it
    /// (`受理117件，办结171件`), else a few more — while its parts, shown complete (an 其他, the
    /// three kinds of information), still add up to the true total: the answered total, or with
    /// nothing answered the information produced. `None` for a report not in the 2008 format.
    pub(crate) fn wrong_stated_total(
        &mut self,
        rng: &mut Rng,
    ) -> Option<(&'static str, Anchor, String)> {
        if self.template != Template::Pre2019 {
            return None;
        }
        let answered = self.table3(row(24), 6);
        let (measure, truth) = if answered > 0 {
            (Measure::Replies, answered)
        } else {
            let numbers = self.old_numbers();
            let produced = numbers.proactive + numbers.on_request + numbers.withheld;
            (Measure::Produced, produced)
        };
        let digits: Vec<char> = truth.to_string().chars().collect();
        let swaps: Vec<usize> = (0..digits.len().saturating_sub(1))
            .filter(|&at| digits.get(at) != digits.get(at + 1))
            .filter(|&at| at > 0 || digits.get(1) != Some(&'0'))
            .collect();
        let wrong = rng
            .pick(&swaps)
            .and_then(|&at| {
                let mut swapped = digits.clone();
                swapped.swap(at, at + 1);
                swapped.into_iter().collect::<String>().parse::<i64>().ok()
            })
            .unwrap_or_else(|| truth + rng.range(1, 9));
        self.edits.stated_total = Some((measure, wrong));
        let what = match measure {
            Measure::Replies => "办结",
            _ => "制作、获取政府信息总数",
        };
        Some((
            "N030",
            Anchor::Stated(measure),
            format!("{what} printed {wrong}, while its parts add up to {truth}"),
        ))
    }

    /// A total as printed: a fault may have changed it.
    fn printed_total(&self, measure: Measure, truth: i64) -> i64 {
        match self.edits.stated_total {
            Some((changed, value)) if changed == measure => value,
            _ => truth,
        }
    }
}
