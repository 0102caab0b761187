//! `Visitor`: one person's browser as far as the server can tell: a cookie
//! jar, same-site request headers, and the forms of the site as calls.

use std::sync::Arc;

use reqwest::cookie::{CookieStore, Jar};
use reqwest::multipart::{Form, Part};
use serde_json::Value;

use crate::TestApp;

/// An HTTP answer: status, headers and body.
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> String {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }
}

#[derive(Clone)]
pub struct Visitor {
    pub base: String,
    pub jar: Arc<Jar>,
    pub client: reqwest::Client,
}

impl Visitor {
    pub fn new(app: &TestApp) -> Visitor {
        Visitor::at(&app.address)
    }

    /// A visitor of the server at `base` (`http://127.0.0.1:PORT`).
    pub fn at(base: &str) -> Visitor {
        let jar = Arc::new(Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("http client");
        Visitor { base: base.to_owned(), jar, client }
    }

    /// The `Cookie` header this visitor sends.
    pub fn cookies(&self) -> String {
        let url = self.base.parse().expect("base url");
        self.jar.cookies(&url).and_then(|v| v.to_str().ok().map(str::to_owned)).unwrap_or_default()
    }

    /// The session cookie's value, if any.
    pub fn session_id(&self) -> Option<String> {
        self.cookies().split("; ").find_map(|pair| pair.strip_prefix("tradema_session=").map(str::to_owned))
    }

    async fn answer(response: reqwest::Response) -> Answer {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        Answer { status, headers, body: response.text().await.expect("body") }
    }

    pub async fn get(&self, path: &str) -> Answer {
        Visitor::answer(self.client.get(format!("{}{path}", self.base)).send().await.expect("request")).await
    }

    /// Posts a form from the site itself (`Sec-Fetch-Site: same-origin`).
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Answer {
        self.post_from(path, fields, "same-origin").await
    }

    /// Posts a form as if from a page of another site or of this one.
    pub async fn post_from(&self, path: &str, fields: &[(&str, &str)], fetch_site: &str) -> Answer {
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .header("sec-fetch-site", fetch_site)
            .form(fields)
            .send()
            .await
            .expect("request");
        Visitor::answer(response).await
    }

    /// `post`, or `None` when no answer came (the server went away).
    pub async fn try_post(&self, path: &str, fields: &[(&str, &str)]) -> Option<Answer> {
        Visitor::try_answer(self.same_site_post(path).form(fields)).await
    }

    /// `upload` of one photo, or `None` when no answer came.
    pub async fn try_upload(&self, listing_id: i64, name: &str, bytes: Vec<u8>) -> Option<Answer> {
        let form = Form::new().part("photos", Part::bytes(bytes).file_name(name.to_owned()));
        Visitor::try_answer(self.same_site_post(&format!("/api/listings/{listing_id}/photos")).multipart(form)).await
    }

    /// A POST to `path` as a page of the site sends it.
    fn same_site_post(&self, path: &str) -> reqwest::RequestBuilder {
        self.client.post(format!("{}{path}", self.base)).header("sec-fetch-site", "same-origin")
    }

    /// The answer to `request`, or `None` when none came.
    async fn try_answer(request: reqwest::RequestBuilder) -> Option<Answer> {
        let sent = request.send().await.ok()?;
        let status = sent.status().as_u16();
        let headers = sent.headers().clone();
        Some(Answer { status, headers, body: sent.text().await.ok()? })
    }

    /// Posts a multipart form to `path`, as a page of the site would.
    async fn post_multipart(&self, path: &str, form: Form) -> Answer {
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .header("sec-fetch-site", "same-origin")
            .multipart(form)
            .send()
            .await
            .expect("request");
        Visitor::answer(response).await
    }

    /// Uploads files to a listing's photo route; `parts` are (file name, bytes).
    pub async fn upload(&self, listing_id: i64, parts: Vec<(&str, Vec<u8>)>) -> Answer {
        let mut form = Form::new();
        for (name, bytes) in parts {
            form = form.part("photos", Part::bytes(bytes).file_name(name.to_owned()));
        }
        self.post_multipart(&format!("/api/listings/{listing_id}/photos"), form).await
    }

    /// Posts one file as the multipart field `field` to `path`.
    pub async fn upload_file(&self, path: &str, field: &str, name: &str, bytes: Vec<u8>) -> Answer {
        let form = Form::new().part(field.to_owned(), Part::bytes(bytes).file_name(name.to_owned()));
        self.post_multipart(path, form).await
    }

    /// Uploads a sheet to the import route (`for`: an office's producer).
    pub async fn import_sheet(&self, name: &str, bytes: Vec<u8>, producer: Option<&str>) -> Answer {
        let mut form = Form::new().part("sheet", Part::bytes(bytes).file_name(name.to_owned())).text("locale", "fr");
        if let Some(slug) = producer {
            form = form.text("for", slug.to_owned());
        }
        self.post_multipart("/api/import", form).await
    }

    /// Who the server thinks this visitor is (`null` when nobody).
    pub async fn viewer(&self) -> Value {
        self.get("/api/viewer").await.json()
    }

    pub async fn sign_up(&self, email: &str, password: &str, role: &str) -> Answer {
        self.post(
            "/api/sign_up",
            &[
                ("email", email),
                ("password", password),
                ("display_name", "Test person"),
                ("role", role),
                ("locale", "fr"),
            ],
        )
        .await
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Answer {
        self.post("/api/sign_in", &[("email", email), ("password", password), ("locale", "fr")]).await
    }
}

/// The password every test account uses.
pub const PASSWORD: &str = "olive trees of the Atlas 2026";

impl TestApp {
    /// A new visitor with no cookies.
    pub fn visitor(&self) -> Visitor {
        Visitor::new(self)
    }

    /// A visitor signed in to a new account with `role`. Producers and buyers
    /// sign up through the site and open the link mailed to them (so their
    /// address is confirmed); organisers and admins are appointed (an
    /// `admin` here is of the national team: `signed_in_office` for others).
    pub async fn signed_in(&self, role: &str, email: &str) -> Visitor {
        if role == "admin" {
            return self.signed_in_office("national", email).await;
        }
        let visitor = self.visitor();
        if role == "producer" || role == "buyer" {
            let answer = visitor.sign_up(email, PASSWORD, role).await;
            assert_eq!(answer.status, 200, "sign-up of {email}: {}", answer.body);
            // The link mailed to the address signs this browser in.
            let token = self.confirmation_token(email).await;
            let confirmed = visitor.post("/api/confirm_address", &[("token", &token), ("locale", "fr")]).await;
            assert_eq!(confirmed.status, 200, "confirmation of {email}: {}", confirmed.body);
        } else {
            let role = app::domain::Role::from_slug(role).expect("a role");
            server::auth::account_commands::create_account(&self.db, email, "Appointed", role, PASSWORD)
                .await
                .expect("create account");
            let answer = visitor.sign_in(email, PASSWORD).await;
            assert_eq!(answer.status, 200, "sign-in of {email}: {}", answer.body);
        }
        visitor
    }
}

impl TestApp {
    /// A producer or buyer who signed up and then signed in with the
    /// password, without opening the mailed link: the address is not confirmed.
    pub async fn signed_in_unconfirmed(&self, role: &str, email: &str) -> Visitor {
        let visitor = self.visitor();
        let answer = visitor.sign_up(email, PASSWORD, role).await;
        assert_eq!(answer.status, 200, "sign-up of {email}: {}", answer.body);
        let answer = visitor.sign_in(email, PASSWORD).await;
        assert_eq!(answer.status, 200, "sign-in of {email}: {}", answer.body);
        visitor
    }

    /// The token of the newest confirmation link mailed to `email`.
    pub async fn confirmation_token(&self, email: &str) -> String {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        use server::entities::mail_outbox;
        let email = email.to_lowercase();
        let mail = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::ToAddress.eq(email.as_str()))
            .order_by_desc(mail_outbox::Column::Id)
            .all(&self.db)
            .await
            .expect("mails")
            .into_iter()
            .find(|mail| mail.body.contains("/account/confirm?token="))
            .unwrap_or_else(|| panic!("no confirmation mail to {email}"));
        let start = mail.body.find("token=").expect("a link") + 6;
        mail.body[start..].chars().take_while(char::is_ascii_hexdigit).collect()
    }

    /// A visitor signed in as an administrator of `office` (`national` or a
    /// region's slug), created as `server admin create` does.
    pub async fn signed_in_office(&self, office: &str, email: &str) -> Visitor {
        let office = app::domain::Office::from_slug(office).expect("an office");
        server::auth::account_commands::create_admin(&self.db, email, "Trade office", office, PASSWORD)
            .await
            .expect("admin");
        let visitor = self.visitor();
        let answer = visitor.sign_in(email, PASSWORD).await;
        assert_eq!(answer.status, 200, "sign-in of {email}: {}", answer.body);
        visitor
    }
}

impl Visitor {
    /// Saves a minimal company profile in Souss-Massa.
    pub async fn save_profile(&self, legal_name: &str, extra: &[(&str, &str)]) -> Answer {
        let mut fields = vec![
            ("form[legal_name]", legal_name),
            ("form[legal_form]", "cooperative"),
            ("form[region]", "souss-massa"),
            ("form[city]", "Taroudant"),
            ("form[sectors][cosmetics-argan]", "on"),
            ("locale", "fr"),
        ];
        fields.extend_from_slice(extra);
        self.post("/api/save_profile", &fields).await
    }

    /// Creates a draft listing with a French title and returns its id.
    pub async fn create_listing(&self, title_fr: &str) -> i64 {
        let answer = self.save_listing(None, title_fr).await;
        assert_eq!(answer.status, 200, "listing saved: {}", answer.body);
        let location = answer.header("location");
        location
            .split("/dashboard/listings/")
            .nth(1)
            .and_then(|rest| rest.split('?').next())
            .and_then(|id| id.parse().ok())
            .unwrap_or_else(|| panic!("no listing id in `{location}`"))
    }

    /// Saves a listing (new when `id` is `None`) with a French title.
    pub async fn save_listing(&self, id: Option<i64>, title_fr: &str) -> Answer {
        let id = id.map(|id| id.to_string());
        let mut fields = vec![
            ("form[title][fr]", title_fr),
            ("form[description][fr]", "Pressée à froid à Taroudant par les femmes de la coopérative."),
            ("form[sector]", "cosmetics-argan"),
            ("form[price_mode]", "on_request"),
            ("locale", "fr"),
        ];
        if let Some(id) = &id {
            fields.push(("id", id));
        }
        self.post("/api/save_listing", &fields).await
    }
}
