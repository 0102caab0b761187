//! Form fields shared by every form page (the studio, the buyer profile, inquiries, the showcase editor): a label, the control, a hint and
//! the error next to it. Names follow the server function's argument
//! (`form[city]`, `form[sectors][crafts]`), so the plain form post and the
//! hydrated one send the same thing.

use leptos::prelude::*;

use crate::components::FieldError;
use crate::domain::{AppError, FieldMap};

/// `form[name]`
pub fn form_name(name: &str) -> String {
    format!("form[{name}]")
}

/// A one-line text input.
#[component]
pub fn TextField(
    name: &'static str,
    label: &'static str,
    #[prop(into)] value: String,
    error: Signal<Option<AppError>>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] input_type: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] list: Option<&'static str>,
    #[prop(default = 200)] maxlength: usize,
) -> impl IntoView {
    let id = format!("field-{name}");
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=form_name(name)
                type=input_type.unwrap_or("text")
                inputmode=inputmode
                list=list
                value=value
                required=required
                maxlength=maxlength.to_string()
                aria-describedby=hint.map(|_| hint_id.clone())
            />
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id>{hint}</p> })}
            <FieldError error field=name />
        </div>
    }
}

/// A select over `(value, label)` options, with an optional empty first choice.
#[component]
pub fn SelectField(
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    #[prop(into)] value: String,
    error: Signal<Option<AppError>>,
    #[prop(optional)] empty: Option<&'static str>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let id = format!("field-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=form_name(name) required=required>
                {empty.map(|text| view! { <option value="">{text}</option> })}
                {options.into_iter().map(|(option, text)| {
                    let selected = option == value;
                    view! { <option value=option selected=selected>{text}</option> }
                }).collect_view()}
            </select>
            <FieldError error field=name />
        </div>
    }
}

/// A group of checkboxes posted as `form[name][key]=on`.
#[component]
pub fn CheckboxGroup(
    name: &'static str,
    legend: &'static str,
    options: Vec<(String, String)>,
    checked: FieldMap,
    error: Signal<Option<AppError>>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    view! {
        <fieldset class="field">
            <legend>{legend}</legend>
            {hint.map(|hint| view! { <p class="field-hint">{hint}</p> })}
            <div class="checkbox-grid">
                {options.into_iter().map(|(key, text)| {
                    let is_checked = checked.get(&key).is_some_and(|v| !v.is_empty() && v != "off");
                    view! {
                        <label class="checkbox">
                            <input type="checkbox" name=format!("form[{name}][{key}]") value="on" checked=is_checked />
                            <span>{text}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
            <FieldError error field=name />
        </fieldset>
    }
}
