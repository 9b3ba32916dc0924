//! `cargo xtask docs`.

pub fn run(args: &[String]) -> Result<(), String> {
    let _ = args;
    Err("not implemented yet".into())
}
