//! Demo buyers from every world region and their conversations with the demo
//! producer, one in each state (new, answered, quoted, closed after an
//! accepted quote, spam) plus a quote waiting for the demo buyer, so the
//! inboxes are not empty on a first run. Each is routed to a member of the
//! demo team by its rules (`app::domain::route`), who answers it. Demo data only.

use app::domain::{BuyerType, CountryCode, InquiryStatus, QuoteDecision, RoutingFacts, route};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use crate::entities::{buyer_profiles, inquiries, quotes, users};
use crate::error::StoreError;
use crate::repo::inquiry::add_message;

/// A demo buyer: e-mail, name, company, country, city, type, language.
struct DemoBuyer {
    email: &'static str,
    name: &'static str,
    company: &'static str,
    country: &'static str,
    city: &'static str,
    kind: BuyerType,
    locale: &'static str,
}

const BUYERS: [DemoBuyer; 8] = [
    DemoBuyer {
        email: "compras@importadora-istmo.demo.pa",
        name: "Lucía Herrera",
        company: "Importadora del Istmo",
        country: "PA",
        city: "Panamá",
        kind: BuyerType::Importer,
        locale: "es",
    },
    DemoBuyer {
        email: "sourcing@casa-verde.demo.br",
        name: "Rafael Souza",
        company: "Casa Verde Naturais",
        country: "BR",
        city: "São Paulo",
        kind: BuyerType::Distributor,
        locale: "es",
    },
    DemoBuyer {
        email: "li.wei@dongfang.demo.cn",
        name: "Li Wei",
        company: "Dongfang Trading",
        country: "CN",
        city: "Shanghai",
        kind: BuyerType::SourcingAgent,
        locale: "en",
    },
    DemoBuyer {
        email: "priya@ayurherbs.demo.in",
        name: "Priya Nair",
        company: "AyurHerbs Pvt Ltd",
        country: "IN",
        city: "Kochi",
        kind: BuyerType::Manufacturer,
        locale: "en",
    },
    DemoBuyer {
        email: "tunde@lagosfoods.demo.ng",
        name: "Tunde Adeyemi",
        company: "Lagos Fine Foods",
        country: "NG",
        city: "Lagos",
        kind: BuyerType::Retailer,
        locale: "en",
    },
    DemoBuyer {
        email: "khalid@gulfpantry.demo.ae",
        name: "Khalid Al Mansouri",
        company: "Gulf Pantry",
        country: "AE",
        city: "Dubai",
        kind: BuyerType::Importer,
        locale: "ar",
    },
    DemoBuyer {
        email: "emma@pantrygoods.demo.us",
        name: "Emma Clarke",
        company: "Pantry Goods Co.",
        country: "US",
        city: "Chicago",
        kind: BuyerType::Retailer,
        locale: "en",
    },
    DemoBuyer {
        email: "achats@epicerie-fine.demo.fr",
        name: "Claire Martin",
        company: "Épicerie Fine Martin",
        country: "FR",
        city: "Lyon",
        kind: BuyerType::Retailer,
        locale: "fr",
    },
];

/// One demo conversation: which buyer (index, or `None` for the demo
/// buyer), the status it ends in, the buyer's text, the producer's answer
/// and whether that answer quotes (and how the buyer decided).
struct DemoThread {
    buyer: Option<usize>,
    status: InquiryStatus,
    ask: &'static str,
    answer: Option<&'static str>,
    quote: Option<Option<QuoteDecision>>,
    days_ago: i64,
}

const THREADS: [DemoThread; 8] = [
    DemoThread {
        buyer: Some(0),
        status: InquiryStatus::New,
        ask: "Buenos días, buscamos un proveedor regular para Panamá, con entrega CIF Colón cada trimestre. ¿Pueden enviar la ficha técnica y su precio?",
        answer: None,
        quote: None,
        days_ago: 1,
    },
    DemoThread {
        buyer: Some(2),
        status: InquiryStatus::Answered,
        ask: "Hello, we source for three distributors in Shanghai. Which certifications do you hold, and can you label in Chinese?",
        answer: Some(
            "Hello Li Wei, our certificates are listed on our company page, and we can apply your Chinese labels before shipping. Samples can leave on Monday.",
        ),
        quote: None,
        days_ago: 4,
    },
    DemoThread {
        buyer: Some(1),
        status: InquiryStatus::Quoted,
        ask: "Olá, precisamos de um fornecimento mensal para São Paulo, FOB Casablanca. Podem cotar?",
        answer: Some("Bonjour Rafael, voici notre offre, valable 30 jours."),
        quote: Some(None),
        days_ago: 6,
    },
    DemoThread {
        buyer: Some(3),
        status: InquiryStatus::Agreed,
        ask: "We would like a first trial order for our plant in Kochi. What is your price FOB?",
        answer: Some("Dear Priya, our quote is below, valid 30 days."),
        quote: Some(Some(QuoteDecision::Accepted)),
        days_ago: 20,
    },
    DemoThread {
        buyer: Some(4),
        status: InquiryStatus::Answered,
        ask: "Good day, can you ship a mixed pallet to Lagos under the AfCFTA rules of origin?",
        answer: Some("Good day Tunde, yes: we issue the certificate of origin with the chamber of commerce."),
        quote: None,
        days_ago: 12,
    },
    DemoThread {
        buyer: Some(5),
        status: InquiryStatus::New,
        ask: "السلام عليكم، نبحث عن مورد لهذا المنتج بكميات شهرية إلى دبي. ما هو الحد الأدنى للطلب؟",
        answer: None,
        quote: None,
        days_ago: 0,
    },
    DemoThread {
        buyer: Some(6),
        status: InquiryStatus::Spam,
        ask: "Congratulations! You have been selected for a free listing upgrade, click our site to claim.",
        answer: None,
        quote: None,
        days_ago: 9,
    },
    DemoThread {
        buyer: None,
        status: InquiryStatus::Quoted,
        ask: "Hello, we import for shops in São Paulo and would order every quarter. Could you quote?",
        answer: Some(
            "Hello, thank you for your interest: here is our quote FOB Casablanca; we can add the freight to Santos.",
        ),
        quote: Some(None),
        days_ago: 3,
    },
];

/// The demo producer's side and what its conversations are about.
pub struct DemoProducerSide {
    pub producer_id: i64,
    pub owner_user_id: i64,
    /// Its published listings: id, French title and the unit it sells by.
    pub listings: Vec<(i64, String, &'static str)>,
}

/// Writes the demo buyers and conversations; returns how many
/// conversations.
pub async fn seed(
    db: &impl ConnectionTrait,
    side: &DemoProducerSide,
    team: &mut super::team::DemoTeam,
    demo_buyer_id: i64,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    if side.listings.is_empty() {
        return Ok(0);
    }
    let mut buyer_ids = Vec::with_capacity(BUYERS.len());
    for buyer in &BUYERS {
        let joined = now - Duration::days(60);
        let user = users::ActiveModel {
            email: Set(buyer.email.to_owned()),
            // Demo buyers other than the demo account cannot sign in.
            password_hash: Set("!".to_owned()),
            display_name: Set(buyer.name.to_owned()),
            role: Set("buyer".to_owned()),
            status: Set(app::domain::AccountStatus::Active.slug().to_owned()),
            locale: Set(buyer.locale.to_owned()),
            country: Set(Some(buyer.country.to_owned())),
            email_verified_at: Set(Some(joined)),
            created_at: Set(joined),
            updated_at: Set(joined),
            ..Default::default()
        }
        .insert(db)
        .await?;
        buyer_profiles::ActiveModel {
            user_id: Set(user.id),
            company_name: Set(buyer.company.to_owned()),
            country: Set(buyer.country.to_owned()),
            city: Set(buyer.city.to_owned()),
            buyer_type: Set(buyer.kind.slug().to_owned()),
            sectors: Set("[\"cosmetics-argan\",\"agrifood\"]".to_owned()),
            languages: Set(format!("[\"{}\"]", buyer.locale)),
            phone: Set(None),
            website: Set(None),
            created_at: Set(joined),
            updated_at: Set(joined),
        }
        .insert(db)
        .await?;
        buyer_ids.push(user.id);
    }
    // The demo buyer people sign in as imports to Brazil.
    buyer_profiles::ActiveModel {
        user_id: Set(demo_buyer_id),
        company_name: Set("Empório Natural (demo)".to_owned()),
        country: Set("BR".to_owned()),
        city: Set("São Paulo".to_owned()),
        buyer_type: Set(BuyerType::Importer.slug().to_owned()),
        sectors: Set("[\"cosmetics-argan\",\"agrifood\"]".to_owned()),
        languages: Set("[\"en\",\"pt\"]".to_owned()),
        phone: Set(None),
        website: Set(None),
        created_at: Set(now - Duration::days(60)),
        updated_at: Set(now - Duration::days(60)),
    }
    .insert(db)
    .await?;
    for (index, thread) in THREADS.iter().enumerate() {
        let (listing_id, title, unit) = &side.listings[index % side.listings.len()];
        let buyer_id = thread.buyer.map_or(demo_buyer_id, |at| buyer_ids[at]);
        let country = thread.buyer.map_or("BR", |at| BUYERS[at].country);
        let asked = now - Duration::days(thread.days_ago) - Duration::hours(3);
        let answered = asked + Duration::hours(5);
        let last = if thread.answer.is_some() { answered } else { asked };
        let facts = RoutingFacts {
            listing_id: Some(*listing_id),
            market: CountryCode::parse(country).ok().map(CountryCode::world_region),
            ..Default::default()
        };
        let assignee = route(&facts, &team.rules, &team.members);
        if let Some(member) = team.members.iter_mut().find(|member| Some(member.user_id) == assignee) {
            member.last_assigned_at = Some(asked.to_rfc3339());
        }
        let row = inquiries::ActiveModel {
            producer_id: Set(side.producer_id),
            listing_id: Set(Some(*listing_id)),
            buyer_user_id: Set(buyer_id),
            product: Set(title.clone()),
            quantity_amount: Set(Some(500)),
            quantity_unit: Set(Some((*unit).to_owned())),
            target_price_minor: Set(None),
            currency: Set(None),
            incoterm: Set(Some("FOB".to_owned())),
            destination_country: Set(country.to_owned()),
            buyer_country: Set(Some(country.to_owned())),
            wanted_by: Set(None),
            status: Set(thread.status.slug().to_owned()),
            delivered_at: Set(Some(asked)),
            first_reply_at: Set(thread.answer.map(|_| answered)),
            last_activity_at: Set(last),
            buyer_read_at: Set(Some(asked)),
            // The newest ones are still unread by the producer.
            producer_read_at: Set((thread.days_ago > 2).then_some(last)),
            message_digest: Set(crate::services::sha256_hex(thread.ask)),
            showcase_id: Set(None),
            created_at: Set(asked),
            assignee_user_id: Set(assignee),
            ..Default::default()
        }
        .insert(db)
        .await?;
        add_message(db, row.id, buyer_id, thread.ask, asked).await?;
        if let Some(answer) = thread.answer {
            let answerer = assignee.unwrap_or(side.owner_user_id);
            let message_id = add_message(db, row.id, answerer, answer, answered).await?;
            if let Some(decision) = thread.quote {
                quotes::ActiveModel {
                    message_id: Set(message_id),
                    inquiry_id: Set(row.id),
                    unit_price_minor: Set(1_980),
                    currency: Set("USD".to_owned()),
                    quantity_amount: Set(500),
                    quantity_unit: Set((*unit).to_owned()),
                    incoterm: Set("FOB".to_owned()),
                    named_place: Set("Casablanca".to_owned()),
                    valid_until: Set((now + Duration::days(30)).date_naive().max(NaiveDate::MIN)),
                    lead_time_days: Set(21),
                    decision: Set(decision.map(|d| d.slug().to_owned())),
                    decided_at: Set(decision.map(|_| answered + Duration::days(1))),
                }
                .insert(db)
                .await?;
                if decision == Some(QuoteDecision::Accepted) {
                    demo_deal(db, &row, message_id, answered + Duration::days(1)).await?;
                }
            }
        }
    }
    Ok(THREADS.len())
}

/// The accepted demo quote's deal, with its proforma sent the next day,
/// and the producer's billing settings (an example bank, marked as such).
async fn demo_deal(
    db: &impl ConnectionTrait,
    row: &inquiries::Model,
    quote_message_id: i64,
    agreed: DateTime<Utc>,
) -> Result<(), StoreError> {
    use crate::repo::deal::{self, Agreement};
    let agreement = Agreement {
        quote_message_id,
        inquiry_id: row.id,
        producer_id: row.producer_id,
        buyer_user_id: row.buyer_user_id,
    };
    let id = deal::open(db, agreement, agreed).await?;
    let sent = agreed + Duration::days(1);
    let on = app::domain::CalendarDate::parse(&sent.format("%Y-%m-%d").to_string())
        .ok_or_else(|| StoreError::Corrupt("demo deal date".into()))?;
    let step = app::domain::DealStep {
        to: app::domain::DealStatus::ProformaSent,
        happened_on: on,
        reference: Some("PF-2026-014".to_owned()),
        note: "Proforma sent by e-mail; 30% deposit on order, the rest against the bill of lading.".to_owned(),
    };
    let producer = crate::repo::producer::by_id(db, row.producer_id)
        .await?
        .ok_or_else(|| StoreError::Corrupt("demo deal producer".into()))?;
    let by = (app::domain::Side::Producer, producer.owner_user_id);
    deal::add_step(db, id, app::domain::DealStatus::Agreed, &step, by, sent).await?;
    let billing = app::domain::Billing {
        payment_terms: "30% à la commande, solde contre copie du connaissement. / 30% with the order, the balance \
                        against a copy of the bill of lading."
            .to_owned(),
        bank: Some(app::domain::BankDetails {
            bank_name: "Banque d'exemple (démo)".to_owned(),
            account_holder: producer.legal_name.clone(),
            account_number: "MA640000000000000000000000".to_owned(),
            swift: Some("EXAMPLEX".to_owned()),
        }),
    };
    deal::set_billing(db, row.producer_id, &billing).await?;
    Ok(())
}
