//! The counts a pre-2019 report's prose states, each with the parts it is broken into
//! ([`nianbao_model::stated`]). Those reports have no template tables; their text is checked
//! against itself.
//!
//! Only two sections are read, each for its own counts: the one on 主动公开 (制作、获取 total,
//! 主动公开 total, its parts by unit and by category) and the one on 依申请公开 (applications
//! received and answered, by channel and by outcome). A number elsewhere (`共受理申请121510件`
//! in a section on the service hall) counts something else. A count opens a breakdown when its
//! words say it is a total; the counts after it are its parts while their words fit (a channel
//! for applications, an outcome for answers, `主动公开…` with a unit in front for the units); a
//! count that fits neither ends it, and so does a sentence unless the next one goes on with a
//! part (`其中，…`, `各乡镇主动公开政府信息534条`). A breakdown holding a doubtful number is not
//! kept.

mod clauses;
mod words;

use clauses::{Count, Event, events};
use nianbao_model::stated::{Measure, StatedCount, StatedPart};
use nianbao_model::{Section, Span};
use words::{Family, Scope, completion, is_part, last_year, proactive_total, total_of};

/// The stated counts of a pre-2019 report, from its outline `sections` over `source`.
pub(crate) fn read(source: &str, sections: &[Section]) -> Vec<StatedCount> {
    let mut out = Vec::new();
    for section in sections {
        let scope = if section.heading.contains("依申请") {
            Scope::Requests
        } else if section.heading.contains("主动公开") {
            Scope::Proactive
        } else {
            continue;
        };
        let body = section.body.slice(source);
        // A statistics table run into the section is no prose.
        let body = body.find("统计表").map_or(body, |end| &body[..end]);
        out.extend(Reader::new(scope).read(events(body, section.body.start as usize)));
    }
    out
}

/// A count being built.
struct Building {
    count: StatedCount,
    /// The parts' words, to tell a rest (`其他…`) and the kinds of information apart.
    labels: Vec<String>,
    /// A total repeated to open a second breakdown of it: kept only with parts.
    repeated: bool,
    /// The total's own number is doubtful: the count is not kept.
    doubtful: bool,
    /// A part's number is doubtful: the parts are not kept.
    doubtful_parts: bool,
}

/// The breakdown open.
struct Open {
    at: usize,
    family: Family,
    /// A sentence ended since its last part.
    sentence_ended: bool,
}

struct Reader {
    scope: Scope,
    built: Vec<Building>,
    open: Option<Open>,
    /// The last 主动公开 total, which later sentences break down (`主动公开的政府信息，…`).
    proactive: Option<usize>,
}

impl Reader {
    fn new(scope: Scope) -> Self {
        Self {
            scope,
            built: Vec::new(),
            open: None,
            proactive: None,
        }
    }

    fn read(mut self, events: Vec<Event<'_>>) -> Vec<StatedCount> {
        for event in events {
            match event {
                Event::SentenceEnd => {
                    if let Some(open) = &mut self.open {
                        open.sentence_ended = true;
                    }
                }
                Event::Clause(text) => self.clause(text),
                Event::Count(count) => self.count(&count),
            }
        }
        self.close();
        self.built
            .into_iter()
            .filter(|building| {
                !(building.doubtful || building.repeated && building.count.parts.is_empty())
            })
            .map(|building| building.count)
            .collect()
    }

    fn clause(&mut self, text: &str) {
        let ended = self.open.as_ref().is_some_and(|open| open.sentence_ended);
        if text == "其中" || text == "其中有" {
            if let Some(open) = &mut self.open {
                open.sentence_ended = false;
            }
            return;
        }
        if self.scope == Scope::Proactive {
            let family = if text.contains("主要类别") {
                Some(Family::Categories)
            } else if text.ends_with("主动公开的政府信息") || text.ends_with("主动公开的政府信息中")
            {
                Some(Family::Units)
            } else {
                None
            };
            if let (Some(family), Some(total)) = (family, self.proactive) {
                self.close();
                self.repeat(total, family);
                return;
            }
        }
        if ended {
            self.close();
        }
    }

    /// Opens a breakdown of the earlier total `at` again.
    fn repeat(&mut self, at: usize, family: Family) {
        let Some(total) = self.built.get(at) else {
            return;
        };
        let mut count = total.count.clone();
        count.parts.clear();
        count.complete = None;
        let doubtful = total.doubtful;
        self.built.push(Building {
            count,
            labels: Vec::new(),
            repeated: true,
            doubtful,
            doubtful_parts: false,
        });
        self.open = Some(Open {
            at: self.built.len() - 1,
            family,
            sentence_ended: false,
        });
    }

    fn count(&mut self, count: &Count<'_>) {
        if let Some(open) = &self.open {
            let goes_on = !open.sentence_ended
                || (!count.after_clause
                    && matches!(
                        open.family,
                        Family::Units | Family::Channels | Family::Outcomes
                    ));
            if goes_on && is_part(open.family, count) {
                let (at, family) = (open.at, open.family);
                self.part(at, count);
                if family == Family::Kinds && proactive_total(count.label) {
                    // `其中主动公开政府信息425条`: also the 主动公开 total.
                    self.proactive = Some(self.total(count, Measure::Proactive));
                }
                if let Some(open) = &mut self.open {
                    open.sentence_ended = false;
                }
                return;
            }
        }
        self.close();
        if let Some(total) = self.proactive.filter(|_| is_part(Family::Units, count)) {
            // A unit's 主动公开 after another breakdown (`…不予公开信息数1402条。其中，县直各单位
            // 主动公开政府信息1251条`): a part of the 主动公开 total.
            self.repeat(total, Family::Units);
            if let Some(open) = &self.open {
                let at = open.at;
                self.part(at, count);
            }
            return;
        }
        if let Some((measure, family)) = total_of(self.scope, count) {
            let at = self.total(count, measure);
            if measure == Measure::Proactive {
                self.proactive = Some(at);
            }
            self.open = Some(Open {
                at,
                family,
                sentence_ended: false,
            });
        }
    }

    /// Records a total; returns its index.
    fn total(&mut self, count: &Count<'_>, measure: Measure) -> usize {
        // A sub-heading run into the sentence is no part of the phrase.
        let phrase = match last_year(count.label) {
            Some(at) => Span::new(count.label_span.start + at as u32, count.label_span.end),
            None => count.label_span,
        };
        self.built.push(Building {
            count: StatedCount {
                measure,
                value: count.value,
                span: count.span,
                phrase,
                parts: Vec::new(),
                complete: None,
            },
            labels: Vec::new(),
            repeated: false,
            doubtful: count.doubtful,
            doubtful_parts: false,
        });
        self.built.len() - 1
    }

    fn part(&mut self, at: usize, count: &Count<'_>) {
        if let Some(building) = self.built.get_mut(at) {
            building.doubtful_parts |= count.doubtful;
            building.labels.push(count.label.to_owned());
            building.count.parts.push(StatedPart {
                label: count.label_span,
                value: count.value,
                span: count.span,
                percent: count.percent,
            });
        }
    }

    /// Ends the open breakdown: a single part is no breakdown, and a breakdown holding a
    /// doubtful number is not kept.
    fn close(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        let Some(building) = self.built.get_mut(open.at) else {
            return;
        };
        if building.doubtful_parts || building.count.parts.len() < 2 {
            building.count.parts.clear();
            building.labels.clear();
        }
        building.count.complete = completion(&building.count, open.family, &building.labels);
    }
}
