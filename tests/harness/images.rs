//! Image files for upload tests: real photos, and the bad files the upload
//! route must refuse (truncated, text, a PNG declaring 50,000 × 50,000 pixels).

use std::io::Cursor;

use image::{ImageFormat, Rgb, RgbImage};

/// A JPEG photo of `width` × `height` with a gradient (so it compresses like a photo).
pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    encode(width, height, ImageFormat::Jpeg)
}

/// A PNG of `width` × `height`.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    encode(width, height, ImageFormat::Png)
}

fn encode(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8]));
    let mut bytes = Cursor::new(Vec::new());
    image.write_to(&mut bytes, format).expect("encode test image");
    bytes.into_inner()
}

/// The first half of a real JPEG.
pub fn truncated_jpeg() -> Vec<u8> {
    let mut bytes = jpeg(800, 600);
    bytes.truncate(bytes.len() / 2);
    bytes
}

/// A small valid PNG whose header claims 50,000 × 50,000 pixels (with a
/// correct CRC, so only the dimension check can refuse it).
pub fn png_bomb() -> Vec<u8> {
    let mut bomb = png(16, 16);
    bomb[16..20].copy_from_slice(&50_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&50_000u32.to_be_bytes());
    let crc = crc32(&bomb[12..29]);
    bomb[29..33].copy_from_slice(&crc.to_be_bytes());
    bomb
}

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
