//! The six top-level sections of the template: number, numeral, heading and known variants.

/// One of the six top-level sections.
#[derive(Clone, Copy, Debug)]
pub struct SectionTemplate {
    /// 1 to 6.
    pub number: u8,
    /// The numeral as printed, `一` … `六`.
    pub numeral: &'static str,
    /// The heading text after `一、`.
    pub heading: &'static str,
    /// Wordings seen in published reports; accepted with a warning.
    pub variants: &'static [&'static str],
}

pub const SECTIONS: [SectionTemplate; 6] = [
    SectionTemplate {
        number: 1,
        numeral: "一",
        heading: "总体情况",
        variants: &["概述", "总体概况", "基本情况"],
    },
    SectionTemplate {
        number: 2,
        numeral: "二",
        heading: "主动公开政府信息情况",
        variants: &["行政机关主动公开政府信息情况"],
    },
    SectionTemplate {
        number: 3,
        numeral: "三",
        heading: "收到和处理政府信息公开申请情况",
        variants: &[
            "行政机关收到和处理政府信息公开申请情况",
            "收到和处理政府信息公开申请的情况",
        ],
    },
    SectionTemplate {
        number: 4,
        numeral: "四",
        heading: "政府信息公开行政复议、行政诉讼情况",
        variants: &[
            "政府信息公开行政复议及行政诉讼情况",
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "因政府信息公开申请行政复议、提起行政诉讼的情况",
            "政府信息公开行政法复议、行政诉讼情况",
        ],
    },
    SectionTemplate {
        number: 5,
        numeral: "五",
        heading: "存在的主要问题及改进情况",
        variants: &[
            "存在的主要问题和改进措施",
            "存在问题及改进情况",
            "政府信息公开工作存在的主要问题及改进情况",
            "存在的主要问题及整改措施",
            "存在的主要问题及改进措施",
        ],
    },
    SectionTemplate {
        number: 6,
        numeral: "六",
        heading: "其他需要报告的事项",
        variants: &["其他需要报告的事项情况"],
    },
];
