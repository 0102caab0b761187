//! Bulk import of listings from a sheet:
//! `/{lang}/dashboard/import` for a producer's own catalogue, and
//! `/{lang}/admin/producers/{slug}/import` for an office importing into a
//! producer of its region. The person downloads the template, uploads a
//! CSV or XLSX sheet, reads the preview (what will be created or updated,
//! and every problem by row and column in their language), and confirms;
//! nothing is written before. Without JavaScript the form posts and the
//! server answers with the preview page; once the upload form's island has
//! hydrated, the upload shows a progress bar.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::imports::{ConfirmImport, get_import_page};
use crate::components::{FormAlert, PageMeta, submission_error};
use crate::domain::{IMPORT_MAX_ROWS, ImportPage, ImportPreview, RowAction};
use crate::i18n::{fill, use_i18n};
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

/// The producer's own import page.
#[component]
pub fn ImportPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    view! { <ImportPanel producer=None /> }.into_any()
}

/// An office's import page for one producer of its region.
#[component]
pub fn OfficeImportPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let slug = use_params_map().with_untracked(|params| params.get("slug").unwrap_or_default());
    view! { <ImportPanel producer=Some(slug) /> }.into_any()
}

#[component]
fn ImportPanel(producer: Option<String>) -> impl IntoView {
    let query = use_query_map();
    let confirm = ServerAction::<ConfirmImport>::new();
    let for_producer = producer.clone();
    let page = Resource::new(
        move || query.with(|q| q.get("batch")),
        move |token| get_import_page(token, for_producer.clone()),
    );
    let producer = StoredValue::new(producer);
    view! { {loaded(page, move |page| view! { <ImportContent page producer=producer.get_value() confirm /> })} }
}

#[component]
fn ImportContent(page: ImportPage, producer: Option<String>, confirm: ServerAction<ConfirmImport>) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let query = use_query_map();
    let refused = move || query.with(|q| q.get("refused")).map(|reason| m.get(&reason).unwrap_or(m.form_try_again));
    let back = match &producer {
        Some(slug) => i18n.path(&format!("/admin/producers/{slug}")),
        None => i18n.path("/dashboard"),
    };
    let path = match &producer {
        Some(slug) => format!("/admin/producers/{slug}/import"),
        None => "/dashboard/import".to_owned(),
    };
    let limits = fill(m.import_limits, &[("rows", &IMPORT_MAX_ROWS.to_string())]);
    let upload_producer = producer.clone();
    let upload_page = i18n.path(&path);
    view! {
        <PageMeta title=format!("{} · {}", m.import_title, m.site_name) description=m.import_intro path=path />
        <div class="container editor-page import-page">
            <header class="dashboard-header">
                <div>
                    <p class="eyebrow"><a href=back dir="auto">{page.producer.clone()}</a></p>
                    <h1>{m.import_title}</h1>
                    <p class="muted">{m.import_intro}</p>
                </div>
            </header>
            {move || refused().map(|text| view! { <div class="form-alert" role="alert">{text}</div> })}
            <section class="form-card form-card-wide" aria-labelledby="import-steps">
                <h2 id="import-steps">{m.import_steps}</h2>
                <ol class="import-steps">
                    <li>
                        {m.import_step_template}" "
                        <a href=i18n.path("/import/template.csv") download>{m.import_template}</a>
                    </li>
                    <li>{m.import_step_fill}</li>
                    <li>{m.import_step_upload}" "<span class="muted">{limits}</span></li>
                </ol>
                <UploadForm producer=upload_producer page=upload_page />
            </section>
            {page.preview.map(|preview| view! { <PreviewPanel preview producer confirm /> })}
        </div>
    }
}

/// The upload form: a plain multipart post; once hydrated (it is an
/// island), sent with a progress bar and the preview opened when checked.
#[component]
fn UploadForm(
    producer: Option<String>,
    /// This import page in the reader's language, where the preview opens.
    page: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let words = UploadWords {
        file: m.import_file.to_owned(),
        file_hint: m.import_file_hint.to_owned(),
        check: m.import_check.to_owned(),
        uploading: m.import_uploading.to_owned(),
        progress: m.import_progress.to_owned(),
        too_large: m.import_too_large_body.to_owned(),
        try_again: m.form_try_again.to_owned(),
    };
    view! { <SheetUpload producer locale=i18n.locale.code().to_owned() page words /> }
}

/// The upload form's words in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UploadWords {
    file: String,
    file_hint: String,
    check: String,
    uploading: String,
    /// With `{percent}`.
    progress: String,
    too_large: String,
    try_again: String,
}

/// The form itself: the island. `page` is the import page the preview opens on.
#[island]
fn SheetUpload(producer: Option<String>, locale: String, page: String, words: UploadWords) -> impl IntoView {
    let progress = RwSignal::new(None::<u32>);
    let failed = RwSignal::new(None::<String>);
    let form = NodeRef::<leptos::html::Form>::new();
    let words = StoredValue::new(words);
    #[cfg(feature = "hydrate")]
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        let Some(element) = form.get() else { return };
        event.prevent_default();
        failed.set(None);
        progress.set(Some(0));
        let page = page.clone();
        let sent = browser::send_with_progress(&element, progress, move |status, body| {
            progress.set(None);
            match (status, browser::token_of(&body)) {
                (200 | 422, Some(token)) => {
                    if window().location().set_href(&format!("{page}?batch={token}")).is_err() {
                        failed.set(Some(words.with_value(|w| w.try_again.clone())));
                    }
                }
                (413, _) => failed.set(Some(words.with_value(|w| w.too_large.clone()))),
                _ => failed.set(Some(words.with_value(|w| w.try_again.clone()))),
            }
        });
        if sent.is_err() {
            progress.set(None);
            failed.set(Some(words.with_value(|w| w.try_again.clone())));
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let on_submit = {
        let _ = &page;
        |_: leptos::ev::SubmitEvent| {}
    };
    view! {
        <form class="upload-form import-form" method="post" enctype="multipart/form-data" action="/api/import" node_ref=form on:submit=on_submit>
            <input type="hidden" name="locale" value=locale />
            {producer.map(|slug| view! { <input type="hidden" name="for" value=slug /> })}
            <div class="field">
                <label for="import-sheet">{words.with_value(|w| w.file.clone())}</label>
                <input id="import-sheet" name="sheet" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
                <p class="field-hint">{words.with_value(|w| w.file_hint.clone())}</p>
            </div>
            <button class="button button-accent" type="submit">{words.with_value(|w| w.check.clone())}</button>
            {move || progress.get().map(|percent| view! {
                <div class="import-progress" role="status">
                    <progress max="100" value=percent.to_string() aria-label=words.with_value(|w| w.uploading.clone())></progress>
                    <span>{words.with_value(|w| fill(&w.progress, &[("percent", &percent.to_string())]))}</span>
                </div>
            })}
            {move || failed.get().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
        </form>
    }
}

#[component]
fn PreviewPanel(
    preview: ImportPreview,
    producer: Option<String>,
    confirm: ServerAction<ConfirmImport>,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let error = submission_error(confirm);
    let ok = preview.problems.is_empty();
    let summary = fill(
        m.import_summary,
        &[
            ("rows", &preview.rows.to_string()),
            ("creates", &preview.creates.to_string()),
            ("updates", &preview.updates.to_string()),
        ],
    );
    view! {
        <section class="section import-preview" aria-labelledby="preview-title">
            <h2 id="preview-title">{m.import_preview}" · "<bdi>{preview.producer.clone()}</bdi></h2>
            <FormAlert error />
            {if ok {
                view! {
                    <p class="form-success" role="status">{summary}</p>
                    <ActionForm action=confirm>
                        <input type="hidden" name="token" value=preview.token.clone() />
                        {producer.clone().map(|slug| view! { <input type="hidden" name="producer" value=slug /> })}
                        <input type="hidden" name="locale" value=i18n.locale.code() />
                        <button class="button button-accent" type="submit">{m.import_confirm}</button>
                        <p class="field-hint">{m.import_confirm_hint}</p>
                    </ActionForm>
                }.into_any()
            } else {
                view! {
                    <div class="form-alert" role="alert">
                        <strong>{fill(m.import_refused, &[("count", &preview.problems.len().to_string())])}</strong>
                        <p>{m.import_nothing_written}</p>
                    </div>
                    <div class="table-scroll" role="region" tabindex="0" aria-label=m.office_table_region>
                        <table class="data-table admin-table import-problems">
                            <thead><tr>
                                <th scope="col" class="number">{m.import_row}</th>
                                <th scope="col">{m.import_column}</th>
                                <th scope="col">{m.import_problem}</th>
                            </tr></thead>
                            <tbody>
                                {preview.problems.iter().map(|problem| view! {
                                    <tr>
                                        <td class="number">{if problem.row == 0 { "—".to_owned() } else { problem.row.to_string() }}</td>
                                        <td><code dir="ltr">{problem.column.clone()}</code></td>
                                        <td>{m.get(&problem.reason).unwrap_or(m.form_check_fields)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {(!preview.lines.is_empty()).then(|| view! {
                <div class="table-scroll" role="region" tabindex="0" aria-label=m.office_table_region>
                    <table class="data-table admin-table">
                        <thead><tr>
                            <th scope="col" class="number">{m.import_row}</th>
                            <th scope="col">{m.import_action}</th>
                            <th scope="col">{m.import_listing}</th>
                        </tr></thead>
                        <tbody>
                            {preview.lines.iter().map(|line| view! {
                                <tr>
                                    <td class="number">{line.row}</td>
                                    <td>{match line.action {
                                        RowAction::Create => m.import_create.to_owned(),
                                        RowAction::Update(id) => fill(m.import_update, &[("id", &id.to_string())]),
                                    }}{line.publish.then(|| format!(" · {}", m.import_publish))}</td>
                                    <td dir="auto">{line.title.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
    }
}

/// The browser side of the upload: an `XMLHttpRequest`, whose upload
/// reports its progress (`fetch` does not).
#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    pub fn send_with_progress(
        form: &web_sys::HtmlFormElement,
        progress: RwSignal<Option<u32>>,
        done: impl FnOnce(u16, String) + 'static,
    ) -> Result<(), wasm_bindgen::JsValue> {
        let data = web_sys::FormData::new_with_form(form)?;
        let request = web_sys::XmlHttpRequest::new()?;
        request.open("POST", "/api/import")?;
        request.set_request_header("Accept", "application/json")?;
        let on_progress = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |event: web_sys::ProgressEvent| {
            if event.length_computable() && event.total() > 0.0 {
                progress.set(Some((event.loaded() / event.total() * 100.0).round() as u32));
            }
        });
        request.upload()?.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        on_progress.forget();
        let answered = request.clone();
        let mut done = Some(done);
        let on_load = Closure::<dyn FnMut()>::new(move || {
            let status = answered.status().unwrap_or(0);
            let body = answered.response_text().ok().flatten().unwrap_or_default();
            if let Some(done) = done.take() {
                done(status, body);
            }
        });
        request.set_onloadend(Some(on_load.as_ref().unchecked_ref()));
        on_load.forget();
        request.send_with_opt_form_data(Some(&data))
    }

    /// The preview's token in the JSON answer.
    pub fn token_of(body: &str) -> Option<String> {
        let start = body.find("\"token\":\"")? + 9;
        let token: String = body[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect();
        (!token.is_empty()).then_some(token)
    }
}
