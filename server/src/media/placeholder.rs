//! Placeholder photos for the demo catalogue: each sector's products drawn
//! on a studio backdrop (`illustration`), at the real aspect ratios product
//! photos come in, stored at every width pages use, as JPEG and WebP.

use app::domain::{PHOTO_WIDTHS, Sector};
use tokio::task::JoinSet;

use super::illustration::draw;
use super::pipeline;
use super::storage::MediaStorage;

/// Aspect ratios of the generated photos (width, height at full size).
const SHAPES: [(u32, u32); 4] = [(1280, 960), (1280, 853), (1280, 1280), (1280, 720)];

/// A placeholder photo that exists in storage: its key and full size.
#[derive(Clone, Debug)]
pub struct Placeholder {
    pub key: String,
    pub width: u32,
    pub height: u32,
}

/// Makes sure `per_sector` placeholders exist for every sector, drawing and
/// storing only the missing ones, and returns them by sector.
pub async fn ensure_pool(
    storage: &dyn MediaStorage,
    per_sector: usize,
) -> anyhow::Result<Vec<(Sector, Vec<Placeholder>)>> {
    let mut pool = Vec::new();
    let mut missing = Vec::new();
    for sector in Sector::ALL {
        let mut photos = Vec::new();
        for variant in 0..per_sector {
            let (width, height) = SHAPES[variant % SHAPES.len()];
            let key = format!("demo/{}-{variant}", sector.slug());
            let last = format!("{key}-{}.webp", PHOTO_WIDTHS[PHOTO_WIDTHS.len() - 1]);
            if !storage.exists(&last).await? {
                missing.push((*sector, variant, key.clone(), width, height));
            }
            photos.push(Placeholder { key, width, height });
        }
        pool.push((*sector, photos));
    }
    // Keep every core rendering and store each set as soon as it is done.
    let parallel = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut queue = missing.into_iter();
    let mut renders = JoinSet::new();
    loop {
        while renders.len() < parallel {
            let Some((sector, variant, key, width, height)) = queue.next() else { break };
            renders.spawn_blocking(move || render_variants(sector, variant, width, height).map(|files| (key, files)));
        }
        let Some(done) = renders.join_next().await else { break };
        let (key, files) = done??;
        for (suffix, bytes) in files {
            storage.put(&format!("{key}-{suffix}"), &bytes).await?;
        }
    }
    Ok(pool)
}

/// Every stored file of one placeholder, made by the same resize and encode
/// as uploads; the widest WebP comes last, so its presence means the whole
/// set was written.
fn render_variants(sector: Sector, variant: usize, width: u32, height: u32) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let variants = pipeline::variants(draw(sector, variant, width, height))?;
    Ok(variants
        .into_iter()
        .rev()
        .flat_map(|v| [(format!("{}.jpg", v.width), v.jpeg), (format!("{}.webp", v.width), v.webp)])
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_every_width_in_both_formats() {
        let files = render_variants(Sector::Fishery, 0, 1280, 960).expect("render");
        let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["320.jpg", "320.webp", "640.jpg", "640.webp", "1280.jpg", "1280.webp"]);
        let decoded = image::load_from_memory(&files[2].1).expect("valid jpeg");
        assert_eq!((decoded.width(), decoded.height()), (640, 480));
        let webp = &files[3].1;
        assert!(webp.len() < files[2].1.len() * 2, "lossy WebP, not a lossless one several times the JPEG");
    }
}
