//! Hostile sheets, in a test binary of their own: the server runs
//! in this process and nothing else does, so the memory read from
//! `/proc/self/status` is the server's alone. A 2 KB XLSX that names one
//! cell far away (`F1048576`, `XFD1048576`) or declares 10^18 shared
//! strings must be refused at once, without the server reserving memory
//! from those numbers, and `/healthz` keeps answering while such uploads run.

use std::time::{Duration, Instant};

use tests::TestApp;
use tests::sheets::{xlsx_with_far_cell, xlsx_with_string_count};

/// A line of `/proc/self/status` in bytes (`VmRSS`, `VmHWM`).
fn status_bytes(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let line = status.lines().find(|line| line.starts_with(field)).unwrap_or_else(|| panic!("no {field}"));
    let kb: u64 = line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).expect("a number of kB");
    kb * 1024
}

/// Resets the process's peak RSS (`VmHWM`) to its current RSS.
fn reset_peak() {
    std::fs::write("/proc/self/clear_refs", "5").expect("reset the peak RSS");
}

const MB: u64 = 1024 * 1024;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sheets_that_claim_a_huge_grid_are_refused_fast_without_memory() {
    let app = TestApp::spawn().await;
    let producer = app.signed_in("producer", "coop@hostile.ma").await;
    assert_eq!(producer.save_profile("Coopérative Hostile", &[]).await.status, 200);
    let sheets = [
        ("a cell at F1048576", xlsx_with_far_cell("F1048576")),
        ("a cell at XFD1048576", xlsx_with_far_cell("XFD1048576")),
        ("uniqueCount 10^18", xlsx_with_string_count("1000000000000000000")),
    ];
    for (what, bytes) in &sheets {
        assert!(bytes.len() < 4096, "{what} is a small file ({} bytes)", bytes.len());
    }
    // Once before measuring: the first request of a process fills caches.
    let warm = producer.import_sheet("warm.xlsx", sheets[0].1.clone(), None).await;
    assert_eq!(warm.status, 422, "{}", warm.body);

    let baseline = status_bytes("VmRSS:");
    reset_peak();
    for (what, bytes) in &sheets {
        let started = Instant::now();
        let answer = producer.import_sheet("sheet.xlsx", bytes.clone(), None).await;
        let took = started.elapsed();
        assert_eq!(answer.status, 422, "{what}: {}", answer.body);
        assert_eq!(answer.json()["problems"][0]["reason"], "import.sheet_too_big", "{what}: {}", answer.body);
        assert!(took < Duration::from_millis(200), "{what} was refused in {took:?}");
        eprintln!("{what}: refused in {took:?}");
    }
    let grown = status_bytes("VmHWM:").saturating_sub(baseline);
    eprintln!("peak RSS growth over the three sheets: {:.1} MB", grown as f64 / MB as f64);
    assert!(grown < 32 * MB, "the server's RSS grew by {} MB", grown / MB);

    // Four such uploads at once; the health check answers meanwhile.
    let uploads: Vec<_> = (0..4)
        .map(|n| {
            let producer = producer.clone();
            let bytes = sheets[n % sheets.len()].1.clone();
            tokio::spawn(async move { producer.import_sheet("sheet.xlsx", bytes, None).await.status })
        })
        .collect();
    let health = app.visitor();
    let mut slowest = Duration::ZERO;
    for _ in 0..5 {
        let started = Instant::now();
        assert_eq!(health.get("/healthz").await.status, 200);
        slowest = slowest.max(started.elapsed());
    }
    for upload in uploads {
        assert_eq!(upload.await.expect("upload task"), 422);
    }
    eprintln!("slowest /healthz during four uploads: {slowest:?}");
    assert!(slowest < Duration::from_millis(100), "/healthz took {slowest:?}");
    app.stop().await;
}
