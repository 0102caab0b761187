//! Placeholder photos for the demo catalogue: soft, deterministic studio-like
//! compositions in each sector's colours, at the real aspect ratios product
//! photos come in, stored at every width pages use, as JPEG and WebP.

use std::io::Cursor;

use app::domain::{PHOTO_WIDTHS, Sector};
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageFormat, Rgb, RgbImage};

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

fn encode(image: &RgbImage, format: ImageFormat) -> Result<Vec<u8>, image::ImageError> {
    let mut bytes = Vec::new();
    match format {
        ImageFormat::Jpeg => JpegEncoder::new_with_quality(&mut bytes, 82).encode_image(image)?,
        _ => DynamicImage::ImageRgb8(image.clone()).write_to(&mut Cursor::new(&mut bytes), format)?,
    }
    Ok(bytes)
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
    // Render on every core, a few at a time, and store as each one finishes.
    let parallel = std::thread::available_parallelism().map_or(2, |n| n.get());
    for batch in missing.chunks(parallel) {
        let renders: Vec<_> = batch
            .iter()
            .map(|(sector, variant, key, width, height)| {
                let (sector, variant, key, width, height) = (*sector, *variant, key.clone(), *width, *height);
                tokio::task::spawn_blocking(move || render_variants(sector, variant, width, height).map(|files| (key, files)))
            })
            .collect();
        for render in renders {
            let (key, files) = render.await??;
            for (suffix, bytes) in files {
                storage.put(&format!("{key}-{suffix}"), &bytes).await?;
            }
        }
    }
    Ok(pool)
}

/// Every stored file of one placeholder; the widest WebP comes last, so its
/// presence means the whole set was written.
fn render_variants(sector: Sector, variant: usize, width: u32, height: u32) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let full = draw(sector, variant, width, height);
    let mut files = Vec::new();
    for (format, extension) in [(ImageFormat::Jpeg, "jpg"), (ImageFormat::WebP, "webp")] {
        for target in PHOTO_WIDTHS {
            let target_height = (u64::from(height) * u64::from(target) / u64::from(width)) as u32;
            let scaled = if target == width { full.clone() } else { image::imageops::resize(&full, target, target_height, FilterType::Triangle) };
            files.push((format!("{target}.{extension}"), encode(&scaled, format)?));
        }
    }
    Ok(files)
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
        assert_eq!(names, ["320.jpg", "640.jpg", "1280.jpg", "320.webp", "640.webp", "1280.webp"]);
        let decoded = image::load_from_memory(&files[1].1).expect("valid jpeg");
        assert_eq!((decoded.width(), decoded.height()), (640, 480));
    }
}
