//! How the history is shown, all of it in the URL: `?view=full|compact|json`, `?category=…`
//! (comma-separated), `?search=…` and `?order=desc`. Pure functions over the events, so the
//! server and the browser render the same rows.
use super::{EventCategory, EventRow, FieldValue, TimePoint, ZoneRules, human_duration};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HistoryLayout {
    #[default]
    Full,
    /// One row per activity, timer, child workflow, signal, update or Nexus operation.
    Compact,
    Json,
}

impl HistoryLayout {
    pub const ALL: [HistoryLayout; 3] = [HistoryLayout::Full, HistoryLayout::Compact, HistoryLayout::Json];

    pub fn param(self) -> &'static str {
        match self {
            HistoryLayout::Full => "full",
            HistoryLayout::Compact => "compact",
            HistoryLayout::Json => "json",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            HistoryLayout::Full => "All events",
            HistoryLayout::Compact => "Compact",
            HistoryLayout::Json => "JSON",
        }
    }
}

/// The filters of the category picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventFilter {
    Workflow,
    WorkflowTask,
    Activity,
    LocalActivity,
    Timer,
    Signal,
    Update,
    ChildWorkflow,
    Marker,
    Nexus,
    Failures,
}

impl EventFilter {
    pub const ALL: [EventFilter; 11] = [
        EventFilter::Workflow,
        EventFilter::WorkflowTask,
        EventFilter::Activity,
        EventFilter::LocalActivity,
        EventFilter::Timer,
        EventFilter::Signal,
        EventFilter::Update,
        EventFilter::ChildWorkflow,
        EventFilter::Marker,
        EventFilter::Nexus,
        EventFilter::Failures,
    ];

    pub fn param(self) -> &'static str {
        match self {
            EventFilter::Workflow => "workflow",
            EventFilter::WorkflowTask => "workflow-task",
            EventFilter::Activity => "activity",
            EventFilter::LocalActivity => "local-activity",
            EventFilter::Timer => "timer",
            EventFilter::Signal => "signal",
            EventFilter::Update => "update",
            EventFilter::ChildWorkflow => "child-workflow",
            EventFilter::Marker => "marker",
            EventFilter::Nexus => "nexus",
            EventFilter::Failures => "failures",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EventFilter::Workflow => "Workflow",
            EventFilter::WorkflowTask => "Workflow task",
            EventFilter::Activity => "Activity",
            EventFilter::LocalActivity => "Local activity",
            EventFilter::Timer => "Timer",
            EventFilter::Signal => "Signal",
            EventFilter::Update => "Update",
            EventFilter::ChildWorkflow => "Child workflow",
            EventFilter::Marker => "Marker",
            EventFilter::Nexus => "Nexus",
            EventFilter::Failures => "Failures only",
        }
    }

    fn from_param(value: &str) -> Option<EventFilter> {
        EventFilter::ALL.into_iter().find(|filter| filter.param() == value)
    }

    fn matches(self, event: &EventRow) -> bool {
        match self {
            EventFilter::Workflow => event.category == EventCategory::Workflow,
            EventFilter::WorkflowTask => event.category == EventCategory::WorkflowTask,
            EventFilter::Activity => event.category == EventCategory::Activity,
            EventFilter::LocalActivity => is_local_activity(event),
            EventFilter::Timer => event.category == EventCategory::Timer,
            EventFilter::Signal => event.category == EventCategory::Signal,
            EventFilter::Update => event.category == EventCategory::Update,
            EventFilter::ChildWorkflow => event.category == EventCategory::ChildWorkflow,
            EventFilter::Marker => event.category == EventCategory::Marker && !is_local_activity(event),
            EventFilter::Nexus => event.category == EventCategory::Nexus,
            EventFilter::Failures => event.is_failure(),
        }
    }
}

/// SDKs record local activities as markers (`core_local_activity`, `LocalActivity`).
fn is_local_activity(event: &EventRow) -> bool {
    event.category == EventCategory::Marker
        && matches!(event.field("markerName"), Some(FieldValue::Text(name)) if name.to_lowercase().contains("local"))
}

/// How the time column reads: the clock, or durations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeColumn {
    #[default]
    Clock,
    /// Since the run's first event.
    Elapsed,
    /// Since the event before it in the history.
    SincePrevious,
}

impl TimeColumn {
    pub const ALL: [TimeColumn; 3] = [TimeColumn::Clock, TimeColumn::Elapsed, TimeColumn::SincePrevious];

    pub fn param(self) -> &'static str {
        match self {
            TimeColumn::Clock => "clock",
            TimeColumn::Elapsed => "elapsed",
            TimeColumn::SincePrevious => "delta",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TimeColumn::Clock => "Clock time",
            TimeColumn::Elapsed => "Since start",
            TimeColumn::SincePrevious => "Since previous event",
        }
    }

    /// The column's text for every event (by event ID), computed over the whole history so
    /// that filters do not change the durations. Empty for the clock.
    pub fn texts(self, events: &[EventRow]) -> std::collections::HashMap<i64, String> {
        let start = events.first().and_then(|event| event.time.as_ref()).map(|time| time.millis);
        let mut previous: Option<i64> = None;
        events
            .iter()
            .filter_map(|event| {
                let now = event.time.as_ref()?.millis;
                let base = match self {
                    TimeColumn::Clock => return None,
                    TimeColumn::Elapsed => start,
                    TimeColumn::SincePrevious => previous.or(Some(now)),
                };
                previous = Some(now);
                base.map(|base| (event.event_id, format!("+{}", human_duration(now - base))))
            })
            .collect()
    }
}

/// The history view's state, read from and written to the URL.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HistoryOptions {
    pub layout: HistoryLayout,
    /// Events in any of these categories; empty means every event.
    pub filters: Vec<EventFilter>,
    pub search: String,
    pub newest_first: bool,
    pub time: TimeColumn,
    /// The page of the table (1-based); `None` lets a permalinked event choose it.
    pub page: Option<usize>,
    /// Events per page (`?size=`), within the limits of `history_page`.
    pub page_size: Option<usize>,
}

impl HistoryOptions {
    /// Reads `view`, `category`, `search` and `order`; unknown values are ignored.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> HistoryOptions {
        let layout = match get("view").as_deref() {
            Some("compact") => HistoryLayout::Compact,
            Some("json") => HistoryLayout::Json,
            _ => HistoryLayout::Full,
        };
        let filters = get("category")
            .map(|list| list.split(',').filter_map(|value| EventFilter::from_param(value.trim())).collect())
            .unwrap_or_default();
        let search = get("search").unwrap_or_default().trim().to_string();
        let newest_first = get("order").as_deref() == Some("desc");
        let time = match get("time").as_deref() {
            Some("elapsed") => TimeColumn::Elapsed,
            Some("delta") => TimeColumn::SincePrevious,
            _ => TimeColumn::Clock,
        };
        let page = get("page").and_then(|page| page.parse().ok()).filter(|page| *page > 0);
        let page_size = get("size").and_then(|size| size.parse().ok());
        HistoryOptions { layout, filters, search, newest_first, time, page, page_size }
    }

    /// The query string for these options (`?view=compact&…`), empty for the defaults.
    pub fn query_string(&self, encode: impl Fn(&str) -> String) -> String {
        let mut params = Vec::new();
        if self.layout != HistoryLayout::Full {
            params.push(format!("view={}", self.layout.param()));
        }
        if !self.filters.is_empty() {
            let list: Vec<&str> = self.filters.iter().map(|filter| filter.param()).collect();
            params.push(format!("category={}", encode(&list.join(","))));
        }
        if !self.search.is_empty() {
            params.push(format!("search={}", encode(&self.search)));
        }
        if self.newest_first {
            params.push("order=desc".to_string());
        }
        if self.time != TimeColumn::Clock {
            params.push(format!("time={}", self.time.param()));
        }
        if let Some(size) = self.page_size {
            params.push(format!("size={size}"));
        }
        if let Some(page) = self.page.filter(|page| *page > 1) {
            params.push(format!("page={page}"));
        }
        if params.is_empty() { String::new() } else { format!("?{}", params.join("&")) }
    }

    /// The same options with `filter` switched on or off.
    pub fn toggled(&self, filter: EventFilter) -> HistoryOptions {
        let mut next = HistoryOptions { page: None, ..self.clone() };
        if let Some(index) = next.filters.iter().position(|f| *f == filter) {
            next.filters.remove(index);
        } else {
            next.filters.push(filter);
        }
        next
    }

    /// Whether `event` is shown; the search also reads its times as written in `zone`.
    pub fn matches(&self, event: &EventRow, zone: &ZoneRules) -> bool {
        (self.filters.is_empty() || self.filters.iter().any(|filter| filter.matches(event)))
            && (self.search.is_empty() || event_text_contains(event, &self.search.to_lowercase(), zone))
    }

    /// The events to show, filtered and in the chosen order.
    pub fn apply(&self, events: Vec<EventRow>, zone: &ZoneRules) -> Vec<EventRow> {
        let mut shown: Vec<EventRow> = events.into_iter().filter(|event| self.matches(event, zone)).collect();
        if self.newest_first {
            shown.reverse();
        }
        shown
    }
}

/// Case-insensitive search over the event type, attribute names and every decoded value.
fn event_text_contains(event: &EventRow, needle: &str, zone: &ZoneRules) -> bool {
    let hit = |text: &str| text.to_lowercase().contains(needle);
    hit(&event.event_type)
        || event.fields.iter().any(|field| {
            hit(&field.path)
                || match &field.value {
                    FieldValue::Text(text) => hit(text),
                    FieldValue::Time(time) => hit(&time.text_in(zone)) || hit(&time.iso),
                    FieldValue::EventRef(id) => hit(&id.to_string()),
                    FieldValue::Link(link) => hit(&link.text()),
                    FieldValue::Payloads(payloads) => payloads.iter().any(|payload| hit(payload.body.text())),
                    FieldValue::Failure(failure) => hit(&failure.message) || hit(&failure.kind),
                }
        })
}

/// One activity, timer, child workflow, signal, update or Nexus operation, from its first event
/// to its last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompactRow {
    pub kind: &'static str,
    /// The activity or workflow type, timer ID, signal or update name.
    pub name: String,
    pub event_ids: Vec<i64>,
    pub start: Option<TimePoint>,
    /// The last event's type without the kind, e.g. `Completed`, `Failed`, `Started`.
    pub outcome: String,
    pub duration: Option<String>,
    pub failed: bool,
}

/// Groups the events of one activity (scheduled → started → closed), timer, child workflow,
/// update or Nexus operation by the ID that links them; signals and workflow events stand alone,
/// workflow tasks are left out.
pub fn compact(events: &[EventRow]) -> Vec<CompactRow> {
    let mut rows: Vec<CompactRow> = Vec::new();
    for event in events {
        if event.category == EventCategory::WorkflowTask {
            continue;
        }
        // A closing event may name both its started and its first event: join the row it opened.
        let links: Vec<i64> = ["scheduledEventId", "initiatedEventId", "acceptedEventId", "startedEventId"]
            .iter()
            .filter_map(|path| match event.field(path) {
                Some(FieldValue::EventRef(id)) => Some(*id),
                _ => None,
            })
            .collect();
        let joined = rows.iter_mut().rev().find(|row| row.event_ids.first().is_some_and(|first| links.contains(first)));
        match joined {
            Some(row) if row.kind != "Workflow" && row.kind != "Signal" => {
                row.event_ids.push(event.event_id);
                row.outcome = outcome(&event.event_type, row.kind);
                row.failed = event.is_failure();
                row.duration = match (&row.start, &event.time) {
                    (Some(start), Some(end)) => Some(human_duration(end.millis - start.millis)),
                    _ => None,
                };
            }
            _ => rows.push(CompactRow {
                kind: kind_of(event),
                name: name_of(event),
                event_ids: vec![event.event_id],
                start: event.time.clone(),
                outcome: outcome(&event.event_type, kind_of(event)),
                duration: None,
                failed: event.is_failure(),
            }),
        }
    }
    rows
}

fn kind_of(event: &EventRow) -> &'static str {
    match event.category {
        EventCategory::Activity => "Activity",
        EventCategory::Timer => "Timer",
        EventCategory::ChildWorkflow => "Child workflow",
        EventCategory::Signal => "Signal",
        EventCategory::Update => "Update",
        EventCategory::Nexus => "Nexus operation",
        EventCategory::Marker if is_local_activity(event) => "Local activity",
        EventCategory::Marker => "Marker",
        EventCategory::Workflow | EventCategory::WorkflowTask | EventCategory::Other => "Workflow",
    }
}

fn name_of(event: &EventRow) -> String {
    // A Nexus operation is named within its service: `payments / charge`.
    if let (Some(FieldValue::Text(service)), Some(FieldValue::Text(operation))) =
        (event.field("service"), event.field("operation"))
        && event.category == EventCategory::Nexus
    {
        return format!("{service} / {operation}");
    }
    let child_id = (event.category == EventCategory::ChildWorkflow).then_some("workflowId");
    child_id
        .into_iter()
        .chain([
            "activityType.name",
            "timerId",
            "workflowType.name",
            "signalName",
            "acceptedRequest.input.name",
            "operation",
            "markerName",
        ])
        .find_map(|path| match event.field(path) {
            Some(FieldValue::Text(text)) if !text.is_empty() => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_else(|| event.event_type.clone())
}

/// `ActivityTaskCompleted` → `Completed`; workflow events keep their whole type.
fn outcome(event_type: &str, kind: &str) -> String {
    let stripped = [
        "ActivityTask",
        "Timer",
        "StartChildWorkflowExecution",
        "ChildWorkflowExecution",
        "WorkflowExecutionUpdate",
        "NexusOperation",
    ]
    .iter()
    .find_map(|prefix| event_type.strip_prefix(prefix));
    match (kind, stripped) {
        ("Workflow" | "Signal" | "Marker" | "Local activity", _) | (_, None) => event_type.to_string(),
        (_, Some(rest)) => rest.to_string(),
    }
}

#[cfg(test)]
#[path = "history_view_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "history_view_props.rs"]
mod props;
