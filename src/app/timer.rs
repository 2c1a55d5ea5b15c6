//! The workshop timer: a countdown (3, 5 or 10 minutes, plus a minute, pause and resume)
//! that flashes when it reaches zero. It is view state: not in the undo history, not saved.
//! Time comes in as a number of seconds (egui's clock), so tests drive it with a fake clock.

/// How long the timer flashes after reaching zero, in seconds.
pub const FLASH_SECS: f64 = 30.0;

/// The presets offered, in minutes.
pub const PRESETS: [u32; 3] = [3, 5, 10];

/// The countdown.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Timer {
    /// Not counting.
    #[default]
    Off,
    /// Counting down to `ends_at` (clock seconds).
    Running {
        /// When it reaches zero.
        ends_at: f64,
    },
    /// Paused with `left` seconds to go.
    Paused {
        /// Seconds left.
        left: f64,
    },
}

/// What the timer shows at a moment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shown {
    /// Nothing (off, or finished flashing).
    Nothing,
    /// Seconds left, and whether it is paused.
    Left {
        /// Whole seconds left, rounded up (a countdown shows 0:01 until it is over).
        secs: u64,
        /// Paused.
        paused: bool,
    },
    /// It reached zero `since` seconds ago: flash.
    Expired {
        /// Seconds since zero.
        since: f64,
    },
}

impl Timer {
    /// Starts a countdown of `minutes` from `now`.
    #[must_use]
    pub fn start(minutes: u32, now: f64) -> Self {
        Self::Running {
            ends_at: now + f64::from(minutes) * 60.0,
        }
    }

    /// One more minute (a finished timer starts a one-minute countdown).
    #[must_use]
    pub fn plus_minute(self, now: f64) -> Self {
        match self {
            Self::Running { ends_at } => Self::Running {
                ends_at: ends_at.max(now) + 60.0,
            },
            Self::Paused { left } => Self::Paused { left: left + 60.0 },
            Self::Off => Self::start(1, now),
        }
    }

    /// Pauses a running countdown, resumes a paused one; starts the middle preset when off.
    #[must_use]
    pub fn toggle(self, now: f64) -> Self {
        match self {
            Self::Running { ends_at } if ends_at > now => Self::Paused {
                left: ends_at - now,
            },
            Self::Paused { left } => Self::Running {
                ends_at: now + left,
            },
            Self::Running { .. } | Self::Off => Self::start(PRESETS[1], now),
        }
    }

    /// What to show at `now`.
    #[must_use]
    pub fn shown(self, now: f64) -> Shown {
        match self {
            Self::Paused { left } => Shown::Left {
                secs: left.max(0.0).ceil() as u64,
                paused: true,
            },
            Self::Running { ends_at } if ends_at > now => Shown::Left {
                secs: (ends_at - now).ceil() as u64,
                paused: false,
            },
            Self::Running { ends_at } if now - ends_at < FLASH_SECS => Shown::Expired {
                since: now - ends_at,
            },
            Self::Running { .. } | Self::Off => Shown::Nothing,
        }
    }

    /// Whether the next frame must come at a given time (counting or flashing).
    #[must_use]
    pub fn ticking(self, now: f64) -> bool {
        matches!(
            self.shown(now),
            Shown::Left { paused: false, .. } | Shown::Expired { .. }
        )
    }
}

/// `m:ss`.
#[must_use]
pub fn clock(secs: u64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_down_pauses_resumes_adds_a_minute_and_flashes_then_goes_quiet() {
        let t = Timer::start(3, 100.0);
        assert_eq!(
            t.shown(100.0),
            Shown::Left {
                secs: 180,
                paused: false
            }
        );
        assert_eq!(
            t.shown(100.5),
            Shown::Left {
                secs: 180,
                paused: false
            }
        );
        assert_eq!(
            t.shown(160.0),
            Shown::Left {
                secs: 120,
                paused: false
            }
        );
        let paused = t.toggle(160.0);
        assert_eq!(
            paused.shown(500.0),
            Shown::Left {
                secs: 120,
                paused: true
            }
        );
        let resumed = paused.toggle(500.0);
        assert_eq!(
            resumed.shown(560.0),
            Shown::Left {
                secs: 60,
                paused: false
            }
        );
        let longer = resumed.plus_minute(560.0);
        assert_eq!(
            longer.shown(560.0),
            Shown::Left {
                secs: 120,
                paused: false
            }
        );
        assert_eq!(longer.shown(680.0), Shown::Expired { since: 0.0 });
        assert!(longer.ticking(690.0));
        assert_eq!(longer.shown(680.0 + FLASH_SECS), Shown::Nothing);
        assert!(!longer.ticking(680.0 + FLASH_SECS));
        assert_eq!(clock(125), "2:05");
        // A finished timer: T starts the middle preset again, +1 a one-minute one.
        assert_eq!(longer.toggle(700.0), Timer::start(5, 700.0));
        assert_eq!(Timer::Off.plus_minute(0.0), Timer::start(1, 0.0));
    }
}
