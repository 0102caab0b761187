//! One typed `Settings`, loaded once at start from an optional TOML file and
//! `TRADEMA_*` environment variables (the environment wins), with defaults
//! that run with zero setup. Every value is checked here, so a bad setting
//! stops the start with one line naming the setting and what is wrong.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use figment::Figment;
use figment::providers::{Env, Format, Toml};
use ipnet::IpNet;
use secrecy::SecretString;
use serde::Deserialize;
use url::Url;

/// Everything the server needs to know about where it runs.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Holds the SQLite database, the media files and (later) the search index.
    pub data_dir: PathBuf,
    /// Address the HTTP server binds.
    pub listen: SocketAddr,
    /// The URL visitors use; decides `Secure` cookies, HSTS and the
    /// cross-site request check.
    pub public_url: Url,
    /// `sqlite://…` or `postgres://…`; defaults to `<data_dir>/tradema.db`.
    pub database_url: SecretString,
    /// Directory `./tradema build` (or cargo-leptos) built the site into (`pkg/`, favicon, …).
    pub site_root: PathBuf,
    /// `text` for people, `json` for log collectors.
    pub log_format: LogFormat,
    /// `smtp://…` or `smtps://user:password@host:port`; without it mail is
    /// written to `<data_dir>/mail` (and logged).
    pub smtp_url: Option<SecretString>,
    /// The sender of every mail, `Name <address>`.
    pub mail_from: String,
    /// Reverse proxies whose `X-Forwarded-For` is believed (empty: none, the
    /// TCP peer is the client). Rate limits and logs use the address found.
    pub trusted_proxies: Vec<IpNet>,
    pub search_backend: SearchBackend,
    /// The key links mailed to people are signed with (unsubscribe links);
    /// `None`: a random key kept in `<data_dir>/signing.key` (SQLite only:
    /// on PostgreSQL several servers sign, so the key is required).
    pub signing_key: Option<SecretString>,
    /// Database connections this process keeps at most.
    pub db_pool_size: u32,
    /// This process's name among the fleet's (in logs and job leases);
    /// `None`: a random one at each start.
    pub instance: Option<String>,
    /// What `serve` does with the database schema at start.
    pub schema_at_start: SchemaAtStart,
    /// After SIGTERM or Ctrl-C, how long `/readyz` answers 503 while
    /// requests are still served, so that the load balancer sends new ones
    /// elsewhere before this process stops taking them.
    pub drain: Duration,
    /// Which background jobs this process runs.
    pub jobs: JobsHere,
    /// Where photos, logos and covers are kept.
    pub media: MediaStore,
    /// Where `/metrics` is served (`None`: nowhere); never the public port.
    pub metrics_listen: Option<SocketAddr>,
}

/// Where media files are kept (`TRADEMA_MEDIA_URL`).
#[derive(Clone, Debug)]
pub enum MediaStore {
    /// `<data_dir>/media` (the default): one machine's files.
    Local,
    /// An S3-compatible bucket, shared by every process of a fleet.
    Bucket(BucketSettings),
}

/// An S3-compatible bucket and how to reach it.
#[derive(Clone, Debug)]
pub struct BucketSettings {
    pub bucket: String,
    /// The key prefix inside the bucket (`tradema`; empty: the bucket's root).
    pub prefix: String,
    /// The server's URL when it is not AWS (MinIO, Garage, s3s…).
    pub endpoint: Option<String>,
    pub region: String,
    pub access_key_id: Option<SecretString>,
    pub secret_access_key: Option<SecretString>,
}

/// Which background jobs a process runs (`TRADEMA_JOBS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobsHere {
    /// Every job (`all`, the default): the fleet's own work (mail, alerts,
    /// sweeps, feeding a shared search index) is shared out by claims and
    /// leases among the processes that run it.
    All,
    /// Only what this process owns (`local`): its embedded index, its view
    /// counter, its change listener, its media sweep. For servers that only
    /// answer requests while others do the fleet's work.
    Local,
}

/// What a serving process does with the database schema at start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemaAtStart {
    /// Applies the missing migrations (`auto`, the default).
    Migrate,
    /// Only checks that none is missing and refuses to start otherwise
    /// (`check`: in a fleet, `server migrate` runs once before a rolling deploy).
    Check,
}

/// The longest drain period allowed (`TRADEMA_DRAIN_SECONDS`).
const MAX_DRAIN_SECONDS: u64 = 60;

/// Where search runs.
#[derive(Clone, Debug)]
pub enum SearchBackend {
    /// tantivy, in `<data_dir>/search`.
    Embedded,
    /// A Meilisearch server; its indexes are named `{index_prefix}listings`
    /// and `{index_prefix}meta`.
    Meilisearch { url: String, key: Option<SecretString>, index_prefix: String },
}

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// A setting that cannot be used, and why.
#[derive(Debug, thiserror::Error)]
#[error("invalid setting {setting}: {reason}")]
pub struct ConfigError {
    pub setting: String,
    pub reason: String,
}

impl ConfigError {
    fn new(setting: &str, reason: impl Into<String>) -> ConfigError {
        ConfigError { setting: setting.to_owned(), reason: reason.into() }
    }
}

/// The settings as written, before they are checked.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    data_dir: Option<String>,
    listen: Option<String>,
    public_url: Option<String>,
    database_url: Option<String>,
    site_root: Option<String>,
    log_format: Option<String>,
    smtp_url: Option<String>,
    mail_from: Option<String>,
    trusted_proxies: Option<String>,
    search_backend: Option<String>,
    meili_url: Option<String>,
    meili_key: Option<String>,
    meili_index_prefix: Option<String>,
    signing_key: Option<String>,
    #[serde(default, deserialize_with = "text_or_number")]
    db_pool_size: Option<String>,
    instance: Option<String>,
    migrate: Option<String>,
    #[serde(default, deserialize_with = "text_or_number")]
    drain_seconds: Option<String>,
    jobs: Option<String>,
    media_url: Option<String>,
    s3_endpoint: Option<String>,
    s3_region: Option<String>,
    s3_access_key_id: Option<String>,
    s3_secret_access_key: Option<String>,
    metrics_listen: Option<String>,
}

/// Reads a setting as text however it is written: figment reads
/// `TRADEMA_DRAIN_SECONDS=5` (and `drain_seconds = 5` in the file) as the
/// number 5, which a text field would refuse.
fn text_or_number<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged, expecting = "text or a number")]
    enum Written {
        Text(String),
        Whole(i64),
        Large(u64),
        Fraction(f64),
    }
    Ok(Option::<Written>::deserialize(deserializer)?.map(|written| match written {
        Written::Text(text) => text,
        Written::Whole(number) => number.to_string(),
        Written::Large(number) => number.to_string(),
        Written::Fraction(number) => number.to_string(),
    }))
}

/// The documentation of every setting, printed by `server --help`.
pub const SETTINGS_HELP: &str = "\
SETTINGS (file keys; environment variables override them):
  data_dir       TRADEMA_DATA_DIR       where the database and media live   [./data]
  listen         TRADEMA_LISTEN         address to bind, host:port          [127.0.0.1:3000]
  public_url     TRADEMA_PUBLIC_URL     URL visitors use                    [http://<listen>]
  database_url   TRADEMA_DATABASE_URL   sqlite://FILE or postgres://…       [sqlite://<data_dir>/tradema.db]
  site_root      TRADEMA_SITE_ROOT      built site (./tradema build)        [target/site]
  log_format     TRADEMA_LOG_FORMAT     text or json                        [text]
  smtp_url       TRADEMA_SMTP_URL       smtps://user:pass@host:465 for mail [mail written to <data_dir>/mail]
  mail_from      TRADEMA_MAIL_FROM      sender of every mail                [Trade.ma <no-reply@trade.ma>]
  trusted_proxies TRADEMA_TRUSTED_PROXIES proxies whose X-Forwarded-For is believed,
                 comma-separated CIDRs such as 10.0.0.0/8, ::1/128           [none]
  search_backend TRADEMA_SEARCH_BACKEND embedded (tantivy in <data_dir>/search) or meilisearch [embedded]
  meili_url      TRADEMA_MEILI_URL      Meilisearch URL, for search_backend = meilisearch
  meili_key      TRADEMA_MEILI_KEY      Meilisearch API key (a secret)      [none]
  meili_index_prefix TRADEMA_MEILI_INDEX_PREFIX prefix of the index names, when several
                 sites share one Meilisearch server (letters, digits, - and _) [none]
  signing_key    TRADEMA_SIGNING_KEY    key of signed links in mails, 32+ characters;
                 the same on every server of one site (a secret); required with PostgreSQL
                                                                     [random, in <data_dir>/signing.key]
  db_pool_size   TRADEMA_DB_POOL_SIZE   database connections per process, 2 to 500;
                 with N processes keep N × this under PostgreSQL's max_connections [8 SQLite, 16 PostgreSQL]
  instance       TRADEMA_INSTANCE       this process's name in a fleet (letters, digits, . - _) [random]
  migrate        TRADEMA_MIGRATE        auto: migrate the schema at start; check: only check it and refuse to
                 start while migrations are missing (run `server migrate` before a rolling deploy) [auto]
  drain_seconds  TRADEMA_DRAIN_SECONDS  after SIGTERM or Ctrl-C, seconds /readyz answers 503 while requests
                 are still served, so the load balancer moves traffic away first (a second signal
                 cuts it short), 0 to 60                                     [0 SQLite, 5 PostgreSQL]
  jobs           TRADEMA_JOBS           all: every background job; local: only this process's own (its search
                 index, counters, media), the fleet's work (mail, alerts, sweeps) left to the others [all]
  media_url      TRADEMA_MEDIA_URL      where photos are kept: s3://BUCKET/PREFIX, a bucket every server
                 of a fleet shares                                          [<data_dir>/media]
  s3_endpoint    TRADEMA_S3_ENDPOINT    the S3 server's URL when it is not AWS (MinIO, Garage…) [AWS]
  s3_region      TRADEMA_S3_REGION      the bucket's region                  [us-east-1]
  s3_access_key_id TRADEMA_S3_ACCESS_KEY_ID, s3_secret_access_key TRADEMA_S3_SECRET_ACCESS_KEY:
                 the bucket's credentials (secrets)                 [the AWS_* environment]
  metrics_listen TRADEMA_METRICS_LISTEN address of GET /metrics (Prometheus), e.g. 127.0.0.1:9464; keep it
                 off the public network                                      [none: not served]
  The settings file is given with --config FILE or TRADEMA_CONFIG (TOML).
  Log verbosity follows RUST_LOG (default: info).";

impl Settings {
    /// Reads the optional file, then the environment, and checks every value.
    pub fn load(file: Option<&Path>) -> Result<Settings, ConfigError> {
        let mut figment = Figment::new();
        if let Some(file) = file {
            if !file.exists() {
                return Err(ConfigError::new("--config", format!("{} does not exist", file.display())));
            }
            figment = figment.merge(Toml::file(file));
        }
        // TRADEMA_CONFIG names the file; TRADEMA_TEST_* belong to the test suites.
        let env = Env::prefixed("TRADEMA_").filter(|key| {
            let key = key.as_str().to_ascii_lowercase();
            key != "config" && !key.starts_with("test_")
        });
        let raw: RawSettings = figment.merge(env).extract().map_err(|err| match &err.kind {
            figment::error::Kind::UnknownField(field, _) => ConfigError::new(
                &format!("{field} (TRADEMA_{})", field.to_uppercase()),
                "is not a Trade.ma setting: `server --help` lists them",
            ),
            _ => ConfigError::new("file or TRADEMA_* environment", err.to_string()),
        })?;
        Settings::from_raw(raw)
    }

    /// Defaults for everything, rooted at `data_dir`; used by tests.
    pub fn for_data_dir(data_dir: &Path) -> Settings {
        Settings::from_raw(RawSettings { data_dir: Some(data_dir.display().to_string()), ..RawSettings::default() })
            .expect("the defaults are valid")
    }

    fn from_raw(raw: RawSettings) -> Result<Settings, ConfigError> {
        let data_dir = PathBuf::from(non_empty("TRADEMA_DATA_DIR", raw.data_dir)?.unwrap_or_else(|| "./data".into()));
        let listen_text = non_empty("TRADEMA_LISTEN", raw.listen)?.unwrap_or_else(|| "127.0.0.1:3000".into());
        let listen: SocketAddr = listen_text.parse().map_err(|_| {
            ConfigError::new(
                "TRADEMA_LISTEN",
                format!("`{listen_text}` is not an address:port such as 127.0.0.1:3000 or 0.0.0.0:8080"),
            )
        })?;
        let public_text =
            non_empty("TRADEMA_PUBLIC_URL", raw.public_url)?.unwrap_or_else(|| format!("http://{listen}"));
        let public_url = Url::parse(&public_text)
            .ok()
            .filter(|url| matches!(url.scheme(), "http" | "https") && url.host().is_some())
            .ok_or_else(|| {
                ConfigError::new(
                    "TRADEMA_PUBLIC_URL",
                    format!("`{public_text}` is not an http(s) URL such as https://trade.ma"),
                )
            })?;
        let database_url = match non_empty("TRADEMA_DATABASE_URL", raw.database_url)? {
            Some(url)
                if url.starts_with("sqlite:") || url.starts_with("postgres://") || url.starts_with("postgresql://") =>
            {
                url
            }
            Some(_) => {
                return Err(ConfigError::new(
                    "TRADEMA_DATABASE_URL",
                    "must start with sqlite: or postgres:// (e.g. postgres://user:password@host/tradema)",
                ));
            }
            None => format!("sqlite://{}?mode=rwc", data_dir.join("tradema.db").display()),
        };
        let site_root =
            PathBuf::from(non_empty("TRADEMA_SITE_ROOT", raw.site_root)?.unwrap_or_else(|| "target/site".into()));
        let log_format = match non_empty("TRADEMA_LOG_FORMAT", raw.log_format)?.as_deref() {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(ConfigError::new("TRADEMA_LOG_FORMAT", format!("`{other}` is neither text nor json")));
            }
        };
        let smtp_url = match non_empty("TRADEMA_SMTP_URL", raw.smtp_url)? {
            Some(url) if url.starts_with("smtp://") || url.starts_with("smtps://") => Some(SecretString::from(url)),
            Some(_) => {
                return Err(ConfigError::new(
                    "TRADEMA_SMTP_URL",
                    "must start with smtp:// or smtps:// (e.g. smtps://user:password@mail.example.com:465)",
                ));
            }
            None => None,
        };
        let mail_from =
            non_empty("TRADEMA_MAIL_FROM", raw.mail_from)?.unwrap_or_else(|| "Trade.ma <no-reply@trade.ma>".into());
        if mail_from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(ConfigError::new(
                "TRADEMA_MAIL_FROM",
                format!("`{mail_from}` is not a mailbox such as Trade.ma <no-reply@trade.ma>"),
            ));
        }
        let trusted_proxies = parse_proxies(non_empty("TRADEMA_TRUSTED_PROXIES", raw.trusted_proxies)?.as_deref())?;
        let meili_url = non_empty("TRADEMA_MEILI_URL", raw.meili_url)?;
        if let Some(url) = &meili_url
            && !Url::parse(url).is_ok_and(|url| matches!(url.scheme(), "http" | "https"))
        {
            return Err(ConfigError::new(
                "TRADEMA_MEILI_URL",
                format!("`{url}` is not an http(s) URL such as http://127.0.0.1:7700"),
            ));
        }
        let meili_key = non_empty("TRADEMA_MEILI_KEY", raw.meili_key)?.map(SecretString::from);
        let search_backend = match non_empty("TRADEMA_SEARCH_BACKEND", raw.search_backend)?.as_deref() {
            None | Some("embedded") => SearchBackend::Embedded,
            Some("meilisearch") => {
                let url = meili_url.clone().ok_or_else(|| {
                    ConfigError::new("TRADEMA_MEILI_URL", "search_backend = meilisearch needs the Meilisearch URL")
                })?;
                let index_prefix = non_empty("TRADEMA_MEILI_INDEX_PREFIX", raw.meili_index_prefix)?.unwrap_or_default();
                if !index_prefix.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                    return Err(ConfigError::new(
                        "TRADEMA_MEILI_INDEX_PREFIX",
                        format!("`{index_prefix}` may hold only letters, digits, - and _ (an index name)"),
                    ));
                }
                SearchBackend::Meilisearch { url, key: meili_key, index_prefix }
            }
            Some(other) => {
                return Err(ConfigError::new(
                    "TRADEMA_SEARCH_BACKEND",
                    format!("`{other}` is neither embedded nor meilisearch"),
                ));
            }
        };
        let signing_key = match non_empty("TRADEMA_SIGNING_KEY", raw.signing_key)? {
            Some(key) if key.chars().count() < 32 => {
                return Err(ConfigError::new(
                    "TRADEMA_SIGNING_KEY",
                    "is shorter than 32 characters: use a long random value (e.g. `openssl rand -hex 32`)",
                ));
            }
            key => key.map(SecretString::from),
        };
        let uses_sqlite = database_url.starts_with("sqlite:");
        if !uses_sqlite && signing_key.is_none() {
            return Err(ConfigError::new(
                "TRADEMA_SIGNING_KEY",
                "is required with PostgreSQL: every server of the site must sign mailed links with the same key \
                 (e.g. `openssl rand -hex 32`, kept as a secret)",
            ));
        }
        let db_pool_size = match non_empty("TRADEMA_DB_POOL_SIZE", raw.db_pool_size)? {
            None => {
                if uses_sqlite {
                    8
                } else {
                    16
                }
            }
            Some(text) => text.parse::<u32>().ok().filter(|size| (2..=500).contains(size)).ok_or_else(|| {
                ConfigError::new(
                    "TRADEMA_DB_POOL_SIZE",
                    format!("`{text}` is not a number of connections from 2 to 500"),
                )
            })?,
        };
        let instance = non_empty("TRADEMA_INSTANCE", raw.instance)?;
        if let Some(name) = &instance
            && (name.len() > 64 || !name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')))
        {
            return Err(ConfigError::new(
                "TRADEMA_INSTANCE",
                format!("`{name}` may hold only letters, digits, '.', '-' and '_', at most 64 of them"),
            ));
        }
        let schema_at_start = match non_empty("TRADEMA_MIGRATE", raw.migrate)?.as_deref() {
            None | Some("auto") => SchemaAtStart::Migrate,
            Some("check") => SchemaAtStart::Check,
            Some(other) => {
                return Err(ConfigError::new(
                    "TRADEMA_MIGRATE",
                    format!(
                        "`{other}` is neither auto (migrate the schema at start) nor check (only check it: \
                         run `server migrate` before starting the servers)"
                    ),
                ));
            }
        };
        let jobs = match non_empty("TRADEMA_JOBS", raw.jobs)?.as_deref() {
            None | Some("all") => JobsHere::All,
            Some("local") => JobsHere::Local,
            Some(other) => {
                return Err(ConfigError::new(
                    "TRADEMA_JOBS",
                    format!(
                        "`{other}` is neither all (run every background job) nor local (only this process's own: \
                         its search index, counters and media)"
                    ),
                ));
            }
        };
        let drain_seconds = match non_empty("TRADEMA_DRAIN_SECONDS", raw.drain_seconds)? {
            // Without a load balancer nobody reads /readyz: Ctrl-C stops at once.
            None => {
                if uses_sqlite {
                    0
                } else {
                    5
                }
            }
            Some(text) => {
                text.parse::<u64>().ok().filter(|seconds| *seconds <= MAX_DRAIN_SECONDS).ok_or_else(|| {
                    ConfigError::new(
                        "TRADEMA_DRAIN_SECONDS",
                        format!("`{text}` is not a whole number of seconds from 0 to {MAX_DRAIN_SECONDS}"),
                    )
                })?
            }
        };
        let media =
            media_store(raw.media_url, raw.s3_endpoint, raw.s3_region, raw.s3_access_key_id, raw.s3_secret_access_key)?;
        let metrics_listen = match non_empty("TRADEMA_METRICS_LISTEN", raw.metrics_listen)? {
            None => None,
            Some(text) => {
                let address: SocketAddr = text.parse().map_err(|_| {
                    ConfigError::new(
                        "TRADEMA_METRICS_LISTEN",
                        format!("`{text}` is not an address:port such as 127.0.0.1:9464"),
                    )
                })?;
                if address == listen {
                    return Err(ConfigError::new(
                        "TRADEMA_METRICS_LISTEN",
                        "is the public address (TRADEMA_LISTEN): metrics are served on an address of their own",
                    ));
                }
                Some(address)
            }
        };
        Ok(Settings {
            metrics_listen,
            media,
            db_pool_size,
            instance,
            schema_at_start,
            drain: Duration::from_secs(drain_seconds),
            jobs,
            signing_key,
            data_dir,
            listen,
            public_url,
            database_url: SecretString::from(database_url),
            site_root,
            log_format,
            smtp_url,
            mail_from,
            trusted_proxies,
            search_backend,
        })
    }

    /// Whether the database is the embedded SQLite file.
    pub fn uses_sqlite(&self) -> bool {
        use secrecy::ExposeSecret;
        self.database_url.expose_secret().starts_with("sqlite:")
    }

    /// Where mail is written when no SMTP server is configured.
    pub fn mail_dir(&self) -> PathBuf {
        self.data_dir.join("mail")
    }

    /// Whether visitors reach us over HTTPS (cookies get `Secure`).
    pub fn is_https(&self) -> bool {
        self.public_url.scheme() == "https"
    }

    /// Where uploaded and generated photos are stored.
    pub fn media_dir(&self) -> PathBuf {
        self.data_dir.join("media")
    }

    /// Where the embedded search index lives.
    pub fn search_dir(&self) -> PathBuf {
        self.data_dir.join("search")
    }
}

/// Reads `s3://bucket/prefix` and the bucket's settings; no URL: the local
/// directory (and then S3 settings are a mistake worth saying).
fn media_store(
    url: Option<String>,
    endpoint: Option<String>,
    region: Option<String>,
    access_key_id: Option<String>,
    secret_access_key: Option<String>,
) -> Result<MediaStore, ConfigError> {
    let endpoint = non_empty("TRADEMA_S3_ENDPOINT", endpoint)?;
    let region = non_empty("TRADEMA_S3_REGION", region)?;
    let access_key_id = non_empty("TRADEMA_S3_ACCESS_KEY_ID", access_key_id)?;
    let secret_access_key = non_empty("TRADEMA_S3_SECRET_ACCESS_KEY", secret_access_key)?;
    let Some(url) = non_empty("TRADEMA_MEDIA_URL", url)? else {
        if endpoint.is_some() || access_key_id.is_some() || secret_access_key.is_some() {
            return Err(ConfigError::new(
                "TRADEMA_MEDIA_URL",
                "is missing: the S3 settings are only used with media_url = s3://BUCKET/PREFIX",
            ));
        }
        return Ok(MediaStore::Local);
    };
    let refused = || {
        ConfigError::new(
            "TRADEMA_MEDIA_URL",
            format!("`{url}` is not s3://BUCKET or s3://BUCKET/PREFIX (a bucket name: a-z, 0-9, '.', '-')"),
        )
    };
    let rest = url.strip_prefix("s3://").ok_or_else(refused)?;
    let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
    let bucket_ok = (3..=63).contains(&bucket.len())
        && bucket.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-');
    let prefix = prefix.trim_matches('/');
    let prefix_ok = prefix.split('/').all(|part| {
        part.is_empty() && prefix.is_empty()
            || !part.is_empty() && part != "." && part != ".." && part.chars().all(|c| c.is_ascii_graphic())
    });
    if !bucket_ok || !prefix_ok {
        return Err(refused());
    }
    if let Some(endpoint) = &endpoint
        && !Url::parse(endpoint).is_ok_and(|url| matches!(url.scheme(), "http" | "https") && url.host().is_some())
    {
        return Err(ConfigError::new(
            "TRADEMA_S3_ENDPOINT",
            format!("`{endpoint}` is not an http(s) URL such as https://s3.example.com"),
        ));
    }
    if access_key_id.is_some() != secret_access_key.is_some() {
        return Err(ConfigError::new(
            "TRADEMA_S3_SECRET_ACCESS_KEY",
            "and TRADEMA_S3_ACCESS_KEY_ID go together: set both, or neither (the AWS_* environment then)",
        ));
    }
    Ok(MediaStore::Bucket(BucketSettings {
        bucket: bucket.to_owned(),
        prefix: prefix.to_owned(),
        endpoint,
        region: region.unwrap_or_else(|| "us-east-1".into()),
        access_key_id: access_key_id.map(SecretString::from),
        secret_access_key: secret_access_key.map(SecretString::from),
    }))
}

/// Reads `10.0.0.0/8, 192.168.1.10, ::1/128`: networks, or single addresses.
fn parse_proxies(text: Option<&str>) -> Result<Vec<IpNet>, ConfigError> {
    let Some(text) = text else { return Ok(Vec::new()) };
    text.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            item.parse::<IpNet>().or_else(|_| item.parse::<IpAddr>().map(IpNet::from)).map_err(|_| {
                ConfigError::new(
                    "TRADEMA_TRUSTED_PROXIES",
                    format!("`{item}` is not an address or network such as 10.0.0.0/8 or 192.168.1.10"),
                )
            })
        })
        .collect()
}

fn non_empty(setting: &str, value: Option<String>) -> Result<Option<String>, ConfigError> {
    match value {
        Some(text) if text.trim().is_empty() => Err(ConfigError::new(setting, "is set but empty")),
        other => Ok(other.map(|text| text.trim().to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(listen: &str) -> RawSettings {
        RawSettings { listen: Some(listen.into()), ..RawSettings::default() }
    }

    #[test]
    fn defaults_run_with_zero_setup() {
        let settings = Settings::from_raw(RawSettings::default()).expect("defaults");
        assert_eq!(settings.listen.to_string(), "127.0.0.1:3000");
        assert_eq!(settings.public_url.as_str(), "http://127.0.0.1:3000/");
        assert!(settings.uses_sqlite());
        assert_eq!(settings.media_dir(), PathBuf::from("./data/media"));
    }

    #[test]
    fn a_bad_listen_address_names_the_setting() {
        let error = Settings::from_raw(raw("nonsense")).expect_err("nonsense is refused");
        assert_eq!(error.setting, "TRADEMA_LISTEN");
        assert!(error.to_string().contains("`nonsense` is not an address:port"), "{error}");
    }

    #[test]
    fn a_misspelt_setting_is_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("tradema.toml");
        std::fs::write(&file, "listn = \"127.0.0.1:80\"\n").expect("write");
        let error = Settings::load(Some(&file)).expect_err("unknown key");
        assert_eq!(error.setting, "listn (TRADEMA_LISTN)");
        assert!(error.to_string().contains("is not a Trade.ma setting"), "{error}");
        let missing = Settings::load(Some(&dir.path().join("absent.toml"))).expect_err("missing file");
        assert_eq!(missing.setting, "--config");
    }

    #[test]
    fn other_bad_values_are_refused() {
        let bad_url = RawSettings { public_url: Some("ftp://x".into()), ..RawSettings::default() };
        assert_eq!(Settings::from_raw(bad_url).expect_err("ftp").setting, "TRADEMA_PUBLIC_URL");
        let bad_db = RawSettings { database_url: Some("mysql://x".into()), ..RawSettings::default() };
        assert_eq!(Settings::from_raw(bad_db).expect_err("mysql").setting, "TRADEMA_DATABASE_URL");
        let empty = RawSettings { data_dir: Some(" ".into()), ..RawSettings::default() };
        assert_eq!(Settings::from_raw(empty).expect_err("empty").setting, "TRADEMA_DATA_DIR");
        let bad_proxy = RawSettings { trusted_proxies: Some("10.0.0.0/8, proxy".into()), ..RawSettings::default() };
        let error = Settings::from_raw(bad_proxy).expect_err("a name is not a network");
        assert_eq!(error.setting, "TRADEMA_TRUSTED_PROXIES");
        assert!(error.to_string().contains("`proxy` is not an address or network"), "{error}");
    }

    #[test]
    fn media_go_to_a_bucket_named_by_an_s3_url() {
        let local = Settings::from_raw(RawSettings::default()).expect("defaults");
        assert!(matches!(local.media, MediaStore::Local));
        let raw = RawSettings {
            media_url: Some("s3://tradema-photos/site/".into()),
            s3_endpoint: Some("http://127.0.0.1:9000".into()),
            s3_access_key_id: Some("key".into()),
            s3_secret_access_key: Some("secret".into()),
            ..RawSettings::default()
        };
        let MediaStore::Bucket(bucket) = Settings::from_raw(raw).expect("a bucket").media else {
            panic!("an s3:// URL is a bucket")
        };
        assert_eq!(
            (bucket.bucket.as_str(), bucket.prefix.as_str(), bucket.region.as_str()),
            ("tradema-photos", "site", "us-east-1")
        );
        for bad in ["https://bucket/x", "s3://", "s3://UPPER/x", "s3://bucket/../x", "s3://b"] {
            let raw = RawSettings { media_url: Some(bad.into()), ..RawSettings::default() };
            assert_eq!(Settings::from_raw(raw).expect_err(bad).setting, "TRADEMA_MEDIA_URL", "{bad}");
        }
        let half = RawSettings {
            media_url: Some("s3://bucket".into()),
            s3_access_key_id: Some("key".into()),
            ..RawSettings::default()
        };
        assert_eq!(
            Settings::from_raw(half).expect_err("a key without its secret").setting,
            "TRADEMA_S3_SECRET_ACCESS_KEY"
        );
        let stray = RawSettings { s3_endpoint: Some("http://127.0.0.1:9000".into()), ..RawSettings::default() };
        assert_eq!(Settings::from_raw(stray).expect_err("S3 settings alone").setting, "TRADEMA_MEDIA_URL");
    }

    #[test]
    fn trusted_proxies_are_networks_or_addresses() {
        let raw =
            RawSettings { trusted_proxies: Some("10.0.0.0/8, 192.168.1.10 ,::1/128,".into()), ..Default::default() };
        let proxies = Settings::from_raw(raw).expect("valid").trusted_proxies;
        let shown: Vec<String> = proxies.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["10.0.0.0/8", "192.168.1.10/32", "::1/128"]);
        assert!(Settings::from_raw(RawSettings::default()).expect("defaults").trusted_proxies.is_empty());
    }

    #[test]
    fn a_fleet_member_needs_the_shared_key_and_a_sane_pool() {
        let postgres = || RawSettings { database_url: Some("postgres://u:p@db/tradema".into()), ..Default::default() };
        let error = Settings::from_raw(postgres()).expect_err("no key");
        assert_eq!(error.setting, "TRADEMA_SIGNING_KEY");
        assert!(error.to_string().contains("required with PostgreSQL"), "{error}");
        let key = Some("k".repeat(40));
        let member = Settings::from_raw(RawSettings { signing_key: key.clone(), ..postgres() }).expect("valid");
        assert_eq!((member.db_pool_size, member.instance), (16, None));
        let sized = RawSettings {
            signing_key: key.clone(),
            db_pool_size: Some("6".into()),
            instance: Some("web-2.rabat".into()),
            ..postgres()
        };
        let sized = Settings::from_raw(sized).expect("valid");
        assert_eq!((sized.db_pool_size, sized.instance.as_deref()), (6, Some("web-2.rabat")));
        for bad in ["1", "501", "many"] {
            let raw = RawSettings { db_pool_size: Some(bad.into()), ..RawSettings::default() };
            assert_eq!(Settings::from_raw(raw).expect_err(bad).setting, "TRADEMA_DB_POOL_SIZE");
        }
        let raw = RawSettings { instance: Some("web 2".into()), ..RawSettings::default() };
        assert_eq!(Settings::from_raw(raw).expect_err("a space").setting, "TRADEMA_INSTANCE");
        assert_eq!(Settings::from_raw(RawSettings::default()).expect("defaults").db_pool_size, 8);
    }

    #[test]
    fn a_fleet_member_can_only_check_the_schema() {
        let defaults = Settings::from_raw(RawSettings::default()).expect("defaults");
        assert_eq!(defaults.schema_at_start, SchemaAtStart::Migrate);
        for (written, expected) in [("auto", SchemaAtStart::Migrate), ("check", SchemaAtStart::Check)] {
            let raw = RawSettings { migrate: Some(written.into()), ..RawSettings::default() };
            assert_eq!(Settings::from_raw(raw).expect(written).schema_at_start, expected);
        }
        assert_eq!(defaults.jobs, JobsHere::All);
        for (written, expected) in [("all", JobsHere::All), ("local", JobsHere::Local)] {
            let raw = RawSettings { jobs: Some(written.into()), ..RawSettings::default() };
            assert_eq!(Settings::from_raw(raw).expect(written).jobs, expected);
        }
        let raw = RawSettings { jobs: Some("some".into()), ..RawSettings::default() };
        assert_eq!(Settings::from_raw(raw).expect_err("some").setting, "TRADEMA_JOBS");
        let raw = RawSettings { migrate: Some("never".into()), ..RawSettings::default() };
        let error = Settings::from_raw(raw).expect_err("never is no mode");
        assert_eq!(error.setting, "TRADEMA_MIGRATE");
        assert!(error.to_string().contains("`never` is neither auto"), "{error}");
    }

    #[test]
    fn the_drain_period_follows_the_database_unless_set() {
        let postgres = || RawSettings {
            database_url: Some("postgres://u:p@db/tradema".into()),
            signing_key: Some("k".repeat(40)),
            ..Default::default()
        };
        assert_eq!(Settings::from_raw(RawSettings::default()).expect("sqlite").drain, Duration::ZERO);
        assert_eq!(Settings::from_raw(postgres()).expect("postgres").drain, Duration::from_secs(5));
        for (written, seconds) in [("0", 0), ("12", 12), ("60", 60)] {
            let raw = RawSettings { drain_seconds: Some(written.into()), ..postgres() };
            assert_eq!(Settings::from_raw(raw).expect(written).drain, Duration::from_secs(seconds));
        }
        for bad in ["61", "-1", "2.5", "soon"] {
            let raw = RawSettings { drain_seconds: Some(bad.into()), ..RawSettings::default() };
            let error = Settings::from_raw(raw).expect_err(bad);
            assert_eq!(error.setting, "TRADEMA_DRAIN_SECONDS");
            assert!(error.to_string().contains("from 0 to 60"), "{error}");
        }
    }

    #[test]
    fn numbers_are_read_where_a_number_is_meant() {
        // Figment reads `TRADEMA_DRAIN_SECONDS=7` as a number, as TOML does.
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("tradema.toml");
        std::fs::write(&file, "drain_seconds = 7\ndb_pool_size = 4\nmigrate = \"check\"\n").expect("write");
        let settings = Settings::load(Some(&file)).expect("numbers are fine");
        assert_eq!((settings.drain, settings.db_pool_size), (Duration::from_secs(7), 4));
        assert_eq!(settings.schema_at_start, SchemaAtStart::Check);
        std::fs::write(&file, "drain_seconds = 1.5\n").expect("write");
        let error = Settings::load(Some(&file)).expect_err("not whole");
        assert_eq!(error.setting, "TRADEMA_DRAIN_SECONDS");
    }
}
