//! Sealed cookies: a value serialised to JSON and encrypted with AES-256-GCM by the `cookie`
//! crate's private jar (the cookie's name is authenticated too, so one cookie cannot stand in for
//! another), HttpOnly, SameSite=Lax, Secure over https. A value longer than one cookie may hold
//! is split over numbered cookies (`tdbg_session_0`, `tdbg_session_1`, …).
use std::collections::HashMap;

use axum::http::{HeaderMap, HeaderValue, header};
use cookie::{Cookie, CookieJar, Key, SameSite};
use serde::{Serialize, de::DeserializeOwned};

/// What one cookie carries at most (browsers keep about 4 KB of name, value and attributes).
const CHUNK_BYTES: usize = 3800;
/// A session larger than this many cookies is refused rather than written.
pub const MAX_CHUNKS: usize = 6;

/// The cookies of a request, by name.
pub fn request_cookies(headers: &HeaderMap) -> HashMap<String, String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|text| Cookie::split_parse(text.to_string()).flatten().collect::<Vec<_>>())
        .map(|cookie| (cookie.name().to_string(), cookie.value().to_string()))
        .collect()
}

/// `value` as JSON, encrypted and authenticated for the cookie `name`.
pub fn seal<T: Serialize>(key: &Key, name: &str, value: &T) -> String {
    let mut jar = CookieJar::new();
    let json = serde_json::to_string(value).unwrap_or_default();
    jar.private_mut(key).add(Cookie::new(name.to_string(), json));
    jar.get(name).map(|cookie| cookie.value().to_string()).unwrap_or_default()
}

/// The value sealed for `name`, or `None` when it was sealed with another key or name, or changed.
pub fn open<T: DeserializeOwned>(key: &Key, name: &str, sealed: &str) -> Option<T> {
    let mut jar = CookieJar::new();
    jar.add_original(Cookie::new(name.to_string(), sealed.to_string()));
    let cookie = jar.private(key).get(name)?;
    serde_json::from_str(cookie.value()).ok()
}

/// Where and how the cookies are set.
#[derive(Clone, Debug)]
pub struct CookieScope {
    pub path: String,
    pub secure: bool,
}

impl CookieScope {
    /// A `Set-Cookie` value; `max_age` `Some(0)` removes the cookie, `None` keeps it for the
    /// browser's session.
    pub fn set_cookie(&self, name: &str, value: &str, path: &str, max_age: Option<i64>) -> HeaderValue {
        let mut cookie = Cookie::build((name.to_string(), value.to_string()))
            .path(path.to_string())
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(self.secure)
            .build();
        if let Some(seconds) = max_age {
            cookie.set_max_age(cookie::time::Duration::seconds(seconds));
        }
        HeaderValue::from_str(&cookie.to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
    }
}

/// The sealed `value` under `prefix_0`, `prefix_1`, … (and removals of chunks the browser has
/// beyond them), or `None` when it needs more than [`MAX_CHUNKS`] cookies.
pub fn chunked_set_cookies<T: Serialize>(
    key: &Key,
    prefix: &str,
    value: &T,
    scope: &CookieScope,
    present: &HashMap<String, String>,
) -> Option<Vec<HeaderValue>> {
    let sealed = seal(key, prefix, value);
    // base64 is ASCII, so any byte offset is a character boundary.
    let chunks: Vec<&str> =
        sealed.as_bytes().chunks(CHUNK_BYTES).map(|chunk| std::str::from_utf8(chunk).unwrap_or_default()).collect();
    if chunks.len() > MAX_CHUNKS {
        return None;
    }
    let mut headers: Vec<HeaderValue> = chunks
        .iter()
        .enumerate()
        .map(|(index, chunk)| scope.set_cookie(&format!("{prefix}_{index}"), chunk, &scope.path, None))
        .collect();
    headers.extend(removals(prefix, chunks.len(), scope, present));
    Some(headers)
}

/// `Set-Cookie` values that remove the chunks `from..` the browser sent.
pub fn removals(prefix: &str, from: usize, scope: &CookieScope, present: &HashMap<String, String>) -> Vec<HeaderValue> {
    (from..MAX_CHUNKS)
        .map(|index| format!("{prefix}_{index}"))
        .filter(|name| present.contains_key(name))
        .map(|name| scope.set_cookie(&name, "", &scope.path, Some(0)))
        .collect()
}

/// The value split over `prefix_0`, `prefix_1`, …, joined and opened.
pub fn open_chunked<T: DeserializeOwned>(key: &Key, prefix: &str, present: &HashMap<String, String>) -> Option<T> {
    let mut sealed = String::new();
    for index in 0..MAX_CHUNKS {
        match present.get(&format!("{prefix}_{index}")) {
            Some(chunk) => sealed.push_str(chunk),
            None => break,
        }
    }
    if sealed.is_empty() {
        return None;
    }
    open(key, prefix, &sealed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cookies_of(headers: &[HeaderValue]) -> HashMap<String, String> {
        headers
            .iter()
            .filter_map(|value| Cookie::parse(value.to_str().ok()?.to_string()).ok())
            .filter(|cookie| !cookie.value().is_empty())
            .map(|cookie| (cookie.name().to_string(), cookie.value().to_string()))
            .collect()
    }

    #[test]
    fn a_sealed_value_opens_only_with_its_key_and_name() {
        let key = Key::generate();
        let sealed = seal(&key, "tdbg_session", &vec!["olive".to_string()]);
        assert!(!sealed.contains("olive"));
        assert_eq!(open::<Vec<String>>(&key, "tdbg_session", &sealed).unwrap(), ["olive"]);
        assert!(open::<Vec<String>>(&Key::generate(), "tdbg_session", &sealed).is_none());
        assert!(open::<Vec<String>>(&key, "tdbg_sso", &sealed).is_none());
    }

    #[test]
    fn a_changed_byte_is_refused() {
        let key = Key::generate();
        let sealed = seal(&key, "tdbg_session", &"reader".to_string());
        let mut bytes = sealed.into_bytes();
        let middle = bytes.len() / 2;
        bytes[middle] = if bytes[middle] == b'A' { b'B' } else { b'A' };
        assert!(open::<String>(&key, "tdbg_session", &String::from_utf8(bytes).unwrap()).is_none());
    }

    #[test]
    fn a_large_value_is_split_and_joined_again() {
        let key = Key::generate();
        let scope = CookieScope { path: "/".into(), secure: true };
        let big = "x".repeat(9000);
        let headers = chunked_set_cookies(&key, "tdbg_session", &big, &scope, &HashMap::new()).unwrap();
        assert_eq!(headers.len(), 4);
        let text = headers[0].to_str().unwrap();
        assert!(text.contains("HttpOnly") && text.contains("SameSite=Lax") && text.contains("Secure"), "{text}");
        let present = cookies_of(&headers);
        assert_eq!(open_chunked::<String>(&key, "tdbg_session", &present).unwrap(), big);
        // Smaller again: the chunks no longer needed are removed.
        let small = chunked_set_cookies(&key, "tdbg_session", &"y".to_string(), &scope, &present).unwrap();
        assert_eq!(small.len(), 4);
        assert!(small[1].to_str().unwrap().contains("Max-Age=0"));
        assert!(chunked_set_cookies(&key, "tdbg_session", &"z".repeat(40_000), &scope, &present).is_none());
    }
}
