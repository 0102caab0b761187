//! `server`: parses the command line, loads the settings and runs one command.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use server::config::{SETTINGS_HELP, Settings};

#[derive(Parser)]
#[command(name = "server", version, about = "Trade.ma: the catalogue of Moroccan exporters", after_help = SETTINGS_HELP)]
struct Cli {
    /// TOML settings file (also TRADEMA_CONFIG).
    #[arg(long, env = "TRADEMA_CONFIG", global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database (or only check it: TRADEMA_MIGRATE=check) and
    /// serve Trade.ma until SIGTERM or Ctrl-C (the default).
    Serve {
        /// Fill an empty database with the demo catalogue first.
        #[arg(long)]
        demo: bool,
    },
    /// Bring the database schema up to date, then exit (before a rolling
    /// deploy of servers started with TRADEMA_MIGRATE=check).
    Migrate,
    /// Fill the database with data.
    Seed {
        /// The deterministic demo catalogue (150+ producers, 1,500+ listings).
        #[arg(long, required = true)]
        demo: bool,
    },
    /// Create an account with any role (organisers and admins are appointed
    /// this way); the password is read from the first line of standard input.
    CreateAccount {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// producer, buyer, organiser or admin
        #[arg(long)]
        role: String,
    },
    /// Import a sheet of listings (CSV or XLSX, the template's columns)
    /// into a producer's catalogue: every row is checked first; with a
    /// problem nothing is written, else all rows in one transaction.
    Import {
        /// The producer's address (`/producers/SLUG`).
        #[arg(long)]
        producer: String,
        file: std::path::PathBuf,
    },
    /// Trade-office administrators.
    Admin {
        #[command(subcommand)]
        action: AdminCommand,
    },
    /// Suspend an account: it cannot sign in and its sessions end at once.
    Suspend {
        #[arg(long)]
        email: String,
    },
    /// Rebuild the search index from the database into a fresh index and
    /// swap it in (a running server switches to it by itself).
    Reindex,
    /// Write a consistent backup of the embedded site (the SQLite database,
    /// taken while the server keeps writing; the photos its rows name; the
    /// signing key) into DIR, which must be new or empty. On PostgreSQL and
    /// a bucket, see docs/operations.md ("Backups").
    Backup { dir: std::path::PathBuf },
    /// Bring a backup written by `server backup` back into an empty data
    /// directory (TRADEMA_DATA_DIR) and its media store.
    Restore { dir: std::path::PathBuf },
    /// Time search on a synthetic catalogue: indexing throughput and query
    /// latencies (engine + cards) for the embedded index, SQLite FTS5 as the
    /// reference, and Meilisearch with --meili-url.
    BenchSearch {
        #[arg(long, default_value_t = 100_000)]
        listings: usize,
        #[arg(long)]
        meili_url: Option<String>,
        #[arg(long, env = "TRADEMA_MEILI_KEY")]
        meili_key: Option<String>,
    },
    /// Time a producer's inbox page (signed in, over HTTP) with N
    /// conversations, and print p50/p95/p99 beside the budget.
    BenchInbox {
        #[arg(long, default_value_t = 2_000)]
        threads: usize,
    },
    /// Time a producer's insights over N recorded view rows (SQLite, or
    /// PostgreSQL with --database-url) and print p50/p95/p99 beside the budget.
    BenchInsights {
        #[arg(long, default_value_t = 100_000)]
        views: usize,
        /// An empty PostgreSQL database to run on instead of SQLite.
        #[arg(long)]
        database_url: Option<String>,
    },
    /// Load the pages with wrk over a synthetic catalogue of N listings (a
    /// throwaway data directory; this binary serves it on a free loopback
    /// port) and print req/s, p50, p99, errors and memory beside the budgets.
    BenchHttp {
        #[arg(long, default_value_t = 100_000)]
        listings: usize,
        /// Seconds per wrk run.
        #[arg(long, default_value_t = 15)]
        seconds: u32,
        /// Connections of the loaded runs (each path is also run on one).
        #[arg(long, default_value_t = 32)]
        connections: u32,
        /// An empty PostgreSQL database to seed and serve instead of the
        /// throwaway SQLite file (postgres://…).
        #[arg(long)]
        database_url: Option<String>,
        /// Seed, start the server, wait until every listing is searchable,
        /// print its address and keep it serving until Ctrl-C, without
        /// measuring (to profile it or load it by hand).
        #[arg(long)]
        keep_serving: bool,
    },
    /// Measure search relevance on the judged query set over the demo
    /// catalogue (NDCG@10, precision@5, zero-result rate, the worst queries),
    /// per language, for the embedded index and Meilisearch with
    /// --meili-url; fails below the floors given.
    BenchRelevance {
        #[arg(long)]
        meili_url: Option<String>,
        #[arg(long, env = "TRADEMA_MEILI_KEY")]
        meili_key: Option<String>,
        /// Fail when any language's NDCG@10 is below this (0 to 1).
        #[arg(long)]
        min_ndcg: Option<f64>,
        /// Fail when any language's share of queries finding nothing is above this (0 to 1).
        #[arg(long)]
        max_zero_rate: Option<f64>,
        /// How many of the worst queries to print per backend.
        #[arg(long, default_value_t = 10)]
        worst: usize,
    },
    /// Time the photo pipeline against vipsthumbnail on a 12-megapixel JPEG.
    BenchPhoto {
        /// A JPEG to use instead of the generated 4000 × 3000 one.
        #[arg(long)]
        file: Option<PathBuf>,
        /// How many times each side runs; the median is printed.
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
}

#[derive(clap::Subcommand)]
enum AdminCommand {
    /// Create an administrator of a region's trade office or of the national
    /// team; the password is read from the first line of standard input.
    Create {
        #[arg(long)]
        email: String,
        /// `national`, or a region: souss-massa, marrakech-safi, oriental, …
        #[arg(long)]
        region: String,
        /// The name shown in the interface (default: the office's name).
        #[arg(long)]
        name: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    server::telemetry::init(settings.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let command = cli.command.unwrap_or(Command::Serve { demo: false });

    match runtime.block_on(run(command, settings)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, settings: Settings) -> anyhow::Result<()> {
    match command {
        Command::Serve { demo } => {
            let app = server::build_app(settings).await?;
            if demo {
                let report = server::seed::seed_demo_if_empty(&app.state().db, &*app.state().media).await?;
                tracing::info!(%report, "demo catalogue");
            }
            tracing::info!(address = %app.local_addr(), public_url = %app.state().settings.public_url, "Trade.ma is serving");
            app.run_until_signalled().await?;
            tracing::info!("stopped cleanly");
            Ok(())
        }
        Command::Migrate => {
            let db = server::db::Db::standalone(server::db::connect(&settings).await?);
            server::db::migrate(&db).await?;
            println!("database schema is up to date");
            Ok(())
        }
        // CPU-bound and alone on the runtime: blocking here measures it truly.
        Command::BenchPhoto { file, runs } => server::bench::photo::run(file, runs),
        Command::CreateAccount { email, name, role } => {
            let role = app::domain::Role::from_slug(&role)
                .ok_or_else(|| anyhow::anyhow!("unknown role `{role}`: producer, buyer, organiser or admin"))?;
            if role == app::domain::Role::Admin {
                anyhow::bail!("an administrator belongs to an office: use `server admin create --email … --region …`");
            }
            let mut secret = String::new();
            std::io::stdin().read_line(&mut secret)?;
            let db = server::db::Db::standalone(server::db::connect(&settings).await?);
            server::db::migrate(&db).await?;
            let id = server::auth::account_commands::create_account(
                &db,
                &email,
                &name,
                role,
                secret.trim_end_matches(['\r', '\n']),
            )
            .await?;
            println!("account {id} created for {email} as {}", role.slug());
            Ok(())
        }
        Command::Admin { action: AdminCommand::Create { email, region, name } } => {
            let office = app::domain::Office::from_slug(&region).ok_or_else(|| {
                let regions: Vec<&str> = app::domain::Region::ALL.iter().map(|r| r.slug()).collect();
                anyhow::anyhow!("unknown region `{region}`: national, or one of {}", regions.join(", "))
            })?;
            let name = name.unwrap_or_else(|| format!("Trade office ({})", office.slug()));
            let mut secret = String::new();
            std::io::stdin().read_line(&mut secret)?;
            let db = server::db::Db::standalone(server::db::connect(&settings).await?);
            server::db::migrate(&db).await?;
            let id = server::auth::account_commands::create_admin(
                &db,
                &email,
                &name,
                office,
                secret.trim_end_matches(['\r', '\n']),
            )
            .await?;
            println!("administrator {id} created for {email}, office: {}", office.slug());
            Ok(())
        }
        Command::Import { producer, file } => {
            let db = server::db::Db::standalone(server::db::connect(&settings).await?);
            server::db::migrate(&db).await?;
            let (created, updated) = server::import::terminal::run(&db, &producer, &file).await?;
            println!("imported into {producer}: {created} listings created, {updated} updated");
            Ok(())
        }
        Command::Suspend { email } => {
            let db = server::db::Db::standalone(server::db::connect(&settings).await?);
            let id = server::auth::account_commands::account_id(&db, &email).await?;
            let ended = server::auth::account_commands::suspend_account(&db, id).await?;
            println!("account {id} suspended; {ended} sessions ended");
            Ok(())
        }
        Command::BenchSearch { listings, meili_url, meili_key } => {
            server::bench::search::run(listings, meili_url, meili_key).await
        }
        Command::BenchRelevance { meili_url, meili_key, min_ndcg, max_zero_rate, worst } => {
            let floors = server::bench::relevance::Floors { min_ndcg, max_zero_rate, worst };
            server::bench::relevance::run(meili_url, meili_key, floors).await
        }
        Command::BenchInbox { threads } => server::bench::inbox::run(threads).await,
        Command::BenchInsights { views, database_url } => server::bench::insights::run(views, database_url).await,
        Command::BenchHttp { listings, seconds, connections, database_url, keep_serving } => {
            let load = server::bench::http::Load { listings, seconds, connections, database_url, keep_serving };
            server::bench::http::run(load).await
        }
        Command::Backup { dir } => {
            let media = server::media::storage::open(&settings)?;
            let manifest = server::backup::backup(&settings, &*media, &dir).await?;
            println!(
                "backup written to {}: {} listings, {} photos, {} media files ({} bytes), a database of {} bytes \
                 (schema {})",
                dir.display(),
                manifest.listings,
                manifest.photos,
                manifest.media_files,
                manifest.media_bytes,
                manifest.database_bytes,
                manifest.schema
            );
            Ok(())
        }
        Command::Restore { dir } => {
            let media = server::media::storage::open(&settings)?;
            let manifest = server::backup::restore(&settings, &*media, &dir).await?;
            println!(
                "restored the backup of {} from {}: {} listings, {} media files into {}; start the server as usual",
                manifest.taken_at,
                dir.display(),
                manifest.listings,
                manifest.media_files,
                media.describe()
            );
            Ok(())
        }
        Command::Reindex => {
            let db = server::db::Db::standalone(server::db::connect(&settings).await?);
            server::db::migrate(&db).await?;
            let index = server::search::open(&settings).await?;
            let count = server::jobs::search_indexer::reindex(&db, &*index).await?;
            println!("search index rebuilt: {count} listings ({} backend)", index.backend());
            Ok(())
        }
        Command::Seed { demo: _ } => {
            let db = server::db::Db::standalone(server::db::connect(&settings).await?);
            server::db::migrate(&db).await?;
            let media = server::media::storage::open(&settings)?;
            let report = server::seed::seed_demo_if_empty(&db, &*media).await?;
            println!("{report}");
            Ok(())
        }
    }
}
