//! URL slugs: lower-case ASCII words joined by `-`, at most 80 characters,
//! for producer pages and the decoration after a listing's id. Used by the
//! workspace services and the demo seed alike.

/// `Huile d'argan – flacon 100 ml` → `huile-d-argan-flacon-100-ml`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.to_lowercase().chars() {
        let mapped = match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'û' | 'ù' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if mapped != '-' || !slug.ends_with('-') {
            slug.push(mapped);
        }
    }
    slug.trim_matches('-').chars().take(80).collect::<String>().trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_makes_ascii_url_segments() {
        assert_eq!(slugify("Huile d'argan – flacon 100 ml"), "huile-d-argan-flacon-100-ml");
        assert_eq!(slugify("Coopérative Tifaout Souss"), "cooperative-tifaout-souss");
        assert_eq!(slugify("زيت الأركان"), "", "no Latin letters: the caller picks a fallback");
    }
}
