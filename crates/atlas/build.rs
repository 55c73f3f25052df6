// The atlas is embedded with include_dir; rebuild when any data file is added, removed or changed.
fn main() {
    println!("cargo:rerun-if-changed=../../data");
}
