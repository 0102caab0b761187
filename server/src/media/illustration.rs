//! Drawn product illustrations for the demo catalogue, so a card reads as
//! its product family at a glance: bottles for oils and argan, jars for
//! honey and preserves, a crate of fruit, stacked sardine tins, rolls of
//! fabric, a vase or a rug, a gear, a turbine, sacks, bricks, capsules and a
//! circuit board. Shapes are signed distance fields, anti-aliased, on a lit
//! studio backdrop with a floor and a soft shadow: no file is stored in the
//! repository, every picture is drawn at seed time.

use app::domain::Sector;
use image::{Rgb, RgbImage};

type Colour = [u8; 3];

fn mix(a: Colour, b: Colour, t: f32) -> Colour {
    let t = t.clamp(0.0, 1.0);
    [0, 1, 2].map(|i| (f32::from(a[i]) * (1.0 - t) + f32::from(b[i]) * t).round() as u8)
}

fn lighter(c: Colour, t: f32) -> Colour {
    mix(c, [255, 255, 255], t)
}

fn darker(c: Colour, t: f32) -> Colour {
    mix(c, [20, 18, 16], t)
}

/// A picture being drawn, in pixels.
struct Canvas {
    image: RgbImage,
}

impl Canvas {
    /// Fills the inside of `distance` (negative inside, in pixels) with a
    /// colour that may vary across the shape, anti-aliased over a pixel,
    /// visiting only the bounding box `(x0, y0, x1, y1)`.
    fn fill(
        &mut self,
        bounds: (f32, f32, f32, f32),
        distance: impl Fn(f32, f32) -> f32,
        colour: impl Fn(f32, f32) -> Colour,
    ) {
        let (w, h) = self.image.dimensions();
        let x0 = bounds.0.floor().max(0.0) as u32;
        let y0 = bounds.1.floor().max(0.0) as u32;
        let x1 = (bounds.2.ceil().max(0.0) as u32).min(w);
        let y1 = (bounds.3.ceil().max(0.0) as u32).min(h);
        for y in y0..y1 {
            for x in x0..x1 {
                let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
                let coverage = (0.5 - distance(px, py)).clamp(0.0, 1.0);
                if coverage > 0.0 {
                    let pixel = self.image.get_pixel_mut(x, y);
                    pixel.0 = mix(pixel.0, colour(px, py), coverage);
                }
            }
        }
    }

    /// A rounded rectangle centred on `(cx, cy)`, half-size `(hx, hy)`,
    /// shaded like a cylinder from left to right when `round` is set.
    fn rect(&mut self, (cx, cy): (f32, f32), (hx, hy): (f32, f32), radius: f32, colour: Colour, round: bool) {
        let r = radius.min(hx).min(hy);
        self.fill(
            (cx - hx - 1.0, cy - hy - 1.0, cx + hx + 1.0, cy + hy + 1.0),
            |x, y| {
                let qx = (x - cx).abs() - (hx - r);
                let qy = (y - cy).abs() - (hy - r);
                (qx.max(0.0).hypot(qy.max(0.0))) + qx.max(qy).min(0.0) - r
            },
            |x, _| if round { cylinder(colour, (x - cx) / hx) } else { colour },
        );
    }

    /// A cylinder lying on its side (a roll of fabric): shaded top to bottom.
    fn roll(&mut self, (cx, cy): (f32, f32), (hx, hy): (f32, f32), colour: Colour) {
        self.fill(
            (cx - hx - 1.0, cy - hy - 1.0, cx + hx + 1.0, cy + hy + 1.0),
            |x, y| ((x - cx).abs() - hx).max((y - cy).abs() - hy),
            |_, y| cylinder(colour, (y - cy) / hy),
        );
    }

    /// An ellipse centred on `(cx, cy)` with radii `(rx, ry)`, lit from the
    /// top left like a sphere when `round` is set.
    fn ellipse(&mut self, (cx, cy): (f32, f32), (rx, ry): (f32, f32), colour: Colour, round: bool) {
        self.fill(
            (cx - rx - 1.0, cy - ry - 1.0, cx + rx + 1.0, cy + ry + 1.0),
            |x, y| ((x - cx) / rx).hypot((y - cy) / ry).mul_add(rx.min(ry), -rx.min(ry)),
            |x, y| {
                if round {
                    let d = ((x - cx) / rx + 0.35).hypot((y - cy) / ry + 0.4);
                    mix(lighter(colour, 0.45), darker(colour, 0.25), d / 1.6)
                } else {
                    colour
                }
            },
        );
    }

    /// A thick segment from `a` to `b`, with round ends.
    fn line(&mut self, a: (f32, f32), b: (f32, f32), half_width: f32, colour: Colour) {
        let bounds = (
            a.0.min(b.0) - half_width - 1.0,
            a.1.min(b.1) - half_width - 1.0,
            a.0.max(b.0) + half_width + 1.0,
            a.1.max(b.1) + half_width + 1.0,
        );
        self.fill(
            bounds,
            |x, y| {
                let (dx, dy) = (b.0 - a.0, b.1 - a.1);
                let t = (((x - a.0) * dx + (y - a.1) * dy) / (dx * dx + dy * dy).max(1e-6)).clamp(0.0, 1.0);
                (x - a.0 - t * dx).hypot(y - a.1 - t * dy) - half_width
            },
            |_, _| colour,
        );
    }
}

/// A colour shaded across a cylinder: `across` from -1 (left) to 1 (right).
fn cylinder(colour: Colour, across: f32) -> Colour {
    let highlight = 1.0 - ((across + 0.45).abs() * 2.2).min(1.0);
    let edge = across.abs().powi(4);
    darker(lighter(colour, 0.35 * highlight), 0.35 * edge)
}

/// The studio: a lit backdrop, a floor, and a soft shadow under the subject.
fn backdrop(width: u32, height: u32, tint: Colour, shadow: (f32, f32, f32)) -> RgbImage {
    let (w, h) = (width as f32, height as f32);
    let lit = lighter(tint, 0.6);
    let floor = darker(tint, 0.08);
    let horizon = h * 0.74;
    RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        let light = (fx - w * 0.3).hypot(fy - h * 0.15) / w.max(h);
        let mut colour = mix(lit, tint, light * 1.3);
        if fy > horizon {
            colour = mix(floor, darker(floor, 0.12), (fy - horizon) / (h - horizon));
        }
        let (sx, sy, sr) = shadow;
        let d = ((fx - sx) / sr).hypot((fy - sy) / (sr * 0.16));
        if d < 1.0 {
            colour = mix(colour, [40, 36, 30], 0.32 * (1.0 - d).powf(0.7));
        }
        Rgb(colour)
    })
}

/// What a sector's products look like, in its colours.
#[derive(Clone, Copy)]
enum Family {
    Bottles,
    Jars,
    FruitCrate,
    Tins,
    FabricRolls,
    Pottery,
    Rug,
    Gear,
    Turbine,
    Sacks,
    Bricks,
    Capsules,
    CircuitBoard,
}

fn family(sector: Sector, variant: usize) -> (Family, Colour, Colour) {
    match sector {
        Sector::Agrifood if variant.is_multiple_of(2) => (Family::Bottles, [214, 168, 48], [236, 226, 204]),
        Sector::Agrifood => (Family::Jars, [196, 120, 36], [238, 226, 204]),
        Sector::FreshProduce => (
            Family::FruitCrate,
            if variant.is_multiple_of(2) { [236, 128, 30] } else { [206, 52, 40] },
            [222, 234, 208],
        ),
        Sector::Fishery => (Family::Tins, [40, 96, 150], [210, 226, 236]),
        Sector::CosmeticsArgan => (Family::Bottles, [176, 110, 34], [240, 228, 210]),
        Sector::Crafts if variant.is_multiple_of(2) => (Family::Pottery, [178, 84, 50], [238, 224, 208]),
        Sector::Crafts => (Family::Rug, [168, 48, 44], [236, 226, 212]),
        Sector::TextileLeather => (Family::FabricRolls, [46, 90, 140], [232, 218, 204]),
        Sector::SocialEconomy => (Family::Jars, [222, 160, 40], [230, 232, 214]),
        Sector::Automotive => (Family::Gear, [92, 102, 116], [222, 226, 232]),
        Sector::Aeronautics => (Family::Turbine, [120, 132, 150], [218, 228, 240]),
        Sector::Phosphates => (Family::Sacks, [214, 200, 168], [236, 232, 222]),
        Sector::BuildingMaterials => (Family::Bricks, [182, 92, 62], [232, 226, 218]),
        Sector::Pharmaceuticals => (Family::Capsules, [40, 140, 128], [228, 238, 236]),
        Sector::Electronics => (Family::CircuitBoard, [30, 110, 70], [222, 226, 234]),
    }
}

/// A product illustration of `sector`'s family, `variant` changing the
/// arrangement, at `width` × `height` pixels.
pub fn draw(sector: Sector, variant: usize, width: u32, height: u32) -> RgbImage {
    let (family, main, tint) = family(sector, variant);
    let (w, h) = (width as f32, height as f32);
    // The subject stands on the floor, centred, sized by the shorter side.
    let u = w.min(h) / 80.0;
    let (cx, floor) = (w * 0.5, h * 0.85);
    let mut canvas = Canvas { image: backdrop(width, height, tint, (cx, floor, 34.0 * u)) };
    let c = &mut canvas;
    let label = lighter(tint, 0.75);
    let accent = darker(main, 0.45);
    match family {
        Family::Bottles => {
            let count = 2 + variant % 2;
            for i in 0..count {
                let x = cx + (i as f32 - (count - 1) as f32 / 2.0) * 22.0 * u;
                let tall = if i % 2 == 0 { 1.0 } else { 0.82 };
                let (bh, bw) = (24.0 * u * tall, 8.5 * u);
                let body_y = floor - bh;
                c.rect((x, body_y), (bw, bh), 3.0 * u, main, true);
                c.rect((x, body_y - bh - 5.0 * u), (3.0 * u, 6.0 * u), 1.0 * u, main, true);
                c.ellipse((x, body_y - bh + 1.0 * u), (bw, 4.0 * u), main, false);
                c.rect((x, body_y - bh - 12.0 * u), (3.6 * u, 2.6 * u), 0.8 * u, darker(main, 0.55), true);
                c.rect((x, body_y + 2.0 * u), (bw * 0.98, 8.0 * u), 0.5 * u, label, true);
                c.rect((x, body_y + 2.0 * u), (bw * 0.7, 1.2 * u), 0.5 * u, accent, false);
            }
        }
        Family::Jars => {
            for (i, dx) in [-20.0_f32, 0.0, 20.0].iter().enumerate().take(2 + variant % 2) {
                let x = cx + dx * u - if variant.is_multiple_of(2) { -10.0 * u } else { 0.0 };
                let (bw, bh) = (9.5 * u, 12.0 * u);
                let y = floor - bh;
                c.rect((x, y), (bw, bh), 3.0 * u, if i == 1 { lighter(main, 0.15) } else { main }, true);
                c.rect((x, y - bh - 2.0 * u), (bw * 1.02, 3.0 * u), 1.2 * u, darker(tint, 0.55), true);
                c.rect((x, y + 1.0 * u), (bw * 0.98, 5.5 * u), 0.5 * u, label, true);
                c.ellipse((x, y + 1.0 * u), (3.0 * u, 3.0 * u), accent, false);
            }
        }
        Family::FruitCrate => {
            let (hw, hh) = (30.0 * u, 11.0 * u);
            let top = floor - 2.0 * hh;
            for (i, x) in (0..7).map(|i| (i, cx - hw + 5.0 * u + i as f32 * 8.3 * u)) {
                let y = top - 1.0 * u - if i % 2 == 0 { 0.0 } else { 2.5 * u };
                c.ellipse((x, y), (5.0 * u, 5.0 * u), main, true);
            }
            for i in 0..5 {
                let x = cx - hw + 8.0 * u + i as f32 * 11.5 * u;
                c.ellipse((x, top - 7.0 * u), (5.0 * u, 5.0 * u), lighter(main, 0.08), true);
            }
            let wood = [196, 150, 96];
            c.rect((cx, floor - hh), (hw, hh), 1.2 * u, wood, false);
            for slat in 0..3 {
                let y = top + 3.5 * u + slat as f32 * 7.0 * u;
                c.rect((cx, y), (hw - 1.5 * u, 2.4 * u), 0.6 * u, lighter(wood, 0.15), false);
            }
            c.rect((cx - hw + 1.5 * u, floor - hh), (1.5 * u, hh), 0.5 * u, darker(wood, 0.25), false);
            c.rect((cx + hw - 1.5 * u, floor - hh), (1.5 * u, hh), 0.5 * u, darker(wood, 0.25), false);
        }
        Family::Tins => {
            for level in 0..3 {
                let x = cx + if level % 2 == 0 { 0.0 } else { 3.0 * u } - (variant % 2) as f32 * 2.0 * u;
                let y = floor - 4.5 * u - level as f32 * 9.5 * u;
                c.rect((x, y), (24.0 * u, 4.5 * u), 3.0 * u, [196, 202, 210], true);
                c.rect((x, y), (23.6 * u, 3.0 * u), 2.0 * u, main, false);
                c.rect((x - 6.0 * u, y), (8.0 * u, 1.4 * u), 0.6 * u, label, false);
            }
            let top = floor - 33.5 * u;
            c.ellipse((cx + 14.0 * u, top), (3.2 * u, 1.6 * u), darker([196, 202, 210], 0.3), false);
            c.ellipse((cx + 14.0 * u, top), (2.0 * u, 0.8 * u), [196, 202, 210], false);
        }
        Family::FabricRolls => {
            let colours = [main, [184, 62, 52], [214, 170, 60]];
            let spots = [(-15.0_f32, 0.0_f32), (15.0, 0.0), (0.0, 1.0)];
            for (i, (dx, row)) in spots.iter().enumerate() {
                let colour = colours[(i + variant) % 3];
                let y = floor - 8.0 * u - row * 14.5 * u;
                let x = cx + dx * u;
                c.roll((x, y), (13.0 * u, 7.5 * u), colour);
                c.ellipse((x + 13.0 * u, y), (2.8 * u, 7.5 * u), lighter(colour, 0.2), false);
                c.ellipse((x + 13.0 * u, y), (1.6 * u, 4.5 * u), darker(colour, 0.2), false);
                c.ellipse((x + 13.0 * u, y), (0.7 * u, 1.8 * u), [80, 60, 40], false);
            }
        }
        Family::Pottery => {
            let x = cx + if variant.is_multiple_of(4) { -8.0 * u } else { 0.0 };
            c.ellipse((x, floor - 16.0 * u), (17.0 * u, 16.0 * u), main, true);
            c.rect((x, floor - 34.0 * u), (6.0 * u, 5.0 * u), 1.0 * u, main, true);
            c.ellipse((x, floor - 39.0 * u), (9.0 * u, 2.2 * u), darker(main, 0.2), false);
            c.ellipse((x, floor - 39.0 * u), (6.0 * u, 1.2 * u), darker(main, 0.5), false);
            for band in [-4.0_f32, 1.0] {
                c.rect((x, floor - 16.0 * u + band * u), (16.5 * u, 0.8 * u), 0.4 * u, lighter(tint, 0.6), false);
            }
            c.ellipse((x + 26.0 * u, floor - 5.0 * u), (9.0 * u, 5.0 * u), lighter(main, 0.1), true);
        }
        Family::Rug => {
            let (hw, hh) = (32.0 * u, 26.0 * u);
            let y = floor - hh - 2.0 * u;
            c.rect((cx, y), (hw, hh), 0.6 * u, main, false);
            c.rect((cx, y), (hw - 3.0 * u, hh - 3.0 * u), 0.4 * u, lighter(tint, 0.5), false);
            c.rect((cx, y), (hw - 5.0 * u, hh - 5.0 * u), 0.4 * u, main, false);
            for i in -2..=2 {
                let d = i as f32 * 9.0 * u;
                c.line((cx - 6.0 * u + d, y), (cx + d, y - 7.0 * u), 1.0 * u, [236, 200, 120]);
                c.line((cx + d, y - 7.0 * u), (cx + 6.0 * u + d, y), 1.0 * u, [236, 200, 120]);
                c.line((cx - 6.0 * u + d, y), (cx + d, y + 7.0 * u), 1.0 * u, [30, 40, 60]);
                c.line((cx + d, y + 7.0 * u), (cx + 6.0 * u + d, y), 1.0 * u, [30, 40, 60]);
            }
            for i in 0..12 {
                let x = cx - hw + 2.0 * u + i as f32 * 5.5 * u;
                c.line((x, y + hh), (x, y + hh + 3.0 * u), 0.5 * u, lighter(tint, 0.5));
            }
        }
        Family::Gear => {
            let (x, y, r) = (cx - 6.0 * u, floor - 24.0 * u, 18.0 * u);
            let teeth = 10 + variant % 3;
            c.fill(
                (x - r - 5.0 * u, y - r - 5.0 * u, x + r + 5.0 * u, y + r + 5.0 * u),
                |px, py| {
                    let (dx, dy) = (px - x, py - y);
                    let angle = dy.atan2(dx);
                    let tooth = ((angle * teeth as f32 / 2.0).sin() * 2.5).clamp(-1.0, 1.0);
                    dx.hypot(dy) - (r + 2.2 * u * tooth)
                },
                |px, py| {
                    mix(
                        lighter(main, 0.35),
                        darker(main, 0.2),
                        ((px - x + r) / (2.0 * r) + (py - y + r) / (2.0 * r)) / 2.0,
                    )
                },
            );
            c.ellipse((x, y), (r * 0.62, r * 0.62), darker(main, 0.15), false);
            c.ellipse((x, y), (r * 0.3, r * 0.3), tint, false);
            c.rect((cx + 22.0 * u, floor - 6.0 * u), (4.0 * u, 6.0 * u), 1.0 * u, darker(main, 0.1), true);
            c.rect((cx + 22.0 * u, floor - 18.0 * u), (1.8 * u, 7.0 * u), 0.6 * u, lighter(main, 0.2), true);
        }
        Family::Turbine => {
            let (x, y, r) = (cx, floor - 26.0 * u, 22.0 * u);
            c.ellipse((x, y), (r, r), darker(main, 0.3), false);
            c.ellipse((x, y), (r * 0.9, r * 0.9), lighter(tint, 0.2), false);
            let blades = 12 + variant % 4;
            for i in 0..blades {
                let a = i as f32 / blades as f32 * std::f32::consts::TAU;
                let (s, co) = a.sin_cos();
                c.line(
                    (x + co * r * 0.25, y + s * r * 0.25),
                    (x + co * r * 0.86, y + s * r * 0.86 + 2.0 * u),
                    1.6 * u,
                    main,
                );
            }
            c.ellipse((x, y), (r * 0.28, r * 0.28), lighter(main, 0.1), true);
            c.rect((x, floor - 2.0 * u), (8.0 * u, 2.0 * u), 0.6 * u, darker(main, 0.3), false);
        }
        Family::Sacks => {
            for (dx, row) in [(-13.0_f32, 0.0_f32), (13.0, 0.0), (0.0, 1.0)] {
                let x = cx + dx * u;
                let y = floor - 10.0 * u - row * 16.0 * u;
                c.rect((x, y), (12.0 * u, 10.0 * u), 5.0 * u, main, true);
                c.ellipse((x, y - 9.5 * u), (5.0 * u, 2.0 * u), darker(main, 0.25), false);
                c.rect((x, y + 1.0 * u), (7.0 * u, 3.0 * u), 0.6 * u, label, false);
            }
        }
        Family::Bricks => {
            for row in 0..4 {
                let y = floor - 3.5 * u - row as f32 * 7.2 * u;
                let shift = if row % 2 == 0 { 0.0 } else { 7.0 * u };
                for col in -2..2 {
                    let x = cx + shift + col as f32 * 14.2 * u + 7.0 * u;
                    if (x - cx).abs() > 30.0 * u {
                        continue;
                    }
                    c.rect(
                        (x, y),
                        (6.8 * u, 3.4 * u),
                        0.8 * u,
                        if (row + col + variant as i32).rem_euclid(3) == 0 { lighter(main, 0.12) } else { main },
                        false,
                    );
                }
            }
        }
        Family::Capsules => {
            let x = cx - 14.0 * u;
            c.rect((x, floor - 15.0 * u), (10.0 * u, 15.0 * u), 2.5 * u, [244, 244, 240], true);
            c.rect((x, floor - 33.0 * u), (8.0 * u, 3.5 * u), 1.0 * u, main, true);
            c.rect((x, floor - 14.0 * u), (9.8 * u, 6.0 * u), 0.5 * u, main, false);
            c.rect((x, floor - 14.0 * u), (6.0 * u, 1.0 * u), 0.4 * u, label, false);
            for i in 0..4 {
                let px = cx + 6.0 * u + (i % 2) as f32 * 12.0 * u;
                let py = floor - 3.0 * u - (i / 2) as f32 * 7.0 * u;
                c.rect((px - 2.8 * u, py), (3.2 * u, 2.6 * u), 2.6 * u, main, true);
                c.rect((px + 2.8 * u, py), (3.2 * u, 2.6 * u), 2.6 * u, [240, 240, 236], true);
            }
        }
        Family::CircuitBoard => {
            let (hw, hh) = (30.0 * u, 20.0 * u);
            let y = floor - hh - 2.0 * u;
            c.rect((cx, y), (hw, hh), 1.5 * u, main, false);
            for i in 0..6 {
                let ty = y - 15.0 * u + i as f32 * 6.0 * u;
                c.line(
                    (cx - hw + 3.0 * u, ty),
                    (cx + hw - 3.0 * u, ty + if i % 2 == 0 { 0.0 } else { 3.0 * u }),
                    0.5 * u,
                    [196, 170, 90],
                );
            }
            c.rect((cx - 8.0 * u, y), (9.0 * u, 9.0 * u), 1.0 * u, [34, 36, 40], false);
            for pin in 0..6 {
                let py = y - 7.0 * u + pin as f32 * 2.8 * u;
                c.rect((cx - 18.0 * u, py), (1.2 * u, 0.5 * u), 0.2 * u, [200, 200, 206], false);
                c.rect((cx + 2.0 * u, py), (1.2 * u, 0.5 * u), 0.2 * u, [200, 200, 206], false);
            }
            c.rect((cx + 16.0 * u, y - 8.0 * u), (6.0 * u, 4.0 * u), 0.8 * u, [34, 36, 40], false);
            c.ellipse((cx + 16.0 * u, y + 8.0 * u), (4.0 * u, 4.0 * u), [60, 60, 70], true);
        }
    }
    canvas.image
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sector_draws_a_subject_at_the_requested_size() {
        for sector in Sector::ALL {
            for variant in 0..2 {
                let image = draw(*sector, variant, 320, 240);
                assert_eq!(image.dimensions(), (320, 240));
                let corner = image.get_pixel(2, 2).0;
                let differing =
                    image.pixels().filter(|p| p.0.iter().zip(corner).any(|(a, b)| a.abs_diff(b) > 40)).count();
                assert!(
                    differing > 320 * 240 / 20,
                    "{sector:?} {variant}: a subject covers part of the picture ({differing} px)"
                );
            }
        }
    }

    /// `TRADEMA_ILLUSTRATIONS=/tmp/sheet.png cargo test -p server illustration`
    /// writes every sector's two variants side by side, to look at them.
    #[test]
    fn contact_sheet_when_asked() {
        let Ok(path) = std::env::var("TRADEMA_ILLUSTRATIONS") else {
            println!("skipped: set TRADEMA_ILLUSTRATIONS=<file.png> to write the contact sheet");
            return;
        };
        let (w, h) = (320, 240);
        let mut sheet = RgbImage::new(w * 4, h * Sector::ALL.len().div_ceil(2) as u32);
        for (i, sector) in Sector::ALL.iter().enumerate() {
            for variant in 0..2 {
                let tile = draw(*sector, variant, w, h);
                let x = ((i % 2) * 2 + variant) as u32 * w;
                let y = (i / 2) as u32 * h;
                image::imageops::replace(&mut sheet, &tile, i64::from(x), i64::from(y));
            }
        }
        sheet.save(path).expect("write the contact sheet");
    }

    #[test]
    fn families_differ_between_sectors() {
        let oil = draw(Sector::Agrifood, 0, 160, 120);
        let tins = draw(Sector::Fishery, 0, 160, 120);
        let differing = oil.pixels().zip(tins.pixels()).filter(|(a, b)| a.0 != b.0).count();
        assert!(differing > 160 * 120 / 3, "different pictures, not recoloured copies ({differing})");
    }
}
