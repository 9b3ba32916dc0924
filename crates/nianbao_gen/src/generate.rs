//! Drawing one clean report: an issuing body, a year, and tables that satisfy every identity.

use crate::report::{Edits, GeneratedReport, OrganKind, Plan, Val, row};
use crate::rng::Rng;
use nianbao_model::template::{ROW_SLOTS, RowId, Template, outcome_rows};

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Report years are drawn from this inclusive range.
    pub first_year: u16,
    pub last_year: u16,
    /// Percentage of reports for 2019/2020 (in the 2019 trial format); the rest are 2021 onward.
    pub percent_2019: u64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            first_year: 2019,
            last_year: 2025,
            percent_2019: 15,
        }
    }
}

/// How the narrative is written, beyond the numbers. Both on by default, as published reports
/// are written (issue 12); [`Narrative::PLAIN`] turns them off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Narrative {
    /// Distractors as real reports print them: durations (`平均办结时长 8 个工作日`, `… 15 分钟`),
    /// counts in other units (`电话咨询 120 人次`), true negated claims about one outcome
    /// (`未发生行政复议被纠错情况`), and in the 2008 format a service hall's and a hotline's
    /// counts of applications (`窗口共受理申请…件`). None of them is a finding.
    pub distractors: bool,
    /// Let the layouts that hard-wrap prose (`pdf-layout`, `reading-order`) break a line inside
    /// a claim's phrase, as a PDF does; otherwise the lines are wrapped between phrases.
    pub wrap_inside_phrases: bool,
}

impl Narrative {
    /// The narrative with neither distractors nor lines broken inside a phrase.
    pub const PLAIN: Narrative = Narrative {
        distractors: false,
        wrap_inside_phrases: false,
    };
}

impl Default for Narrative {
    fn default() -> Self {
        Self {
            distractors: true,
            wrap_inside_phrases: true,
        }
    }
}

impl crate::GeneratedReport {
    /// The same report with its narrative written as `narrative` says.
    pub fn with_narrative(mut self, narrative: Narrative) -> Self {
        self.plan.distractors = narrative.distractors;
        self.plan.wrap_inside_phrases = narrative.wrap_inside_phrases;
        self
    }
}

/// Purposes of the derived random streams.
const TABLES: u64 = 1;
const WORDING: u64 = 2;
pub(crate) const FAULTS: u64 = 3;

const CITIES: &[&str] = &[
    "洛阳",
    "宿迁",
    "徐州",
    "赣州",
    "绵阳",
    "湛江",
    "岳阳",
    "佳木斯",
    "定西",
    "兴安盟",
    "怀化",
    "安庆",
    "三明",
    "泉州",
    "遵义",
    "曲靖",
    "榆林",
    "包头",
    "济宁",
    "襄阳",
];

const COUNTIES: &[&str] = &[
    "偃师区",
    "沭阳县",
    "泗洪县",
    "徐闻县",
    "舒兰市",
    "通州区",
    "九龙坡区",
    "龙岗区",
    "平潭县",
    "宁化县",
    "广德市",
    "兴化市",
    "桐城市",
    "南康区",
    "江油市",
    "遂溪县",
    "汨罗市",
    "临澧县",
    "黄浦区",
    "长寿区",
    "新郑市",
    "宜良县",
    "神木市",
    "固原市原州区",
];

const DEPARTMENTS: &[&str] = &[
    "审计局",
    "发展和改革局",
    "财政局",
    "教育局",
    "民政局",
    "司法局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "农业农村局",
    "卫生健康委员会",
    "市场监督管理局",
    "人力资源和社会保障局",
    "应急管理局",
    "统计局",
    "文化和旅游局",
    "水利局",
];

const STREETS: &[&str] = &[
    "城关",
    "东城",
    "西城",
    "南湖",
    "北关",
    "二郎",
    "打浦桥",
    "金井湾",
    "滨江",
    "新华",
    "长安",
    "和平",
];

/// Generates report `index` of the corpus seeded with `seed`. The same arguments always give the
/// same report.
pub fn generate(seed: u64, index: u64, options: &Options) -> GeneratedReport {
    let mut rng = Rng::derive(seed, index, TABLES);
    let (organ, organ_kind) = organ(&mut rng);
    let (first, last) = (
        options.first_year.min(options.last_year),
        options.first_year.max(options.last_year),
    );
    let has_2019 = first <= 2020;
    let has_2021 = last >= 2021;
    let year = if has_2019 && (!has_2021 || rng.chance(options.percent_2019)) {
        year_in(&mut rng, first, last.min(2020))
    } else {
        year_in(&mut rng, first.max(2021), last)
    };
    let template = if year <= 2020 {
        Template::V2019
    } else {
        Template::V2021
    };
    let mut report = GeneratedReport {
        seed,
        index,
        organ,
        organ_kind,
        year,
        template,
        table2: Vec::new(),
        table3: [[Val::Int(0); 7]; ROW_SLOTS],
        table4: [Val::Int(0); 15],
        plan: plan(&mut Rng::derive(seed, index, WORDING)),
        edits: Edits::default(),
    };
    report.table2 = table2(&mut rng, organ_kind, template);
    fill_table3(&mut report, &mut rng);
    report.table4 = table4(&mut rng, organ_kind);
    report
}

fn year_in(rng: &mut Rng, first: u16, last: u16) -> u16 {
    let value = rng.range(i64::from(first), i64::from(last.max(first)));
    u16::try_from(value).unwrap_or(first)
}

fn pick(rng: &mut Rng, items: &[&'static str]) -> &'static str {
    rng.pick(items).copied().unwrap_or("")
}

fn organ(rng: &mut Rng) -> (String, OrganKind) {
    match rng.weighted(&[8, 22, 55, 15]) {
        0 => {
            let city = pick(rng, CITIES);
            let suffix = if city.ends_with('盟') { "" } else { "市" };
            let office = if rng.chance(50) { "办公室" } else { "" };
            (
                format!("{city}{suffix}人民政府{office}"),
                OrganKind::CityGovernment,
            )
        }
        1 => {
            let office = if rng.chance(60) { "办公室" } else { "" };
            (
                format!("{}人民政府{office}", pick(rng, COUNTIES)),
                OrganKind::CountyGovernment,
            )
        }
        2 => {
            // Most departments are county-level; a fifth belong to a city government.
            let place = if rng.chance(20) {
                let city = pick(rng, CITIES);
                let suffix = if city.ends_with('盟') { "" } else { "市" };
                format!("{city}{suffix}")
            } else {
                pick(rng, COUNTIES).to_owned()
            };
            (
                format!("{place}{}", pick(rng, DEPARTMENTS)),
                OrganKind::Department,
            )
        }
        _ => (
            format!("{}{}街道办事处", pick(rng, COUNTIES), pick(rng, STREETS)),
            OrganKind::Subdistrict,
        ),
    }
}

fn plan(rng: &mut Rng) -> Plan {
    let mut prose = [0u8; 12];
    for slot in &mut prose {
        *slot = u8::try_from(rng.below(256)).unwrap_or(0);
    }
    Plan {
        title_spaced: rng.chance(25),
        title_year_first: rng.chance(30),
        application_style: u8::try_from(rng.weighted(&[40, 45, 15])).unwrap_or(0),
        spaced_numbers: rng.chance(35),
        answered_verb: rng.chance(25),
        thousands: rng.chance(30),
        ascii_page_markers: rng.chance(30),
        percent: rng.chance(40),
        normative_docs_sentence: rng.chance(50),
        claim_all_closed: rng.chance(35),
        prose,
        published_items: rng.range(12, 4000),
        signature_day: if rng.chance(70) {
            u8::try_from(rng.range(5, 28)).unwrap_or(0)
        } else {
            0
        },
        phone: u32::try_from(rng.range(2_000_000, 8_999_999)).unwrap_or(2_000_000),
        postcode: u32::try_from(rng.range(100, 899)).unwrap_or(100) * 1000,
        distractors: Narrative::default().distractors,
        wrap_inside_phrases: Narrative::default().wrap_inside_phrases,
    }
}

/// A count with realistic shape: often 0, usually small, sometimes large.
fn count(rng: &mut Rng, zero: u64, small: i64, large: i64) -> i64 {
    match rng.weighted(&[
        u32::try_from(zero).unwrap_or(0),
        u32::try_from(100u64.saturating_sub(zero)).unwrap_or(0),
        8,
    ]) {
        0 => 0,
        1 => rng.range(1, small),
        _ => rng.range(small, large),
    }
}

pub(crate) fn table2(rng: &mut Rng, kind: OrganKind, template: Template) -> Vec<Val> {
    let makes_rules = kind == OrganKind::CityGovernment;
    let (made, repealed, in_force) = if makes_rules {
        let made = count(rng, 40, 5, 12);
        let repealed = count(rng, 60, 3, 6);
        (made, repealed, made + rng.range(5, 120))
    } else {
        (0, 0, 0)
    };
    let docs_made = count(rng, 30, 12, 80);
    let docs_repealed = count(rng, 55, 6, 40);
    let docs_in_force = docs_made + rng.range(0, 400);
    let decisions = |rng: &mut Rng, zero| count(rng, zero, 400, 20_000);
    match template {
        Template::V2019 => {
            let mut cells = vec![made, made, in_force, docs_made, docs_made, docs_in_force]
                .into_iter()
                .map(Val::Int)
                .collect::<Vec<_>>();
            // 上一年项目数量 / 本年增/减 (signed) / 处理决定数量, for 许可, 其他服务, 处罚, 强制.
            for _ in 0..4 {
                let items = count(rng, 30, 60, 900);
                let change = if rng.chance(50) {
                    0
                } else {
                    rng.range(-items.min(9), 12)
                };
                cells.push(Val::Int(items));
                cells.push(Val::Int(change));
                cells.push(Val::Int(decisions(rng, 35)));
            }
            let fees = count(rng, 50, 20, 60);
            cells.push(Val::Int(fees));
            cells.push(Val::Int(if fees == 0 { 0 } else { rng.range(-2, 2) }));
            let purchases = count(rng, 40, 30, 300);
            cells.push(Val::Int(purchases));
            cells.push(if purchases == 0 {
                Val::Int(0)
            } else {
                Val::Hundredths(rng.range(100, 5_000_000))
            });
            cells
        }
        _ => {
            // 万元: usually nothing or a few hundred; a rare body collects tens of thousands.
            let fee = match rng.weighted(&[60, 36, 4]) {
                0 => Val::Int(0),
                1 => Val::Hundredths(rng.range(1, 50_000)),
                _ => Val::Hundredths(rng.range(50_000, 2_500_000)),
            };
            vec![
                Val::Int(made),
                Val::Int(repealed),
                Val::Int(in_force),
                Val::Int(docs_made),
                Val::Int(docs_repealed),
                Val::Int(docs_in_force),
                Val::Int(decisions(rng, 35)),
                Val::Int(decisions(rng, 30)),
                Val::Int(count(rng, 60, 30, 400)),
                fee,
            ]
        }
    }
}

/// Splits `total` over `weights.len()` slots in proportion to randomly perturbed weights.
fn split(rng: &mut Rng, total: i64, weights: &[u32]) -> Vec<i64> {
    let mut parts = vec![0; weights.len()];
    if total <= 0 {
        return parts;
    }
    // A few active slots carry the whole amount, as in real tables (most outcome rows are 0).
    let active = usize::try_from(rng.range(1, 4)).unwrap_or(1);
    let mut chosen = Vec::with_capacity(active);
    for _ in 0..active {
        chosen.push(rng.weighted(weights));
    }
    let mut left = total;
    for (position, &slot) in chosen.iter().enumerate() {
        let share = if position + 1 == chosen.len() {
            left
        } else {
            rng.range(0, left)
        };
        if let Some(part) = parts.get_mut(slot) {
            *part += share;
        }
        left -= share;
    }
    parts
}

/// Outcome row weights: 予以公开 and 不掌握 dominate, refusals are rare.
fn outcome_weight(id: RowId) -> u32 {
    match id.number() {
        3 => 40,
        4 => 10,
        13 => 25,
        5..=12 => 1,
        14 | 15 => 4,
        16 => 5,
        17 => 3,
        18..=20 => 1,
        21 | 26 => 4,
        _ => 2,
    }
}

fn fill_table3(report: &mut GeneratedReport, rng: &mut Rng) {
    let scale = match report.organ_kind {
        OrganKind::CityGovernment => (10, 60, 2_000),
        OrganKind::CountyGovernment => (15, 40, 600),
        OrganKind::Department => (35, 15, 300),
        OrganKind::Subdistrict => (45, 6, 60),
    };
    let new_total = count(rng, scale.0, scale.1, scale.2);
    // 自然人 file most requests; 商业企业 and 其他 some; research bodies almost none.
    let columns = split(rng, new_total, &[60, 12, 1, 2, 3, 8]);
    let outcomes: Vec<RowId> = outcome_rows(report.template).collect();
    let weights: Vec<u32> = outcomes.iter().map(|&id| outcome_weight(id)).collect();
    for (column, &new) in columns.iter().enumerate() {
        let carried = if new > 0 && rng.chance(25) {
            rng.range(1, (new / 10).max(1))
        } else {
            0
        };
        let next = if new > 0 && rng.chance(25) {
            rng.range(1, (new / 8).max(1))
        } else {
            0
        };
        let closed = new + carried - next;
        report.set3(row(1), column, Val::Int(new));
        report.set3(row(2), column, Val::Int(carried));
        report.set3(row(24), column, Val::Int(closed));
        report.set3(row(25), column, Val::Int(next));
        for (&id, share) in outcomes.iter().zip(split(rng, closed, &weights)) {
            report.set3(id, column, Val::Int(share));
        }
    }
    for id in RowId::all_2021().chain([RowId::R21_23]) {
        let total = (0..6).map(|column| report.table3(id, column)).sum();
        report.set3(id, 6, Val::Int(total));
    }
}

fn table4(rng: &mut Rng, kind: OrganKind) -> [Val; 15] {
    let mut cells = [Val::Int(0); 15];
    let busy = match kind {
        OrganKind::CityGovernment => 70,
        OrganKind::CountyGovernment => 45,
        OrganKind::Department => 20,
        OrganKind::Subdistrict => 8,
    };
    for block in 0..3 {
        if !rng.chance(if block == 2 { busy / 3 } else { busy }) {
            continue;
        }
        let total = count(rng, 0, 6, 120);
        let parts = split(rng, total, &[10, 2, 3, 3]);
        for (offset, part) in parts.into_iter().enumerate() {
            if let Some(cell) = cells.get_mut(block * 5 + offset) {
                *cell = Val::Int(part);
            }
        }
        if let Some(cell) = cells.get_mut(block * 5 + 4) {
            *cell = Val::Int(total);
        }
    }
    cells
}
