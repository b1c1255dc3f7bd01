//! `TEMPORAL_UI_PUBLIC_PATH=/temporal`: every page, link, asset, form, redirect, download and
//! stream lives under `/temporal/`; the probes answer at the root too.
use crate::server_process::{ServerProcess, header};
use crate::support::{Fixture, str_of};

fn start() -> ServerProcess {
    ServerProcess::start(&["--public-path", "/temporal/", "--temporal-address", &Fixture::get().temporal_address])
}

/// Every root-relative `href`, `action` and `src` in the page.
fn local_urls(html: &str) -> Vec<String> {
    ["href=\"/", "action=\"/", "src=\"/", "content=\"/"]
        .iter()
        .flat_map(|marker| {
            html.match_indices(marker).map(move |(at, _)| {
                let rest = &html[at + marker.len() - 1..];
                rest[..rest.find('"').unwrap_or(rest.len())].to_string()
            })
        })
        .collect()
}

#[test]
fn pages_links_and_redirects_live_under_the_public_path() {
    let fixture = Fixture::get();
    let server = start();
    let (status, headers, _) = server.get("/");
    assert_eq!((status, header(&headers, "location")), (303, Some("/temporal/")), "{headers:?}");
    let (status, headers, _) = server.get("/temporal/");
    assert_eq!(status, 303);
    assert!(header(&headers, "location").is_some_and(|to| to.starts_with("/temporal/namespaces/")), "{headers:?}");
    let (status, headers, _) = server.get("/temporal");
    assert_eq!(status, 302);
    assert!(header(&headers, "location").is_some_and(|to| to.starts_with("/temporal/namespaces/")), "{headers:?}");

    let entry = fixture.workflow("completed");
    let (workflow_id, run_id) = (str_of(entry, "workflow_id"), str_of(entry, "run_id"));
    let history = format!("/temporal{}", app::urls::run_history(fixture.namespace(), workflow_id, run_id));
    for page in
        [format!("/temporal/namespaces/{}/workflows", fixture.namespace()), history.clone(), "/temporal/import".into()]
    {
        let (status, _, html) = server.get(&page);
        assert_eq!(status, 200, "{page}: {html}");
        let urls = local_urls(&html);
        assert!(urls.len() > 5, "{page}: {urls:?}");
        // The one exception: the public path itself, in the page's `tdbg-public-path` meta tag.
        let outside: Vec<_> = urls.iter().filter(|url| *url != "/temporal" && !url.starts_with("/temporal/")).collect();
        assert!(outside.is_empty(), "{page} links outside the public path: {outside:?}");
        assert!(html.contains("/temporal/pkg/temporal-debugger"), "{page}: the bundle is under the public path");
    }

    let workflow = format!("/temporal{}", app::urls::workflow(fixture.namespace(), workflow_id));
    let (status, headers, _) = server.get(&workflow);
    assert_eq!(status, 302);
    assert!(header(&headers, "location").is_some_and(|to| to.starts_with(&format!("{workflow}/"))), "{headers:?}");

    let (status, headers, json) =
        server.get(&format!("/temporal{}", app::urls::history_json(fixture.namespace(), workflow_id, run_id)));
    assert_eq!(status, 200, "{json}");
    assert!(header(&headers, "content-type").is_some_and(|kind| kind.contains("json")) && json.contains("\"events\""));

    // Outside the public path there is nothing but the probes.
    assert_eq!(server.get(&format!("/namespaces/{}/workflows", fixture.namespace())).0, 404);
    assert_eq!(server.get("/healthz").0, 200);
    assert_eq!(server.get("/temporal/healthz").0, 200);
}

#[test]
fn the_live_stream_lives_under_the_public_path() {
    let fixture = Fixture::get();
    let server = start();
    let entry = fixture.workflow("sleeping");
    let history = app::urls::run_history(fixture.namespace(), str_of(entry, "workflow_id"), str_of(entry, "run_id"));
    let seen = crate::server_process::open_live_stream(&mut server.connect(), &format!("/temporal{history}/live"));
    assert!(seen.starts_with("HTTP/1.1 200") && seen.contains("text/event-stream"), "{seen}");
}
