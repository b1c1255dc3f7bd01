//! Counts of the runs a visibility query matches, grouped by one field
//! (`/namespaces/{ns}/counts?by=…&query=…`).
use serde::{Deserialize, Serialize};

/// The fields offered before the namespace's own keyword search attributes.
pub const COUNT_FIELDS: [&str; 3] = ["ExecutionStatus", "WorkflowType", "TaskQueue"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowCountsPage {
    pub namespace: String,
    pub query: String,
    /// The field grouped by.
    pub by: String,
    /// The fields the form offers: [`COUNT_FIELDS`], then the keyword search attributes.
    pub fields: Vec<String>,
    /// How many runs the query matches (the count without grouping).
    pub total: i64,
    /// Largest first; empty when the grouping is unavailable.
    pub groups: Vec<CountGroup>,
    /// Why the server cannot group by this field ("This server's visibility store cannot…").
    pub unavailable: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountGroup {
    pub value: String,
    pub count: i64,
}

impl WorkflowCountsPage {
    /// The sum of the groups' counts: Temporal's groups may leave some runs out.
    pub fn grouped_total(&self) -> i64 {
        self.groups.iter().map(|group| group.count).sum()
    }

    /// The query narrowed to the runs whose field is `value`, for the workflow list.
    pub fn filtered_query(&self, value: &str) -> String {
        let clause = format!("{} = '{}'", self.by, value.replace('\'', "''"));
        match self.query.trim() {
            "" => clause,
            query => format!("({query}) AND {clause}"),
        }
    }
}

/// `count` as a share of `total`, to one decimal ("42.5%"); a dash when there is no total.
pub fn share_text(count: i64, total: i64) -> String {
    if total <= 0 {
        return "–".into();
    }
    format!("{:.1}%", count as f64 * 100.0 / total as f64)
}

/// Whether `field` can be put in a query as it is: a search attribute's name.
pub fn is_field_name(field: &str) -> bool {
    !field.is_empty()
        && field.len() <= 255
        && field.chars().next().is_some_and(|first| first.is_ascii_alphabetic())
        && field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(query: &str) -> WorkflowCountsPage {
        WorkflowCountsPage {
            namespace: "default".into(),
            query: query.into(),
            by: "WorkflowType".into(),
            fields: Vec::new(),
            total: 4,
            groups: vec![CountGroup { value: "A".into(), count: 3 }, CountGroup { value: "B".into(), count: 1 }],
            unavailable: None,
        }
    }

    #[test]
    fn each_value_narrows_the_query_and_has_its_share() {
        assert_eq!(page("").filtered_query("Pay"), "WorkflowType = 'Pay'");
        assert_eq!(
            page("ExecutionStatus = 'Running' OR TaskQueue = 'q'").filtered_query("O'Brien"),
            "(ExecutionStatus = 'Running' OR TaskQueue = 'q') AND WorkflowType = 'O''Brien'"
        );
        assert_eq!(page("").grouped_total(), 4);
        assert_eq!(share_text(3, 4), "75.0%");
        assert_eq!(share_text(1, 3), "33.3%");
        assert_eq!(share_text(0, 0), "–");
    }

    #[test]
    fn only_search_attribute_names_are_fields() {
        assert!(is_field_name("ExecutionStatus") && is_field_name("Custom_Keyword-1"));
        assert!(!is_field_name("") && !is_field_name("1x") && !is_field_name("WorkflowType; DROP"));
        assert!(!is_field_name("a b") && !is_field_name("x'"));
    }
}
