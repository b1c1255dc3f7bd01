//! Plain view-model structs shared by the server and the browser, and the one error type. No
//! protobuf types and no Leptos here: the browser, the pages and the Temporal layer all use them.
mod actions;
mod activity_actions;
mod batch;
mod cluster_health;
mod compare;
mod debugging;
mod descendants;
mod diagnosis;
mod error;
mod failure;
mod history;
mod history_page;
mod history_view;
mod history_window;
mod import;
mod namespace;
mod nexus;
mod page_links;
mod payload;
#[cfg(any(test, feature = "test-support"))]
pub mod prop_text;
mod queries;
mod relationships;
mod run;
mod run_metadata;
mod run_ref;
mod schedule;
mod schedule_calendar;
mod schedule_cron;
mod schedule_spec;
#[cfg(test)]
mod schedule_spec_tests;
mod schedule_times;
mod standalone_activity;
mod stuck_runs;
mod task_queue;
#[cfg(any(test, feature = "test-support"))]
pub mod test_events;
mod time;
mod time_zone;
mod timeline;
pub mod url_segment;
mod worker;
mod worker_deployment;
mod worker_verdict;
mod workflow;
mod workflow_columns;
mod workflow_counts;

pub use actions::{ActionKind, Permissions, ResetPoint, RunActionPage, StartPrefill, UpdateOutcome, VersioningChoice};
pub use activity_actions::{ACTIVITY_ACTIONS, ActivityActionPage, ends_activity};
pub use batch::{
    BatchJobPage, BatchPlanPage, FAILURE_RESET_MAX_RUNS, FailureResetOutcome, FailureResetPage, FailureResetResult,
    RunByRunAction,
};
pub use cluster_health::{
    ClusterHealthPage, ErrorTypeRow, HealthChart, HealthRange, HealthReport, HealthState, OperationRow, OutcomeRow,
    ShardFacts, TaskQueueRow, count_text, latency_text, percent,
};
pub use compare::{COMPARE_ROWS_SHOWN, ComparePage, CompareRow, CompareSide, CompareStep, rows_window};
pub use debugging::{
    CallStackPage, PendingActivityView, PendingChildView, PendingNexusView, PendingPage, PollerView, RunHeader,
    StackTrace, WorkersPage, WorkflowTaskProblem,
};
pub use descendants::{
    DEFAULT_TREE_DEPTH, DescendantTree, DescendantsPage, FamilyRow, MAX_TREE_DEPTH, MAX_TREE_NODES, TreeNode,
    TreeOptions, build_tree,
};
pub use diagnosis::{Evidence, Finding, Severity};
pub use error::AppError;
pub use failure::FailureView;
pub use history::{EventCategory, EventField, EventRow, FieldValue};
pub use history_page::{
    DEFAULT_HISTORY_PAGE_SIZE, HistoryPage, MAX_HISTORY_PAGE_SIZE, PageCollector, PageEvent, paginate,
};
pub use history_view::{CompactRow, EventFilter, HistoryLayout, HistoryOptions, TimeColumn, compact};
pub use history_window::HistoryWindow;
pub use import::ImportPage;
pub use namespace::{ClusterPage, DeploymentRow, Fact, NamespacePage, NamespaceView, SearchAttributeType};
pub use nexus::{
    CallbackView, NexusEndpointPage, NexusEndpointView, NexusEndpointsPage, NexusTarget, WorkflowEventLink,
};
pub use page_links::PageLinks;
pub use payload::{CodecOutcome, EncodedPayload, PayloadBody, PayloadView};
pub use queries::{
    AskedQuery, CurrentDetails, EnhancedStack, HandlerView, Handlers, HandlersSource, QueriesPage, QueryOutcome,
    SourceLine, StackFrame,
};
pub use relationships::{ChainLink, ChildView, RelationshipsPage, RunPosition};
pub use run::{ParentLink, PendingWorkflowTaskView, RunPage, RunSummary};
pub use run_metadata::{AttributeView, MemoPage, ResetOrigin, RunMetadata, SearchAttributesPage};
pub use run_ref::RunRef;
pub use schedule::{
    ScheduleAction, ScheduleCounts, SchedulePage, SchedulePolicies, ScheduleRow, ScheduleRun, ScheduleWrites,
    SchedulesPage,
};
pub use schedule_cron::{CronSpec, calendar_fields, parse_cron};
pub use schedule_spec::{
    ScheduleSpecView, SpecCalendar, SpecInterval, SpecRange, calendar_raw, calendar_words, cron_words, duration_words,
    interval_words,
};
pub use schedule_times::{BACKFILL_OVERLAP, RANGE_TIMES, ScheduleTimes};
pub use standalone_activity::{
    STANDALONE_ACTIVITY_ACTIONS, StandaloneActivitiesPage, StandaloneActivityActionPage, StandaloneActivityCommands,
    StandaloneActivityOptions, StandaloneActivityPage, StandaloneActivityRow,
};
pub use stuck_runs::{RECOVERY_RUNS, StuckCause, StuckGroup, StuckRun, StuckRunsPage, StuckRunsReport, StuckSample};
pub use task_queue::{
    BacklogView, FALLING_BEHIND_AFTER_SECONDS, QueueVerdict, QueueVersioning, TaskKind, TaskQueueListRow,
    TaskQueuePage, TaskQueuesPage, TaskTypeView, verdict, worst,
};
pub use time::{TimePoint, human_duration};
pub use time_zone::{TimeZoneChoice, ZoneRules, ZoneSpan};
pub use timeline::{
    AxisTick, Bar, BarState, GapMark, LANE_HEIGHT, LaneKind, TIMELINE_LABELS, TIMELINE_WIDTH, TimelineLane,
    TimelineOptions, TimelinePage,
};
pub use worker::{
    HeartbeatDetails, PollerKind, QueueWorkers, SlotKind, SlotUse, WorkerDetailPage, WorkerListPage, WorkerPollers,
    WorkerStatus, WorkerView, or_not_reported, worker_queue_query,
};
pub use worker_deployment::{DeploymentVersionRow, WorkerDeploymentPage};
pub use worker_verdict::{
    DEFAULT_HEARTBEAT_INTERVAL_MILLIS, FAILING_AT_LEAST, STALE_AFTER_INTERVALS, STALE_AT_LEAST_MILLIS, WorkerVerdict,
    judge, unhealthy_workers_sentence,
};
pub use workflow::{ExecutionStatus, RunsPage, StatusCount, WorkflowPage, WorkflowRow};
pub use workflow_columns::{
    DEFAULT_COLUMNS, FIXED_COLUMNS, LIST_VIEWS, ListColumn, REPORTED_PROBLEMS, TASK_FAILURES_QUERY, attribute_columns,
    columns_for, columns_from_query, columns_param, current_view,
};
pub use workflow_counts::{COUNT_FIELDS, CountGroup, WorkflowCountsPage, is_field_name, share_text};
