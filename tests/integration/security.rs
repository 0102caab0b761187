//! The findings of the outside security probe, each as a test that
//! failed on the code before the fix: markup in `<head>`, raw textareas,
//! cacheable private answers, redirects off the site, 500s on malformed input,
//! control characters, ICE squatting.

use std::io::{Read, Write};

use tests::TestApp;
use tests::postgres::PgCluster;
use tests::visitor::Visitor;

/// A name an attacker would choose: it closes the title, opens a comment,
/// adds a meta refresh and carries quotes.
const EVIL: &str =
    r#"Evil Co</title><meta http-equiv="refresh" content="0;url=https://evil.example/phish"><!-- "q" 'q'"#;

/// The `<head>` of a page, as served.
fn head(page: &str) -> &str {
    let start = page.find("<head>").expect("a <head>");
    let end = page.find("</head>").expect("a </head>");
    &page[start..end]
}

/// The producer's public path, read from its profile editor.
async fn producer_path(producer: &Visitor) -> String {
    let editor = producer.get("/api/profile_editor").await.json();
    format!("/fr/producers/{}", editor["slug"].as_str().expect("the profile has a slug"))
}

fn assert_head_is_inert(page: &str, what: &str) {
    let head = head(page);
    assert_eq!(head.matches("<title>").count(), 1, "{what}: exactly one <title> in {head}");
    assert_eq!(head.matches("</title>").count(), 1, "{what}: the title is closed once, by us: {head}");
    assert!(!head.contains("<meta http-equiv") && !head.contains(r#"http-equiv=""#), "{what}: no meta refresh: {head}");
    let comments = head.replace("<!--HEAD-->", ""); // Leptos's own marker
    assert!(!comments.contains("<!--"), "{what}: no comment opened in the head: {head}");
    assert!(head.contains("Evil Co&lt;/title&gt;&lt;meta http-equiv"), "{what}: the title shows the text: {head}");
    let description = head.split(r#"<meta name="description" content=""#).nth(1).expect("a meta description");
    let description = &description[..description.find('>').expect("a closed meta")];
    assert!(description.contains("&quot;") && !description.contains('<'), "{what}: description escaped: {description}");
}

#[tokio::test]
async fn user_text_in_head_renders_as_text_on_producer_and_listing_pages() {
    let app = TestApp::spawn().await;
    let producer = app.signed_in("producer", "evil@coop.ma").await;
    let saved = producer
        .save_profile(
            "Evil legal name",
            &[("form[trade_name]", EVIL), ("form[description][fr]", &format!("{EVIL} description du profil"))],
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let listing = producer.create_listing(EVIL).await;
    let description = producer
        .post(
            "/api/save_listing",
            &[
                ("id", &listing.to_string()),
                ("form[title][fr]", EVIL),
                ("form[description][fr]", &format!("{EVIL} description du produit")),
                ("form[sector]", "cosmetics-argan"),
                ("form[price_mode]", "on_request"),
                ("locale", "fr"),
            ],
        )
        .await;
    assert_eq!(description.status, 200, "{}", description.body);
    let publish =
        producer.post("/api/change_listing_status", &[("id", &listing.to_string()), ("change", "publish")]).await;
    assert_eq!(publish.status, 200, "{}", publish.body);

    let (status, page) = app.get(&producer_path(&producer).await).await;
    assert_eq!(status, 200, "{page}");
    assert_head_is_inert(&page, "producer page");
    let (status, page) = app.get(&format!("/fr/listings/{listing}")).await;
    assert_eq!(status, 200, "{page}");
    assert_head_is_inert(&page, "listing page");
    app.stop().await;
}

#[tokio::test]
async fn editors_show_descriptions_as_text_inside_their_textareas() {
    let app = TestApp::spawn().await;
    let producer = app.signed_in("producer", "textarea@coop.ma").await;
    let injected = "Avant</textarea><b>inj</b> & après";
    let saved = producer.save_profile("Coopérative Tafraout", &[("form[description][fr]", injected)]).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let listing = producer.create_listing("Amlou").await;
    let saved = producer
        .post(
            "/api/save_listing",
            &[
                ("id", &listing.to_string()),
                ("form[title][fr]", "Amlou"),
                ("form[description][fr]", injected),
                ("form[sector]", "cosmetics-argan"),
                ("form[price_mode]", "on_request"),
                ("locale", "fr"),
            ],
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let escaped = "Avant&lt;/textarea&gt;&lt;b&gt;inj&lt;/b&gt; &amp; après";
    for path in ["/fr/dashboard/profile".to_owned(), format!("/fr/dashboard/listings/{listing}")] {
        let page = producer.get(&path).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(!page.body.contains("<b>inj</b>"), "{path}: the description became markup");
        assert!(page.body.contains(escaped), "{path}: the description is shown as text");
    }
    app.stop().await;
}

#[tokio::test]
async fn answers_for_a_signed_in_person_or_setting_a_cookie_are_never_stored() {
    let app = TestApp::spawn().await;
    let anonymous = app.visitor();
    let first_visit = anonymous.get("/fr").await;
    assert!(!first_visit.header("set-cookie").is_empty(), "a first visit remembers the language");
    assert_eq!(first_visit.header("cache-control"), "no-store", "an answer setting a cookie");
    for path in ["/fr", "/api/home?locale=fr"] {
        let answer = anonymous.get(path).await;
        assert_eq!(answer.status, 200, "{path}");
        assert!(!answer.header("cache-control").contains("no-store"), "{path}: public answers stay cacheable");
        assert!(answer.header("set-cookie").is_empty(), "{path}: no cookie for an anonymous read");
    }
    let producer = app.visitor();
    producer.sign_up("cache@coop.ma", tests::visitor::PASSWORD, "producer").await;
    let sign_in = producer.sign_in("cache@coop.ma", tests::visitor::PASSWORD).await;
    assert!(!sign_in.header("set-cookie").is_empty(), "sign-in sets the session cookie");
    assert_eq!(sign_in.header("cache-control"), "no-store", "an answer setting a cookie");
    for path in ["/fr/dashboard", "/fr/dashboard/profile", "/api/viewer", "/api/profile_editor", "/fr"] {
        let answer = producer.get(path).await;
        assert_eq!(answer.header("cache-control"), "no-store", "{path} for a signed-in person");
        assert!(answer.header("vary").to_lowercase().contains("cookie"), "{path} varies by cookie");
    }
    let sign_out = producer.post("/api/sign_out", &[("locale", "fr")]).await;
    assert_eq!(sign_out.header("cache-control"), "no-store", "sign-out");
    // Back after sign-out asks the server again (nothing was stored) and gets nobody's dashboard.
    let back = producer.get("/api/dashboard?locale=fr").await;
    assert_eq!(back.status, 401, "{}", back.body);
    app.stop().await;
}

#[tokio::test]
async fn redirects_never_leave_the_site() {
    let app = TestApp::spawn().await;
    let ours = app.url("/fr/search?q=argan");
    for (referer, expected) in [
        ("https://evil.example/phish", "/"),
        ("javascript:alert(document.cookie)", "/"),
        ("//evil.example/phish", "/"),
        (ours.as_str(), ours.as_str()),
    ] {
        let response = app
            .client
            .get(app.url("/api/viewer"))
            .header("accept", "text/html")
            .header("referer", referer)
            .send()
            .await
            .expect("request");
        assert_eq!(response.status().as_u16(), 302, "Referer {referer}");
        let location = response.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default();
        assert_eq!(location, expected, "Referer {referer}");
    }
    app.stop().await;
}

/// Sends raw bytes to the server and returns the status and body of its answer.
fn raw_exchange(address: &str, head: &str, body_chunks: &[&[u8]]) -> (u16, String) {
    let host = address.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(host).expect("connect");
    stream.set_read_timeout(Some(std::time::Duration::from_secs(60))).expect("timeout");
    stream.write_all(head.as_bytes()).expect("head");
    for chunk in body_chunks {
        // The server may answer and close before reading everything: stop writing then.
        if stream.write_all(format!("{:x}\r\n", chunk.len()).as_bytes()).is_err()
            || stream.write_all(chunk).is_err()
            || stream.write_all(b"\r\n").is_err()
        {
            break;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, body)| body.to_owned()).unwrap_or_default();
    (status, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_requests_get_a_4xx_in_the_usual_shape() {
    let app = TestApp::spawn().await;
    let producer = app.signed_in("producer", "malformed@coop.ma").await;
    // (what, method, path, form body, expected status)
    let cases: &[(&str, &str, &str, &[u8], u16)] = &[
        ("missing argument", "GET", "/api/home", b"", 400),
        ("non-numeric id", "GET", "/api/listing?id=abc&locale=fr", b"", 400),
        ("unknown language", "GET", "/api/listing?id=1&locale=xx", b"", 400),
        ("repeated keys", "POST", "/api/sign_in", b"email=a%40b.ma&email=c%40d.ma&password=x&locale=fr", 400),
        ("form is not a form", "POST", "/api/save_listing", b"form=abc&locale=fr", 400),
        ("invalid UTF-8", "POST", "/api/save_profile", b"form[legal_name]=\xff\xfe&locale=fr", 400),
    ];
    for (what, method, path, body, expected) in cases {
        let request = match *method {
            "GET" => producer.client.get(app.url(path)),
            _ => producer
                .client
                .post(app.url(path))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body.to_vec()),
        };
        let response = request.header("sec-fetch-site", "same-origin").send().await.expect("request");
        let status = response.status().as_u16();
        let text = response.text().await.expect("body");
        assert_eq!(status, *expected, "{what}: {text}");
        let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        assert!(json["error"].is_string() && json["message"].is_string(), "{what}: {{error, message}}: {text}");
        for leak in ["missing field", "invalid digit", "invalid type", "utf-8", "serde", "duplicate"] {
            assert!(!text.to_lowercase().contains(leak), "{what}: deserializer text leaked: {text}");
        }
    }
    // Bodies over the limit: declared, then chunked (no Content-Length).
    let address = app.address.clone();
    let big = vec![b'a'; 300 * 1024];
    let declared = producer
        .client
        .post(app.url("/api/save_profile"))
        .header("sec-fetch-site", "same-origin")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(big.clone())
        .send()
        .await
        .expect("request");
    assert_eq!(declared.status().as_u16(), 413);
    let (status, body) = tokio::task::spawn_blocking({
        let address = address.clone();
        let cookies = producer.cookies();
        move || {
            let head = format!(
                "POST /api/save_profile HTTP/1.1\r\nHost: x\r\nSec-Fetch-Site: same-origin\r\nCookie: {cookies}\r\n\
                 Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            );
            let chunks: Vec<&[u8]> = big.chunks(16 * 1024).collect();
            raw_exchange(&address, &head, &chunks)
        }
    })
    .await
    .expect("chunked form");
    assert_eq!(status, 413, "a chunked form over the limit: {body}");
    assert!(body.contains("payload_too_large"), "{body}");
    // A 27 MB chunked upload (the upload limit is 25 MB).
    assert_eq!(producer.save_profile("Coopérative Tifawine", &[]).await.status, 200);
    let listing = producer.create_listing("Huile d'argan").await;
    let (status, body) = tokio::task::spawn_blocking({
        let cookies = producer.cookies();
        move || {
            let boundary = "tradema-boundary";
            let head = format!(
                "POST /api/listings/{listing}/photos HTTP/1.1\r\nHost: x\r\nSec-Fetch-Site: same-origin\r\n\
                 Cookie: {cookies}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\n\
                 Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            );
            let opening = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"big.jpg\"\r\n\
                 Content-Type: image/jpeg\r\n\r\n"
            );
            let filler = vec![0u8; 27 * 1024 * 1024];
            let mut chunks: Vec<&[u8]> = vec![opening.as_bytes()];
            chunks.extend(filler.chunks(256 * 1024));
            raw_exchange(&address, &head, &chunks)
        }
    })
    .await
    .expect("chunked upload");
    assert_eq!(status, 413, "a chunked upload over the limit: {body}");
    app.stop().await;
}

/// Control characters are refused with a clear reason; tabs and line breaks
/// in descriptions are kept.
async fn control_characters_are_refused(app: &TestApp) {
    let producer = app.signed_in("producer", "control@coop.ma").await;
    let reason = |answer: tests::visitor::Answer| {
        assert_eq!(answer.status, 422, "{}", answer.body);
        answer.json()["Invalid"]["reason"].as_str().unwrap_or_default().to_owned()
    };
    let nul_description = producer.save_profile("Coopérative", &[("form[description][fr]", "Huile\0pure")]).await;
    assert_eq!(reason(nul_description), "invalid.control_character");
    let escape_name = producer.save_profile("Coopérative", &[("form[trade_name]", "Tifawine\u{1b}[31m")]).await;
    assert_eq!(reason(escape_name), "invalid.control_character");
    let kept = producer.save_profile("Coopérative", &[("form[description][fr]", "Ligne 1\r\n\tLigne 2")]).await;
    assert_eq!(kept.status, 200, "{}", kept.body);
    let editor = producer.get("/api/profile_editor").await.json();
    assert_eq!(editor["form"]["description"]["fr"], "Ligne 1\n\tLigne 2");
    let listing = producer.create_listing("Huile d'argan").await;
    let fields = |title: &'static str, description: &'static str| {
        vec![
            ("id", listing.to_string()),
            ("form[title][fr]", title.to_owned()),
            ("form[description][fr]", description.to_owned()),
            ("form[sector]", "cosmetics-argan".to_owned()),
            ("form[price_mode]", "on_request".to_owned()),
            ("locale", "fr".to_owned()),
        ]
    };
    for (title, description) in [("Huile\0d'argan", "Bonne"), ("Huile d'argan", "Pure\u{7}\u{0}")] {
        let fields = fields(title, description);
        let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(reason(producer.post("/api/save_listing", &borrowed).await), "invalid.control_character");
    }
    let (status, _) = app.get("/fr/search?q=huile%00argan").await;
    assert_eq!(status, 200, "a NUL in a search is a separator, not a database error");
}

#[tokio::test]
async fn control_characters_are_refused_on_sqlite() {
    let app = TestApp::spawn().await;
    control_characters_are_refused(&app).await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn control_characters_are_refused_on_postgres() {
    let cluster = PgCluster::start();
    let app = TestApp::spawn_on(&cluster.create_database("control")).await;
    control_characters_are_refused(&app).await;
    app.stop().await;
}

#[tokio::test]
async fn an_unverified_ice_blocks_nobody_and_reveals_nobody() {
    let app = TestApp::spawn().await;
    let squatter = app.signed_in("producer", "squatter@coop.ma").await;
    let first = squatter.save_profile("Squatter SARL", &[("form[ice]", "001525846000087")]).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let owner = app.signed_in("producer", "owner@coop.ma").await;
    let second = owner.save_profile("Coopérative Tifawine", &[("form[ice]", "001525846000087")]).await;
    assert_eq!(second.status, 200, "the real company is not locked out: {}", second.body);
    assert!(!second.body.to_lowercase().contains("ice"), "nothing hints at another holder: {}", second.body);
    let editor = owner.get("/api/profile_editor").await.json();
    assert_eq!(editor["form"]["ice"], "001525846000087", "the declared ICE is kept");
    app.stop().await;
}

/// Redirect targets with characters a header cannot carry: NUL,
/// DEL, CR and LF in `back` (the shortlist) and `from` (an office's
/// suspension) panicked while the `Location` was built, and the connection
/// closed with no answer. Each now answers, sends the browser to a path of
/// ours that carries none of them, and the change is made.
#[tokio::test]
async fn redirect_targets_with_control_characters_answer_and_stay_on_the_site() {
    let app = TestApp::spawn().await;
    let (_producer, listing) = super::inquiries::producer_with_listing(&app, "coop@tifawin.ma").await;
    let buyer = super::inquiries::confirmed_buyer(&app, "buyer@import.jp").await;
    let office = app.signed_in_office("souss-massa", "office@souss.ma").await;
    let owner =
        server::auth::account_commands::account_id(&app.db, "coop@tifawin.ma").await.expect("owner").to_string();
    let listing = listing.to_string();
    let safe = |location: &str| location.starts_with('/') && !location.chars().any(char::is_control);
    for (name, target) in [("NUL", "/en\0x"), ("DEL", "/en\u{7f}x"), ("CR", "/en\rx"), ("LF", "/en\nSet-Cookie: x=1")] {
        for on in ["true", "false"] {
            let kept = buyer
                .post("/api/keep", &[("listing", listing.as_str()), ("on", on), ("back", target), ("locale", "en")])
                .await;
            assert_eq!(kept.status, 200, "keep with {name}: {}", kept.body);
            assert!(safe(&kept.header("location")), "keep with {name}: {:?}", kept.header("location"));
            let list = buyer.get("/api/shortlist?locale=en").await.json();
            let expected = usize::from(on == "true");
            assert_eq!(list["listings"].as_array().map(Vec::len), Some(expected), "keep {on} with {name} saved");
        }
        for suspend in ["true", "false"] {
            let fields = [("user_id", owner.as_str()), ("suspend", suspend), ("from", target), ("locale", "fr")];
            let answer = office.post("/api/office/suspend", &fields).await;
            assert_eq!(answer.status, 200, "suspend with {name}: {}", answer.body);
            assert!(safe(&answer.header("location")), "suspend with {name}: {:?}", answer.header("location"));
        }
    }
    app.stop().await;
}
