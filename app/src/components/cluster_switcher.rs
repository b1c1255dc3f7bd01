use leptos::prelude::*;

use crate::url_base::{cluster_home, clusters, current_cluster};

/// A menu of the clusters this server is configured with (none when there is one), made of
/// plain links. Each link is a full page load: a cluster's pages have their own base path.
#[component]
pub fn ClusterSwitcher() -> impl IntoView {
    let names = clusters();
    if names.len() < 2 {
        return ().into_any();
    }
    let current = current_cluster();
    view! {
        <details class="namespace-switcher cluster-switcher">
            <summary aria-label="Switch cluster">
                <span class="muted">"Cluster: "</span>
                <strong>{current.clone()}</strong>
            </summary>
            <ul>
                {names
                    .into_iter()
                    .map(|name| {
                        let selected = name == current;
                        let href = cluster_home(&name);
                        view! {
                            <li>
                                <a href=href rel="external" aria-current=selected.then_some("page")>
                                    {name}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </details>
    }
    .into_any()
}
