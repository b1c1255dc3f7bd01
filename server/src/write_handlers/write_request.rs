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
