//! The colour theme: the settings form sets the `tdbg_theme` cookie (same-origin POST, one of
//! system, light or dark, a local page to return to), and every page's `<html>` then carries
//! `data-theme` for the stylesheet; without the cookie, or with a value it does not know, the page
//! follows the browser (no attribute).
use app::urls;
use axum::http::StatusCode;

use crate::{
    actions_support::{post_form, same_origin},
    support::{get, get_with_headers},
};

/// The theme cookie the response sets, or "".
fn theme_cookie(page: &crate::support::Page) -> String {
    let values = page.headers.get_all("set-cookie");
    let mut theme = values.iter().filter_map(|value| value.to_str().ok()).filter(|v| v.starts_with("tdbg_theme="));
    theme.next().unwrap_or_default().to_string()
}

/// The `<html …>` start tag of the page.
fn html_tag(html: &str) -> &str {
    let at = html.find("<html").expect("an <html> element");
    &html[at..at + html[at..].find('>').expect("the tag's end")]
}

#[tokio::test]
async fn the_cookie_sets_the_pages_theme_and_unknown_values_follow_the_browser() {
    let fixture = crate::support::Fixture::get();
    let url = urls::workflows(fixture.namespace());
    let plain = get(&fixture.app(), &url).await;
    plain.assert_ok(&url);
    assert!(!html_tag(&plain.html).contains("data-theme"), "{}", html_tag(&plain.html));
    assert!(plain.html.contains(r#"<meta name="color-scheme" content="light dark">"#));

    for theme in ["dark", "light"] {
        let page = get_with_headers(&fixture.app(), &url, &[("cookie", &format!("a=1; tdbg_theme={theme}"))]).await;
        page.assert_ok(&url);
        assert!(html_tag(&page.html).contains(&format!(r#"data-theme="{theme}""#)), "{}", html_tag(&page.html));
        assert!(page.html.contains(&format!(r#"<meta name="color-scheme" content="{theme}">"#)));
    }

    for value in ["system", "purple", "%22%3E%3Cscript%3E"] {
        let page = get_with_headers(&fixture.app(), &url, &[("cookie", &format!("tdbg_theme={value}"))]).await;
        page.assert_ok(&url);
        assert!(!html_tag(&page.html).contains("data-theme"), "{value}: {}", html_tag(&page.html));
    }
}

#[tokio::test]
async fn the_settings_form_sets_the_theme_and_goes_back() {
    let fixture = crate::support::Fixture::get();
    let back = urls::workflows(fixture.namespace());
    let page =
        post_form(&fixture.app(), &urls::theme_setting(), "", same_origin(), &[("theme", "dark"), ("back", &back)])
            .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.html);
    assert_eq!(page.location.as_deref(), Some(back.as_str()));
    let cookie = theme_cookie(&page);
    assert!(cookie.starts_with("tdbg_theme=dark;"), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Max-Age=31536000"));
    assert!(cookie.contains("Path=/"), "{cookie}");

    // "System" is a choice too (it replaces an earlier one); a way back off the site is not.
    let page = post_form(
        &fixture.app(),
        &urls::theme_setting(),
        "",
        same_origin(),
        &[("theme", "system"), ("back", "//evil.example/steal")],
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location, Some(urls::home()), "only a page of this site is a way back");
    assert!(theme_cookie(&page).starts_with("tdbg_theme=system;"));

    let settings = get_with_headers(&fixture.app(), &urls::settings(None), &[("cookie", "tdbg_theme=light")]).await;
    settings.assert_ok("/settings");
    assert!(
        settings.html.contains(r#"<input type="radio" name="theme" value="light" checked"#),
        "the current theme is chosen"
    );
    assert!(settings.text().contains("System (follows the browser)"));
}

#[tokio::test]
async fn unknown_themes_and_cross_site_forms_change_nothing() {
    let fixture = crate::support::Fixture::get();
    let page = post_form(
        &fixture.app(),
        &urls::theme_setting(),
        "",
        same_origin(),
        &[("theme", "<b>neon</b>"), ("back", "/namespaces")],
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(theme_cookie(&page).is_empty(), "nothing is set");
    let again = page.location.expect("back to the settings");
    assert!(again.starts_with("/settings?back=%2Fnamespaces&error="), "{again}");
    let settings = get(&fixture.app(), &again).await;
    assert_eq!(settings.status, StatusCode::BAD_REQUEST);
    assert!(settings.text().contains("\"<b>neon</b>\" is not a theme (system, light or dark); nothing was changed."));
    assert!(!settings.html.contains("<b>neon"), "the value is escaped");

    let cross =
        post_form(&fixture.app(), &urls::theme_setting(), "", Some("https://evil.example"), &[("theme", "dark")]).await;
    assert_eq!(cross.status, StatusCode::FORBIDDEN);
    assert!(theme_cookie(&cross).is_empty());
}
