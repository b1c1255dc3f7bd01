//! Plain `cargo test` builds this instead of the integration tests (they need the Temporal dev
//! server and fixture workflows that `cargo xtask test` starts): one line says how to run them.
fn main() {
    if !cfg!(feature = "integration-tests") {
        println!("integration tests skipped: they need a Temporal dev server; run `cargo xtask test --quick`");
    }
}
