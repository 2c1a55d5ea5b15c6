//! The diagram rendered headless, through the same painter as the canvas, tessellated by
//! egui and rasterised on the CPU: pixel probes that fail for real faults (a pain-point
//! card without its badge, an emotion curve that is not drawn, a layer toggle ignored).

use egui::emath::TSTransform;
use egui::{Color32, Pos2, vec2};
use kaidan::export::{self, Furniture, Placement, Request, Size};
use kaidan::i18n::Lang;
use kaidan::layout::{self, Metrics, Scene};
use kaidan::model::{Journey, Moment, StepId};
use kaidan::paint::{Layers, Theme, face};

/// Renders `journey` with `layers` as the canvas lays it out, through the export's pipeline
/// without legend or title, and returns the image, the scene and diagram units → pixels.
fn render(journey: &Journey, layers: Layers) -> (image::RgbaImage, Scene, TSTransform) {
    let canvas = layout::layout_with(journey, layers.layout_options(Metrics::SCREEN));
    let request = Request {
        area: Some(canvas.bounds),
        layers,
        furniture: Furniture {
            legend: false,
            title: false,
        },
        ..Request::new(
            Size::Pixels {
                width: 1920,
                height: 1200,
            },
            Lang::Ja,
            "",
        )
    };
    let image = export::render(journey, &request).expect("render");
    let Placement {
        scene,
        to_page,
        ppp,
        ..
    } = export::placement(journey, &request).expect("placement");
    assert_eq!(scene, canvas, "an area export keeps the canvas's layout");
    let to_pixels = TSTransform::new(to_page.translation * ppp, to_page.scaling * ppp);
    (image, scene, to_pixels)
}

fn pixel(image: &image::RgbaImage, p: Pos2) -> Color32 {
    let [red, green, blue, alpha] = image.get_pixel(p.x.round() as u32, p.y.round() as u32).0;
    Color32::from_rgba_unmultiplied(red, green, blue, alpha)
}

fn close(a: Color32, b: Color32) -> bool {
    a.to_array()
        .iter()
        .zip(b.to_array())
        .all(|(x, y)| x.abs_diff(y) <= 12)
}

fn pain_point(j: &Journey) -> StepId {
    j.steps
        .iter()
        .find(|s| s.emotion.moment == Some(Moment::PainPoint) && s.emotion.valence == Some(-2))
        .expect("the example has a −2 pain point")
        .id
}

#[test]
fn a_pain_point_card_carries_its_badge_and_the_curve_its_point() {
    let j = kaidan::bundled::TEINEI.load().expect("example");
    let id = pain_point(&j);
    // The initiative lanes are not what this is about (they shrink the fitted journey).
    let layers = Layers {
        initiatives: false,
        ..Layers::default()
    };
    let (canvas, scene, to_screen) = render(&j, layers);
    let theme = Theme::light();

    // The badge: a vermillion warning triangle on the card's top-right corner; probe its
    // body to the left of the exclamation mark.
    let card = scene.card(id).expect("card").rect;
    let badge = to_screen * (card.right_top() + vec2(-2.0, -2.0));
    let size = 18.0 * to_screen.scaling;
    let body = badge + vec2(-size * 0.25, size * 0.2);
    assert!(
        close(pixel(&canvas, body), theme.descend),
        "badge at {body:?} is {:?}",
        pixel(&canvas, body)
    );

    // The curve: the step's point, filled with the −2 colour.
    let lane = scene.lane.as_ref().expect("lane");
    let point = lane.points.iter().find(|p| p.step == id).expect("a point");
    let at = to_screen * point.pos;
    assert!(
        close(pixel(&canvas, at), face::valence_colour(-2)),
        "point at {at:?} is {:?}",
        pixel(&canvas, at)
    );
    // And a curve segment: the middle of a main-path segment is in the link colour.
    let seg = lane
        .segments
        .iter()
        .find(|s| s.main && !s.descending && (s.to.x - s.from.x) > 60.0)
        .expect("a segment");
    let mid = to_screen * (seg.from + (seg.to - seg.from) * 0.5);
    assert!(
        close(pixel(&canvas, mid), theme.link),
        "curve at {mid:?} is {:?}",
        pixel(&canvas, mid)
    );
}

#[test]
fn a_descending_step_on_the_curve_is_dashed_in_the_descend_colour() {
    let j = kaidan::bundled::TEINEI.load().expect("example");
    let (canvas, scene, to_screen) = render(&j, Layers::default());
    let lane = scene.lane.as_ref().expect("lane");
    let seg = lane
        .segments
        .iter()
        .find(|s| s.descending && (s.to - s.from).length() > 60.0)
        .expect("a descending segment");
    let descend = Theme::light().descend;
    let (mut on, mut off) = (0, 0);
    // Sample the middle half of the segment, away from the points at its ends.
    for k in 0..=60 {
        let f = 0.25 + 0.5 * k as f32 / 60.0;
        let p = to_screen * (seg.from + (seg.to - seg.from) * f);
        if close(pixel(&canvas, p), descend) {
            on += 1;
        } else {
            off += 1;
        }
    }
    assert!(
        on > 10 && off > 5,
        "dashes and gaps along it: {on} on, {off} off"
    );
}

#[test]
fn turning_the_emotion_layers_off_removes_badges_and_the_lane() {
    let j = kaidan::bundled::TEINEI.load().expect("example");
    let id = pain_point(&j);
    let off = Layers {
        emotions: false,
        curve: false,
        ..Layers::default()
    };
    let (canvas, scene, to_screen) = render(&j, off);
    assert!(scene.lane.is_none(), "no lane laid out");
    let card = scene.card(id).expect("card").rect;
    let badge = to_screen * (card.right_top() + vec2(-2.0, -2.0));
    let size = 18.0 * to_screen.scaling;
    let body = badge + vec2(-size * 0.25, size * 0.2);
    assert!(
        !close(pixel(&canvas, body), Theme::light().descend),
        "no badge without the layer"
    );
}

#[test]
fn the_nps_bar_and_the_heat_tint_are_drawn_in_the_nps_colours() {
    use kaidan::paint::nps::{DETRACTOR, PROMOTER, nps_colour};
    let j = kaidan::bundled::TEINEI.load().expect("example");
    let stats = kaidan::nps::stats(&j);
    let latest = stats.last().expect("the example has survey waves");
    // 価格改定で続けるか迷う: two thirds detractors. 家族や友人に勧める: 58 % promoters.
    let (pricing, referral) = (StepId(32), StepId(34));
    assert!(latest.steps[&pricing].summary.detractors > 0.6);
    assert!(latest.steps[&referral].summary.promoters > 0.55);

    let (canvas, scene, to_screen) = render(&j, Layers::default());
    let strip = |id| scene.card(id).and_then(|c| c.strip).expect("an NPS strip");
    // The bar runs along the strip's second row, detractors first.
    let bar_y = strip(pricing).bottom() - 7.0;
    let start = to_screen * Pos2::new(strip(pricing).left() + 9.0, bar_y);
    assert!(
        close(pixel(&canvas, start), DETRACTOR),
        "{:?}",
        pixel(&canvas, start)
    );
    let late = to_screen
        * Pos2::new(
            strip(referral).left() + 70.0,
            strip(referral).bottom() - 7.0,
        );
    assert!(
        close(pixel(&canvas, late), PROMOTER),
        "{:?}",
        pixel(&canvas, late)
    );

    // Heat mode fills the card with its NPS colour; without it the card is white.
    let body = |scene: &Scene, id| {
        let card = scene.card(id).expect("card");
        to_screen * Pos2::new(card.rect.left() + 3.5, card.body().center().y)
    };
    assert!(close(pixel(&canvas, body(&scene, pricing)), Color32::WHITE));
    let heat = Layers {
        nps_heat: true,
        ..Layers::default()
    };
    let (canvas, scene, _) = render(&j, heat);
    let want = nps_colour(latest.steps[&pricing].summary.nps);
    let got = pixel(&canvas, body(&scene, pricing));
    assert!(close(got, want), "{got:?} should be {want:?}");
    assert!(!close(want, Color32::WHITE), "the tint is visible");
}

#[test]
fn a_band_of_several_lanes_reads_as_one_level() {
    // On the canvas the example's steps two units apart stack into two lanes per level:
    // one tint and one label across both lanes, an edge between levels and none between
    // lanes.
    let j = kaidan::bundled::TEINEI.load().expect("example");
    let (image, scene, to_pixels) = render(&j, Layers::default());
    let x = scene.plot.right() - 4.0;
    let mut checked = 0;
    for band in scene.levels.iter().filter(|b| b.lanes > 1) {
        assert_eq!(
            band.label_rect.y_range(),
            band.rect.y_range(),
            "one label across the lanes"
        );
        let mut tops: Vec<f32> = scene
            .cards
            .iter()
            .filter(|c| band.rect.contains_rect(c.rect))
            .map(|c| c.rect.top())
            .collect();
        tops.sort_by(f32::total_cmp);
        tops.dedup();
        let Some(&second) = tops.get(1) else {
            continue;
        };
        let first_bottom = scene
            .cards
            .iter()
            .filter(|c| (c.rect.top() - tops[0]).abs() < 1e-3 && band.rect.contains_rect(c.rect))
            .map(|c| c.rect.bottom())
            .fold(f32::NEG_INFINITY, f32::max);
        let between = pixel(
            &image,
            to_pixels * egui::pos2(x, f32::midpoint(first_bottom, second)),
        );
        let inside = pixel(&image, to_pixels * egui::pos2(x, tops[0] + 10.0));
        assert_eq!(
            between, inside,
            "no line between the lanes of level {}",
            band.index
        );
        let edge = to_pixels * egui::pos2(x, band.rect.top());
        let line = (-2..=2).map(|dy| pixel(&image, edge + vec2(0.0, dy as f32)));
        assert!(
            line.clone().any(|p| p != inside),
            "the level's edge shows (tint or line): {:?} vs {inside:?}",
            line.collect::<Vec<_>>()
        );
        checked += 1;
    }
    assert!(
        checked >= 3,
        "the example has bands of two lanes ({checked})"
    );
}

#[test]
fn dashes_stay_visible_in_small_type() {
    // 「批判者 (0–6)」 at the sizes of legends and axis labels: the en dash (and the em dash,
    // the minus) must leave ink between the digits. BIZ UDPGothic's own en dash vanished
    // below about 12 px.
    use egui::{Align2, FontId, RawInput, Rect, ViewportId, ViewportInfo, pos2};
    let ctx = egui::Context::default();
    ctx.set_fonts(kaidan::fonts::definitions());
    let mut textures = export::raster::Textures::new();
    let screen = Rect::from_min_size(Pos2::ZERO, vec2(200.0, 40.0));
    let input = || RawInput {
        screen_rect: Some(screen),
        viewports: std::iter::once((
            ViewportId::ROOT,
            ViewportInfo {
                native_pixels_per_point: Some(1.0),
                ..Default::default()
            },
        ))
        .collect(),
        ..Default::default()
    };
    for dash in ['–', '—', '−'] {
        for size in [9.0, 10.0, 11.0, 12.5] {
            let text = format!("0{dash}6");
            let mut galley = None;
            let mut output = None;
            for _ in 0..2 {
                let mut o = ctx.run_ui(input(), |ui| {
                    let painter = ui.painter();
                    painter.rect_filled(screen, 0.0, Color32::WHITE);
                    let at = painter.text(
                        pos2(4.3, 10.6),
                        Align2::LEFT_TOP,
                        &text,
                        FontId::proportional(size),
                        Color32::BLACK,
                    );
                    galley = Some(at);
                });
                textures.apply(&mut o.textures_delta);
                output = Some(o);
            }
            let output = output.expect("a frame");
            let primitives = ctx.tessellate(output.shapes, 1.0);
            let mut canvas = export::raster::Canvas::new(200, 40, Color32::WHITE);
            export::raster::paint(&mut canvas, &textures, &primitives, 1.0);
            let image = canvas.into_rgba_image();
            // Between the digits: the middle third of the text's width, its whole height.
            let rect = galley.expect("laid out");
            let (x0, x1) = (
                rect.left() + rect.width() * 0.4,
                rect.left() + rect.width() * 0.6,
            );
            let darkest = (x0 as u32..=x1 as u32)
                .flat_map(|x| (rect.top() as u32..=rect.bottom() as u32).map(move |y| (x, y)))
                .map(|(x, y)| image.get_pixel(x, y)[0])
                .min()
                .unwrap_or(255);
            assert!(
                darkest < 160,
                "{text} at {size} px: the dash is not drawn (darkest {darkest})"
            );
        }
    }
}
