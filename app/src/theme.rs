//! The reader's colour theme: the `tdbg_theme` cookie (set on the settings page) says light or
//! dark; without it, or with a value it does not know, the page follows the browser's
//! `prefers-color-scheme`. The server writes the choice as `<html data-theme=…>`, which the
//! stylesheet reads, so no script is needed.

/// The cookie that names the reader's theme.
pub const COOKIE: &str = "tdbg_theme";

/// A theme the reader can choose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Follow the browser (`prefers-color-scheme`).
    System,
    Light,
    Dark,
}

impl Theme {
    /// Every choice, in the order the settings page offers them.
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The form's and the cookie's value.
    pub fn value(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// What the settings page calls it.
    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System (follows the browser)",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    /// A form's or a cookie's value; `None` for anything else.
    pub fn parse(value: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|theme| theme.value() == value)
    }

    /// The `<html data-theme>` value: none when the page follows the browser.
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            theme => Some(theme.value()),
        }
    }
}

/// The theme a request's cookie names; [`Theme::System`] without one or for an unknown value.
pub fn from_headers(headers: &http::HeaderMap) -> Theme {
    // Read lossily: another cookie's non-ASCII bytes must not hide this one.
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .find_map(|value| {
            String::from_utf8_lossy(value.as_bytes())
                .split(';')
                .filter_map(|pair| pair.trim().split_once('='))
                .find(|(key, _)| *key == COOKIE)
                .and_then(|(_, value)| Theme::parse(value.trim()))
        })
        .unwrap_or(Theme::System)
}

/// The theme of the request being rendered ([`Theme::System`] outside a request).
pub fn page_theme() -> Theme {
    match leptos::prelude::use_context::<http::request::Parts>() {
        Some(parts) => from_headers(&parts.headers),
        None => Theme::System,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_cookie(cookie: &str) -> Theme {
        let mut headers = http::HeaderMap::new();
        headers.insert(http::header::COOKIE, http::HeaderValue::from_str(cookie).unwrap());
        from_headers(&headers)
    }

    #[test]
    fn the_cookie_chooses_the_theme_and_anything_else_follows_the_browser() {
        assert_eq!(with_cookie("tdbg_theme=dark"), Theme::Dark);
        assert_eq!(with_cookie("a=1; tdbg_theme=light; b=2"), Theme::Light);
        assert_eq!(with_cookie("tdbg_theme=system"), Theme::System);
        assert_eq!(with_cookie("tdbg_theme=purple"), Theme::System);
        assert_eq!(with_cookie("tdbg_theme=\"><script>"), Theme::System);
        assert_eq!(with_cookie("other=dark"), Theme::System);
        assert_eq!(Theme::Dark.attribute(), Some("dark"));
        assert_eq!(Theme::System.attribute(), None);
    }
}
