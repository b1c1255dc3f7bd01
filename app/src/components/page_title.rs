use leptos::prelude::*;
use leptos_meta::Title;

/// The document title. leptos_meta writes `<title>` into the server's HTML without escaping its
/// text, so a workflow ID or file name holding `</title><script>` would become markup: on the
/// server the text is escaped here first. The browser sets `document.title`, which needs none.
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    view! { <Title text=title_text(text) /> }
}

#[cfg(feature = "ssr")]
fn title_text(text: String) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(not(feature = "ssr"))]
fn title_text(text: String) -> String {
    text
}
