use super::*;
use model::{LaneKind, ZoneRules};

const HOUR: i64 = 3_600_000;

#[test]
fn a_long_sleep_between_bursts_of_work_collapses_to_a_marked_gap() {
    // Two seconds of work, a 48-hour sleep, two seconds of work.
    let times = [0, 1_000, 2_000, 48 * HOUR + 2_000, 48 * HOUR + 4_000];
    let scale = Scale::new(0, 48 * HOUR + 4_000, &times, true);
    assert_eq!(scale.gaps, vec![(2_000, 48 * HOUR + 2_000)]);
    // The work on both sides gets nearly all of the width; the sleep only the gap's.
    let before = scale.x(2_000) - scale.x(0);
    let sleep = scale.x(48 * HOUR + 2_000) - scale.x(2_000);
    let after = scale.x(48 * HOUR + 4_000) - scale.x(48 * HOUR + 2_000);
    assert!((sleep - GAP_WIDTH).abs() < 0.01, "{sleep}");
    assert!(before > 400.0 && (before - after).abs() < 0.5, "{before} {after}");
    let real = Scale::new(0, 48 * HOUR + 4_000, &times, false);
    assert!(real.gaps.is_empty());
    assert!(real.x(2_000) - real.x(0) < 1.0, "in real time the work is a sliver");
}

#[test]
fn x_grows_with_time_and_stays_in_the_time_area() {
    let times = [0, 10 * HOUR, 10 * HOUR + 5_000];
    let scale = Scale::new(0, 10 * HOUR + 5_000, &times, true);
    let mut previous = scale.x(-5);
    assert_eq!(previous, TIMELINE_LABELS);
    for step in 0..=100 {
        let x = scale.x((10 * HOUR + 5_000) * step / 100);
        assert!(x >= previous, "{x} < {previous}");
        previous = x;
    }
    assert!(previous <= TIMELINE_WIDTH, "{previous}");
}

fn lane(kind: LaneKind, label: &str, spans: Vec<Span>) -> Lane {
    Lane { kind, label: label.into(), spans }
}

fn span(from: i64, to: i64, state: BarState) -> Span {
    Span { from, to, state, title: format!("{from}"), event_id: from }
}

#[test]
fn filters_pick_lanes_by_kind_and_text_and_busy_lanes_are_aggregated() {
    let signals = (0..2_000).map(|n| span(n * 10, n * 10, BarState::Instant)).collect();
    let lanes = vec![
        lane(LaneKind::Activity, "charge_card · 1", vec![span(0, 5_000, BarState::Completed)]),
        lane(LaneKind::Timer, "timer 1", vec![span(5_000, 20_000, BarState::Waiting)]),
        lane(LaneKind::Signal, "signal approve", signals),
    ];
    let times: Vec<i64> = (0..2_000).map(|n| n * 10).collect();
    let options = TimelineOptions { kinds: vec!["activity".into(), "signal".into()], ..Default::default() };
    let laid = layout(lanes.clone(), &times, (0, 20_000), &options, &ZoneRules::utc());
    assert_eq!(laid.matched_lanes, 2);
    assert_eq!(laid.lanes[0].label, "charge_card · 1");
    let signal_bars = &laid.lanes[1].bars;
    assert!(signal_bars.len() < MAX_BARS, "aggregated: {}", signal_bars.len());
    assert!(signal_bars.iter().any(|bar| bar.state == BarState::Many && bar.title.contains("events here")));
    let searched = layout(
        lanes,
        &times,
        (0, 20_000),
        &TimelineOptions { search: "TIMER".into(), ..Default::default() },
        &ZoneRules::utc(),
    );
    assert_eq!(searched.lanes.iter().map(|lane| lane.label.as_str()).collect::<Vec<_>>(), ["timer 1"]);
}

#[test]
fn the_axis_has_round_ticks_apart_from_each_other() {
    let scale = Scale::new(1_700_000_000_000, 1_700_000_000_000 + 10 * 60_000, &[], false);
    let ticks = axis(&scale, &ZoneRules::utc());
    assert!(ticks.len() >= 4, "{ticks:?}");
    assert!(ticks.windows(2).all(|pair| pair[1].x - pair[0].x >= 90.0));
    assert!(ticks[0].label.contains('-'), "the first tick has the date: {}", ticks[0].label);
}

#[test]
fn ticks_fall_on_the_hours_of_the_readers_zone() {
    let kolkata = ZoneRules {
        name: "Asia/Kolkata".into(),
        spans: vec![model::ZoneSpan { from_millis: i64::MIN, offset_seconds: 19_800, abbreviation: "IST".into() }],
    };
    // Twelve hours: hourly ticks or wider, at :00 in Kolkata (UTC +5:30), not at :30.
    let scale = Scale::new(1_700_000_000_000, 1_700_000_000_000 + 12 * 3_600_000, &[], false);
    let ticks = axis(&scale, &kolkata);
    assert!(ticks.len() >= 4, "{ticks:?}");
    assert!(ticks.iter().all(|tick| tick.label.ends_with(":00:00")), "{ticks:?}");
    let utc = axis(&scale, &ZoneRules::utc());
    assert!(utc.iter().all(|tick| tick.label.ends_with(":00:00")), "{utc:?}");
    assert_ne!(ticks[1].label, utc[1].label, "the labels read the zone's clock");
}
