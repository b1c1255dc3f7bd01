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
