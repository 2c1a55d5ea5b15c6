//! Sizes of the diagram in diagram units (points at zoom 1): one place to tune the look.

/// Horizontal distance for one unit of time.
pub const UNIT_T: f32 = 60.0;
/// Card size.
pub const CARD_W: f32 = 140.0;
/// Card height.
pub const CARD_H: f32 = 58.0;
/// Height added under a card for its NPS badge and stacked bar.
pub const NPS_STRIP_H: f32 = 32.0;
/// Vertical space between stacked cards in a level band, and around them.
pub const LANE_GAP: f32 = 14.0;
/// Horizontal space kept between cards in the same lane.
pub const CARD_GAP: f32 = 10.0;
/// Height of the phase header row at the top.
pub const HEADER_H: f32 = 40.0;
/// Width of the gutter at the left: the affinity-axis label, then the level labels.
pub const GUTTER_W: f32 = 190.0;
/// Width of the strip at the far left holding the (rotated) affinity-axis label.
pub const AXIS_LABEL_W: f32 = 28.0;
/// Room below the bands for the time axis and its label.
pub const AXIS_H: f32 = 44.0;
/// Margin around the plot inside the bands.
pub const PAD_T: f32 = 30.0;
/// Horizontal stub a connector runs before entering its target's left edge.
pub const STUB: f32 = 14.0;
/// Font size of card titles.
pub const TITLE_SIZE: f32 = 15.0;
/// Font size of labels (levels, phases, links, axes).
pub const LABEL_SIZE: f32 = 14.0;
