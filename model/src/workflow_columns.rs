//! The workflow list's columns (chosen in the URL: `?cols=status,workflow-id,sa.CustomerId`) and
//! its views: queries kept one click away, such as the runs whose workflow tasks keep failing.
use serde::{Deserialize, Serialize};

/// One column of the workflow list.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ListColumn {
    Status,
    WorkflowId,
    RunId,
    Type,
    Start,
    End,
    Duration,
    TaskQueue,
    HistoryLength,
    /// A search attribute by its name, custom or Temporal's.
    Attribute(String),
}

/// The columns a list shows unless its URL chooses others (the Temporal UI's defaults).
pub const DEFAULT_COLUMNS: [ListColumn; 7] = [
    ListColumn::Status,
    ListColumn::WorkflowId,
    ListColumn::RunId,
    ListColumn::Type,
    ListColumn::Start,
    ListColumn::End,
    ListColumn::Duration,
];

/// Every fixed column, in the chooser's order.
pub const FIXED_COLUMNS: [ListColumn; 9] = [
    ListColumn::Status,
    ListColumn::WorkflowId,
    ListColumn::RunId,
    ListColumn::Type,
    ListColumn::Start,
    ListColumn::End,
    ListColumn::Duration,
    ListColumn::TaskQueue,
    ListColumn::HistoryLength,
];

/// The search attribute Temporal (1.30 and later) sets on a run whose workflow tasks keep failing
/// or timing out: `["category=WorkflowTaskFailed", "cause=WorkflowTaskFailedCauseNonDeterministicError"]`.
pub const REPORTED_PROBLEMS: &str = "TemporalReportedProblems";

/// Search attribute columns at most, so a hand-made URL cannot ask for thousands.
pub const MAX_ATTRIBUTE_COLUMNS: usize = 12;

impl ListColumn {
    /// The column's name in the URL.
    pub fn key(&self) -> String {
        match self {
            ListColumn::Attribute(name) => format!("sa.{name}"),
            fixed => fixed.fixed_key().to_string(),
        }
    }

    fn fixed_key(&self) -> &'static str {
        match self {
            ListColumn::Status => "status",
            ListColumn::WorkflowId => "workflow-id",
            ListColumn::RunId => "run-id",
            ListColumn::Type => "type",
            ListColumn::Start => "start",
            ListColumn::End => "end",
            ListColumn::Duration => "duration",
            ListColumn::TaskQueue => "task-queue",
            ListColumn::HistoryLength => "history-length",
            ListColumn::Attribute(_) => "sa",
        }
    }

    /// The column's heading.
    pub fn label(&self) -> String {
        match self {
            ListColumn::Status => "Status".into(),
            ListColumn::WorkflowId => "Workflow ID".into(),
            ListColumn::RunId => "Run ID".into(),
            ListColumn::Type => "Type".into(),
            ListColumn::Start => "Start".into(),
            ListColumn::End => "End".into(),
            ListColumn::Duration => "Duration".into(),
            ListColumn::TaskQueue => "Task queue".into(),
            ListColumn::HistoryLength => "History length".into(),
            ListColumn::Attribute(name) if name == REPORTED_PROBLEMS => "Reported problems".into(),
            ListColumn::Attribute(name) => name.clone(),
        }
    }

    /// A column from its URL name; a bare name that is no fixed column is a search attribute.
    pub fn parse(key: &str) -> Option<ListColumn> {
        let key = key.trim();
        if key.is_empty() {
            return None;
        }
        if let Some(fixed) = FIXED_COLUMNS.iter().find(|column| column.fixed_key().eq_ignore_ascii_case(key)) {
            return Some(fixed.clone());
        }
        let name = key.strip_prefix("sa.").unwrap_or(key).trim();
        // Search attribute names are identifiers; anything else is not a column.
        let valid = !name.is_empty()
            && name.len() <= 64
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        valid.then(|| ListColumn::Attribute(name.to_string()))
    }
}

/// The columns named by a list URL's `cols` (comma-separated, from links) and `col` values (one per
/// box of the chooser form; its text field may hold several names, comma-separated). Unknown or
/// repeated names are dropped; none at all gives [`DEFAULT_COLUMNS`].
pub fn columns_from_query<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<ListColumn> {
    let mut columns: Vec<ListColumn> = Vec::new();
    let mut attributes = 0;
    for column in values.into_iter().flat_map(|value| value.split(',')).filter_map(ListColumn::parse) {
        if columns.contains(&column) {
            continue;
        }
        if matches!(column, ListColumn::Attribute(_)) {
            attributes += 1;
            if attributes > MAX_ATTRIBUTE_COLUMNS {
                continue;
            }
        }
        columns.push(column);
    }
    if columns.is_empty() { DEFAULT_COLUMNS.to_vec() } else { columns }
}

/// The `cols` value for these columns, or `None` for the defaults (which keep the URL short).
pub fn columns_param(columns: &[ListColumn]) -> Option<String> {
    (columns != DEFAULT_COLUMNS.as_slice()).then(|| columns.iter().map(ListColumn::key).collect::<Vec<_>>().join(","))
}

/// The search attributes among the columns, in order.
pub fn attribute_columns(columns: &[ListColumn]) -> Vec<String> {
    columns
        .iter()
        .filter_map(|column| match column {
            ListColumn::Attribute(name) => Some(name.clone()),
            _ => None,
        })
        .collect()
}

/// A named query above the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListView {
    pub label: &'static str,
    pub query: &'static str,
    /// Columns this view adds to the defaults when the URL chooses none.
    pub extra_column: Option<&'static str>,
}

/// The workflow task failures view's query: runs Temporal marked after consecutive failed or
/// timed-out workflow tasks (dynamic config
/// `system.numConsecutiveWorkflowTaskProblemsToTriggerSearchAttribute`, 5 by default).
pub const TASK_FAILURES_QUERY: &str =
    "TemporalReportedProblems IN ('category=WorkflowTaskFailed', 'category=WorkflowTaskTimedOut')";

pub const LIST_VIEWS: [ListView; 4] = [
    ListView { label: "All", query: "", extra_column: None },
    ListView { label: "Running", query: "ExecutionStatus = 'Running'", extra_column: None },
    ListView { label: "Failed", query: "ExecutionStatus = 'Failed'", extra_column: None },
    ListView { label: "Workflow task failures", query: TASK_FAILURES_QUERY, extra_column: Some(REPORTED_PROBLEMS) },
];

/// The view whose query the list shows, if any.
pub fn current_view(query: &str) -> Option<&'static ListView> {
    LIST_VIEWS.iter().find(|view| view.query == query.trim())
}

/// The columns a list shows: the URL's choice, else the defaults plus its view's extra column.
pub fn columns_for(chosen: Vec<ListColumn>, query: &str, url_chose: bool) -> Vec<ListColumn> {
    let mut columns = chosen;
    if !url_chose && let Some(extra) = current_view(query).and_then(|view| view.extra_column) {
        columns.push(ListColumn::Attribute(extra.to_string()));
    }
    columns
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_come_from_links_and_from_the_chooser_form() {
        let columns = columns_from_query(["status,workflow-id", "sa.CustomerId", "OrderTotal, DueAt", "status"]);
        assert_eq!(
            columns,
            vec![
                ListColumn::Status,
                ListColumn::WorkflowId,
                ListColumn::Attribute("CustomerId".into()),
                ListColumn::Attribute("OrderTotal".into()),
                ListColumn::Attribute("DueAt".into()),
            ]
        );
        assert_eq!(columns_param(&columns).as_deref(), Some("status,workflow-id,sa.CustomerId,sa.OrderTotal,sa.DueAt"));
        assert_eq!(columns_from_query(columns_param(&columns).as_deref()), columns);
    }

    #[test]
    fn no_or_hostile_columns_give_the_defaults() {
        assert_eq!(columns_from_query([]), DEFAULT_COLUMNS.to_vec());
        assert_eq!(columns_from_query(["<script>", "a b", "sa."]), DEFAULT_COLUMNS.to_vec());
        assert_eq!(columns_param(&DEFAULT_COLUMNS), None);
        let many: Vec<String> = (0..50).map(|i| format!("A{i}")).collect();
        let columns = columns_from_query(many.iter().map(String::as_str));
        assert_eq!(columns.len(), MAX_ATTRIBUTE_COLUMNS);
    }

    #[test]
    fn the_task_failures_view_adds_its_column_unless_the_url_chose() {
        let view = current_view(TASK_FAILURES_QUERY).expect("view");
        assert_eq!(view.label, "Workflow task failures");
        let columns = columns_for(DEFAULT_COLUMNS.to_vec(), TASK_FAILURES_QUERY, false);
        assert_eq!(columns.last(), Some(&ListColumn::Attribute(REPORTED_PROBLEMS.into())));
        assert_eq!(columns.last().map(ListColumn::label).as_deref(), Some("Reported problems"));
        assert_eq!(columns_for(vec![ListColumn::Status], TASK_FAILURES_QUERY, true), vec![ListColumn::Status]);
        assert!(current_view("WorkflowType = 'x'").is_none());
    }
}

#[cfg(test)]
#[path = "workflow_columns_props.rs"]
mod props;
