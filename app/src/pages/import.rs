use crate::components::PageTitle;
use leptos::prelude::*;

use super::params::query_param;
use crate::{components::PageShell, error::set_http_status};

/// `/import`: open a history file saved earlier (this debugger's Download JSON, `temporal workflow
/// show --output json`, or a Temporal UI download) and read it like a live run, without Temporal.
#[component]
pub fn ImportPage() -> impl IntoView {
    // A file the server could not read sends the browser back here with the reason.
    let error = query_param("error").get_untracked();
    if error.is_some() {
        set_http_status(400);
    }
    view! {
        <PageTitle text="Open a history file" />
        <PageShell>
            <h1>"Open a history file"</h1>
            <section class="panel">
                <p>
                    "A history saved as JSON — this debugger's " <em>"Download JSON"</em> ", "
                    <code>"temporal workflow show --output json"</code>
                    ", or a Temporal UI download — opens here with the same views, filters and event links as a \
                     live run. It is read on this server and kept in its memory (the last 16 files, until it \
                     restarts); Temporal is not asked."
                </p>
                // A plain multipart form: works without JavaScript; the server answers with a redirect.
                <form class="import-form" method="post" action=crate::urls::import_upload() enctype="multipart/form-data">
                    <label>
                        "History file " <input type="file" name="file" accept=".json,application/json" required />
                    </label>
                    <button type="submit">"Open"</button>
                </form>
                {error.map(|error| view! { <p class="warning" role="alert">{error}</p> })}
            </section>
        </PageShell>
    }
}
