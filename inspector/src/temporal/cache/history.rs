//! History pages kept protobuf-encoded, weighed by their bytes and evicted least recently used
//! first. Only a describe's [`Verdict`] lets them be served:
//! - a closed run's history is final: a short one ([`WHOLE_EVENTS`], [`WHOLE_BYTES`]) is read
//!   whole with one call and every page of it (either direction, any size) is cut from memory,
//!   its next-page tokens ours ([`Cursor`]); a longer one is kept page by page, by request;
//! - an open run's pages are shared for [`super::OPEN_RUN_FRESH`], then read again;
//! - an unknown run's are read from Temporal every time.
use std::{
    future::Future,
    sync::Arc,
    time::{Duration, Instant},
};

use moka::{Expiry, future::Cache};
use prost::Message;
use temporalio_protos::protos::temporal::api::history::v1::HistoryEvent;

use super::{OPEN_RUN_FRESH, RunKey, Verdict, weight};
use model::AppError;

/// Closed histories up to this many events are read whole (one call of this page size).
pub const WHOLE_EVENTS: i64 = 1000;
/// … and up to this many bytes.
pub const WHOLE_BYTES: i64 = 4 * 1024 * 1024;
/// Pages past which a whole read gives up (Temporal also cuts pages by size).
const WHOLE_MAX_PAGES: usize = 16;
/// A closed run's pages unread this long are dropped before the byte bound would.
const CLOSED_IDLE: Duration = Duration::from_secs(3600);

/// One page asked for: from which end, after which token, how many events.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PageRequest {
    pub reverse: bool,
    pub token: Vec<u8>,
    pub page_size: i32,
}

/// Events in the order asked for, and the next page's token (empty after the last).
#[derive(Debug, Default, PartialEq)]
pub struct HistoryPage {
    pub events: Vec<HistoryEvent>,
    pub next_page_token: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Read {
    Whole,
    Page(PageRequest),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct HistoryKey {
    run: RunKey,
    read: Read,
}

#[derive(Clone)]
struct Kept {
    /// Each event protobuf-encoded, in the order read.
    events: Arc<[Vec<u8>]>,
    next_page_token: Arc<[u8]>,
    open: bool,
}

impl Kept {
    fn bytes(&self) -> usize {
        self.events.iter().map(|event| event.len() + 24).sum::<usize>() + self.next_page_token.len() + 64
    }

    fn decode(&self, range: std::ops::Range<usize>) -> Result<Vec<HistoryEvent>, AppError> {
        self.events[range]
            .iter()
            .map(|bytes| HistoryEvent::decode(bytes.as_slice()))
            .collect::<Result<_, _>>()
            .map_err(|error| AppError::Internal(format!("a kept history event does not decode: {error}")))
    }
}

struct Lifetime;

impl Expiry<HistoryKey, Kept> for Lifetime {
    fn expire_after_create(&self, _: &HistoryKey, value: &Kept, _: Instant) -> Option<Duration> {
        Some(if value.open { OPEN_RUN_FRESH } else { CLOSED_IDLE })
    }

    fn expire_after_read(
        &self,
        _: &HistoryKey,
        value: &Kept,
        _: Instant,
        left: Option<Duration>,
        _: Instant,
    ) -> Option<Duration> {
        if value.open { left } else { Some(CLOSED_IDLE) }
    }
}

/// Our next-page token into a whole history kept in memory: which end, how many events served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    reverse: bool,
    served: usize,
}

const CURSOR_TAG: &[u8] = b"\0tdbg-read-cache\0";

impl Cursor {
    fn token(self) -> Vec<u8> {
        let mut token = CURSOR_TAG.to_vec();
        token.push(u8::from(self.reverse));
        token.extend_from_slice(&(self.served as u64).to_be_bytes());
        token
    }

    fn parse(token: &[u8]) -> Option<Cursor> {
        let rest = token.strip_prefix(CURSOR_TAG)?;
        let (&reverse, served) = rest.split_first()?;
        let served = u64::from_be_bytes(served.try_into().ok()?);
        Some(Cursor { reverse: reverse == 1, served: usize::try_from(served).ok()? })
    }
}

/// The page `request` asks for, cut from a whole history (oldest first).
fn cut(whole: &Kept, request: &PageRequest) -> Result<HistoryPage, AppError> {
    let total = whole.events.len();
    let served = match Cursor::parse(&request.token) {
        Some(cursor) if cursor.reverse == request.reverse => cursor.served.min(total),
        Some(_) => return Err(AppError::BadRequest("the history page token is of the other direction".into())),
        None => 0,
    };
    let size = usize::try_from(request.page_size).ok().filter(|size| *size > 0).unwrap_or(WHOLE_EVENTS as usize);
    let count = size.min(total - served);
    let next = (served + count < total).then(|| Cursor { reverse: request.reverse, served: served + count }.token());
    let events = if request.reverse {
        let mut events = whole.decode(total - served - count..total - served)?;
        events.reverse();
        events
    } else {
        whole.decode(served..served + count)?
    };
    Ok(HistoryPage { events, next_page_token: next.unwrap_or_default() })
}

pub struct HistoryCache {
    entries: Cache<HistoryKey, Kept>,
}

/// A page and whether it came from memory (or a read in flight) rather than a call of its own.
pub type Served = (Result<HistoryPage, AppError>, bool);

impl HistoryCache {
    pub fn new(max_bytes: u64) -> HistoryCache {
        let entries = Cache::builder()
            .max_capacity(max_bytes)
            .weigher(|key: &HistoryKey, value: &Kept| {
                let token = match &key.read {
                    Read::Whole => 0,
                    Read::Page(request) => request.token.len(),
                };
                weight(key.run.bytes() + token + value.bytes())
            })
            .expire_after(Lifetime)
            .support_invalidation_closures()
            .build();
        HistoryCache { entries }
    }

    /// The page `request` asks of `run`, by what `verdict` allows; `fetch` makes one call.
    pub async fn page<F, Fut>(&self, run: RunKey, verdict: Verdict, request: PageRequest, fetch: F) -> Served
    where
        F: Fn(PageRequest) -> Fut,
        Fut: Future<Output = Result<HistoryPage, AppError>>,
    {
        let ours = Cursor::parse(&request.token).is_some();
        let open = match verdict {
            Verdict::Closed { length, size } if ours || (request.token.is_empty() && is_short(length, size)) => {
                return self.cut_from_whole(run, request, fetch).await;
            }
            Verdict::Closed { .. } => false,
            Verdict::Open => true,
            Verdict::Unknown if ours => {
                return (Err(AppError::NotFound("this run's history is no longer at hand: reload".into())), false);
            }
            Verdict::Unknown => return (fetch(request).await, false),
        };
        let mut loaded = false;
        let key = HistoryKey { run, read: Read::Page(request.clone()) };
        let kept = self
            .entries
            .try_get_with(key, async {
                loaded = true;
                let page = fetch(request).await?;
                let events = page.events.iter().map(Message::encode_to_vec).collect();
                Ok::<_, AppError>(Kept { events, next_page_token: page.next_page_token.into(), open })
            })
            .await;
        let page = kept.map_err(|error| (*error).clone()).and_then(|kept| {
            let events = kept.decode(0..kept.events.len())?;
            Ok(HistoryPage { events, next_page_token: kept.next_page_token.to_vec() })
        });
        (page, !loaded)
    }

    async fn cut_from_whole<F, Fut>(&self, run: RunKey, request: PageRequest, fetch: F) -> Served
    where
        F: Fn(PageRequest) -> Fut,
        Fut: Future<Output = Result<HistoryPage, AppError>>,
    {
        let mut loaded = false;
        let whole = self
            .entries
            .try_get_with(HistoryKey { run, read: Read::Whole }, async {
                loaded = true;
                let mut events = Vec::new();
                let mut token = Vec::new();
                for _ in 0..WHOLE_MAX_PAGES {
                    let page = fetch(PageRequest { reverse: false, token, page_size: WHOLE_EVENTS as i32 }).await?;
                    events.extend(page.events.iter().map(Message::encode_to_vec));
                    token = page.next_page_token;
                    if token.is_empty() {
                        return Ok(Kept { events: events.into(), next_page_token: Arc::new([]), open: false });
                    }
                }
                Err(AppError::Internal("a closed run's history did not end where its describe said".into()))
            })
            .await;
        (whole.map_err(|error| (*error).clone()).and_then(|whole| cut(&whole, &request)), !loaded)
    }

    pub fn forget(&self, namespace: &str, workflow_id: &str) {
        let (namespace, workflow_id) = (namespace.to_string(), workflow_id.to_string());
        let _ = self.entries.invalidate_entries_if(move |key, _| {
            key.run.namespace == namespace && (workflow_id.is_empty() || key.run.workflow_id == workflow_id)
        });
    }
}

fn is_short(length: i64, size: i64) -> bool {
    length <= WHOLE_EVENTS && size <= WHOLE_BYTES
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
