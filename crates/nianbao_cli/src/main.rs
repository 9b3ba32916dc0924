//! `nianbao`: lint 政府信息公开工作年度报告 files and folders.

fn main() {
    println!("nianbao");
}
