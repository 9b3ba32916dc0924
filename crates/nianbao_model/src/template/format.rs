//! The national formats a report can follow, and the one expected for its year.

use serde::Serialize;
use std::fmt;

/// Which national format a report follows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub enum Template {
    /// 国办公开办函〔2021〕30号, reports on 2021 onward.
    #[serde(rename = "2021")]
    V2021,
    /// 国办公开办函〔2019〕60号 trial format, reports on 2019 and 2020.
    #[serde(rename = "2019")]
    V2019,
    /// Free-form reports under the 2008 条例 (2008–2018).
    #[serde(rename = "pre-2019")]
    Pre2019,
    #[default]
    #[serde(rename = "unknown")]
    Unknown,
}

impl Template {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::V2021 => "2021",
            Self::V2019 => "2019",
            Self::Pre2019 => "pre-2019",
            Self::Unknown => "unknown",
        }
    }

    /// The format a report on `year` is expected to use (`versions.md` §3).
    pub fn expected_for_year(year: u16) -> Template {
        match year {
            ..=2018 => Self::Pre2019,
            2019 | 2020 => Self::V2019,
            _ => Self::V2021,
        }
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_template_by_year() {
        assert_eq!(Template::expected_for_year(2018), Template::Pre2019);
        assert_eq!(Template::expected_for_year(2020), Template::V2019);
        assert_eq!(Template::expected_for_year(2024), Template::V2021);
    }
}
