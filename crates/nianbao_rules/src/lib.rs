//! Declarative rules: loads `rules/**/*.toml` and evaluates them over a report.
