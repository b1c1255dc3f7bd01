//! Batch operations over a visibility query: the dry run (count and a sample), starting one
//! (terminate, cancel, signal, reset to the first or last workflow task, delete, unpause or reset
//! pending activities of one type), describing and stopping a job. Temporal runs the job itself; this only starts, watches and stops it.
use crate::RequestContext;
use temporalio_protos::protos::temporal::api::{
    batch::v1::{
        BatchOperationCancellation, BatchOperationDeletion, BatchOperationReset, BatchOperationResetActivities,
        BatchOperationSignal, BatchOperationTermination, BatchOperationUnpauseActivities,
        batch_operation_reset_activities, batch_operation_unpause_activities,
    },
    common::v1::{Payloads, ResetOptions, reset_options},
    enums::v1::{BatchOperationState, BatchOperationType, ResetReapplyExcludeType},
    workflowservice::v1::{
        CountWorkflowExecutionsRequest, DescribeBatchOperationRequest, StartBatchOperationRequest,
        StopBatchOperationRequest, start_batch_operation_request::Operation,
    },
};

use super::{
    TemporalClient, failures, time,
    workflows::{self, ListRequest},
};
use model::AppError;
use model::{ActionKind, BatchJobPage, BatchPlanPage};

/// How many of the matching runs the dry run lists.
pub const SAMPLE_SIZE: i32 = 10;

/// What a batch does to each run.
#[derive(Debug, Clone, PartialEq)]
pub enum BatchAction {
    Terminate,
    Cancel,
    Signal {
        name: String,
        input: String,
    },
    /// To the first workflow task (start over) or the last one.
    Reset {
        to_first: bool,
        exclude_signals: bool,
    },
    /// Each run to its last workflow task before its first failure: not a Temporal batch job, the
    /// debugger does it run by run (see [`super::failure_resets`]).
    ResetBeforeFailure {
        exclude_signals: bool,
    },
    /// Delete each run with its history (a running one is terminated first).
    Delete,
    /// Pause each run's pending activities of this type: not a Temporal batch job, the debugger
    /// does it run by run (see [`super::activity_pauses`]).
    PauseActivities {
        activity_type: String,
    },
    /// Unpause them, with their attempts counted from 1 again.
    UnpauseActivities {
        activity_type: String,
    },
    /// Reset them: attempts from 1, heartbeat details dropped, paused ones stay paused.
    ResetActivities {
        activity_type: String,
    },
}

impl BatchAction {
    pub fn slug(&self) -> &'static str {
        match self {
            BatchAction::Terminate => "terminate",
            BatchAction::Cancel => "cancel",
            BatchAction::Signal { .. } => "signal",
            BatchAction::Reset { to_first: true, .. } => "reset-first",
            BatchAction::Reset { .. } => "reset-last",
            BatchAction::ResetBeforeFailure { .. } => "reset-failure",
            BatchAction::Delete => "delete",
            BatchAction::PauseActivities { .. } => "pause-activities",
            BatchAction::UnpauseActivities { .. } => "unpause-activities",
            BatchAction::ResetActivities { .. } => "reset-activities",
        }
    }

    /// Whether it acts on activities (and so needs the activity-command permission too).
    pub fn on_activities(&self) -> bool {
        matches!(
            self,
            BatchAction::PauseActivities { .. }
                | BatchAction::UnpauseActivities { .. }
                | BatchAction::ResetActivities { .. }
        )
    }
}

fn require_activity_type(activity_type: &str) -> Result<String, AppError> {
    match activity_type.trim() {
        "" => Err(AppError::BadRequest("Name the activity type whose pending activities to change.".into())),
        name => Ok(name.into()),
    }
}

fn require_query(query: &str) -> Result<(), AppError> {
    if query.trim().is_empty() {
        return Err(AppError::BadRequest(
            "Name the runs with a visibility query: an empty one would be every workflow in the namespace.".into(),
        ));
    }
    Ok(())
}

/// The dry run: how many runs `query` matches and the first of them.
pub async fn plan_page(ctx: &RequestContext, namespace: &str, query: &str) -> Result<BatchPlanPage, AppError> {
    let client = &ctx.client;
    require_query(query)?;
    let request = CountWorkflowExecutionsRequest { namespace: namespace.into(), query: query.into() };
    let count = client
        .workflow_service()
        .count_workflow_executions(client.request(request))
        .await
        .map_err(|status| client.error(status, &format!("namespace {namespace:?}")))?
        .into_inner()
        .count;
    let (sample, _) = workflows::list(
        client,
        ListRequest { namespace, query, next_page: None, page_size: Some(SAMPLE_SIZE), attributes: &[] },
    )
    .await?;
    let access = &ctx.access;
    Ok(BatchPlanPage {
        namespace: namespace.into(),
        query: query.into(),
        count,
        sample,
        csrf_token: ctx.csrf.token(),
        refused: access.check(ActionKind::Batch, namespace).err(),
        permissions: access.permissions(namespace),
    })
}

/// Starts a batch job over `query`; answers its job ID.
pub async fn start(
    client: &TemporalClient,
    (namespace, query): (&str, &str),
    action: &BatchAction,
    reason: &str,
    identity: &str,
) -> Result<String, AppError> {
    require_query(query)?;
    let identity = identity.to_string();
    let operation = match action {
        BatchAction::Terminate => {
            Operation::TerminationOperation(BatchOperationTermination { details: None, identity })
        }
        BatchAction::Cancel => Operation::CancellationOperation(BatchOperationCancellation { identity }),
        BatchAction::Delete => Operation::DeletionOperation(BatchOperationDeletion { identity }),
        BatchAction::Signal { name, input } => {
            if name.trim().is_empty() {
                return Err(AppError::BadRequest("Name the signal to send.".into()));
            }
            let payloads = super::codec::encode_arguments(client, namespace, input).await?;
            Operation::SignalOperation(BatchOperationSignal {
                signal: name.trim().into(),
                input: (!payloads.is_empty()).then_some(Payloads { payloads }),
                header: None,
                identity,
            })
        }
        BatchAction::ResetBeforeFailure { .. } | BatchAction::PauseActivities { .. } => {
            return Err(AppError::BadRequest(format!(
                "{:?} is done run by run, not as a Temporal batch job",
                action.slug()
            )));
        }
        BatchAction::UnpauseActivities { activity_type } => {
            Operation::UnpauseActivitiesOperation(BatchOperationUnpauseActivities {
                identity,
                activity: Some(batch_operation_unpause_activities::Activity::Type(require_activity_type(
                    activity_type,
                )?)),
                reset_attempts: true,
                reset_heartbeat: false,
                jitter: None,
            })
        }
        BatchAction::ResetActivities { activity_type } => {
            Operation::ResetActivitiesOperation(BatchOperationResetActivities {
                identity,
                activity: Some(batch_operation_reset_activities::Activity::Type(require_activity_type(activity_type)?)),
                reset_attempts: true,
                reset_heartbeat: true,
                keep_paused: true,
                jitter: None,
                restore_original_options: false,
            })
        }
        BatchAction::Reset { to_first, exclude_signals } => {
            let target = if *to_first {
                reset_options::Target::FirstWorkflowTask(())
            } else {
                reset_options::Target::LastWorkflowTask(())
            };
            let exclude = if *exclude_signals { vec![ResetReapplyExcludeType::Signal as i32] } else { Vec::new() };
            Operation::ResetOperation(BatchOperationReset {
                identity,
                options: Some(ResetOptions {
                    target: Some(target),
                    reset_reapply_exclude_types: exclude,
                    ..Default::default()
                }),
                ..Default::default()
            })
        }
    };
    let job_id = uuid::Uuid::new_v4().to_string();
    let message = StartBatchOperationRequest {
        namespace: namespace.into(),
        visibility_query: query.into(),
        job_id: job_id.clone(),
        reason: reason.into(),
        operation: Some(operation),
        ..Default::default()
    };
    client
        .workflow_service()
        .start_batch_operation(client.request(message))
        .await
        .map_err(|status| client.error(status, &format!("namespace {namespace:?}")))?;
    Ok(job_id)
}

/// A job's progress.
pub async fn job_page(ctx: &RequestContext, namespace: &str, job_id: &str) -> Result<BatchJobPage, AppError> {
    let client = &ctx.client;
    let request = DescribeBatchOperationRequest { namespace: namespace.into(), job_id: job_id.into() };
    let job = client
        .workflow_service()
        .describe_batch_operation(client.request(request))
        .await
        .map_err(|status| client.error(status, &format!("batch job {job_id:?}")))?
        .into_inner();
    let state = BatchOperationState::try_from(job.state).unwrap_or(BatchOperationState::Unspecified);
    let operation = BatchOperationType::try_from(job.operation_type).unwrap_or(BatchOperationType::Unspecified);
    Ok(BatchJobPage {
        namespace: namespace.into(),
        job_id: job.job_id,
        operation: failures::enum_label(operation.as_str_name(), "BATCH_OPERATION_TYPE_"),
        state: failures::enum_label(state.as_str_name(), "BATCH_OPERATION_STATE_"),
        query: job.query,
        reason: job.reason,
        identity: job.identity,
        total: job.total_operation_count,
        complete: job.complete_operation_count,
        failed: job.failure_operation_count,
        start_time: time::time_point(job.start_time.as_ref()),
        close_time: time::time_point(job.close_time.as_ref()),
        csrf_token: ctx.csrf.token(),
        can_stop: state == BatchOperationState::Running && ctx.access.check(ActionKind::Batch, namespace).is_ok(),
    })
}

pub async fn stop(
    client: &TemporalClient,
    (namespace, job_id): (&str, &str),
    reason: &str,
    identity: &str,
) -> Result<(), AppError> {
    let message = StopBatchOperationRequest {
        namespace: namespace.into(),
        job_id: job_id.into(),
        reason: reason.into(),
        identity: identity.into(),
    };
    let result = client.workflow_service().stop_batch_operation(client.request(message)).await;
    result.map(drop).map_err(|status| client.error(status, &format!("batch job {job_id:?}")))
}
