//! `server bench-http --listings N`: the pages under load. It seeds the
//! search benchmark's deterministic synthetic catalogue of N listings into a
//! throwaway data directory, starts this same binary as a server on a free
//! loopback port, waits until the search index holds every listing, then
//! runs wrk (Debian's `wrk`) against each page type, a static file and
//! `/healthz` (the framework's ceiling), with 32 connections and with one,
//! and prints req/s, p50, p99 and errors beside the budgets of
//! PERFORMANCE.md, then the server's resident memory. It prints numbers; it
//! asserts nothing. Numbers mean something on a release build only.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::config::Settings;

/// How each path is loaded.
pub struct Load {
    pub listings: usize,
    /// Seconds per wrk run.
    pub seconds: u32,
    /// Connections of the main runs.
    pub connections: u32,
    /// An empty PostgreSQL database to use instead of a throwaway SQLite file.
    pub database_url: Option<String>,
    /// Serve until Ctrl-C instead of measuring.
    pub keep_serving: bool,
}

/// One row of the table: a path and its budget (req/s, p99 ms) if it has one.
struct Target {
    name: &'static str,
    path: String,
    budget: Option<(u32, u32)>,
    /// Instead of `path` on every request, a different page each time (a
    /// wrk Lua script): what a crawler or a crowd of buyers does, with no
    /// answer kept from one request to the next.
    rotate: Option<Rotation>,
}

/// Pages visited in turn by a rotating row.
#[derive(Clone, Copy)]
enum Rotation {
    /// Every listing page, `/fr/listings/{id}-bench-{id}` for id 1..=n.
    Listings(usize),
    /// Every producer page, `/fr/producers/bench-producer-{p}` for p < n.
    Producers(usize),
    /// Searches for each product of the vocabulary (its French name), in
    /// each region and in all, by relevance and by date.
    Searches,
}

/// The search pages of `Rotation::Searches`.
fn search_paths() -> Vec<String> {
    use app::domain::{ListingQuery, Region, SearchSort};
    let vocabulary = crate::search::vocabulary::Vocabulary::global();
    let words: Vec<String> = (0..vocabulary.len())
        .filter_map(|i| {
            let concept = vocabulary.concept(i);
            concept.names.iter().find(|(language, _)| *language == "fr").and_then(|(_, names)| names.first().cloned())
        })
        .collect();
    let regions: Vec<Option<Region>> = std::iter::once(None).chain(Region::ALL.iter().copied().map(Some)).collect();
    let mut paths = Vec::new();
    for text in &words {
        for region in &regions {
            for sort in [SearchSort::Relevance, SearchSort::Newest] {
                let query = ListingQuery { text: text.clone(), region: *region, sort, ..ListingQuery::default() };
                paths.push(format!("/fr/search?{}", query.to_query_string()));
            }
        }
    }
    paths
}

impl Rotation {
    /// The wrk script: each thread starts at its own place and steps by a
    /// prime, so the two threads never ask for the same page together.
    fn script(self) -> String {
        let paths;
        let (count, path, table) = match self {
            Rotation::Listings(n) => (n, r#""/fr/listings/" .. (k + 1) .. "-bench-" .. (k + 1)"#, String::new()),
            Rotation::Producers(n) => (n, r#""/fr/producers/bench-producer-" .. k"#, String::new()),
            Rotation::Searches => {
                paths = search_paths();
                let quoted: Vec<String> = paths.iter().map(|path| format!("{path:?}")).collect();
                (paths.len(), "paths[k + 1]", format!("local paths = {{{}}}\n", quoted.join(",")))
            }
        };
        format!(
            r#"{table}local threads = 0
function setup(thread)
  thread:set("offset", threads * 7919)
  threads = threads + 1
end
local i = 0
request = function()
  i = i + 1
  local k = (offset + i * 104729) % {count}
  return wrk.format("GET", {path})
end
"#
        )
    }
}

impl Target {
    /// A row loading one path.
    fn one(name: &'static str, path: &str, budget: Option<(u32, u32)>) -> Target {
        Target { name, path: path.into(), budget, rotate: None }
    }
}

/// What wrk reported for one run.
#[derive(Debug, Default, PartialEq)]
struct WrkResult {
    requests_per_second: f64,
    p50: Duration,
    p99: Duration,
    requests: u64,
    /// Non-2xx/3xx answers plus socket errors.
    errors: u64,
}

pub async fn run(load: Load) -> anyhow::Result<()> {
    which_wrk()?;
    let dir = tempfile::tempdir()?;
    let mut settings = Settings::for_data_dir(dir.path());
    if let Some(url) = &load.database_url {
        settings.database_url = url.clone().into();
    }
    let db = crate::db::Db::standalone(crate::db::connect(&settings).await?);
    crate::db::migrate(&db).await?;
    let started = Instant::now();
    crate::bench::search::import(&db, load.listings).await?;
    drop(db);
    println!(
        "bench-http: {} listings seeded in {:.1} s; wrk, {} s per run, 2 threads",
        load.listings,
        started.elapsed().as_secs_f64(),
        load.seconds
    );

    let port = free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let mut server = start_server(dir.path(), load.database_url.as_deref(), port)?;
    // Ctrl-C or SIGTERM ends the run early; the server is stopped either way.
    let work = async {
        if load.keep_serving {
            wait_until_indexed(&base, load.listings).await?;
            println!("serving {base} (process {}) until Ctrl-C", server.id());
            std::future::pending::<()>().await;
            Ok(())
        } else {
            measure(&base, &load, server.id()).await
        }
    };
    let outcome = tokio::select! {
        outcome = work => outcome,
        () = crate::shutdown_signal() => Ok(()),
    };
    stop_server(&mut server, dir.path(), outcome.is_err());
    outcome
}

async fn measure(base: &str, load: &Load, pid: u32) -> anyhow::Result<()> {
    let started = Instant::now();
    wait_until_indexed(base, load.listings).await?;
    println!("server ready and every listing searchable after {:.1} s", started.elapsed().as_secs_f64());
    let targets = [
        Target::one("/healthz (ceiling)", "/healthz", None),
        Target::one("/favicon.svg (static)", "/favicon.svg", None),
        Target::one("home /fr", "/fr", Some((1_500, 50))),
        Target::one("listing page", "/fr/listings/1-bench-1", Some((3_000, 30))),
        Target {
            rotate: Some(Rotation::Listings(load.listings)),
            ..Target::one("listing, each different", "/fr/listings/1-bench-1", Some((3_000, 30)))
        },
        Target::one("producer page", "/fr/producers/bench-producer-1", Some((1_500, 50))),
        Target {
            rotate: Some(Rotation::Producers(crate::bench::search::PRODUCERS)),
            ..Target::one("producer, each different", "/fr/producers/bench-producer-1", Some((1_500, 50)))
        },
        Target::one("search ?q=huile", "/fr/search?q=huile", Some((1_500, 50))),
        Target {
            rotate: Some(Rotation::Searches),
            ..Target::one("search, each different", "/fr/search?q=huile", Some((1_500, 50)))
        },
        Target::one("region page", "/fr/regions/souss-massa", Some((1_500, 50))),
        Target::one("sector page", "/fr/sectors/agrifood", Some((1_500, 50))),
    ];
    let scripts = tempfile::tempdir()?;
    for target in &targets {
        let (status, _) = get(base, &target.path).await?;
        if !(200..300).contains(&status) {
            bail!("{} answers {status} before the load: nothing to measure", target.path);
        }
    }
    println!();
    println!("{:<24} {:>6} {:>10} {:>9} {:>9} {:>7}   budget", "path", "conns", "req/s", "p50", "p99", "errors");
    for (connections, threads) in [(1, 1), (load.connections, load.connections.clamp(1, 2))] {
        for target in &targets {
            if connections == 1 && target.budget.is_some() && target.name != "listing page" {
                continue;
            }
            let script = match target.rotate {
                Some(rotation) => {
                    let file = scripts.path().join(format!("{}.lua", target.name.replace([' ', ','], "-")));
                    std::fs::write(&file, rotation.script())?;
                    Some(file)
                }
                None => None,
            };
            let url = format!("{base}{}", target.path);
            let result = wrk(&url, threads, connections, load.seconds, script.as_deref())?;
            let budget = match target.budget {
                Some((rate, p99)) if connections > 1 => {
                    let met = result.requests_per_second >= f64::from(rate)
                        && result.p99 <= Duration::from_millis(u64::from(p99))
                        && result.errors == 0;
                    format!("≥ {rate} req/s, p99 ≤ {p99} ms: {}", if met { "met" } else { "NOT met" })
                }
                _ => String::new(),
            };
            println!(
                "{:<24} {:>6} {:>10.0} {:>9} {:>9} {:>7}   {budget}",
                target.name,
                connections,
                result.requests_per_second,
                format_duration(result.p50),
                format_duration(result.p99),
                result.errors,
            );
        }
    }
    let (rss, peak) = memory_of(pid)?;
    println!();
    println!("server memory: {} MB resident now, {} MB at most (budget ≤ 300 MB)", rss / 1024, peak / 1024);
    Ok(())
}

fn which_wrk() -> anyhow::Result<()> {
    match Command::new("wrk").arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status() {
        Ok(_) => Ok(()),
        Err(error) => bail!("wrk is needed (Debian: apt-get install wrk; ./tradema bench-http installs it): {error}"),
    }
}

pub(crate) fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Stops the benchmark's server; after a failure, prints its last log lines.
pub(crate) fn stop_server(server: &mut Child, data_dir: &Path, failed: bool) {
    let _ = server.kill();
    let _ = server.wait();
    if failed {
        let log = std::fs::read_to_string(data_dir.join("server.log")).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(10).collect();
        eprintln!("the server's last log lines:\n{}", tail.into_iter().rev().collect::<Vec<_>>().join("\n"));
    }
}

/// This binary, serving the seeded data directory (and database) on `port`; its log goes
/// to `server.log` in the data directory.
pub(crate) fn start_server(data_dir: &Path, database_url: Option<&str>, port: u16) -> anyhow::Result<Child> {
    let log = std::fs::File::create(data_dir.join("server.log"))?;
    let exe = std::env::current_exe().context("finding this program to start it as the server")?;
    let mut command = Command::new(exe);
    // Only the throwaway data directory: no settings file, database, search
    // server or mail server of this machine's own configuration.
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("TRADEMA_") && name != "TRADEMA_SITE_ROOT" {
            command.env_remove(name);
        }
    }
    if let Some(url) = database_url {
        // PostgreSQL requires a shared signing key; one of the bench's own.
        command.env("TRADEMA_DATABASE_URL", url).env("TRADEMA_SIGNING_KEY", crate::services::random_hex(32));
    }
    command
        .arg("serve")
        .env("TRADEMA_DATA_DIR", data_dir)
        .env("TRADEMA_LISTEN", format!("127.0.0.1:{port}"))
        .stdout(log.try_clone()?)
        .stderr(log)
        .spawn()
        .context("starting the server")
}

/// Waits until the public API finds every listing through the search engine
/// (the server builds its index at start), at most ten minutes.
async fn wait_until_indexed(base: &str, listings: usize) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        if let Ok((200, body)) = get(base, "/api/v1/listings?per_page=1").await
            && let Ok(body) = serde_json::from_str::<serde_json::Value>(&body)
            && body["degraded"] == false
            && body["total"].as_u64() == Some(listings as u64)
        {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("the server did not index the {listings} listings within ten minutes");
        }
        // The API allows 120 requests a minute per address.
        tokio::time::sleep(Duration::from_millis(700)).await;
    }
}

/// A plain HTTP/1.1 GET on loopback: (status, body). No client library:
/// the server's dependencies stay what the server needs.
async fn get(base: &str, path: &str) -> anyhow::Result<(u16, String)> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await?;
    let split = answer.windows(4).position(|w| w == b"\r\n\r\n").context("an HTTP answer")?;
    let head = String::from_utf8_lossy(&answer[..split]);
    let body = &answer[split + 4..];
    let status = head.split_whitespace().nth(1).and_then(|code| code.parse().ok()).context("a status code")?;
    let chunked = head.lines().any(|line| line.eq_ignore_ascii_case("transfer-encoding: chunked"));
    let body = if chunked { dechunk(body) } else { body.to_vec() };
    Ok((status, String::from_utf8_lossy(&body).into_owned()))
}

/// The body of a chunked answer (bytes: a chunk may end inside a character).
fn dechunk(mut rest: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    while let Some(line_end) = rest.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&rest[..line_end]).ok().and_then(|s| usize::from_str_radix(s.trim(), 16).ok());
        let after = &rest[line_end + 2..];
        let Some(size) = size.filter(|size| *size > 0 && after.len() >= *size) else { break };
        body.extend_from_slice(&after[..size]);
        rest = after[size..].strip_prefix(b"\r\n").unwrap_or(&after[size..]);
    }
    body
}

fn wrk(url: &str, threads: u32, connections: u32, seconds: u32, script: Option<&Path>) -> anyhow::Result<WrkResult> {
    let mut command = Command::new("wrk");
    if let Some(script) = script {
        command.arg("-s").arg(script);
    }
    let output = command
        .args(["--latency", "-t", &threads.to_string(), "-c", &connections.to_string()])
        .args(["-d", &format!("{seconds}s"), url])
        .output()
        .context("running wrk")?;
    let text = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        bail!("wrk failed on {url}: {}{}", text, String::from_utf8_lossy(&output.stderr));
    }
    parse_wrk(&text).with_context(|| format!("reading wrk's report for {url}:\n{text}"))
}

fn parse_wrk(report: &str) -> anyhow::Result<WrkResult> {
    let mut result = WrkResult::default();
    for line in report.lines().map(str::trim) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        match fields.as_slice() {
            ["Requests/sec:", rate] => result.requests_per_second = rate.parse()?,
            ["50%", value] => result.p50 = parse_duration(value)?,
            ["99%", value] => result.p99 = parse_duration(value)?,
            [count, "requests", "in", ..] => result.requests = count.parse()?,
            ["Non-2xx", "or", "3xx", "responses:", count] => result.errors += count.parse::<u64>()?,
            ["Socket", "errors:", rest @ ..] => {
                result.errors +=
                    rest.iter().filter_map(|part| part.trim_end_matches(',').parse::<u64>().ok()).sum::<u64>();
            }
            _ => {}
        }
    }
    if result.requests == 0 {
        bail!("no requests counted");
    }
    Ok(result)
}

/// wrk's durations: `702.00us`, `1.85ms`, `1.20s`, `2.00m`.
fn parse_duration(value: &str) -> anyhow::Result<Duration> {
    let split = value.find(|c: char| c.is_ascii_alphabetic()).context("a unit")?;
    let (number, unit) = value.split_at(split);
    let number: f64 = number.parse()?;
    let seconds = match unit {
        "us" => number / 1e6,
        "ms" => number / 1e3,
        "s" => number,
        "m" => number * 60.0,
        other => bail!("unknown unit `{other}`"),
    };
    Ok(Duration::from_secs_f64(seconds))
}

fn format_duration(duration: Duration) -> String {
    if duration < Duration::from_millis(1) {
        format!("{} µs", duration.as_micros())
    } else {
        format!("{:.1} ms", duration.as_secs_f64() * 1e3)
    }
}

/// Resident memory of a process now and at its peak, in KiB.
fn memory_of(pid: u32) -> anyhow::Result<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).context("reading the server's memory")?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kib| kib.parse::<u64>().ok())
            .unwrap_or(0)
    };
    Ok((field("VmRSS:"), field("VmHWM:")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrk_reports_are_read() {
        let report = "Running 2s test @ http://127.0.0.1:1/healthz
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.04ms    1.10ms  20.01ms   89.00%
  Latency Distribution
     50%  702.00us
     75%    1.00ms
     90%    1.85ms
     99%    4.42ms
  61776 requests in 2.00s, 8.21MB read
  Non-2xx or 3xx responses: 12
  Socket errors: connect 0, read 3, write 0, timeout 1
Requests/sec:  30784.03
Transfer/sec:      4.10MB
";
        let result = parse_wrk(report).expect("parsed");
        assert_eq!(result.requests, 61_776);
        assert_eq!(result.errors, 16);
        assert_eq!(result.p50, Duration::from_micros(702));
        assert_eq!(result.p99, Duration::from_micros(4_420));
        assert!((result.requests_per_second - 30_784.03).abs() < 1e-6);
        assert!(parse_wrk("nothing").is_err(), "a report without requests is refused");
        assert_eq!(parse_duration("1.20s").unwrap(), Duration::from_millis(1_200));
        assert_eq!(dechunk(b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"), b"hello world");
        let split_character = "2\r\n\u{e9}".as_bytes().iter().chain(b"\r\n0\r\n\r\n").copied().collect::<Vec<u8>>();
        assert_eq!(dechunk(&split_character), "\u{e9}".as_bytes(), "a chunk ending inside a character");
    }
}
