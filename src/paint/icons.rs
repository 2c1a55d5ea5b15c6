//! Channel icons: one glyph per touchpoint channel, from the bundled fonts (crisp at any
//! zoom and in export, no image assets).

use crate::model::Channel;

/// The glyph drawn for a channel on a card.
#[must_use]
pub fn channel_glyph(channel: Channel) -> &'static str {
    match channel {
        Channel::Web => "🌐",
        Channel::Sns => "💬",
        Channel::Email => "✉",
        Channel::Ad => "📢",
        Channel::Store => "🏪",
        Channel::CallCentre => "☎",
        Channel::Event => "📅",
        Channel::ProductUse => "📦",
        Channel::Other => "●",
    }
}
