//! Stable identifiers: ids are never array indices and never reused within a journey.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub u64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    };
}

id_type!(
    /// Identifies a [`crate::model::Step`]; shown as `s7`.
    StepId,
    "s"
);
id_type!(
    /// Identifies an affinity [`crate::model::Level`]; shown as `l3`.
    LevelId,
    "l"
);
id_type!(
    /// Identifies a [`crate::model::Phase`]; shown as `p2`.
    PhaseId,
    "p"
);
id_type!(
    /// Identifies a [`crate::model::Department`]; shown as `d5`.
    DepartmentId,
    "d"
);
