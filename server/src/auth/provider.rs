//! The OpenID provider: discovered lazily (the server starts while the provider is down; sign-in
//! answers 503 until discovery works, tried again at most every 5 s), then the authorization code
//! flow with PKCE, state and nonce, and token refresh.
use std::{
    collections::HashMap,
    sync::Arc,
    time::{Duration, Instant},
};

use openidconnect::{
    AccessTokenHash, AdditionalProviderMetadata, AuthorizationCode, ClientId, ClientSecret, CsrfToken,
    EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge,
    PkceCodeVerifier, ProviderMetadata, RedirectUrl, RefreshToken, Scope, TokenResponse,
    core::{
        CoreAuthDisplay, CoreAuthenticationFlow, CoreClaimName, CoreClaimType, CoreClient, CoreClientAuthMethod,
        CoreGrantType, CoreIdToken, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJweKeyManagementAlgorithm,
        CoreResponseMode, CoreResponseType, CoreSubjectIdentifierType, CoreTokenResponse,
    },
};
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

use super::{
    http_client::ProviderHttp,
    roles,
    session::{Pending, Session, now},
};
use crate::config::auth::AuthConfig;

type OidcClient =
    CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// The discovery document's field for RP-initiated logout, which the core metadata leaves out.
#[derive(Clone, Debug, Deserialize, Serialize)]
struct LogoutMetadata {
    end_session_endpoint: Option<url::Url>,
}

impl AdditionalProviderMetadata for LogoutMetadata {}

type Metadata = ProviderMetadata<
    LogoutMetadata,
    CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    CoreClaimType,
    CoreGrantType,
    CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm,
    CoreJsonWebKey,
    CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;

/// What discovery found: the client, and where the provider ends its own session.
struct Discovered {
    client: OidcClient,
    end_session: Option<url::Url>,
}

/// Discovery is tried again after a failure no sooner than this.
const RETRY_AFTER: Duration = Duration::from_secs(5);
/// A refresh's result is reused this long for other requests that carry the same refresh token
/// (a page and its server functions refresh at once; providers that rotate refresh tokens would
/// otherwise see the old one twice).
const REFRESH_REUSE: Duration = Duration::from_secs(10);

/// Why a sign-in step failed, as the sentence the browser is shown.
#[derive(Debug)]
pub enum ProviderError {
    /// The provider cannot be reached or discovered (503).
    Unavailable(String),
    /// The provider refused, or answered something that does not verify (401).
    Refused(String),
}

pub struct Provider {
    config: Arc<AuthConfig>,
    http: ProviderHttp,
    client: Mutex<Option<Arc<Discovered>>>,
    last_failure: std::sync::Mutex<Option<(Instant, String)>>,
    refreshes: Mutex<HashMap<String, (Instant, Session)>>,
}

impl Provider {
    pub fn new(config: Arc<AuthConfig>) -> Result<Provider, String> {
        Ok(Provider {
            config,
            http: ProviderHttp::new()?,
            client: Mutex::new(None),
            last_failure: std::sync::Mutex::new(None),
            refreshes: Mutex::new(HashMap::new()),
        })
    }

    /// The discovered client, discovering it first if need be.
    async fn client(&self) -> Result<Arc<Discovered>, ProviderError> {
        let mut slot = self.client.lock().await;
        if let Some(client) = slot.as_ref() {
            return Ok(client.clone());
        }
        if let Some((at, message)) = self.last_failure.lock().unwrap_or_else(|p| p.into_inner()).as_ref()
            && at.elapsed() < RETRY_AFTER
        {
            return Err(ProviderError::Unavailable(message.clone()));
        }
        match self.discover().await {
            Ok(client) => {
                let client = Arc::new(client);
                *slot = Some(client.clone());
                tracing::info!(issuer = %self.config.issuer, "sign-in provider discovered");
                Ok(client)
            }
            Err(message) => {
                tracing::warn!(issuer = %self.config.issuer, "sign-in provider discovery failed: {message}");
                *self.last_failure.lock().unwrap_or_else(|p| p.into_inner()) = Some((Instant::now(), message.clone()));
                Err(ProviderError::Unavailable(message))
            }
        }
    }

    async fn discover(&self) -> Result<Discovered, String> {
        let issuer = &self.config.issuer;
        let sentence = |detail: String| {
            format!(
                "The sign-in provider at {issuer} cannot be used right now ({detail}); sign-in works again once it answers."
            )
        };
        let issuer_url = IssuerUrl::new(issuer.clone()).map_err(|error| sentence(error.to_string()))?;
        let metadata = Metadata::discover_async(issuer_url, &self.http)
            .await
            .map_err(|error| sentence(discovery_words(&error)))?;
        let redirect = RedirectUrl::new(self.config.callback_url.to_string()).map_err(|e| sentence(e.to_string()))?;
        let end_session = metadata.additional_metadata().end_session_endpoint.clone();
        let client = CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.config.client_id.clone()),
            self.config.client_secret.as_ref().map(|secret| ClientSecret::new(secret.expose().to_string())),
        )
        .set_redirect_uri(redirect);
        Ok(Discovered { client, end_session })
    }

    /// Where to send the browser to end the provider's own session too (RP-initiated logout,
    /// with `client_id` and `post_logout_redirect_uri`), if the provider has such an endpoint.
    pub async fn end_session_url(&self, post_logout: &str) -> Option<url::Url> {
        let discovered = self.client().await.ok()?;
        let mut url = discovered.end_session.clone()?;
        url.query_pairs_mut()
            .append_pair("client_id", &self.config.client_id)
            .append_pair("post_logout_redirect_uri", post_logout);
        Some(url)
    }

    /// Discovers the provider unless it already is.
    pub async fn ready(&self) -> Result<(), ProviderError> {
        self.client().await.map(|_| ())
    }

    /// Forgets the discovered metadata (the provider may have rotated its signing keys).
    async fn forget(&self) {
        *self.client.lock().await = None;
    }

    /// Where to send the browser, and what its callback must match.
    pub async fn start(&self, return_to: String) -> Result<(url::Url, Pending), ProviderError> {
        let client = &self.client().await?.client;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request =
            client.authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random);
        for scope in self.config.scopes.iter().filter(|scope| scope.as_str() != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.set_pkce_challenge(challenge).url();
        let pending = Pending {
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
            return_to,
            created_at: now(),
        };
        Ok((url, pending))
    }

    /// Exchanges the callback's code for tokens and checks the ID token (signature, issuer,
    /// audience, expiry, nonce, access token hash).
    pub async fn finish(&self, code: String, pending: &Pending) -> Result<Session, ProviderError> {
        let discovered = self.client().await?;
        let client = &discovered.client;
        let response = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|error| ProviderError::Unavailable(format!("The provider has no token endpoint ({error}).")))?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|error| {
                ProviderError::Refused(format!("The provider did not give tokens for this sign-in: {error}."))
            })?;
        let nonce = Nonce::new(pending.nonce.clone());
        let session = self.session_from(client, &response, None, &nonce);
        if session.is_err() {
            self.forget().await;
        }
        session.map(|mut session| {
            session.csrf = CsrfToken::new_random().secret().clone();
            session
        })
    }

    /// The session with new tokens from its refresh token, or why it must end.
    pub async fn refresh(&self, session: &Session) -> Result<Session, ProviderError> {
        let Some(refresh_token) = session.refresh_token.clone() else {
            return Err(ProviderError::Refused("The session expired and has no refresh token.".into()));
        };
        let mut recent = self.refreshes.lock().await;
        recent.retain(|_, (at, _)| at.elapsed() < REFRESH_REUSE);
        if let Some((_, refreshed)) = recent.get(&refresh_token).filter(|(_, refreshed)| !refreshed.expired(now())) {
            return Ok(refreshed.clone());
        }
        let discovered = self.client().await?;
        let client = &discovered.client;
        let response = client
            .exchange_refresh_token(&RefreshToken::new(refresh_token.clone()))
            .map_err(|error| ProviderError::Unavailable(format!("The provider has no token endpoint ({error}).")))?
            .request_async(&self.http)
            .await
            .map_err(|error| {
                ProviderError::Refused(format!("The provider refused to refresh the session: {error}."))
            })?;
        let mut refreshed = self.session_from(client, &response, Some(session), |_: Option<&Nonce>| Ok(()))?;
        refreshed.csrf = session.csrf.clone();
        refreshed.refresh_token = refreshed.refresh_token.or(Some(refresh_token.clone()));
        recent.insert(refresh_token, (Instant::now(), refreshed.clone()));
        Ok(refreshed)
    }

    /// A session from a token response; after a refresh without a new ID token, `previous`'s
    /// identity is kept.
    fn session_from(
        &self,
        client: &OidcClient,
        response: &CoreTokenResponse,
        previous: Option<&Session>,
        nonce: impl openidconnect::NonceVerifier,
    ) -> Result<Session, ProviderError> {
        let refused =
            |detail: String| ProviderError::Refused(format!("The provider's ID token does not verify: {detail}."));
        let expires_at = now() + response.expires_in().map_or(300, |expires| expires.as_secs());
        let access_token = response.access_token().secret().clone();
        let refresh_token = response.refresh_token().map(|token| token.secret().clone());
        let Some(id_token) = response.id_token() else {
            let previous = previous.ok_or_else(|| refused("the provider sent no ID token".into()))?;
            return Ok(Session { access_token, refresh_token, expires_at, ..previous.clone() });
        };
        let verifier = client.id_token_verifier();
        let claims = id_token.claims(&verifier, nonce).map_err(|error| refused(error.to_string()))?;
        if let Some(expected) = claims.access_token_hash() {
            let signing = id_token.signing_alg().map_err(|error| refused(error.to_string()))?;
            let key = id_token.signing_key(&verifier).map_err(|error| refused(error.to_string()))?;
            let actual = AccessTokenHash::from_token(response.access_token(), signing, key)
                .map_err(|error| refused(error.to_string()))?;
            if actual != *expected {
                return Err(refused("its at_hash does not match the access token".into()));
            }
        }
        let subject = claims.subject().to_string();
        if previous.is_some_and(|previous| previous.subject != subject) {
            return Err(refused("the refreshed ID token is for another user".into()));
        }
        let raw = raw_claims(id_token);
        Ok(Session {
            display_name: roles::display_name(&raw, &subject),
            groups: roles::claim_values(&raw, &self.config.roles.claim),
            subject,
            access_token,
            id_token: id_token.to_string(),
            refresh_token,
            expires_at,
            csrf: String::new(),
            signed_in_at: previous.map_or_else(now, |previous| previous.signed_in_at),
        })
    }
}

/// Every claim of an ID token whose signature was verified (the role claim is not one the
/// library knows).
fn raw_claims(id_token: &CoreIdToken) -> serde_json::Map<String, serde_json::Value> {
    use base64::Engine;
    let text = id_token.to_string();
    text.split('.')
        .nth(1)
        .and_then(|payload| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok())
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

fn discovery_words<E: std::error::Error>(error: &openidconnect::DiscoveryError<E>) -> String {
    use openidconnect::DiscoveryError;
    match error {
        DiscoveryError::Request(inner) => inner.to_string(),
        DiscoveryError::Response(status, _, _) => format!("its discovery document answered HTTP {status}"),
        DiscoveryError::Parse(_) => "its discovery document is not valid OpenID Connect metadata".into(),
        DiscoveryError::Validation(message) => message.clone(),
        other => other.to_string(),
    }
}
