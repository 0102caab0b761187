//! `server bench-photo`: times the photo pipeline on a 12-megapixel JPEG and,
//! in the same run on the same file, Debian's `vipsthumbnail` producing the
//! same widths in the same two formats, then prints both and their ratio.
//! A benchmark prints numbers; it asserts nothing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use app::domain::PHOTO_WIDTHS;
use image::codecs::jpeg::JpegEncoder;

use crate::media::pipeline::{PhotoLimits, process};

/// A 4000 × 3000 photo-like JPEG (gradients and grain, so it compresses like a
/// real photo rather than a flat test card).
fn synthetic_photo(path: &Path) -> anyhow::Result<()> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let image = image::RgbImage::from_fn(4000, 3000, |x, y| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let grain = (state % 24) as i32 - 12;
        let base = |v: u32, scale: u32| ((v * 255 / scale) as i32 + grain).clamp(0, 255) as u8;
        image::Rgb([base(x, 4000), base(y, 3000), base((x + y) / 2, 3500)])
    });
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, 90).encode_image(&image)?;
    std::fs::write(path, bytes)?;
    Ok(())
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn vips_once(input: &Path, out_dir: &Path) -> anyhow::Result<Duration> {
    let started = Instant::now();
    for width in PHOTO_WIDTHS {
        for (extension, quality) in [("jpg", 82), ("webp", 80)] {
            let output = out_dir.join(format!("vips-{width}.{extension}[Q={quality},strip]"));
            let status = Command::new("vipsthumbnail")
                .arg(input)
                .arg("--size")
                .arg(format!("{width}x"))
                .arg("-o")
                .arg(&output)
                .env("VIPS_CONCURRENCY", "1")
                .status()
                .context("cannot run vipsthumbnail: install it with `apt-get install libvips-tools`")?;
            if !status.success() {
                bail!("vipsthumbnail failed on {}", input.display());
            }
        }
    }
    Ok(started.elapsed())
}

/// Runs the comparison and prints the numbers.
pub fn run(file: Option<PathBuf>, runs: usize) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let input = match file {
        Some(file) => file,
        None => {
            let path = dir.path().join("photo-12mp.jpg");
            synthetic_photo(&path)?;
            path
        }
    };
    let bytes = std::fs::read(&input).with_context(|| format!("cannot read {}", input.display()))?;
    let limits = PhotoLimits { max_bytes: bytes.len().max(PhotoLimits::default().max_bytes), ..PhotoLimits::default() };
    let runs = runs.max(1);
    let mut ours = Vec::new();
    let mut output_bytes = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let photo = process(&bytes, &limits).map_err(|err| anyhow::anyhow!("pipeline refused the photo: {err}"))?;
        ours.push(started.elapsed());
        output_bytes = photo.variants.iter().map(|v| v.jpeg.len() + v.webp.len()).sum::<usize>();
    }
    let mut theirs = Vec::new();
    for _ in 0..runs {
        theirs.push(vips_once(&input, dir.path())?);
    }
    let (ours, theirs) = (median(ours), median(theirs));
    println!(
        "photo: {} ({} bytes), {runs} runs, widths {:?} as JPEG and WebP",
        input.display(),
        bytes.len(),
        PHOTO_WIDTHS
    );
    println!("trade.ma pipeline  median {:>8.1} ms  ({} bytes written)", ours.as_secs_f64() * 1000.0, output_bytes);
    println!(
        "vipsthumbnail      median {:>8.1} ms  (6 invocations, VIPS_CONCURRENCY=1)",
        theirs.as_secs_f64() * 1000.0
    );
    println!("ratio pipeline / vipsthumbnail: {:.2}", ours.as_secs_f64() / theirs.as_secs_f64());
    println!("note: vipsthumbnail decodes the file once per output (with shrink-on-load); the pipeline decodes once.");
    Ok(())
}
