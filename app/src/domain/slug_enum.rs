//! `slug_enum!`: the one way reference-data enums are declared. Each variant has
//! a stable slug (used in URLs, the database and the search index) and gets its
//! display name from the locale files under `<prefix>.<slug>`.

/// Declares a reference-data enum with `ALL`, `slug()`, `from_slug()`, `name()`
/// and serde as its slug.
macro_rules! slug_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $prefix:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $slug:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable identifier stored in the database and used in URLs.
            pub fn slug(self) -> &'static str {
                match self { $($name::$variant => $slug),+ }
            }

            /// Parses a slug; `None` for anything that is not one of ours.
            pub fn from_slug(slug: &str) -> Option<Self> {
                match slug { $($slug => Some($name::$variant),)+ _ => None }
            }

            /// The key of this value's name in the locale files.
            pub fn message_key(self) -> String {
                format!("{}.{}", $prefix, self.slug())
            }

            /// The display name in the reader's language.
            pub fn name(self, messages: &crate::i18n::Messages) -> &'static str {
                messages.get(&self.message_key()).unwrap_or(self.slug())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.slug())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.slug())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let slug = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                $name::from_slug(&slug).ok_or_else(|| {
                    serde::de::Error::custom(format!(concat!("unknown ", $prefix, " `{}`"), slug))
                })
            }
        }
    };
}

pub(crate) use slug_enum;
