//! Sign-in through an OpenID Connect provider (`TEMPORAL_AUTH_ENABLED`): the authorization code
//! flow with PKCE ([`provider`]), the session in sealed cookies ([`cookies`], [`session`]), the
//! routes under `/auth` ([`routes`]) and the middleware that lets only signed-in requests through
//! ([`middleware`]).
mod cookies;
mod http_client;
pub(crate) mod middleware;
mod provider;
mod return_to;
mod roles;
mod routes;
mod session;

use std::sync::Arc;

use axum::{
    Router,
    routing::{get, post},
};

pub use middleware::require_session;

use crate::config::auth::AuthConfig;

/// Everything sign-in needs, shared by its routes and the middleware.
#[derive(Clone)]
pub struct AuthState(Arc<Inner>);

struct Inner {
    config: Arc<AuthConfig>,
    provider: provider::Provider,
    key: cookie::Key,
    scope: cookies::CookieScope,
    /// `TEMPORAL_UI_PUBLIC_PATH`, normalised (`/temporal` or empty).
    public_path: String,
    /// `scheme://host[:port]` of the callback URL: the Origin of this server's own forms.
    origin: String,
}

impl AuthState {
    /// Sign-in as configured; without `TDBG_SESSION_KEY` a random key (sessions end at restart).
    pub fn new(config: &AuthConfig, public_path: &str) -> Result<AuthState, String> {
        let key = match &config.session_key {
            Some(secret) => {
                use base64::Engine;
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(secret.expose())
                    .map_err(|_| "TDBG_SESSION_KEY is not base64".to_string())?;
                cookie::Key::try_from(bytes.as_slice()).map_err(|_| "TDBG_SESSION_KEY needs 64 bytes".to_string())?
            }
            None => {
                tracing::warn!(
                    "TDBG_SESSION_KEY is not set: sessions are sealed with a random key, so they end when this \
                     process restarts and other replicas do not accept them"
                );
                cookie::Key::generate()
            }
        };
        let config = Arc::new(config.clone());
        Ok(AuthState(Arc::new(Inner {
            provider: provider::Provider::new(config.clone())?,
            key,
            scope: cookies::CookieScope {
                path: if public_path.is_empty() { "/".into() } else { public_path.to_string() },
                secure: config.secure_cookies(),
            },
            public_path: public_path.to_string(),
            origin: config.callback_url.origin().ascii_serialization(),
            config,
        })))
    }

    /// Discovers the provider once at start, so a wrong issuer shows in the log at once (the
    /// server runs either way; sign-in answers 503 until the provider answers).
    pub async fn warm_up(self) {
        let _ = self.0.provider.ready().await;
    }

    /// `GET /auth/sso`, `GET /auth/sso/callback`, `POST /auth/logout`, `GET /auth/logged-out`
    /// (the caller nests them under the public path).
    pub fn routes(&self) -> Router {
        Router::new()
            .route("/auth/sso", get(routes::start))
            .route("/auth/sso/callback", get(routes::callback))
            .route("/auth/logout", post(routes::logout))
            .route("/auth/logged-out", get(routes::logged_out))
            .with_state(self.clone())
    }

    fn auth_path(&self, rest: &str) -> String {
        format!("{}/auth{rest}", self.0.public_path)
    }
}
