//! Write features a cluster turned out not to offer: workflow pause needs a recent server with
//! `frontend.WorkflowPauseEnabled`, the activity commands a server of 1.27 or later. No call tells
//! beforehand, so the first refusal is remembered by this cluster's client (until the server
//! restarts) and its actions are then hidden with a note instead of offered again.
use std::{collections::HashMap, sync::Mutex};

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

/// The actions one cluster turned out not to offer, with Temporal's own words; its client keeps
/// one (shared by every clone).
#[derive(Debug, Default)]
pub struct Unavailable(Mutex<HashMap<ActionKind, String>>);

impl Unavailable {
    /// Remembers that this cluster does not offer `action`.
    pub fn remember(&self, action: ActionKind, status: &Status) {
        let note = format!("this cluster does not offer it (Temporal answered: {})", status.message());
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).insert(action, note);
    }

    /// Takes the actions this cluster is known not to offer out of `permissions`, with their notes.
    pub fn restrict(&self, permissions: &mut Permissions) {
        let known = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        for action in ActionKind::ALL {
            if let Some(note) = known.get(&action)
                && permissions.allows(action)
            {
                permissions.allowed.retain(|allowed| *allowed != action);
                permissions.unavailable.push((action, note.clone()));
            }
        }
    }
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
        let (this_cluster, another_cluster) = (Unavailable::default(), Unavailable::default());
        this_cluster.remember(ActionKind::Pause, &unimplemented);
        let mut permissions =
            Permissions { allowed: vec![ActionKind::Pause, ActionKind::Signal], ..Default::default() };
        this_cluster.restrict(&mut permissions);
        assert_eq!(permissions.allowed, [ActionKind::Signal]);
        assert_eq!(permissions.unavailable[0].0, ActionKind::Pause);
        assert!(permissions.unavailable[0].1.contains("unknown method"), "{:?}", permissions.unavailable);
        let mut elsewhere = Permissions { allowed: vec![ActionKind::Pause], ..Default::default() };
        another_cluster.restrict(&mut elsewhere);
        assert_eq!(elsewhere.allowed, [ActionKind::Pause], "only the cluster that refused");
    }
}
