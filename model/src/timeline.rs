//! The timeline tab (`…/{run_id}/timeline`): the run's work as lanes of bars over time, laid out
//! and drawn as SVG on the server (positions in the SVG's user units), so the browser only shows
//! it and the page is the same with JavaScript off.
use serde::{Deserialize, Serialize};

use super::RunHeader;

/// The SVG's width in user units; the label column is part of it.
pub const TIMELINE_WIDTH: f32 = 1200.0;
/// Where the time area starts (the lane labels are left of it).
pub const TIMELINE_LABELS: f32 = 260.0;
/// One lane's height; the workflow-task lane is thinner.
pub const LANE_HEIGHT: f32 = 22.0;

/// What the URL asks the timeline for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineOptions {
    /// Lane kinds to show (`activity`, `timer`, …); empty: all.
    pub kinds: Vec<String>,
    /// Case-insensitive text a lane's label must contain.
    pub search: String,
    /// `?scale=real`: no idle stretch is collapsed.
    pub real_time: bool,
    /// `?from=&to=` (milliseconds since the epoch): the window shown; none: the whole run.
    pub window: Option<(i64, i64)>,
}

impl TimelineOptions {
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> TimelineOptions {
        let number = |key: &str| get(key).and_then(|value| value.trim().parse::<i64>().ok());
        let window = match (number("from"), number("to")) {
            (Some(from), Some(to)) if to > from => Some((from, to)),
            _ => None,
        };
        TimelineOptions {
            kinds: get("kind")
                .map(|kinds| kinds.split(',').map(str::trim).filter(|k| !k.is_empty()).map(str::to_string).collect())
                .unwrap_or_default(),
            search: get("search").unwrap_or_default().trim().to_string(),
            real_time: get("scale").as_deref() == Some("real"),
            window,
        }
    }

    /// The query string (without `?`) for these options; `encode` percent-encodes a value.
    pub fn query_string(&self, encode: impl Fn(&str) -> String) -> String {
        let mut parts = Vec::new();
        if !self.kinds.is_empty() {
            parts.push(format!("kind={}", encode(&self.kinds.join(","))));
        }
        if !self.search.is_empty() {
            parts.push(format!("search={}", encode(&self.search)));
        }
        if self.real_time {
            parts.push("scale=real".to_string());
        }
        if let Some((from, to)) = self.window {
            parts.push(format!("from={from}&to={to}"));
        }
        parts.join("&")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LaneKind {
    WorkflowTask,
    Activity,
    LocalActivity,
    Timer,
    ChildWorkflow,
    Signal,
    Update,
    Nexus,
}

impl LaneKind {
    pub const ALL: [LaneKind; 8] = [
        LaneKind::WorkflowTask,
        LaneKind::Activity,
        LaneKind::LocalActivity,
        LaneKind::Timer,
        LaneKind::ChildWorkflow,
        LaneKind::Signal,
        LaneKind::Update,
        LaneKind::Nexus,
    ];

    /// The URL's name for it (`?kind=activity,timer`).
    pub fn slug(self) -> &'static str {
        match self {
            LaneKind::WorkflowTask => "workflow-task",
            LaneKind::Activity => "activity",
            LaneKind::LocalActivity => "local-activity",
            LaneKind::Timer => "timer",
            LaneKind::ChildWorkflow => "child-workflow",
            LaneKind::Signal => "signal",
            LaneKind::Update => "update",
            LaneKind::Nexus => "nexus",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LaneKind::WorkflowTask => "Workflow tasks",
            LaneKind::Activity => "Activities",
            LaneKind::LocalActivity => "Local activities",
            LaneKind::Timer => "Timers",
            LaneKind::ChildWorkflow => "Child workflows",
            LaneKind::Signal => "Signals",
            LaneKind::Update => "Updates",
            LaneKind::Nexus => "Nexus operations",
        }
    }
}

/// How a bar is drawn: its CSS class is `bar-{slug}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BarState {
    /// Scheduled, not started yet (or a timer / child waiting).
    Waiting,
    /// Earlier attempts failed and were retried before this span ended (backoff included).
    Retried,
    Running,
    Completed,
    Failed,
    TimedOut,
    Canceled,
    /// Still open: drawn up to now.
    Pending,
    /// Something that happened at one moment (a signal, a local activity's marker).
    Instant,
    /// Several bars too close to tell apart, drawn as one.
    Many,
}

impl BarState {
    pub fn slug(self) -> &'static str {
        match self {
            BarState::Waiting => "waiting",
            BarState::Retried => "retried",
            BarState::Running => "running",
            BarState::Completed => "completed",
            BarState::Failed => "failed",
            BarState::TimedOut => "timed-out",
            BarState::Canceled => "canceled",
            BarState::Pending => "pending",
            BarState::Instant => "instant",
            BarState::Many => "many",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    pub x: f32,
    pub width: f32,
    pub state: BarState,
    /// Shown on hover and focus, and read by screen readers (`<title>`).
    pub title: String,
    /// The event the bar links to (its permalink in the history).
    pub event_id: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineLane {
    pub kind: LaneKind,
    pub label: String,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AxisTick {
    pub x: f32,
    pub label: String,
}

/// A collapsed idle stretch: drawn narrow and marked with how long it really was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GapMark {
    pub x: f32,
    pub width: f32,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelinePage {
    pub header: RunHeader,
    /// The drawing, written on the server with every text escaped (see `inspector::timeline::svg`).
    pub svg: String,
    /// Where x (of `TIMELINE_WIDTH`) maps to time, for zooming by dragging (see `inspector::timeline::layout`).
    #[serde(default)]
    pub scale: Vec<(f32, i64)>,
    pub options: TimelineOptions,
    /// The time shown, in milliseconds since the epoch (the window, or the whole run).
    pub from_millis: i64,
    pub to_millis: i64,
    /// The whole run's span (for "whole run" and the zoom links).
    pub run_from_millis: i64,
    pub run_to_millis: i64,
    /// Lanes the filters matched, how many of those are drawn, and how many the run has.
    pub matched_lanes: usize,
    pub drawn_lanes: usize,
    pub total_lanes: usize,
    /// Idle stretches collapsed.
    pub gaps: usize,
    pub events: i64,
    pub running: bool,
}

#[cfg(test)]
#[path = "timeline_props.rs"]
mod props;
