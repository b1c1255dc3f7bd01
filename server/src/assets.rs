//! Versioned bundle files: pages name the WASM, its JS glue and the stylesheet as
//! `/pkg/{output}.{version}.{js,wasm,css}`, the version being a hash of the three files read at
//! start. Such a URL never changes content, so it is served `immutable` (a later visit fetches
//! only the page); other static files and all pages are not.
use std::{
    hash::{DefaultHasher, Hasher},
    path::Path,
};

use axum::{
    extract::{Request, State},
    http::{HeaderValue, StatusCode, Uri, header},
    middleware::Next,
    response::Response,
};

/// The bundle's files as a page names them, and how to find them on disk.
#[derive(Clone, Debug)]
pub struct BundleVersion {
    /// `/pkg/temporal-debugger.` — what a versioned URL starts with.
    prefix: String,
    /// The hash, 16 hex digits.
    version: String,
}

/// The files of the bundle, by extension.
const EXTENSIONS: [&str; 3] = ["wasm", "js", "css"];

impl BundleVersion {
    /// Hashes `{site_root}/{pkg_dir}/{output_name}.{wasm,js,css}` (a missing file hashes as empty).
    pub fn of(site_root: &Path, pkg_dir: &str, output_name: &str) -> BundleVersion {
        let mut hasher = DefaultHasher::new();
        for extension in EXTENSIONS {
            let bytes = std::fs::read(site_root.join(pkg_dir).join(format!("{output_name}.{extension}")));
            hasher.write(&bytes.unwrap_or_default());
        }
        BundleVersion { prefix: format!("/{pkg_dir}/{output_name}."), version: format!("{:016x}", hasher.finish()) }
    }

    /// The output name pages use: `temporal-debugger.{version}`.
    pub fn versioned_name(&self, output_name: &str) -> String {
        format!("{output_name}.{}", self.version)
    }

    /// `/pkg/temporal-debugger.wasm` for `/pkg/temporal-debugger.{version}.wasm`; `None` for any
    /// other path (an older version included: it is not on disk any more).
    fn unversioned(&self, path: &str) -> Option<String> {
        let rest = path.strip_prefix(&self.prefix)?;
        let extension = rest.strip_prefix(&self.version)?.strip_prefix('.')?;
        EXTENSIONS.contains(&extension).then(|| format!("{}{extension}", self.prefix))
    }
}

/// Serves a versioned URL from its file, for a year and `immutable`.
pub async fn versioned_files(State(bundle): State<BundleVersion>, mut request: Request, next: Next) -> Response {
    let Some(path) = bundle.unversioned(request.uri().path()) else { return next.run(request).await };
    match path.parse::<Uri>() {
        Ok(uri) => *request.uri_mut() = uri,
        Err(_) => return next.run(request).await,
    }
    let mut response = next.run(request).await;
    if response.status() == StatusCode::OK || response.status() == StatusCode::NOT_MODIFIED {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_current_version_maps_to_a_file() {
        let dir = std::env::temp_dir().join(format!("tdbg-bundle-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        std::fs::write(dir.join("pkg/app.wasm"), b"wasm one").unwrap();
        let one = BundleVersion::of(&dir, "pkg", "app");
        let name = one.versioned_name("app");
        assert_eq!(one.unversioned(&format!("/pkg/{name}.wasm")).as_deref(), Some("/pkg/app.wasm"));
        assert_eq!(one.unversioned(&format!("/pkg/{name}.css")).as_deref(), Some("/pkg/app.css"));
        assert_eq!(one.unversioned(&format!("/pkg/{name}.wasm.br")), None);
        assert_eq!(one.unversioned("/pkg/app.wasm"), None);
        assert_eq!(one.unversioned("/pkg/app.0000000000000000.wasm"), None);

        std::fs::write(dir.join("pkg/app.wasm"), b"wasm two").unwrap();
        let two = BundleVersion::of(&dir, "pkg", "app");
        assert_ne!(one.versioned_name("app"), two.versioned_name("app"), "new content, new URL");
        assert_eq!(two.unversioned(&format!("/pkg/{name}.wasm")), None, "the old URL is gone");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
