//! The `POST` handlers of the write actions: on a run (`run`), on one of its pending activities
//! (`activity`), on a standalone activity (`standalone_activity`), on the runs a visibility query
//! names (`batch`), on a schedule (`schedule`) and on a worker deployment's routing (`deployment`).
//! Each takes a [`write_request::WriteRequest`] (the form, the user, the client acting for them),
//! passes its check (`guard`: policy, CSRF token, run, confirmation), runs as the user's identity,
//! writes one audit line whatever the outcome, and answers (`response`) with a redirect to the
//! page that shows its result. The router has refused cross-site posts already
//! (`crate::same_origin`).
mod activity;
mod batch;
mod deployment;
mod guard;
mod response;
mod run;
mod schedule;
mod standalone_activity;
mod write_request;

pub use activity::activity_action;
pub use batch::{start_batch, stop_batch};
pub use deployment::deployment_action;
pub use run::run_action;
pub use schedule::schedule_action;
pub use standalone_activity::standalone_activity_action;
