//! The bounded read of the stuck-runs page: how many runs are running (one count), the N newest
//! (the visibility list is newest first) and the N oldest. For the oldest, `ORDER BY StartTime
//! ASC` where the visibility store accepts it (Elasticsearch); SQL visibility refuses ORDER BY,
//! so there a StartTime bound is searched with at most [`MAX_BOUND_COUNTS`] counts: the newest
//! runs started before the bound are then the oldest runs.
use chrono::{DateTime, SecondsFormat, Utc};
use temporalio_protos::protos::temporal::api::{
    workflow::v1::WorkflowExecutionInfo,
    workflowservice::v1::{CountWorkflowExecutionsRequest, ListWorkflowExecutionsRequest},
};

use super::{TemporalClient, time};
use model::AppError;

/// Count calls the StartTime bound search may make.
pub const MAX_BOUND_COUNTS: u64 = 12;
/// List pages read per end (servers give at least 100 rows a page; N is at most 1000).
pub const MAX_LIST_PAGES: u64 = 10;
/// The most calls [`running`] and [`ends`] make together: one count, the newest's pages, the
/// ORDER BY attempt, the bound's counts and the oldest's pages.
pub const MAX_READ_CALLS: u64 = 1 + MAX_LIST_PAGES + 1 + MAX_BOUND_COUNTS + MAX_LIST_PAGES;

/// Running runs matching the user's query, as one visibility query.
pub fn running_query(query: &str) -> String {
    let query = query.trim();
    if query.is_empty() {
        "ExecutionStatus='Running'".into()
    } else {
        format!("ExecutionStatus='Running' AND ({query})")
    }
}

pub async fn count(client: &TemporalClient, namespace: &str, query: &str) -> Result<i64, AppError> {
    let request = CountWorkflowExecutionsRequest { namespace: namespace.to_string(), query: query.to_string() };
    let response = client
        .workflow_service()
        .count_workflow_executions(client.request(request))
        .await
        .map_err(|status| client.error(status, &format!("namespace \"{namespace}\"")))?;
    Ok(response.into_inner().count)
}

/// Up to `n` runs of `query` in the order Temporal lists them.
async fn list(
    client: &TemporalClient,
    namespace: &str,
    query: &str,
    n: usize,
) -> Result<Vec<WorkflowExecutionInfo>, tonic::Status> {
    let mut runs = Vec::new();
    let mut token = Vec::new();
    for _ in 0..MAX_LIST_PAGES {
        let request = ListWorkflowExecutionsRequest {
            namespace: namespace.to_string(),
            page_size: i32::try_from(n - runs.len()).unwrap_or(1000).min(1000),
            next_page_token: token,
            query: query.to_string(),
        };
        let response = client.workflow_service().list_workflow_executions(client.request(request)).await?.into_inner();
        runs.extend(response.executions);
        token = response.next_page_token;
        if token.is_empty() || runs.len() >= n {
            break;
        }
    }
    runs.truncate(n);
    Ok(runs)
}

/// The two ends of the running runs and how the oldest were found, in words.
pub struct Ends {
    pub newest: Vec<WorkflowExecutionInfo>,
    pub oldest: Vec<WorkflowExecutionInfo>,
    pub oldest_method: String,
}

/// The `n` newest and `n` oldest runs of `running` (a query from [`running_query`]), of which
/// there are `total`.
pub async fn ends(
    client: &TemporalClient,
    namespace: &str,
    running: &str,
    n: usize,
    total: i64,
) -> Result<Ends, AppError> {
    let error = |status| client.error(status, &format!("namespace \"{namespace}\""));
    let newest = list(client, namespace, running, n).await.map_err(error)?;
    if total <= i64::try_from(n).unwrap_or(i64::MAX) || newest.len() < n {
        return Ok(Ends { newest, oldest: Vec::new(), oldest_method: "all running runs fit in one end".into() });
    }
    match list(client, namespace, &format!("{running} ORDER BY StartTime ASC"), n).await {
        Ok(oldest) => return Ok(Ends { newest, oldest, oldest_method: "listed with ORDER BY StartTime ASC".into() }),
        Err(status) if status.code() == tonic::Code::InvalidArgument => {}
        Err(status) => return Err(error(status)),
    }
    // The newest end's oldest start: everything older is the rest.
    let Some(upper) = newest.iter().filter_map(|run| time::millis(run.start_time.as_ref())).min() else {
        return Ok(Ends { newest, oldest: Vec::new(), oldest_method: "the runs carry no start times".into() });
    };
    let (bound, counted, calls) = bound(client, namespace, running, n as i64, upper).await?;
    let oldest = list(client, namespace, &before(running, bound), n).await.map_err(error)?;
    let oldest_method = format!(
        "ORDER BY is refused here, so the oldest are the newest of the {counted} running runs started before {} \
         (found with {calls} counts)",
        rfc3339(bound)
    );
    Ok(Ends { newest, oldest, oldest_method })
}

fn rfc3339(millis: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(millis).unwrap_or_default().to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn before(running: &str, millis: i64) -> String {
    format!("{running} AND StartTime < '{}'", rfc3339(millis))
}

/// The latest time whose count of runs started before it is at most `n`, searched below
/// `upper` (exponentially back, then halving), within [`MAX_BOUND_COUNTS`] counts: the time,
/// its count and the counts made. Out of counts, the best time found so far.
async fn bound(
    client: &TemporalClient,
    namespace: &str,
    running: &str,
    n: i64,
    upper: i64,
) -> Result<(i64, i64, u64), AppError> {
    let mut calls = 0;
    let (mut low, mut low_count) = (None::<i64>, 0);
    let (mut high, mut high_count) = (upper, n);
    let mut step = 60_000_i64;
    // Back in growing steps until at most n started earlier.
    while low.is_none() && calls < MAX_BOUND_COUNTS {
        let at = upper.saturating_sub(step).max(0);
        calls += 1;
        let counted = count(client, namespace, &before(running, at)).await?;
        if counted <= n {
            (low, low_count) = (Some(at), counted);
        } else {
            (high, high_count) = (at, counted);
            if at == 0 {
                break;
            }
            step = step.saturating_mul(8);
        }
    }
    let Some(mut low) = low else { return Ok((high, high_count, calls)) };
    // Then halve the gap while counts remain and the bound holds less than nine tenths of n.
    while calls < MAX_BOUND_COUNTS && high - low > 1 && low_count * 10 < n * 9 {
        let middle = low + (high - low) / 2;
        calls += 1;
        let counted = count(client, namespace, &before(running, middle)).await?;
        if counted <= n {
            (low, low_count) = (middle, counted);
        } else {
            high = middle;
        }
    }
    Ok((low, low_count, calls))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_users_query_is_narrowed_to_running_runs() {
        assert_eq!(running_query("  "), "ExecutionStatus='Running'");
        assert_eq!(
            running_query("WorkflowType='A' OR WorkflowType='B'"),
            "ExecutionStatus='Running' AND (WorkflowType='A' OR WorkflowType='B')"
        );
        assert_eq!(before("Q", 0), "Q AND StartTime < '1970-01-01T00:00:00.000Z'");
    }
}
