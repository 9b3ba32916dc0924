//! Fault injection: one known defect per faulty report, and the finding it must produce.

mod cells;
mod finding;
mod kind;
mod tables;
mod text;

pub use finding::{AlsoFinding, ExpectedFinding, Fault};
pub use kind::FaultKind;

use crate::generate::FAULTS;
use crate::render::{Anchor, Layout};
use crate::report::{Fact, GeneratedReport, IdentityFailure};
use crate::rng::Rng;
use finding::target;

/// Injects one fault of `kind` into `report`, choosing its place deterministically from the
/// report's seed. `None` when `layout` cannot show it (see [`FaultKind::supported_by`]).
pub fn inject(report: &mut GeneratedReport, kind: FaultKind, layout: Layout) -> Option<Fault> {
    if !kind.supported_by(layout) {
        return None;
    }
    let mut rng = Rng::derive(report.seed, report.index, FAULTS);
    let (code, anchor, description) = match kind {
        FaultKind::RowTotal => tables::row_total(report, &mut rng)?,
        FaultKind::Balance => tables::balance(report, &mut rng)?,
        FaultKind::OutcomeTotal => tables::outcome_total(report, &mut rng)?,
        FaultKind::Table4Total => tables::table4_total(report, &mut rng)?,
        FaultKind::NarrativeNumber => text::narrative_number(report, &mut rng)?,
        FaultKind::MissingSection => text::missing_section(report, &mut rng)?,
        FaultKind::RenamedSection => text::renamed_section(report, &mut rng)?,
        FaultKind::PeriodYear => text::period_year(report, &mut rng)?,
        FaultKind::BlankCell => cells::blank_cell(report, &mut rng, layout)?,
        FaultKind::LabelTypo => text::label_typo(report, &mut rng, layout)?,
        FaultKind::BadValue => cells::bad_value(report, &mut rng, layout)?,
        FaultKind::AllClosedClaim => text::all_closed_claim(report)?,
        FaultKind::CasesClaim => text::cases_claim(report, &mut rng)?,
        FaultKind::TemplateEra => tables::template_era(report, &mut rng)?,
        FaultKind::StatedSum => report.wrong_stated_total(&mut rng)?,
        FaultKind::TitleNonstandard => text::title_nonstandard(report, &mut rng)?,
    };
    // The identities the fault breaks besides its own, and the passage's outcome breakdown
    // (N016) when the narrative counts every group and they no longer add up.
    let mut also: Vec<(&'static str, Anchor)> = report
        .identity_failures()
        .into_iter()
        .map(|failure: IdentityFailure| (failure.code(), failure.anchor()))
        .filter(|&(other_code, other_anchor)| (other_code, other_anchor) != (code, anchor))
        .collect();
    if report.outcome_breakdown_breaks() {
        also.push(("N016", Anchor::Fact(Fact::Closed)));
    }
    Some(Fault {
        kind,
        code,
        anchor,
        target: target(report, anchor),
        description,
        also,
    })
}
