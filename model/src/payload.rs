use serde::{Deserialize, Serialize};

/// One Temporal payload (an argument, a result, heartbeat or failure details), decoded by its
/// `metadata.encoding` as far as the server could.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayloadView {
    /// `metadata["encoding"]`, or empty when the payload had none.
    pub encoding: String,
    /// `metadata["messageType"]` for protobuf payloads.
    pub message_type: Option<String>,
    /// Size of the payload's data in bytes.
    pub size: usize,
    pub body: PayloadBody,
    /// What a codec server did with it (`TEMPORAL_CODEC_ENDPOINT`).
    #[serde(default, skip_serializing_if = "CodecOutcome::is_untouched")]
    pub codec: CodecOutcome,
    /// The payload as stored, kept only until the page's one codec call replaces it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoded: Option<EncodedPayload>,
}

/// A payload as Temporal stores it, in the codec server's proto3 JSON (base64 values).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncodedPayload {
    pub metadata: Vec<(String, String)>,
    pub data: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CodecOutcome {
    /// No codec was asked (standard encodings, or none configured).
    #[default]
    Untouched,
    /// Decoded by the codec server from this encoding (`binary/encrypted`).
    Decoded { from: String },
    /// The codec server was asked and failed: the raw payload is shown with why.
    Failed(String),
}

impl CodecOutcome {
    pub fn is_untouched(&self) -> bool {
        matches!(self, CodecOutcome::Untouched)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PayloadBody {
    /// Pretty-printed JSON.
    Json(String),
    /// `binary/null`.
    Null,
    /// Data that could not be decoded as its encoding claims, or an encoding this server cannot
    /// decode (binary, encrypted, unknown): base64 of the raw bytes, with the reason.
    Base64 { data: String, note: String },
}

impl PayloadBody {
    /// The text shown for the payload, for searching.
    pub fn text(&self) -> &str {
        match self {
            PayloadBody::Json(json) => json,
            PayloadBody::Null => "null",
            PayloadBody::Base64 { data, .. } => data,
        }
    }
}
