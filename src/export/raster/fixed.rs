//! Fixed-point arithmetic shared by the stages: vertex positions in 1/256 pixel, exact floor
//! division for the edge walk, and the triangle area that orients a triangle.
//!
//! Fixed point makes coverage exact and the same on every machine: two triangles sharing an
//! edge agree on every pixel centre, which floating point cannot promise.

/// Sub-pixel precision of vertex positions, in bits (as on most GPUs).
pub(super) const SUB_BITS: u32 = 8;
/// One pixel in fixed point.
pub(super) const SUB: i64 = 1 << SUB_BITS;
/// Half a pixel in fixed point: pixel centres sit at `x * SUB + HALF`.
pub(super) const HALF: i64 = SUB / 2;
/// Vertices must lie within this many fixed-point units of the origin (2²¹ pixels), which keeps
/// every edge-function product well inside `i64`.
pub(super) const COORD_LIMIT: f32 = (1_i64 << (21 + SUB_BITS)) as f32;

/// `⌊x⌋` without a libm call (the baseline x86-64 target has no rounding instruction).
/// Saturates for huge values; NaN gives 0.
#[inline]
pub(super) fn floor_i64(x: f32) -> i64 {
    let t = x as i64;
    t - i64::from((t as f32) > x)
}

/// `(⌊k / n⌋, k mod n)` for `n > 0`, exactly, for `|k| < 2⁶²`.
///
/// Estimates the quotient with a floating-point division, much faster than `i64` division on
/// common CPUs, then corrects it: the estimate is off by a few units at most.
#[inline]
pub(super) fn div_floor(k: i64, n: i64) -> (i64, i64) {
    let mut q = (k as f64 / n as f64) as i64;
    let mut r = k - q * n;
    while r < 0 {
        q -= 1;
        r += n;
    }
    while r >= n {
        q += 1;
        r -= n;
    }
    (q, r)
}

/// Twice the signed area of a fixed-point triangle; positive when its edge functions are
/// positive inside.
pub(super) fn doubled_area([a, b, c]: [[i32; 2]; 3]) -> i64 {
    let d = |p: [i32; 2], q: [i32; 2], i: usize| i64::from(q[i]) - i64::from(p[i]);
    d(a, b, 0) * d(a, c, 1) - d(a, b, 1) * d(a, c, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::raster::testing::Rng;

    #[test]
    fn div_floor_is_exact() {
        let mut rng = Rng(0x1234_5678_9abc_def1);
        let mut cases = vec![
            (0, 1),
            (-1, 1),
            (-1, 256),
            (255, 256),
            (256, 256),
            (-256, 256),
        ];
        for _ in 0..20_000 {
            let k = rng.range(-(1 << 61), 1 << 61) >> rng.range(0, 60);
            let n = rng.range(1, 1 << 38) >> rng.range(0, 37);
            cases.push((k, n.max(1)));
        }
        for (k, n) in cases {
            assert_eq!(
                div_floor(k, n),
                (k.div_euclid(n), k.rem_euclid(n)),
                "{k} / {n}"
            );
        }
    }
}
