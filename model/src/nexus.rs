//! Nexus: the cluster's endpoints (operator service) and a run's completion callbacks.
use serde::{Deserialize, Serialize};

use super::{FailureView, PageLinks, PayloadView, TimePoint};

/// Where an endpoint sends its operations: a worker's task queue in a namespace, or a URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum NexusTarget {
    Worker {
        namespace: String,
        task_queue: String,
    },
    External {
        url: String,
    },
    /// The server sent no target (or one this debugger does not know).
    Unknown,
}

/// One Nexus endpoint, as ListNexusEndpoints and GetNexusEndpoint give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NexusEndpointView {
    pub id: String,
    pub name: String,
    pub version: i64,
    pub target: NexusTarget,
    /// A payload the endpoint's creator wrote (markdown by convention): untrusted.
    pub description: Option<PayloadView>,
    /// The description's text when it is a JSON string (as `temporal operator nexus endpoint
    /// create --description` stores it), to show as text rather than as JSON.
    pub description_text: Option<String>,
    pub created_time: Option<TimePoint>,
    pub last_modified_time: Option<TimePoint>,
    /// The path prefix the server's Nexus HTTP handler serves this endpoint under.
    pub url_prefix: String,
}

/// `/nexus`: the cluster's endpoints; `unavailable` says why there are none to list when the
/// server does not offer Nexus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NexusEndpointsPage {
    pub endpoints: Vec<NexusEndpointView>,
    pub unavailable: Option<String>,
    /// The list was cut at this many endpoints.
    pub truncated: bool,
}

/// `/nexus/{id}`: one endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NexusEndpointPage {
    pub endpoint: NexusEndpointView,
}

/// A run (or event) another history points at: a Nexus operation's handler run, or the caller's
/// event that a handler's run completes (`temporal.api.common.v1.Link.WorkflowEvent`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowEventLink {
    pub namespace: String,
    pub workflow_id: String,
    pub run_id: String,
    /// The event, when the link names it by ID (0 otherwise).
    pub event_id: i64,
    /// The event's type without prefix (`NexusOperationScheduled`), empty when not given.
    pub event_type: String,
}

/// A completion callback of the run (DescribeWorkflowExecution's `callbacks`): whom the run tells
/// when it closes, such as the Nexus caller that started it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackView {
    /// `Nexus` with its URL (`temporal://system` inside the cluster), or `Internal`.
    pub target: String,
    /// `Standby`, `Scheduled`, `BackingOff`, `Failed`, `Succeeded`, `Blocked`.
    pub state: String,
    pub attempt: i32,
    pub registration_time: Option<TimePoint>,
    pub last_attempt_complete_time: Option<TimePoint>,
    pub next_attempt_time: Option<TimePoint>,
    pub last_attempt_failure: Option<FailureView>,
    pub blocked_reason: String,
    /// The events the callback links to (the caller's NexusOperationScheduled).
    pub links: Vec<WorkflowEventLink>,
}

impl WorkflowEventLink {
    /// `default / order-1 / 0199… · event 5 (NexusOperationScheduled)`.
    pub fn text(&self) -> String {
        let run = format!("{} / {} / {}", self.namespace, self.workflow_id, self.run_id);
        match (self.event_id, self.event_type.as_str()) {
            (0, "") => run,
            (0, kind) => format!("{run} · {kind}"),
            (id, "") => format!("{run} · event {id}"),
            (id, kind) => format!("{run} · event {id} ({kind})"),
        }
    }

    /// The linked event's row in its run's history, or the run when no event ID is given.
    pub fn path(&self, links: &PageLinks) -> String {
        if self.event_id > 0 {
            links.event(&self.namespace, &self.workflow_id, &self.run_id, self.event_id)
        } else {
            links.run(&self.namespace, &self.workflow_id, &self.run_id)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(event_id: i64, event_type: &str) -> WorkflowEventLink {
        WorkflowEventLink {
            namespace: "payments".into(),
            workflow_id: "order/1".into(),
            run_id: "r1".into(),
            event_id,
            event_type: event_type.into(),
        }
    }

    #[test]
    fn a_link_goes_to_its_event_in_the_other_namespace_or_to_the_run() {
        let links = PageLinks::new("/tdbg");
        let to_event = link(5, "NexusOperationScheduled");
        assert_eq!(to_event.path(&links), "/tdbg/namespaces/payments/workflows/order%2F1/r1/history/events/5");
        assert_eq!(to_event.text(), "payments / order/1 / r1 · event 5 (NexusOperationScheduled)");
        let to_run = link(0, "WorkflowExecutionStarted");
        assert_eq!(to_run.path(&links), "/tdbg/namespaces/payments/workflows/order%2F1/r1");
        assert_eq!(to_run.text(), "payments / order/1 / r1 · WorkflowExecutionStarted");
    }
}
