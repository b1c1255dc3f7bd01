//! `POST /settings/theme`: the reader's colour theme (system, light or dark), kept in the
//! `tdbg_theme` cookie that the HTML shell reads (`app::theme`). A preference of this browser, as
//! the time zone is: no role is needed, but the form must come from a page of this server (the
//! router's `same_origin` rule).
use axum::{
    Form,
    extract::State,
    http::{HeaderValue, header},
    response::{IntoResponse, Redirect, Response},
};
use cookie::{Cookie, SameSite};
use serde::Deserialize;

use app::theme::{self, Theme};

use crate::AppState;

#[derive(Debug, Deserialize)]
pub struct ThemeForm {
    #[serde(default)]
    theme: String,
    #[serde(default)]
    back: String,
}

/// A year, in seconds.
const KEEP_SECONDS: i64 = 365 * 86_400;

pub async fn save(State(state): State<AppState>, Form(form): Form<ThemeForm>) -> Response {
    let back = if form.back.is_empty() { app::urls::home() } else { app::urls::local_path(&form.back) };
    let Some(chosen) = Theme::parse(form.theme.trim()) else {
        let shown: String = form.theme.trim().chars().take(32).collect();
        let message = format!("\"{shown}\" is not a theme (system, light or dark); nothing was changed.");
        let page = format!("{}&error={}", app::urls::settings(Some(&back)), app::urls::encode(&message));
        return Redirect::to(&page).into_response();
    };
    let mut cookie = Cookie::build((theme::COOKIE, chosen.value()))
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
