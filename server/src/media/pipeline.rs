//! The photo pipeline, pure and synchronous: sniff the format from the bytes,
//! check the declared size before decoding anything, decode with allocation
//! limits, turn the picture upright (EXIF orientation), flatten transparency
//! onto white, resize with `fast_image_resize` to every stored width, and
//! encode each width as WebP and JPEG. The uploaded bytes are never kept: only
//! re-encoded pixels leave, so no metadata (location, camera) survives.

use std::io::Cursor;

use app::domain::{PHOTO_WIDTHS, PhotoRef};
use fast_image_resize::images::Image;
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};

/// What an upload may be.
#[derive(Clone, Copy, Debug)]
pub struct PhotoLimits {
    pub max_bytes: usize,
    pub max_side: u32,
    pub max_pixels: u64,
    pub min_width: u32,
}

impl Default for PhotoLimits {
    fn default() -> PhotoLimits {
        PhotoLimits {
            max_bytes: 15 * 1024 * 1024,
            max_side: 10_000,
            max_pixels: 40_000_000,
            min_width: PHOTO_WIDTHS[1],
        }
    }
}

/// Why a photo was refused, in words a producer can act on.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than {max_mb} MB: export the photo at a smaller size")]
    TooLarge { max_mb: usize },
    #[error("this is not a JPEG, PNG or WebP photo")]
    UnsupportedFormat,
    #[error(
        "the photo is {width} × {height} pixels; at most {max_side} pixels a side and {max_megapixels} megapixels are accepted"
    )]
    TooManyPixels { width: u32, height: u32, max_side: u32, max_megapixels: u64 },
    #[error("the photo is {width} pixels wide; at least {min_width} are needed for a sharp listing page")]
    TooSmall { width: u32, min_width: u32 },
    #[error("the file is damaged or incomplete: export the photo again")]
    Corrupt,
    /// Resizing or encoding failed on a photo that decoded: a bug or a
    /// resource problem, logged where it happens.
    #[error("the photo could not be processed: try again, or export it as JPEG")]
    Processing,
}

/// A format recognised from the first bytes of a file, whatever its name says.
pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    match bytes {
        [0xFF, 0xD8, 0xFF, ..] => Some(ImageFormat::Jpeg),
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some(ImageFormat::Png),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some(ImageFormat::WebP),
        _ => None,
    }
}

/// One stored width of a photo, in both formats.
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub webp: Vec<u8>,
    pub jpeg: Vec<u8>,
}

/// The upright photo's size and its variants, widest first.
pub struct ProcessedPhoto {
    pub width: u32,
    pub height: u32,
    pub variants: Vec<Variant>,
}

const JPEG_QUALITY: u8 = 82;
const WEBP_QUALITY: f32 = 80.0;

/// Runs the whole pipeline on an uploaded file.
pub fn process(bytes: &[u8], limits: &PhotoLimits) -> Result<ProcessedPhoto, PhotoError> {
    if bytes.is_empty() {
        return Err(PhotoError::Empty);
    }
    if bytes.len() > limits.max_bytes {
        return Err(PhotoError::TooLarge { max_mb: limits.max_bytes / (1024 * 1024) });
    }
    let format = sniff(bytes).ok_or(PhotoError::UnsupportedFormat)?;
    if !is_complete(bytes, format) {
        return Err(PhotoError::Corrupt);
    }
    let (width, height) =
        ImageReader::with_format(Cursor::new(bytes), format).into_dimensions().map_err(|_| PhotoError::Corrupt)?;
    if width > limits.max_side || height > limits.max_side || u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(PhotoError::TooManyPixels {
            width,
            height,
            max_side: limits.max_side,
            max_megapixels: limits.max_pixels / 1_000_000,
        });
    }
    let upright = decode_upright(bytes, format, limits, (width, height))?;
    if upright.width() < limits.min_width {
        return Err(PhotoError::TooSmall { width: upright.width(), min_width: limits.min_width });
    }
    let rgb = flatten_onto_white(upright);
    let (width, height) = rgb.dimensions();
    Ok(ProcessedPhoto { width, height, variants: variants(rgb)? })
}

/// Every stored width that fits in the picture, widest first, as WebP and
/// JPEG. Each smaller width is resized from the previous one.
pub fn variants(rgb: RgbImage) -> Result<Vec<Variant>, PhotoError> {
    let (width, height) = rgb.dimensions();
    let mut source = Image::from_vec_u8(width, height, rgb.into_raw(), PixelType::U8x3).map_err(|err| {
        tracing::error!(%err, "pixel buffer does not match the picture's size");
        PhotoError::Processing
    })?;
    let mut resizer = Resizer::new();
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    let mut variants = Vec::new();
    for target in PHOTO_WIDTHS.iter().rev().copied().filter(|w| *w <= width) {
        let resized = if target == source.width() {
            source
        } else {
            let mut resized = Image::new(target, scaled_height(width, height, target), PixelType::U8x3);
            resizer.resize(&source, &mut resized, &options).map_err(|err| {
                tracing::error!(%err, target, "resize failed");
                PhotoError::Processing
            })?;
            resized
        };
        variants.push(encode(resized.buffer(), target, resized.height())?);
        source = resized;
    }
    Ok(variants)
}

/// The height of a `target`-wide copy, rounded as `PhotoRef::height_at` does.
fn scaled_height(width: u32, height: u32, target: u32) -> u32 {
    PhotoRef { base: String::new(), width, height }.height_at(target).max(1)
}

/// Whether the file reaches its format's end. JPEG decoders quietly fill a
/// cut-off scan with grey, so a truncated upload must be caught here: an
/// end-of-image marker must follow the first start-of-scan (entropy-coded data
/// escapes 0xFF, so it cannot appear there by accident; what a phone appends
/// after the image, such as a motion photo's video, does not matter).
fn is_complete(bytes: &[u8], format: ImageFormat) -> bool {
    match format {
        ImageFormat::Jpeg => first_scan(bytes).is_some_and(|scan| bytes[scan..].windows(2).any(|w| w == [0xFF, 0xD9])),
        ImageFormat::WebP => {
            let declared = bytes.get(4..8).map(|n| u32::from_le_bytes([n[0], n[1], n[2], n[3]]) as usize);
            declared.is_some_and(|size| bytes.len() >= size.saturating_add(8))
        }
        // The PNG decoder checks chunk lengths and CRCs and fails on a cut file.
        _ => true,
    }
}

/// Offset of the first start-of-scan marker, found by walking the header
/// segments by their lengths (so an EXIF thumbnail's markers are skipped).
fn first_scan(bytes: &[u8]) -> Option<usize> {
    let mut at = 2;
    loop {
        let marker = *bytes.get(at + 1).filter(|_| bytes.get(at) == Some(&0xFF))?;
        match marker {
            0xDA => return Some(at),
            0xFF => at += 1,
            0x01 | 0xD0..=0xD7 => at += 2,
            _ => {
                let length = u16::from_be_bytes([*bytes.get(at + 2)?, *bytes.get(at + 3)?]) as usize;
                at += 2 + length;
            }
        }
    }
}

fn decode_upright(
    bytes: &[u8],
    format: ImageFormat,
    limits: &PhotoLimits,
    (width, height): (u32, u32),
) -> Result<DynamicImage, PhotoError> {
    let too_many = || PhotoError::TooManyPixels {
        width,
        height,
        max_side: limits.max_side,
        max_megapixels: limits.max_pixels / 1_000_000,
    };
    let failed = |err: image::ImageError| match err {
        image::ImageError::Limits(_) => too_many(),
        _ => PhotoError::Corrupt,
    };
    let mut decoder =
        ImageReader::with_format(Cursor::new(bytes), format).into_decoder().map_err(|_| PhotoError::Corrupt)?;
    let mut decode_limits = Limits::default();
    decode_limits.max_image_width = Some(limits.max_side);
    decode_limits.max_image_height = Some(limits.max_side);
    decode_limits.max_alloc = Some(limits.max_pixels * 4 + 64 * 1024 * 1024);
    decoder.set_limits(decode_limits).map_err(failed)?;
    let orientation = decoder.orientation().map_err(failed)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(failed)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// RGB pixels; transparent areas become white, as on a product sheet.
fn flatten_onto_white(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    let (width, height) = rgba.dimensions();
    RgbImage::from_fn(width, height, |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let blend = |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        image::Rgb([blend(r), blend(g), blend(b)])
    })
}

fn encode(rgb: &[u8], width: u32, height: u32) -> Result<Variant, PhotoError> {
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY)
        .encode(rgb, width, height, image::ExtendedColorType::Rgb8)
        .map_err(|err| {
        tracing::error!(%err, width, height, "JPEG encoding failed");
        PhotoError::Processing
    })?;
    let webp = webp::Encoder::from_rgb(rgb, width, height)
        .encode_simple(false, WEBP_QUALITY)
        .map_err(|err| {
            tracing::error!(?err, width, height, "WebP encoding failed");
            PhotoError::Processing
        })?
        .to_vec();
    Ok(Variant { width, height, webp, jpeg })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
        let image = RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
        let mut bytes = Vec::new();
        DynamicImage::ImageRgb8(image).write_to(&mut Cursor::new(&mut bytes), format).expect("encode");
        bytes
    }

    /// CRC-32 as PNG chunks use it, so a doctored header still looks valid.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }

    #[test]
    fn sniffs_by_content_not_name() {
        assert_eq!(sniff(&photo(8, 8, ImageFormat::Jpeg)), Some(ImageFormat::Jpeg));
        assert_eq!(sniff(&photo(8, 8, ImageFormat::Png)), Some(ImageFormat::Png));
        assert_eq!(sniff(b"GIF89a......"), None);
        assert_eq!(sniff(b"just some text pretending to be a .jpg"), None);
    }

    #[test]
    fn makes_every_width_that_fits_in_both_formats() {
        let result = process(&photo(1500, 1000, ImageFormat::Jpeg), &PhotoLimits::default()).expect("processed");
        assert_eq!((result.width, result.height), (1500, 1000));
        let sizes: Vec<(u32, u32)> = result.variants.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, vec![(1280, 853), (640, 427), (320, 213)]);
        for variant in &result.variants {
            assert_eq!(sniff(&variant.jpeg), Some(ImageFormat::Jpeg));
            assert_eq!(sniff(&variant.webp), Some(ImageFormat::WebP));
            let decoded = image::load_from_memory(&variant.webp).expect("valid webp");
            assert_eq!((decoded.width(), decoded.height()), (variant.width, variant.height));
        }
    }

    #[test]
    fn refuses_text_truncated_files_and_bombs_with_reasons() {
        let limits = PhotoLimits::default();
        assert_eq!(process(b"", &limits).err(), Some(PhotoError::Empty));
        assert_eq!(process(b"hello, I am a .jpg", &limits).err(), Some(PhotoError::UnsupportedFormat));
        let jpeg = photo(800, 600, ImageFormat::Jpeg);
        assert_eq!(process(&jpeg[..jpeg.len() / 3], &limits).err(), Some(PhotoError::Corrupt));
        assert_eq!(process(&jpeg[..jpeg.len() - 2], &limits).err(), Some(PhotoError::Corrupt));
        let mut motion = jpeg.clone();
        motion.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x08, 0x12, 0x34, 0xFF, 0xD8]);
        assert!(process(&motion, &limits).is_ok(), "data after the image (a motion photo's video) is fine");
        let png = photo(800, 600, ImageFormat::Png);
        assert_eq!(process(&png[..png.len() / 2], &limits).err(), Some(PhotoError::Corrupt));
        // A PNG header declaring 50,000 × 50,000 pixels: refused before decoding.
        let mut bomb = photo(1, 1, ImageFormat::Png);
        bomb[16..20].copy_from_slice(&50_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&50_000u32.to_be_bytes());
        let crc = crc32(&bomb[12..29]);
        bomb[29..33].copy_from_slice(&crc.to_be_bytes());
        assert!(matches!(process(&bomb, &limits), Err(PhotoError::TooManyPixels { width: 50_000, .. })));
        let small = PhotoLimits { max_bytes: 1024, ..limits };
        assert_eq!(process(&jpeg, &small).err(), Some(PhotoError::TooLarge { max_mb: 0 }));
        assert!(matches!(process(&photo(300, 200, ImageFormat::Png), &limits), Err(PhotoError::TooSmall { .. })));
    }

    #[test]
    fn transparency_becomes_white() {
        let clear = image::RgbaImage::from_pixel(2, 1, image::Rgba([0, 0, 0, 0]));
        let rgb = flatten_onto_white(DynamicImage::ImageRgba8(clear));
        assert_eq!(rgb.get_pixel(0, 0).0, [255, 255, 255]);
    }
}
