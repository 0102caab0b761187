//! The two places where Leptos would write user text into the page without
//! escaping it, made safe in one place:
//!
//! - `<title>`: leptos_meta 0.8.7 pushes the title text into the server-rendered
//!   `<head>` as it is, so a trade name such as `</title><meta http-equiv=refresh …>`
//!   became live markup. [`DocumentTitle`] escapes the text on the server only;
//!   in the browser leptos_meta sets `document.title`, which takes plain text,
//!   so escaping there too would show `&amp;` to the reader.
//! - `<textarea>`: tachys 0.2.19 renders a textarea's children raw (it treats
//!   the element like `<script>`). [`TextArea`] gives its content as escaped
//!   inner HTML, which the browser parses back to the exact text, on the server
//!   render and on a client-side render alike.
//!
//! Every other text node and attribute value is escaped by tachys itself.
//! A test in this module fails if a page uses `<Title>` or `<textarea>` directly.

use leptos::prelude::*;
use leptos_meta::Title;

/// Escapes `&`, `<`, `>`, `"` and `'` so that `text` reads as text in HTML
/// content and in quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// The text leptos_meta should receive for `<title>`: escaped for the server's
/// HTML, plain for `document.title` in the browser.
fn title_text(text: String) -> String {
    if cfg!(feature = "ssr") { escape_html(&text) } else { text }
}

/// The inner HTML of a textarea showing `text`. The HTML parser drops one
/// newline right after `<textarea>`, so the server render starts with one:
/// a description that begins with a blank line keeps it.
fn textarea_html(text: &str) -> String {
    let escaped = escape_html(text);
    if cfg!(feature = "ssr") { format!("\n{escaped}") } else { escaped }
}

/// The page's `<title>`; the only way pages set it.
#[component]
pub fn DocumentTitle(#[prop(into)] text: String) -> impl IntoView {
    view! { <Title text=title_text(text) /> }
}

/// A multi-line text field whose content is always escaped; the only way
/// pages render a `<textarea>`.
#[component]
pub fn TextArea(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] value: String,
    rows: u16,
    max_chars: usize,
    #[prop(optional)] lang: Option<&'static str>,
    #[prop(optional)] dir: Option<&'static str>,
) -> impl IntoView {
    view! {
        <textarea id=id name=name rows=rows.to_string() maxlength=max_chars.to_string() lang=lang dir=dir
            inner_html=textarea_html(&value)></textarea>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_comments_and_quotes() {
        assert_eq!(
            escape_html(r#"Evil Co</title><!--<meta http-equiv="refresh" content='0'>&"#),
            "Evil Co&lt;/title&gt;&lt;!--&lt;meta http-equiv=&quot;refresh&quot; content=&#39;0&#39;&gt;&amp;"
        );
        assert_eq!(escape_html("Huile d’argan — زيت الأركان"), "Huile d’argan — زيت الأركان");
    }

    /// Pages must go through `DocumentTitle` and `TextArea`: a direct `<Title`
    /// or `<textarea` anywhere else would bring the raw rendering back.
    #[test]
    fn no_page_renders_title_or_textarea_directly() {
        fn visit(dir: &std::path::Path, offenders: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("source directory") {
                let path = entry.expect("directory entry").path();
                if path.is_dir() {
                    visit(&path, offenders);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("safe_text.rs") {
                    let source = std::fs::read_to_string(&path).expect("source file");
                    for (number, line) in source.lines().enumerate() {
                        if line.contains("<Title") || line.contains("<textarea") || line.contains("<noscript") {
                            offenders.push(format!("{}:{}", path.display(), number + 1));
                        }
                    }
                }
            }
        }
        let mut offenders = Vec::new();
        visit(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut offenders);
        assert!(offenders.is_empty(), "render these through DocumentTitle / TextArea: {offenders:?}");
    }
}
