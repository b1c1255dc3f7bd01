//! `POST /settings/time-zone`: the reader's time zone, kept in the `tdbg_tz` cookie that every
//! page reads (`app::time_zone`). A preference of this browser, not a Temporal write: no role
//! is needed, but the form must come from a page of this server (the router's `same_origin` rule).
use axum::{
    Form,
    extract::State,
    http::{HeaderValue, header},
    response::{IntoResponse, Redirect, Response},
};
use cookie::{Cookie, SameSite};
use inspector::time_zones;
use serde::Deserialize;

use crate::AppState;

#[derive(Debug, Deserialize)]
pub struct TimeZoneForm {
    #[serde(default)]
    tz: String,
    /// The "use this browser's zone" button, which wins over the list.
    #[serde(default)]
    browser_tz: String,
    #[serde(default)]
    back: String,
}

/// A year, in seconds.
const KEEP_SECONDS: i64 = 365 * 86_400;

pub async fn save(State(state): State<AppState>, Form(form): Form<TimeZoneForm>) -> Response {
    let back = if form.back.is_empty() { app::urls::home() } else { app::urls::local_path(&form.back) };
    let again = |message: &str| {
        let page = format!("{}&error={}", app::urls::settings(Some(&back)), app::urls::encode(message));
        Redirect::to(&page).into_response()
    };
    let name = if form.browser_tz.trim().is_empty() { form.tz.trim() } else { form.browser_tz.trim() };
    let Some(rules) = time_zones::rules_for(name) else {
        let shown: String = name.chars().take(64).collect();
        return again(&format!("\"{shown}\" is not a time zone the tz database knows; nothing was changed."));
    };
    let mut cookie = Cookie::build((time_zones::COOKIE, rules.name.clone()))
        .path(if app::urls::public_path().is_empty() { "/".to_string() } else { app::urls::public_path().to_string() })
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.access.secure_cookies)
        .build();
    cookie.set_max_age(cookie::time::Duration::seconds(KEEP_SECONDS));
    let mut response = Redirect::to(&back).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}
