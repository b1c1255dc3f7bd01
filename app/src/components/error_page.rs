use leptos::prelude::*;

use crate::error::AppError;

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
    if let Some(first) = errors.first() {
        set_http_status(first.status_code());
    }
    errors
        .into_iter()
        .map(|error| {
            view! {
                <section class="error-panel" role="alert" data-status=error.status_code()>
                    <h2>{error.status_code()} " · " {error.title()}</h2>
                    <p class="error-message">{error.to_string()}</p>
                </section>
            }
        })
        .collect_view()
}

/// Sets the response status while rendering on the server; does nothing in the browser.
pub fn set_http_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(code))
    {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}
