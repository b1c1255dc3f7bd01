//! The site's files as the binary serves them (`cargo xtask` built them before this test):
//! versioned bundle URLs immutable and precompressed, revalidation by ETag, nothing else.
use axum::http::{StatusCode, header};

use crate::support::{Fixture, Page, get, get_with_headers};

fn header_of(page: &Page, name: header::HeaderName) -> &str {
    page.headers.get(&name).and_then(|value| value.to_str().ok()).unwrap_or("")
}

#[tokio::test]
async fn the_bundle_a_page_names_is_immutable_and_precompressed() {
    let app = Fixture::get().app();
    let page = get(&app, "/namespaces/default/workflows").await;
    page.assert_ok("the workflow list");
    let named = |extension: &str| {
        page.html
            .split('"')
            .find(|part| part.starts_with("/pkg/temporal-debugger.") && part.ends_with(extension))
            .unwrap_or_else(|| panic!("the page names a {extension} file"))
            .to_string()
    };
    for (path, mime) in
        [(named(".wasm"), "application/wasm"), (named(".js"), "text/javascript"), (named(".css"), "text/css")]
    {
        let brotli = get_with_headers(&app, &path, &[("accept-encoding", "gzip, deflate, br")]).await;
        assert_eq!(brotli.status, StatusCode::OK, "{path}");
        assert_eq!(header_of(&brotli, header::CONTENT_ENCODING), "br", "{path}");
        assert!(header_of(&brotli, header::CONTENT_TYPE).starts_with(mime), "{path}");
        assert_eq!(header_of(&brotli, header::CACHE_CONTROL), "public, max-age=31536000, immutable", "{path}");
        let gzip = get_with_headers(&app, &path, &[("accept-encoding", "gzip")]).await;
        assert_eq!(header_of(&gzip, header::CONTENT_ENCODING), "gzip", "{path}");
        let plain = get_with_headers(&app, &path, &[]).await;
        assert_eq!(header_of(&plain, header::CONTENT_ENCODING), "", "{path}: identity when nothing is accepted");
        // A browser asking again with the ETag it holds gets no body.
        let etag = header_of(&brotli, header::ETAG).to_string();
        assert!(etag.starts_with('"'), "{path}: an ETag");
        let again = get_with_headers(&app, &path, &[("accept-encoding", "br"), ("if-none-match", etag.as_str())]).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path}");
    }
    // Another version (a page of an older binary) is not this one's: not found, never cached.
    let old = get(&app, "/pkg/temporal-debugger.0000000000000000.wasm").await;
    assert_eq!(old.status, StatusCode::NOT_FOUND);
    assert!(!header_of(&old, header::CACHE_CONTROL).contains("immutable"));
}

#[tokio::test]
async fn other_files_are_revalidated_and_build_stamps_are_not_served() {
    let app = Fixture::get().app();
    let favicon = get(&app, "/favicon.svg").await;
    assert_eq!(favicon.status, StatusCode::OK);
    assert_eq!(header_of(&favicon, header::CONTENT_TYPE), "image/svg+xml");
    assert_eq!(header_of(&favicon, header::CACHE_CONTROL), "no-cache");
    assert_eq!(get(&app, "/pkg/.wasm.stamp").await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, "/pkg/temporal-debugger.wasm/../../Cargo.toml").await.status, StatusCode::NOT_FOUND);
}
