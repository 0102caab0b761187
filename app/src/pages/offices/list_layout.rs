//! The frame every list page of the trade offices' workspace shares
//! (producers, verification queue, accounts, audit log): the page's meta and
//! tabs, the title and intro with the header's buttons, the GET filter form
//! (its fields are the page's), the notes of the last action, the count, the
//! results (a table with the page's columns, or the page's own list) or the
//! empty state, and the pager.

use leptos::prelude::*;

use super::{AdminNav, Pager};
use crate::components::{FlashNote, FormAlert, PageMeta};
use crate::domain::{AppError, Office};
use crate::i18n::use_i18n;

/// The buttons at the end of the page's header.
#[slot]
pub(crate) struct HeaderActions {
    children: Children,
}

/// The filter form: a plain GET to the page itself, so the filters live in
/// the URL. Its children are the fields; the submit button comes after them.
#[slot]
pub(crate) struct FilterForm {
    /// The submit button's text.
    submit: &'static str,
    children: Children,
}

/// The results as a table: the column headings, and the rows as children.
#[slot]
pub(crate) struct ResultsTable {
    columns: Vec<Column>,
    /// A class beside `data-table admin-table` (`audit-table`).
    #[prop(optional)]
    extra_class: Option<&'static str>,
    children: Children,
}

/// One column heading of a results table.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Column {
    heading: &'static str,
    number: bool,
}

impl Column {
    /// A column of text.
    pub(crate) fn text(heading: &'static str) -> Self {
        Column { heading, number: false }
    }

    /// A column of figures (class `number`).
    pub(crate) fn number(heading: &'static str) -> Self {
        Column { heading, number: true }
    }
}

/// Where the list stands among its pages: the filters as an encoded query
/// (`key=value&…`, see `encode_query`), the page, the total and the page's size.
#[derive(Clone, Debug)]
pub(crate) struct Paging {
    pub(crate) query: String,
    pub(crate) page: u64,
    pub(crate) total: u64,
    pub(crate) per_page: u64,
}

/// A list page of the workspace. `path` (`/admin/producers`) is the page's
/// tab, its address in the meta, its filter form's action and its pager's
/// base. The results are the `ResultsTable` slot or, for a list that is not a
/// table, the children; neither is rendered when `empty` holds the empty
/// state's text.
#[component]
pub(crate) fn AdminListLayout(
    office: Office,
    path: &'static str,
    title: &'static str,
    intro: &'static str,
    /// The empty state's text when there are no results, `None` otherwise.
    empty: Option<&'static str>,
    #[prop(optional)] header_actions: Option<HeaderActions>,
    #[prop(optional)] filter_form: Option<FilterForm>,
    /// The success note shown after a redirect: the URL's flag and its text.
    #[prop(optional)]
    flash: Option<(&'static str, &'static str)>,
    /// The error of the page's last action.
    #[prop(optional)]
    error: Option<Signal<Option<AppError>>>,
    /// "N results", above the results.
    #[prop(optional, into)]
    count: Option<String>,
    #[prop(optional)] results_table: Option<ResultsTable>,
    #[prop(optional)] paging: Option<Paging>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let results = match (empty, results_table, children) {
        (Some(text), _, _) => view! { <p class="empty-state">{text}</p> }.into_any(),
        (None, Some(table), _) => {
            let class = match table.extra_class {
                Some(extra) => format!("data-table admin-table {extra}"),
                None => "data-table admin-table".to_owned(),
            };
            view! {
                <div class="table-scroll" role="region" tabindex="0" aria-label=m.office_table_region>
                    <table class=class>
                        <thead>
                            <tr>
                                {table.columns.into_iter().map(|column| view! {
                                    <th scope="col" class=column.number.then_some("number")>{column.heading}</th>
                                }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>{(table.children)()}</tbody>
                    </table>
                </div>
            }
            .into_any()
        }
        (None, None, Some(children)) => children(),
        (None, None, None) => ().into_any(),
    };
    view! {
        <PageMeta title=format!("{title} · {}", m.site_name) description=intro path=path />
        <div class="container dashboard admin-page">
            <AdminNav office current=path />
            <header class="dashboard-header">
                <div>
                    <h1>{title}</h1>
                    <p class="muted">{intro}</p>
                </div>
                {header_actions.map(|actions| view! { <div class="dashboard-actions">{(actions.children)()}</div> })}
            </header>
            {filter_form.map(|form| view! {
                <form class="admin-filters" method="get" action=i18n.path(path)>
                    {(form.children)()}
                    <button class="button" type="submit">{form.submit}</button>
                </form>
            })}
            {flash.map(|(flag, text)| view! { <FlashNote flag text /> })}
            {error.map(|error| view! { <FormAlert error /> })}
            {count.map(|count| view! { <p class="result-count" role="status">{count}</p> })}
            {results}
            {paging.map(|paging| view! {
                <Pager base=i18n.path(path) query=paging.query page=paging.page total=paging.total per_page=paging.per_page />
            })}
        </div>
    }
}
