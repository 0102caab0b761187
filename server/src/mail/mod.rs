//! Outgoing mail: what each mail says (its text comes from the locale files,
//! like every other interface string), the transport that sends it, and the
//! sender job's rules. Mails are never sent from a request: a service writes
//! them to the outbox (`repo::mail_outbox`) in the transaction of the event
//! that causes them, and `jobs::mail_sender` sends them.
//!
//! A mail that may reach an address nobody has confirmed (a confirmation,
//! a reset link, a message notice, a sign-up attempt) carries no text a
//! visitor typed, not even a display name: anyone can type any address
//! into a form, and Trade.ma must not carry their words to it.

pub mod transport;

use app::domain::Locale;
use app::i18n::messages;

pub use transport::{Mail, MailError, Mailer};

/// Replaces each `{key}` of `template` by its value in one pass, so a value
/// that itself contains `{link}` (a display name, say) stays as typed.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut filled = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        filled.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}').and_then(|end| values.iter().find(|(k, _)| *k == &after[..end]).map(|(_, v)| (end, v))) {
            Some((end, value)) => {
                filled.push_str(value);
                rest = &after[end + 1..];
            }
            None => {
                filled.push('{');
                rest = after;
            }
        }
    }
    filled.push_str(rest);
    filled
}

/// The mail carrying a password-reset link, in the account's language.
pub fn password_reset(locale: Locale, to: &str, link: &str, minutes: i64) -> Mail {
    let m = messages(locale);
    let minutes = minutes.to_string();
    Mail {
        to: to.to_owned(),
        subject: m.mail_reset_subject.to_owned(),
        body: fill(m.mail_reset_body, &[("link", link), ("minutes", &minutes)]),
    }
}

/// The mail to the owner of an address someone tried to sign up with:
/// nothing was created; links to sign in and to choose a new password.
pub fn sign_up_attempt(locale: Locale, to: &str, sign_in: &str, reset: &str) -> Mail {
    let m = messages(locale);
    Mail {
        to: to.to_owned(),
        subject: m.mail_sign_up_attempt_subject.to_owned(),
        body: fill(m.mail_sign_up_attempt_body, &[("sign_in", sign_in), ("reset", reset)]),
    }
}

/// The mail inviting a cooperative to claim the producer its trade office
/// put online for it.
pub fn invitation(locale: Locale, to: &str, producer: &str, link: &str, days: i64) -> Mail {
    let m = messages(locale);
    let days = days.to_string();
    Mail {
        to: to.to_owned(),
        subject: fill(m.mail_invitation_subject, &[("producer", producer)]),
        body: fill(m.mail_invitation_body, &[("producer", producer), ("link", link), ("days", &days)]),
    }
}

/// An owner's invitation to join its company's team with a role.
pub fn team_invitation(
    locale: Locale,
    to: &str,
    company: &str,
    role: app::domain::TeamRole,
    inviter: &str,
    link: &str,
    days: i64,
) -> Mail {
    let m = messages(locale);
    let days = days.to_string();
    let role = role.name(m);
    let fields = [("company", company), ("role", role), ("inviter", inviter), ("link", link), ("days", &days)];
    Mail {
        to: to.to_owned(),
        subject: fill(m.mail_team_invitation_subject, &[("company", company)]),
        body: fill(m.mail_team_invitation_body, &fields),
    }
}

/// The mail telling one side of a conversation that the other wrote. It
/// carries nothing the other side typed (not the message, not the product
/// as the buyer named it): a mail client would make links of it.
pub fn new_message(locale: Locale, to: &str, link: &str) -> Mail {
    let m = messages(locale);
    Mail {
        to: to.to_owned(),
        subject: m.mail_message_subject.to_owned(),
        body: fill(m.mail_message_body, &[("link", link)]),
    }
}

/// The mail carrying the link that confirms a buyer's address.
pub fn confirm_address(locale: Locale, to: &str, link: &str, days: i64) -> Mail {
    let m = messages(locale);
    let days = days.to_string();
    Mail {
        to: to.to_owned(),
        subject: m.mail_confirm_subject.to_owned(),
        body: fill(m.mail_confirm_body, &[("link", link), ("days", &days)]),
    }
}

/// What a saved search's alert says.
pub struct SearchAlert<'a> {
    pub locale: Locale,
    pub to: &'a str,
    pub name: &'a str,
    /// The search in a few words.
    pub search: &'a str,
    /// New listings in all.
    pub count: usize,
    /// One block per listing named (title, producer, region, link).
    pub listings: &'a str,
    /// New listings not named.
    pub more: usize,
    pub search_link: &'a str,
    pub stop_link: &'a str,
}

/// The daily mail of a saved search's new listings.
pub fn search_alert(alert: SearchAlert<'_>) -> Mail {
    let m = messages(alert.locale);
    let more = if alert.more > 0 { fill(m.mail_alert_more, &[("n", &alert.more.to_string())]) } else { String::new() };
    Mail {
        to: alert.to.to_owned(),
        subject: fill(m.mail_alert_subject, &[("search", alert.search)]),
        body: fill(
            m.mail_alert_body,
            &[
                ("name", alert.name),
                ("count", &alert.count.to_string()),
                ("search", alert.search),
                ("listings", alert.listings),
                ("more", &more),
                ("search_link", alert.search_link),
                ("stop_link", alert.stop_link),
            ],
        ),
    }
}

/// A producer quoted on the buyer's request.
pub fn request_quoted(locale: Locale, to: &str, product: &str, link: &str) -> Mail {
    let m = messages(locale);
    Mail {
        to: to.to_owned(),
        subject: fill(m.mail_request_quoted_subject, &[("product", product)]),
        body: fill(m.mail_request_quoted_body, &[("product", product), ("link", link)]),
    }
}

/// An office's verdict on the buyer's request: approved, refused (the
/// page says why) or merged into an earlier one.
pub fn request_screened(
    locale: Locale,
    to: &str,
    product: &str,
    status: app::domain::RequestStatus,
    link: &str,
) -> Mail {
    use app::domain::RequestStatus;
    let m = messages(locale);
    let (subject, body) = match status {
        RequestStatus::Refused => (m.mail_request_refused_subject, m.mail_request_refused_body),
        RequestStatus::Merged => (m.mail_request_merged_subject, m.mail_request_merged_body),
        _ => (m.mail_request_approved_subject, m.mail_request_approved_body),
    };
    Mail {
        to: to.to_owned(),
        subject: fill(subject, &[("product", product)]),
        body: fill(body, &[("product", product), ("link", link)]),
    }
}

/// A producer's daily digest of the buying requests it was matched to:
/// one line per request (`requests`), and the workspace's link.
pub fn request_digest(locale: Locale, to: &str, count: usize, requests: &str, link: &str) -> Mail {
    let m = messages(locale);
    let count = count.to_string();
    Mail {
        to: to.to_owned(),
        subject: fill(m.mail_request_digest_subject, &[("count", &count)]),
        body: fill(m.mail_request_digest_body, &[("count", &count), ("requests", requests), ("link", link)]),
    }
}

/// A producer is invited into a pooled offer.
pub fn offer_invitation(locale: Locale, to: &str, product: &str, link: &str) -> Mail {
    let m = messages(locale);
    Mail {
        to: to.to_owned(),
        subject: fill(m.mail_offer_invitation_subject, &[("product", product)]),
        body: fill(m.mail_offer_invitation_body, &[("product", product), ("link", link)]),
    }
}

/// The buyer accepted or declined a pooled offer the producer is part of.
pub fn offer_decided(locale: Locale, to: &str, product: &str, accepted: bool, link: &str) -> Mail {
    let m = messages(locale);
    let (subject, body) = if accepted {
        (m.mail_offer_accepted_subject, m.mail_offer_accepted_body)
    } else {
        (m.mail_offer_declined_subject, m.mail_offer_declined_body)
    };
    Mail {
        to: to.to_owned(),
        subject: fill(subject, &[("product", product)]),
        body: fill(body, &[("product", product), ("link", link)]),
    }
}

/// Tells one side of a deal that the other moved it a step.
pub fn deal_moved(locale: Locale, to: &str, product: &str, step: app::domain::DealStatus, link: &str) -> Mail {
    let m = messages(locale);
    let step = step.name(m);
    Mail {
        to: to.to_owned(),
        subject: fill(m.mail_deal_moved_subject, &[("product", product), ("step", step)]),
        body: fill(m.mail_deal_moved_body, &[("product", product), ("step", step), ("link", link)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_once_and_values_are_left_as_typed() {
        assert_eq!(fill("Hi {name}: {link}", &[("name", "{link}"), ("link", "https://x")]), "Hi {link}: https://x");
        assert_eq!(fill("{unknown} {name}", &[("name", "A")]), "{unknown} A");
        assert_eq!(fill("no braces", &[]), "no braces");
        assert_eq!(fill("open { only", &[]), "open { only");
    }

    #[test]
    fn the_reset_mail_speaks_the_account_language() {
        let mail = password_reset(Locale::Ar, "a@b.ma", "https://trade.ma/ar/account/reset?token=t", 30);
        assert!(mail.subject.contains("كلمة المرور"));
        assert!(mail.body.contains("token=t") && mail.body.contains("30"));
        assert!(!mail.body.contains('{'), "every placeholder is filled: {}", mail.body);
    }

    #[test]
    fn conversation_mails_fill_every_placeholder_in_every_language() {
        for locale in Locale::ALL {
            let message = new_message(locale, "a@b.ma", "https://trade.ma/fr/inquiries/3");
            assert!(message.body.contains("/inquiries/3"));
            assert!(!message.body.contains('{') && !message.subject.contains('{'), "{}", message.body);
            let confirm = confirm_address(locale, "a@b.ma", "https://trade.ma/es/account/confirm?token=t", 7);
            assert!(confirm.body.contains("token=t") && confirm.body.contains('7'));
            assert!(!confirm.body.contains('{'), "{}", confirm.body);
            let attempt = sign_up_attempt(
                locale,
                "a@b.ma",
                "https://trade.ma/fr/account/sign-in",
                "https://trade.ma/fr/account/forgot",
            );
            assert!(attempt.body.contains("/account/sign-in") && attempt.body.contains("/account/forgot"));
            assert!(!attempt.body.contains('{') && !attempt.subject.contains('{'), "{}", attempt.body);
        }
    }
}
