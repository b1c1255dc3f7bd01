//! Paths of the debugger's pages. They match the Temporal UI's URL scheme, so swapping the host
//! of a Temporal UI link lands on the same page here.
//!
//! Namespace, workflow ID and run ID are each one percent-encoded path segment: a workflow ID
//! such as `order/2024?x=1#y` becomes `order%2F2024%3Fx%3D1%23y`.

pub use crate::url_base::{cluster_home, public_path};
use crate::url_base::{current_cluster, page_base};

/// Where the current cluster's pages start (see [`crate::url_base`]).
pub fn base() -> String {
    page_base()
}

/// The current cluster's page links (the part of the scheme the server's analyses write too).
pub fn links() -> model::PageLinks {
    model::PageLinks::new(page_base())
}

/// `path` (absolute) under the current cluster's base.
pub fn under_base(path: &str) -> String {
    format!("{}{path}", page_base())
}

/// A path the router reports, which on the server lacks the base (the server strips it before
/// routing) and in the browser has it: always with it.
pub fn with_base_once(path: &str) -> String {
    let base = page_base();
    if base.is_empty() || path == base || path.starts_with(&format!("{base}/")) {
        path.to_string()
    } else {
        format!("{base}{path}")
    }
}

/// `path` without the base (for client-side navigation, where the router adds it).
pub fn without_base(path: &str) -> String {
    let base = page_base();
    match path.strip_prefix(base.as_str()) {
        Some(rest) if !base.is_empty() && (rest.is_empty() || rest.starts_with('/') || rest.starts_with('?')) => {
            if rest.is_empty() { "/".to_string() } else { rest.to_string() }
        }
        _ => path.to_string(),
    }
}

/// The home page, which opens the default namespace: `/`, or the base itself (`/temporal`).
pub fn home() -> String {
    cluster_home(&current_cluster())
}

/// A file of the site: `/pkg/temporal-debugger.css`, `/favicon.svg` (shared by every cluster).
pub fn asset(path: &str) -> String {
    format!("{}{path}", public_path())
}

/// The import page, with an error message to show.
pub fn import(error: Option<&str>) -> String {
    match error {
        Some(message) => format!("{}/import?error={}", public_path(), encode(message)),
        None => format!("{}/import", public_path()),
    }
}

/// Where the import form posts its file.
/// Where the sign-out form posts (sign-in lives under the public path, for every cluster).
pub fn sign_out() -> String {
    format!("{}/auth/logout", public_path())
}

/// The settings page; `back` is the page to return to after a change.
pub fn settings(back: Option<&str>) -> String {
    match back {
        Some(back) => format!("{}/settings?back={}", public_path(), encode(back)),
        None => format!("{}/settings", public_path()),
    }
}

/// Where the settings page posts the reader's colour theme.
pub fn theme_setting() -> String {
    format!("{}/settings/theme", public_path())
}

/// Where the settings page posts the reader's time zone.
pub fn time_zone_setting() -> String {
    format!("{}/settings/time-zone", public_path())
}

/// `back` if it is a path of this site (`/…`, not `//host` or `/\host`), else the home page.
pub fn local_path(back: &str) -> String {
    let local = back.starts_with('/')
        && !back.starts_with("//")
        && !back.starts_with("/\\")
        && !back.chars().any(char::is_control);
    if local { back.to_string() } else { home() }
}

pub fn import_upload() -> String {
    format!("{}/import/upload", public_path())
}

/// An imported history's page.
pub fn imported(id: &str) -> String {
    format!("{}/import/{}", public_path(), encode(id))
}

/// Everything but the unreserved characters of RFC 3986 is encoded.
pub use model::url_segment::{decode, encode};

pub fn namespaces() -> String {
    links().namespaces()
}

pub fn workflows(namespace: &str) -> String {
    links().workflows(namespace)
}

/// The workflow list filtered by a visibility query, optionally at a later page.
pub fn workflows_query(namespace: &str, query: &str, next_page: Option<&str>) -> String {
    links().workflows_query(namespace, query, next_page)
}

/// The workflow list with every list parameter: query, page token, page size and columns (the
/// `cols` value; `None` for the default columns).
pub fn workflows_page(
    namespace: &str,
    query: &str,
    next_page: Option<&str>,
    page_size: Option<i32>,
    columns: Option<&str>,
) -> String {
    links().workflows_page(namespace, query, next_page, page_size, columns)
}

/// The workflow ID's page, which redirects to its latest run.
pub fn workflow(namespace: &str, workflow_id: &str) -> String {
    links().workflow(namespace, workflow_id)
}

/// Every run that ever had this workflow ID.
pub fn runs(namespace: &str, workflow_id: &str) -> String {
    links().runs(namespace, workflow_id)
}

/// Two runs of a workflow ID side by side.
pub fn compare(namespace: &str, workflow_id: &str, run_a: &str, run_b: &str) -> String {
    links().compare(namespace, workflow_id, run_a, run_b)
}

pub fn run(namespace: &str, workflow_id: &str, run_id: &str) -> String {
    links().run(namespace, workflow_id, run_id)
}

pub fn run_history(namespace: &str, workflow_id: &str, run_id: &str) -> String {
    links().run_history(namespace, workflow_id, run_id)
}

/// The run's whole history as proto3 JSON (`temporal workflow show --output json`'s shape).
pub fn history_json(namespace: &str, workflow_id: &str, run_id: &str) -> String {
    links().history_json(namespace, workflow_id, run_id)
}

/// What a running workflow says it is doing, as JSON (`CurrentDetails`).
pub fn current_details_json(namespace: &str, workflow_id: &str, run_id: &str) -> String {
    links().current_details_json(namespace, workflow_id, run_id)
}

/// A tab of the run page: `history`, `pending-activities`, `workers`, `call-stack`, …
pub fn run_tab(namespace: &str, workflow_id: &str, run_id: &str, tab: &str) -> String {
    links().run_tab(namespace, workflow_id, run_id, tab)
}

/// The form of one action on the run (GET) and where it is sent (POST): `…/actions/terminate`.
pub fn run_action(namespace: &str, workflow_id: &str, run_id: &str, action: &str) -> String {
    links().run_action(namespace, workflow_id, run_id, action)
}

/// The form of a command on one pending activity (GET) and where it is sent (POST).
pub fn activity_action(namespace: &str, workflow_id: &str, run_id: &str, activity_id: &str, action: &str) -> String {
    links().activity_action(namespace, workflow_id, run_id, activity_id, action)
}

/// The namespace's running runs grouped by why they are stuck, narrowed by `query`.
pub fn stuck_runs(namespace: &str, query: &str) -> String {
    links().stuck_runs(namespace, query)
}

/// The dry run of a batch over `query` (GET) and where it is started (POST).
pub fn batch(namespace: &str, query: &str) -> String {
    links().batch(namespace, query)
}

/// The counts of the runs `query` matches grouped by `by` (empty: the page's default field).
pub fn workflow_counts(namespace: &str, by: &str, query: &str) -> String {
    links().workflow_counts(namespace, by, query)
}

/// A batch job's page (the Temporal UI's URL).
pub fn batch_job(namespace: &str, job_id: &str) -> String {
    links().batch_job(namespace, job_id)
}

/// The report of a reset of each matching run to before its first failure.
pub fn batch_resets(namespace: &str, id: &str) -> String {
    links().batch_resets(namespace, id)
}

/// A namespace's own page: description, retention, archival, search attributes, failover.
pub fn namespace(namespace: &str) -> String {
    links().namespace(namespace)
}

/// The task queues of a namespace (from the task queues of its recent workflows).
pub fn task_queues(namespace: &str) -> String {
    links().task_queues(namespace)
}

/// One task queue: pollers, backlog and the verdict (the Temporal UI's URL).
pub fn task_queue(namespace: &str, task_queue: &str) -> String {
    links().task_queue(namespace, task_queue)
}

/// The standalone activities of a namespace, filtered by `query` (the Temporal UI's URL).
pub fn standalone_activities(namespace: &str, query: &str) -> String {
    links().standalone_activities(namespace, query)
}

/// One standalone activity's run: its details.
pub fn standalone_activity(namespace: &str, activity_id: &str, run_id: &str) -> String {
    links().standalone_activity(namespace, activity_id, run_id)
}

/// The form of a command on a standalone activity (GET) and where it is sent (POST).
pub fn standalone_activity_action(namespace: &str, activity_id: &str, run_id: &str, action: &str) -> String {
    links().standalone_activity_action(namespace, activity_id, run_id, action)
}

/// One worker deployment: its versions and routing (the Temporal UI's URL).
pub fn worker_deployment(namespace: &str, deployment: &str) -> String {
    links().worker_deployment(namespace, deployment)
}

/// The schedules of a namespace (the Temporal UI's URL).
pub fn schedules(namespace: &str) -> String {
    links().schedules(namespace)
}

/// One schedule (the Temporal UI's URL).
pub fn schedule(namespace: &str, schedule_id: &str) -> String {
    links().schedule(namespace, schedule_id)
}

/// The workers of a namespace from their heartbeats; `query` a ListWorkers filter, empty for all.
pub fn workers(namespace: &str, query: &str) -> String {
    links().workers(namespace, query)
}

/// One worker by its instance key.
pub fn worker(namespace: &str, instance_key: &str) -> String {
    links().worker(namespace, instance_key)
}

/// The cluster's page: server version, stores, shards, capabilities.
pub fn cluster() -> String {
    links().cluster()
}

/// The cluster's Nexus endpoints.
pub fn nexus_endpoints() -> String {
    links().nexus_endpoints()
}

/// One Nexus endpoint, by its ID.
pub fn nexus_endpoint(id: &str) -> String {
    links().nexus_endpoint(id)
}

/// The cluster's health from the Temporal server's own metrics; `query` is the page's query
/// string without `?` (such as `range=1h&namespace=default`), empty for the defaults.
pub fn cluster_health(query: &str) -> String {
    links().cluster_health(query)
}

/// The queries tab running query `name` with `arguments` (JSON text; empty for none).
pub fn run_query(namespace: &str, workflow_id: &str, run_id: &str, name: &str, arguments: &str) -> String {
    links().run_query(namespace, workflow_id, run_id, name, arguments)
}

pub fn event(namespace: &str, workflow_id: &str, run_id: &str, event_id: i64) -> String {
    links().event(namespace, workflow_id, run_id, event_id)
}

/// The HTML id of an event row, the target of `#event-N` fragments.
pub fn event_anchor(event_id: i64) -> String {
    format!("event-{event_id}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use percent_encoding::percent_decode_str;

    #[test]
    fn odd_workflow_ids_stay_one_segment() {
        let id = "order/2024?x=1#y";
        let url = run_history("default", id, "0f3c");
        assert_eq!(url, "/namespaces/default/workflows/order%2F2024%3Fx%3D1%23y/0f3c/history");
        let segment = url.split('/').nth(4).expect("workflow segment");
        assert_eq!(percent_decode_str(segment).decode_utf8().expect("utf8"), id);
    }

    #[test]
    fn spaces_percent_signs_and_unicode_round_trip() {
        for id in ["a b", "100%", "ünïcødé/ワーク", "a+b&c=d", "..", "%2F"] {
            let encoded = encode(id);
            assert!(!encoded.contains('/') && encoded != "..", "{encoded}");
            assert_eq!(percent_decode_str(&encoded).decode_utf8().expect("utf8"), id);
        }
    }

    #[test]
    fn without_a_base_paths_stay_as_they_are() {
        // The base is not set in unit tests.
        assert_eq!(without_base("/namespaces"), "/namespaces");
        assert_eq!(with_base_once("/namespaces"), "/namespaces");
    }

    #[test]
    fn query_and_page_token_are_encoded() {
        let url = workflows_query("ns 1", "WorkflowType = 'A&B'", Some("tok+/="));
        assert_eq!(url, "/namespaces/ns%201/workflows?query=WorkflowType%20%3D%20%27A%26B%27&next=tok%2B%2F%3D");
        assert_eq!(workflows_query("default", "", None), "/namespaces/default/workflows");
        assert_eq!(workflows_page("d", "", Some("t"), Some(10), None), "/namespaces/d/workflows?size=10&next=t");
        assert_eq!(
            workflows_page("d", "", None, None, Some("status,sa.CustomerId")),
            "/namespaces/d/workflows?cols=status%2Csa.CustomerId"
        );
    }
}

#[cfg(test)]
#[path = "urls_props.rs"]
mod props;
