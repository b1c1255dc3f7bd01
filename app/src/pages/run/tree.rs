use crate::components::PageTitle;
use leptos::prelude::*;

use super::{
    loader::{RunRoute, RunTabLoader},
    tabs::{RunHeaderView, RunTab},
};
use crate::{
    api::load_descendants,
    components::{StatusBadge, TimeText},
    error::AppError,
    islands::LiveUpdates,
    urls,
};
use model::{DescendantTree, DescendantsPage, ExecutionStatus, MAX_TREE_NODES, TreeNode, TreeOptions};

/// `…/{run_id}/tree`: the run and all its descendants (`?fold=Completed&depth=5`).
#[component]
pub fn TreeTabPage() -> impl IntoView {
    view! { <RunTabLoader tab=RunTab::Tree load=load render=tree_view /> }
}

fn load(route: RunRoute) -> impl std::future::Future<Output = Result<DescendantsPage, AppError>> {
    let (fold, depth) = (route.query.get("fold"), route.query.get("depth"));
    load_descendants(route.namespace, route.workflow_id, route.run_id, fold, depth)
}

/// The tab's URL with these options (none when they are the defaults).
fn tree_href(namespace: &str, workflow_id: &str, run_id: &str, fold: &str, depth: usize) -> String {
    let base = urls::run_tab(namespace, workflow_id, run_id, RunTab::Tree.segment());
    let mut query = Vec::new();
    if !fold.is_empty() {
        query.push(format!("fold={}", urls::encode(fold)));
    }
    if depth != model::DEFAULT_TREE_DEPTH {
        query.push(format!("depth={depth}"));
    }
    if query.is_empty() { base } else { format!("{base}?{}", query.join("&")) }
}

fn tree_view(page: DescendantsPage) -> impl IntoView {
    let DescendantsPage { header, root, tree, options, as_of, history_length } = page;
    let title = format!("{} · tree", header.workflow_id);
    let (namespace, workflow_id, run_id) =
        (header.namespace.clone(), header.workflow_id.clone(), header.run_id.clone());
    let href = {
        let (namespace, workflow_id, run_id) = (namespace.clone(), workflow_id.clone(), run_id.clone());
        move |fold: &str, depth: usize| tree_href(&namespace, &workflow_id, &run_id, fold, depth)
    };
    // The stream follows this run's history: a parent hears of each child that closes.
    let live = header.status.is_running().then(|| {
        let history = urls::run_history(&namespace, &workflow_id, &run_id);
        view! { <LiveUpdates url=format!("{history}/live?after={history_length}") /> }
    });
    let root = root.map(|root| {
        let root_href = urls::run_tab(&root.namespace, &root.workflow_id, &root.run_id, RunTab::Tree.segment());
        view! {
            <p>
                "This run is part of a larger tree rooted at "
                <a class="mono" href=root_href>{root.workflow_id}</a>
                " · run " <span class="mono">{root.run_id}</span>
            </p>
        }
    });
    let body = match tree {
        Ok(tree) => {
            view! { <TreeBody tree namespace=namespace.clone() options=options.clone() href=href.clone() /> }.into_any()
        }
        Err(note) => view! { <p class="unavailable">{note}</p> }.into_any(),
    };
    view! {
        <PageTitle text=title />
        <RunHeaderView header=header.clone() active=RunTab::Tree />
        {live}
        <section class="panel" aria-labelledby="tree-heading">
            <h2 id="tree-heading">"This run and its descendants"</h2>
            {root}
            <TreeControls options href />
            // "Refresh" above reloads it (in place with JavaScript).
            <p class="muted">"As of " <TimeText time=as_of /></p>
            {body}
        </section>
    }
}

/// Links that fold closed runs, and a GET form for the depth.
#[component]
fn TreeControls(options: TreeOptions, href: impl Fn(&str, usize) -> String + Clone + Send + 'static) -> impl IntoView {
    let choices = [
        ("Show every run", String::new()),
        ("Fold completed", "Completed".to_string()),
        ("Fold all but failed and running", "Completed,Canceled,Terminated,ContinuedAsNew".to_string()),
    ];
    let current = options.fold_text();
    let links = choices
        .into_iter()
        .map(|(label, fold)| {
            let here = (fold == current).then_some("page");
            view! { <a href=href(&fold, options.depth) aria-current=here>{label}</a> " " }
        })
        .collect_view();
    view! {
        <div class="tree-controls">
            <p>{links}</p>
            <form method="get" class="tree-depth">
                {(!current.is_empty()).then(|| view! { <input type="hidden" name="fold" value=current.clone() /> })}
                <label>"Levels shown " <input type="number" name="depth" min="1" max=model::MAX_TREE_DEPTH value=options.depth /></label>
                " " <button type="submit">"Show"</button>
            </form>
        </div>
    }
}

#[component]
fn TreeBody(
    tree: DescendantTree,
    namespace: String,
    options: TreeOptions,
    href: impl Fn(&str, usize) -> String + Clone + Send + 'static,
) -> impl IntoView {
    let DescendantTree { top, descendants, orphans, capped, running } = tree;
    let summary = match descendants {
        0 => "No descendants: this run started no child workflows.".to_string(),
        1 => "1 descendant.".to_string(),
        count => format!("{count} descendants."),
    };
    let state = if running { " Some are still running." } else { "" };
    let capped = capped.then(|| {
        view! { <p class="unavailable">{format!("The family has more than {MAX_TREE_NODES} runs: only the first {MAX_TREE_NODES} were read.")}</p> }
    });
    let orphans = (orphans > 0).then(|| {
        view! { <p class="muted">{format!("{orphans} runs of the family could not be placed: their parent was not among the runs read (or visibility has not listed it yet).")}</p> }
    });
    let show_all = href("", options.depth);
    let item = tree_item(top, &namespace, &options, &show_all);
    view! {
        <p>{summary} {state}</p>
        {capped}
        {orphans}
        <ul class="run-tree">{item}</ul>
    }
}

/// One run and, nested, what is shown below it.
fn tree_item(node: TreeNode, namespace: &str, options: &TreeOptions, show_all: &str) -> AnyView {
    let TreeNode { run, failure, earlier_runs, children, folded, more_below } = node;
    let run_href = urls::run_history(namespace, &run.workflow_id, &run.run_id);
    let subtree_href = urls::run_tab(namespace, &run.workflow_id, &run.run_id, RunTab::Tree.segment());
    let earlier = (earlier_runs > 0).then(|| {
        let text = if earlier_runs == 1 {
            " · latest of 2 runs".to_string()
        } else {
            format!(" · latest of {} runs", earlier_runs + 1)
        };
        view! { <span class="muted">{text}</span> }
    });
    let closed = run.close_time.clone().map(|time| view! { " · closed " <TimeText time=Some(time) /> });
    let failure = failure.map(|message| view! { <p class="tree-failure">{message}</p> });
    let folded = (folded > 0).then(|| {
        let statuses = options.fold.iter().map(|status| status.name()).collect::<Vec<_>>().join(", ");
        let text = if folded == 1 {
            format!("1 run hidden ({statuses}) ")
        } else {
            format!("{folded} runs hidden ({statuses}) ")
        };
        view! { <li class="tree-folded muted">{text} <a href=show_all.to_string()>"show them"</a></li> }
    });
    let more = (more_below > 0).then(|| {
        let text = if more_below == 1 { "1 more below ".to_string() } else { format!("{more_below} more below ") };
        view! { <li class="tree-more muted">{text} <a href=subtree_href.clone()>"see this run's tree"</a></li> }
    });
    let nested = (!children.is_empty() || folded.is_some() || more.is_some()).then(|| {
        let items = children.into_iter().map(|child| tree_item(child, namespace, options, show_all)).collect_view();
        view! { <ul>{items}{folded}{more}</ul> }
    });
    let failed = run.status == ExecutionStatus::Failed;
    view! {
        <li class="tree-node" class:tree-failed=failed>
            <div class="tree-run">
                <StatusBadge status=run.status />
                " " <a class="mono" href=run_href>{run.workflow_id}</a>
                " " <span>{run.workflow_type}</span>
                " · run " <span class="mono">{run.run_id}</span>
                {earlier}
                " · started " <TimeText time=run.start_time />
                {closed}
            </div>
            {failure}
            {nested}
        </li>
    }
    .into_any()
}
