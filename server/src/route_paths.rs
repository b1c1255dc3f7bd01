//! Where a request's path points once the public path and a cluster's prefix are set aside: the
//! sign-in gate and the error answers both ask.
/// The path after the public path and a cluster's `/clusters/{name}` prefix (`None`: outside
/// the public path).
pub(crate) fn route_path<'a>(path: &'a str, public_path: &str) -> Option<&'a str> {
    let rest = if public_path.is_empty() { path } else { path.strip_prefix(public_path)? };
    Some(match rest.strip_prefix("/clusters/") {
        Some(after) => after.find('/').map_or("", |slash| &after[slash..]),
        None => rest,
    })
}

/// A server function's path (`/api/…` under the public path and a cluster's prefix).
pub(crate) fn is_server_function(path: &str, public_path: &str) -> bool {
    route_path(path, public_path).is_some_and(|rest| rest.starts_with("/api/"))
}
