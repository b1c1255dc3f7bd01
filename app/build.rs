//! Copies the Temporal API descriptor set (published by `temporalio-protos` through its `links`
//! metadata) next to the build output, so the server can render any history event generically.
use std::{env, fs, path::PathBuf};

fn main() {
    println!("cargo:rerun-if-env-changed=DEP_TEMPORALIO_PROTOS_DESCRIPTOR_PATH");
    let Some(out_dir) = env::var_os("OUT_DIR").map(PathBuf::from) else {
        return;
    };
    let target = out_dir.join("temporal_descriptors.bin");
    match env::var_os("DEP_TEMPORALIO_PROTOS_DESCRIPTOR_PATH") {
        Some(source) => {
            fs::copy(&source, &target).expect("copy the Temporal descriptor set");
        }
        // The hydrate (WASM) build has no Temporal dependency and needs no descriptors.
        None => fs::write(&target, []).expect("write an empty descriptor set"),
    }
}
