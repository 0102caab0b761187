//! The tantivy schema of the embedded index: per-language title and
//! description fields with their analyzers, the producer name, vocabulary
//! concepts and HS prefixes as exact terms, facets as exact terms with fast
//! columns for counting, and the numeric columns results are sorted by.

use tantivy::TantivyDocument;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::search::analysis::{NAME_ANALYZER, analyzer_of, normalize_arabic};
use crate::search::document::hs_prefixes;
use crate::search::{Facet, LANGUAGES, SearchDocument};

/// Value of `moq_sort` for listings without a MOQ (they sort last).
pub const NO_MOQ: u64 = u64::MAX;

/// The fields of the schema, by purpose.
#[derive(Clone)]
pub struct Fields {
    pub id: Field,
    /// (language, title field, description field).
    pub texts: Vec<(&'static str, Field, Field)>,
    /// Every title and description as written (folded, not stemmed): where
    /// typos are matched, since a misspelt word rarely stems like the right one.
    pub words: Field,
    pub producer_name: Field,
    pub producer_id: Field,
    /// Every concept the listing's text or HS code names.
    pub concept: Field,
    /// The concepts that say what the listing is (`product_concepts`).
    pub product_concept: Field,
    /// Origin, town, certification and label names (`qualifiers`).
    pub qualifiers: Field,
    /// `SearchDocument::quality`, which breaks ties.
    pub quality: Field,
    pub hs: Field,
    pub moq: Field,
    pub moq_sort: Field,
    pub published: Field,
    /// The exact-term fields of the string facets.
    pub facets: Vec<(Facet, Field)>,
}

fn text(analyzer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(analyzer).set_index_option(IndexRecordOption::WithFreqs),
    )
}

/// The schema and its fields.
pub fn build() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let id = builder.add_u64_field("id", INDEXED | FAST | STORED);
    let texts = LANGUAGES
        .iter()
        .map(|language| {
            let analyzer = analyzer_of(language);
            let title = builder.add_text_field(&format!("title_{language}"), text(analyzer));
            let body = builder.add_text_field(&format!("description_{language}"), text(analyzer));
            (*language, title, body)
        })
        .collect();
    let words = builder.add_text_field("words", text(NAME_ANALYZER));
    let producer_name = builder.add_text_field("producer_name", text(NAME_ANALYZER));
    let producer_id = builder.add_u64_field("producer_id", INDEXED | FAST);
    let concept = builder.add_text_field("concept", STRING);
    let product_concept = builder.add_text_field("product_concept", STRING);
    let qualifiers = builder.add_text_field("qualifiers", text(NAME_ANALYZER));
    let quality = builder.add_u64_field("quality", FAST);
    let hs = builder.add_text_field("hs", STRING);
    let moq = builder.add_u64_field("moq", INDEXED | FAST);
    let moq_sort = builder.add_u64_field("moq_sort", FAST);
    let published = builder.add_u64_field("published", FAST);
    let facets = Facet::ALL
        .iter()
        .filter(|facet| **facet != Facet::Moq)
        .map(|facet| (*facet, builder.add_text_field(facet.slug(), STRING | FAST)))
        .collect();
    let fields = Fields {
        id,
        texts,
        words,
        producer_name,
        producer_id,
        concept,
        product_concept,
        qualifiers,
        quality,
        hs,
        moq,
        moq_sort,
        published,
        facets,
    };
    (builder.build(), fields)
}

impl Fields {
    pub fn facet(&self, facet: Facet) -> Option<Field> {
        self.facets.iter().find(|(f, _)| *f == facet).map(|(_, field)| *field)
    }

    /// The tantivy document of a search document.
    pub fn document(&self, source: &SearchDocument) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_u64(self.id, source.listing_id as u64);
        for (language, title, body) in &self.texts {
            let prepare = |text: &str| if *language == "ar" { normalize_arabic(text) } else { text.to_owned() };
            if let Some(text) = source.titles.get(*language) {
                doc.add_text(*title, prepare(text));
                doc.add_text(self.words, prepare(text));
            }
            if let Some(text) = source.descriptions.get(*language) {
                doc.add_text(*body, prepare(text));
                doc.add_text(self.words, prepare(text));
            }
        }
        doc.add_text(self.producer_name, &source.producer_name);
        doc.add_u64(self.producer_id, source.producer_id as u64);
        for concept in &source.concepts {
            doc.add_text(self.concept, concept);
        }
        for concept in &source.product_concepts {
            doc.add_text(self.product_concept, concept);
        }
        for word in source.qualifiers() {
            doc.add_text(self.qualifiers, word);
        }
        doc.add_u64(self.quality, u64::from(source.quality()));
        if let Some(code) = &source.hs_code {
            for prefix in hs_prefixes(code) {
                doc.add_text(self.hs, prefix);
            }
        }
        if let Some(moq) = source.moq {
            doc.add_u64(self.moq, moq);
        }
        doc.add_u64(self.moq_sort, source.moq.unwrap_or(NO_MOQ));
        doc.add_u64(self.published, source.published_at.max(0) as u64);
        for (facet, field) in &self.facets {
            let values: Vec<&str> = match facet {
                Facet::Sector => vec![source.sector.as_str()],
                Facet::Region => vec![source.region.as_str()],
                Facet::Certification => source.certifications.iter().map(String::as_str).collect(),
                Facet::Label => source.labels.iter().map(String::as_str).collect(),
                Facet::Incoterm => source.incoterms.iter().map(String::as_str).collect(),
                Facet::Cooperative => vec![bool_slug(source.cooperative)],
                Facet::Verified => vec![bool_slug(source.verified)],
                Facet::Moq => vec![],
            };
            for value in values {
                doc.add_text(*field, value);
            }
        }
        doc
    }
}

/// How booleans are spelled as facet values.
pub fn bool_slug(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}
