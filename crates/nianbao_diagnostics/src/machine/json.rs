//! A finding's JSON object (the `json` array's elements, each `jsonl` line, the findings of
//! `nianbao parse`), serialised straight from the finding: no tree of values, no copy of its
//! strings. Keys come in byte order, as they always have (the serde_json map's order): a tool
//! comparing outputs byte for byte sees no change. Keys are a contract: add, never rename.

use crate::{ColumnUnit, Finding, FoundLabel, FoundRelated, Region};
use serde::ser::{Serialize, Serializer};

/// The object of one finding, columns counted in `unit`.
#[derive(serde::Serialize)]
pub(super) struct FindingObject<'a> {
    category: &'a str,
    code: &'a str,
    column: u32,
    end_column: u32,
    end_line: u32,
    fingerprint: &'a str,
    /// `null` when there is none.
    help: Option<&'a str>,
    labels: Labels<'a>,
    line: u32,
    message: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
    path: &'a str,
    /// Left out when there are none.
    #[serde(skip_serializing_if = "Related::is_empty")]
    related: Related<'a>,
    severity: &'a str,
}

impl<'a> FindingObject<'a> {
    pub(super) fn new(finding: &'a Finding, unit: ColumnUnit) -> Self {
        let Region { start, end } = finding.region;
        FindingObject {
            category: finding.category.as_str(),
            code: &finding.code,
            column: start.column_in(unit),
            end_column: end.column_in(unit),
            end_line: end.line,
            fingerprint: &finding.fingerprint,
            help: finding.help.as_deref(),
            labels: Labels(&finding.labels, unit),
            line: start.line,
            message: &finding.message,
            name: &finding.name,
            page: finding.page,
            path: &finding.path,
            related: Related(&finding.related, unit),
            severity: finding.severity.as_str(),
        }
    }
}

struct Labels<'a>(&'a [FoundLabel], ColumnUnit);

impl Serialize for Labels<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Labels(labels, unit) = *self;
        serializer.collect_seq(
            labels.iter().map(|label| {
                PlaceObject::new(label.region, &label.message, label.page, None, unit)
            }),
        )
    }
}

struct Related<'a>(&'a [FoundRelated], ColumnUnit);

impl Related<'_> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Related<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Related(related, unit) = *self;
        serializer.collect_seq(related.iter().map(|related| {
            let path = Some(related.path.as_str());
            PlaceObject::new(related.region, &related.message, related.page, path, unit)
        }))
    }
}

/// A label's or a related location's object: its region's keys, its message, and for a
/// related location the file.
#[derive(serde::Serialize)]
struct PlaceObject<'a> {
    column: u32,
    end_column: u32,
    end_line: u32,
    line: u32,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
}

impl<'a> PlaceObject<'a> {
    fn new(
        region: Region,
        message: &'a str,
        page: Option<u32>,
        path: Option<&'a str>,
        unit: ColumnUnit,
    ) -> Self {
        let Region { start, end } = region;
        PlaceObject {
            column: start.column_in(unit),
            end_column: end.column_in(unit),
            end_line: end.line,
            line: start.line,
            message,
            page,
            path,
        }
    }
}
