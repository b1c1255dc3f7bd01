use super::PageTitle;
use leptos::prelude::*;

use crate::error::{AppError, set_http_status};

/// Shows the errors caught by an `<ErrorBoundary>` and, during server rendering, answers with the
/// first error's HTTP status.
#[component]
pub fn ErrorPage(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let errors: Vec<AppError> = errors
        .get_untracked()
        .into_iter()
        .map(|(_, error)| {
            error.downcast_ref::<AppError>().cloned().unwrap_or_else(|| AppError::Internal(error.to_string()))
        })
        .collect();
    let title = errors.first().map(|first| {
        set_http_status(first.status_code());
        first.title()
    });
    let panels = errors
        .into_iter()
        .map(|error| {
            view! {
                <section class="error-panel" role="alert" data-status=error.status_code()>
                    <h2>{error.status_code()} " · " {error.title()}</h2>
                    <p class="error-message">{error.to_string()}</p>
                </section>
            }
        })
        .collect_view();
    view! {
        {title.map(|text| view! { <PageTitle text /> })}
        {panels}
    }
}
