//! The texts of a multilingual form, one panel per language (`fieldset` in
//! that language and direction) with a title input and a description text
//! area, posted as `form[title][{code}]` and `form[description][{code}]`.
//! The lengths come from the caller's domain constants (the listing's or the
//! showcase's), so the browser limit is the one the server validates.

use leptos::prelude::*;

use super::{FieldError, TextArea};
use crate::domain::{AppError, FieldMap, Locale};
use crate::i18n::use_i18n;

/// The title and description in every language, as the form stands.
#[component]
pub fn LanguageTextPanels(
    /// Put before the ids (`"showcase-"`), none by default.
    #[prop(optional)]
    id_prefix: &'static str,
    title_label: &'static str,
    description_label: &'static str,
    /// The titles by language code.
    titles: FieldMap,
    /// The descriptions by language code.
    descriptions: FieldMap,
    /// Longest title, in characters (the domain's constant).
    title_max: usize,
    /// Longest description, in characters (the domain's constant).
    description_max: usize,
    /// The descriptions' height, in rows.
    rows: u16,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <div class="language-panels">
            {Locale::ALL.into_iter().map(|locale| {
                let title = titles.get(locale.code()).cloned().unwrap_or_default();
                let description = descriptions.get(locale.code()).cloned().unwrap_or_default();
                view! {
                    <LanguageTexts
                        locale
                        id_prefix
                        title_label
                        description_label
                        title
                        description
                        title_max
                        description_max
                        rows
                        error
                    />
                }
            }).collect_view()}
        </div>
    }
}

/// The title and description of one language. The inputs' ids are
/// `{id_prefix}title-{code}` and `{id_prefix}description-{code}`; the title's
/// error shows under it when the error is about `title_{code}`.
#[component]
fn LanguageTexts(
    locale: Locale,
    /// Put before the ids (`"showcase-"`), none by default.
    #[prop(optional)]
    id_prefix: &'static str,
    title_label: &'static str,
    description_label: &'static str,
    /// The title as it stands.
    #[prop(into)]
    title: String,
    /// The description as it stands.
    #[prop(into)]
    description: String,
    /// Longest title, in characters (the domain's constant).
    title_max: usize,
    /// Longest description, in characters (the domain's constant).
    description_max: usize,
    /// The description's height, in rows.
    rows: u16,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let code = locale.code();
    let title_id = format!("{id_prefix}title-{code}");
    let description_id = format!("{id_prefix}description-{code}");
    view! {
        <fieldset class="language-panel" lang=code dir=locale.dir()>
            <legend>{i18n.language_name(locale)}</legend>
            <div class="field">
                <label for=title_id.clone()>{title_label}</label>
                <input id=title_id name=format!("form[title][{code}]") value=title maxlength=title_max.to_string() />
                <FieldError error field=locale.title_field() />
            </div>
            <div class="field">
                <label for=description_id.clone()>{description_label}</label>
                <TextArea id=description_id name=format!("form[description][{code}]") rows max_chars=description_max value=description />
            </div>
        </fieldset>
    }
}
