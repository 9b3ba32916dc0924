//! `cargo xtask`: project chores (rule docs, corpus generation, benchmarks).

fn main() {
    println!("xtask");
}
