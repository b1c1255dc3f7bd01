//! The health page's charts as SVG documents written on the server (readable with JavaScript
//! off): a line chart of trends over time and a bar chart of totals. Every text is escaped; each
//! line and bar carries a `<title>` (the browser's tooltip, read by screen readers). The numbers
//! themselves are in the page's tables too.
use super::window::Trend;
use crate::html::escape;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 180.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 22.0;
const BOTTOM: f64 = 22.0;

fn value_text(value: f64) -> String {
    if value == 0.0 {
        "0".into()
    } else if value.abs() >= 100.0 {
        format!("{value:.0}")
    } else if value.abs() >= 1.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.3}")
    }
}

fn clock(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0).map_or_else(String::new, |t| t.format("%H:%M").to_string())
}

/// Lines over `[from, to]` (unix seconds), one per trend; a note instead when there is no point.
pub fn line_chart(title: &str, trends: &[Trend], from: i64, to: i64) -> String {
    let points = trends.iter().flat_map(|trend| trend.points.iter());
    let top = points.clone().map(|(_, value)| *value).fold(0.0_f64, f64::max);
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="health-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{}">"#,
        escape(title)
    );
    out.push_str(&format!("<title>{}</title>", escape(title)));
    let plot_width = WIDTH - LEFT - RIGHT;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let span = (to - from).max(1) as f64;
    let top = if top > 0.0 { top } else { 1.0 };
    let x = |at: i64| LEFT + plot_width * ((at - from) as f64 / span).clamp(0.0, 1.0);
    let y = |value: f64| TOP + plot_height * (1.0 - (value / top).clamp(0.0, 1.0));
    out.push_str(r#"<g class="axis">"#);
    for fraction in [0.0, 0.5, 1.0] {
        let value = top * fraction;
        out.push_str(&format!(
            r#"<line x1="{LEFT}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            WIDTH - RIGHT,
            LEFT - 6.0,
            y(value) + 4.0,
            escape(&value_text(value)),
            y = y(value)
        ));
    }
    for at in [from, from + (to - from) / 2, to] {
        out.push_str(&format!(
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            x(at),
            HEIGHT - 6.0,
            escape(&clock(at))
        ));
    }
    out.push_str("</g>");
    if points.clone().next().is_none() {
        out.push_str(&format!(
            r#"<text class="chart-empty" x="{:.1}" y="{:.1}" text-anchor="middle">no data in this range yet</text>"#,
            LEFT + plot_width / 2.0,
            TOP + plot_height / 2.0
        ));
    }
    for (index, trend) in trends.iter().enumerate() {
        let path: Vec<String> =
            trend.points.iter().map(|(at, value)| format!("{:.1},{:.1}", x(*at), y(*value))).collect();
        let last = trend.points.last().map(|(_, value)| value_text(*value)).unwrap_or_else(|| "none".into());
        out.push_str(&format!(
            r#"<g class="series series-{}"><polyline points="{}"><title>{} (last {})</title></polyline>"#,
            index % 6,
            path.join(" "),
            escape(&trend.label),
            escape(&last)
        ));
        out.push_str(&format!(
            r#"<text class="legend" x="{:.1}" y="14">{}</text></g>"#,
            LEFT + (index as f64) * 150.0,
            escape(&shorten(&trend.label, 24))
        ));
    }
    out.push_str("</svg>");
    out
}

/// Horizontal bars, one per `(label, value)`, longest value the full width.
pub fn bar_chart(title: &str, bars: &[(String, f64)]) -> String {
    let row = 22.0;
    let height = TOP + row * bars.len().max(1) as f64 + 6.0;
    let top = bars.iter().map(|(_, value)| *value).fold(0.0_f64, f64::max).max(1.0);
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="health-chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{}"><title>{}</title>"#,
        escape(title),
        escape(title)
    );
    let room = WIDTH - 160.0 - 70.0;
    for (index, (label, value)) in bars.iter().enumerate() {
        let y = TOP + row * index as f64;
        out.push_str(&format!(
            r#"<g class="series series-{}"><text x="150" y="{:.1}" text-anchor="end">{}</text><rect x="160" y="{y:.1}" width="{:.1}" height="{:.1}"><title>{}: {}</title></rect><text x="{:.1}" y="{:.1}">{}</text></g>"#,
            index % 6,
            y + 14.0,
            escape(&shorten(label, 22)),
            (room * value / top).max(if *value > 0.0 { 1.0 } else { 0.0 }),
            row - 6.0,
            escape(label),
            escape(&value_text(*value)),
            166.0 + room * value / top,
            y + 14.0,
            escape(&value_text(*value))
        ));
    }
    if bars.is_empty() {
        out.push_str(r#"<text class="chart-empty" x="320" y="36" text-anchor="middle">nothing seen yet</text>"#);
    }
    out.push_str("</svg>");
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

    #[test]
    fn labels_are_escaped_and_an_empty_chart_says_so() {
        let trend = Trend { label: "<script>q</script>".into(), points: vec![(0, 1.0), (60, 3.0)] };
        let svg = line_chart("Backlog & age", &[trend], 0, 60);
        assert!(svg.contains("Backlog &amp; age") && svg.contains("&lt;script&gt;"), "{svg}");
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("<polyline points=\"64.0,112.7 628.0,22.0\">"), "{svg}");
        let empty = line_chart("Nothing", &[], 0, 60);
        assert!(empty.contains("no data in this range yet"));
        let bars = bar_chart("Outcomes", &[("failed <x>".into(), 2.0)]);
        assert!(bars.contains("failed &lt;x&gt;: 2"), "{bars}");
    }
}
