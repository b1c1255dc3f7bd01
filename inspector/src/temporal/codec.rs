//! Decoding payloads through the cluster's codec server (`TEMPORAL_CODEC_ENDPOINT`), on the
//! server, so decoded data shows with JavaScript off too. One call per page: every payload in an
//! encoding this server cannot read (see `payloads::is_standard`) goes in one POST to
//! `{endpoint}/decode` (`{"payloads": [...]}` in proto3 JSON, header `X-Namespace`), with a
//! deadline. When the codec server fails, the page still renders: each payload keeps its raw
//! form and says "codec failed: …".
use std::{collections::HashMap, time::Duration};

use base64::{Engine, engine::general_purpose::STANDARD};
use serde::{Serialize, de::DeserializeOwned};
use serde_json::{Value, json};
use temporalio_protos::protos::temporal::api::common::v1::Payload;

use super::{TemporalClient, payloads};
use crate::access::UserToken;
use model::{CodecOutcome, EncodedPayload};

#[derive(Clone, Debug)]
pub struct Codec {
    endpoint: String,
    http: reqwest::Client,
    deadline: Duration,
    /// `TEMPORAL_CODEC_PASS_ACCESS_TOKEN`: send the signed-in user's token as `Authorization`.
    pass_access_token: bool,
}

impl Codec {
    /// A codec client for `endpoint` (its `/decode` is called); `Err` names what is wrong with it.
    pub fn new(endpoint: &str, deadline: Duration, pass_access_token: bool) -> Result<Codec, String> {
        let endpoint = endpoint.trim_end_matches('/').to_string();
        let url = reqwest::Url::parse(&endpoint).map_err(|error| format!("{endpoint:?} is not a URL ({error})"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!("{endpoint:?} is not an http or https URL"));
        }
        super::tls::crypto_provider();
        let http = reqwest::Client::builder()
            .timeout(deadline)
            .connect_timeout(Duration::from_secs(3))
            .build()
            .map_err(|error| format!("cannot prepare the codec client: {error}"))?;
        payloads::keep_encoded_for_codec(true);
        Ok(Codec { endpoint, http, deadline, pass_access_token })
    }

    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The decoded payloads, in order, or why the codec server could not give them.
    async fn decode(
        &self,
        namespace: &str,
        encoded: &[EncodedPayload],
        token: Option<UserToken>,
    ) -> Result<Vec<Payload>, String> {
        let body = json!({
            "payloads": encoded.iter().map(|payload| json!({
                "metadata": payload.metadata.iter().cloned().collect::<HashMap<_, _>>(),
                "data": payload.data,
            })).collect::<Vec<_>>()
        });
        self.call("decode", namespace, body, encoded.len(), token).await
    }

    /// The payloads as the workers expect them (`/encode`), in order.
    async fn encode(
        &self,
        namespace: &str,
        plain: &[Payload],
        token: Option<UserToken>,
    ) -> Result<Vec<Payload>, String> {
        let body = json!({
            "payloads": plain.iter().map(|payload| json!({
                "metadata": payload.metadata.iter().map(|(key, value)| (key.clone(), STANDARD.encode(value))).collect::<HashMap<_, _>>(),
                "data": STANDARD.encode(&payload.data),
            })).collect::<Vec<_>>()
        });
        self.call("encode", namespace, body, plain.len(), token).await
    }

    /// One POST to `{endpoint}/{path}` with a `{"payloads": […]}` body of `count` payloads.
    async fn call(
        &self,
        path: &str,
        namespace: &str,
        body: Value,
        count: usize,
        token: Option<UserToken>,
    ) -> Result<Vec<Payload>, String> {
        let mut request = self
            .http
            .post(format!("{}/{path}", self.endpoint))
            .header("content-type", "application/json")
            .header("x-namespace", namespace);
        if let Some(token) = token.filter(|_| self.pass_access_token) {
            request = request.header("authorization", format!("Bearer {}", token.0));
        }
        let response = request.body(body.to_string()).send().await.map_err(|error| self.transport_words(&error))?;
        let status = response.status();
        let text = response.text().await.map_err(|error| self.transport_words(&error))?;
        if !status.is_success() {
            let detail: String = text.chars().take(200).collect();
            return Err(format!("the codec server answered {status}: {}", detail.trim()));
        }
        let answer: Value =
            serde_json::from_str(&text).map_err(|_| "the codec server's answer is not JSON".to_string())?;
        let list = answer["payloads"].as_array().ok_or("the codec server's answer has no \"payloads\" list")?;
        if list.len() != count {
            return Err(format!("the codec server answered {} payloads for {count}", list.len()));
        }
        list.iter().map(payload_from_json).collect()
    }

    fn transport_words(&self, error: &reqwest::Error) -> String {
        if error.is_timeout() {
            format!("the codec server did not answer within {} s", self.deadline.as_secs())
        } else if error.is_connect() {
            format!("the codec server at {} is unreachable", self.endpoint)
        } else {
            format!("the call to the codec server failed: {error}")
        }
    }
}

fn payload_from_json(value: &Value) -> Result<Payload, String> {
    let bytes = |text: &Value| {
        STANDARD
            .decode(text.as_str().unwrap_or_default())
            .map_err(|_| "a payload in the codec server's answer is not base64".to_string())
    };
    let mut metadata = HashMap::new();
    if let Some(entries) = value["metadata"].as_object() {
        for (key, text) in entries {
            metadata.insert(key.clone(), bytes(text)?);
        }
    }
    Ok(Payload { metadata, data: bytes(&value["data"])?, external_payloads: Vec::new() })
}

/// JSON pointers of every payload view in `value` that still carries its encoded form.
fn encoded_payloads(value: &Value, pointer: String, out: &mut Vec<(String, EncodedPayload)>) {
    match value {
        Value::Object(map) => {
            if let Some(encoded) = map.get("encoded").filter(|encoded| !encoded.is_null())
                && let Ok(encoded) = serde_json::from_value::<EncodedPayload>(encoded.clone())
            {
                out.push((pointer, encoded));
                return;
            }
            for (key, child) in map {
                encoded_payloads(child, format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                encoded_payloads(child, format!("{pointer}/{index}"), out);
            }
        }
        _ => {}
    }
}

/// Decodes every encoded payload of a page model in one codec call (a no-op without a codec
/// or without encoded payloads). The model is any page struct: its payload views are found by
/// their shape, so no page needs code of its own for this.
pub async fn decode_page<T: Serialize + DeserializeOwned>(client: &TemporalClient, namespace: &str, page: T) -> T {
    let Some(codec) = client.codec() else { return page };
    // Most pages hold no encoded payload: a text search is much cheaper than building the tree.
    let Ok(text) = serde_json::to_string(&page) else { return page };
    if !text.contains("\"encoded\":{") {
        return page;
    }
    let Ok(mut value) = serde_json::from_str::<Value>(&text) else { return page };
    let mut found = Vec::new();
    encoded_payloads(&value, String::new(), &mut found);
    if found.is_empty() {
        return page;
    }
    let started = std::time::Instant::now();
    let encoded: Vec<EncodedPayload> = found.iter().map(|(_, encoded)| encoded.clone()).collect();
    let result = codec.decode(namespace, &encoded, client.user_token()).await;
    let outcome = if result.is_ok() { "ok" } else { "error" };
    let labels = [("cluster", client.cluster().to_string()), ("outcome", outcome.to_string())];
    metrics::counter!("codec_requests", &labels).increment(1);
    metrics::histogram!("codec_latency", &labels).record(started.elapsed().as_secs_f64());
    for (index, (pointer, _)) in found.iter().enumerate() {
        let Some(slot) = value.pointer_mut(pointer) else { continue };
        let from = slot["encoding"].as_str().unwrap_or_default().to_string();
        let replacement = match &result {
            Ok(decoded) => {
                let mut view = payloads::decode(&decoded[index]);
                view.encoded = None;
                view.codec = CodecOutcome::Decoded { from };
                serde_json::to_value(view).ok()
            }
            Err(_) => None,
        };
        match replacement {
            Some(view) => *slot = view,
            None => {
                slot["encoded"] = Value::Null;
                let reason =
                    result.as_ref().err().cloned().unwrap_or_else(|| "the decoded payload could not be shown".into());
                slot["codec"] = serde_json::to_value(CodecOutcome::Failed(reason)).unwrap_or(Value::Null);
            }
        }
    }
    if let Err(error) = &result {
        tracing::warn!(cluster = %client.cluster(), endpoint = %codec.endpoint(), "codec call failed: {error}");
    }
    serde_json::from_value(value).unwrap_or(page)
}

/// Collects every encoded payload of a message, in visiting order (clones).
struct CollectEncoded(Vec<Payload>);

/// Puts decoded payloads back, in the same order.
struct ReplaceEncoded(std::collections::VecDeque<Payload>);

type VisitResult<'a> = std::pin::Pin<
    Box<
        dyn std::future::Future<Output = Result<(), temporalio_common::data_converters::PayloadConversionError>>
            + Send
            + 'a,
    >,
>;

fn is_encoded(payload: &Payload) -> bool {
    let encoding = payload.metadata.get("encoding").map(|value| String::from_utf8_lossy(value).into_owned());
    encoding.is_some_and(|encoding| !encoding.is_empty() && !payloads::is_standard(&encoding))
}

fn each_payload(field: PayloadField<'_>, mut visit: impl FnMut(&mut Payload)) {
    match field.data {
        PayloadFieldData::Single(payload) => visit(payload),
        PayloadFieldData::Repeated(list) => list.iter_mut().for_each(visit),
        PayloadFieldData::Payloads(payloads) => payloads.payloads.iter_mut().for_each(visit),
    }
}

use temporalio_common::payload_visitor::{AsyncPayloadVisitor, PayloadField, PayloadFieldData, PayloadVisitable};

impl AsyncPayloadVisitor for CollectEncoded {
    fn visit<'a>(&'a mut self, field: PayloadField<'a>) -> VisitResult<'a> {
        each_payload(field, |payload| {
            if is_encoded(payload) {
                self.0.push(payload.clone());
            }
        });
        Box::pin(async { Ok(()) })
    }
}

impl AsyncPayloadVisitor for ReplaceEncoded {
    fn visit<'a>(&'a mut self, field: PayloadField<'a>) -> VisitResult<'a> {
        each_payload(field, |payload| {
            if is_encoded(payload)
                && let Some(decoded) = self.0.pop_front()
            {
                *payload = decoded;
            }
        });
        Box::pin(async { Ok(()) })
    }
}

/// The JSON `text` (one argument, or an array of them) as payloads to send: `json/plain`, then
/// encoded by the codec server when there is one, since the workers read what their codec wrote.
/// When the codec server fails nothing is sent: the user's input must not reach workers in a form
/// they cannot read.
pub async fn encode_arguments(
    client: &TemporalClient,
    namespace: &str,
    text: &str,
) -> Result<Vec<Payload>, model::AppError> {
    let plain = payloads::json_arguments(text).map_err(model::AppError::BadRequest)?;
    encode_plain(client, namespace, plain).await
}

/// Payloads to send, encoded by the codec server when there is one (as [`encode_arguments`]).
pub async fn encode_plain(
    client: &TemporalClient,
    namespace: &str,
    plain: Vec<Payload>,
) -> Result<Vec<Payload>, model::AppError> {
    let Some(codec) = client.codec().filter(|_| !plain.is_empty()) else { return Ok(plain) };
    codec.encode(namespace, &plain, client.user_token()).await.map_err(|error| {
        model::AppError::Codec(format!("The input could not be encoded, so nothing was sent: {error}"))
    })
}

/// Decodes a list of payloads (a query's answer) when any is encoded; on failure they stay as
/// they are, and the page that shows them says why (its own codec pass fails the same way).
pub async fn decode_payloads(client: &TemporalClient, namespace: &str, list: Vec<Payload>) -> Vec<Payload> {
    let Some(codec) = client.codec() else { return list };
    if !list.iter().any(is_encoded) {
        return list;
    }
    let encoded: Vec<EncodedPayload> = list.iter().filter(|p| is_encoded(p)).map(payloads::encoded).collect();
    let Ok(decoded) = codec.decode(namespace, &encoded, client.user_token()).await else { return list };
    let mut decoded = decoded.into_iter();
    list.into_iter()
        .map(|payload| if is_encoded(&payload) { decoded.next().unwrap_or(payload) } else { payload })
        .collect()
}

/// Decodes the payloads of history events in place, in one codec call (a decoded download).
pub async fn decode_events(
    client: &TemporalClient,
    namespace: &str,
    events: &mut [temporalio_protos::protos::temporal::api::history::v1::HistoryEvent],
) -> Result<(), String> {
    let codec = client.codec().ok_or("no codec server is configured (TEMPORAL_CODEC_ENDPOINT)")?;
    let mut collect = CollectEncoded(Vec::new());
    for event in events.iter_mut() {
        let _ = event.visit_payloads_mut(&mut collect).await;
    }
    if collect.0.is_empty() {
        return Ok(());
    }
    let encoded: Vec<EncodedPayload> = collect.0.iter().map(payloads::encoded).collect();
    let decoded = codec.decode(namespace, &encoded, client.user_token()).await?;
    let mut replace = ReplaceEncoded(decoded.into());
    for event in events.iter_mut() {
        let _ = event.visit_payloads_mut(&mut replace).await;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_payloads_are_found_wherever_they_sit() {
        let encoded = json!({"metadata": [["encoding", "YmluYXJ5L2VuY3J5cHRlZA=="]], "data": "AAE="});
        let page = json!({"input": [{"encoding": "binary/encrypted", "encoded": encoded}], "history": {"rows": [
            {"fields": [{"value": {"Payloads": [{"encoding": "json/plain"}, {"encoding": "x", "encoded": encoded}]}}]}
        ]}});
        let mut found = Vec::new();
        encoded_payloads(&page, String::new(), &mut found);
        let pointers: Vec<&str> = found.iter().map(|(pointer, _)| pointer.as_str()).collect();
        assert_eq!(pointers, ["/history/rows/0/fields/0/value/Payloads/1", "/input/0"]);
        assert_eq!(found[0].1.data, "AAE=");
    }

    /// The `authorization` header one decode call sends, with `pass` on or off.
    async fn authorization_sent(pass: bool) -> Option<String> {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let endpoint = format!("http://{}", listener.local_addr().expect("addr"));
        let server = std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().expect("accept");
            let mut head = vec![0u8; 8192];
            let read = stream.read(&mut head).expect("read");
            let body = r#"{"payloads":[]}"#;
            let answer =
                format!("HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len());
            stream.write_all(answer.as_bytes()).expect("write");
            String::from_utf8_lossy(&head[..read]).to_ascii_lowercase()
        });
        let codec = Codec::new(&endpoint, Duration::from_secs(5), pass).expect("codec");
        codec.decode("default", &[], Some(UserToken("user-token".into()))).await.expect("decoded");
        let request = server.join().expect("server");
        request.lines().find_map(|line| line.strip_prefix("authorization: ").map(|value| value.trim().to_string()))
    }

    #[tokio::test]
    async fn the_users_token_goes_to_the_codec_server_only_when_asked() {
        assert_eq!(authorization_sent(true).await.as_deref(), Some("bearer user-token"));
        assert_eq!(authorization_sent(false).await, None);
    }
}

#[cfg(test)]
#[path = "codec_props.rs"]
mod props;
