//! `/{lang}/admin`: the office's platform view. Producers by region (with
//! the year's first exporters beside them) and by sector, the producers
//! with a first export this year against the national target of 400 and
//! the year's exports by market, the producers new on the platform, what
//! waits for review,
//! and inquiries to the office's producers by month and by the buyers'
//! world region, with the share from outside Europe. Charts are SVG drawn
//! on the server (`components::chart`), mirrored in Arabic.

use leptos::prelude::*;

use super::AdminNav;
use crate::api::offices::get_platform;
use crate::components::{Bar, ColumnChart, PageMeta, PairedBarChart};
use crate::domain::PlatformView;
use crate::i18n::{fill, use_i18n};
use crate::pages::deals::ExportsSummary;
use crate::pages::{NotFound, lang_segment_is_valid, loaded};

#[component]
pub fn OfficesOverviewPage() -> impl IntoView {
    if !lang_segment_is_valid() {
        return view! { <NotFound /> }.into_any();
    }
    let view = Resource::new(|| (), |_| get_platform());
    view! { {loaded(view, |platform| view! { <OverviewContent platform /> })} }.into_any()
}

#[component]
fn OverviewContent(platform: PlatformView) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let rtl = i18n.locale.dir() == "rtl";
    let year = platform.year.to_string();
    let bar = |label: &str, value: u64, description: String| Bar {
        label: label.to_owned(),
        value,
        shown: i18n.count(value),
        description,
    };
    let regions = platform
        .regions
        .iter()
        .map(|figures| {
            let name = figures.region.name(m);
            let description = fill(
                m.platform_region_label,
                &[
                    ("region", name),
                    ("producers", &i18n.count(figures.producers)),
                    ("new", &i18n.count(figures.first_exporters)),
                    ("year", &year),
                ],
            );
            (
                name.to_owned(),
                bar(name, figures.producers, description.clone()),
                bar(name, figures.first_exporters, description),
            )
        })
        .collect::<Vec<_>>();
    let months = platform
        .inquiries
        .months
        .iter()
        .map(|month| {
            let name = i18n.month(&month.month);
            let count = month.tally.inquiries;
            bar(&name, count, fill(m.platform_month_label, &[("month", &name), ("inquiries", &i18n.count(count))]))
        })
        .collect::<Vec<_>>();
    let share = platform.inquiries.inquiries_outside_europe.map_or_else(
        || m.insights_outside_none.to_owned(),
        |percent| fill(m.insights_outside_inquiries, &[("percent", &percent.to_string())]),
    );
    let first_exporters = platform.exports.first_exporters;
    let target_line = fill(
        m.platform_target_line,
        &[("count", &i18n.count(first_exporters)), ("target", &i18n.count(platform.target)), ("year", &year)],
    );
    let verified: u64 = platform.regions.iter().map(|figures| figures.verified).sum();
    view! {
        <PageMeta title=format!("{} · {}", m.platform_title, m.site_name) description=m.platform_intro path="/admin" />
        <div class="container dashboard admin-page insights">
            <AdminNav office=platform.office current="/admin" />
            <header class="dashboard-header">
                <div>
                    <h1>{m.platform_title}</h1>
                    <p class="muted">{m.platform_intro}</p>
                </div>
            </header>
            <dl class="stat-cards">
                <div class="stat-card">
                    <dt>{fill(m.platform_new_exporters, &[("year", &year)])}</dt>
                    <dd class="stat-number">{i18n.count(first_exporters)}</dd>
                    <dd>
                        <progress class="target-progress" max=platform.target.to_string() value=first_exporters.min(platform.target).to_string() aria-label=target_line.clone()></progress>
                    </dd>
                    <dd class="muted">{target_line.clone()}</dd>
                </div>
                <div class="stat-card">
                    <dt>{fill(m.platform_new_publishers, &[("year", &year)])}</dt>
                    <dd class="stat-number">{i18n.count(platform.new_publishers)}</dd>
                    <dd class="muted">{m.platform_new_publishers_hint}</dd>
                </div>
                <div class="stat-card">
                    <dt>{m.platform_producers}</dt>
                    <dd class="stat-number">{i18n.count(platform.producers())}</dd>
                    <dd class="muted">{fill(m.platform_verified_count, &[("count", &i18n.count(verified))])}</dd>
                </div>
                <div class="stat-card">
                    <dt>{m.platform_waiting}</dt>
                    <dd class="stat-number">{i18n.count(platform.pending_verifications + platform.reviews_asked)}</dd>
                    <dd><a href=i18n.path("/admin/verification")>{fill(m.platform_pending_verifications, &[("count", &i18n.count(platform.pending_verifications))])}</a></dd>
                    <dd><a href=i18n.path("/admin/producers?state=review")>{fill(m.platform_reviews_asked, &[("count", &i18n.count(platform.reviews_asked))])}</a></dd>
                    <dd class="muted">{fill(m.platform_hidden_listings, &[("count", &i18n.count(platform.hidden_listings))])}</dd>
                </div>
            </dl>
            <section class="section" aria-labelledby="regions-title">
                <h2 id="regions-title">{m.platform_by_region}</h2>
                <p class="chart-legend">
                    <span class="legend-views">{m.platform_producers}</span>
                    <span class="legend-inquiries">{fill(m.platform_new_exporters, &[("year", &year)])}</span>
                </p>
                <PairedBarChart groups=regions summary=m.platform_by_region.to_owned() rtl />
            </section>
            <ExportsSummary figures=platform.exports.clone() office=true />
            <section class="section" aria-labelledby="sectors-title">
                <h2 id="sectors-title">{m.platform_by_sector}</h2>
                <table class="data-table admin-table">
                    <thead><tr><th scope="col">{m.platform_sector}</th><th scope="col" class="number">{m.platform_producers}</th></tr></thead>
                    <tbody>
                        {platform.sectors.iter().map(|(sector, count)| view! {
                            <tr><td>{sector.name(m)}</td><td class="number">{i18n.count(*count)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
            <section class="section" aria-labelledby="inquiries-title">
                <h2 id="inquiries-title">{m.platform_inquiries}</h2>
                {if platform.inquiries.total.inquiries == 0 {
                    view! { <p class="empty-state">{m.platform_no_inquiries}</p> }.into_any()
                } else {
                    view! {
                        <p class="muted">{share}</p>
                        <ColumnChart bars=months summary=format!("{} · {}", m.platform_inquiries, m.insights_by_month) rtl tone="chart-inquiries" />
                        <table class="data-table admin-table">
                            <thead><tr><th scope="col">{m.platform_market}</th><th scope="col" class="number">{m.insights_inquiries}</th></tr></thead>
                            <tbody>
                                {platform.inquiries.markets.iter().map(|market| view! {
                                    <tr>
                                        <td>{market.market.map_or(m.world_unknown, |region| region.name(m))}</td>
                                        <td class="number">{i18n.count(market.tally.inquiries)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </section>
            <RequestsSection figures=platform.requests.clone() />
        </div>
    }
}

/// Buying requests that reached the office's producers.
#[component]
fn RequestsSection(figures: crate::domain::RequestFigures) -> impl IntoView {
    let i18n = use_i18n();
    let m = i18n.messages;
    let per_request = figures.quotes_per_request_tenths().map_or_else(
        || "–".to_owned(),
        |tenths| format!("{}{}{}", tenths / 10, i18n.locale.number_marks().1, tenths % 10),
    );
    let answered = figures.answered_percent().map_or_else(|| "–".to_owned(), |percent| format!("{percent} %"));
    let fact = |label: &'static str, value: String| view! { <div class="fact"><dt>{label}</dt><dd>{value}</dd></div> };
    view! {
        <section class="section" aria-labelledby="requests-title">
            <h2 id="requests-title">{m.platform_requests}</h2>
            <p><a href=i18n.path("/admin/requests")>{fill(m.platform_requests_waiting, &[("count", &i18n.count(figures.waiting))])}</a></p>
            <dl class="facts">
                {fact(m.platform_requests_published, i18n.count(figures.published))}
                {fact(m.platform_requests_quotes, per_request)}
                {fact(m.platform_requests_answered, answered)}
                {fact(m.platform_requests_offers, format!("{} / {}", i18n.count(figures.offers_sent), i18n.count(figures.offers_accepted)))}
            </dl>
            <div class="field-row">
                <table class="data-table admin-table">
                    <thead><tr><th scope="col">{m.platform_market}</th><th scope="col" class="number">{m.platform_requests_published}</th></tr></thead>
                    <tbody>
                        {figures.by_market.iter().map(|(market, count)| view! {
                            <tr><td>{market.name(m)}</td><td class="number">{i18n.count(*count)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <table class="data-table admin-table">
                    <thead><tr><th scope="col">{m.platform_sector}</th><th scope="col" class="number">{m.platform_requests_published}</th></tr></thead>
                    <tbody>
                        {figures.by_sector.iter().map(|(sector, count)| view! {
                            <tr><td>{sector.name(m)}</td><td class="number">{i18n.count(*count)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
