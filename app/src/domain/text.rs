//! The one rule for free text typed by people: trimmed, bounded in characters,
//! and free of control characters. A NUL or an escape sequence pasted from
//! another program is invisible, breaks PostgreSQL (which refuses NUL in text)
//! and has no business in a page, so it is refused with a message that says
//! what to do. Multi-line text keeps tabs and line breaks; Windows line
//! breaks (`\r\n`, as browsers post a textarea) become `\n`.

use super::AppError;

/// The reason given when a text holds a control character.
pub const CONTROL_CHARACTER: &str = "invalid.control_character";
/// The reason given when a text is longer than allowed.
pub const TOO_LONG: &str = "invalid.too_long";

/// The reason to refuse an already trimmed text, if any: a control
/// character `allowed` does not let through, or more than `max_chars`.
fn problem(value: &str, max_chars: usize, allowed: fn(char) -> bool) -> Option<&'static str> {
    if value.chars().any(|c| c.is_control() && !allowed(c)) {
        Some(CONTROL_CHARACTER)
    } else if value.chars().count() > max_chars {
        Some(TOO_LONG)
    } else {
        None
    }
}

fn no_control(_: char) -> bool {
    false
}

/// Checks a one-line text: trimmed, at most `max_chars`, no control character
/// (tab and line breaks included). An empty text is `None`.
pub fn single_line(field: &str, value: &str, max_chars: usize) -> Result<Option<String>, AppError> {
    let value = value.trim();
    match problem(value, max_chars, no_control) {
        Some(reason) => Err(AppError::invalid(field, reason)),
        None => Ok((!value.is_empty()).then(|| value.to_owned())),
    }
}

/// Checks a multi-line text: trimmed, line breaks normalised to `\n`, at most
/// `max_chars`, no control character but tab and line break. May be empty.
pub fn multi_line(field: &str, value: &str, max_chars: usize) -> Result<String, AppError> {
    let value = value.trim().replace("\r\n", "\n").replace('\r', "\n");
    match problem(&value, max_chars, |c| c == '\n' || c == '\t') {
        Some(reason) => Err(AppError::invalid(field, reason)),
        None => Ok(value),
    }
}

/// The reason to refuse a one-line text for, if any: for checks that keep
/// their own error shape (account names, e-mail addresses).
pub fn single_line_problem(value: &str, max_chars: usize) -> Option<&'static str> {
    problem(value.trim(), max_chars, no_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(result: Result<impl std::fmt::Debug, AppError>) -> String {
        match result {
            Err(AppError::Invalid { reason, .. }) => reason,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn one_line_text_refuses_every_control_character() {
        assert_eq!(single_line("city", "  Agadir ", 10), Ok(Some("Agadir".into())));
        assert_eq!(single_line("city", "   ", 10), Ok(None));
        for bad in ["Aga\0dir", "Aga\tdir", "Aga\ndir", "Aga\u{1b}[31mdir", "Aga\u{7f}dir", "Aga\u{85}dir"] {
            assert_eq!(reason(single_line("city", bad, 40)), CONTROL_CHARACTER, "{bad:?}");
        }
        assert_eq!(reason(single_line("city", "Agadir", 3)), TOO_LONG);
        assert_eq!(single_line_problem("ok", 5), None);
        assert_eq!(single_line_problem("o\0k", 5), Some(CONTROL_CHARACTER));
    }

    #[test]
    fn multi_line_text_keeps_tabs_and_line_breaks_only() {
        assert_eq!(multi_line("d", " a\r\nb\tc\rd ", 20), Ok("a\nb\tc\nd".into()));
        assert_eq!(reason(multi_line("d", "a\0b", 20)), CONTROL_CHARACTER);
        assert_eq!(reason(multi_line("d", "a\u{8}b", 20)), CONTROL_CHARACTER);
        assert_eq!(reason(multi_line("d", "زيت الأركان", 5)), TOO_LONG);
        assert_eq!(multi_line("d", "زيت الأركان", 11), Ok("زيت الأركان".into()));
    }
}
