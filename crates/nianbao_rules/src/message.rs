//! Finding messages: templates with named `{placeholders}`, filled in both languages.

use nianbao_model::Message;

/// One placeholder's value: its name and its wording in each language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Var {
    pub name: &'static str,
    pub zh: String,
    pub en: String,
}

/// Placeholder values for one finding.
pub(crate) type Vars = Vec<Var>;

/// A value that reads the same in both languages.
pub(crate) fn var(name: &'static str, value: impl ToString) -> Var {
    let value = value.to_string();
    Var {
        name,
        zh: value.clone(),
        en: value,
    }
}

/// A value with its own wording per language.
pub(crate) fn var2(name: &'static str, value: &Message) -> Var {
    Var {
        name,
        zh: value.zh.clone(),
        en: value.en.clone(),
    }
}

/// A `{name}` in a message template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Placeholder<'t> {
    /// Byte offset of the `{`.
    pub offset: usize,
    pub name: &'t str,
}

/// The `{name}` placeholders of a template (checked for every message at load: the braces are
/// found with `memchr`'s vectorised search).
pub(crate) fn placeholders(template: &str) -> Vec<Placeholder<'_>> {
    let mut found = Vec::new();
    let mut rest = template;
    let mut base = 0;
    while let Some(open) = memchr::memchr(b'{', rest.as_bytes()) {
        let after = &rest[open + 1..];
        match memchr::memchr(b'}', after.as_bytes()) {
            Some(close) => {
                found.push(Placeholder {
                    offset: base + open,
                    name: &after[..close],
                });
                let consumed = open + 1 + close + 1;
                base += consumed;
                rest = &rest[consumed..];
            }
            None => break,
        }
    }
    found
}

fn fill_one(template: &str, vars: &Vars, english: bool) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let key = &after[..close];
        match vars.iter().find(|var| var.name == key) {
            Some(var) => out.push_str(if english { &var.en } else { &var.zh }),
            None => {
                out.push('{');
                out.push_str(key);
                out.push('}');
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Fills both languages of a message.
pub(crate) fn fill(message: &Message, vars: &Vars) -> Message {
    Message::new(
        fill_one(&message.zh, vars, false),
        fill_one(&message.en, vars, true),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_fill_both_languages() {
        let message = Message::new("{row} 差 {delta}", "{row} off by {delta} ({unknown})");
        let filled = fill(
            &message,
            &vec![
                var("row", "R03"),
                var2("delta", &Message::new("负一", "-1")),
            ],
        );
        assert_eq!(filled.zh, "R03 差 负一");
        assert_eq!(filled.en, "R03 off by -1 ({unknown})");
        let found: Vec<(usize, &str)> = placeholders("a {x} b {yy}")
            .into_iter()
            .map(|p| (p.offset, p.name))
            .collect();
        assert_eq!(found, [(2, "x"), (8, "yy")]);
    }
}
