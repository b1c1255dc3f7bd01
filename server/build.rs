//! A release build embeds `target/site` (see src/assets.rs): rebuild when the site changes,
//! files added included. Debug builds read the files at run time and need no rebuild.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("PROFILE").as_deref() == Ok("release") {
        println!("cargo:rerun-if-changed=../target/site");
    }
}
