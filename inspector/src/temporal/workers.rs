//! Workers from their heartbeats: ListWorkers (with its `query` filter, a page at a time) and
//! DescribeWorker by worker instance key (Temporal 1.29+, namespace capability
//! `workerHeartbeats`). A server without them gets a note and the pollers stand in (never an
//! error page). The queue's list goes through the read cache: its page, the run's workers tab
//! and the run's diagnosis share one ListWorkers.
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use temporalio_protos::protos::temporal::api::{
    enums::v1::WorkerStatus as ProtoStatus,
    worker::v1::{WorkerHeartbeat, WorkerListInfo, WorkerPollerInfo, WorkerSlotsInfo},
    workflowservice::v1::{DescribeNamespaceRequest, DescribeWorkerRequest, ListWorkersRequest, ListWorkersResponse},
};

use super::{Namespaced, TemporalClient, capabilities::means_unavailable, time};
use model::{
    AppError, HeartbeatDetails, PollerKind, QueueWorkers, SlotKind, SlotUse, WorkerDetailPage, WorkerListPage,
    WorkerPollers, WorkerStatus, WorkerView, judge, worker_queue_query,
};

/// Workers a page of the namespace's list shows.
pub const PAGE_SIZE: i32 = 100;
/// Workers of one queue read for its page (more is said, not shown).
pub const QUEUE_PAGE_SIZE: i32 = 50;

impl Namespaced for ListWorkersRequest {
    fn namespace(&self) -> &str {
        &self.namespace
    }
}

impl Namespaced for DescribeWorkerRequest {
    fn namespace(&self) -> &str {
        &self.namespace
    }
}

/// One ListWorkers, shared with identical ones of the last second.
async fn list(client: &TemporalClient, request: ListWorkersRequest) -> Result<ListWorkersResponse, tonic::Status> {
    let cache = client.read_cache();
    let call = async {
        let response = client.workflow_service().list_workers(client.request(request.clone())).await?;
        Ok(response.into_inner())
    };
    let (response, hit) = Box::pin(cache.workers.get(client.scope(), &request, call)).await;
    cache.record("ListWorkers", hit);
    response.map(std::sync::Arc::unwrap_or_clone)
}

/// The rows of a list: the full heartbeats where the server still sends them (`workers_info`,
/// deprecated), else its limited rows, which carry no slots or heartbeat time.
fn rows(response: &ListWorkersResponse, now: i64) -> Vec<WorkerView> {
    #[allow(deprecated)]
    let full = &response.workers_info;
    let mut rows: Vec<WorkerView> = if full.is_empty() {
        response.workers.iter().map(|info| judged(listed(info), now)).collect()
    } else {
        full.iter().filter_map(|info| info.worker_heartbeat.as_ref()).map(|beat| judged(heartbeat(beat), now)).collect()
    };
    rows.sort_by(|a, b| {
        (&a.task_queue, &a.identity, &a.instance_key).cmp(&(&b.task_queue, &b.identity, &b.instance_key))
    });
    rows
}

/// Why a namespace shows no heartbeats when ListWorkers answers an empty list: a server with
/// `frontend.WorkerHeartbeatsEnabled` off answers so. Asked only then (one DescribeNamespace).
async fn heartbeats_off(client: &TemporalClient, namespace: &str) -> Option<String> {
    let request = DescribeNamespaceRequest { namespace: namespace.to_string(), ..Default::default() };
    let described = client.workflow_service().describe_namespace(client.request(request)).await.ok()?.into_inner();
    let offered =
        described.namespace_info.and_then(|info| info.capabilities).is_some_and(|caps| caps.worker_heartbeats);
    (!offered).then(|| {
        format!(
            "This server does not record worker heartbeats for namespace {namespace} (its capability \
             workerHeartbeats is off: Temporal 1.29 or later with frontend.WorkerHeartbeatsEnabled), so workers \
             are known only by their pollers."
        )
    })
}

fn unavailable_note(status: &tonic::Status) -> String {
    format!(
        "This server does not list workers from their heartbeats (Temporal answered: {}), so workers are known only \
         by their pollers.",
        status.message()
    )
}

/// `/namespaces/{ns}/workers`: a page of the namespace's workers, filtered by `query`.
pub async fn list_page(
    client: &TemporalClient,
    namespace: &str,
    query: &str,
    next_page: Option<&str>,
) -> Result<WorkerListPage, AppError> {
    let next_page_token = match next_page {
        Some(token) => URL_SAFE_NO_PAD
            .decode(token)
            .map_err(|_| AppError::BadRequest("the page token in the link is damaged".into()))?,
        None => Vec::new(),
    };
    let request = ListWorkersRequest {
        namespace: namespace.to_string(),
        page_size: PAGE_SIZE,
        next_page_token,
        query: query.trim().to_string(),
        include_system_workers: false,
    };
    let mut page = WorkerListPage {
        namespace: namespace.to_string(),
        query: query.trim().to_string(),
        workers: Vec::new(),
        next_page: None,
        unavailable: None,
    };
    match list(client, request).await {
        Ok(response) => {
            page.workers = rows(&response, time::now_millis());
            page.next_page =
                (!response.next_page_token.is_empty()).then(|| URL_SAFE_NO_PAD.encode(&response.next_page_token));
            if page.workers.is_empty() && page.query.is_empty() && next_page.is_none() {
                page.unavailable = heartbeats_off(client, namespace).await;
            }
        }
        Err(status) if means_unavailable(&status) => page.unavailable = Some(unavailable_note(&status)),
        Err(status) if status.code() == tonic::Code::InvalidArgument => {
            return Err(AppError::BadRequest(format!(
                "The worker query \"{}\" is not valid: {}",
                page.query,
                status.message()
            )));
        }
        Err(status) => return Err(client.error(status, &format!("namespace \"{namespace}\""))),
    }
    Ok(page)
}

/// One queue's ListWorkers (through the cache); `None` when no query can name the queue.
async fn list_queue(
    client: &TemporalClient,
    namespace: &str,
    task_queue: &str,
) -> Option<Result<ListWorkersResponse, tonic::Status>> {
    let query = worker_queue_query(task_queue)?;
    let request = ListWorkersRequest {
        namespace: namespace.to_string(),
        page_size: QUEUE_PAGE_SIZE,
        query,
        ..Default::default()
    };
    Some(list(client, request).await)
}

/// The workers heartbeating on one task queue, for the diagnosis: none when they cannot be listed
/// (its rules on pollers speak then). One cached ListWorkers, nothing more.
pub async fn heartbeating_on(client: &TemporalClient, namespace: &str, task_queue: &str) -> Vec<WorkerView> {
    match list_queue(client, namespace, task_queue).await {
        Some(Ok(response)) => rows(&response, time::now_millis()),
        _ => Vec::new(),
    }
}

/// The workers heartbeating on one task queue, for its page and the run's workers tab. Never
/// fails: what stops the list becomes the note, and the page's pollers stand in.
pub async fn of_queue(client: &TemporalClient, namespace: &str, task_queue: &str) -> QueueWorkers {
    let mut workers = QueueWorkers { workers: Vec::new(), unavailable: None, more: false };
    let Some(listed) = list_queue(client, namespace, task_queue).await else {
        workers.unavailable =
            Some("This task queue's name cannot be put in a worker query (it holds both kinds of quotes).".into());
        return workers;
    };
    match listed {
        Ok(response) => {
            workers.workers = rows(&response, time::now_millis());
            workers.more = !response.next_page_token.is_empty();
            if workers.workers.is_empty() {
                workers.unavailable = heartbeats_off(client, namespace).await;
            }
        }
        Err(status) if means_unavailable(&status) => workers.unavailable = Some(unavailable_note(&status)),
        Err(status) => {
            let error = client.error(status, &format!("the workers of task queue \"{task_queue}\""));
            workers.unavailable = Some(format!("The workers could not be listed: {error}"));
        }
    }
    workers
}

/// `/namespaces/{ns}/workers/{key}`: one worker's last heartbeat in full.
pub async fn detail_page(client: &TemporalClient, namespace: &str, key: &str) -> Result<WorkerDetailPage, AppError> {
    let request = DescribeWorkerRequest { namespace: namespace.to_string(), worker_instance_key: key.to_string() };
    let described = client.workflow_service().describe_worker(client.request(request)).await;
    let not_found = || {
        AppError::NotFound(format!(
            "No worker with instance key \"{key}\" has sent a heartbeat to namespace {namespace} recently: the server \
             forgets a worker some minutes after its last heartbeat."
        ))
    };
    let described = match described {
        Ok(described) => described.into_inner(),
        Err(status) if status.code() == tonic::Code::NotFound => return Err(not_found()),
        Err(status) if means_unavailable(&status) => {
            return Err(AppError::NotFound(format!("{} No worker can be shown here.", unavailable_note(&status))));
        }
        Err(status) => return Err(client.error(status, &format!("worker \"{key}\""))),
    };
    let beat = described.worker_info.and_then(|info| info.worker_heartbeat).ok_or_else(not_found)?;
    Ok(WorkerDetailPage { namespace: namespace.to_string(), worker: judged(heartbeat(&beat), time::now_millis()) })
}

fn judged(mut worker: WorkerView, now: i64) -> WorkerView {
    let (verdict, age) = judge(&worker, now);
    worker.verdict = verdict;
    worker.heartbeat_age_millis = age;
    worker
}

fn status(status: i32) -> WorkerStatus {
    match ProtoStatus::try_from(status) {
        Ok(ProtoStatus::Running) => WorkerStatus::Running,
        Ok(ProtoStatus::ShuttingDown) => WorkerStatus::ShuttingDown,
        Ok(ProtoStatus::Shutdown) => WorkerStatus::Shutdown,
        _ => WorkerStatus::NotReported,
    }
}

fn deployment(
    version: Option<&temporalio_protos::protos::temporal::api::deployment::v1::WorkerDeploymentVersion>,
) -> String {
    match version {
        Some(version) if !version.deployment_name.is_empty() => {
            format!("{} / {}", version.deployment_name, version.build_id)
        }
        Some(version) => version.build_id.clone(),
        None => String::new(),
    }
}

fn sdk(name: &str, version: &str) -> String {
    format!("{name} {version}").trim().to_string()
}

/// A limited row of the list: who and where, without slots or heartbeat time.
fn listed(info: &WorkerListInfo) -> WorkerView {
    WorkerView {
        instance_key: info.worker_instance_key.clone(),
        identity: info.worker_identity.clone(),
        task_queue: info.task_queue.clone(),
        host: info.host_name.clone(),
        process_id: info.process_id.clone(),
        sdk: sdk(&info.sdk_name, &info.sdk_version),
        deployment: deployment(info.deployment_version.as_ref()),
        status: status(info.status),
        start_time: time::time_point(info.start_time.as_ref()),
        plugins: info.plugins.iter().map(|plugin| sdk(&plugin.name, &plugin.version)).collect(),
        heartbeat: None,
        heartbeat_age_millis: None,
        verdict: model::WorkerVerdict::NotReported,
    }
}

/// A full heartbeat.
fn heartbeat(beat: &WorkerHeartbeat) -> WorkerView {
    let host = beat.host_info.clone().unwrap_or_default();
    let slots = [
        (SlotKind::Workflow, &beat.workflow_task_slots_info),
        (SlotKind::Activity, &beat.activity_task_slots_info),
        (SlotKind::LocalActivity, &beat.local_activity_slots_info),
        (SlotKind::Nexus, &beat.nexus_task_slots_info),
    ];
    let pollers = [
        (PollerKind::Workflow, &beat.workflow_poller_info),
        (PollerKind::WorkflowSticky, &beat.workflow_sticky_poller_info),
        (PollerKind::Activity, &beat.activity_poller_info),
        (PollerKind::Nexus, &beat.nexus_poller_info),
    ];
    let share = |usage: f32| (usage > 0.0).then_some(usage);
    let interval = beat
        .elapsed_since_last_heartbeat
        .as_ref()
        .map(|elapsed| elapsed.seconds.saturating_mul(1000).saturating_add(i64::from(elapsed.nanos) / 1_000_000));
    WorkerView {
        instance_key: beat.worker_instance_key.clone(),
        identity: beat.worker_identity.clone(),
        task_queue: beat.task_queue.clone(),
        host: host.host_name.clone(),
        process_id: host.process_id.clone(),
        sdk: sdk(&beat.sdk_name, &beat.sdk_version),
        deployment: deployment(beat.deployment_version.as_ref()),
        status: status(beat.status),
        start_time: time::time_point(beat.start_time.as_ref()),
        plugins: beat.plugins.iter().map(|plugin| sdk(&plugin.name, &plugin.version)).collect(),
        heartbeat: Some(HeartbeatDetails {
            time: time::time_point(beat.heartbeat_time.as_ref()),
            interval_millis: interval.filter(|millis| *millis > 0),
            slots: slots
                .into_iter()
                .filter_map(|(kind, info)| info.as_ref().map(|info| slot_use(kind, info)))
                .collect(),
            pollers: pollers
                .into_iter()
                .filter_map(|(kind, info)| info.as_ref().map(|info| poller_use(kind, info)))
                .collect(),
            sticky_cache_hits: beat.total_sticky_cache_hit,
            sticky_cache_misses: beat.total_sticky_cache_miss,
            sticky_cache_size: beat.current_sticky_cache_size,
            host_cpu: share(host.current_host_cpu_usage),
            host_memory: share(host.current_host_mem_usage),
        }),
        heartbeat_age_millis: None,
        verdict: model::WorkerVerdict::NotReported,
    }
}

fn slot_use(kind: SlotKind, info: &WorkerSlotsInfo) -> SlotUse {
    SlotUse {
        kind,
        used: info.current_used_slots,
        // -1: the upper bound is not known (resource-based slots).
        available: (info.current_available_slots >= 0).then_some(info.current_available_slots),
        supplier: info.slot_supplier_kind.clone(),
        processed: info.total_processed_tasks,
        failed: info.total_failed_tasks,
        recent_processed: info.last_interval_processed_tasks,
        recent_failed: info.last_interval_failure_tasks,
    }
}

fn poller_use(kind: PollerKind, info: &WorkerPollerInfo) -> WorkerPollers {
    WorkerPollers {
        kind,
        in_flight: info.current_pollers,
        last_success: time::time_point(info.last_successful_poll_time.as_ref()),
        autoscaling: info.is_autoscaling,
    }
}
