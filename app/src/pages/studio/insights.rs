//! The producer's insights (`/{lang}/dashboard/insights`): views
//! of its listings and inquiries over the last twelve months, by market, by
//! month and by country, with the share from outside Europe, then its
//! exports of the year (deals counted as exports, by market). Charts are
//! SVG drawn on the server; the country table gives the same numbers as
//! text.

use leptos::prelude::*;

use crate::api::studio::get_insights;
use crate::components::{Bar, ColumnChart, PageMeta, PairedBarChart};
use crate::domain::{CountryCode, Insights, Tally};
use crate::i18n::{I18n, fill, use_i18n};
use crate::pages::deals::ExportsSummary;
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn InsightsPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let insights = Resource::new(|| (), |_| get_insights());
    let exports = Resource::new(|| (), |_| crate::api::deals::get_own_exports());
    view! {
        {loaded(insights, |insights| view! { <InsightsContent insights /> })}
        {loaded(exports, |figures| view! {
            <div class="container insights">
                <ExportsSummary figures office=false />
            </div>
        })}
    }
    .into_any()
}

fn country_name(i18n: I18n, country: Option<CountryCode>) -> String {
    country.map_or_else(|| i18n.messages.world_unknown.to_owned(), |c| c.name(i18n.locale).to_owned())
}

fn share_line(template: &str, share: Option<u8>, none: &str) -> String {
    share.map_or_else(|| none.to_owned(), |percent| fill(template, &[("percent", &percent.to_string())]))
}

#[component]
fn InsightsContent(insights: Insights) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let rtl = i18n.locale.dir() == "rtl";
    let described = |template: &str, what: (&str, &str), tally: Tally| {
        fill(template, &[what, ("views", &i18n.count(tally.views)), ("inquiries", &i18n.count(tally.inquiries))])
    };
    let month_bars = |views: bool| {
        insights
            .months
            .iter()
            .map(|month| {
                let name = i18n.month(&month.month);
                let value = if views { month.tally.views } else { month.tally.inquiries };
                Bar {
                    label: name.clone(),
                    value,
                    shown: i18n.count(value),
                    description: described(m.insights_chart_views_label, ("month", &name), month.tally),
                }
            })
            .collect::<Vec<_>>()
    };
    let markets = insights
        .markets
        .iter()
        .map(|market| {
            let name = market.market.map_or(m.world_unknown, |region| region.name(m)).to_owned();
            let description = described(m.insights_market_label, ("market", &name), market.tally);
            let views = Bar {
                label: name.clone(),
                value: market.tally.views,
                shown: i18n.count(market.tally.views),
                description: description.clone(),
            };
            let inquiries = Bar {
                label: name.clone(),
                value: market.tally.inquiries,
                shown: i18n.count(market.tally.inquiries),
                description,
            };
            (name, views, inquiries)
        })
        .collect::<Vec<_>>();
    let window = fill(m.insights_window, &[("from", &insights.from.to_string()), ("to", &insights.to.to_string())]);
    let empty = insights.total == Tally::default();
    let views_share = share_line(m.insights_outside_views, insights.views_outside_europe, m.insights_outside_none);
    let inquiries_share =
        share_line(m.insights_outside_inquiries, insights.inquiries_outside_europe, m.insights_outside_none);
    view! {
        <PageMeta title=format!("{} · {}", m.insights_title, m.site_name) description=m.insights_intro path="/dashboard/insights" />
        <div class="container insights">
            <header class="dashboard-header">
                <div>
                    <p class="eyebrow"><a href=i18n.path("/dashboard")>{m.dashboard_title}</a></p>
                    <h1>{m.insights_title}</h1>
                    <p class="muted">{m.insights_intro}</p>
                    <p class="muted">{window}</p>
                </div>
            </header>
            <dl class="stat-cards">
                <div class="stat-card">
                    <dt>{m.insights_views}</dt>
                    <dd class="stat-number">{i18n.count(insights.total.views)}</dd>
                    <dd class="muted">{views_share}</dd>
                </div>
                <div class="stat-card">
                    <dt>{m.insights_inquiries}</dt>
                    <dd class="stat-number">{i18n.count(insights.total.inquiries)}</dd>
                    <dd class="muted">{inquiries_share}</dd>
                </div>
            </dl>
            {if empty {
                view! { <p class="empty-state">{m.insights_empty}</p> }.into_any()
            } else {
                view! {
                    <section class="section" aria-labelledby="markets-title">
                        <h2 id="markets-title">{m.insights_by_market}</h2>
                        <p class="chart-legend">
                            <span class="legend-views">{m.insights_views}</span>
                            <span class="legend-inquiries">{m.insights_inquiries}</span>
                        </p>
                        <PairedBarChart groups=markets summary=m.insights_by_market.to_owned() rtl />
                    </section>
                    <section class="section" aria-labelledby="months-title">
                        <h2 id="months-title">{m.insights_by_month}</h2>
                        <div class="chart-pair">
                            <figure>
                                <figcaption>{m.insights_views}</figcaption>
                                <ColumnChart bars=month_bars(true) summary=format!("{} · {}", m.insights_views, m.insights_by_month) rtl />
                            </figure>
                            <figure>
                                <figcaption>{m.insights_inquiries}</figcaption>
                                <ColumnChart bars=month_bars(false) summary=format!("{} · {}", m.insights_inquiries, m.insights_by_month) rtl tone="chart-inquiries" />
                            </figure>
                        </div>
                    </section>
                    <section class="section" aria-labelledby="countries-title">
                        <h2 id="countries-title">{m.insights_by_country}</h2>
                        <table class="data-table">
                            <thead>
                                <tr><th scope="col">{m.insights_country}</th><th scope="col">{m.insights_views}</th><th scope="col">{m.insights_inquiries}</th></tr>
                            </thead>
                            <tbody>
                                {insights.countries.iter().map(|row| view! {
                                    <tr>
                                        <th scope="row">{country_name(i18n, row.country)}</th>
                                        <td>{i18n.count(row.tally.views)}</td>
                                        <td>{i18n.count(row.tally.inquiries)}</td>
                                    </tr>
                                }).collect_view()}
                                {(insights.other_countries != Tally::default()).then(|| view! {
                                    <tr>
                                        <th scope="row">{m.insights_other_countries}</th>
                                        <td>{i18n.count(insights.other_countries.views)}</td>
                                        <td>{i18n.count(insights.other_countries.inquiries)}</td>
                                    </tr>
                                })}
                            </tbody>
                        </table>
                    </section>
                }.into_any()
            }}
            <p class="muted insights-note">{m.insights_how_counted}</p>
        </div>
    }
}
