//! Server functions of the documents a destination asks for. Thin: each
//! finds who acts, calls the `Documents` port, and sends a plain form post
//! on to the offices' page of rules.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::domain::{AppError, DocumentRule, DocumentRuleForm, Locale, Office};

/// The rules for a product (`hs`, may be empty) shipped to country `to`.
#[server(endpoint = "documents", input = GetUrl)]
pub async fn get_destination_documents(
    #[server(default)] hs: String,
    to: String,
) -> Result<Vec<DocumentRule>, AppError> {
    let services = super::context::services()?;
    let country = super::context::respond(crate::domain::CountryCode::parse(&to).map_err(|_| AppError::BadRequest))?;
    let hs = Some(hs.trim()).filter(|hs| !hs.is_empty());
    super::context::respond(services.documents.for_destination(hs, country).await)
}

/// Every rule, for the offices, with the reader's office (the national
/// team changes them).
#[server(endpoint = "office/documents", input = GetUrl)]
pub async fn get_document_rules() -> Result<(Vec<DocumentRule>, Office), AppError> {
    let services = super::context::services()?;
    let admin = super::context::respond(super::context::admin())?;
    let rules = super::context::respond(services.documents.rules(&admin).await)?;
    Ok((rules, admin.office()))
}

/// Adds a rule (`id` empty) or changes one; `remove` set removes it.
#[server(endpoint = "office/documents/save")]
pub async fn save_document_rule(
    #[server(default)] id: Option<i64>,
    #[server(default)] remove: Option<String>,
    #[server(default)] form: DocumentRuleForm,
    locale: Locale,
) -> Result<(), AppError> {
    let services = super::context::services()?;
    let admin = super::context::respond(super::context::admin())?;
    let done = match (id, remove.is_some()) {
        (Some(id), true) => services.documents.remove_rule(&admin, id).await,
        (Some(id), false) => services.documents.change_rule(&admin, id, &form).await,
        (None, false) => services.documents.add_rule(&admin, &form).await.map(|_| ()),
        (None, true) => Err(AppError::BadRequest),
    };
    super::context::respond(done)?;
    super::context::redirect_to(&locale.localize_path("/admin/documents?saved=1"));
    Ok(())
}
