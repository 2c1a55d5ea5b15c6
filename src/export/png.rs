//! PNG encoding of exported slides: small files, fast, on every core, byte for byte the same
//! on any machine.
//!
//! A slide is mostly flat colour with anti-aliased edges and text, so what matters is the
//! DEFLATE work. Rows are not filtered (PNG filter type 0): a run of one colour is then a
//! repeated 3-byte pattern that LZ77 finds as readily as the zeros of a filtered row, and on
//! slides this was both the fastest and, at this level, the smallest choice (libpng's adaptive
//! heuristic gained 1–6 % on sparse slides, lost 25 % on dense ones, and cost more time than
//! the compression). The image is cut into bands of [`BAND_ROWS`] rows, each compressed on its
//! own by zlib-rs at [`LEVEL`] and ending in a sync flush so that the bands, concatenated,
//! make one valid DEFLATE stream (as `pigz` does). The worker threads take bands one at a
//! time; the band boundaries never depend on the number of threads, so the bytes never do.
//! A band restarts the compressor's dictionary, which costs a fraction of a percent in size.
//!
//! An image whose pixels are all opaque (every export on a white page) is written as RGB, a
//! quarter less data to compress; it decodes to the same pixels.
//!
//! `cargo bench --bench export -- encode` times it against the encoder before it, `image`'s
//! at default compression (level 6, adaptive filters, RGBA; there with zlib-rs too, since
//! this crate switches `flate2` to it, where it was `miniz_oxide`).

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Rows compressed as one piece: small enough that two threads share the work of
/// a slide whose bottom half is blank, large enough that restarting the dictionary costs little.
const BAND_ROWS: usize = 128;

/// zlib-rs compression level. On 4K slides of 200 to 20,000 steps: level 2 gave files 5–7 %
/// larger for a quarter less time, level 6 2–10 % smaller for about twice the time.
const LEVEL: u32 = 3;

/// Why a PNG could not be encoded.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    /// PNG has no empty images.
    #[error("an image of {width}×{height} pixels has no pixels to encode")]
    Empty {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// The compressor failed (only on a bug: it works in memory).
    #[error("compression failed: {0}")]
    Deflate(String),
}

/// Encodes straight-alpha RGBA8 pixels (`width * height * 4` bytes, row by row) as a PNG, on
/// every core the machine offers.
pub fn encode(rgba: &[u8], width: u32, height: u32) -> Result<Vec<u8>, PngError> {
    let threads = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    encode_with_threads(rgba, width, height, threads)
}

/// [`encode`] with an explicit number of worker threads (the bytes never depend on it).
pub(crate) fn encode_with_threads(
    rgba: &[u8],
    width: u32,
    height: u32,
    threads: usize,
) -> Result<Vec<u8>, PngError> {
    let (w, h) = (width as usize, height as usize);
    if w == 0 || h == 0 || rgba.len() != w * h * 4 {
        return Err(PngError::Empty { width, height });
    }
    let opaque = rgba.chunks_exact(4).all(|px| px[3] == 255);
    let bpp = if opaque { 3 } else { 4 };
    let n_bands = h.div_ceil(BAND_ROWS);
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let band = next.fetch_add(1, Ordering::Relaxed);
            if band >= n_bands {
                break done;
            }
            let rows = band * BAND_ROWS..((band + 1) * BAND_ROWS).min(h);
            let last = rows.end == h;
            done.push((band, compress_band(rgba, w, rows, bpp, last)));
        }
    };
    let threads = threads.clamp(1, n_bands);
    let mut bands: Vec<(usize, Result<Band, PngError>)> = if threads == 1 {
        work()
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
            let mut all = work();
            for handle in handles {
                all.extend(
                    handle
                        .join()
                        .unwrap_or_else(|e| std::panic::resume_unwind(e)),
                );
            }
            all
        })
    };
    bands.sort_by_key(|(band, _)| *band);

    let compressed: usize = bands
        .iter()
        .map(|(_, b)| b.as_ref().map_or(0, |b| b.deflate.len()))
        .sum();
    let mut png = Vec::with_capacity(compressed + 1024);
    png.extend_from_slice(b"\x89PNG\r\n\x1a\n");
    let mut ihdr = [0; 13];
    ihdr[..4].copy_from_slice(&width.to_be_bytes());
    ihdr[4..8].copy_from_slice(&height.to_be_bytes());
    // 8 bits per channel, truecolour (2) or truecolour with alpha (6); deflate, filter
    // method 0 (every row uses type 0), no interlace.
    ihdr[8] = 8;
    ihdr[9] = if opaque { 2 } else { 6 };
    chunk(&mut png, *b"IHDR", &[&ihdr]);
    // zlib header: deflate with a 32 KiB window, "fast" level, no dictionary; the check bits
    // make 0x785E a multiple of 31.
    let mut adler: Option<u32> = None;
    let n = bands.len();
    for (i, (_, band)) in bands.into_iter().enumerate() {
        let band = band?;
        adler = Some(match adler {
            None => band.adler,
            Some(a) => adler32_combine(a, band.adler, band.raw_len),
        });
        let header: &[u8] = if i == 0 { &[0x78, 0x5E] } else { &[] };
        let trailer = if i + 1 == n {
            adler.unwrap_or(1).to_be_bytes()
        } else {
            [0; 4]
        };
        let trailer: &[u8] = if i + 1 == n { &trailer } else { &[] };
        chunk(&mut png, *b"IDAT", &[header, &band.deflate, trailer]);
    }
    chunk(&mut png, *b"IEND", &[]);
    Ok(png)
}

/// One band, compressed.
struct Band {
    /// Raw DEFLATE blocks, ending in a sync flush (or the final block for the last band).
    deflate: Vec<u8>,
    /// Adler-32 of the scanline bytes.
    adler: u32,
    /// How many scanline bytes.
    raw_len: usize,
}

/// Compresses the rows `rows` of the image as PNG scanlines (filter type 0, then the pixels),
/// one row at a time through a reused buffer, so a band costs no more memory than its
/// compressed bytes. Ends with a sync flush (byte-aligned, not final), or with the final
/// block if `last`.
fn compress_band(
    rgba: &[u8],
    width: usize,
    rows: std::ops::Range<usize>,
    bpp: usize,
    last: bool,
) -> Result<Band, PngError> {
    use flate2::{Compress, Compression, FlushCompress};
    let mut compressor = Compress::new(Compression::new(LEVEL), false);
    let mut adler = simd_adler32::Adler32::new();
    let mut row = Vec::with_capacity(width * bpp + 1);
    let mut out = Vec::with_capacity(64 * 1024);
    let mut raw_len = 0;
    for y in rows {
        let src = &rgba[y * width * 4..(y + 1) * width * 4];
        row.clear();
        row.push(0);
        if bpp == 4 {
            row.extend_from_slice(src);
        } else {
            row.extend(src.chunks_exact(4).flat_map(|px| [px[0], px[1], px[2]]));
        }
        adler.write(&row);
        raw_len += row.len();
        deflate(&mut compressor, &row, &mut out, FlushCompress::None)?;
    }
    let flush = if last {
        FlushCompress::Finish
    } else {
        FlushCompress::Sync
    };
    deflate(&mut compressor, &[], &mut out, flush)?;
    Ok(Band {
        deflate: out,
        adler: adler.finish(),
        raw_len,
    })
}

/// Feeds all of `data` to the compressor, appending what it gives to `out`; with a flush
/// other than `None`, until the flush is complete.
fn deflate(
    compressor: &mut flate2::Compress,
    data: &[u8],
    out: &mut Vec<u8>,
    flush: flate2::FlushCompress,
) -> Result<(), PngError> {
    use flate2::{FlushCompress, Status};
    let start = compressor.total_in();
    loop {
        if out.capacity() - out.len() < 4096 {
            out.reserve(out.capacity().max(64 * 1024));
        }
        let consumed = usize::try_from(compressor.total_in() - start).unwrap_or(data.len());
        let status = compressor
            .compress_vec(&data[consumed.min(data.len())..], out, flush)
            .map_err(|e| PngError::Deflate(e.to_string()))?;
        let all_in = compressor.total_in() - start == data.len() as u64;
        match status {
            Status::StreamEnd => break,
            // Input alone is done when it all went in; a flush when, besides, the output
            // was not filled up.
            _ if all_in && (flush == FlushCompress::None || out.len() < out.capacity()) => {
                break;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Appends a PNG chunk whose data is the concatenation of `parts`.
fn chunk(png: &mut Vec<u8>, kind: [u8; 4], parts: &[&[u8]]) {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    png.extend_from_slice(&u32::try_from(len).unwrap_or(u32::MAX).to_be_bytes());
    let mut crc = crc32fast::Hasher::new();
    crc.update(&kind);
    png.extend_from_slice(&kind);
    for part in parts {
        crc.update(part);
        png.extend_from_slice(part);
    }
    png.extend_from_slice(&crc.finalize().to_be_bytes());
}

/// The Adler-32 of two byte strings joined, from their own checksums and the second's length
/// (zlib's `adler32_combine`).
fn adler32_combine(first: u32, second: u32, second_len: usize) -> u32 {
    const BASE: u64 = 65_521;
    let rem = second_len as u64 % BASE;
    let (a1, b1) = (u64::from(first & 0xFFFF), u64::from(first >> 16));
    let (a2, b2) = (u64::from(second & 0xFFFF), u64::from(second >> 16));
    let a = (a1 + a2 + BASE - 1) % BASE;
    let b = (b1 + b2 + rem * a1 + BASE - rem) % BASE;
    ((b << 16) | a) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (xorshift).
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u8 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 >> 24) as u8
        }
    }

    /// A slide-like image: flat areas, a few lines, noise in one corner, and (if `alpha`)
    /// some translucent pixels.
    fn image(width: usize, height: usize, alpha: bool, seed: u64) -> Vec<u8> {
        let mut rng = Rng(seed);
        let mut px = Vec::with_capacity(width * height * 4);
        for y in 0..height {
            for x in 0..width {
                let noisy = x < width / 4 && y < height / 3;
                let rgb = if noisy {
                    [rng.next(), rng.next(), rng.next()]
                } else if y % 17 == 3 || x % 29 == 5 {
                    [30, 90, (x % 256) as u8]
                } else {
                    [255, 255, 255]
                };
                let a = if alpha && (x + y) % 5 == 0 {
                    rng.next()
                } else {
                    255
                };
                px.extend_from_slice(&[rgb[0], rgb[1], rgb[2], a]);
            }
        }
        px
    }

    fn decode(png: &[u8]) -> (Vec<u8>, u32, u32, image::ColorType) {
        let decoded =
            image::load_from_memory_with_format(png, image::ImageFormat::Png).expect("a valid PNG");
        let colour = decoded.color();
        let rgba = decoded.to_rgba8();
        let (w, h) = rgba.dimensions();
        (rgba.into_raw(), w, h, colour)
    }

    #[test]
    fn decodes_to_the_same_pixels_rgb_when_opaque_and_rgba_otherwise() {
        // Heights around the band size, and a single pixel.
        for (width, height) in [
            (1, 1),
            (7, 3),
            (333, BAND_ROWS - 1),
            (64, 2 * BAND_ROWS + 5),
        ] {
            for alpha in [false, true] {
                let pixels = image(width, height, alpha, 7 + width as u64);
                let png = encode(&pixels, width as u32, height as u32).expect("encode");
                let (back, w, h, colour) = decode(&png);
                assert_eq!((w, h), (width as u32, height as u32));
                assert!(
                    back == pixels,
                    "{width}×{height}, alpha {alpha}: pixels differ"
                );
                let expected = if pixels.chunks_exact(4).any(|px| px[3] != 255) {
                    image::ColorType::Rgba8
                } else {
                    image::ColorType::Rgb8
                };
                assert_eq!(colour, expected, "{width}×{height}, alpha {alpha}");
            }
        }
    }

    #[test]
    fn the_bytes_do_not_depend_on_the_number_of_threads() {
        let (width, height) = (200, 5 * BAND_ROWS + 17);
        let pixels = image(width, height, true, 3);
        let one = encode_with_threads(&pixels, width as u32, height as u32, 1).expect("1");
        for threads in [2, 3, 8] {
            let many = encode_with_threads(&pixels, width as u32, height as u32, threads)
                .expect("threads");
            assert!(one == many, "{threads} threads");
        }
    }

    #[test]
    fn random_pixels_round_trip() {
        let mut rng = Rng(99);
        let (width, height) = (50, 40);
        let mut pixels: Vec<u8> = (0..width * height * 4).map(|_| rng.next()).collect();
        for (i, px) in pixels.chunks_exact_mut(4).enumerate() {
            if i % 3 == 0 {
                px.copy_from_slice(&[10, 20, 30, 40]);
            }
        }
        let png = encode(&pixels, width as u32, height as u32).expect("encode");
        assert!(decode(&png).0 == pixels);
    }

    #[test]
    fn adler32_combines_like_one_pass() {
        let data: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = {
            let mut a = simd_adler32::Adler32::new();
            a.write(&data);
            a.finish()
        };
        for split in [0, 1, 5_552, 65_521, 65_522, 99_999, 100_000] {
            let part = |d: &[u8]| {
                let mut a = simd_adler32::Adler32::new();
                a.write(d);
                a.finish()
            };
            let (a, b) = data.split_at(split);
            assert_eq!(adler32_combine(part(a), part(b), b.len()), whole, "{split}");
        }
    }

    #[test]
    fn empty_or_wrong_sized_images_are_refused() {
        assert!(encode(&[], 0, 5).is_err());
        assert!(encode(&[0; 12], 2, 2).is_err());
    }
}
