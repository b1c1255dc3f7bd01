//! Copies the Temporal API descriptor set (published by `temporalio-protos` through its `links`
//! metadata) next to the build output, so the server can render any history event generically.
use std::{env, fs, path::PathBuf};

fn main() {
    println!("cargo:rerun-if-env-changed=DEP_TEMPORALIO_PROTOS_DESCRIPTOR_PATH");
    let Some(out_dir) = env::var_os("OUT_DIR").map(PathBuf::from) else {
        return;
    };
    let target = out_dir.join("temporal_descriptors.bin");
    let source = env::var_os("DEP_TEMPORALIO_PROTOS_DESCRIPTOR_PATH")
        .expect("temporalio-protos publishes its descriptor set (DEP_TEMPORALIO_PROTOS_DESCRIPTOR_PATH)");
    fs::copy(&source, &target).expect("copy the Temporal descriptor set");
}
