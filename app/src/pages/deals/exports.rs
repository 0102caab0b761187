//! The year's exports as the trade offices read them on the platform page
//! and a producer reads its own on its insights: export deals and their
//! value by market, the share outside Europe, the buyers' countries, and
//! for the offices the first exporters by region and the time from a
//! first listing to a first export. Numbers only: the counting is
//! `ExportFigures::compute`'s.

use leptos::prelude::*;

use crate::domain::{Currency, ExportFigures, format_money};
use crate::i18n::{fill, use_i18n};

#[component]
pub fn ExportsSummary(figures: ExportFigures, office: bool) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let year = figures.year.to_string();
    let deals: u64 = figures.markets.iter().map(|line| line.deals).sum();
    let value: i64 = figures.markets.iter().map(|line| line.value_mad_minor).sum();
    let money = move |minor: i64| format_money(minor, Currency::Mad, i18n.locale);
    view! {
        <section class="section exports-summary" aria-labelledby="exports-title">
            <h2 id="exports-title">{fill(m.exports_title, &[("year", &year)])}</h2>
            <p class="muted">{m.exports_rule}</p>
            {if deals == 0 {
                view! { <p class="empty-state">{m.exports_empty}</p> }.into_any()
            } else {
                view! {
                    <dl class="stat-cards">
                        <div class="stat-card">
                            <dt>{m.exports_deals}</dt>
                            <dd class="stat-number">{i18n.count(deals)}</dd>
                        </div>
                        <div class="stat-card">
                            <dt>{m.exports_value}</dt>
                            <dd class="stat-number" dir="ltr">{money(value)}</dd>
                            {figures.outside_europe_percent.map(|percent| view! {
                                <dd class="muted">{fill(m.exports_outside, &[("percent", &percent.to_string())])}</dd>
                            })}
                        </div>
                        {(office && figures.median_days_to_first_export.is_some()).then(|| view! {
                            <div class="stat-card">
                                <dt>{m.exports_median_title}</dt>
                                <dd class="stat-number">{fill(m.exports_median_days, &[("days", &figures.median_days_to_first_export.unwrap_or(0).to_string())])}</dd>
                            </div>
                        })}
                    </dl>
                    <table class="data-table admin-table">
                        <caption class="visually-hidden">{fill(m.exports_title, &[("year", &year)])}</caption>
                        <thead><tr>
                            <th scope="col">{m.exports_market}</th>
                            <th scope="col" class="number">{m.exports_deals}</th>
                            <th scope="col" class="number">{m.exports_value}</th>
                        </tr></thead>
                        <tbody>
                            {figures.markets.iter().map(|line| view! {
                                <tr>
                                    <td>{line.market.name(m)}</td>
                                    <td class="number">{i18n.count(line.deals)}</td>
                                    <td class="number" dir="ltr">{money(line.value_mad_minor)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    {(figures.without_value > 0).then(|| view! {
                        <p class="muted">{fill(m.exports_without_value, &[("count", &i18n.count(figures.without_value))])}</p>
                    })}
                    <h3>{m.exports_countries}</h3>
                    <ul class="export-countries">
                        {figures.countries.iter().take(12).map(|(country, count)| view! {
                            <li>{country.name(i18n.locale).to_owned()}" · "{i18n.count(*count)}</li>
                        }).collect_view()}
                    </ul>
                    {(office && !figures.by_region.is_empty()).then(|| view! {
                        <h3>{m.exports_first_by_region}</h3>
                        <ul class="export-countries">
                            {figures.by_region.iter().map(|(region, count)| view! {
                                <li>{region.name(m)}" · "{i18n.count(*count)}</li>
                            }).collect_view()}
                        </ul>
                    })}
                }.into_any()
            }}
        </section>
    }
}
