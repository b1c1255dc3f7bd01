//! The timeline's drawing: the SVG the server wrote (all there is with JavaScript off: each bar's
//! `<title>` and link). An island: in the browser it gains a details card for the bar under the
//! pointer or the keyboard focus, and dragging across it zooms into that stretch (the window goes
//! in the URL, like the zoom links). The SVG comes as children, so it is in the page once.
use leptos::prelude::*;

use model::{TIMELINE_WIDTH, TimelineOptions};

/// A drag shorter than this (in drawing units, of 1,200) is a click.
const DRAG_AT_LEAST: f64 = 8.0;

#[island]
pub fn TimelineDrawing(
    /// Where x maps to time: (x, millis) at the window's ends and each collapsed stretch's edges.
    scale: Vec<(f32, i64)>,
    /// The timeline's URL, and the options the zoomed view keeps.
    base: String,
    options: TimelineOptions,
    /// The server's SVG, in its `.timeline-svg-holder`.
    children: Children,
) -> impl IntoView {
    let card = RwSignal::new(None::<String>);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    // The drag's start and current x, in drawing units.
    let drag = RwSignal::new(None::<(f64, f64)>);
    let dragged = StoredValue::new(false);
    let drawing = NodeRef::<leptos::html::Div>::new();
    let units =
        move |event: &leptos::ev::MouseEvent| drawing.get_untracked().and_then(|div| browser::units(&div, event));
    let zoom_to = move |(a, b): (f64, f64)| {
        let (from, to) = (time_at(&scale, a.min(b)), time_at(&scale, a.max(b)));
        if to > from {
            let query =
                TimelineOptions { window: Some((from, to)), ..options.clone() }.query_string(crate::urls::encode);
            browser::go_to(&format!("{base}?{query}"));
        }
    };
    let selection = move || {
        drag.get().filter(|_| dragged.get_value()).map(|(a, b)| {
            let (left, width) = (a.min(b), (a - b).abs());
            format!("left: {}; width: {}", percent(left), percent(width))
        })
    };
    view! {
        <p class="timeline-card" aria-live="polite">
            {move || match card.get() {
                Some(text) => text,
                None if hydrated.get() => "Point at a bar (or tab to it) for its details; drag across the drawing to zoom in.".to_string(),
                None => "Each bar's details are in its tooltip; the links above zoom and pan.".to_string(),
            }}
        </p>
        <div class="timeline-drawing">
        <div
            class="timeline-frame"
            node_ref=drawing
            on:mousedown=move |event| {
                if event.button() == 0 && let Some(x) = units(&event) {
                    event.prevent_default();
                    dragged.set_value(false);
                    drag.set(Some((x, x)));
                }
            }
            on:mousemove=move |event| {
                card.set(browser::bar_title(&event));
                if let (Some((start, _)), Some(x)) = (drag.get_untracked(), units(&event)) {
                    if (x - start).abs() >= DRAG_AT_LEAST {
                        dragged.set_value(true);
                    }
                    drag.set(Some((start, x)));
                }
            }
            on:mouseup=move |_| {
                if let Some(window) = drag.get_untracked().filter(|_| dragged.get_value()) {
                    zoom_to(window);
                }
                drag.set(None);
            }
            on:mouseleave=move |_| {
                drag.set(None);
                card.set(None);
            }
            // A drag that ends on a bar is not a click on it.
            on:click=move |event| {
                if dragged.get_value() {
                    event.prevent_default();
                    dragged.set_value(false);
                }
            }
            on:focusin=move |event| card.set(browser::focused_title(&event))
            on:focusout=move |_| card.set(None)
        >
            {children()}
            {move || selection().map(|style| view! { <div class="timeline-selection" style=style></div> })}
        </div>
        </div>
    }
}

/// `x` (drawing units) as a share of the width, `12.34%`. Written with integers: formatting a
/// float would add its code (about 7 kB) to the WASM bundle.
fn percent(units: f64) -> String {
    let hundredths = (units * 10_000.0 / f64::from(TIMELINE_WIDTH)).round().max(0.0) as i64;
    format!("{}.{:02}%", hundredths / 100, hundredths % 100)
}

/// The time at `x` (drawing units), between the scale's points; before the first, its time.
fn time_at(scale: &[(f32, i64)], x: f64) -> i64 {
    let Some(&(first_x, first_t)) = scale.first() else { return 0 };
    if x <= f64::from(first_x) {
        return first_t;
    }
    for pair in scale.windows(2) {
        let ((x0, t0), (x1, t1)) = (pair[0], pair[1]);
        if x <= f64::from(x1) {
            let share = if x1 > x0 { (x - f64::from(x0)) / f64::from(x1 - x0) } else { 0.0 };
            return t0 + (share * (t1 - t0) as f64).round() as i64;
        }
    }
    scale.last().map_or(first_t, |(_, t)| *t)
}

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::JsCast;

    /// The pointer's x over the drawing, in its units.
    pub fn units(drawing: &web_sys::HtmlDivElement, event: &web_sys::MouseEvent) -> Option<f64> {
        let rect = drawing.get_bounding_client_rect();
        (rect.width() > 0.0).then(|| {
            let share = ((f64::from(event.client_x()) - rect.left()) / rect.width()).clamp(0.0, 1.0);
            share * f64::from(model::TIMELINE_WIDTH)
        })
    }

    fn title_near(target: Option<web_sys::EventTarget>) -> Option<String> {
        let element = target?.dyn_into::<web_sys::Element>().ok()?;
        let bar = element.closest("a").ok()??;
        let title = bar.query_selector("title").ok()??;
        title.text_content().filter(|text| !text.is_empty())
    }

    pub fn bar_title(event: &web_sys::MouseEvent) -> Option<String> {
        title_near(event.target())
    }

    pub fn focused_title(event: &web_sys::FocusEvent) -> Option<String> {
        title_near(event.target())
    }

    pub fn go_to(href: &str) {
        if let Some(window) = web_sys::window() {
            let _ = window.location().assign(href);
        }
    }
}

#[cfg(not(feature = "hydrate"))]
mod browser {
    pub fn units(_: &leptos::web_sys::HtmlDivElement, _: &leptos::ev::MouseEvent) -> Option<f64> {
        None
    }
    pub fn bar_title(_: &leptos::ev::MouseEvent) -> Option<String> {
        None
    }
    pub fn focused_title(_: &leptos::ev::FocusEvent) -> Option<String> {
        None
    }
    pub fn go_to(_: &str) {}
}

#[cfg(test)]
mod tests {
    use super::{percent, time_at};

    #[test]
    fn shares_of_the_width_are_written_in_hundredths() {
        assert_eq!(percent(0.0), "0.00%");
        assert_eq!(percent(600.0), "50.00%");
        assert_eq!(percent(1.0), "0.08%");
        assert_eq!(percent(1_200.0), "100.00%");
        assert_eq!(percent(-3.0), "0.00%");
    }

    #[test]
    fn x_maps_to_time_between_the_scale_points() {
        // 0–100 s over x 200–600, a collapsed hour drawn in 600–620, then 100 s more to 1,020.
        let scale = [(200.0, 0), (600.0, 100_000), (620.0, 3_700_000), (1020.0, 3_800_000)];
        assert_eq!(time_at(&scale, 100.0), 0, "the lane labels are the window's start");
        assert_eq!(time_at(&scale, 400.0), 50_000);
        assert_eq!(time_at(&scale, 610.0), 1_900_000);
        assert_eq!(time_at(&scale, 820.0), 3_750_000);
        assert_eq!(time_at(&scale, 1_200.0), 3_800_000);
        assert_eq!(time_at(&[], 5.0), 0);
    }
}
