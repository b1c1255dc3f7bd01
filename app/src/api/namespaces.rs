use leptos::prelude::*;

use crate::error::AppError;
use model::NamespaceView;

#[server]
pub async fn list_namespaces() -> Result<Vec<NamespaceView>, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::namespaces;
    with_status(async { namespaces::list(&request::context()?.client).await }.await)
}

/// The namespace `/` lands on (`TEMPORAL_DEFAULT_NAMESPACE`).
#[server]
pub async fn default_namespace() -> Result<String, AppError> {
    Ok(crate::request::settings()?.default_namespace)
}
