use serde::{Deserialize, Serialize};

/// A moment, formatted once on the server so server and browser render the same text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimePoint {
    /// RFC 3339, for `<time datetime=…>` and sorting.
    pub iso: String,
    /// Human-readable UTC, e.g. `2026-11-25 17:46:11.123 UTC`.
    pub text: String,
}
