//! The `Documents` port: the documents a destination usually asks for.
//! Every office reads the rules; only the national team adds, changes and
//! removes them, each change in the audit log in its own transaction.
//! Anyone reads the rules that apply to a product and a destination
//! (`app::domain::documents_for`), with their source and date.

use app::domain::{
    AdminAccess, AppError, AuditAction, AuditObject, CountryCode, DocumentRule, DocumentRuleForm, documents_for,
};
use app::ports::Documents;

use crate::clock::Clock;
use crate::db::{self, Db};
use crate::repo::audit::{self, AuditTarget, AuditWhy};
use crate::repo::document_rule as rules;

pub struct DocumentsService {
    db: Db,
    clock: Clock,
}

impl DocumentsService {
    pub fn new(db: Db, clock: Clock) -> DocumentsService {
        DocumentsService { db, clock }
    }
}

/// What the audit log names a rule by.
fn label(rule: &app::domain::DocumentRuleDraft) -> String {
    let hs = rule.hs.as_ref().map_or_else(|| "*".to_owned(), |hs| format!("{}-{}", hs.from, hs.to));
    format!("{} · HS {hs} · {}", rule.document.slug(), rule.destination.code())
}

#[async_trait::async_trait]
impl Documents for DocumentsService {
    async fn for_destination(
        &self,
        hs_code: Option<&str>,
        country: CountryCode,
    ) -> Result<Vec<DocumentRule>, AppError> {
        let all = rules::all(&self.db).await?;
        Ok(documents_for(&all, hs_code, country))
    }

    async fn rules(&self, _office: &AdminAccess) -> Result<Vec<DocumentRule>, AppError> {
        Ok(rules::all(&self.db).await?)
    }

    async fn add_rule(&self, office: &AdminAccess, form: &DocumentRuleForm) -> Result<i64, AppError> {
        office.check_national()?;
        let now = self.clock.now();
        let draft = form.validate(self.clock.today())?;
        let txn = db::begin_write(&self.db).await?;
        if rules::count(&txn).await? >= rules::MAX_RULES {
            return Err(AppError::invalid("document", "invalid.rules_full"));
        }
        let id = rules::insert(&txn, &draft, false, Some(office.user_id()), now).await?;
        let label = label(&draft);
        let target = AuditTarget { kind: AuditObject::DocumentRule, id, label: &label, region: None };
        let why = AuditWhy { reason: None, note: Some(&draft.source) };
        audit::record(&txn, office, AuditAction::AddDocumentRule, target, why, now).await?;
        db::commit(txn).await?;
        Ok(id)
    }

    async fn change_rule(&self, office: &AdminAccess, id: i64, form: &DocumentRuleForm) -> Result<(), AppError> {
        office.check_national()?;
        let now = self.clock.now();
        let draft = form.validate(self.clock.today())?;
        let txn = db::begin_write(&self.db).await?;
        if !rules::update(&txn, id, &draft, office.user_id(), now).await? {
            return Err(AppError::NotFound);
        }
        let label = label(&draft);
        let target = AuditTarget { kind: AuditObject::DocumentRule, id, label: &label, region: None };
        let why = AuditWhy { reason: None, note: Some(&draft.source) };
        audit::record(&txn, office, AuditAction::ChangeDocumentRule, target, why, now).await?;
        db::commit(txn).await?;
        Ok(())
    }

    async fn remove_rule(&self, office: &AdminAccess, id: i64) -> Result<(), AppError> {
        office.check_national()?;
        let now = self.clock.now();
        let txn = db::begin_write(&self.db).await?;
        let removed = rules::remove(&txn, id).await?.ok_or(AppError::NotFound)?;
        let draft = app::domain::DocumentRuleDraft {
            document: removed.document,
            hs: removed.hs,
            destination: removed.destination,
            source: removed.source,
            checked_on: removed.checked_on,
            note: removed.note,
        };
        let label = label(&draft);
        let target = AuditTarget { kind: AuditObject::DocumentRule, id, label: &label, region: None };
        audit::record(&txn, office, AuditAction::RemoveDocumentRule, target, AuditWhy::default(), now).await?;
        db::commit(txn).await?;
        Ok(())
    }
}
