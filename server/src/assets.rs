//! The site's files (the islands' WASM, its JS glue, the stylesheet, the favicon), embedded in
//! the binary by rust-embed in release builds (debug builds read `target/site` as it is now), so
//! the binary runs from any directory. `cargo xtask` builds the site and writes a brotli and a
//! gzip copy beside each bundle file; a browser that accepts one gets it as it is.
//!
//! Pages name the bundle's files `/pkg/{output}.{version}.{js,wasm,css}`, the version being a hash
//! of the three files: such a URL never changes content, so it is served `immutable` (a later
//! visit fetches only the page). Other files are revalidated (`no-cache` with an ETag).
use std::hash::{DefaultHasher, Hasher};

use axum::{
    body::Body,
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    response::Response,
};
use rust_embed::Embed;

/// `target/site`, as `cargo xtask` builds it. A build without it (plain `cargo test`) serves
/// no files, and says so at start.
#[derive(Embed)]
#[folder = "../target/site"]
#[allow_missing = true]
struct Site;

/// The bundle's file name without extension (what `cargo xtask` writes).
pub const OUTPUT_NAME: &str = "temporal-debugger";
/// The files of the bundle, by extension.
const EXTENSIONS: [&str; 3] = ["wasm", "js", "css"];
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The bundle's files as a page names them.
#[derive(Clone, Debug)]
pub struct BundleVersion {
    /// `/pkg/temporal-debugger.` — what a versioned URL starts with.
    prefix: String,
    /// The hash, 16 hex digits.
    version: String,
}

impl BundleVersion {
    /// Hashes the embedded `pkg/{OUTPUT_NAME}.{wasm,js,css}` (a missing file hashes as empty).
    pub fn of_site() -> BundleVersion {
        let mut hasher = DefaultHasher::new();
        for extension in EXTENSIONS {
            let file = Site::get(&format!("pkg/{OUTPUT_NAME}.{extension}"));
            hasher.write(file.as_ref().map_or(&[][..], |file| &file.data));
        }
        BundleVersion::new(hasher.finish())
    }

    fn new(hash: u64) -> BundleVersion {
        BundleVersion { prefix: format!("/pkg/{OUTPUT_NAME}."), version: format!("{hash:016x}") }
    }

    /// True when the site holds the WASM bundle (a build without `cargo xtask` does not).
    pub fn site_is_built() -> bool {
        Site::get(&format!("pkg/{OUTPUT_NAME}.wasm")).is_some()
    }

    /// The output name pages use: `temporal-debugger.{version}`.
    pub fn versioned_name(&self) -> String {
        format!("{OUTPUT_NAME}.{}", self.version)
    }

    /// `/pkg/temporal-debugger.wasm` for `/pkg/temporal-debugger.{version}.wasm`; `None` for any
    /// other path (an older version included: this binary does not hold it).
    fn unversioned(&self, path: &str) -> Option<String> {
        let rest = path.strip_prefix(&self.prefix)?;
        let extension = rest.strip_prefix(&self.version)?.strip_prefix('.')?;
        EXTENSIONS.contains(&extension).then(|| format!("{}{extension}", self.prefix))
    }

    /// The site's file at `path` for a GET or HEAD with these headers; `None` when there is no
    /// such file (the caller renders its not-found page).
    pub fn respond(&self, method: &Method, path: &str, headers: &HeaderMap) -> Option<Response> {
        let (path, cache_control) = match self.unversioned(path) {
            Some(plain) => (plain, IMMUTABLE),
            None => (path.to_string(), "no-cache"),
        };
        let name = path.strip_prefix('/')?;
        // Build stamps and other dot files are not the site's.
        if name.is_empty() || name.split('/').any(|part| part.starts_with('.')) {
            return None;
        }
        let plain = Site::get(name)?;
        if method != Method::GET && method != Method::HEAD {
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
            response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
            return Some(response);
        }
        let accepted = AcceptEncoding::of(headers);
        let (file, encoding) = [("br", accepted.brotli), ("gzip", accepted.gzip)]
            .into_iter()
            .filter(|(_, accepted)| *accepted)
            .find_map(|(encoding, _)| {
                let extension = if encoding == "br" { "br" } else { "gz" };
                Site::get(&format!("{name}.{extension}")).map(|file| (file, Some(encoding)))
            })
            .unwrap_or((plain, None));
        let hash = file.metadata.sha256_hash();
        let etag = format!("\"{}\"", hash[..12].iter().map(|byte| format!("{byte:02x}")).collect::<String>());
        let unchanged = headers
            .get(header::IF_NONE_MATCH)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|tags| tags.split(',').any(|tag| tag.trim() == etag || tag.trim() == "*"));
        let mut response = match (unchanged, method == Method::HEAD) {
            (true, _) => {
                let mut response = Response::new(Body::empty());
                *response.status_mut() = StatusCode::NOT_MODIFIED;
                response
            }
            (false, true) => Response::new(Body::empty()),
            // Embedded bytes are sent as they are, not copied per request.
            (false, false) => Response::new(match file.data {
                std::borrow::Cow::Borrowed(bytes) => Body::from(bytes::Bytes::from_static(bytes)),
                std::borrow::Cow::Owned(bytes) => Body::from(bytes),
            }),
        };
        let headers = response.headers_mut();
        let mime = file_mime(name);
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
        if let Some(encoding) = encoding {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control));
        if let Ok(etag) = HeaderValue::from_str(&etag) {
            headers.insert(header::ETAG, etag);
        }
        Some(response)
    }
}

/// The content type by extension: the site holds only these kinds of file.
fn file_mime(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or_default() {
        "wasm" => "application/wasm",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Which of the two precompressed encodings the browser takes (`q=0` refuses one, `*` takes both).
#[derive(Debug, Default, PartialEq)]
struct AcceptEncoding {
    brotli: bool,
    gzip: bool,
}

impl AcceptEncoding {
    fn of(headers: &HeaderMap) -> AcceptEncoding {
        let mut accepted = AcceptEncoding::default();
        let mut wildcard = None;
        let (mut brotli, mut gzip) = (None, None);
        for value in headers.get_all(header::ACCEPT_ENCODING) {
            let Ok(value) = value.to_str() else { continue };
            for item in value.split(',') {
                let mut parts = item.split(';');
                let coding = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
                let refused = parts.any(|param| {
                    let param = param.trim();
                    param.strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok()).is_some_and(|q| q <= 0.0)
                });
                match coding.as_str() {
                    "br" => brotli = Some(!refused),
                    "gzip" => gzip = Some(!refused),
                    "*" => wildcard = Some(!refused),
                    _ => {}
                }
            }
        }
        accepted.brotli = brotli.or(wildcard).unwrap_or(false);
        accepted.gzip = gzip.or(wildcard).unwrap_or(false);
        accepted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_current_version_maps_to_a_file() {
        let one = BundleVersion::new(1);
        let name = one.versioned_name();
        assert_eq!(one.unversioned(&format!("/pkg/{name}.wasm")).as_deref(), Some("/pkg/temporal-debugger.wasm"));
        assert_eq!(one.unversioned(&format!("/pkg/{name}.css")).as_deref(), Some("/pkg/temporal-debugger.css"));
        assert_eq!(one.unversioned(&format!("/pkg/{name}.wasm.br")), None);
        assert_eq!(one.unversioned("/pkg/temporal-debugger.wasm"), None);
        let two = BundleVersion::new(2);
        assert_ne!(one.versioned_name(), two.versioned_name(), "new content, new URL");
        assert_eq!(two.unversioned(&format!("/pkg/{name}.wasm")), None, "the old URL is gone");
    }

    fn accepting(values: &[&str]) -> AcceptEncoding {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(header::ACCEPT_ENCODING, HeaderValue::from_str(value).unwrap());
        }
        AcceptEncoding::of(&headers)
    }

    #[test]
    fn accept_encoding_as_browsers_and_proxies_send_it() {
        assert_eq!(accepting(&["gzip, deflate, br, zstd"]), AcceptEncoding { brotli: true, gzip: true });
        assert_eq!(accepting(&["gzip"]), AcceptEncoding { brotli: false, gzip: true });
        assert_eq!(accepting(&["br;q=0, gzip;q=0.5"]), AcceptEncoding { brotli: false, gzip: true });
        assert_eq!(accepting(&["*"]), AcceptEncoding { brotli: true, gzip: true });
        assert_eq!(accepting(&["*;q=0.1, gzip;q=0"]), AcceptEncoding { brotli: true, gzip: false });
        assert_eq!(accepting(&["identity"]), AcceptEncoding::default());
        assert_eq!(accepting(&[]), AcceptEncoding::default());
        assert_eq!(accepting(&["BR", "GZip;Q=1"]), AcceptEncoding { brotli: true, gzip: true });
    }

    #[test]
    fn dot_files_and_missing_files_are_not_served() {
        let bundle = BundleVersion::new(1);
        let headers = HeaderMap::new();
        assert!(bundle.respond(&Method::GET, "/pkg/.wasm.stamp", &headers).is_none());
        assert!(bundle.respond(&Method::GET, "/", &headers).is_none());
        assert!(bundle.respond(&Method::GET, "/no/such/file.js", &headers).is_none());
    }
}
