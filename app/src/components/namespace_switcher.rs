use leptos::prelude::*;

use crate::{api::list_namespaces, urls};

/// A menu of namespaces, made of plain links so it works without JavaScript.
#[component]
pub fn NamespaceSwitcher(#[prop(into)] current: MaybeProp<String>) -> impl IntoView {
    let namespaces = Resource::new(|| (), |_| list_namespaces());
    let label = move || current.get().unwrap_or_else(|| "Choose a namespace".into());
    view! {
        <details class="namespace-switcher">
            // The name starts with the visible text (WCAG 2.5.3: what is seen can be said).
            <summary aria-label=move || format!("Namespace: {} · switch namespace", label())>
                <span class="muted">"Namespace: "</span>
                <strong>{label}</strong>
            </summary>
            <Suspense fallback=|| view! { <p class="muted">"Loading namespaces…"</p> }>
                {move || {
                    // Read before the future waits: the page's props may be gone when it resumes.
                    let current = current.get_untracked();
                    Suspend::new(async move {
                    match namespaces.await {
                        Ok(list) => view! {
                            <ul>
                                {list
                                    .into_iter()
                                    .map(|namespace| {
                                        let selected = current.as_deref() == Some(namespace.name.as_str());
                                        let href = urls::workflows(&namespace.name);
                                        view! {
                                            <li>
                                                <a href=href aria-current=selected.then_some("page")>
                                                    {namespace.name}
                                                </a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(error) => view! { <p class="muted">{error.to_string()}</p> }.into_any(),
                    }
                    })
                }}
            </Suspense>
        </details>
    }
}
