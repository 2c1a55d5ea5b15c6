//! Export without a window or GPU: the diagram's epaint shapes, tessellated by egui and
//! rasterised on the CPU (see [`raster`]). The PNG export itself comes with its own issue;
//! the rasteriser is here first because UI snapshot tests use it too.

pub mod raster;
