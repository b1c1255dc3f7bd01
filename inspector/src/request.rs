//! Everything a read, a write page or an analysis needs from the HTTP request it serves, given
//! explicitly: the server's handlers and the app's server functions build one per request.
use std::sync::Arc;

use model::{PageLinks, ZoneRules};

use crate::{
    Settings, TemporalClient,
    access::{Access, CsrfIssued, CsrfToken},
    server_metrics::ServerMetrics,
    timeline::closed_runs::KeptLanes,
};

#[derive(Clone)]
pub struct RequestContext {
    /// The request's cluster's client, acting for the caller ([`TemporalClient::for_request`]).
    pub client: TemporalClient,
    /// Who is asking and what they may change.
    pub access: Access,
    pub csrf: Csrf,
    pub settings: Settings,
    /// The zone the reader's pages write times in.
    pub zone: Arc<ZoneRules>,
    /// Where the request's cluster's pages are, for links that analyses write.
    pub links: PageLinks,
    /// The request's cluster's server metrics (not configured when the deployment gave none).
    pub metrics: ServerMetrics,
    /// The request's cluster's kept timeline lanes of long closed runs.
    pub kept_lanes: Arc<KeptLanes>,
}

/// The request's CSRF token, for pages that render a write form.
#[derive(Clone, Default)]
pub struct Csrf {
    token: Option<CsrfToken>,
    issued: Option<CsrfIssued>,
}

impl Csrf {
    pub fn of(parts: &http::request::Parts) -> Csrf {
        Csrf {
            token: parts.extensions.get::<CsrfToken>().cloned(),
            issued: parts.extensions.get::<CsrfIssued>().cloned(),
        }
    }

    /// The token a write form carries (empty when the server set none). Asking for it marks the
    /// answer as one holding a write form, which then sets the double-submit cookie.
    pub fn token(&self) -> String {
        if let Some(issued) = &self.issued {
            issued.0.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        self.token.as_ref().map(|token| token.0.clone()).unwrap_or_default()
    }
}
