//! Reading the page of a run's history the URL asks for, with memory bounded by the page:
//! - a closed run without filters: the page is a known range of event IDs ([`HistoryWindow`]),
//!   read from whichever end of the history is nearer, and nothing else;
//! - otherwise one pass from the end the page shows first (the reverse call for newest first),
//!   gathering the page, the diagnosis's facts and the pending activities' heartbeat timeouts.
use std::{collections::HashMap, ops::ControlFlow};

use temporalio_protos::protos::temporal::api::history::v1::HistoryEvent;

use super::history::{self, Direction};
use super::{
    TemporalClient,
    event_fields::{self, RawEvent},
    pending,
};
use crate::diagnosis::{ConfigFacts, ConfigFactsCollector, HistoryFacts, HistoryFactsCollector};
use model::AppError;
use model::{HistoryLayout, HistoryOptions, HistoryPage, HistoryWindow, PageCollector, RunRef, ZoneRules};

/// What one read of the history gives the run page.
pub struct HistoryRead {
    pub page: HistoryPage,
    /// The page's raw events in its order, for the JSON view (empty for the other layouts).
    pub raw: Vec<HistoryEvent>,
    pub facts: HistoryFacts,
    /// What the configuration rules need (empty when only a window of the history was read).
    pub config: ConfigFacts,
    /// Activity ID to heartbeat timeout (ms), for the pending activities named.
    pub heartbeat_timeouts: HashMap<String, i64>,
}

pub struct ReadRequest<'a> {
    pub run: &'a RunRef,
    pub options: &'a HistoryOptions,
    pub linked_event: Option<i64>,
    /// The history's length when it is final (a closed run), which lets a page stop early.
    pub closed_length: Option<i64>,
    pub start_millis: Option<i64>,
    pub pending_activity_ids: Vec<String>,
    /// The zone the history's search reads event times in.
    pub zone: &'a ZoneRules,
}

pub async fn read(client: &TemporalClient, request: &ReadRequest<'_>) -> Result<HistoryRead, AppError> {
    let window =
        request.closed_length.and_then(|total| HistoryWindow::of(request.options, request.linked_event, total));
    if let (Some(window), Some(total)) = (window, request.closed_length)
        && let Some(read) = read_window(client, request, window, total).await?
    {
        return Ok(read);
    }
    scan_page(client, request).await
}

/// The window's events only, from the nearer end; `None` if the history is not laid out as the
/// arithmetic expects (then a full pass decides).
async fn read_window(
    client: &TemporalClient,
    request: &ReadRequest<'_>,
    window: HistoryWindow,
    total: i64,
) -> Result<Option<HistoryRead>, AppError> {
    let options = request.options;
    let keep_raw = options.layout == HistoryLayout::Json;
    let from = window.read_from(options);
    let forward = window.last_id <= total - from + 1;
    let direction = if forward { Direction::OldestFirst } else { Direction::NewestFirst };
    let mut rows = Vec::new();
    let mut raw = Vec::new();
    history::scan(client, request.run, direction, |event| {
        let id = event.event_id;
        if (from..=window.last_id).contains(&id) {
            rows.push(event_fields::event_row(&event));
            if keep_raw && id >= window.first_id {
                raw.push(event);
            }
        }
        let done = if forward { id >= window.last_id } else { id <= from };
        if done { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
    })
    .await?;
    if !forward {
        rows.reverse();
        raw.reverse();
    }
    if options.newest_first {
        raw.reverse();
    }
    let page = window.page(rows, options, request.linked_event, total, request.start_millis);
    Ok(page.map(|page| HistoryRead {
        facts: HistoryFacts { last_event_id: total, ..HistoryFacts::default() },
        page,
        raw,
        config: ConfigFacts::default(),
        heartbeat_timeouts: HashMap::new(),
    }))
}

/// One pass from the end the page shows first; stops early only for a closed, unfiltered page.
async fn scan_page(client: &TemporalClient, request: &ReadRequest<'_>) -> Result<HistoryRead, AppError> {
    let options = request.options;
    let known_total = request.closed_length.map(|total| usize::try_from(total).unwrap_or(0));
    let mut page = PageCollector::<RawEvent>::new(options, request.linked_event, request.start_millis, known_total)
        .in_zone(request.zone);
    let mut facts = HistoryFactsCollector::new(options.newest_first);
    let mut config = ConfigFactsCollector::new(options.newest_first, request.pending_activity_ids.clone());
    let mut heartbeat_timeouts = HashMap::new();
    let direction = if options.newest_first { Direction::NewestFirst } else { Direction::OldestFirst };
    history::scan(client, request.run, direction, |event| {
        if let Some((activity_id, timeout)) = pending::heartbeat_timeout(&event)
            && request.pending_activity_ids.contains(&activity_id)
        {
            heartbeat_timeouts.insert(activity_id, timeout);
        }
        config.push(&event);
        if HistoryFactsCollector::needs(&event_fields::event_type_name(event.event_type)) {
            facts.push(&event_fields::event_row(&event));
        }
        page.push(RawEvent(event));
        if page.wants_more() { ControlFlow::Continue(()) } else { ControlFlow::Break(()) }
    })
    .await?;
    let (page, raw) = page.finish();
    let raw =
        if options.layout == HistoryLayout::Json { raw.into_iter().map(|event| event.0).collect() } else { Vec::new() };
    Ok(HistoryRead { page, raw, facts: facts.finish(), config: config.finish(), heartbeat_timeouts })
}
