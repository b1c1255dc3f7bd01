use leptos::prelude::*;

use crate::{error::AppError, model::NamespaceView};

#[server]
pub async fn list_namespaces() -> Result<Vec<NamespaceView>, AppError> {
    use crate::error::with_status;
    use crate::ssr::{TemporalClient, temporal::namespaces};
    with_status(async { namespaces::list(&TemporalClient::current()?).await }.await)
}

/// The namespace `/` lands on (`TEMPORAL_DEFAULT_NAMESPACE`).
#[server]
pub async fn default_namespace() -> Result<String, AppError> {
    use crate::ssr::Settings;
    Ok(Settings::current()?.default_namespace)
}
