//! The diagram rendered headless, through the same painter as the canvas, tessellated by
//! egui and rasterised on the CPU: pixel probes that fail for real faults (a pain-point
//! card without its badge, an emotion curve that is not drawn, a layer toggle ignored).

use egui::emath::TSTransform;
use egui::{Color32, Context, LayerId, Pos2, RawInput, Rect, vec2};
use kaidan::export::raster::{Canvas, Textures, paint as raster};
use kaidan::layout::{self, Scene};
use kaidan::model::{Journey, Moment, StepId};
use kaidan::paint::{self, Labels, Layers, Theme, View, face};
use std::collections::BTreeSet;

const SIZE: (u32, u32) = (1920, 1200);

fn screen() -> Rect {
    Rect::from_min_size(Pos2::ZERO, vec2(SIZE.0 as f32, SIZE.1 as f32))
}

fn fit(content: Rect) -> TSTransform {
    let s = screen();
    let zoom = (s.width() / content.width()).min(s.height() / content.height());
    TSTransform::new(
        s.center().to_vec2() - content.center().to_vec2() * zoom,
        zoom,
    )
}

/// Renders `journey` with `layers` and returns the image and the transform used.
fn render(journey: &Journey, layers: Layers) -> (Canvas, Scene, TSTransform) {
    let ctx = Context::default();
    ctx.set_fonts(kaidan::fonts::definitions());
    let scene = layout::layout_with(journey, layers.layout_options());
    let stats = kaidan::nps::stats(journey);
    let to_screen = fit(scene.bounds);
    let theme = Theme::light();
    let selected = BTreeSet::new();
    let view = View {
        to_screen,
        theme: &theme,
        labels: Labels {
            time_axis: "時間（不可逆）→",
            affinity_axis: "ブランドとの距離・好意度 ↑",
            emotion_lane: "感情曲線",
        },
        selected: &selected,
        hovered: None,
        layers,
        japanese: true,
        wave: stats.last(),
    };
    let mut textures = Textures::new();
    let mut canvas = Canvas::new(SIZE.0, SIZE.1, theme.background);
    // Two passes: the first builds the font atlas, the second draws with it.
    for _ in 0..2 {
        let input = RawInput {
            screen_rect: Some(screen()),
            ..Default::default()
        };
        let mut output = ctx.run_pass(input, |ctx| {
            let painter = ctx.layer_painter(LayerId::background());
            paint::paint(&painter, journey, &scene, &view);
        });
        textures.apply(&mut output.textures_delta);
        let primitives =
            ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
        canvas = Canvas::new(SIZE.0, SIZE.1, theme.background);
        raster(&mut canvas, &textures, &primitives, output.pixels_per_point);
    }
    (canvas, scene, to_screen)
}

fn pixel(canvas: &Canvas, p: Pos2) -> Color32 {
    let (x, y) = (p.x.round() as usize, p.y.round() as usize);
    let i = (y * canvas.width as usize + x) * 4;
    let px = &canvas.pixels[i..i + 4];
    Color32::from_rgba_premultiplied(px[0], px[1], px[2], px[3])
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
    let (canvas, scene, to_screen) = render(&j, Layers::default());
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
    use kaidan::paint::survey::{DETRACTOR, PROMOTER, nps_colour};
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
