//! The HTTP status of a failed page or server function, from the one error type ([`AppError`]).
pub use model::AppError;

/// Sets the response status while rendering on the server or answering a server function; does
/// nothing in the browser.
pub fn set_http_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) =
        (leptos::prelude::use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(code))
    {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// Gives a server function's error its HTTP status (400, 404, 503, …) instead of a blanket 500.
pub fn with_status<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result {
        set_http_status(error.status_code());
    }
    result
}
