use crate::time_zone::TimeText;
use leptos::prelude::*;

use super::event_table::EventTable;
use crate::{islands::HistoryKeys, urls};
use model::{CompactRow, EventFilter, HistoryLayout, HistoryOptions, HistoryPage, TimeColumn, compact};

/// The event history section: layout, category filters, search and order (all in the URL), then
/// the events as a full table, compact rows or JSON.
#[component]
pub fn HistoryEvents(
    history: HistoryPage,
    events_json: Option<String>,
    options: HistoryOptions,
    history_url: String,
    download: String,
    /// The download through the codec server, when one is configured.
    #[prop(optional_no_strip)]
    decoded_download: Option<String>,
    selected: Option<i64>,
) -> impl IntoView {
    let first = history.first_position();
    let page_size = history.page_size;
    let HistoryPage { events: shown, total, matched, page, pages, durations, .. } = history;
    let link = {
        let history_url = history_url.clone();
        move |options: &HistoryOptions| format!("{history_url}{}", options.query_string(urls::encode))
    };
    let layouts = HistoryLayout::ALL
        .into_iter()
        .map(|layout| {
            let href = link(&HistoryOptions { layout, ..options.clone() });
            let current = (layout == options.layout).then_some("page");
            view! { <a href=href aria-current=current>{layout.label()}</a> }
        })
        .collect_view();
    let filters = EventFilter::ALL
        .into_iter()
        .map(|filter| {
            let on = options.filters.contains(&filter);
            let href = link(&options.toggled(filter));
            // Links, not buttons (`aria-pressed` is not allowed on a link): the state is in the text.
            view! {
                <a class="chip" class:chip-on=on href=href>
                    {filter.label()}
                    {on.then(|| view! { <span class="visually-hidden">" (shown)"</span> })}
                </a>
            }
        })
        .collect_view();
    let order = {
        let flipped = HistoryOptions { newest_first: !options.newest_first, ..options.clone() };
        let label = if options.newest_first {
            "Newest first · show oldest first"
        } else {
            "Oldest first · show newest first"
        };
        view! { <a href=link(&flipped)>{label}</a> }
    };
    let time_links = TimeColumn::ALL
        .into_iter()
        .map(|time| {
            let href = link(&HistoryOptions { time, ..options.clone() });
            let current = (time == options.time).then_some("page");
            view! { <a href=href aria-current=current>{time.label()}</a> }
        })
        .collect_view();
    let durations = (options.time != TimeColumn::Clock).then(|| (durations, options.time.label()));
    let count = if matched == total { format!("({total} events)") } else { format!("({matched} of {total} events)") };
    // Pages of the table when the matching events are more than one page holds.
    let pager = (pages > 1 || options.page_size.is_some()).then(|| {
        let to = |page: usize| link(&HistoryOptions { page: Some(page), ..options.clone() });
        Pager {
            text: format!(
                "Events {first}–{} of {matched} · page {page} of {pages} ",
                first + shown.len().saturating_sub(1)
            ),
            first: (page > 2).then(|| to(1)),
            previous: (page > 1).then(|| to(page - 1)),
            next: (page < pages).then(|| to(page + 1)),
            last: (page + 1 < pages).then(|| to(pages)),
            // Another page size starts again from the first page.
            sizes: PAGE_SIZES
                .iter()
                .map(|&size| {
                    let href = link(&HistoryOptions { page: None, page_size: Some(size), ..options.clone() });
                    (size, href, size == page_size)
                })
                .collect(),
        }
    });
    let body = match options.layout {
        HistoryLayout::Full if shown.is_empty() => view! { <p class="empty">"No event matches."</p> }.into_any(),
        HistoryLayout::Full => match durations {
            Some(durations) => view! {
                <EventTable events=shown history_url=history_url.clone() selected=selected.unwrap_or(0) durations />
            }
            .into_any(),
            None => view! {
                <EventTable events=shown history_url=history_url.clone() selected=selected.unwrap_or(0) />
            }
            .into_any(),
        },
        HistoryLayout::Compact => {
            view! { <CompactTable rows=compact(&shown) history_url=history_url.clone() /> }.into_any()
        }
        HistoryLayout::Json => view! {
            <p class="muted">"The events of this page, in the proto3 JSON mapping; Download JSON has the whole history."</p>
            <pre class="history-json">{events_json.unwrap_or_default()}</pre>
        }
        .into_any(),
    };
    view! {
        <section class="panel" aria-labelledby="history-heading">
            <h2 id="history-heading">"Event history " <span class="muted">{count}</span></h2>
            <div class="history-tools">
                <nav class="segmented" aria-label="History layout">{layouts}</nav>
                <SearchForm options=options.clone() history_url=history_url.clone() />
                {order}
                <nav class="segmented" aria-label="Time column">{time_links}</nav>
                <a href=download rel="external" download title="As Temporal stores it: replayable">
                    "Download JSON"
                </a>
                {decoded_download.map(|href| {
                    view! {
                        <a href=href rel="external" download title="Payloads decoded by the codec server: readable, not replayable">
                            "Download decoded JSON"
                        </a>
                    }
                })}
            </div>
            <nav class="chips" aria-label="Event categories">{filters}</nav>
            <HistoryKeys />
            {pager.clone().map(Pager::view)}
            {body}
            {pager.map(Pager::view)}
        </section>
    }
}

/// A GET form: the search and the other options it keeps go in the URL.
#[component]
fn SearchForm(options: HistoryOptions, history_url: String) -> impl IntoView {
    let category = options.filters.iter().map(|filter| filter.param()).collect::<Vec<_>>().join(",");
    view! {
        <form method="get" action=history_url class="history-search" role="search">
            <input type="search" name="search" value=options.search.clone()
                placeholder="Search types and payloads" aria-label="Search events" aria-keyshortcuts="/" />
            {(options.layout != HistoryLayout::Full).then(|| view! { <input type="hidden" name="view" value=options.layout.param() /> })}
            {(!category.is_empty()).then(|| view! { <input type="hidden" name="category" value=category /> })}
            {options.newest_first.then(|| view! { <input type="hidden" name="order" value="desc" /> })}
            {options.page_size.map(|size| view! { <input type="hidden" name="size" value=size.to_string() /> })}
            {(options.time != TimeColumn::Clock).then(|| view! { <input type="hidden" name="time" value=options.time.param() /> })}
            <button type="submit">"Search"</button>
        </form>
    }
}

/// One row per activity, timer, child, signal, update or Nexus operation, linking its events.
#[component]
fn CompactTable(rows: Vec<CompactRow>, history_url: String) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">"No event matches."</p> }.into_any();
    }
    let rows = rows
        .into_iter()
        .map(|row| {
            let events = row
                .event_ids
                .iter()
                .map(|id| view! { <a href=format!("{history_url}/events/{id}")>{*id}</a> " " })
                .collect_view();
            let class = if row.failed { "event event-failed" } else { "event" };
            view! {
                <tr class=class>
                    <td>{row.kind}</td>
                    <td class="mono">{row.name}</td>
                    <td>{row.outcome}</td>
                    <td class="nowrap">{row.start.map(|time| time.text()).unwrap_or_default()}</td>
                    <td>{row.duration.unwrap_or_default()}</td>
                    <td class="mono">{events}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table compact-table">
            <thead>
                <tr><th>"Kind"</th><th>"Name"</th><th>"Outcome"</th><th>{format!("Start ({})", crate::time_zone::zone().label())}</th><th>"Duration"</th><th>"Events"</th></tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// The page sizes offered next to the pager.
const PAGE_SIZES: [usize; 3] = [100, 1000, 5000];

/// "Events 1001–2000 of 8000 · page 2 of 8", with links to the pages around it and page sizes.
#[derive(Clone)]
struct Pager {
    text: String,
    first: Option<String>,
    previous: Option<String>,
    next: Option<String>,
    last: Option<String>,
    /// Each size with its link, and whether it is the current one.
    sizes: Vec<(usize, String, bool)>,
}

impl Pager {
    fn view(self) -> impl IntoView {
        let sizes = self
            .sizes
            .into_iter()
            .map(|(size, href, current)| {
                view! { " " <a href=href aria-current=current.then_some("page")>{size}</a> }
            })
            .collect_view();
        view! {
            <nav class="pager" aria-label="History pages">
                {self.text}
                {self.first.map(|href| view! { <a href=href>"« First"</a> " " })}
                {self.previous.map(|href| view! { <a href=href rel="prev">"‹ Previous"</a> " " })}
                {self.next.map(|href| view! { <a href=href rel="next">"Next ›"</a> " " })}
                {self.last.map(|href| view! { <a href=href>"Last »"</a> })}
                <span class="page-sizes">" · events per page:" {sizes}</span>
            </nav>
        }
    }
}
