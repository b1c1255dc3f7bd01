//! Who polls a task queue and what waits in it: DescribeTaskQueue for workflow, activity and
//! Nexus tasks, with the backlog statistics (`report_stats`) and the queue's rate limits
//! (`report_config`) where the server reports them.
use temporalio_protos::protos::temporal::api::{
    deployment::v1::WorkerDeploymentVersion,
    enums::v1::{RateLimitSource, TaskQueueType},
    taskqueue::v1::{PollerInfo, TaskQueue, TaskQueueStats, TaskQueueVersioningInfo},
    workflowservice::v1::{DescribeTaskQueueRequest, DescribeTaskQueueResponse},
};

use super::{TemporalClient, capabilities::means_unavailable, time, versioning_rules, workers};
use model::AppError;
use model::{
    BacklogView, PollerView, QueueVerdict, QueueVersioning, TaskKind, TaskQueuePage, TaskTypeView, verdict, worst,
};

fn queue_type(kind: TaskKind) -> TaskQueueType {
    match kind {
        TaskKind::Workflow => TaskQueueType::Workflow,
        TaskKind::Activity => TaskQueueType::Activity,
        TaskKind::Nexus => TaskQueueType::Nexus,
    }
}

async fn describe_kind(
    client: &TemporalClient,
    namespace: &str,
    task_queue: &str,
    kind: TaskKind,
    report: bool,
) -> Result<DescribeTaskQueueResponse, tonic::Status> {
    let request = DescribeTaskQueueRequest {
        namespace: namespace.to_string(),
        task_queue: Some(TaskQueue { name: task_queue.to_string(), ..Default::default() }),
        task_queue_type: queue_type(kind) as i32,
        report_stats: report,
        report_config: report && kind == TaskKind::Workflow,
        ..Default::default()
    };
    // Shared for a second through the read cache: every view of an open run asks this.
    let cache = client.read_cache();
    let call = async {
        let response = client.workflow_service().describe_task_queue(client.request(request.clone())).await?;
        Ok(response.into_inner())
    };
    let (response, hit) = Box::pin(cache.task_queues.get(client.scope(), request.clone(), call)).await;
    cache.record("DescribeTaskQueue", hit);
    response.map(std::sync::Arc::unwrap_or_clone)
}

fn queue_error<'a>(client: &'a TemporalClient, task_queue: &'a str) -> impl Fn(tonic::Status) -> AppError + 'a {
    move |status| client.error(status, &format!("task queue \"{task_queue}\""))
}

pub async fn pollers(
    client: &TemporalClient,
    namespace: &str,
    task_queue: &str,
    kind: TaskQueueType,
) -> Result<Vec<PollerView>, AppError> {
    let kind = match kind {
        TaskQueueType::Activity => TaskKind::Activity,
        TaskQueueType::Nexus => TaskKind::Nexus,
        _ => TaskKind::Workflow,
    };
    let response = describe_kind(client, namespace, task_queue, kind, false).await;
    Ok(response.map_err(queue_error(client, task_queue))?.pollers.iter().map(poller).collect())
}

/// The queue's verdict for workflow and activity tasks with their backlogs: what the run's
/// workers tab and diagnosis say about the run's task queue.
pub async fn workflow_and_activity(
    client: &TemporalClient,
    namespace: &str,
    task_queue: &str,
) -> Result<[TaskTypeView; 2], AppError> {
    let (workflow, activity) = tokio::join!(
        describe_kind(client, namespace, task_queue, TaskKind::Workflow, true),
        describe_kind(client, namespace, task_queue, TaskKind::Activity, true),
    );
    let error = queue_error(client, task_queue);
    Ok([
        kind_view(TaskKind::Workflow, &workflow.map_err(&error)?),
        kind_view(TaskKind::Activity, &activity.map_err(&error)?),
    ])
}

/// The task-queue page: every kind of task, with statistics, versioning and rate limits.
pub async fn page(client: &TemporalClient, namespace: &str, task_queue: &str) -> Result<TaskQueuePage, AppError> {
    let (workflow, activity, nexus, versioning_rules, workers) = tokio::join!(
        describe_kind(client, namespace, task_queue, TaskKind::Workflow, true),
        describe_kind(client, namespace, task_queue, TaskKind::Activity, true),
        describe_kind(client, namespace, task_queue, TaskKind::Nexus, true),
        versioning_rules::rules(client, namespace, task_queue),
        workers::of_queue(client, namespace, task_queue),
    );
    let error = queue_error(client, task_queue);
    let workflow = workflow.map_err(&error)?;
    let activity = activity.map_err(&error)?;
    let mut unavailable = Vec::new();
    let mut kinds = vec![kind_view(TaskKind::Workflow, &workflow), kind_view(TaskKind::Activity, &activity)];
    match nexus {
        Ok(nexus) => kinds.push(kind_view(TaskKind::Nexus, &nexus)),
        // A cluster without Nexus answers for that kind alone; the rest of the page stands.
        Err(status) if means_unavailable(&status) || status.code() == tonic::Code::InvalidArgument => {
            unavailable.push(format!("Nexus tasks: this cluster does not report them ({}).", status.message()))
        }
        Err(status) => return Err(error(status)),
    }
    if workflow.stats.is_none() {
        unavailable.push(
            "Backlog: this server does not report task-queue statistics (DescribeTaskQueue report_stats needs \
             Temporal server 1.25 or later), so the verdict rests on the pollers alone."
                .to_string(),
        );
    }
    let verdict = worst(kinds.iter().map(|kind| kind.verdict.clone()))
        .unwrap_or(QueueVerdict::NobodyPolls { kind: TaskKind::Workflow, waiting: None });
    Ok(TaskQueuePage {
        namespace: namespace.to_string(),
        name: task_queue.to_string(),
        kinds,
        verdict,
        unavailable,
        versioning: workflow.versioning_info.as_ref().map(versioning),
        rate_limits: rate_limits(&workflow),
        versioning_rules,
        workers,
    })
}

fn kind_view(kind: TaskKind, response: &DescribeTaskQueueResponse) -> TaskTypeView {
    let pollers: Vec<PollerView> = response.pollers.iter().map(poller).collect();
    let backlog = response.stats.as_ref().map(backlog);
    TaskTypeView { kind, verdict: verdict(kind, pollers.len(), backlog.as_ref()), pollers, backlog }
}

fn backlog(stats: &TaskQueueStats) -> BacklogView {
    let age = stats.approximate_backlog_age.as_ref();
    BacklogView {
        count: stats.approximate_backlog_count,
        oldest_age_seconds: age.map_or(0.0, |age| age.seconds as f64 + f64::from(age.nanos) / 1e9),
        add_rate: stats.tasks_add_rate,
        dispatch_rate: stats.tasks_dispatch_rate,
    }
}

fn poller(info: &PollerInfo) -> PollerView {
    #[allow(deprecated)]
    let legacy_build_id = info.worker_version_capabilities.as_ref().map(|capabilities| capabilities.build_id.clone());
    let deployment = match &info.deployment_options {
        Some(options) if !options.deployment_name.is_empty() => {
            format!("{} / {}", options.deployment_name, options.build_id)
        }
        Some(options) if !options.build_id.is_empty() => format!("build {}", options.build_id),
        _ => legacy_build_id.filter(|id| !id.is_empty()).map(|id| format!("build {id}")).unwrap_or_default(),
    };
    PollerView {
        identity: info.identity.clone(),
        last_access_time: time::time_point(info.last_access_time.as_ref()),
        rate_per_second: format!("{}", info.rate_per_second),
        deployment,
    }
}

fn version_name(version: Option<&WorkerDeploymentVersion>) -> String {
    match version {
        Some(version) => format!("{} / {}", version.deployment_name, version.build_id),
        None => "unversioned workers".to_string(),
    }
}

fn versioning(info: &TaskQueueVersioningInfo) -> QueueVersioning {
    let ramping = (info.ramping_version_percentage > 0.0 || info.ramping_deployment_version.is_some())
        .then(|| version_name(info.ramping_deployment_version.as_ref()));
    QueueVersioning {
        current: version_name(info.current_deployment_version.as_ref()),
        ramping,
        ramping_percentage: info.ramping_version_percentage,
        // Unset, the server sends Go's zero time (year 1).
        updated: time::time_point(info.update_time.as_ref()).filter(|time| time.millis > 0),
    }
}

/// The effective rate limit and the queue's own settings, in words.
fn rate_limits(response: &DescribeTaskQueueResponse) -> Vec<(String, String)> {
    let mut limits = Vec::new();
    if let Some(effective) = &response.effective_rate_limit {
        let source = match RateLimitSource::try_from(effective.rate_limit_source) {
            Ok(RateLimitSource::Api) => "set through the API",
            Ok(RateLimitSource::Worker) => "set by a worker (TaskQueueActivitiesPerSecond)",
            Ok(RateLimitSource::System) => "the system default",
            _ => "source not reported",
        };
        limits.push(("Effective rate limit".into(), format!("{} tasks/s, {source}", effective.requests_per_second)));
    }
    if let Some(config) = &response.config {
        let described = |config: &temporalio_protos::protos::temporal::api::taskqueue::v1::RateLimitConfig| {
            let rate = config
                .rate_limit
                .as_ref()
                .map_or("none".to_string(), |limit| format!("{} tasks/s", limit.requests_per_second));
            match config.metadata.as_ref().filter(|metadata| !metadata.reason.is_empty()) {
                Some(metadata) => format!("{rate} ({})", metadata.reason),
                None => rate,
            }
        };
        if let Some(queue) = &config.queue_rate_limit {
            limits.push(("Queue rate limit".into(), described(queue)));
        }
        if let Some(fairness) = &config.fairness_keys_rate_limit_default {
            limits.push(("Per fairness key, by default".into(), described(fairness)));
        }
    }
    limits
}
