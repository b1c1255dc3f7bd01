//! The service behind the gRPC-web layer: one plain gRPC unary call in, decided by its method
//! and namespace (see [`super::methods`]), forwarded as it is over the cluster's own channel (its
//! TLS, API key and metrics), its answer or Temporal's status sent back unchanged.
use std::{convert::Infallible, future::Future, pin::Pin, task::Context, task::Poll, time::Duration};

use bytes::{Buf, Bytes};
use http::{HeaderMap, HeaderName, HeaderValue, uri::PathAndQuery};
use inspector::{TemporalClient, access::Access};
use tonic::{
    Status,
    body::Body,
    codec::{Codec, DecodeBuf, Decoder, EncodeBuf, Encoder},
    metadata::{MetadataKey, MetadataMap, MetadataValue},
};

use super::{
    fields::{self, RequestFields},
    frame,
    methods::{self, Method, SERVICE},
};
use crate::{
    audit::{AuditEntry, AuditLog},
    state::AppState,
};

/// Answers up to this size come back (history pages of tens of thousands of events are large).
const MAX_ANSWER_BYTES: usize = 64 * 1024 * 1024;

/// The forwarder of one cluster's routes.
#[derive(Clone)]
pub struct Forwarder {
    pub state: AppState,
}

impl tower::Service<http::Request<Body>> for Forwarder {
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<Body>) -> Self::Future {
        let state = self.state.clone();
        Box::pin(async move { Ok(answer(&state, request).await.unwrap_or_else(Status::into_http)) })
    }
}

/// One call, from the plain gRPC request to its answer (a refusal is a gRPC status).
async fn answer(state: &AppState, request: http::Request<Body>) -> Result<http::Response<Body>, Status> {
    let (parts, body) = request.into_parts();
    let name = methods::name_in_path(parts.uri.path())
        .ok_or_else(|| Status::unimplemented(format!("This endpoint forwards {SERVICE} methods only.")))?
        .to_string();
    let method = methods::classify(&name);
    if method == Method::Refused {
        return Err(Status::permission_denied(format!(
            "{name} is not on this server's gRPC-web allow-list: it forwards the reads the debugger \
             shows and the write actions its policy allows."
        )));
    }
    let message = frame::read_message(body).await?;
    let (namespaced, target) = match method {
        Method::Read { namespaced } => (namespaced, methods::Target::None),
        Method::Write { target, .. } => (true, target),
        Method::Refused => (false, methods::Target::None),
    };
    let fields =
        fields::read(&message, namespaced, target).map_err(|error| Status::invalid_argument(error.to_string()))?;
    let temporal = &state.cluster.temporal;
    let Method::Write { kind, .. } = method else {
        return forward(temporal, &parts, &name, &fields.namespace, message).await;
    };
    let access = parts.extensions.get::<Access>().cloned().unwrap_or_else(Access::read_only);
    let audit = Audit {
        log: &state.audit,
        access: &access,
        cluster: temporal.cluster(),
        kind,
        name: &name,
        fields: &fields,
        headers: &parts.headers,
    };
    let allowed = access
        .check(kind, &fields.namespace)
        .and_then(|()| batch_check(&name, &message, &access, &fields.namespace))
        .and_then(|()| state.origin_rule.check(&parts.headers));
    if let Err(reason) = allowed {
        let reason = reason.trim_start_matches("Refused: ").trim_end_matches('.').to_string();
        audit.record(format!("refused: {reason}"));
        return Err(Status::permission_denied(format!("{name} refused: {reason}.")));
    }
    let result = forward(temporal, &parts, &name, &fields.namespace, message).await;
    audit.record(match &result {
        Ok(_) => "forwarded".to_string(),
        Err(status) => format!("failed: Temporal answered {:?}: {}", status.code(), status.message()),
    });
    result
}

/// A batch operation also needs the permission of what it does to each run; one this server
/// offers no action for is refused.
fn batch_check(name: &str, message: &Bytes, access: &Access, namespace: &str) -> Result<(), String> {
    if name != "StartBatchOperation" {
        return Ok(());
    }
    match methods::batch_operation_needs(fields::batch_operation(message).map_err(|error| error.to_string())?) {
        methods::BatchNeeds::BatchOnly => Ok(()),
        methods::BatchNeeds::Also(kind) => access.check(kind, namespace),
        methods::BatchNeeds::Refused(what) => Err(format!("{what} is not an action of this server")),
    }
}

/// Sends the message as a unary call of `name` over the cluster's channel, with the namespace's
/// metadata, the configured forwarded headers and the caller's deadline (else the cluster's).
/// Nothing else of the browser's request (cookies, its own metadata) reaches Temporal.
async fn forward(
    temporal: &TemporalClient,
    parts: &http::request::Parts,
    name: &str,
    namespace: &str,
    message: Bytes,
) -> Result<http::Response<Body>, Status> {
    let path = PathAndQuery::try_from(format!("/{SERVICE}/{name}"))
        .map_err(|_| Status::invalid_argument(format!("{name:?} is not a method name.")))?;
    let mut request = tonic::Request::new(message);
    request.set_timeout(parts.headers.get("grpc-timeout").and_then(grpc_timeout).unwrap_or(temporal.deadline()));
    let metadata = request.metadata_mut();
    if let Ok(value) = MetadataValue::try_from(namespace)
        && !namespace.is_empty()
    {
        metadata.insert("temporal-namespace", value);
    }
    copy_forwarded(temporal.forward_headers(), &parts.headers, metadata);
    // With sign-in on, Temporal sees the user's own token, as for the pages' calls.
    if let Some(token) = parts.extensions.get::<inspector::access::UserToken>() {
        TemporalClient::authorize_as_user(&mut request, token);
    }
    let mut grpc = tonic::client::Grpc::new(temporal.call_channel()).max_decoding_message_size(MAX_ANSWER_BYTES);
    grpc.ready()
        .await
        .map_err(|error| Status::unavailable(format!("Temporal is unreachable at {}: {error}", temporal.address())))?;
    let answer = grpc.unary(request, path, RawCodec).await?;
    let (metadata, message, _) = answer.into_parts();
    let mut response = http::Response::new(frame::answer_body(message));
    response.headers_mut().insert(http::header::CONTENT_TYPE, HeaderValue::from_static("application/grpc"));
    for (key, value) in metadata.into_headers().iter() {
        if !reserved(key) {
            response.headers_mut().append(key.clone(), value.clone());
        }
    }
    Ok(response)
}

/// Headers of the answer that are the transport's, not Temporal's metadata.
fn reserved(name: &HeaderName) -> bool {
    let name = name.as_str();
    name.starts_with("grpc-")
        || ["content-type", "content-length", "te", "trailer", "transfer-encoding", "connection", "date"]
            .contains(&name)
}

/// `TEMPORAL_FORWARD_HEADERS` from the browser's request, as the pages forward them.
fn copy_forwarded(names: &[String], headers: &HeaderMap, metadata: &mut MetadataMap) {
    for name in names {
        let Some(value) = headers.get(name.as_str()) else { continue };
        if let (Ok(key), Ok(value)) =
            (MetadataKey::from_bytes(name.as_bytes()), MetadataValue::try_from(value.as_bytes()))
        {
            metadata.insert(key, value);
        }
    }
}

/// A `grpc-timeout` header (`10S`, `500m`, …) as a duration; malformed ones are ignored.
fn grpc_timeout(value: &HeaderValue) -> Option<Duration> {
    let text = value.to_str().ok()?;
    let (digits, unit) = text.split_at(text.len().checked_sub(1)?);
    let amount: u64 = digits.parse().ok().filter(|_| digits.len() <= 8)?;
    Some(match unit {
        "H" => Duration::from_secs(amount * 3600),
        "M" => Duration::from_secs(amount * 60),
        "S" => Duration::from_secs(amount),
        "m" => Duration::from_millis(amount),
        "u" => Duration::from_micros(amount),
        "n" => Duration::from_nanos(amount),
        _ => return None,
    })
}

/// One write's audit line, filled from the request.
struct Audit<'a> {
    log: &'a AuditLog,
    access: &'a Access,
    cluster: &'a str,
    kind: model::ActionKind,
    name: &'a str,
    fields: &'a RequestFields,
    headers: &'a HeaderMap,
}

impl Audit<'_> {
    fn record(&self, result: String) {
        self.log.record(&AuditEntry {
            time: inspector::temporal::time::now().map(|now| now.iso).unwrap_or_default(),
            user: self.access.identity(),
            action: self.kind.slug().to_string(),
            cluster: self.cluster.to_string(),
            namespace: self.fields.namespace.clone(),
            workflow_id: self.fields.workflow_id.clone(),
            run_id: self.fields.run_id.clone(),
            query: String::new(),
            reason: String::new(),
            detail: format!("gRPC-web {}", self.name),
            result,
            request_id: self.headers.get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("").to_string(),
        });
    }
}

/// Messages as bytes both ways: the forwarder never decodes what it passes on.
#[derive(Debug, Clone, Copy, Default)]
struct RawCodec;

impl Codec for RawCodec {
    type Encode = Bytes;
    type Decode = Bytes;
    type Encoder = RawCodec;
    type Decoder = RawCodec;

    fn encoder(&mut self) -> RawCodec {
        RawCodec
    }

    fn decoder(&mut self) -> RawCodec {
        RawCodec
    }
}

impl Encoder for RawCodec {
    type Item = Bytes;
    type Error = Status;

    fn encode(&mut self, item: Bytes, dst: &mut EncodeBuf<'_>) -> Result<(), Status> {
        bytes::BufMut::put_slice(dst, &item);
        Ok(())
    }
}

impl Decoder for RawCodec {
    type Item = Bytes;
    type Error = Status;

    fn decode(&mut self, src: &mut DecodeBuf<'_>) -> Result<Option<Bytes>, Status> {
        Ok(Some(src.copy_to_bytes(src.remaining())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grpc_timeouts_are_read_in_every_unit() {
        let parse = |text: &'static str| grpc_timeout(&HeaderValue::from_static(text));
        assert_eq!(parse("10S"), Some(Duration::from_secs(10)));
        assert_eq!(parse("1500m"), Some(Duration::from_millis(1500)));
        assert_eq!(parse("2M"), Some(Duration::from_secs(120)));
        assert_eq!(parse("S"), None);
        assert_eq!(parse("10x"), None);
        assert_eq!(parse(""), None);
        assert_eq!(parse("123456789S"), None);
    }

    #[test]
    fn only_configured_headers_are_forwarded() {
        let mut headers = HeaderMap::new();
        headers.insert("x-tenant", HeaderValue::from_static("blue"));
        headers.insert("cookie", HeaderValue::from_static("session=secret"));
        let mut metadata = MetadataMap::new();
        copy_forwarded(&["x-tenant".to_string()], &headers, &mut metadata);
        assert_eq!(metadata.get("x-tenant").unwrap(), "blue");
        assert!(metadata.get("cookie").is_none());
        assert!(reserved(&HeaderName::from_static("grpc-status")) && !reserved(&HeaderName::from_static("x-tenant")));
    }
}
