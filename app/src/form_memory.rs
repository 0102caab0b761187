//! Keeps what a person typed when a form's plain post fails.
//!
//! Forms are server-rendered and post without script: a failed post comes
//! back as the same page with `__err` in its address, rendered afresh, and
//! would show the error over empty fields. In the browser this remembers
//! each posted form's fields in the tab's `sessionStorage` as it is sent,
//! and puts them back when the page returns with `__err`; any other load of
//! the page forgets them. Passwords, files and hidden fields are never kept.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{HtmlFormElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement, Storage};

/// The storage key's prefix: one entry per form (its action) and page.
const PREFIX: &str = "tradema.form:";

/// One field as it was sent.
#[derive(Debug, Serialize, Deserialize)]
enum Kept {
    Text(String),
    Checked(bool),
    /// Whether each option of a `<select>` was chosen.
    Options(Vec<bool>),
}

/// Puts back the fields of forms that failed, and remembers every form posted from now on.
pub fn start() {
    let Some(window) = web_sys::window() else { return };
    let (Some(document), Ok(Some(storage))) = (window.document(), window.session_storage()) else { return };
    let location = window.location();
    let path = location.pathname().unwrap_or_default();
    let failed = location.search().unwrap_or_default().contains("__err=");
    let forms = document.forms();
    for index in 0..forms.length() {
        let Some(form) = forms.item(index).and_then(|f| f.dyn_into::<HtmlFormElement>().ok()) else { continue };
        let key = key_of(&form, &path);
        if failed && let Ok(Some(saved)) = storage.get_item(&key) {
            restore(&form, &saved);
        }
        // Storage refusing only means nothing to forget.
        let _ = storage.remove_item(&key);
    }
    let on_submit = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        remember(&storage, event);
    });
    // Capture: the field values as the browser sends them, before anything else runs.
    let _ = document.add_event_listener_with_callback_and_bool("submit", on_submit.as_ref().unchecked_ref(), true);
    on_submit.forget();
}

fn key_of(form: &HtmlFormElement, path: &str) -> String {
    format!("{PREFIX}{}@{path}", form.get_attribute("action").unwrap_or_default())
}

fn remember(storage: &Storage, event: web_sys::Event) {
    let Some(form) = event.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else { return };
    if !form.method().eq_ignore_ascii_case("post") {
        return;
    }
    let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    let elements = form.elements();
    let fields: Vec<Option<(String, Kept)>> = (0..elements.length()).map(|i| elements.item(i).and_then(kept)).collect();
    if let Ok(json) = serde_json::to_string(&fields) {
        // A full or refused storage loses only this convenience; the post goes on.
        let _ = storage.set_item(&key_of(&form, &path), &json);
    }
}

/// A field's name and value, unless it is one never kept.
fn kept(element: web_sys::Element) -> Option<(String, Kept)> {
    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        let kind = input.type_();
        return match kind.as_str() {
            "password" | "file" | "hidden" | "submit" | "button" | "reset" | "image" => None,
            "checkbox" | "radio" => Some((input.name(), Kept::Checked(input.checked()))),
            _ => Some((input.name(), Kept::Text(input.value()))),
        };
    }
    if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
        return Some((area.name(), Kept::Text(area.value())));
    }
    let select = element.dyn_ref::<HtmlSelectElement>()?;
    let options = select.options();
    let chosen = (0..options.length())
        .map(|i| {
            options.item(i).and_then(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok()).is_some_and(|o| o.selected())
        })
        .collect();
    Some((select.name(), Kept::Options(chosen)))
}

/// Puts the saved values back into the fields that still have the same names.
fn restore(form: &HtmlFormElement, saved: &str) {
    let Ok(fields) = serde_json::from_str::<Vec<Option<(String, Kept)>>>(saved) else { return };
    let elements = form.elements();
    for (index, field) in fields.into_iter().enumerate() {
        let (Some((name, value)), Some(element)) = (field, elements.item(index as u32)) else { continue };
        if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
            match value {
                Kept::Checked(on) if input.name() == name => input.set_checked(on),
                Kept::Text(text) if input.name() == name => input.set_value(&text),
                _ => {}
            }
        } else if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
            if let (Kept::Text(text), true) = (value, area.name() == name) {
                area.set_value(&text);
            }
        } else if let Some(select) = element.dyn_ref::<HtmlSelectElement>()
            && let (Kept::Options(chosen), true) = (value, select.name() == name)
        {
            let options = select.options();
            for (i, on) in chosen.into_iter().enumerate() {
                if let Some(option) =
                    options.item(i as u32).and_then(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
                {
                    option.set_selected(on);
                }
            }
        }
    }
}
