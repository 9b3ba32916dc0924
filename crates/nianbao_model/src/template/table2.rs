//! Table 2 of the template in both formats: captions, labels, column headers and cell ids.

use super::format::Template;

/// A Table 2 row: its caption (第二十条第（x）项), label, column headers and cell ids.
#[derive(Clone, Copy, Debug)]
pub struct Table2Row {
    pub caption: &'static str,
    pub label: &'static str,
    pub columns: &'static [&'static str],
    pub cell_ids: &'static [&'static str],
}

const ITEM1: &str = "第二十条第（一）项";
const ITEM5: &str = "第二十条第（五）项";
const ITEM6: &str = "第二十条第（六）项";
const ITEM8: &str = "第二十条第（八）项";
const ITEM9: &str = "第二十条第（九）项";
const DOCS_2021: &[&str] = &["本年制发件数", "本年废止件数", "现行有效件数"];
const DECISIONS_2021: &[&str] = &["本年处理决定数量"];

/// Table 2 of the 2021 format: cells A1–A10.
pub const TABLE2_2021: [Table2Row; 6] = [
    Table2Row {
        caption: ITEM1,
        label: "规章",
        columns: DOCS_2021,
        cell_ids: &["A1", "A2", "A3"],
    },
    Table2Row {
        caption: ITEM1,
        label: "行政规范性文件",
        columns: DOCS_2021,
        cell_ids: &["A4", "A5", "A6"],
    },
    Table2Row {
        caption: ITEM5,
        label: "行政许可",
        columns: DECISIONS_2021,
        cell_ids: &["A7"],
    },
    Table2Row {
        caption: ITEM6,
        label: "行政处罚",
        columns: DECISIONS_2021,
        cell_ids: &["A8"],
    },
    Table2Row {
        caption: ITEM6,
        label: "行政强制",
        columns: DECISIONS_2021,
        cell_ids: &["A9"],
    },
    Table2Row {
        caption: ITEM8,
        label: "行政事业性收费",
        columns: &["本年收费金额（单位：万元）"],
        cell_ids: &["A10"],
    },
];

const DOCS_2019: &[&str] = &["本年新制作数量", "本年新公开数量", "对外公开总数量"];
const ITEMS_2019: &[&str] = &["上一年项目数量", "本年增/减", "处理决定数量"];

/// Table 2 of the 2019 trial format: 22 cells, ids `B1`–`B22` (the spec gives them none).
pub const TABLE2_2019: [Table2Row; 8] = [
    Table2Row {
        caption: ITEM1,
        label: "规章",
        columns: DOCS_2019,
        cell_ids: &["B1", "B2", "B3"],
    },
    Table2Row {
        caption: ITEM1,
        label: "规范性文件",
        columns: DOCS_2019,
        cell_ids: &["B4", "B5", "B6"],
    },
    Table2Row {
        caption: ITEM5,
        label: "行政许可",
        columns: ITEMS_2019,
        cell_ids: &["B7", "B8", "B9"],
    },
    Table2Row {
        caption: ITEM5,
        label: "其他对外管理服务事项",
        columns: ITEMS_2019,
        cell_ids: &["B10", "B11", "B12"],
    },
    Table2Row {
        caption: ITEM6,
        label: "行政处罚",
        columns: ITEMS_2019,
        cell_ids: &["B13", "B14", "B15"],
    },
    Table2Row {
        caption: ITEM6,
        label: "行政强制",
        columns: ITEMS_2019,
        cell_ids: &["B16", "B17", "B18"],
    },
    Table2Row {
        caption: ITEM8,
        label: "行政事业性收费",
        columns: &["上一年项目数量", "本年增/减"],
        cell_ids: &["B19", "B20"],
    },
    Table2Row {
        caption: ITEM9,
        label: "政府集中采购",
        columns: &["采购项目数量", "采购总金额"],
        cell_ids: &["B21", "B22"],
    },
];

/// The Table 2 layout of a format (the 2021 one for anything that is not 2019).
pub fn table2_rows(template: Template) -> &'static [Table2Row] {
    match template {
        Template::V2019 => &TABLE2_2019,
        _ => &TABLE2_2021,
    }
}
