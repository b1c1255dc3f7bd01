//! A run whose workflow task keeps failing (the fixture's real non-determinism: a second worker
//! registered a changed definition) says so at the top of every tab: the cause in words, the
//! worker, the failure and the links; a healthy run has no banner.
use app::urls;

use crate::support::{Fixture, get, str_of};

#[tokio::test]
async fn a_non_deterministic_run_has_the_banner_on_every_tab() {
    let fixture = Fixture::get();
    let ns = fixture.namespace();
    let app = fixture.app();
    let entry = fixture.workflow("nondeterministic");
    let (workflow_id, run_id) = (str_of(entry, "workflow_id"), str_of(entry, "run_id"));
    for tab in ["history", "pending-activities", "workers", "call-stack", "queries", "relationships"] {
        let url = urls::run_tab(ns, workflow_id, run_id, tab);
        let page = get(&app, &url).await;
        page.assert_ok(&url);
        let text = page.text();
        assert!(text.contains("The workflow task keeps failing"), "{tab}: {text}");
        assert!(text.contains("non-determinism: the worker's code no longer matches this history"), "{tab}: {text}");
        assert!(text.contains("NonDeterministicError"), "{tab}: {text}");
        assert!(text.contains(str_of(entry, "failed_identity")), "{tab}: the worker is named: {text}");
        assert!(page.html.contains(&urls::run_tab(ns, workflow_id, run_id, "workers")), "{tab}: workers link");
        assert!(page.html.contains("role=\"alert\""), "{tab}: announced");
    }
    let healthy = fixture.workflow("signal_waiter");
    let url = urls::run_history(ns, str_of(healthy, "workflow_id"), str_of(healthy, "run_id"));
    let page = get(&app, &url).await;
    page.assert_ok(&url);
    assert!(!page.text().contains("The workflow task keeps"), "{}", page.text());
}
