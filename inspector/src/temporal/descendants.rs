//! The tree tab: a run and all its descendants, read from visibility by the family's root.
//!
//! Temporal calls per view: one describe of the run (the read cache's, shared with the header),
//! one `ListWorkflowExecutions` per 1,000 runs of the family (at most one while the family holds
//! no more than `MAX_TREE_NODES`), and, for at most `MAX_FAILURES_READ` failed runs shown, their
//! last event (a describe and a one-event history read, both cached for closed runs). So a
//! family of the fixture's size costs 2 calls, plus 2 per failed run the first time it is seen.
use temporalio_protos::protos::temporal::api::{
    workflow::v1::WorkflowExecutionInfo, workflowservice::v1::ListWorkflowExecutionsRequest,
};

use super::{
    capabilities::means_unavailable,
    describe::execution_status,
    history,
    run_context::{self, RunContext},
    time,
};
use crate::RequestContext;
use model::{AppError, ExecutionStatus, ParentLink, RunRef};
use model::{DescendantTree, DescendantsPage, FamilyRow, MAX_TREE_NODES, TreeNode, TreeOptions, build_tree};

/// Failed runs whose failure message is read (one history call each, cached once closed).
const MAX_FAILURES_READ: usize = 10;

pub async fn page(ctx: &RequestContext, run: &RunRef, options: TreeOptions) -> Result<DescendantsPage, AppError> {
    let RunContext { described, header } = run_context::load(ctx, run).await?;
    let info = described.workflow_execution_info.clone().unwrap_or_default();
    let top = family_row(&info);
    // The family's root: describe names it (the run itself when it has no parent).
    let (root_id, root_run) = match &info.root_execution {
        Some(root) if !root.run_id.is_empty() => (root.workflow_id.clone(), root.run_id.clone()),
        _ => (top.workflow_id.clone(), top.run_id.clone()),
    };
    let root = (root_run != top.run_id).then(|| ParentLink {
        namespace: run.namespace.clone(),
        workflow_id: root_id.clone(),
        run_id: root_run.clone(),
    });
    let tree = match family(ctx, &run.namespace, &root_id, &root_run).await {
        Ok((rows, capped)) => {
            let mut tree = build_tree(top, rows, &options, capped);
            add_failures(ctx, &run.namespace, &mut tree).await;
            Ok(tree)
        }
        Err(note) => Err(note),
    };
    Ok(DescendantsPage { header, root, tree, options, as_of: time::now(), history_length: info.history_length })
}

/// Every run of the family whose root is `root_run` (up to [`MAX_TREE_NODES`]) and whether there
/// were more; `Err` says why the family cannot be listed.
async fn family(
    ctx: &RequestContext,
    namespace: &str,
    root_id: &str,
    root_run: &str,
) -> Result<(Vec<FamilyRow>, bool), String> {
    let client = &ctx.client;
    let query = format!("RootWorkflowId = {} AND RootRunId = {}", quoted(root_id)?, quoted(root_run)?);
    let mut rows = Vec::new();
    let mut next_page_token = Vec::new();
    loop {
        let request = ListWorkflowExecutionsRequest {
            namespace: namespace.to_string(),
            page_size: MAX_TREE_NODES as i32,
            next_page_token,
            query: query.clone(),
        };
        let response = match client.workflow_service().list_workflow_executions(client.request(request)).await {
            Ok(response) => response.into_inner(),
            Err(status) if means_unavailable(&status) || status.code() == tonic::Code::InvalidArgument => {
                return Err(format!(
                    "This server's visibility store cannot search runs by their root workflow \
                     (RootWorkflowId, RootRunId), so the tree cannot be shown. Temporal answered: {}",
                    status.message()
                ));
            }
            Err(status) => return Err(client.error(status, &format!("namespace \"{namespace}\"")).to_string()),
        };
        rows.extend(response.executions.iter().map(family_row));
        if response.next_page_token.is_empty() {
            return Ok((rows, false));
        }
        if rows.len() >= MAX_TREE_NODES {
            rows.truncate(MAX_TREE_NODES);
            return Ok((rows, true));
        }
        next_page_token = response.next_page_token;
    }
}

/// A visibility string literal: quoted with a quote character the value does not contain.
fn quoted(value: &str) -> Result<String, String> {
    if !value.contains('\'') {
        Ok(format!("'{value}'"))
    } else if !value.contains('"') {
        Ok(format!("\"{value}\""))
    } else {
        Err("A workflow ID with both kinds of quotes cannot be searched for, so the tree cannot be shown.".into())
    }
}

fn family_row(info: &WorkflowExecutionInfo) -> FamilyRow {
    let execution = info.execution.clone().unwrap_or_default();
    FamilyRow {
        workflow_id: execution.workflow_id,
        run_id: execution.run_id,
        workflow_type: info.r#type.as_ref().map(|t| t.name.clone()).unwrap_or_default(),
        status: execution_status(info.status),
        start_time: time::time_point(info.start_time.as_ref()),
        close_time: time::time_point(info.close_time.as_ref()),
        parent_run_id: info.parent_execution.as_ref().map(|parent| parent.run_id.clone()).filter(|id| !id.is_empty()),
    }
}

/// Reads the failure messages of the first failed runs shown.
async fn add_failures(ctx: &RequestContext, namespace: &str, tree: &mut DescendantTree) {
    let failed: Vec<RunRef> = tree
        .top
        .shown()
        .into_iter()
        .filter(|node| node.run.status == ExecutionStatus::Failed)
        .take(MAX_FAILURES_READ)
        .map(|node| RunRef::new(namespace.to_string(), node.run.workflow_id.clone(), node.run.run_id.clone()))
        .collect();
    // One after another: at most a few, and a closed run's are cached after the first view.
    for run in &failed {
        let message = match history::newest(&ctx.client, run, 1).await {
            Ok(last) => history::run_outcome(None, last.first()).failure.map(|failure| failure.message),
            Err(_) => None,
        };
        set_failure(&mut tree.top, &run.run_id, message);
    }
}

fn set_failure(node: &mut TreeNode, run_id: &str, message: Option<String>) {
    if node.run.run_id == run_id {
        node.failure = message;
        return;
    }
    for child in &mut node.children {
        set_failure(child, run_id, message.clone());
    }
}
