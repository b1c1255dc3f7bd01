//! gRPC-web's gate against cross-site writes: only gRPC-web content types reach the forwarder
//! (an HTTP/2 `text/plain` POST does not), and writes need this server's own `Origin`.
use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use hyper_util::{client::legacy::Client, rt::TokioExecutor};
use prost::Message as _;
use temporalio_protos::protos::temporal::api::{
    common::v1::WorkflowExecution,
    workflowservice::v1::{DescribeWorkflowExecutionRequest, TerminateWorkflowExecutionRequest},
};
use tonic::Code;

use crate::{
    actions_support::{start_approval, wait_for_history, writable_app},
    grpc_web::{PATH, approve, client, complete_directly, from_origin, ns, serve},
};

#[tokio::test]
async fn grpc_web_writes_from_another_site_or_no_site_are_refused() {
    let (workflow_id, run_id) = start_approval("grpcweb-crosssite").await;
    let mut client = client(&serve(writable_app(&[])).await);
    let cross_site = from_origin(approve(&workflow_id, &run_id), "https://evil.example");
    let refused = client.signal_workflow_execution(cross_site).await.expect_err("another site");
    assert_eq!(refused.code(), Code::PermissionDenied, "{refused:?}");
    assert!(refused.message().contains("another site"), "{}", refused.message());
    let refused = client.signal_workflow_execution(approve(&workflow_id, &run_id)).await.expect_err("no Origin");
    assert_eq!(refused.code(), Code::PermissionDenied, "{refused:?}");
    assert!(refused.message().contains("no Origin"), "{}", refused.message());
    let json = wait_for_history(&workflow_id, &run_id, "EVENT_TYPE_WORKFLOW_TASK_COMPLETED").await;
    assert!(!json.contains("EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED"), "no signal reached the run");
    complete_directly(&workflow_id, &run_id).await;
}

/// The cross-site write of issue 21: an HTTP/2 `POST` with a "simple" content type (which a page
/// of any site may send without a preflight) carrying a gRPC frame of TerminateWorkflowExecution.
#[tokio::test]
async fn grpc_web_plain_http2_posts_never_reach_temporal() {
    use http_body_util::BodyExt as _;
    let (workflow_id, run_id) = start_approval("grpcweb-h2-plain").await;
    let base = serve(writable_app(&[])).await;
    let terminate = TerminateWorkflowExecutionRequest {
        namespace: ns().into(),
        workflow_execution: Some(WorkflowExecution { workflow_id: workflow_id.clone(), run_id: run_id.clone() }),
        reason: "cross-site".into(),
        ..Default::default()
    }
    .encode_to_vec();
    let mut frame = vec![0u8];
    frame.extend_from_slice(&(terminate.len() as u32).to_be_bytes());
    frame.extend_from_slice(&terminate);
    let http2 = Client::builder(TokioExecutor::new()).http2_only(true).build_http::<Body>();
    for content_type in ["text/plain", "application/grpc", "application/x-www-form-urlencoded"] {
        for origin in ["https://evil.example", base.as_str()] {
            let request = Request::post(format!("{base}{PATH}/TerminateWorkflowExecution"))
                .header(header::CONTENT_TYPE, content_type)
                .header(header::ORIGIN, origin)
                .header("te", "trailers")
                .body(Body::from(frame.clone()))
                .expect("request");
            let answer = http2.request(request).await.expect("an HTTP/2 answer");
            assert_eq!(answer.version(), axum::http::Version::HTTP_2);
            let status = answer.status();
            let body = answer.into_body().collect().await.expect("body").to_bytes();
            assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{content_type} from {origin}: {body:?}");
        }
    }
    let direct = crate::actions_support::client();
    let described = direct
        .workflow_service()
        .describe_workflow_execution(direct.request(DescribeWorkflowExecutionRequest {
            namespace: ns().into(),
            execution: Some(WorkflowExecution { workflow_id: workflow_id.clone(), run_id: run_id.clone() }),
        }))
        .await
        .expect("describe")
        .into_inner();
    let status = described.workflow_execution_info.expect("info").status;
    assert_eq!(status, 1, "the run is still running (WORKFLOW_EXECUTION_STATUS_RUNNING)");
    complete_directly(&workflow_id, &run_id).await;
}
