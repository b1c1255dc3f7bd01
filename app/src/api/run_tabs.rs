use leptos::prelude::*;

use crate::error::AppError;
use model::{CallStackPage, MemoPage, PendingPage, QueriesPage, RelationshipsPage, SearchAttributesPage, WorkersPage};

/// Pending activities (with attempts and last failure) and pending child workflows.
#[server]
pub async fn load_pending(namespace: String, workflow_id: String, run_id: String) -> Result<PendingPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::{codec, run_tabs};
    use model::RunRef;
    with_status(
        async {
            let (ctx, run) = (request::context()?, RunRef::new(namespace, workflow_id, run_id));
            let page = run_tabs::pending_page(&ctx, &run).await?;
            Ok(codec::decode_page(&ctx.client, &run.namespace, page).await)
        }
        .await,
    )
}

/// Pollers of the run's task queue, for workflow and activity tasks.
#[server]
pub async fn load_workers(namespace: String, workflow_id: String, run_id: String) -> Result<WorkersPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::run_tabs;
    use model::RunRef;
    with_status(
        async { run_tabs::workers_page(&request::context()?, &RunRef::new(namespace, workflow_id, run_id)).await }
            .await,
    )
}

/// The `__stack_trace` query, or why it cannot be asked.
#[server]
pub async fn load_call_stack(
    namespace: String,
    workflow_id: String,
    run_id: String,
) -> Result<CallStackPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::run_tabs;
    use model::RunRef;
    with_status(
        async { run_tabs::call_stack_page(&request::context()?, &RunRef::new(namespace, workflow_id, run_id)).await }
            .await,
    )
}

/// The run's query handlers and, when `query` is given, its answer to that query with `args`
/// (JSON). Arguments that are not JSON answer 400, with the page and the message.
#[server]
pub async fn load_queries(
    namespace: String,
    workflow_id: String,
    run_id: String,
    query: Option<String>,
    args: Option<String>,
) -> Result<QueriesPage, AppError> {
    use crate::{
        error::{set_http_status, with_status},
        request,
    };
    use inspector::temporal::{codec, run_tabs};
    use model::{QueryOutcome, RunRef};
    let asked =
        query.as_deref().filter(|name| !name.trim().is_empty()).map(|name| (name, args.as_deref().unwrap_or("")));
    let page = async {
        let (ctx, run) = (request::context()?, RunRef::new(namespace, workflow_id, run_id));
        let page = run_tabs::queries_page(&ctx, &run, asked).await?;
        Ok(codec::decode_page(&ctx.client, &run.namespace, page).await)
    }
    .await;
    if let Ok(QueriesPage { asked: Some(asked), .. }) = &page
        && matches!(asked.outcome, QueryOutcome::BadArguments(_))
    {
        set_http_status(400);
    }
    with_status(page)
}

/// Parent, children, the continue-as-new chain and the run's place among its workflow ID's runs.
#[server]
pub async fn load_relationships(
    namespace: String,
    workflow_id: String,
    run_id: String,
) -> Result<RelationshipsPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::relationships;
    use model::RunRef;
    with_status(
        async {
            relationships::relationships_page(&request::context()?, &RunRef::new(namespace, workflow_id, run_id)).await
        }
        .await,
    )
}

/// Every search attribute of the run with its type, custom and system apart.
#[server]
pub async fn load_search_attributes(
    namespace: String,
    workflow_id: String,
    run_id: String,
) -> Result<SearchAttributesPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::run_metadata;
    use model::RunRef;
    with_status(
        async {
            run_metadata::search_attributes_page(&request::context()?, &RunRef::new(namespace, workflow_id, run_id))
                .await
        }
        .await,
    )
}

/// The run's memo, decoded (through the codec server when one is configured).
#[server]
pub async fn load_memo(namespace: String, workflow_id: String, run_id: String) -> Result<MemoPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::{codec, run_metadata};
    use model::RunRef;
    with_status(
        async {
            let (ctx, run) = (request::context()?, RunRef::new(namespace, workflow_id, run_id));
            let page = run_metadata::memo_page(&ctx, &run).await?;
            Ok(codec::decode_page(&ctx.client, &run.namespace, page).await)
        }
        .await,
    )
}

/// The run as lanes over time, laid out for the window and filters of `view` (the URL's query).
#[server]
pub async fn load_timeline(
    namespace: String,
    workflow_id: String,
    run_id: String,
    view: String,
) -> Result<model::TimelinePage, AppError> {
    use crate::{error::with_status, request};
    use inspector::timeline;
    use model::{RunRef, TimelineOptions};
    let options = TimelineOptions::from_query(|key| super::run::query_value(&view, key));
    with_status(
        async {
            timeline::timeline_page(&request::context()?, &RunRef::new(namespace, workflow_id, run_id), options).await
        }
        .await,
    )
}
