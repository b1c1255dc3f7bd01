//! Write features a cluster turned out not to offer: workflow pause needs a recent server with
//! `frontend.WorkflowPauseEnabled`, the activity commands a server of 1.27 or later. No call tells
//! beforehand, so the first refusal is remembered for this cluster (until the server restarts) and
//! its actions are then hidden with a note instead of offered again.
use std::{
    collections::HashMap,
    sync::{Mutex, OnceLock},
};

use tonic::{Code, Status};

use model::{ActionKind, Permissions};

/// Whether Temporal's answer means "this server does not offer that call" rather than a refusal
/// of this one request.
pub fn means_unavailable(status: &Status) -> bool {
    let message = status.message().to_ascii_lowercase();
    match status.code() {
        Code::Unimplemented => true,
        Code::PermissionDenied | Code::FailedPrecondition | Code::InvalidArgument => {
            message.contains("not enabled") || message.contains("disabled") || message.contains("not supported")
        }
        _ => false,
    }
}

/// Remembers that `cluster` does not offer `action`, with Temporal's own words.
pub fn remember_unavailable(cluster: &str, action: ActionKind, status: &Status) {
    let note = format!("this cluster does not offer it (Temporal answered: {})", status.message());
    notes().lock().unwrap_or_else(|poisoned| poisoned.into_inner()).insert((cluster.to_string(), action), note);
}

/// Takes the actions `cluster` is known not to offer out of `permissions`, with their notes.
pub fn restrict(permissions: &mut Permissions, cluster: &str) {
    let known = notes().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    for action in ActionKind::ALL {
        if let Some(note) = known.get(&(cluster.to_string(), action))
            && permissions.allows(action)
        {
            permissions.allowed.retain(|allowed| *allowed != action);
            permissions.unavailable.push((action, note.clone()));
        }
    }
}

fn notes() -> &'static Mutex<HashMap<(String, ActionKind), String>> {
    static NOTES: OnceLock<Mutex<HashMap<(String, ActionKind), String>>> = OnceLock::new();
    NOTES.get_or_init(Default::default)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_refusal_hides_the_action_with_its_note() {
        let unimplemented = Status::unimplemented("unknown method PauseWorkflowExecution");
        assert!(means_unavailable(&unimplemented));
        assert!(!means_unavailable(&Status::not_found("workflow not found")));
        assert!(!means_unavailable(&Status::failed_precondition("workflow is already paused")));
        remember_unavailable("capabilities-test", ActionKind::Pause, &unimplemented);
        let mut permissions =
            Permissions { allowed: vec![ActionKind::Pause, ActionKind::Signal], ..Default::default() };
        restrict(&mut permissions, "capabilities-test");
        assert_eq!(permissions.allowed, [ActionKind::Signal]);
        assert_eq!(permissions.unavailable[0].0, ActionKind::Pause);
        assert!(permissions.unavailable[0].1.contains("unknown method"), "{:?}", permissions.unavailable);
        let mut elsewhere = Permissions { allowed: vec![ActionKind::Pause], ..Default::default() };
        restrict(&mut elsewhere, "another-cluster");
        assert_eq!(elsewhere.allowed, [ActionKind::Pause], "only the cluster that refused");
    }
}
