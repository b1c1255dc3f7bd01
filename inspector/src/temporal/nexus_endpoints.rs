//! The cluster's Nexus endpoints, from the operator service (ListNexusEndpoints, GetNexusEndpoint).
//! Endpoints are cluster-wide: no namespace goes with these calls. A server without Nexus (or
//! one that does not expose the operator service) gets a note instead of an error page.
use temporalio_protos::protos::temporal::api::{
    nexus::v1::{Endpoint, endpoint_target},
    operatorservice::v1::{GetNexusEndpointRequest, ListNexusEndpointsRequest},
};

use super::{TemporalClient, capabilities, payloads, time};
use model::{AppError, NexusEndpointPage, NexusEndpointView, NexusEndpointsPage, NexusTarget, PayloadBody};

/// Endpoints asked per call, and at most this many pages: a cluster has tens, not thousands.
const PAGE_SIZE: i32 = 100;
const MAX_PAGES: usize = 10;

pub async fn list_page(client: &TemporalClient) -> Result<NexusEndpointsPage, AppError> {
    let mut endpoints = Vec::new();
    let mut token = Vec::new();
    for _ in 0..MAX_PAGES {
        let request = ListNexusEndpointsRequest { page_size: PAGE_SIZE, next_page_token: token, name: String::new() };
        let answer = match client.operator_service().list_nexus_endpoints(client.request(request)).await {
            Ok(answer) => answer.into_inner(),
            Err(status) if capabilities::means_unavailable(&status) => {
                return Ok(NexusEndpointsPage {
                    endpoints: Vec::new(),
                    unavailable: Some(format!(
                        "This cluster does not offer Nexus endpoints (Temporal answered: {}).",
                        status.message()
                    )),
                    truncated: false,
                });
            }
            Err(status) => return Err(client.error(status, "the Nexus endpoints")),
        };
        endpoints.extend(answer.endpoints.iter().map(endpoint_view));
        token = answer.next_page_token;
        if token.is_empty() {
            return Ok(NexusEndpointsPage { endpoints, unavailable: None, truncated: false });
        }
    }
    Ok(NexusEndpointsPage { endpoints, unavailable: None, truncated: true })
}

pub async fn endpoint_page(client: &TemporalClient, id: &str) -> Result<NexusEndpointPage, AppError> {
    let what = format!("Nexus endpoint {id:?}");
    // The server reads the ID as a UUID and refuses anything else as a bad argument: to the
    // reader it is an endpoint that does not exist all the same.
    if uuid_shaped(id).is_none() {
        return Err(AppError::NotFound(format!("{what} was not found: an endpoint ID is a UUID")));
    }
    let request = GetNexusEndpointRequest { id: id.to_string() };
    let answer = client.operator_service().get_nexus_endpoint(client.request(request)).await;
    match answer {
        Ok(answer) => match answer.into_inner().endpoint {
            Some(endpoint) => Ok(NexusEndpointPage { endpoint: endpoint_view(&endpoint) }),
            None => Err(AppError::NotFound(format!("{what} was not found"))),
        },
        Err(status) if capabilities::means_unavailable(&status) => Err(AppError::NotFound(format!(
            "{what} cannot be shown: this cluster does not offer Nexus endpoints (Temporal answered: {})",
            status.message()
        ))),
        Err(status) => Err(client.error(status, &what)),
    }
}

/// `Some(())` for the 8-4-4-4-12 hexadecimal form.
fn uuid_shaped(id: &str) -> Option<()> {
    let groups: Vec<&str> = id.split('-').collect();
    let lengths = groups.iter().map(|group| group.len()).collect::<Vec<_>>();
    let hex = groups.iter().all(|group| group.chars().all(|c| c.is_ascii_hexdigit()));
    (lengths == [8, 4, 4, 4, 12] && hex).then_some(())
}

pub fn endpoint_view(endpoint: &Endpoint) -> NexusEndpointView {
    let spec = endpoint.spec.clone().unwrap_or_default();
    let target = match spec.target.and_then(|target| target.variant) {
        Some(endpoint_target::Variant::Worker(worker)) => {
            NexusTarget::Worker { namespace: worker.namespace, task_queue: worker.task_queue }
        }
        Some(endpoint_target::Variant::External(external)) => NexusTarget::External { url: external.url },
        None => NexusTarget::Unknown,
    };
    let description = spec.description.as_ref().filter(|payload| !payload.data.is_empty()).map(payloads::decode);
    let description_text = description.as_ref().and_then(|payload| match &payload.body {
        PayloadBody::Json(json) => serde_json::from_str::<String>(json).ok(),
        _ => None,
    });
    NexusEndpointView {
        id: endpoint.id.clone(),
        name: spec.name,
        version: endpoint.version,
        target,
        description,
        description_text,
        created_time: time::time_point(endpoint.created_time.as_ref()),
        last_modified_time: time::time_point(endpoint.last_modified_time.as_ref()),
        url_prefix: endpoint.url_prefix.clone(),
    }
}

#[cfg(test)]
mod tests {
    use temporalio_protos::protos::temporal::api::{
        common::v1::Payload,
        nexus::v1::{EndpointSpec, EndpointTarget},
    };

    use super::*;

    #[test]
    fn an_endpoint_keeps_its_target_and_its_description_as_an_untrusted_payload() {
        let endpoint = Endpoint {
            id: "c620cb06-1994-4bdb-9cc3-d2c6820f83d1".into(),
            version: 2,
            spec: Some(EndpointSpec {
                name: "payments".into(),
                description: Some(Payload {
                    metadata: [("encoding".to_string(), b"json/plain".to_vec())].into(),
                    data: br#""<script>alert(1)</script>""#.to_vec(),
                    ..Default::default()
                }),
                target: Some(EndpointTarget {
                    variant: Some(endpoint_target::Variant::Worker(endpoint_target::Worker {
                        namespace: "billing".into(),
                        task_queue: "payments-handlers".into(),
                    })),
                }),
            }),
            ..Default::default()
        };
        let view = endpoint_view(&endpoint);
        assert_eq!(view.name, "payments");
        assert_eq!(
            view.target,
            NexusTarget::Worker { namespace: "billing".into(), task_queue: "payments-handlers".into() }
        );
        let description = view.description.expect("a description");
        assert_eq!(description.body.text(), "\"<script>alert(1)</script>\"");
        assert_eq!(view.description_text.as_deref(), Some("<script>alert(1)</script>"));
    }

    #[test]
    fn only_uuid_shaped_ids_are_asked_for() {
        assert!(uuid_shaped("c620cb06-1994-4bdb-9cc3-d2c6820f83d1").is_some());
        assert!(uuid_shaped("no-such-endpoint").is_none());
        assert!(uuid_shaped("c620cb06-1994-4bdb-9cc3-d2c6820f83dz").is_none());
    }
}
