//! Sign-in (OpenID Connect) settings: the flags and environment names, and the resolved
//! [`AuthConfig`] (`None` in [`super::Config`] when sign-in is off). Flags and environment only;
//! the `--config` file does not take them.
use base64::Engine;
use inspector::temporal::settings::Secret;

/// `TEMPORAL_AUTH_*` and `TDBG_AUTH_*`: flattened into [`super::Flags`].
#[derive(Debug, Clone, Default, clap::Args)]
pub struct AuthFlags {
    /// Require sign-in through an OpenID Connect provider for every page [default: false].
    #[arg(long, env = "TEMPORAL_AUTH_ENABLED", value_name = "BOOL", value_parser = clap::builder::BoolishValueParser::new())]
    pub auth_enabled: Option<bool>,

    /// The provider's issuer URL (discovery reads {issuer}/.well-known/openid-configuration).
    #[arg(long, env = "TEMPORAL_AUTH_PROVIDER_URL", value_name = "URL")]
    pub auth_provider_url: Option<String>,

    /// The same issuer URL under the name other deployments use.
    #[arg(long, env = "TEMPORAL_AUTH_ISSUER_URL", value_name = "URL", hide = true)]
    pub auth_issuer_url: Option<String>,

    /// This app's client ID at the provider.
    #[arg(long, env = "TEMPORAL_AUTH_CLIENT_ID")]
    pub auth_client_id: Option<String>,

    /// This app's client secret at the provider (none: a public client, PKCE only).
    #[arg(long, env = "TEMPORAL_AUTH_CLIENT_SECRET", hide_env_values = true)]
    pub auth_client_secret: Option<String>,

    /// The URL the provider sends the browser back to: https://HOST[PUBLIC_PATH]/auth/sso/callback;
    /// register exactly this URL at the provider (required with sign-in).
    #[arg(long, env = "TEMPORAL_AUTH_CALLBACK_URL", value_name = "URL")]
    pub auth_callback_url: Option<String>,

    /// Scopes asked for, comma-separated [default: openid,profile,email].
    #[arg(long, env = "TEMPORAL_AUTH_SCOPES", value_name = "LIST")]
    pub auth_scopes: Option<String>,

    /// Send the ID token to Temporal (and the codec server) instead of the access token [default: false].
    #[arg(long, env = "TEMPORAL_AUTH_USE_ID_TOKEN_AS_BEARER", value_name = "BOOL", value_parser = clap::builder::BoolishValueParser::new())]
    pub auth_use_id_token_as_bearer: Option<bool>,

    /// The ID token claim that holds the user's groups (a string or a list) [default: groups].
    #[arg(long, env = "TDBG_AUTH_ROLE_CLAIM", value_name = "CLAIM")]
    pub auth_role_claim: Option<String>,

    /// Claim values (comma-separated) that make a user an operator; everyone else reads only.
    #[arg(long, env = "TDBG_AUTH_OPERATORS", value_name = "LIST")]
    pub auth_operators: Option<String>,

    /// Namespaces each group may act in: `group=ns1|ns2;other=*` [default: all, for everyone].
    #[arg(long, env = "TDBG_AUTH_NAMESPACES", value_name = "MAP")]
    pub auth_namespaces: Option<String>,

    /// Key of the session cookies: base64 of at least 64 random bytes, the same on every replica
    /// [default: a random key per process, so sessions end when it restarts].
    #[arg(long, env = "TDBG_SESSION_KEY", value_name = "BASE64", hide_env_values = true)]
    pub session_key: Option<String>,
}

/// How a user's claim values decide their role and namespaces.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleMapping {
    /// `TDBG_AUTH_ROLE_CLAIM`.
    pub claim: String,
    /// `TDBG_AUTH_OPERATORS`: values that make an operator.
    pub operators: Vec<String>,
    /// `TDBG_AUTH_NAMESPACES`: each group and the namespaces it may act in (`*`: all); `None`: all.
    pub namespaces: Option<Vec<(String, Vec<String>)>>,
}

/// Sign-in as configured (it is on when this exists).
#[derive(Debug, Clone)]
pub struct AuthConfig {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<Secret>,
    pub callback_url: url::Url,
    pub scopes: Vec<String>,
    pub use_id_token_as_bearer: bool,
    pub roles: RoleMapping,
    /// `TDBG_SESSION_KEY`, decoded; `None`: a random key per process.
    pub session_key: Option<Secret>,
}

impl AuthConfig {
    /// Cookies carry `Secure` when the browser reaches the app over https.
    pub fn secure_cookies(&self) -> bool {
        self.callback_url.scheme() == "https"
    }
}

fn non_empty(value: &Option<String>) -> Option<String> {
    value.as_ref().map(|value| value.trim().to_string()).filter(|value| !value.is_empty())
}

fn list(value: &str) -> Vec<String> {
    value.split(',').map(str::trim).filter(|item| !item.is_empty()).map(str::to_string).collect()
}

/// `payments=payments-prod|payments-staging;oncall=*` as (group, namespaces) pairs.
pub fn parse_namespaces(text: &str) -> Result<Vec<(String, Vec<String>)>, String> {
    let mut groups = Vec::new();
    for entry in text.split(';').map(str::trim).filter(|entry| !entry.is_empty()) {
        let Some((group, namespaces)) = entry.split_once('=') else {
            return Err(format!("{entry:?} is not group=namespace|namespace"));
        };
        let namespaces: Vec<String> =
            namespaces.split('|').map(str::trim).filter(|ns| !ns.is_empty()).map(str::to_string).collect();
        if group.trim().is_empty() || namespaces.is_empty() {
            return Err(format!("{entry:?} is not group=namespace|namespace"));
        }
        groups.push((group.trim().to_string(), namespaces));
    }
    Ok(groups)
}

/// The sign-in settings, or one line naming the setting that is missing or wrong.
pub fn resolve(flags: &AuthFlags, public_path: &str) -> Result<Option<AuthConfig>, String> {
    if !flags.auth_enabled.unwrap_or(false) {
        return Ok(None);
    }
    let required = |value: &Option<String>, name: &str| {
        non_empty(value).ok_or_else(|| format!("TEMPORAL_AUTH_ENABLED is on but {name} is not set"))
    };
    let issuer = non_empty(&flags.auth_provider_url)
        .or_else(|| non_empty(&flags.auth_issuer_url))
        .ok_or("TEMPORAL_AUTH_ENABLED is on but TEMPORAL_AUTH_PROVIDER_URL (the issuer) is not set")?;
    url::Url::parse(&issuer)
        .map_err(|error| format!("TEMPORAL_AUTH_PROVIDER_URL: {issuer:?} is not a URL ({error})"))?;
    let client_id = required(&flags.auth_client_id, "TEMPORAL_AUTH_CLIENT_ID")?;
    let callback = required(&flags.auth_callback_url, "TEMPORAL_AUTH_CALLBACK_URL")?;
    let callback_url = url::Url::parse(&callback)
        .map_err(|error| format!("TEMPORAL_AUTH_CALLBACK_URL: {callback:?} is not a URL ({error})"))?;
    let expected_path = format!("{public_path}/auth/sso/callback");
    if !matches!(callback_url.scheme(), "http" | "https") || callback_url.path() != expected_path {
        return Err(format!(
            "TEMPORAL_AUTH_CALLBACK_URL: {callback:?} must be this server's http(s) URL ending in {expected_path}"
        ));
    }
    let scopes = non_empty(&flags.auth_scopes).map_or_else(|| list("openid,profile,email"), |text| list(&text));
    let namespaces = non_empty(&flags.auth_namespaces)
        .map(|text| parse_namespaces(&text).map_err(|error| format!("TDBG_AUTH_NAMESPACES: {error}")))
        .transpose()?;
    let session_key = non_empty(&flags.session_key)
        .map(|text| {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(text.as_bytes())
                .map_err(|_| "TDBG_SESSION_KEY is not base64 (make one with `openssl rand -base64 64`)".to_string())?;
            if bytes.len() < 64 {
                return Err(format!(
                    "TDBG_SESSION_KEY holds {} bytes; it needs at least 64 (`openssl rand -base64 64`)",
                    bytes.len()
                ));
            }
            Ok(Secret::new(base64::engine::general_purpose::STANDARD.encode(&bytes[..64])))
        })
        .transpose()?;
    Ok(Some(AuthConfig {
        issuer,
        client_id,
        client_secret: non_empty(&flags.auth_client_secret).map(Secret::new),
        callback_url,
        scopes,
        use_id_token_as_bearer: flags.auth_use_id_token_as_bearer.unwrap_or(false),
        roles: RoleMapping {
            claim: non_empty(&flags.auth_role_claim).unwrap_or_else(|| "groups".into()),
            operators: non_empty(&flags.auth_operators).map(|text| list(&text)).unwrap_or_default(),
            namespaces,
        },
        session_key,
    }))
}

/// `--print-config` lines for sign-in, the secret masked.
pub fn describe(auth: Option<&AuthConfig>) -> Vec<(String, String)> {
    let Some(auth) = auth else { return vec![("auth".into(), "off".into())] };
    let namespaces = match &auth.roles.namespaces {
        None => "(all)".to_string(),
        Some(groups) => groups
            .iter()
            .map(|(group, namespaces)| format!("{group}={}", namespaces.join("|")))
            .collect::<Vec<_>>()
            .join(";"),
    };
    vec![
        ("auth".into(), "on".into()),
        ("auth_issuer".into(), auth.issuer.clone()),
        ("auth_client_id".into(), auth.client_id.clone()),
        (
            "auth_client_secret".into(),
            auth.client_secret.as_ref().map_or("(none: public client)".into(), |_| "***".into()),
        ),
        ("auth_callback_url".into(), auth.callback_url.to_string()),
        ("auth_scopes".into(), format!("{:?}", auth.scopes)),
        ("auth_use_id_token_as_bearer".into(), auth.use_id_token_as_bearer.to_string()),
        ("auth_role_claim".into(), auth.roles.claim.clone()),
        ("auth_operators".into(), format!("{:?}", auth.roles.operators)),
        ("auth_namespaces".into(), namespaces),
        ("session_key".into(), if auth.session_key.is_some() { "***".into() } else { "(random per process)".into() }),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on() -> AuthFlags {
        AuthFlags {
            auth_enabled: Some(true),
            auth_provider_url: Some("https://id.example.com".into()),
            auth_client_id: Some("debugger".into()),
            auth_callback_url: Some("https://debugger.example.com/auth/sso/callback".into()),
            ..AuthFlags::default()
        }
    }

    #[test]
    fn off_unless_enabled_and_each_missing_setting_is_named() {
        assert!(resolve(&AuthFlags::default(), "").unwrap().is_none());
        let auth = resolve(&on(), "").unwrap().unwrap();
        assert_eq!(auth.scopes, ["openid", "profile", "email"]);
        assert_eq!(auth.roles.claim, "groups");
        assert!(auth.secure_cookies());
        let missing = |change: fn(&mut AuthFlags)| {
            let mut flags = on();
            change(&mut flags);
            resolve(&flags, "").unwrap_err()
        };
        assert!(missing(|flags| flags.auth_provider_url = None).contains("TEMPORAL_AUTH_PROVIDER_URL"));
        assert!(missing(|flags| flags.auth_client_id = Some(" ".into())).contains("TEMPORAL_AUTH_CLIENT_ID"));
        assert!(missing(|flags| flags.auth_callback_url = None).contains("TEMPORAL_AUTH_CALLBACK_URL"));
        assert!(missing(|flags| flags.session_key = Some("c2hvcnQ=".into())).contains("at least 64"));
        assert!(resolve(&on(), "/temporal").unwrap_err().contains("/temporal/auth/sso/callback"));
    }

    #[test]
    fn the_issuer_alias_and_the_namespace_map_are_read() {
        let mut flags = on();
        flags.auth_provider_url = None;
        flags.auth_issuer_url = Some("https://issuer.example.com".into());
        flags.auth_namespaces = Some("payments=payments-prod|payments-staging; oncall=*".into());
        let auth = resolve(&flags, "").unwrap().unwrap();
        assert_eq!(auth.issuer, "https://issuer.example.com");
        assert_eq!(
            auth.roles.namespaces.unwrap(),
            [
                ("payments".to_string(), vec!["payments-prod".to_string(), "payments-staging".to_string()]),
                ("oncall".to_string(), vec!["*".to_string()])
            ]
        );
        assert!(parse_namespaces("payments").unwrap_err().contains("group=namespace"));
    }

    #[test]
    fn the_secret_is_masked_in_the_description() {
        let mut flags = on();
        flags.auth_client_secret = Some("hunter2".into());
        let lines = describe(resolve(&flags, "").unwrap().as_ref());
        assert!(lines.iter().all(|(_, value)| !value.contains("hunter2")));
        assert!(lines.iter().any(|(key, value)| key == "auth_client_secret" && value == "***"));
    }
}
