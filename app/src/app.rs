//! The application root: the router, the stylesheet and the page-wide language.
//! It renders only on the server: the browser hydrates the islands alone,
//! and navigations load pages afresh.

use leptos::prelude::*;
use leptos_meta::{Html, Link, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::components::Layout;
use crate::i18n::provide_i18n;
use crate::page_locale::page_locale;
use crate::pages::{
    AccountsPage, AuditPage, ClaimProducerPage, DocumentRulesPage, ImportPage, OfficeImportPage, OfficeProducerPage,
    OfficeProducersPage, OfficesOverviewPage, OnboardPage, VerificationPage, VerificationQueuePage,
};
use crate::pages::{BillingPage, DealDetailPage, DealsPage, ProformaPrintPage};
use crate::pages::{
    BuyerProfilePage, ConfirmPage, EditListingPage, EditShowcasePage, ForgotPage, HomePage, InboxPage, InquiryPage,
    InsightsPage, ListingPage, NewListingPage, NewShowcasePage, NotFound, OrganiserPage, PasswordPage, ProducerPage,
    ProfilePage, RegionPage, ResetPage, SavedSearchesPage, SearchPage, SectorPage, ShortlistPage, ShowcasePage,
    ShowcasePrintPage, ShowcasesPage, SignInPage, SignUpPage, StopAlertsPage, StudioPage, ThreadPage,
};
use crate::pages::{JoinTeamPage, OrganiserTeamPage, ProducerTeamPage};
use crate::pages::{
    MatchedRequestsPage, MyRequestsPage, NewRequestPage, RequestPage, RequestScreeningPage, RequestsPage,
};

/// The router and everything every page shares.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let locale = page_locale();
    provide_i18n(locale);
    view! {
        <Html {..} lang=locale.tag() dir=locale.dir() />
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/:lang") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/search") view=SearchPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/listings/:listing") view=ListingPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/listings/:listing/inquire") view=InquiryPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/inquiries") view=InboxPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/requests") view=RequestsPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/requests/new") view=NewRequestPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/requests/:id") view=RequestPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/account/requests") view=MyRequestsPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/dashboard/requests") view=MatchedRequestsPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/admin/requests") view=RequestScreeningPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/deals") view=DealsPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/deals/:id") view=DealDetailPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/deals/:id/proforma") view=ProformaPrintPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/dashboard/billing") view=BillingPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/shortlist") view=ShortlistPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/organiser") view=OrganiserPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/organiser/showcases/new") view=NewShowcasePage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/organiser/showcases/:id") view=EditShowcasePage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/showcases") view=ShowcasesPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/showcases/:slug") view=ShowcasePage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/showcases/:slug/print") view=ShowcasePrintPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/account/searches") view=SavedSearchesPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/alerts/stop") view=StopAlertsPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/inquiries/:id") view=ThreadPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/account/confirm") view=ConfirmPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/account/company") view=BuyerProfilePage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/producers/:producer") view=ProducerPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/producers/:producer/inquire") view=InquiryPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/regions/:region") view=RegionPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/sectors/:sector") view=SectorPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/account/sign-up") view=SignUpPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/account/sign-in") view=SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/account/forgot") view=ForgotPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/account/reset") view=ResetPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/account/password") view=PasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/dashboard") view=StudioPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/dashboard/profile") view=ProfilePage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/dashboard/insights") view=InsightsPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/dashboard/team") view=ProducerTeamPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/organiser/team") view=OrganiserTeamPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/join") view=JoinTeamPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/dashboard/verification") view=VerificationPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/admin") view=OfficesOverviewPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/admin/verification") view=VerificationQueuePage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/admin/producers") view=OfficeProducersPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/admin/producers/new") view=OnboardPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/admin/producers/:slug") view=OfficeProducerPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/account/claim") view=ClaimProducerPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/admin/producers/:slug/import") view=OfficeImportPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/dashboard/import") view=ImportPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/admin/accounts") view=AccountsPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/admin/audit") view=AuditPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/admin/documents") view=DocumentRulesPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/dashboard/listings/new") view=NewListingPage ssr=SsrMode::Async />
                    <Route path=path!("/:lang/dashboard/listings/:id") view=EditListingPage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
