//! The conformance suite every search backend must pass: the same documents,
//! the same queries, the same expected ids and facet counts. The tests crate
//! runs it against the embedded index always and against Meilisearch when
//! `TRADEMA_TEST_MEILI_URL` names a server. It panics with the failing case.

use std::collections::BTreeMap;

use super::vocabulary::Vocabulary;
use super::{Facet, Filters, SearchDocument, SearchIndex, SearchRequest, SortOrder};

fn text(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(l, t)| ((*l).to_owned(), (*t).to_owned())).collect()
}

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| (*v).to_owned()).collect()
}

/// The suite's catalogue: seven listings in five languages.
pub fn documents() -> Vec<SearchDocument> {
    let mut documents = vec![
        SearchDocument {
            listing_id: 1,
            producer_id: 10,
            producer_name: "Coopérative Tifaout".into(),
            titles: text(&[("fr", "Huile d'argan cosmétique biologique")]),
            descriptions: text(&[(
                "fr",
                "Huile pressée à froid par les femmes de la coopérative, pour la peau et les cheveux.",
            )]),
            sector: "cosmetics-argan".into(),
            hs_code: Some("151590".into()),
            region: "souss-massa".into(),
            certifications: strings(&["ecocert"]),
            labels: strings(&["argane-igp"]),
            incoterms: strings(&["EXW", "FOB"]),
            moq: Some(100),
            cooperative: true,
            verified: true,
            published_at: 1_000,
            has_photo: true,
            ..SearchDocument::default()
        },
        SearchDocument {
            listing_id: 2,
            producer_id: 11,
            producer_name: "Safran Taliouine SARL".into(),
            titles: text(&[("fr", "Safran de Taliouine en filaments")]),
            descriptions: text(&[("fr", "Stigmates de crocus récoltés à la main, catégorie I.")]),
            sector: "agrifood".into(),
            hs_code: Some("091020".into()),
            region: "souss-massa".into(),
            labels: strings(&["safran-taliouine-aop"]),
            incoterms: strings(&["EXW"]),
            moq: Some(1),
            cooperative: false,
            verified: false,
            published_at: 2_000,
            ..SearchDocument::default()
        },
        SearchDocument {
            listing_id: 3,
            producer_id: 12,
            producer_name: "Domaine Zitoun".into(),
            titles: text(&[("fr", "Huile d'olive vierge extra de Meknès")]),
            descriptions: text(&[("fr", "Picholine marocaine, récolte précoce, acidité inférieure à 0,3 %.")]),
            sector: "agrifood".into(),
            hs_code: Some("150920".into()),
            region: "fes-meknes".into(),
            certifications: strings(&["organic-eu"]),
            incoterms: strings(&["FOB"]),
            moq: Some(1_000),
            cooperative: false,
            verified: true,
            published_at: 3_000,
            ..SearchDocument::default()
        },
        SearchDocument {
            listing_id: 4,
            producer_id: 13,
            producer_name: "Oriental Olives".into(),
            titles: text(&[("ar", "الزَّيْتُون الأخضر للمائدة")]),
            descriptions: text(&[("ar", "زيتون أخضر مكسر من الجهة الشرقية")]),
            sector: "agrifood".into(),
            hs_code: Some("200570".into()),
            region: "oriental".into(),
            incoterms: strings(&["FOB", "CIF"]),
            moq: Some(5_000),
            cooperative: true,
            verified: false,
            published_at: 4_000,
            ..SearchDocument::default()
        },
        SearchDocument {
            listing_id: 5,
            producer_id: 14,
            producer_name: "Tanger Cabling".into(),
            titles: text(&[("en", "Wire harnesses for passenger cars")]),
            descriptions: text(&[("en", "Engine and cockpit harnesses to IATF 16949, just-in-time deliveries.")]),
            sector: "automotive".into(),
            hs_code: Some("854430".into()),
            region: "tanger-tetouan-al-hoceima".into(),
            certifications: strings(&["iatf-16949"]),
            incoterms: strings(&["FCA"]),
            moq: Some(10_000),
            cooperative: false,
            verified: true,
            published_at: 5_000,
            ..SearchDocument::default()
        },
        SearchDocument {
            listing_id: 6,
            producer_id: 15,
            producer_name: "Conservas del Atlántico".into(),
            titles: text(&[("es", "Sardinas en conserva")]),
            descriptions: text(&[("es", "Sardinas del Atlántico en salsa de tomate, latas de 125 g.")]),
            sector: "fishery".into(),
            hs_code: Some("160413".into()),
            region: "souss-massa".into(),
            certifications: strings(&["haccp"]),
            incoterms: strings(&["FOB"]),
            moq: None,
            cooperative: false,
            verified: false,
            published_at: 6_000,
            ..SearchDocument::default()
        },
        SearchDocument {
            listing_id: 7,
            producer_id: 16,
            producer_name: "Olivais do Haouz".into(),
            titles: text(&[("pt", "Azeite extra virgem")]),
            descriptions: text(&[("pt", "Azeitonas colhidas à mão no Haouz.")]),
            sector: "agrifood".into(),
            region: "marrakech-safi".into(),
            incoterms: strings(&["EXW"]),
            moq: Some(500),
            cooperative: false,
            verified: false,
            published_at: 7_000,
            ..SearchDocument::default()
        },
    ];
    for document in &mut documents {
        Vocabulary::global().annotate(document);
    }
    documents
}

fn request(text: &str) -> SearchRequest {
    SearchRequest { text: text.to_owned(), ..SearchRequest::default() }
}

async fn ids(index: &dyn SearchIndex, request: &SearchRequest) -> Vec<i64> {
    match index.search(request).await {
        Ok(hits) => hits.ids,
        Err(error) => panic!("{}: search {request:?} failed: {error}", index.backend()),
    }
}

async fn expect_first(index: &dyn SearchIndex, text: &str, wanted: i64) {
    let found = ids(index, &request(text)).await;
    assert_eq!(
        found.first(),
        Some(&wanted),
        "{}: `{text}` should find listing {wanted} first, found {found:?}",
        index.backend()
    );
}

async fn expect_set(index: &dyn SearchIndex, request: &SearchRequest, wanted: &[i64]) {
    let mut found = ids(index, request).await;
    found.sort_unstable();
    assert_eq!(found, wanted, "{}: {request:?}", index.backend());
}

/// No documents: a rebuild from it empties an index.
struct Nothing;

#[async_trait::async_trait]
impl super::DocumentBatches for Nothing {
    async fn next_batch(&mut self) -> Result<Option<Vec<SearchDocument>>, super::SearchError> {
        Ok(None)
    }
}

/// Runs every case, on an index it first empties with a rebuild.
pub async fn run(index: &dyn SearchIndex) {
    let backend = index.backend();
    let start = super::FeedPosition::default();
    index.rebuild(&mut Nothing, start).await.unwrap_or_else(|e| panic!("{backend}: emptying rebuild failed: {e}"));
    let recorded = index.feed_position().await.unwrap_or_else(|e| panic!("{backend}: feed position: {e}"));
    assert_eq!(recorded, Some(start), "{backend}: a rebuilt index is at the position it was built from");
    let later = super::FeedPosition { txid: 7, seq: 42 };
    index.record_feed_position(later).await.unwrap_or_else(|e| panic!("{backend}: recording the position: {e}"));
    assert_eq!(index.feed_position().await.ok().flatten(), Some(later), "{backend}: the position is kept");
    index.upsert(documents()).await.unwrap_or_else(|e| panic!("{backend}: indexing failed: {e}"));

    // Words, stems, accents and case.
    expect_first(index, "argan", 1).await;
    expect_first(index, "HUILE D'ARGAN", 1).await;
    expect_first(index, "safran", 2).await;
    expect_first(index, "harness", 5).await;
    expect_first(index, "sardinas", 6).await;
    // Typos: one from 5 characters, two from 9.
    expect_first(index, "argane", 1).await;
    expect_first(index, "safron", 2).await;
    expect_first(index, "harnesess", 5).await;
    // The last word as a prefix.
    expect_first(index, "taliou", 2).await;
    // Arabic with and without diacritics, with and without the article.
    expect_first(index, "الزيتون", 4).await;
    expect_first(index, "زَيْتُون", 4).await;
    // Across languages through the vocabulary: only French text says saffron
    // and olive oil.
    expect_first(index, "saffron", 2).await;
    expect_first(index, "藏红花", 2).await;
    expect_set(index, &request("橄榄油"), &[3, 7]).await;
    expect_set(index, &request("aceite de oliva"), &[3, 7]).await;
    expect_first(index, "olive oil", 3).await;
    // An exact word outranks a concept match: "azeite" is in listing 7's
    // title; listing 3 (French) has it only through the olive-oil concept.
    let azeite = ids(index, &request("azeite")).await;
    assert_eq!(azeite, [7, 3], "{backend}: the exact match first, then the concept match");
    // HS codes as typed.
    expect_first(index, "1515.90", 1).await;
    expect_first(index, "151590", 1).await;
    expect_set(index, &request("1509"), &[3]).await;
    // Producers by name.
    expect_first(index, "Tifaout", 1).await;
    // Nothing for nonsense.
    expect_set(index, &request("zzqxj"), &[]).await;

    // Browsing, filters and facet counts.
    let all = index.search(&request("")).await.unwrap_or_else(|e| panic!("{backend}: browse failed: {e}"));
    assert_eq!(all.total, 7, "{backend}: browsing finds everything");
    assert_eq!(all.ids, [7, 6, 5, 4, 3, 2, 1], "{backend}: browsing is newest first");
    assert_eq!(all.facets[&Facet::Region].get("souss-massa"), Some(&3), "{backend}: {:?}", all.facets);
    assert_eq!(all.facets[&Facet::Cooperative].get("true"), Some(&2), "{backend}: {:?}", all.facets);
    assert_eq!(all.facets[&Facet::Moq].get("1000"), Some(&4), "{backend}: {:?}", all.facets);
    assert_eq!(all.facets[&Facet::Incoterm].get("FOB"), Some(&4), "{backend}: {:?}", all.facets);

    let filtered = SearchRequest {
        filters: Filters {
            regions: vec!["souss-massa".into()],
            sectors: vec!["agrifood".into()],
            ..Filters::default()
        },
        ..request("")
    };
    let hits = index.search(&filtered).await.unwrap_or_else(|e| panic!("{backend}: filtered search failed: {e}"));
    assert_eq!(hits.ids, [2], "{backend}: region and sector combine");
    // A facet's own filter is left out of its counts.
    assert_eq!(hits.facets[&Facet::Region].get("fes-meknes"), Some(&1), "{backend}: {:?}", hits.facets);
    assert_eq!(hits.facets[&Facet::Region].get("oriental"), Some(&1), "{backend}: {:?}", hits.facets);
    assert_eq!(hits.facets[&Facet::Sector].get("cosmetics-argan"), Some(&1), "{backend}: {:?}", hits.facets);
    assert_eq!(hits.facets[&Facet::Sector].get("fishery"), Some(&1), "{backend}: {:?}", hits.facets);

    let two_regions = SearchRequest {
        filters: Filters { regions: vec!["souss-massa".into(), "oriental".into()], ..Filters::default() },
        ..request("")
    };
    expect_set(index, &two_regions, &[1, 2, 4, 6]).await;
    let verified_fob = SearchRequest {
        filters: Filters { verified: Some(true), incoterms: vec!["FOB".into()], ..Filters::default() },
        ..request("")
    };
    expect_set(index, &verified_fob, &[1, 3]).await;
    let small_orders = SearchRequest { filters: Filters { moq_max: Some(1_000), ..Filters::default() }, ..request("") };
    expect_set(index, &small_orders, &[1, 2, 3, 7]).await;
    let labelled = SearchRequest {
        filters: Filters { labels: vec!["argane-igp".into()], cooperative: Some(true), ..Filters::default() },
        ..request("huile")
    };
    expect_set(index, &labelled, &[1]).await;
    let certified = SearchRequest {
        filters: Filters { certifications: vec!["organic-eu".into()], ..Filters::default() },
        ..request("")
    };
    expect_set(index, &certified, &[3]).await;
    let by_code = SearchRequest { filters: Filters { hs: Some("1509".into()), ..Filters::default() }, ..request("") };
    expect_set(index, &by_code, &[3]).await;
    let by_producer = SearchRequest { filters: Filters { producer_id: Some(14), ..Filters::default() }, ..request("") };
    expect_set(index, &by_producer, &[5]).await;

    // Sort orders and pages.
    let by_moq = ids(index, &SearchRequest { sort: SortOrder::MoqAscending, ..request("") }).await;
    assert_eq!(by_moq, [2, 1, 7, 3, 4, 5, 6], "{backend}: smallest MOQ first, none last");
    let newest_oil = ids(index, &SearchRequest { sort: SortOrder::Newest, ..request("huile") }).await;
    assert_eq!(newest_oil.first(), Some(&3), "{backend}: newest first among matches: {newest_oil:?}");
    let second_page = index
        .search(&SearchRequest { offset: 2, limit: 2, ..request("") })
        .await
        .unwrap_or_else(|e| panic!("{backend}: paging failed: {e}"));
    assert_eq!((second_page.ids.as_slice(), second_page.total), (&[5, 4][..], 7), "{backend}: the second page of two");

    // Updates and deletes.
    let mut renamed = documents().remove(1);
    renamed.titles = text(&[("fr", "Pistils de safran premium")]);
    renamed.labels.clear();
    index.upsert(vec![renamed]).await.unwrap_or_else(|e| panic!("{backend}: update failed: {e}"));
    expect_first(index, "pistils", 2).await;
    expect_set(index, &request("filaments"), &[]).await;
    index.delete(&[2, 999]).await.unwrap_or_else(|e| panic!("{backend}: delete failed: {e}"));
    expect_set(index, &request("safran"), &[]).await;
    let after = index.search(&request("")).await.unwrap_or_else(|e| panic!("{backend}: browse failed: {e}"));
    assert_eq!(after.total, 6, "{backend}: one listing fewer");

    ranking(index).await;
}

/// A listing like `template` with another id, producer and title.
fn variant(template: &SearchDocument, id: i64, producer: i64, title: &str) -> SearchDocument {
    let mut document = template.clone();
    document.listing_id = id;
    document.producer_id = producer;
    document.titles = text(&[("fr", title)]);
    Vocabulary::global().annotate(&mut document);
    document
}

/// What a listing is outranks what it mentions; quality breaks ties; one
/// producer's variants do not fill the first results.
async fn ranking(index: &dyn SearchIndex) {
    let backend = index.backend();
    let argan_oil = documents().remove(0);
    let mut amlou = variant(&argan_oil, 20, 20, "Amlou aux amandes et à l'argan");
    amlou.descriptions = text(&[("fr", "Pâte d'amandes grillées, miel et huile d'argan, à tartiner.")]);
    amlou.hs_code = Some("200819".into());
    Vocabulary::global().annotate(&mut amlou);
    let mut bare = variant(&argan_oil, 24, 24, "Graines de nigelle");
    bare.descriptions = text(&[("fr", "Graines de nigelle triées.")]);
    (bare.verified, bare.has_photo, bare.photo_count, bare.certifications) = (false, false, 0, Vec::new());
    bare.hs_code = None;
    bare.moq = None;
    Vocabulary::global().annotate(&mut bare);
    let mut complete = variant(&bare, 25, 25, "Graines de nigelle");
    (complete.verified, complete.has_photo, complete.photo_count) = (true, true, 3);
    let extra = vec![
        amlou,
        variant(&argan_oil, 21, 21, "Huile d'argan – flacon 50 ml"),
        variant(&argan_oil, 22, 21, "Huile d'argan – flacon 100 ml"),
        variant(&argan_oil, 23, 21, "Huile d'argan – flacon 250 ml"),
        bare,
        complete,
    ];
    index.upsert(extra).await.unwrap_or_else(|e| panic!("{backend}: indexing the ranking set failed: {e}"));

    for asked in ["huile d'argan", "óleo de argan", "摩洛哥坚果油"] {
        let found = ids(index, &request(asked)).await;
        let at = |id: i64| found.iter().position(|hit| *hit == id);
        let amlou_at = at(20).unwrap_or(usize::MAX);
        for oil in [1, 21, 22] {
            assert!(
                at(oil).is_some_and(|place| place < amlou_at),
                "{backend}: {asked:?}: argan oil {oil} comes before the amlou made with it: {found:?}"
            );
        }
        let third = at(23).unwrap_or(usize::MAX);
        assert!(
            at(1).is_some_and(|place| place < third),
            "{backend}: {asked:?}: a third flask of one producer comes after another producer's oil: {found:?}"
        );
    }
    assert_eq!(ids(index, &request("nigelle")).await, [25, 24], "{backend}: the more complete listing first");
    index.delete(&[20, 21, 22, 23, 24, 25]).await.unwrap_or_else(|e| panic!("{backend}: delete failed: {e}"));
}
