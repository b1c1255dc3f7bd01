//! The namespace a request is about, sent as `temporal-namespace` metadata: Temporal Cloud routes
//! and authorizes API-key calls by it.
use temporalio_protos::protos::temporal::api::workflowservice::v1 as service;

pub trait Namespaced {
    fn namespace(&self) -> &str;
}

macro_rules! namespaced {
    ($($request:ident),* $(,)?) => {
        $(impl Namespaced for service::$request {
            fn namespace(&self) -> &str {
                &self.namespace
            }
        })*
    };
}

namespaced!(
    QueryWorkflowRequest,
    GetWorkflowExecutionHistoryRequest,
    GetWorkflowExecutionHistoryReverseRequest,
    DescribeTaskQueueRequest,
    DescribeWorkflowExecutionRequest,
    ListWorkflowExecutionsRequest,
    CountWorkflowExecutionsRequest,
    DescribeNamespaceRequest,
    SignalWorkflowExecutionRequest,
    RequestCancelWorkflowExecutionRequest,
    TerminateWorkflowExecutionRequest,
    ResetWorkflowExecutionRequest,
    PauseWorkflowExecutionRequest,
    UnpauseWorkflowExecutionRequest,
    UpdateWorkflowExecutionRequest,
    PollWorkflowExecutionUpdateRequest,
    StartWorkflowExecutionRequest,
    PauseActivityRequest,
    UnpauseActivityRequest,
    ResetActivityRequest,
    UpdateActivityOptionsRequest,
    StartBatchOperationRequest,
    StopBatchOperationRequest,
    DescribeBatchOperationRequest,
    ListWorkerDeploymentsRequest,
    DescribeWorkerDeploymentRequest,
    GetWorkerVersioningRulesRequest,
    SetWorkerDeploymentCurrentVersionRequest,
    SetWorkerDeploymentRampingVersionRequest,
    UpdateWorkflowExecutionOptionsRequest,
    DeleteWorkflowExecutionRequest,
);

impl Namespaced for temporalio_protos::protos::temporal::api::operatorservice::v1::ListSearchAttributesRequest {
    fn namespace(&self) -> &str {
        &self.namespace
    }
}

/// Nexus endpoints are cluster-wide.
impl Namespaced for temporalio_protos::protos::temporal::api::operatorservice::v1::ListNexusEndpointsRequest {
    fn namespace(&self) -> &str {
        ""
    }
}

impl Namespaced for temporalio_protos::protos::temporal::api::operatorservice::v1::GetNexusEndpointRequest {
    fn namespace(&self) -> &str {
        ""
    }
}

impl Namespaced for service::GetSearchAttributesRequest {
    fn namespace(&self) -> &str {
        ""
    }
}

impl Namespaced for service::GetClusterInfoRequest {
    fn namespace(&self) -> &str {
        ""
    }
}

impl Namespaced for service::ListNamespacesRequest {
    fn namespace(&self) -> &str {
        ""
    }
}

impl Namespaced for service::GetSystemInfoRequest {
    fn namespace(&self) -> &str {
        ""
    }
}
