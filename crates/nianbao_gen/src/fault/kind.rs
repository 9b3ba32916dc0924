//! The classes of defect the generator injects, and the layouts that can show each.

use crate::render::Layout;
use serde::Serialize;

/// A class of defect the rules cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FaultKind {
    /// T3001: a row's 总计 differs from the sum of its six applicant columns.
    RowTotal,
    /// T3002: R25 of one column and of 总计 both +1; every row total still holds.
    Balance,
    /// T3003: （七）总计 differs from its outcome rows; its own row total and the balance hold.
    OutcomeTotal,
    /// T4001: a Table 4 block total differs from its four parts.
    Table4Total,
    /// N001/N003–N009/N011/N015: a number in the narrative differs from its cell.
    NarrativeNumber,
    /// S001: a section is missing.
    MissingSection,
    /// S003: a section heading in a non-template wording.
    RenamedSection,
    /// M001: the 统计期限 names another year than the title.
    PeriodYear,
    /// B001: a blank cell.
    BlankCell,
    /// L001: a template label misprinted (one character changed, or characters dropped).
    LabelTypo,
    /// V001: a negative count, or a decimal where an integer is due.
    BadValue,
    /// N014: `所有申请均已办结` while R25 > 0.
    AllClosedClaim,
    /// N012: `未发生…行政复议、行政诉讼` while Table 4 has cases; or N013: `均获维持` while a case
    /// is pending or was corrected.
    CasesClaim,
    /// M003: a 2021-or-later report printed with the 2019 trial format's tables (E04).
    TemplateEra,
    /// M004: a title ending in a non-standard wording (`…政府信息公开年度报告`, E14).
    TitleNonstandard,
    /// N030: in the 2008 format, a total printed wrong while its parts, shown complete, still
    /// add up to the true one: the answered total (`受理117件，办结171件`), or with nothing
    /// answered the information produced.
    StatedSum,
}

impl FaultKind {
    pub const ALL: [FaultKind; 16] = [
        Self::RowTotal,
        Self::Balance,
        Self::OutcomeTotal,
        Self::Table4Total,
        Self::NarrativeNumber,
        Self::MissingSection,
        Self::RenamedSection,
        Self::PeriodYear,
        Self::BlankCell,
        Self::LabelTypo,
        Self::BadValue,
        Self::AllClosedClaim,
        Self::CasesClaim,
        Self::TemplateEra,
        Self::TitleNonstandard,
        Self::StatedSum,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::RowTotal => "row-total",
            Self::Balance => "balance",
            Self::OutcomeTotal => "outcome-total",
            Self::Table4Total => "table4-total",
            Self::NarrativeNumber => "narrative-number",
            Self::MissingSection => "missing-section",
            Self::RenamedSection => "renamed-section",
            Self::PeriodYear => "period-year",
            Self::BlankCell => "blank-cell",
            Self::LabelTypo => "label-typo",
            Self::BadValue => "bad-value",
            Self::AllClosedClaim => "all-closed-claim",
            Self::CasesClaim => "cases-claim",
            Self::TemplateEra => "template-era",
            Self::TitleNonstandard => "title-nonstandard",
            Self::StatedSum => "stated-sum",
        }
    }

    /// Whether `layout` can show this fault. PDF text and glued digits lose empty cells, so a
    /// blank cell cannot be printed in them; a one-line dump has no title line to judge or to
    /// compare with the 统计期限. ([`crate::inject`] may still decline a fault that does not
    /// fit the report, e.g. [`FaultKind::TemplateEra`] on a report already in the 2019 format.)
    pub fn supported_by(self, layout: Layout) -> bool {
        // The 2008 format has none of the template's tables, sections or claims: only its own
        // totals and parts can be wrong there.
        if self == Self::StatedSum || !layout.has_template_tables() {
            return self == Self::StatedSum && !layout.has_template_tables();
        }
        match self {
            Self::BlankCell => layout.shows_blank_cells(),
            Self::TitleNonstandard | Self::PeriodYear => layout.has_title_line(),
            _ => true,
        }
    }
}
