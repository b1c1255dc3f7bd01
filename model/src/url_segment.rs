//! One path segment or query value of a page URL, percent-encoded (the page paths are in the
//! app's `urls`).
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// Encodes one path segment or query value. `.` and `..` are encoded too, so browsers do not
/// treat them as relative path steps.
pub fn encode(value: &str) -> String {
    match value {
        "." => "%2E".to_string(),
        ".." => "%2E%2E".to_string(),
        _ => utf8_percent_encode(value, SEGMENT).to_string(),
    }
}

/// The text of a percent-encoded path segment (invalid UTF-8 is replaced).
pub fn decode(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment).decode_utf8_lossy().into_owned()
}
