//! The HTTP client the OpenID Connect library calls the provider with: the workspace's reqwest
//! 0.13 behind `openidconnect`'s [`AsyncHttpClient`] trait (its own reqwest feature would bring a
//! second reqwest, 0.12). Redirects are not followed (the library's advice against SSRF).
use std::{future::Future, pin::Pin, time::Duration};

use openidconnect::{AsyncHttpClient, HttpRequest, HttpResponse};

/// Why a call to the provider failed, in words.
#[derive(Debug)]
pub struct HttpError(pub String);

impl std::fmt::Display for HttpError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl std::error::Error for HttpError {}

#[derive(Clone, Debug)]
pub struct ProviderHttp(reqwest::Client);

impl ProviderHttp {
    pub fn new() -> Result<ProviderHttp, String> {
        inspector::temporal::tls::crypto_provider();
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .connect_timeout(Duration::from_secs(3))
            .build()
            .map(ProviderHttp)
            .map_err(|error| format!("cannot prepare the HTTP client for the sign-in provider: {error}"))
    }

    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, HttpError> {
        let request = reqwest::Request::try_from(request).map_err(|error| HttpError(error.to_string()))?;
        let url = request.url().clone();
        let response = self.0.execute(request).await.map_err(|error| {
            if error.is_timeout() {
                HttpError(format!("{url} did not answer within 10 s"))
            } else if error.is_connect() {
                HttpError(format!("{url} is unreachable"))
            } else {
                HttpError(format!("the call to {url} failed: {error}"))
            }
        })?;
        let mut builder = axum::http::Response::builder().status(response.status());
        for (name, value) in response.headers() {
            builder = builder.header(name, value);
        }
        let body = response.bytes().await.map_err(|error| HttpError(format!("reading {url}: {error}")))?;
        builder.body(body.to_vec()).map_err(|error| HttpError(error.to_string()))
    }
}

impl<'c> AsyncHttpClient<'c> for ProviderHttp {
    type Error = HttpError;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, HttpError>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(self.send(request))
    }
}
