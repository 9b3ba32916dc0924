//! Links `nianbao` as a position-dependent executable on Linux.
//!
//! A position-independent executable is relocated by the loader at every start: ~30,000 pointers
//! in the rule tables, messages and vtables rewritten, ~700 KB of relocation records read and
//! ~560 KB of pages copied on write — most of a single report's start-up. Linked at a fixed
//! address, those pointers are final in the file and their pages are shared read-only. The code
//! is compiled position-independent as before; only the executable's own base address is no
//! longer randomised (its libraries, heap and stack still are).

fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
