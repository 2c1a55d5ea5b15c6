//! `Option<T>` written as a plain `T` (`valence: 1`, not `valence: Some(1)`), for readable
//! files; absent means `None` (with `default` and `skip_serializing_if`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[allow(clippy::ref_option)] // serde's `with` passes the field by reference
/// Writes `Some(v)` as `v` (a `None` is skipped by the field's `skip_serializing_if`).
pub fn serialize<T: Serialize, S: Serializer>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => v.serialize(s),
        None => s.serialize_none(),
    }
}

/// Reads a plain `T` as `Some(T)` (an absent field is `None` by the field's `default`).
pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}
