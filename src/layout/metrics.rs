//! Sizes of the diagram in diagram units (points at zoom 1), per density: one place to tune
//! the look.
//!
//! Two densities share one layout and one painter:
//! - [`Metrics::SCREEN`] for editing on the canvas, where the user zooms: roomy cards with
//!   two-line titles and small secondary text.
//! - [`Metrics::SLIDE`] for a projected slide: every text at least 14 units, so a diagram
//!   fitted at zoom ≥ 1 stays readable from the back of a workshop room (secondary details
//!   such as channel icons and emotion faces are left to the emotion-curve lane).

/// Sizes of one density.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metrics {
    /// Horizontal distance for one unit of time.
    pub unit_t: f32,
    /// Card width.
    pub card_w: f32,
    /// Card height without the NPS strip.
    pub card_h: f32,
    /// Height added under a card for its NPS badge and stacked bar.
    pub nps_strip_h: f32,
    /// Vertical space between stacked cards in a level band, and around them.
    pub lane_gap: f32,
    /// Horizontal space kept between cards in the same lane.
    pub card_gap: f32,
    /// Height of the phase header row at the top.
    pub header_h: f32,
    /// Width of the gutter at the left: the affinity-axis label, then the level labels.
    pub gutter_w: f32,
    /// Width of the strip at the far left holding the (rotated) affinity-axis label.
    pub axis_label_w: f32,
    /// Room below the bands for the time axis and its label.
    pub axis_h: f32,
    /// Margin around the plot inside the bands.
    pub pad_t: f32,
    /// Height of the emotion-curve lane.
    pub emotion_lane_h: f32,
    /// Font size of card titles.
    pub title_size: f32,
    /// Rows a card title may take before it ends in an ellipsis.
    pub title_rows: usize,
    /// Font size of labels (levels, phases, axes).
    pub label_size: f32,
    /// Font size of secondary text: link labels, level descriptions, NPS figures, ticks.
    pub small_size: f32,
    /// Draw the channel icon and the emotion face (with its name) on each card. A slide
    /// leaves them out for a wider title: the emotion-curve lane carries the same valence.
    pub card_marks: bool,
    /// Every card as tall as its whole title (up to [`super::fit::STATEMENT_ROWS`] rows)
    /// instead of `title_rows` and an ellipsis: a deck's phase slides, where each step's
    /// words are read.
    pub whole_titles: bool,
}

impl Metrics {
    /// The canvas: roomy cards, zoomable.
    pub const SCREEN: Self = Self {
        unit_t: 60.0,
        card_w: 140.0,
        card_h: 58.0,
        nps_strip_h: 32.0,
        lane_gap: 14.0,
        card_gap: 10.0,
        header_h: 40.0,
        gutter_w: 190.0,
        axis_label_w: 28.0,
        axis_h: 44.0,
        pad_t: 30.0,
        emotion_lane_h: 130.0,
        title_size: 15.0,
        title_rows: 2,
        label_size: 14.0,
        small_size: 11.0,
        card_marks: true,
        whole_titles: false,
    };

    /// A projected slide: no text under 14 units, compact cards, tight gaps. The export
    /// chooses `unit_t` to fit the page (see `export`).
    pub const SLIDE: Self = Self {
        unit_t: 60.0,
        card_w: 96.0,
        card_h: 62.0,
        nps_strip_h: 36.0,
        lane_gap: 6.0,
        card_gap: 6.0,
        header_h: 30.0,
        gutter_w: 124.0,
        axis_label_w: 24.0,
        axis_h: 36.0,
        pad_t: 12.0,
        emotion_lane_h: 84.0,
        title_size: 15.0,
        title_rows: 3,
        label_size: 15.0,
        small_size: 14.0,
        card_marks: false,
        whole_titles: false,
    };

    /// Font size of link labels (the triggers on connectors).
    #[must_use]
    pub fn link_label_size(&self) -> f32 {
        self.small_size.max(self.label_size - 1.0)
    }

    /// The smallest text the diagram draws, in diagram units.
    #[must_use]
    pub fn smallest_text(&self) -> f32 {
        self.small_size.min(self.title_size).min(self.label_size)
    }
}

/// Horizontal stub a connector runs before entering its target's left edge.
pub const STUB: f32 = 14.0;
