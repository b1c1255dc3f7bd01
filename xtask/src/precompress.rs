//! Brotli and gzip copies of the release site's bundle files (`target/site/pkg/*`), written next to
//! them: the server sends `x.wasm.br` or `x.wasm.gz` for `x.wasm` when the browser accepts it,
//! with no compression work per request.
use std::{io::Write, path::Path};

use anyhow::{Context, Result};

pub fn site_bundle(site_root: &Path) -> Result<()> {
    let pkg = site_root.join("pkg");
    for entry in std::fs::read_dir(&pkg).with_context(|| format!("reading {}", pkg.display()))? {
        let path = entry?.path();
        let name = path.file_name().and_then(|name| name.to_str()).unwrap_or_default().to_string();
        if !path.is_file() || name.ends_with(".br") || name.ends_with(".gz") {
            continue;
        }
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let mut brotli = Vec::new();
        let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
        brotli::BrotliCompress(&mut bytes.as_slice(), &mut brotli, &params)?;
        std::fs::write(pkg.join(format!("{name}.br")), &brotli)?;
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&bytes)?;
        std::fs::write(pkg.join(format!("{name}.gz")), gzip.finish()?)?;
        println!(
            "    {name}: {} bytes, brotli {}, gzip {}",
            bytes.len(),
            brotli.len(),
            std::fs::metadata(pkg.join(format!("{name}.gz")))?.len()
        );
    }
    Ok(())
}
