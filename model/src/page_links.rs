//! Links to a cluster's pages that the server's analyses write too (a diagnosis' evidence, the
//! timeline's bars), on an explicit base. The app's `urls` builds its paths with these.
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

    /// The cluster's health; `query` is the page's query string without `?` (such as
    /// `range=1h&namespace=default`), empty for the defaults.
    pub fn cluster_health(&self, query: &str) -> String {
        let page = format!("{}/cluster/health", self.base);
        if query.is_empty() { page } else { format!("{page}?{query}") }
    }
}
