//! [`WriteRequest`]: what every write handler starts from. It reads the form and takes what the
//! layers put on the request (the user's access, the CSRF token) once; the handler names the
//! write, passes [`WriteRequest::refusal`] and records the outcome, which writes the audit line.
use axum::{
    extract::{FromRequest, Request},
    response::Response,
};
use inspector::{
    TemporalClient,
    access::{Access, CsrfToken},
};
use model::{AppError, PageLinks};
use serde::de::DeserializeOwned;

use super::{
    guard::{self, Claimed, Expected, Refusal},
    response,
};
use crate::{
    audit::{AuditEntry, AuditLog},
    state::AppState,
};

/// The largest form a write accepts (a signal's or start's JSON input included).
const FORM_LIMIT: usize = 64 * 1024;

/// A write's form: the fields the guard checks. Forms without a run or a confirmation keep the
/// defaults (empty), which is what the guard expects of them.
pub trait WriteForm: DeserializeOwned + Default + Send {
    fn csrf(&self) -> &str;
    /// Why, as the user wrote it (the audit line's reason).
    fn reason(&self) -> &str;
    /// The run the form was opened for.
    fn run_id(&self) -> &str {
        ""
    }
    /// The typed confirmation of a destructive write.
    fn confirm(&self) -> &str {
        ""
    }
}

/// A write's form and request: the user, the client acting for them, the cluster's page links,
/// and the audit line begun (time, user, cluster, request ID, reason).
pub struct WriteRequest<F> {
    pub form: F,
    /// The user as Temporal records them (and the audit line names them).
    pub identity: String,
    /// The cluster's client acting for this request: the user's token and forwarded headers.
    pub client: TemporalClient,
    pub links: PageLinks,
    /// The handler fills in what was written ([`WriteRequest::audit_as`], `detail`, `query`).
    pub audit: AuditEntry,
    access: Access,
    token: Option<CsrfToken>,
    log: AuditLog,
}

impl<F: WriteForm> FromRequest<AppState> for WriteRequest<F> {
    /// A form over the limit: answered before anything is checked or audited.
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (parts, body) = request.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, FORM_LIMIT).await else {
            return Err(response::refused(&Refusal::bad_request("The form is too large.")));
        };
        // A form that does not parse is read as empty: without its CSRF token, it is refused.
        let form: F = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
        // Read-only when no access layer ran (the router always runs it).
        let access = Access::of(&parts);
        let identity = access.identity();
        let audit = AuditEntry {
            time: inspector::temporal::time::now().map(|now| now.iso).unwrap_or_default(),
            user: identity.clone(),
            action: String::new(),
            cluster: state.cluster.temporal.cluster().to_string(),
            namespace: String::new(),
            workflow_id: String::new(),
            run_id: String::new(),
            query: String::new(),
            reason: form.reason().trim().to_string(),
            detail: String::new(),
            result: String::new(),
            request_id: parts.headers.get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("").to_string(),
        };
        Ok(WriteRequest {
            form,
            identity,
            client: state.cluster.temporal.for_request(&parts),
            links: state.cluster.links(),
            audit,
            token: parts.extensions.get::<CsrfToken>().cloned(),
            access,
            log: state.audit.clone(),
        })
    }
}

impl<F: WriteForm> WriteRequest<F> {
    /// Names the write in its audit line: the action and what it acts on (the workflow and run
    /// empty for a batch or a schedule).
    pub fn audit_as(&mut self, action: &str, (namespace, workflow_id, run_id): (&str, &str, &str)) {
        self.audit.action = action.to_string();
        self.audit.namespace = namespace.to_string();
        self.audit.workflow_id = workflow_id.to_string();
        self.audit.run_id = run_id.to_string();
    }

    /// The guard: the write policy for this action in this namespace, the CSRF token, the run and
    /// the confirmation the form sends. A refusal comes audited, as the answer to send.
    pub fn refusal(&self, expected: &Expected) -> Option<Response> {
        let form = &self.form;
        let claimed = Claimed { csrf: form.csrf(), run_id: form.run_id(), confirm: form.confirm() };
        guard::check(&self.access, self.token.as_ref(), &claimed, expected).err().map(|refusal| self.refuse(&refusal))
    }

    /// Audits a refusal (the guard's or the handler's own) and answers with it.
    pub fn refuse(&self, refusal: &Refusal) -> Response {
        let mut entry = self.audit.clone();
        entry.result = format!("refused: {}", refusal.message);
        self.log.record(&entry);
        response::refused(refusal)
    }

    /// Audits the write's outcome: "ok" or "failed: …" (a failed write may have been applied).
    pub fn record<T>(&mut self, outcome: &Result<T, AppError>) {
        let result = match outcome {
            Ok(_) => "ok".into(),
            Err(error) => format!("failed: {error}"),
        };
        self.record_result(result);
    }

    /// Audits the write with its result. The read cache forgets the workflow (the namespace's
    /// runs for a batch), so whoever wrote sees the change on the next page, not a minute later.
    pub fn record_result(&mut self, result: String) {
        self.client.read_cache().forget(&self.audit.namespace, &self.audit.workflow_id);
        self.audit.result = result;
        self.log.record(&self.audit);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use axum::{body::Body, http::StatusCode};
    use inspector::access::WritePolicy;
    use model::ActionKind;

    use super::*;

    #[derive(Debug, Default, serde::Deserialize)]
    #[serde(default)]
    struct TestForm {
        csrf: String,
        reason: String,
        run_id: String,
        confirm: String,
    }

    impl WriteForm for TestForm {
        fn csrf(&self) -> &str {
            &self.csrf
        }
        fn reason(&self) -> &str {
            &self.reason
        }
        fn run_id(&self) -> &str {
            &self.run_id
        }
        fn confirm(&self) -> &str {
            &self.confirm
        }
    }

    /// A data directory removed when the test ends.
    struct DataDir(std::path::PathBuf);

    impl Drop for DataDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// A state whose audit log is in a directory of its own (the client never connects).
    fn state() -> (AppState, DataDir) {
        let dir = std::env::temp_dir().join(format!("tdbg-write-request-{}", uuid::Uuid::new_v4().simple()));
        let path = dir.to_string_lossy().into_owned();
        let config =
            crate::Config::from_flags(["server", "--temporal-address", "127.0.0.1:1", "--data-dir", path.as_str()]);
        (AppState::new(&config).expect("state"), DataDir(dir))
    }

    fn writes_on() -> Access {
        Access { policy: Arc::new(WritePolicy { enabled: true, ..WritePolicy::default() }), sign_in: false, user: None }
    }

    async fn read(state: &AppState, access: Access, body: impl Into<Body>) -> Result<WriteRequest<TestForm>, Response> {
        let mut request = Request::builder().method("POST").uri("/").header("x-request-id", "req-1");
        request = request.extension(access).extension(CsrfToken("token".into()));
        WriteRequest::from_request(request.body(body.into()).expect("request"), state).await
    }

    fn expected(confirmation: Option<(&'static str, &'static str)>) -> Expected<'static> {
        Expected { action: ActionKind::Cancel, namespace: "ns", run_id: "run", confirmation }
    }

    async fn text(response: Response) -> (StatusCode, String) {
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body");
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    fn audit_lines(state: &AppState) -> Vec<serde_json::Value> {
        let path = state.audit.path().expect("an audit file");
        let text = std::fs::read_to_string(path).unwrap_or_default();
        text.lines().map(|line| serde_json::from_str(line).expect("audit JSON")).collect()
    }

    #[tokio::test]
    async fn a_form_over_the_limit_is_answered_before_any_audit() {
        let (state, _dir) = state();
        let refused = read(&state, writes_on(), vec![b'a'; FORM_LIMIT + 1]).await.err().expect("refused");
        let (status, body) = text(refused).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("The form is too large."), "{body}");
        assert!(audit_lines(&state).is_empty());
    }

    #[tokio::test]
    async fn the_policy_is_checked_before_the_token_and_the_refusal_audited() {
        let (state, _dir) = state();
        let mut write = read(&state, Access::read_only(), "csrf=forged&reason=+why+").await.expect("read");
        write.audit_as("cancel", ("ns", "wf", "run"));
        let (status, body) = text(write.refusal(&expected(None)).expect("refused")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(body.contains("TDBG_ENABLE_WRITE_ACTIONS"), "{body}");
        let lines = audit_lines(&state);
        assert_eq!(lines.len(), 1);
        let line = &lines[0];
        assert_eq!(
            (&line["action"], &line["namespace"], &line["workflow_id"]),
            (&"cancel".into(), &"ns".into(), &"wf".into())
        );
        assert_eq!((&line["reason"], &line["request_id"]), (&"why".into(), &"req-1".into()));
        assert!(line["result"].as_str().is_some_and(|result| result.starts_with("refused: Refused: write actions")));
    }

    #[tokio::test]
    async fn token_run_and_confirmation_refuse_with_their_sentences() {
        let (state, _dir) = state();
        let cases = [
            ("csrf=forged&run_id=run", None, StatusCode::FORBIDDEN, "CSRF token is missing"),
            ("csrf=token&run_id=other", None, StatusCode::BAD_REQUEST, "but the URL names run"),
            (
                "csrf=token&run_id=run&confirm=oops",
                Some(("wf", "the workflow ID")),
                StatusCode::BAD_REQUEST,
                "To confirm",
            ),
        ];
        for (form, confirmation, status, sentence) in cases {
            let write = read(&state, writes_on(), form).await.expect("read");
            let (got, body) = text(write.refusal(&expected(confirmation)).expect("refused")).await;
            assert_eq!(got, status, "{form}");
            assert!(body.contains(sentence), "{form}: {body}");
        }
        assert_eq!(audit_lines(&state).len(), 3, "each refusal is audited");
    }

    #[tokio::test]
    async fn a_checked_write_records_its_outcome() {
        let (state, _dir) = state();
        let mut write = read(&state, writes_on(), "csrf=token&run_id=run&confirm=+wf+").await.expect("read");
        write.audit_as("terminate", ("ns", "wf", "run"));
        assert!(write.refusal(&expected(Some(("wf", "the workflow ID")))).is_none(), "the typed ID, trimmed");
        write.record(&Ok::<(), AppError>(()));
        write.record(&Err::<(), AppError>(AppError::BadRequest("no such run".into())));
        let results: Vec<String> =
            audit_lines(&state).iter().map(|line| line["result"].as_str().unwrap_or("").to_string()).collect();
        assert_eq!(results[0], "ok");
        assert!(results[1].starts_with("failed: ") && results[1].contains("no such run"), "{results:?}");
    }
}
