//! The gRPC-web endpoint through a real grpc-web client (tonic-web's client layer over a hyper
//! client, with the generated `WorkflowServiceClient`) talking to the app on a TCP port: reads on
//! the allow-list pass, writes follow the write policy and are audited, other methods are
//! refused, per cluster and under the public path; CORS stays closed unless origins are set.
use axum::{
    Router,
    body::Body,
    http::{Request, StatusCode, header},
};
use base64::Engine as _;
use hyper_util::{
    client::legacy::{Client, connect::HttpConnector},
    rt::TokioExecutor,
};
use prost::Message as _;
use temporalio_protos::protos::temporal::api::{
    batch::v1::{BatchOperationDeletion, BatchOperationTermination},
    common::v1::{Payload, Payloads, WorkflowExecution},
    query::v1::WorkflowQuery,
    workflowservice::v1::start_batch_operation_request::Operation,
    workflowservice::v1::{
        DescribeNamespaceRequest, GetSystemInfoRequest, ListNamespacesRequest, ListWorkflowExecutionsRequest,
        QueryWorkflowRequest, SignalWorkflowExecutionRequest, StartBatchOperationRequest, UpdateNamespaceRequest,
        UpdateWorkflowExecutionOptionsRequest, workflow_service_client::WorkflowServiceClient,
    },
};
use tonic::Code;
use tonic_web::{GrpcWebCall, GrpcWebClientService};

use crate::{
    actions_support::{start_approval, wait_for_history, writable_app},
    server_process::ServerProcess,
    support::{Fixture, app_with_config, closed_port, on_app_runtime, send_request, str_of, test_data_dir},
};

type WebClient = WorkflowServiceClient<GrpcWebClientService<Client<HttpConnector, GrpcWebCall<tonic::body::Body>>>>;

pub(crate) const PATH: &str = "/temporal.api.workflowservice.v1.WorkflowService";

pub(crate) fn ns() -> &'static str {
    Fixture::get().namespace()
}

/// Serves `app` on a free loopback port, on the app runtime; answers its base URL.
pub(crate) async fn serve(app: Router) -> String {
    on_app_runtime(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let address = listener.local_addr().expect("address");
        tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
        format!("http://{address}")
    })
    .await
}

/// A grpc-web client (HTTP/1.1, `application/grpc-web+proto`) for `base` (which may hold a path).
pub(crate) fn client(base: &str) -> WebClient {
    let http = Client::builder(TokioExecutor::new()).build_http();
    WorkflowServiceClient::with_origin(GrpcWebClientService::new(http), base.parse().expect("origin"))
}

fn describe(namespace: &str) -> DescribeNamespaceRequest {
    DescribeNamespaceRequest { namespace: namespace.into(), ..Default::default() }
}

pub(crate) fn approve(workflow_id: &str, run_id: &str) -> SignalWorkflowExecutionRequest {
    let input = Payload {
        metadata: [("encoding".to_string(), b"json/plain".to_vec())].into(),
        data: b"\"grpc-web@example.com\"".to_vec(),
        ..Default::default()
    };
    SignalWorkflowExecutionRequest {
        namespace: ns().into(),
        workflow_execution: Some(WorkflowExecution { workflow_id: workflow_id.into(), run_id: run_id.into() }),
        signal_name: "approve".into(),
        input: Some(Payloads { payloads: vec![input] }),
        identity: "grpc-web test".into(),
        request_id: uuid::Uuid::new_v4().to_string(),
        ..Default::default()
    }
}

/// The audit lines naming `workflow_id`, as JSON.
fn audit_lines(workflow_id: &str) -> Vec<serde_json::Value> {
    let audit = std::fs::read_to_string(test_data_dir().join("audit.jsonl")).unwrap_or_default();
    audit
        .lines()
        .filter(|line| line.contains(workflow_id))
        .map(|line| serde_json::from_str(line).expect("JSON"))
        .collect()
}

/// Approves a run directly (not through the endpoint) and waits for it to complete, so a test
/// leaves no running workflow under the fixture's prefix (the list tests count those).
pub(crate) async fn complete_directly(workflow_id: &str, run_id: &str) {
    let direct = crate::actions_support::client();
    direct
        .workflow_service()
        .signal_workflow_execution(direct.request(approve(workflow_id, run_id)))
        .await
        .expect("approve directly");
    wait_for_history(workflow_id, run_id, "EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED").await;
}

#[tokio::test]
async fn grpc_web_reads_on_the_allow_list_are_forwarded() {
    let mut client = client(&serve(Fixture::get().app()).await);
    let described = client.describe_namespace(describe(ns())).await.expect("DescribeNamespace").into_inner();
    assert_eq!(described.namespace_info.expect("namespace info").name, ns());
    let listed = client
        .list_workflow_executions(ListWorkflowExecutionsRequest {
            namespace: ns().into(),
            page_size: 5,
            ..Default::default()
        })
        .await
        .expect("ListWorkflowExecutions")
        .into_inner();
    assert!(!listed.executions.is_empty(), "the fixture namespace has runs");
    // Requests without a namespace field (ListNamespaces' field 1 is its page size).
    let namespaces = client
        .list_namespaces(ListNamespacesRequest { page_size: 50, ..Default::default() })
        .await
        .expect("ListNamespaces")
        .into_inner();
    assert!(
        namespaces.namespaces.iter().any(|entry| entry.namespace_info.as_ref().is_some_and(|info| info.name == ns()))
    );
    let system = client.get_system_info(GetSystemInfoRequest {}).await.expect("GetSystemInfo").into_inner();
    assert!(!system.server_version.is_empty());
    // Temporal's own errors come back as they are.
    let missing = client.describe_namespace(describe("no-such-namespace-grpc-web")).await.expect_err("unknown");
    assert_eq!(missing.code(), Code::NotFound, "{missing:?}");
}

#[tokio::test]
async fn grpc_web_queries_are_allowed_on_a_read_only_server() {
    let entry = Fixture::get().workflow("signal_waiter");
    let request = QueryWorkflowRequest {
        namespace: ns().into(),
        execution: Some(WorkflowExecution {
            workflow_id: str_of(entry, "workflow_id").into(),
            run_id: str_of(entry, "run_id").into(),
        }),
        query: Some(WorkflowQuery { query_type: "status".into(), ..Default::default() }),
        ..Default::default()
    };
    let answer = client(&serve(Fixture::get().app()).await).query_workflow(request).await.expect("QueryWorkflow");
    let result = answer.into_inner().query_result.expect("a query result");
    assert!(!result.payloads.is_empty() && !result.payloads[0].data.is_empty(), "{result:?}");
}

#[tokio::test]
async fn grpc_web_writes_are_refused_on_a_read_only_server() {
    let (workflow_id, run_id) = start_approval("grpcweb-readonly").await;
    let mut client = client(&serve(Fixture::get().app()).await);
    let refused = client.signal_workflow_execution(approve(&workflow_id, &run_id)).await.expect_err("read-only");
    assert_eq!(refused.code(), Code::PermissionDenied, "{refused:?}");
    assert!(refused.message().contains("TDBG_ENABLE_WRITE_ACTIONS"), "{}", refused.message());
    let json = wait_for_history(&workflow_id, &run_id, "EVENT_TYPE_WORKFLOW_TASK_COMPLETED").await;
    assert!(!json.contains("EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED"), "the signal did not reach the run");
    let lines = audit_lines(&workflow_id);
    assert!(lines.iter().any(|line| line["result"].as_str().is_some_and(|r| r.starts_with("refused: "))), "{lines:?}");
    complete_directly(&workflow_id, &run_id).await;
}

/// `message` as a call a browser page of `origin` sends (a browser adds `Origin` itself).
pub(crate) fn from_origin<T>(message: T, origin: &str) -> tonic::Request<T> {
    let mut request = tonic::Request::new(message);
    request.metadata_mut().insert("origin", origin.parse().expect("origin"));
    request
}

#[tokio::test]
async fn grpc_web_a_signal_with_writes_on_reaches_the_run_and_is_audited() {
    let (workflow_id, run_id) = start_approval("grpcweb-signal").await;
    let base = serve(writable_app(&[])).await;
    let mut client = client(&base);
    client.signal_workflow_execution(from_origin(approve(&workflow_id, &run_id), &base)).await.expect("Signal");
    let json = wait_for_history(&workflow_id, &run_id, "EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED").await;
    // The message goes through as the client wrote it (its identity too; the audit line names the user).
    assert!(
        json.contains("EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED") && json.contains("\"identity\":\"grpc-web test\""),
        "{json}"
    );
    let lines = audit_lines(&workflow_id);
    let line = lines.iter().find(|line| line["result"] == "forwarded").unwrap_or_else(|| panic!("{lines:?}"));
    assert_eq!(line["action"], "signal");
    assert_eq!(line["detail"], "gRPC-web SignalWorkflowExecution");
    assert_eq!(line["namespace"], ns());
    assert_eq!(line["run_id"], run_id.as_str());
    assert_eq!(line["user"], "temporal-debugger (sign-in off)");
}

#[tokio::test]
async fn grpc_web_a_signal_is_refused_when_signals_are_turned_off() {
    let (workflow_id, run_id) = start_approval("grpcweb-nosignal").await;
    let app = writable_app(&["--workflow-signal-disabled", "true"]);
    let refused = client(&serve(app).await).signal_workflow_execution(approve(&workflow_id, &run_id)).await;
    let refused = refused.expect_err("signals are off");
    assert_eq!(refused.code(), Code::PermissionDenied, "{refused:?}");
    assert!(refused.message().contains("TEMPORAL_WORKFLOW_SIGNAL_DISABLED"), "{}", refused.message());
    complete_directly(&workflow_id, &run_id).await;
}

#[tokio::test]
async fn grpc_web_a_batch_delete_needs_the_delete_permission_too() {
    // Batches on, deleting off: a batch that deletes is refused before Temporal sees it.
    let base = serve(writable_app(&["--workflow-delete-disabled", "true"])).await;
    let mut client = client(&base);
    let batch = |operation| StartBatchOperationRequest {
        namespace: ns().into(),
        visibility_query: "WorkflowId = 'grpcweb-no-such-run'".into(),
        job_id: format!("grpcweb-{}", std::process::id()),
        reason: "test".into(),
        operation: Some(operation),
        ..Default::default()
    };
    let deletion = batch(Operation::DeletionOperation(BatchOperationDeletion::default()));
    let refused = client.start_batch_operation(from_origin(deletion, &base)).await.expect_err("deleting is off");
    assert_eq!(refused.code(), Code::PermissionDenied, "{refused:?}");
    assert!(refused.message().contains("TEMPORAL_WORKFLOW_DELETE_DISABLED"), "{}", refused.message());
    // The same batch terminating instead is forwarded (Temporal runs it on no runs).
    let termination = batch(Operation::TerminationOperation(BatchOperationTermination::default()));
    client.start_batch_operation(from_origin(termination, &base)).await.expect("a batch terminate is allowed");
}

#[tokio::test]
async fn grpc_web_methods_off_the_list_are_refused_even_with_writes_on() {
    let mut client = client(&serve(writable_app(&[])).await);
    // It would change a run's priority and time skipping too, which no action kind covers.
    let options = UpdateWorkflowExecutionOptionsRequest {
        namespace: ns().into(),
        workflow_execution: Some(WorkflowExecution { workflow_id: "anything".into(), run_id: String::new() }),
        ..Default::default()
    };
    let refused = client.update_workflow_execution_options(options).await.expect_err("not on the list");
    assert_eq!(refused.code(), Code::PermissionDenied, "{refused:?}");
    assert!(
        refused.message().contains("UpdateWorkflowExecutionOptions is not on this server's gRPC-web allow-list"),
        "{refused:?}"
    );
    let update = UpdateNamespaceRequest { namespace: ns().into(), ..Default::default() };
    let refused = client.update_namespace(update).await.expect_err("not on the list");
    assert_eq!(refused.code(), Code::PermissionDenied, "{refused:?}");
}

#[tokio::test]
async fn grpc_web_requests_over_4_mb_are_resource_exhausted() {
    let mut request = approve("too-big", "");
    request.input.as_mut().expect("input").payloads[0].data = vec![b'x'; 4 * 1024 * 1024 + 1];
    let refused =
        client(&serve(writable_app(&[])).await).signal_workflow_execution(request).await.expect_err("too big");
    assert_eq!(refused.code(), Code::ResourceExhausted, "{refused:?}");
    assert!(refused.message().contains("larger than 4 MB"), "{refused:?}");
}

#[tokio::test]
async fn grpc_web_each_cluster_answers_under_its_prefix_over_its_own_connection() {
    let dir = tempdir("clusters");
    let config = dir.join("clusters.toml");
    let down = format!("127.0.0.1:{}", closed_port());
    let toml = format!(
        "[[clusters]]\nname = \"default\"\naddress = \"{}\"\nnamespace = \"{}\"\n\n\
         [[clusters]]\nname = \"down\"\naddress = \"{down}\"\nnamespace = \"{}\"\n",
        Fixture::get().temporal_address,
        ns(),
        ns()
    );
    std::fs::write(&config, toml).expect("config");
    let app = app_with_config(server::Config::from_flags(["server", "--config", config.to_str().expect("path")]));
    let base = serve(app).await;
    client(&base).describe_namespace(describe(ns())).await.expect("the default cluster answers");
    let unreachable =
        client(&format!("{base}/clusters/down")).describe_namespace(describe(ns())).await.expect_err("down");
    assert_eq!(unreachable.code(), Code::Unavailable, "{unreachable:?}");
}

#[tokio::test]
async fn grpc_web_lives_under_the_public_path() {
    let data = tempdir("public-path");
    let server = ServerProcess::start(&[
        "--public-path",
        "/temporal",
        "--temporal-address",
        &Fixture::get().temporal_address,
        "--data-dir",
        data.to_str().expect("path"),
    ]);
    let base = format!("http://{}", server.address);
    client(&format!("{base}/temporal")).describe_namespace(describe(ns())).await.expect("under /temporal");
    let outside = client(&base).describe_namespace(describe(ns())).await.expect_err("not at the root");
    assert_ne!(outside.code(), Code::Ok);
}

/// A grpc-web-text call as a browser tool sends it (base64 frames), from `origin`.
fn text_call(origin: &str) -> Request<Body> {
    let message = describe(ns()).encode_to_vec();
    let mut frame = vec![0u8];
    frame.extend_from_slice(&(message.len() as u32).to_be_bytes());
    frame.extend_from_slice(&message);
    Request::post(format!("{PATH}/DescribeNamespace"))
        .header(header::CONTENT_TYPE, "application/grpc-web-text")
        .header(header::ACCEPT, "application/grpc-web-text")
        .header("x-grpc-web", "1")
        .header(header::ORIGIN, origin)
        .body(Body::from(base64::engine::general_purpose::STANDARD.encode(frame)))
        .expect("request")
}

fn preflight(origin: &str) -> Request<Body> {
    Request::options(format!("{PATH}/DescribeNamespace"))
        .header(header::ORIGIN, origin)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "content-type,x-grpc-web,x-user-agent")
        .body(Body::empty())
        .expect("request")
}

#[tokio::test]
async fn grpc_web_cors_is_closed_by_default_and_open_to_configured_origins() {
    let tools = "https://tools.example.com";
    let closed = send_request(&Fixture::get().app(), preflight(tools)).await;
    assert!(closed.headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none(), "{:?}", closed.headers);

    let fixture = Fixture::get();
    let open = app_with_config(server::Config::from_flags([
        "server",
        "--temporal-address",
        &fixture.temporal_address,
        "--cors-origins",
        &format!("{tools},http://localhost:8233"),
    ]));
    let allowed = send_request(&open, preflight(tools)).await;
    assert_eq!(allowed.status, StatusCode::OK);
    assert_eq!(allowed.headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).map(|v| v.to_str().unwrap()), Some(tools));
    let headers = allowed.headers.get(header::ACCESS_CONTROL_ALLOW_HEADERS).expect("allowed headers").to_str().unwrap();
    assert!(headers.contains("x-grpc-web") && headers.contains("grpc-timeout"), "{headers}");
    let other = send_request(&open, preflight("https://evil.example")).await;
    assert!(other.headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none(), "{:?}", other.headers);

    // The call itself, in grpc-web-text: the answer is readable by the tool (status exposed).
    let answer = send_request(&open, text_call(tools)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.html);
    let kind = answer.headers.get(header::CONTENT_TYPE).expect("content type").to_str().unwrap();
    assert!(kind.starts_with("application/grpc-web-text"), "{kind}");
    let exposed = answer.headers.get(header::ACCESS_CONTROL_EXPOSE_HEADERS).expect("exposed").to_str().unwrap();
    assert!(exposed.contains("grpc-status") && exposed.contains("grpc-message"), "{exposed}");
    let frames = decode_text_frames(&answer.html);
    assert!(String::from_utf8_lossy(&frames).contains(ns()), "the answer names the namespace");
    assert!(String::from_utf8_lossy(&frames).contains("grpc-status:0"), "an OK trailer frame");
}

/// The bytes of a grpc-web-text body (one or more base64 chunks, each padded).
fn decode_text_frames(text: &str) -> Vec<u8> {
    let engine = base64::engine::general_purpose::STANDARD;
    let mut bytes = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let end =
            rest.find('=').map(|at| at + rest[at..].chars().take_while(|c| *c == '=').count()).unwrap_or(rest.len());
        bytes.extend(engine.decode(&rest[..end]).expect("base64"));
        rest = &rest[end..];
    }
    bytes
}

fn tempdir(label: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tdbg-grpc-web-{label}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Prints what the endpoint adds to a call: the median of 20 `DescribeNamespace` calls through
/// it against 20 made directly with the app's own client (no assertion: timings vary by machine).
#[tokio::test]
async fn grpc_web_overhead_is_printed() {
    let mut web = client(&serve(Fixture::get().app()).await);
    let direct = crate::actions_support::client();
    let median = |mut times: Vec<std::time::Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let (mut through, mut plain) = (Vec::new(), Vec::new());
    for _ in 0..20 {
        let started = std::time::Instant::now();
        web.describe_namespace(describe(ns())).await.expect("through the endpoint");
        through.push(started.elapsed());
        let started = std::time::Instant::now();
        direct.workflow_service().describe_namespace(direct.request(describe(ns()))).await.expect("direct");
        plain.push(started.elapsed());
    }
    eprintln!("DescribeNamespace median: {:?} through gRPC-web, {:?} direct", median(through), median(plain));
}
