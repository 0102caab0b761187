//! The site's public address, for everything that must be absolute: the
//! canonical link, language alternates, Open Graph images and structured
//! data. The server provides it from `TRADEMA_PUBLIC_URL` as context; the
//! browser uses the address it loaded the page from (crawlers and link
//! previews read the server's HTML, so that is the one that counts).

/// `https://trade.ma`, without a trailing slash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteUrl(String);

impl SiteUrl {
    pub fn new(url: &str) -> SiteUrl {
        SiteUrl(url.trim_end_matches('/').to_owned())
    }

    /// `path` (starting with `/`) as an absolute URL; an absolute `path` is
    /// kept as it is.
    pub fn absolute(&self, path: &str) -> String {
        if path.starts_with("http://") || path.starts_with("https://") {
            path.to_owned()
        } else {
            format!("{}{path}", self.0)
        }
    }
}

/// The public address for this page load.
#[cfg(feature = "ssr")]
pub fn site_url() -> SiteUrl {
    leptos::prelude::use_context::<SiteUrl>().unwrap_or_else(|| SiteUrl::new(""))
}

/// The public address for this page load.
#[cfg(not(feature = "ssr"))]
pub fn site_url() -> SiteUrl {
    SiteUrl::new(&leptos::prelude::window().location().origin().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::SiteUrl;

    #[test]
    fn paths_become_absolute_once() {
        let site = SiteUrl::new("https://trade.ma/");
        assert_eq!(site.absolute("/fr/listings/1-argan"), "https://trade.ma/fr/listings/1-argan");
        assert_eq!(site.absolute("https://cdn.example/x.jpg"), "https://cdn.example/x.jpg");
    }
}
