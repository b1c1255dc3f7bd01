//! `…/{run_id}/timeline`: the run's work as lanes over time, drawn as SVG on the server (the same
//! with JavaScript off). Filters (lane kinds, text), real time or collapsed idle stretches, and
//! zoom and pan are links and a GET form, so every view has its URL; each bar opens its event.
use leptos::prelude::*;

use super::{
    loader::{RunRoute, RunTabLoader},
    tabs::{RunHeaderView, RunTab},
};
use crate::{api::load_timeline, components::PageTitle, error::AppError, islands::TimelineDrawing, urls};
use model::{LaneKind, TimelineOptions, TimelinePage, human_duration};

#[component]
pub fn TimelineTabPage() -> impl IntoView {
    view! { <RunTabLoader tab=RunTab::Timeline load=load render=timeline_view /> }
}

fn load(route: RunRoute) -> impl std::future::Future<Output = Result<TimelinePage, AppError>> {
    let mut options = TimelineOptions::from_query(|key| route.query.get(key));
    // The filter form sends one `kind` per checked box; links send them comma-separated.
    if let Some(kinds) = route.query.get_all("kind") {
        options.kinds = kinds
            .iter()
            .flat_map(|kinds| kinds.split(','))
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_string)
            .collect();
    }
    let view = options.query_string(urls::encode);
    load_timeline(route.namespace, route.workflow_id, route.run_id, view)
}

fn timeline_view(page: TimelinePage) -> impl IntoView {
    let TimelinePage { header, svg, options, from_millis, to_millis, run_from_millis, run_to_millis, .. } = &page;
    let base = urls::run_tab(&header.namespace, &header.workflow_id, &header.run_id, "timeline");
    let link = {
        let base = base.clone();
        move |options: &TimelineOptions| {
            let query = options.query_string(urls::encode);
            if query.is_empty() { base.clone() } else { format!("{base}?{query}") }
        }
    };
    let with_window = |window: Option<(i64, i64)>| TimelineOptions { window, ..options.clone() };
    let (from, to) = (*from_millis, *to_millis);
    let span = (to - from).max(2);
    let whole = run_to_millis - run_from_millis;
    let zoom_in = link(&with_window(Some((from + span / 4, to - span / 4))));
    let zoomed_out = (from - span / 2, to + span / 2);
    let zoom_out = link(&with_window((zoomed_out.1 - zoomed_out.0 < whole).then_some(zoomed_out)));
    let earlier = link(&with_window(Some((from - span / 2, to - span / 2))));
    let later = link(&with_window(Some((from + span / 2, to + span / 2))));
    let whole_run = link(&with_window(None));
    let scale = link(&TimelineOptions { real_time: !options.real_time, ..options.clone() });
    let title = format!("{} · timeline", header.workflow_id);
    let status = summary_line(&page);
    let svg_html = svg.clone();
    view! {
        <PageTitle text=title />
        <RunHeaderView header=header.clone() active=RunTab::Timeline />
        <section class="panel timeline" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">"Timeline"</h2>
            <TimelineFilters base=base.clone() options=options.clone() />
            <nav class="timeline-zoom" aria-label="Zoom and pan">
                <a href=zoom_in>"Zoom in"</a>
                <a href=zoom_out>"Zoom out"</a>
                <a href=earlier>"← Earlier"</a>
                <a href=later>"Later →"</a>
                <a href=whole_run>"Whole run"</a>
                <a href=scale>{if options.real_time { "Collapse idle stretches" } else { "Show real time" }}</a>
            </nav>
            <p class="muted timeline-status" role="status">{status}</p>
            <TimelineDrawing scale=page.scale.clone() base=base.clone() options=options.clone()>
                <div class="timeline-svg-holder" inner_html=svg_html></div>
            </TimelineDrawing>
            <p class="muted timeline-legend">
                <span class="swatch bar-waiting"></span>" waiting "
                <span class="swatch bar-retried"></span>" retried (earlier attempts failed) "
                <span class="swatch bar-running"></span>" running "
                <span class="swatch bar-completed"></span>" completed "
                <span class="swatch bar-failed"></span>" failed or timed out "
                <span class="swatch bar-pending"></span>" pending (until now) "
                <span class="swatch bar-many"></span>{format!(" many events, too close to tell apart. Times in {}.", crate::time_zone::zone().label())}
            </p>
        </section>
    }
}

fn summary_line(page: &TimelinePage) -> String {
    let mut parts = vec![format!(
        "{} of {} lanes drawn from {} events, {} shown",
        page.drawn_lanes,
        page.total_lanes,
        page.events,
        human_duration(page.to_millis - page.from_millis)
    )];
    if page.matched_lanes != page.total_lanes {
        parts.push(format!("{} match the filters", page.matched_lanes));
    }
    if page.drawn_lanes < page.matched_lanes {
        parts.push(format!("{} more are not drawn: filter to see them", page.matched_lanes - page.drawn_lanes));
    }
    if page.gaps > 0 {
        parts.push(format!("{} idle stretch{} collapsed (≈)", page.gaps, if page.gaps == 1 { "" } else { "es" }));
    }
    if page.running {
        parts.push("the run is open: pending work is drawn up to now".into());
    }
    parts.join(" · ")
}

/// The lane kinds and a text filter, as a GET form (its state in the URL).
#[component]
fn TimelineFilters(base: String, options: TimelineOptions) -> impl IntoView {
    let boxes = LaneKind::ALL
        .into_iter()
        .map(|kind| {
            let checked = options.kinds.iter().any(|chosen| chosen == kind.slug());
            view! { <label><input type="checkbox" name="kind" value=kind.slug() checked=checked /> " " {kind.label()}</label> }
        })
        .collect_view();
    view! {
        <form method="get" action=base class="timeline-filters">
            <fieldset><legend>"Lanes"</legend>{boxes}</fieldset>
            <label>"Lane name contains " <input name="search" value=options.search.clone() autocomplete="off" /></label>
            {options.real_time.then(|| view! { <input type="hidden" name="scale" value="real" /> })}
            <button type="submit">"Filter"</button>
        </form>
    }
}
