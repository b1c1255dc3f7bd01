//! Whether a cluster answers at all (`/readyz`): GetSystemInfo, the cheapest call every
//! frontend serves, with a short deadline.
use std::time::Duration;

use temporalio_protos::protos::temporal::api::workflowservice::v1::GetSystemInfoRequest;

use super::TemporalClient;
use model::AppError;

/// The server version the cluster reports, or why it could not be asked.
pub async fn server_version(client: &TemporalClient, deadline: Duration) -> Result<String, AppError> {
    let request = client.request_with_timeout(GetSystemInfoRequest::default(), deadline);
    let response = client
        .workflow_service()
        .get_system_info(request)
        .await
        .map_err(|status| client.error(status, "the system information"))?
        .into_inner();
    Ok(response.server_version)
}
