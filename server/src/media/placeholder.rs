//! Placeholder photos for the demo catalogue: soft, deterministic studio-like
//! compositions in each sector's colours, at the real aspect ratios product
//! photos come in, stored at every width pages use, as JPEG and WebP.

use app::domain::{PHOTO_WIDTHS, Sector};
use image::{Rgb, RgbImage};
use tokio::task::JoinSet;

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

/// Two colours per sector: background and subject.
fn palette(sector: Sector) -> ([u8; 3], [u8; 3]) {
    match sector {
        Sector::Agrifood => ([236, 222, 196], [176, 112, 52]),
        Sector::FreshProduce => ([222, 236, 206], [232, 128, 36]),
        Sector::Fishery => ([206, 224, 236], [64, 112, 150]),
        Sector::CosmeticsArgan => ([240, 226, 200], [196, 140, 40]),
        Sector::Crafts => ([238, 220, 206], [170, 74, 48]),
        Sector::TextileLeather => ([230, 214, 200], [120, 72, 48]),
        Sector::SocialEconomy => ([228, 232, 214], [120, 140, 60]),
        Sector::Automotive => ([220, 224, 230], [60, 70, 84]),
        Sector::Aeronautics => ([218, 228, 240], [90, 110, 140]),
        Sector::Phosphates => ([236, 232, 222], [150, 140, 110]),
        Sector::BuildingMaterials => ([232, 226, 218], [140, 120, 100]),
        Sector::Pharmaceuticals => ([226, 238, 236], [40, 130, 120]),
        Sector::Electronics => ([222, 226, 234], [50, 90, 120]),
    }
}

fn mix(a: [u8; 3], b: [u8; 3], t: f32) -> [u8; 3] {
    let t = t.clamp(0.0, 1.0);
    [0, 1, 2].map(|i| (f32::from(a[i]) * (1.0 - t) + f32::from(b[i]) * t) as u8)
}

/// Draws one composition: a lit backdrop, a soft shadow and a rounded subject.
fn draw(sector: Sector, variant: usize, width: u32, height: u32) -> RgbImage {
    let (backdrop, subject) = palette(sector);
    let lit = mix(backdrop, [255, 255, 255], 0.55);
    let shade = mix(backdrop, [40, 36, 30], 0.18);
    let (w, h) = (width as f32, height as f32);
    let cx = w * (0.38 + 0.08 * variant as f32);
    let cy = h * 0.55;
    let radius = h.min(w) * (0.24 + 0.03 * (variant % 3) as f32);
    let subject_light = mix(subject, [255, 255, 255], 0.35);
    RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        let light = ((fx - w * 0.3).powi(2) + (fy - h * 0.2).powi(2)).sqrt() / (w.max(h));
        let mut colour = mix(lit, backdrop, light * 1.4);
        if fy > h * 0.68 {
            colour = mix(colour, shade, (fy - h * 0.68) / (h * 0.5));
        }
        let shadow = ((fx - cx - radius * 0.25).powi(2) / 1.8 + (fy - cy - radius * 0.85).powi(2) * 4.0).sqrt();
        if shadow < radius {
            colour = mix(colour, [40, 36, 30], 0.25 * (1.0 - shadow / radius));
        }
        let dx = (fx - cx) / radius;
        let dy = (fy - cy) / (radius * 1.1);
        let d = (dx * dx + dy * dy).sqrt();
        if d < 1.0 {
            let highlight = 1.0 - (((dx + 0.35).powi(2) + (dy + 0.4).powi(2)).sqrt() * 0.9).min(1.0);
            colour = mix(subject, subject_light, highlight);
            if d > 0.96 {
                colour = mix(colour, subject, (d - 0.96) / 0.04);
            }
        }
        Rgb(colour)
    })
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
    fn draws_the_requested_size_in_sector_colours() {
        let image = draw(Sector::CosmeticsArgan, 1, 320, 240);
        assert_eq!(image.dimensions(), (320, 240));
        let centre = image.get_pixel((320.0 * 0.46) as u32, (240.0 * 0.55) as u32);
        let corner = image.get_pixel(0, 0);
        assert_ne!(centre, corner, "the subject stands out from the backdrop");
    }

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
