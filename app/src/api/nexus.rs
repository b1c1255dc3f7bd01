use leptos::prelude::*;

use crate::error::AppError;
use model::{NexusEndpointPage, NexusEndpointsPage};

/// The cluster's Nexus endpoints (ListNexusEndpoints).
#[server]
pub async fn load_nexus_endpoints() -> Result<NexusEndpointsPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::nexus_endpoints;
    with_status(async { nexus_endpoints::list_page(&request::context()?.client).await }.await)
}

/// One Nexus endpoint by its ID (GetNexusEndpoint).
#[server]
pub async fn load_nexus_endpoint(id: String) -> Result<NexusEndpointPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::nexus_endpoints;
    with_status(async { nexus_endpoints::endpoint_page(&request::context()?.client, &id).await }.await)
}
