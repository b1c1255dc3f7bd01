//! The paths of one cluster's pages, on an explicit base: the app's `urls` (for the request's or
//! the page's cluster), the server's write handlers (their redirects) and the analyses (a
//! diagnosis' evidence, the timeline's bars) all build them here. They match the Temporal UI's
//! URL scheme, so swapping the host of a Temporal UI link lands on the same page here.
use crate::url_segment::encode;

/// Where one cluster's pages start for the request being served, such as `/tdbg/c/prod` (empty
/// for the default cluster at the root).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageLinks {
    pub base: String,
}

impl PageLinks {
    pub fn new(base: impl Into<String>) -> PageLinks {
        PageLinks { base: base.into() }
    }

    pub fn namespaces(&self) -> String {
        format!("{}/namespaces", self.base)
    }

    pub fn workflows(&self, namespace: &str) -> String {
        format!("{}/{}/workflows", self.namespaces(), encode(namespace))
    }

    /// The workflow ID's page, which redirects to its latest run.
    pub fn workflow(&self, namespace: &str, workflow_id: &str) -> String {
        format!("{}/{}", self.workflows(namespace), encode(workflow_id))
    }

    pub fn run(&self, namespace: &str, workflow_id: &str, run_id: &str) -> String {
        format!("{}/{}", self.workflow(namespace, workflow_id), encode(run_id))
    }

    /// The event's row in the run's history.
    pub fn event(&self, namespace: &str, workflow_id: &str, run_id: &str, event_id: i64) -> String {
        format!("{}/history/events/{event_id}", self.run(namespace, workflow_id, run_id))
    }

    /// The task queues of a namespace.
    pub fn task_queues(&self, namespace: &str) -> String {
        format!("{}/{}/task-queues", self.namespaces(), encode(namespace))
    }

    /// One task queue: pollers, backlog and the verdict (the Temporal UI's URL).
    pub fn task_queue(&self, namespace: &str, task_queue: &str) -> String {
        format!("{}/{}", self.task_queues(namespace), encode(task_queue))
    }

    /// The cluster's Nexus endpoints (cluster-wide, as in the Temporal UI).
    pub fn nexus_endpoints(&self) -> String {
        format!("{}/nexus", self.base)
    }

    /// One Nexus endpoint, by its ID.
    pub fn nexus_endpoint(&self, id: &str) -> String {
        format!("{}/{}", self.nexus_endpoints(), encode(id))
    }

    /// The cluster's health; `query` is the page's query string without `?` (such as
    /// `range=1h&namespace=default`), empty for the defaults.
    pub fn cluster_health(&self, query: &str) -> String {
        let page = format!("{}/cluster/health", self.base);
        if query.is_empty() { page } else { format!("{page}?{query}") }
    }

    /// The workflow list filtered by a visibility query, optionally at a later page.
    pub fn workflows_query(&self, namespace: &str, query: &str, next_page: Option<&str>) -> String {
        self.workflows_page(namespace, query, next_page, None, None)
    }

    /// The workflow list with every list parameter: query, page token, page size and columns (the
    /// `cols` value; `None` for the default columns).
    pub fn workflows_page(
        &self,
        namespace: &str,
        query: &str,
        next_page: Option<&str>,
        page_size: Option<i32>,
        columns: Option<&str>,
    ) -> String {
        let mut url = self.workflows(namespace);
        let mut params = Vec::new();
        if !query.is_empty() {
            params.push(format!("query={}", encode(query)));
        }
        if let Some(size) = page_size {
            params.push(format!("size={size}"));
        }
        if let Some(columns) = columns {
            params.push(format!("cols={}", encode(columns)));
        }
        if let Some(token) = next_page {
            params.push(format!("next={}", encode(token)));
        }
        if !params.is_empty() {
            url.push('?');
            url.push_str(&params.join("&"));
        }
        url
    }

    /// Every run that ever had this workflow ID.
    pub fn runs(&self, namespace: &str, workflow_id: &str) -> String {
        format!("{}/runs", self.workflow(namespace, workflow_id))
    }

    /// Two runs of a workflow ID side by side.
    pub fn compare(&self, namespace: &str, workflow_id: &str, run_a: &str, run_b: &str) -> String {
        format!("{}/compare?a={}&b={}", self.workflow(namespace, workflow_id), encode(run_a), encode(run_b))
    }

    pub fn run_history(&self, namespace: &str, workflow_id: &str, run_id: &str) -> String {
        self.run_tab(namespace, workflow_id, run_id, "history")
    }

    /// The run's whole history as proto3 JSON (`temporal workflow show --output json`'s shape).
    pub fn history_json(&self, namespace: &str, workflow_id: &str, run_id: &str) -> String {
        format!("{}/history.json", self.run(namespace, workflow_id, run_id))
    }

    /// What a running workflow says it is doing, as JSON (`CurrentDetails`).
    pub fn current_details_json(&self, namespace: &str, workflow_id: &str, run_id: &str) -> String {
        format!("{}/current-details.json", self.run(namespace, workflow_id, run_id))
    }

    /// A tab of the run page: `history`, `pending-activities`, `workers`, `call-stack`, …
    pub fn run_tab(&self, namespace: &str, workflow_id: &str, run_id: &str, tab: &str) -> String {
        format!("{}/{tab}", self.run(namespace, workflow_id, run_id))
    }

    /// The form of one action on the run (GET) and where it is sent (POST): `…/actions/terminate`.
    pub fn run_action(&self, namespace: &str, workflow_id: &str, run_id: &str, action: &str) -> String {
        format!("{}/actions/{action}", self.run(namespace, workflow_id, run_id))
    }

    /// The form of a command on one pending activity (GET) and where it is sent (POST).
    pub fn activity_action(
        &self,
        namespace: &str,
        workflow_id: &str,
        run_id: &str,
        activity_id: &str,
        action: &str,
    ) -> String {
        format!("{}/activities/{}/actions/{action}", self.run(namespace, workflow_id, run_id), encode(activity_id))
    }

    /// The namespace's running runs grouped by why they are stuck, narrowed by `query`.
    pub fn stuck_runs(&self, namespace: &str, query: &str) -> String {
        let base = format!("{}/{}/stuck-runs", self.namespaces(), encode(namespace));
        if query.is_empty() { base } else { format!("{base}?query={}", encode(query)) }
    }

    /// The dry run of a batch over `query` (GET) and where it is started (POST).
    pub fn batch(&self, namespace: &str, query: &str) -> String {
        let base = format!("{}/{}/batch", self.namespaces(), encode(namespace));
        if query.is_empty() { base } else { format!("{base}?query={}", encode(query)) }
    }

    /// The counts of the runs `query` matches grouped by `by` (empty: the page's default field).
    pub fn workflow_counts(&self, namespace: &str, by: &str, query: &str) -> String {
        let base = format!("{}/{}/counts", self.namespaces(), encode(namespace));
        let params: Vec<String> = [("by", by), ("query", query)]
            .into_iter()
            .filter(|(_, value)| !value.is_empty())
            .map(|(name, value)| format!("{name}={}", encode(value)))
            .collect();
        if params.is_empty() { base } else { format!("{base}?{}", params.join("&")) }
    }

    /// A batch job's page (the Temporal UI's URL).
    pub fn batch_job(&self, namespace: &str, job_id: &str) -> String {
        format!("{}/{}/batch-operations/{}", self.namespaces(), encode(namespace), encode(job_id))
    }

    /// The report of a reset of each matching run to before its first failure.
    pub fn batch_resets(&self, namespace: &str, id: &str) -> String {
        format!("{}/{}/batch-resets/{}", self.namespaces(), encode(namespace), encode(id))
    }

    /// A namespace's own page: description, retention, archival, search attributes, failover.
    pub fn namespace(&self, namespace: &str) -> String {
        format!("{}/{}", self.namespaces(), encode(namespace))
    }

    /// The schedules of a namespace (the Temporal UI's URL).
    pub fn schedules(&self, namespace: &str) -> String {
        format!("{}/{}/schedules", self.namespaces(), encode(namespace))
    }

    /// One schedule (the Temporal UI's URL).
    pub fn schedule(&self, namespace: &str, schedule_id: &str) -> String {
        format!("{}/{}", self.schedules(namespace), encode(schedule_id))
    }

    /// The workers of a namespace from their heartbeats (the Temporal UI's URL); `query` a
    /// ListWorkers filter (`TaskQueue = 'orders'`), empty for all.
    pub fn workers(&self, namespace: &str, query: &str) -> String {
        let page = format!("{}/{}/workers", self.namespaces(), encode(namespace));
        if query.is_empty() { page } else { format!("{page}?query={}", encode(query)) }
    }

    /// One worker by its instance key.
    pub fn worker(&self, namespace: &str, instance_key: &str) -> String {
        format!("{}/{}", self.workers(namespace, ""), encode(instance_key))
    }

    /// The standalone activities of a namespace (the Temporal UI's URL); `query` filters them.
    pub fn standalone_activities(&self, namespace: &str, query: &str) -> String {
        let base = format!("{}/{}/activities", self.namespaces(), encode(namespace));
        if query.is_empty() { base } else { format!("{base}?query={}", encode(query)) }
    }

    /// One standalone activity's run (the Temporal UI's URL: `…/activities/{id}/{run_id}/details`).
    pub fn standalone_activity(&self, namespace: &str, activity_id: &str, run_id: &str) -> String {
        format!("{}/details", self.standalone_activity_run(namespace, activity_id, run_id))
    }

    /// The form of a command on a standalone activity (GET) and where it is sent (POST).
    pub fn standalone_activity_action(&self, namespace: &str, activity_id: &str, run_id: &str, action: &str) -> String {
        format!("{}/actions/{action}", self.standalone_activity_run(namespace, activity_id, run_id))
    }

    fn standalone_activity_run(&self, namespace: &str, activity_id: &str, run_id: &str) -> String {
        format!("{}/{}/{}", self.standalone_activities(namespace, ""), encode(activity_id), encode(run_id))
    }

    /// One worker deployment (the Temporal UI's URL).
    pub fn worker_deployment(&self, namespace: &str, deployment: &str) -> String {
        format!("{}/{}/worker-deployments/{}", self.namespaces(), encode(namespace), encode(deployment))
    }

    /// The cluster's page: server version, stores, shards, capabilities.
    pub fn cluster(&self) -> String {
        self.under_base("/cluster")
    }

    /// The queries tab running query `name` with `arguments` (JSON text; empty for none).
    pub fn run_query(&self, namespace: &str, workflow_id: &str, run_id: &str, name: &str, arguments: &str) -> String {
        let mut url = format!("{}?query={}", self.run_tab(namespace, workflow_id, run_id, "queries"), encode(name));
        if !arguments.trim().is_empty() {
            url.push_str(&format!("&args={}", encode(arguments)));
        }
        url
    }

    /// `path` (absolute) under this cluster's base.
    fn under_base(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}
