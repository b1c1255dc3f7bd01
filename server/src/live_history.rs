//! `GET …/{run_id}/history/live?after={eventId}`: server-sent events while a run is open.
//!
//! One upstream long poll (GetWorkflowExecutionHistory with `wait_new_event`) per stream. The
//! stream sends `ready` at once, `events` (`{"last_event_id": N, "count": K}`) whenever events
//! after `after` are written, and `closed` when the run closes, then ends. When the browser goes
//! away, axum drops the stream and with it the long poll (the `tdbg_live_history_streams` gauge
//! in `/metrics` counts them).
use model::RunRef;
use std::{convert::Infallible, time::Duration};

use app::error::AppError;
use axum::{
    extract::{Path, Query, State},
    response::{
        IntoResponse, Response,
        sse::{Event, KeepAlive, Sse},
    },
};
use futures_util::{StreamExt, stream};
use inspector::{TemporalClient, temporal::history};
use serde::Deserialize;

use crate::{metrics::LiveStreamGuard, state::AppState};

#[derive(Deserialize)]
pub struct LiveQuery {
    /// The last event the page already shows.
    #[serde(default)]
    after: i64,
}

struct Live {
    client: TemporalClient,
    run: RunRef,
    token: Vec<u8>,
    last_sent: i64,
    _open: LiveStreamGuard,
}

enum Step {
    Ready(Live),
    Poll(Live),
    Done,
}

pub async fn live_history(
    State(state): State<AppState>,
    Path((namespace, workflow_id, run_id)): Path<(String, String, String)>,
    Query(query): Query<LiveQuery>,
    parts: axum::http::request::Parts,
) -> Response {
    let live = Live {
        client: state.cluster.temporal.for_request(&parts),
        run: RunRef::new(namespace, workflow_id, run_id),
        token: Vec::new(),
        last_sent: query.after,
        _open: state.metrics.live_stream_opened(state.cluster.temporal.cluster()),
    };
    let events = stream::unfold(Step::Ready(live), |step| async move {
        match step {
            Step::Done => None,
            Step::Ready(live) => {
                let ready = Event::default().event("ready").data(format!("{{\"after\":{}}}", live.last_sent));
                Some((Ok::<_, Infallible>(ready), Step::Poll(live)))
            }
            Step::Poll(live) => Some(poll(live).await),
        }
    });
    // A shutdown ends the stream (the browser reconnects to whichever server answers next).
    let shutdown = state.shutdown.clone().triggered();
    Sse::new(events.take_until(shutdown).fuse())
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}

/// Long-polls until there is something to tell the page: new events, the run's close, or an error.
async fn poll(mut live: Live) -> (Result<Event, Infallible>, Step) {
    loop {
        let waited = history::wait_for_events(&live.client, &live.run, std::mem::take(&mut live.token)).await;
        let (events, token) = match waited {
            Ok(page) => page,
            // Nothing happened within the long poll: ask again (keep-alives flow meanwhile).
            Err(AppError::Timeout { .. }) => continue,
            Err(error) => {
                let event = Event::default().event("error").data(error.to_string().replace('\n', " "));
                return (Ok(event), Step::Done);
            }
        };
        let closed = token.is_empty();
        live.token = token;
        let new: Vec<i64> = events.iter().map(|event| event.event_id).filter(|id| *id > live.last_sent).collect();
        if let Some(last) = new.last() {
            live.last_sent = *last;
            let data = format!("{{\"last_event_id\":{last},\"count\":{},\"closed\":{closed}}}", new.len());
            let next = if closed { Step::Done } else { Step::Poll(live) };
            return (Ok(Event::default().event("events").data(data)), next);
        }
        if closed {
            return (Ok(Event::default().event("closed").data("{}")), Step::Done);
        }
    }
}
