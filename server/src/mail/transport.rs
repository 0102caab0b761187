//! The mail transport, through lettre: over SMTP when `TRADEMA_SMTP_URL` is set,
//! otherwise written as `.eml` files into `<data_dir>/mail` and logged, so a
//! fresh install (and the tests) can read what would have been sent.

use std::path::PathBuf;

use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

use crate::config::Settings;

/// A mail to send: one recipient, a subject and a plain-text body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

#[derive(Clone)]
pub enum Mailer {
    Folder { transport: AsyncFileTransport<Tokio1Executor>, dir: PathBuf, from: Mailbox },
    Smtp { transport: AsyncSmtpTransport<Tokio1Executor>, from: Mailbox },
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("bad address: {0}")]
    Address(#[from] lettre::address::AddressError),
    #[error("cannot build the message: {0}")]
    Build(#[from] lettre::error::Error),
    #[error("cannot write the mail file: {0}")]
    File(#[from] lettre::transport::file::Error),
    #[error("SMTP: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("cannot create the mail folder: {0}")]
    Folder(#[from] std::io::Error),
}

impl Mailer {
    /// The transport the settings ask for.
    pub fn from_settings(settings: &Settings) -> Result<Mailer, MailError> {
        let from: Mailbox = settings.mail_from.parse()?;
        match &settings.smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())?.build();
                Ok(Mailer::Smtp { transport, from })
            }
            None => {
                let dir = settings.mail_dir();
                std::fs::create_dir_all(&dir)?;
                Ok(Mailer::Folder { transport: AsyncFileTransport::new(&dir), dir, from })
            }
        }
    }

    pub async fn send(&self, mail: Mail) -> Result<(), MailError> {
        let from = match self {
            Mailer::Folder { from, .. } | Mailer::Smtp { from, .. } => from.clone(),
        };
        let message = Message::builder()
            .from(from)
            .to(mail.to.parse()?)
            .subject(mail.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body)?;
        match self {
            Mailer::Folder { transport, dir, .. } => {
                let id = transport.send(message).await?;
                tracing::info!(file = %dir.join(format!("{id}.eml")).display(), "mail written (no SMTP server configured)");
            }
            Mailer::Smtp { transport, .. } => {
                transport.send(message).await?;
                tracing::info!("mail sent over SMTP");
            }
        }
        Ok(())
    }
}
