//! The timeline as one SVG document, written on the server: a row per lane (label, bars), the
//! time axis, and the collapsed idle stretches marked. Every text is escaped here, since lane
//! labels and failure messages come from workflows. Each bar links to its event's permalink and
//! carries a `<title>` (the browser's tooltip on hover, read by screen readers, there with
//! JavaScript off).
use super::layout::Layout;
use crate::html::escape;
use model::{LANE_HEIGHT, LaneKind, TIMELINE_LABELS, TIMELINE_WIDTH};

const AXIS_HEIGHT: f32 = 24.0;

/// `event_url` gives an event's permalink.
pub fn draw(layout: &Layout, event_url: impl Fn(i64) -> String) -> String {
    let rows = layout.lanes.len() as f32;
    let height = AXIS_HEIGHT + rows * LANE_HEIGHT + 8.0;
    let mut out = String::with_capacity(4096 + layout.lanes.len() * 256);
    out.push_str(&format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline-svg" viewBox="0 0 {TIMELINE_WIDTH} {height}" role="group" aria-label="Timeline: {} lanes">"#,
        layout.lanes.len()
    ));
    for gap in &layout.gaps {
        out.push_str(&format!(
            r#"<g class="gap"><rect x="{:.1}" y="0" width="{:.1}" height="{height:.1}"><title>{}</title></rect><text x="{:.1}" y="14">≈</text></g>"#,
            gap.x,
            gap.width,
            escape(&gap.label),
            gap.x + gap.width / 2.0 - 4.0
        ));
    }
    out.push_str(r#"<g class="axis">"#);
    for tick in &layout.axis {
        out.push_str(&format!(
            r#"<line x1="{x:.1}" x2="{x:.1}" y1="{AXIS_HEIGHT}" y2="{height:.1}"/><text x="{x:.1}" y="14">{}</text>"#,
            escape(&tick.label),
            x = tick.x
        ));
    }
    out.push_str("</g>");
    for (index, lane) in layout.lanes.iter().enumerate() {
        let y = AXIS_HEIGHT + index as f32 * LANE_HEIGHT;
        let thin = lane.kind == LaneKind::WorkflowTask;
        let (bar_y, bar_height) = if thin { (y + 8.0, 6.0) } else { (y + 4.0, LANE_HEIGHT - 8.0) };
        out.push_str(&format!(
            r#"<g class="lane lane-{}"><text class="lane-label" x="6" y="{:.1}">{}<title>{}</title></text>"#,
            lane.kind.slug(),
            y + 15.0,
            escape(&shorten(&lane.label, 34)),
            escape(&lane.label)
        ));
        for bar in &lane.bars {
            out.push_str(&format!(
                r#"<a href="{}"><rect class="bar bar-{}" x="{:.1}" y="{bar_y:.1}" width="{:.1}" height="{bar_height:.1}"><title>{}</title></rect></a>"#,
                escape(&event_url(bar.event_id)),
                bar.state.slug(),
                bar.x,
                bar.width,
                escape(&bar.title)
            ));
        }
        out.push_str("</g>");
    }
    out.push_str(&format!(
        r#"<line class="labels-edge" x1="{TIMELINE_LABELS}" x2="{TIMELINE_LABELS}" y1="0" y2="{height:.1}"/></svg>"#
    ));
    out
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut short: String = text.chars().take(max - 1).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{Bar, BarState, TimelineLane};

    #[test]
    fn labels_and_titles_from_the_workflow_are_escaped() {
        let layout = Layout {
            lanes: vec![TimelineLane {
                kind: LaneKind::Activity,
                label: "<script>x</script>".into(),
                bars: vec![Bar {
                    x: 300.0,
                    width: 10.0,
                    state: BarState::Failed,
                    title: "failed: \"</title><script>".into(),
                    event_id: 7,
                }],
            }],
            axis: Vec::new(),
            gaps: Vec::new(),
            matched_lanes: 1,
            scale: Vec::new(),
        };
        let svg = draw(&layout, |id| format!("/e/{id}?a=1&b=2"));
        assert!(!svg.contains("<script"), "{svg}");
        assert!(svg.contains("&lt;/title&gt;&lt;script&gt;"), "{svg}");
        assert!(svg.contains(r#"href="/e/7?a=1&amp;b=2""#), "{svg}");
        assert!(svg.contains(r#"class="bar bar-failed""#), "{svg}");
    }
}
