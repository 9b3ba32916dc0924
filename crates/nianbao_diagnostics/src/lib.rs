//! Renders findings for people (miette) and for tools (concise, JSON, SARIF, GitHub).
