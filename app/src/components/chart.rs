//! Charts drawn on the server as SVG (no script, no library): columns for a
//! series over time, horizontal bars for shares. They scale to the width of
//! the page, keep their text readable on a phone (the drawing is about as
//! wide as a phone, so it is rarely shrunk), and mirror for right-to-left
//! readers: time runs from right to left and bars grow from the right.
//! Every bar carries its full description (`<title>`), and the figure a
//! one-line summary for screen readers.

use leptos::prelude::*;

/// One column or bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    /// Under the column, or above the bar.
    pub label: String,
    pub value: u64,
    /// The value as the reader reads numbers.
    pub shown: String,
    /// What a screen reader and a tooltip say about it.
    pub description: String,
}

/// Drawing width in SVG units: a phone's width, so text stays at its size.
const WIDTH: f64 = 360.0;
/// Room kept free on each side.
const PAD: f64 = 4.0;

fn round(value: f64) -> String {
    format!("{value:.1}")
}

/// Where slot `index` of `count` starts, in reading order.
fn slot_x(index: usize, count: usize, slot: f64, rtl: bool) -> f64 {
    let position = if rtl { count - 1 - index } else { index };
    PAD + position as f64 * slot
}

/// A column per bar, in reading order (left to right, or right to left).
#[component]
pub fn ColumnChart(
    bars: Vec<Bar>,
    summary: String,
    rtl: bool,
    #[prop(default = "chart-views")] tone: &'static str,
) -> impl IntoView {
    const HEIGHT: f64 = 180.0;
    const LABELS: f64 = 34.0;
    const VALUES: f64 = 14.0;
    let count = bars.len().max(1);
    let slot = (WIDTH - 2.0 * PAD) / count as f64;
    let most = bars.iter().map(|bar| bar.value).max().unwrap_or(0).max(1) as f64;
    let plot = HEIGHT - LABELS - VALUES;
    let columns = bars
        .into_iter()
        .enumerate()
        .map(|(index, bar)| {
            let x = slot_x(index, count, slot, rtl);
            let height = (bar.value as f64 / most * plot).max(if bar.value > 0 { 2.0 } else { 0.0 });
            let top = VALUES + plot - height;
            let centre = x + slot / 2.0;
            // "Nov 2026" on two lines: the month, then the year.
            let (month, year) = bar.label.rsplit_once(' ').map_or((bar.label.clone(), String::new()), |(m, y)| (m.to_owned(), y.to_owned()));
            view! {
                <g class="chart-item">
                    <title>{bar.description}</title>
                    <rect class=tone x=round(x + slot * 0.18) y=round(top) width=round(slot * 0.64) height=round(height) rx="2" />
                    <text class="chart-value" x=round(centre) y=round(top - 3.0) text-anchor="middle">{bar.shown}</text>
                    <text class="chart-label" x=round(centre) y=round(HEIGHT - LABELS + 14.0) text-anchor="middle">{month}</text>
                    <text class="chart-label chart-label-minor" x=round(centre) y=round(HEIGHT - LABELS + 28.0) text-anchor="middle">{year}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=summary direction=if rtl { "rtl" } else { "ltr" }>
            <line class="chart-axis" x1=round(PAD) x2=round(WIDTH - PAD) y1=round(VALUES + plot) y2=round(VALUES + plot) />
            {columns}
        </svg>
    }
}

/// Two bars per group (for instance views and inquiries of a market), each
/// scaled to the largest of its own series, so series of different sizes
/// read side by side; the numbers say the rest.
#[component]
pub fn PairedBarChart(groups: Vec<(String, Bar, Bar)>, summary: String, rtl: bool) -> impl IntoView {
    const ROW: f64 = 58.0;
    const LABEL: f64 = 16.0;
    const BAR: f64 = 14.0;
    const VALUE_ROOM: f64 = 56.0;
    let height = ROW * groups.len().max(1) as f64;
    let first_most: u64 = groups.iter().map(|(_, a, _)| a.value).max().unwrap_or(0).max(1);
    let second_most: u64 = groups.iter().map(|(_, _, b)| b.value).max().unwrap_or(0).max(1);
    let span = WIDTH - 2.0 * PAD - VALUE_ROOM;
    let bar = move |y: f64, item: Bar, most: u64, tone: &'static str| {
        let length = (item.value as f64 / most as f64 * span).max(if item.value > 0 { 2.0 } else { 0.0 });
        let (x, value_x) =
            if rtl { (WIDTH - PAD - length, WIDTH - PAD - length - 4.0) } else { (PAD, PAD + length + 4.0) };
        view! {
            <g class="chart-item">
                <title>{item.description}</title>
                <rect class=tone x=round(x) y=round(y) width=round(length) height=round(BAR) rx="2" />
                <text class="chart-value" x=round(value_x) y=round(y + BAR - 3.0) text-anchor="start">{item.shown}</text>
            </g>
        }
    };
    let rows = groups
        .into_iter()
        .enumerate()
        .map(|(index, (label, first, second))| {
            let top = index as f64 * ROW;
            let label_x = if rtl { WIDTH - PAD } else { PAD };
            view! {
                <text class="chart-label chart-label-strong" x=round(label_x) y=round(top + LABEL - 3.0) text-anchor="start">{label}</text>
                {bar(top + LABEL, first, first_most, "chart-views")}
                {bar(top + LABEL + BAR + 3.0, second, second_most, "chart-inquiries")}
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=summary direction=if rtl { "rtl" } else { "ltr" }>
            {rows}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_to_left_readers_see_the_first_slot_on_the_right() {
        assert_eq!(slot_x(0, 12, 10.0, false), PAD);
        assert_eq!(slot_x(0, 12, 10.0, true), PAD + 110.0);
        assert_eq!(slot_x(11, 12, 10.0, true), PAD);
    }
}
