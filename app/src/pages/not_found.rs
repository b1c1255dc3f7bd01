use crate::components::PageTitle;
use leptos::prelude::*;

use crate::components::{PageShell, set_http_status};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_http_status(404);
    view! {
        <PageTitle text="Not found" />
        <PageShell>
            <section class="error-panel" role="alert" data-status="404">
                <h2>"404 · Not found"</h2>
                <p class="error-message">"There is no page at this address."</p>
                <p><a href="/">"Go to the workflows of the default namespace"</a></p>
            </section>
        </PageShell>
    }
}
