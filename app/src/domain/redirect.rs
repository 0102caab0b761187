//! The one rule for where a redirect may send a browser: a path of this
//! site that can be written into a `Location` header. Not `//host` or
//! `/\host` (browsers read another host there), nothing that is not a path,
//! and no control character (NUL, DEL, CR, LF…: not a header value; they
//! panicked the response builder and dropped the connection). The server's
//! `Location` guard and every server function's redirect use it.

/// Whether `target` is a path on this site that a `Location` header can carry.
pub fn is_local_path(target: &str) -> bool {
    target.starts_with('/')
        && !matches!(target.as_bytes().get(1), Some(b'/' | b'\\'))
        && !target.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_the_site_pass_and_nothing_else() {
        for good in ["/", "/fr/dashboard?saved=1", "/ar/search?q=زيت", "/en/listings/1#photos"] {
            assert!(is_local_path(good), "{good}");
        }
        for bad in [
            "",
            "fr",
            "//evil.example",
            "/\\evil.example",
            "/en\0x",
            "/en\u{7f}",
            "/en\r\nSet-Cookie: x",
            "/en\nx",
            "https://trade.ma/",
        ] {
            assert!(!is_local_path(bad), "{bad:?}");
        }
    }
}
