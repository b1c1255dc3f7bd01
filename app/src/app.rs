//! The HTML shell and the router: one route per page, all rendered on the server before the
//! response is sent (`SsrMode::Async`), so every page works without JavaScript and can answer
//! with the right HTTP status.
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::{
    MatchNestedRoutes, SsrMode,
    components::{Outlet, ParentRoute, Route, Router, Routes},
    path,
};

use crate::pages::TreeTabPage;
use crate::{
    pages::{
        ActivityActionFormPage, BatchJobPage, BatchPlanPage, CallStackPage, ClusterHealthPage, ClusterPage,
        ComparePage, FailureResetPage, HomeRedirect, ImportPage, ImportedHistoryPage, LatestRunRedirect, MemoTabPage,
        NamespacePage, NamespaceWorkersPage, NamespacesPage, NexusEndpointPage, NexusEndpointsPage, NotFoundPage,
        PendingActivitiesPage, QueriesPage, RelationshipsPage, RunActionFormPage, RunHistoryPage, RunRedirect,
        RunsPage, SchedulePage, SchedulesPage, SearchAttributesTabPage, SettingsPage, StandaloneActivitiesPage,
        StandaloneActivityActionPage, StandaloneActivityPage, StuckRunsPage, TaskQueuePage, TaskQueuesPage,
        TimelineTabPage, WorkerDeploymentPage, WorkerPage, WorkersPage, WorkflowCountsPage, WorkflowsPage,
    },
    urls,
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    // The reader's theme (a cookie); none: the stylesheet follows the browser's preference.
    let theme = crate::theme::page_theme();
    view! {
        <!DOCTYPE html>
        <html lang="en" data-theme=theme.attribute()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content=theme.attribute().unwrap_or("light dark") />
                <link rel="icon" href=urls::asset("/favicon.svg") type="image/svg+xml" />
                <meta name="tdbg-public-path" content=urls::public_path() />
                <meta name="tdbg-clusters" content=crate::url_base::clusters().join(",") />
                <meta name="tdbg-cluster" content=crate::url_base::current_cluster() />
                {crate::signed_in::signed_in().map(|user| {
                    view! {
                        <meta name="tdbg-user" content=user.name />
                        <meta name="tdbg-csrf" content=user.csrf />
                    }
                })}
                // The server names the bundle's files by their content's hash (`output_name`).
                <HashedStylesheet options=options.clone() id="leptos" root=urls::public_path() />
                <AutoReload options=options.clone() />
                <HydrationScripts options root=urls::public_path() islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(crate::time_zone::PageZone(crate::time_zone::page_zone()));
    view! {
        <Title formatter=|page: String| {
            if page.is_empty() { "Temporal debugger".to_string() } else { format!("{page} · Temporal debugger") }
        } />
        // The server routes paths with the public path already stripped; the browser sees it.
        <Router base=if cfg!(feature = "hydrate") { urls::base() } else { String::new() }>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/") view=HomeRedirect ssr=SsrMode::Async />
                <Route path=path!("/namespaces") view=NamespacesPage ssr=SsrMode::Async />
                <Route path=path!("/import") view=ImportPage ssr=SsrMode::Async />
                <Route path=path!("/settings") view=SettingsPage ssr=SsrMode::Async />
                <Route path=path!("/cluster/health") view=ClusterHealthPage ssr=SsrMode::Async />
                <Route path=path!("/import/:id") view=ImportedHistoryPage ssr=SsrMode::Async />
                <Route path=path!("/import/:id/events/:event_id") view=ImportedHistoryPage ssr=SsrMode::Async />
                <Route path=path!("/cluster") view=ClusterPage ssr=SsrMode::Async />
                <Route path=path!("/nexus") view=NexusEndpointsPage ssr=SsrMode::Async />
                <Route path=path!("/nexus/:id") view=NexusEndpointPage ssr=SsrMode::Async />
                <NamespaceRoutes />
            </Routes>
        </Router>
    }
}

// Nested routes: a parent matches its path's prefix and shows the child route that matches the
// rest in its `<Outlet />` (the parents here have no view of their own, so the HTML is the flat
// list's); when no child matches, the next route is tried: the first match wins, as in a flat list.
// A page reads its parents' params too. A path's `SsrMode` is the strictest of its route's and its
// parents', so parents and pages all say `Async`.

/// `/namespaces/{ns}/…`: the namespace's pages, then its workflows'.
#[component(transparent)]
fn NamespaceRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/namespaces/:namespace") view=Outlet ssr=SsrMode::Async>
            <Route path=path!("") view=NamespacePage ssr=SsrMode::Async />
            <Route path=path!("/workflows") view=WorkflowsPage ssr=SsrMode::Async />
            <Route path=path!("/task-queues") view=TaskQueuesPage ssr=SsrMode::Async />
            <Route path=path!("/task-queues/:task_queue") view=TaskQueuePage ssr=SsrMode::Async />
            <Route path=path!("/batch") view=BatchPlanPage ssr=SsrMode::Async />
            <Route path=path!("/counts") view=WorkflowCountsPage ssr=SsrMode::Async />
            <Route path=path!("/stuck-runs") view=StuckRunsPage ssr=SsrMode::Async />
            <Route path=path!("/schedules") view=SchedulesPage ssr=SsrMode::Async />
            <Route path=path!("/schedules/:schedule_id") view=SchedulePage ssr=SsrMode::Async />
            <Route path=path!("/workers") view=NamespaceWorkersPage ssr=SsrMode::Async />
            <Route path=path!("/workers/:worker_key") view=WorkerPage ssr=SsrMode::Async />
            <Route path=path!("/batch-resets/:id") view=FailureResetPage ssr=SsrMode::Async />
            <Route path=path!("/activities") view=StandaloneActivitiesPage ssr=SsrMode::Async />
            <Route path=path!("/activities/:activity_id") view=StandaloneActivityPage ssr=SsrMode::Async />
            <Route
                path=path!("/activities/:activity_id/:run_id/details")
                view=StandaloneActivityPage
                ssr=SsrMode::Async
            />
            <Route
                path=path!("/activities/:activity_id/:run_id/actions/:action")
                view=StandaloneActivityActionPage
                ssr=SsrMode::Async
            />
            <Route path=path!("/batch-operations/:job_id") view=BatchJobPage ssr=SsrMode::Async />
            <Route path=path!("/worker-deployments/:deployment") view=WorkerDeploymentPage ssr=SsrMode::Async />
            <WorkflowRoutes />
        </ParentRoute>
    }
    .into_inner()
}

/// `/namespaces/{ns}/workflows/{wid}/…`: a workflow ID's latest run, its runs, two runs compared,
/// then one run.
#[component(transparent)]
fn WorkflowRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/workflows/:workflow_id") view=Outlet ssr=SsrMode::Async>
            <Route path=path!("") view=LatestRunRedirect ssr=SsrMode::Async />
            // Before `/:run_id`, which would match them too.
            <Route path=path!("/compare") view=ComparePage ssr=SsrMode::Async />
            <Route path=path!("/runs") view=RunsPage ssr=SsrMode::Async />
            <RunRoutes />
        </ParentRoute>
    }
    .into_inner()
}

/// `/namespaces/{ns}/workflows/{wid}/{rid}/…`: a run's tabs and the forms of its actions.
#[component(transparent)]
fn RunRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/:run_id") view=Outlet ssr=SsrMode::Async>
            <Route path=path!("") view=RunRedirect ssr=SsrMode::Async />
            <Route path=path!("/history") view=RunHistoryPage ssr=SsrMode::Async />
            <Route path=path!("/history/events/:event_id") view=RunHistoryPage ssr=SsrMode::Async />
            <Route path=path!("/pending-activities") view=PendingActivitiesPage ssr=SsrMode::Async />
            <Route path=path!("/workers") view=WorkersPage ssr=SsrMode::Async />
            <Route path=path!("/call-stack") view=CallStackPage ssr=SsrMode::Async />
            <Route path=path!("/queries") view=QueriesPage ssr=SsrMode::Async />
            <Route path=path!("/actions/:action") view=RunActionFormPage ssr=SsrMode::Async />
            <Route
                path=path!("/activities/:activity_id/actions/:action")
                view=ActivityActionFormPage
                ssr=SsrMode::Async
            />
            <Route path=path!("/relationships") view=RelationshipsPage ssr=SsrMode::Async />
            <Route path=path!("/search-attributes") view=SearchAttributesTabPage ssr=SsrMode::Async />
            <Route path=path!("/timeline") view=TimelineTabPage ssr=SsrMode::Async />
            <Route path=path!("/memo") view=MemoTabPage ssr=SsrMode::Async />
            <Route path=path!("/tree") view=TreeTabPage ssr=SsrMode::Async />
        </ParentRoute>
    }
    .into_inner()
}

#[cfg(test)]
mod tests {
    use leptos_router::SsrMode;

    /// Every page's path, as the server registers it (`generate_route_list`, as in `server`).
    const PAGES: [&str; 45] = [
        "/",
        "/namespaces",
        "/import",
        "/settings",
        "/cluster/health",
        "/import/{id}",
        "/import/{id}/events/{event_id}",
        "/cluster",
        "/nexus",
        "/nexus/{id}",
        "/namespaces/{namespace}",
        "/namespaces/{namespace}/workflows",
        "/namespaces/{namespace}/task-queues",
        "/namespaces/{namespace}/task-queues/{task_queue}",
        "/namespaces/{namespace}/batch",
        "/namespaces/{namespace}/counts",
        "/namespaces/{namespace}/stuck-runs",
        "/namespaces/{namespace}/schedules",
        "/namespaces/{namespace}/schedules/{schedule_id}",
        "/namespaces/{namespace}/workers",
        "/namespaces/{namespace}/workers/{worker_key}",
        "/namespaces/{namespace}/batch-resets/{id}",
        "/namespaces/{namespace}/activities",
        "/namespaces/{namespace}/activities/{activity_id}",
        "/namespaces/{namespace}/activities/{activity_id}/{run_id}/details",
        "/namespaces/{namespace}/activities/{activity_id}/{run_id}/actions/{action}",
        "/namespaces/{namespace}/batch-operations/{job_id}",
        "/namespaces/{namespace}/worker-deployments/{deployment}",
        "/namespaces/{namespace}/workflows/{workflow_id}",
        "/namespaces/{namespace}/workflows/{workflow_id}/compare",
        "/namespaces/{namespace}/workflows/{workflow_id}/runs",
        "/namespaces/{namespace}/workflows/{workflow_id}/{run_id}",
        "/namespaces/{namespace}/workflows/{workflow_id}/{run_id}/history",
        "/namespaces/{namespace}/workflows/{workflow_id}/{run_id}/history/events/{event_id}",
        "/namespaces/{namespace}/workflows/{workflow_id}/{run_id}/pending-activities",
        "/namespaces/{namespace}/workflows/{workflow_id}/{run_id}/workers",
        "/namespaces/{namespace}/workflows/{workflow_id}/{run_id}/call-stack",
        "/namespaces/{namespace}/workflows/{workflow_id}/{run_id}/queries",
        "/namespaces/{namespace}/workflows/{workflow_id}/{run_id}/actions/{action}",
        "/namespaces/{namespace}/workflows/{workflow_id}/{run_id}/activities/{activity_id}/actions/{action}",
        "/namespaces/{namespace}/workflows/{workflow_id}/{run_id}/relationships",
        "/namespaces/{namespace}/workflows/{workflow_id}/{run_id}/search-attributes",
        "/namespaces/{namespace}/workflows/{workflow_id}/{run_id}/timeline",
        "/namespaces/{namespace}/workflows/{workflow_id}/{run_id}/memo",
        "/namespaces/{namespace}/workflows/{workflow_id}/{run_id}/tree",
    ];

    /// Every page is served, and rendered whole before it is sent (`SsrMode::Async`: the right
    /// HTTP status, and the page without JavaScript).
    #[test]
    fn every_page_is_routed_and_rendered_before_it_is_sent() {
        let routes = leptos_axum::generate_route_list(super::App);
        let paths: Vec<&str> = routes.iter().map(|route| route.path()).collect();
        assert_eq!(paths, PAGES);
        for route in &routes {
            assert_eq!(route.mode(), &SsrMode::Async, "{}", route.path());
        }
    }
}
