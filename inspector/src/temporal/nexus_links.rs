//! What ties a Nexus caller to its handler across runs and namespaces: the links history events
//! carry (`temporal.api.common.v1.Link.WorkflowEvent`: NexusOperationStarted points at the
//! handler's run, the handler's completion callback back at the caller's event) and a run's
//! completion callbacks (DescribeWorkflowExecution's `callbacks`).
use temporalio_protos::protos::temporal::api::{
    common::v1::{
        callback,
        link::{self, workflow_event::Reference},
    },
    enums::v1::CallbackState,
    workflow::v1::CallbackInfo,
};

use super::{event_fields::event_type_name, failures, time};
use model::{CallbackView, WorkflowEventLink};

pub fn workflow_event_link(event: &link::WorkflowEvent) -> WorkflowEventLink {
    let (event_id, event_type) = match &event.reference {
        Some(Reference::EventRef(reference)) => (reference.event_id, reference.event_type),
        Some(Reference::RequestIdRef(reference)) => (0, reference.event_type),
        None => (0, 0),
    };
    WorkflowEventLink {
        namespace: event.namespace.clone(),
        workflow_id: event.workflow_id.clone(),
        run_id: event.run_id.clone(),
        event_id,
        // 0 is EVENT_TYPE_UNSPECIFIED: the link names no type.
        event_type: if event_type == 0 { String::new() } else { event_type_name(event_type) },
    }
}

pub fn callback(info: &CallbackInfo) -> CallbackView {
    let callback = info.callback.as_ref();
    let target = match callback.and_then(|callback| callback.variant.as_ref()) {
        Some(callback::Variant::Nexus(nexus)) => format!("Nexus {}", nexus.url),
        Some(callback::Variant::NexusHandler(handler)) => {
            format!("Nexus handler {}/{} on {}", handler.service, handler.operation, handler.task_queue_name)
        }
        Some(callback::Variant::Internal(_)) => "Internal".to_string(),
        None => "Unknown".to_string(),
    };
    let links = callback
        .map(|callback| {
            callback
                .links
                .iter()
                .filter_map(|link| match &link.variant {
                    Some(link::Variant::WorkflowEvent(event)) => Some(workflow_event_link(event)),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    CallbackView {
        target,
        state: CallbackState::try_from(info.state)
            .map(|state| failures::enum_label(state.as_str_name(), "CALLBACK_STATE_"))
            .unwrap_or_default(),
        attempt: info.attempt,
        registration_time: time::time_point(info.registration_time.as_ref()),
        last_attempt_complete_time: time::time_point(info.last_attempt_complete_time.as_ref()),
        next_attempt_time: time::time_point(info.next_attempt_schedule_time.as_ref()),
        last_attempt_failure: info.last_attempt_failure.as_ref().map(failures::failure_view),
        blocked_reason: info.blocked_reason.clone(),
        links,
    }
}

#[cfg(test)]
mod tests {
    use temporalio_protos::protos::temporal::api::{
        common::v1::{Callback, Link, link::workflow_event::EventReference},
        enums::v1::EventType,
    };

    use super::*;

    fn caller_event() -> link::WorkflowEvent {
        link::WorkflowEvent {
            namespace: "callers".into(),
            workflow_id: "order-1".into(),
            run_id: "r1".into(),
            reference: Some(Reference::EventRef(EventReference {
                event_id: 5,
                event_type: EventType::NexusOperationScheduled as i32,
            })),
        }
    }

    #[test]
    fn a_link_keeps_the_other_namespace_run_and_event() {
        let link = workflow_event_link(&caller_event());
        assert_eq!(
            (link.namespace.as_str(), link.workflow_id.as_str(), link.run_id.as_str()),
            ("callers", "order-1", "r1")
        );
        assert_eq!((link.event_id, link.event_type.as_str()), (5, "NexusOperationScheduled"));
    }

    #[test]
    fn a_callback_keeps_its_state_attempt_and_the_caller_it_links_to() {
        let info = CallbackInfo {
            callback: Some(Callback {
                variant: Some(callback::Variant::Nexus(callback::Nexus {
                    url: "temporal://system".into(),
                    header: Default::default(),
                })),
                links: vec![Link { variant: Some(link::Variant::WorkflowEvent(caller_event())) }],
            }),
            state: CallbackState::BackingOff as i32,
            attempt: 3,
            blocked_reason: String::new(),
            ..Default::default()
        };
        let view = callback(&info);
        assert_eq!(
            (view.target.as_str(), view.state.as_str(), view.attempt),
            ("Nexus temporal://system", "BackingOff", 3)
        );
        assert_eq!(view.links, vec![workflow_event_link(&caller_event())]);
    }
}
