use crate::components::PageTitle;
use leptos::prelude::*;

use crate::{
    api::list_namespaces,
    components::{PageLoader, PageShell},
    urls,
};
use model::NamespaceView;

#[component]
pub fn NamespacesPage() -> impl IntoView {
    let namespaces = Resource::new(|| (), |_| list_namespaces());
    view! {
        <PageTitle text="Namespaces" />
        <PageShell>
            <h1>"Namespaces"</h1>
            <PageLoader page=namespaces loading="Loading namespaces…" render=|list| view! { <NamespaceTable list /> } />
        </PageShell>
    }
}

#[component]
fn NamespaceTable(list: Vec<NamespaceView>) -> impl IntoView {
    view! {
        <table class="data-table">
            <thead>
                <tr><th>"Name"</th><th>"State"</th><th>"Retention"</th><th>"Description"</th></tr>
            </thead>
            <tbody>
                {list
                    .into_iter()
                    .map(|namespace| view! {
                        <tr>
                            <td><a href=urls::workflows(&namespace.name)>{namespace.name.clone()}</a></td>
                            <td>{namespace.state}</td>
                            <td>{namespace.retention}</td>
                            <td>{namespace.description}</td>
                        </tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
