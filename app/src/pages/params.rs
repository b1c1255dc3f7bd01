//! Reading path and query parameters (already percent-decoded by the router).
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

pub fn path_param(name: &'static str) -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get(name).unwrap_or_default())
}

pub fn query_param(name: &'static str) -> Memo<Option<String>> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get(name).filter(|value| !value.is_empty()))
}
