//! Lanes laid out for drawing: filtered by kind and text, clipped to the window shown, mapped to
//! the SVG's x with idle stretches collapsed (a two-day sleep between seconds of work becomes a
//! narrow marked gap) unless real time is asked for, and lanes too busy to draw bar by bar
//! aggregated per few units of width.

use super::lanes::{Lane, Span};
use model::{
    AxisTick, Bar, BarState, GapMark, TIMELINE_LABELS, TIMELINE_WIDTH, TimelineLane, TimelineOptions, ZoneRules,
    human_duration,
};

/// Lanes drawn at most; the page says how many more the filters matched.
pub const MAX_LANES: usize = 1000;
/// Bars a lane draws one by one at most; beyond, bars closer than [`BUCKET`] units merge.
pub const MAX_BARS: usize = 300;
const BUCKET: f32 = 3.0;
/// The width a collapsed idle stretch keeps.
pub const GAP_WIDTH: f32 = 28.0;
/// At most this many idle stretches collapse (the longest).
const MAX_GAPS: usize = 12;
/// The right margin of the time area.
const MARGIN: f32 = 12.0;

pub struct Layout {
    pub lanes: Vec<TimelineLane>,
    pub axis: Vec<AxisTick>,
    pub gaps: Vec<GapMark>,
    pub matched_lanes: usize,
    /// See [`Scale::points`].
    pub scale: Vec<(f32, i64)>,
}

/// Maps times in the window to x, with idle stretches collapsed.
pub struct Scale {
    from: i64,
    to: i64,
    /// Collapsed stretches, in time order.
    gaps: Vec<(i64, i64)>,
    millis_per_unit: f64,
}

impl Scale {
    /// `times` are the moments something happened, oldest first.
    pub fn new(from: i64, to: i64, times: &[i64], collapse: bool) -> Scale {
        let to = to.max(from + 1);
        let span = to - from;
        let mut gaps = Vec::new();
        if collapse {
            // Idle: nothing happened for an eighth of the window, and at least a minute.
            let threshold = (span / 8).max(60_000);
            let mut previous = from;
            for &time in times.iter().filter(|time| **time > from && **time < to).chain(std::iter::once(&to)) {
                if time - previous > threshold {
                    gaps.push((previous, time));
                }
                previous = previous.max(time);
            }
            gaps.sort_by_key(|(start, end)| std::cmp::Reverse(end - start));
            gaps.truncate(MAX_GAPS);
            gaps.sort_by_key(|(start, _)| *start);
        }
        let collapsed: i64 = gaps.iter().map(|(start, end)| end - start).sum();
        let width = f64::from(TIMELINE_WIDTH - TIMELINE_LABELS - MARGIN - GAP_WIDTH * gaps.len() as f32);
        let millis_per_unit = ((span - collapsed).max(1)) as f64 / width.max(1.0);
        Scale { from, to, gaps, millis_per_unit }
    }

    pub fn x(&self, time: i64) -> f32 {
        let time = time.clamp(self.from, self.to);
        let mut x = f64::from(TIMELINE_LABELS);
        let mut cursor = self.from;
        for &(start, end) in &self.gaps {
            if time <= start {
                break;
            }
            x += (start - cursor) as f64 / self.millis_per_unit;
            if time < end {
                return (x + f64::from(GAP_WIDTH) * (time - start) as f64 / (end - start) as f64) as f32;
            }
            x += f64::from(GAP_WIDTH);
            cursor = end;
        }
        (x + (time - cursor) as f64 / self.millis_per_unit) as f32
    }

    /// (x, time) at the window's ends and at each collapsed stretch's edges: between two of them
    /// x and time are proportional, so the browser can tell the time under the pointer.
    pub fn points(&self) -> Vec<(f32, i64)> {
        let mut times = vec![self.from];
        times.extend(self.gaps.iter().flat_map(|&(start, end)| [start, end]));
        times.push(self.to);
        times.into_iter().map(|time| (self.x(time), time)).collect()
    }

    fn in_gap(&self, time: i64) -> bool {
        self.gaps.iter().any(|(start, end)| time > *start && time < *end)
    }
}

pub fn layout(
    lanes: Vec<Lane>,
    times: &[i64],
    (from, to): (i64, i64),
    options: &TimelineOptions,
    zone: &ZoneRules,
) -> Layout {
    let search = options.search.to_lowercase();
    let matched: Vec<Lane> = lanes
        .into_iter()
        .filter(|lane| options.kinds.is_empty() || options.kinds.iter().any(|kind| kind == lane.kind.slug()))
        .filter(|lane| search.is_empty() || lane.label.to_lowercase().contains(&search))
        .collect();
    let matched_lanes = matched.len();
    let scale = Scale::new(from, to, times, !options.real_time);
    let lanes = matched
        .into_iter()
        .take(MAX_LANES)
        .map(|lane| TimelineLane { kind: lane.kind, bars: bars(&scale, &lane.spans, (from, to)), label: lane.label })
        .collect();
    let gaps = scale
        .gaps
        .iter()
        .map(|&(start, end)| GapMark {
            x: scale.x(start),
            width: GAP_WIDTH,
            label: format!("{} with nothing happening, collapsed", human_duration(end - start)),
        })
        .collect();
    Layout { lanes, axis: axis(&scale, zone), gaps, matched_lanes, scale: scale.points() }
}

fn bars(scale: &Scale, spans: &[Span], (from, to): (i64, i64)) -> Vec<Bar> {
    let bars: Vec<Bar> = spans
        .iter()
        .filter(|span| span.to >= from && span.from <= to)
        .map(|span| {
            let (x1, x2) = (scale.x(span.from), scale.x(span.to));
            let instant = span.state == BarState::Instant;
            Bar {
                x: if instant { x1 - 1.5 } else { x1 },
                width: if instant { 3.0 } else { (x2 - x1).max(2.0) },
                state: span.state,
                title: span.title.clone(),
                event_id: span.event_id,
            }
        })
        .collect();
    if bars.len() <= MAX_BARS { bars } else { aggregate(bars) }
}

/// Bars within [`BUCKET`] units of each other become one, saying how many it holds.
fn aggregate(bars: Vec<Bar>) -> Vec<Bar> {
    let mut out: Vec<(Bar, usize)> = Vec::new();
    for bar in bars {
        match out.last_mut() {
            Some((last, count)) if bar.x <= last.x + last.width + BUCKET => {
                last.width = (bar.x + bar.width - last.x).max(last.width);
                *count += 1;
                last.state = BarState::Many;
            }
            _ => out.push((bar, 1)),
        }
    }
    out.into_iter()
        .map(|(mut bar, count)| {
            if count > 1 {
                bar.title = format!(
                    "{count} events here, too close to draw apart (zoom in to see each); the first: {}",
                    bar.title
                );
            }
            bar
        })
        .collect()
}

/// Ticks at a round step of the zone's clock, about every 120 units, skipping collapsed stretches.
fn axis(scale: &Scale, zone: &ZoneRules) -> Vec<AxisTick> {
    const STEPS: [i64; 20] = [
        1_000,
        2_000,
        5_000,
        10_000,
        15_000,
        30_000,
        60_000,
        120_000,
        300_000,
        600_000,
        900_000,
        1_800_000,
        3_600_000,
        7_200_000,
        10_800_000,
        21_600_000,
        43_200_000,
        86_400_000,
        172_800_000,
        604_800_000,
    ];
    let visible = (f64::from(TIMELINE_WIDTH - TIMELINE_LABELS) * scale.millis_per_unit) as i64;
    let wanted = (visible / 8).max(1);
    let step = STEPS.iter().copied().find(|step| *step >= wanted).unwrap_or(604_800_000);
    let long = scale.to - scale.from > 86_400_000;
    let mut ticks: Vec<AxisTick> = Vec::new();
    // Round in local time, so hourly ticks fall on the hour where the zone is 5:30 from UTC.
    let offset = zone.offset_millis(scale.from);
    let mut time = ((scale.from + offset).div_euclid(step) + 1) * step - offset;
    while time < scale.to && ticks.len() < 40 {
        let x = scale.x(time);
        if !scale.in_gap(time) && ticks.last().is_none_or(|last| x - last.x >= 90.0) {
            ticks.push(AxisTick { x, label: zone.clock(time, long || ticks.is_empty()) });
        }
        time += step;
    }
    ticks
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
