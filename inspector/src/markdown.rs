//! User metadata details are Markdown written by whoever started the run: untrusted. Rendered on
//! the server with pulldown-cmark; raw HTML in it becomes visible text, links and images keep only
//! `http`, `https`, `mailto` and relative targets, and every link opens with `rel="noopener
//! noreferrer"`. Images become links (no request leaves the page by itself).
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// Safe HTML for `markdown`.
pub fn safe_html(markdown: &str) -> String {
    let mut in_image = false;
    let events =
        Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES).map(|event| match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                Event::Start(Tag::Link { link_type, dest_url: safe_url(dest_url), title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                in_image = true;
                Event::Start(Tag::Link { link_type, dest_url: safe_url(dest_url), title, id })
            }
            Event::End(TagEnd::Image) if in_image => {
                in_image = false;
                Event::End(TagEnd::Link)
            }
            other => other,
        });
    let mut out = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut out, events);
    // Raw HTML was turned into text above, so every `<a href=` here is a link this code wrote.
    out.replace("<a href=\"", "<a rel=\"noopener noreferrer\" href=\"")
}

fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let compact: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let lower = compact.to_ascii_lowercase();
    let scheme = lower.split_once(':').map(|(scheme, _)| scheme).filter(|scheme| !scheme.contains('/'));
    match scheme {
        None | Some("http" | "https" | "mailto") => url,
        Some(_) => CowStr::Borrowed("#"),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_html;

    #[test]
    fn markdown_renders_and_raw_html_is_text() {
        let html = safe_html("**Order** 42\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>");
        assert!(html.contains("<strong>Order</strong>"), "{html}");
        assert!(!html.contains("<script") && html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<img"), "{html}");
    }

    #[test]
    fn links_are_safe_and_open_without_an_opener() {
        let html = safe_html(
            "[run](https://example.com/x) [bad](javascript:alert(1)) [bad2](JaVaScRiPt:alert(1)) ![i](data:image/png;base64,AA)",
        );
        assert!(html.contains("<a rel=\"noopener noreferrer\" href=\"https://example.com/x\">run</a>"), "{html}");
        assert!(!html.to_ascii_lowercase().contains("javascript"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert_eq!(html.matches("rel=\"noopener noreferrer\"").count(), 4, "{html}");
    }
}
