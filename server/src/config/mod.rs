//! The configuration, read once at start from flags, environment, an optional TOML file
//! (`--config`) and the temporal CLI's profile, in that order of precedence. A bad setting stops
//! the server with one line naming the setting and what is wrong with it.
pub mod auth;
mod cluster;
mod cors;
mod file;
mod flags;
mod layers;
mod limits;
mod print;
mod write_actions;

use std::{
    net::{IpAddr, SocketAddr},
    path::PathBuf,
    time::Duration,
};

use clap::{CommandFactory, FromArgMatches, parser::ValueSource};

pub use cluster::ClusterConfig;
use file::FileConfig;
pub use flags::Flags;
use layers::Sourced;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    /// `TDBG_DATA_DIR`: where imported histories are kept.
    pub data_dir: PathBuf,
    pub imports_max_megabytes: u64,
    pub log_format: LogFormat,
    pub rpc_deadline: Duration,
    pub request_timeout: Duration,
    pub status_counts: bool,
    /// `TEMPORAL_HIDE_WORKFLOW_QUERY_ERRORS`: a failed query says so without its error.
    pub hide_query_errors: bool,
    /// `TEMPORAL_FORWARD_HEADERS`: request headers copied to every Temporal call as metadata.
    pub forward_headers: Vec<String>,
    /// `TEMPORAL_UI_SERVER_TLS_CERT` / `_KEY`: serve HTTPS with this certificate and key.
    pub server_tls: Option<(PathBuf, PathBuf)>,
    /// `TEMPORAL_UI_PUBLIC_PATH`, normalised: `/temporal`, or empty.
    pub public_path: String,
    /// The clusters served; the first is the default and keeps the Temporal UI's URLs.
    pub clusters: Vec<ClusterConfig>,
    /// Which write actions are allowed (none by default).
    pub write_policy: inspector::access::WritePolicy,
    /// Sign-in (`TEMPORAL_AUTH_ENABLED`); `None`: off.
    pub auth: Option<auth::AuthConfig>,
    /// `TEMPORAL_CODEC_PASS_ACCESS_TOKEN`: the signed-in user's token goes to the codec server.
    pub codec_pass_access_token: bool,
    /// `TEMPORAL_CORS_ORIGINS`: other sites whose pages may call the gRPC-web endpoint.
    pub cors_origins: Vec<String>,
    /// `TDBG_MAX_CONCURRENT_IMPORTS`: uploads read at once.
    pub max_concurrent_imports: usize,
    /// `TDBG_AUDIT_MAX_BYTES`, `TDBG_AUDIT_KEEP`: when `audit.jsonl` is rotated.
    pub audit_rotation: crate::audit::Rotation,
    /// `TDBG_READ_CACHE_MB` in bytes: what each cluster's read cache keeps.
    pub read_cache_bytes: u64,
    /// `TDBG_TRIAGE_RUNS`: runs the stuck-runs page reads per end.
    pub triage_runs: usize,
    /// `--print-config`: print [`Config::describe`] and exit.
    pub print_config: bool,
    pub check_ready: bool,
    /// Where each setting came from, for `--print-config`.
    origins: Vec<(String, String)>,
}

/// Why the configuration cannot be used.
#[derive(Debug)]
pub enum ConfigError {
    /// `--help`, `--version` or a malformed flag: clap prints it and exits.
    Flags(clap::Error),
    /// One line naming the setting and the problem.
    Invalid(String),
}

impl From<String> for ConfigError {
    fn from(message: String) -> ConfigError {
        ConfigError::Invalid(message)
    }
}

/// Where clap found a flag's value: `--tls-ca` or `env TEMPORAL_TLS_CA`.
pub(crate) struct FlagOrigins<'a> {
    matches: &'a clap::ArgMatches,
    command: clap::Command,
}

impl FlagOrigins<'_> {
    pub fn of(&self, id: &str) -> String {
        let arg = self.command.get_arguments().find(|arg| arg.get_id() == id);
        match (self.matches.value_source(id), arg) {
            (Some(ValueSource::EnvVariable), Some(arg)) => {
                format!("env {}", arg.get_env().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default())
            }
            (_, Some(arg)) => format!("--{}", arg.get_long().unwrap_or(id)),
            (_, None) => id.to_string(),
        }
    }
}

/// A value from the first source that has it, else the default (origin "default").
fn pick<T: Clone>(layers: [Option<Sourced<T>>; 2], default: T) -> Sourced<T> {
    layers.into_iter().flatten().next().unwrap_or(Sourced { value: default, from: "default".into() })
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|value| !value.trim().is_empty())
}

/// The HTTPS certificate and key: both or neither, readable, and belonging together.
fn server_tls(
    cert: Option<Sourced<PathBuf>>,
    key: Option<Sourced<PathBuf>>,
) -> Result<Option<(PathBuf, PathBuf)>, String> {
    use inspector::temporal::{settings::PemSource, tls};
    match (cert, key) {
        (None, None) => Ok(None),
        (Some(cert), None) => Err(format!("{} is set but TEMPORAL_UI_SERVER_TLS_KEY is not", cert.from)),
        (None, Some(key)) => Err(format!("{} is set but TEMPORAL_UI_SERVER_TLS_CERT is not", key.from)),
        (Some(cert), Some(key)) => {
            tls::check_key_pair(&PemSource::File(cert.value.clone()), &PemSource::File(key.value.clone())).map_err(
                |error| {
                    let from = if error.part == tls::TlsPart::ClientKey { &key.from } else { &cert.from };
                    format!("{from}: {}", error.message)
                },
            )?;
            Ok(Some((cert.value, key.value)))
        }
    }
}

/// `TEMPORAL_FORWARD_HEADERS` (comma-separated) or the file's list, as lowercase header names.
fn forward_headers(
    flags: &Flags,
    file: &FileConfig,
    flag: &dyn Fn(&str) -> String,
    from_file: &dyn Fn(&str) -> String,
) -> Result<Sourced<Vec<String>>, String> {
    let given = layers::sourced(
        non_empty(flags.forward_headers.clone()).map(|list| list.split(',').map(str::to_string).collect::<Vec<_>>()),
        || flag("forward_headers"),
    )
    .or(layers::sourced(file.forward_headers.clone(), || from_file("forward_headers")));
    let Some(given) = given else { return Ok(Sourced { value: Vec::new(), from: "default".into() }) };
    let mut names = Vec::new();
    for name in given.value.iter().map(|name| name.trim().to_ascii_lowercase()).filter(|name| !name.is_empty()) {
        if http_header_name(&name).is_none() {
            return Err(format!("{}: {name:?} is not an HTTP header name", given.from));
        }
        names.push(name);
    }
    Ok(Sourced { value: names, from: given.from })
}

fn http_header_name(name: &str) -> Option<()> {
    name.bytes().all(|byte| byte.is_ascii_alphanumeric() || b"-_".contains(&byte)).then_some(())
}

impl Config {
    /// Parses the process's arguments and environment.
    pub fn load<I, T>(args: I) -> Result<Config, ConfigError>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        let matches = Flags::command().try_get_matches_from(args).map_err(ConfigError::Flags)?;
        let flags = Flags::from_arg_matches(&matches).map_err(ConfigError::Flags)?;
        let origins = FlagOrigins { matches: &matches, command: Flags::command() };
        let file = match &flags.config {
            Some(path) => Some((FileConfig::read(path)?, path.display().to_string())),
            None => None,
        };
        Config::resolve(flags, &origins, file)
    }

    /// Flags only, environment and files ignored (tests).
    pub fn from_flags<I, T>(args: I) -> Config
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        Config::load(args).unwrap_or_else(|error| panic!("test config: {error:?}"))
    }

    fn resolve(flags: Flags, origins: &FlagOrigins, file: Option<(FileConfig, String)>) -> Result<Config, ConfigError> {
        let (file, file_name) = file.unwrap_or_default();
        let from_file = |key: &str| format!("{file_name}: {key}");
        let flag = |id: &str| origins.of(id);
        let server_tls = server_tls(
            layers::sourced(flags.server_tls_cert.clone(), || flag("server_tls_cert"))
                .or(layers::sourced(file.server_tls_cert.clone(), || from_file("server_tls_cert"))),
            layers::sourced(flags.server_tls_key.clone(), || flag("server_tls_key"))
                .or(layers::sourced(file.server_tls_key.clone(), || from_file("server_tls_key"))),
        )?;

        let listen_base = pick(
            [
                layers::sourced(flags.listen, || flag("listen")),
                layers::sourced(file.listen.clone(), || from_file("listen"))
                    .map(|s| {
                        s.value
                            .parse::<SocketAddr>()
                            .map(|value| Sourced { value, from: s.from.clone() })
                            .map_err(|error| format!("{}: {:?} is not host:port ({error})", s.from, s.value))
                    })
                    .transpose()?,
            ],
            SocketAddr::from(([127, 0, 0, 1], 3000)),
        );
        let mut listen = listen_base.value;
        let mut listen_from = listen_base.from;
        if let Some(host) = layers::sourced(non_empty(flags.host.clone()), || flag("host"))
            .or(layers::sourced(file.host.clone(), || from_file("host")))
        {
            let ip = if host.value == "localhost" {
                IpAddr::from([127, 0, 0, 1])
            } else {
                host.value
                    .parse::<IpAddr>()
                    .map_err(|_| format!("{}: {:?} is not an IP address (such as 0.0.0.0)", host.from, host.value))?
            };
            listen.set_ip(ip);
            listen_from = format!("{listen_from}, host from {}", host.from);
        }
        if let Some(port) =
            layers::sourced(flags.port, || flag("port")).or(layers::sourced(file.port, || from_file("port")))
        {
            listen.set_port(port.value);
            listen_from = format!("{listen_from}, port from {}", port.from);
        }

        let data_dir = pick(
            [
                layers::sourced(flags.data_dir.clone(), || flag("data_dir")),
                layers::sourced(file.data_dir.clone(), || from_file("data_dir")),
            ],
            PathBuf::from("data"),
        );
        let imports_max = pick(
            [
                layers::sourced(flags.imports_max_megabytes, || flag("imports_max_megabytes")),
                layers::sourced(file.imports_max_megabytes, || from_file("imports_max_megabytes")),
            ],
            1024,
        );
        let log_format = pick(
            [
                layers::sourced(flags.log_format.clone(), || flag("log_format")),
                layers::sourced(file.log_format.clone(), || from_file("log_format")),
            ],
            "text".to_string(),
        );
        let log_format_value = match log_format.value.as_str() {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            other => return Err(format!("{}: {other:?} is not text or json", log_format.from).into()),
        };
        let rpc_deadline = pick(
            [
                layers::sourced(flags.rpc_deadline_seconds, || flag("rpc_deadline_seconds")),
                layers::sourced(file.rpc_deadline_seconds, || from_file("rpc_deadline_seconds")),
            ],
            10,
        );
        let request_timeout = pick(
            [
                layers::sourced(flags.request_timeout_seconds, || flag("request_timeout_seconds")),
                layers::sourced(file.request_timeout_seconds, || from_file("request_timeout_seconds")),
            ],
            120,
        );
        let status_counts = pick(
            [
                layers::sourced(flags.status_counts, || flag("status_counts")),
                layers::sourced(file.status_counts, || from_file("status_counts")),
            ],
            true,
        );
        let hide_query_errors = pick(
            [
                layers::sourced(flags.hide_workflow_query_errors, || flag("hide_workflow_query_errors")),
                layers::sourced(file.hide_workflow_query_errors, || from_file("hide_workflow_query_errors")),
            ],
            false,
        );
        let forward_headers = forward_headers(&flags, &file, &flag, &from_file)?;
        let public_path = pick(
            [
                layers::sourced(non_empty(flags.public_path.clone()), || flag("public_path")),
                layers::sourced(file.public_path.clone(), || from_file("public_path")),
            ],
            String::new(),
        );
        if public_path.value.chars().any(|c| c.is_whitespace() || matches!(c, '?' | '#' | '%' | '\\' | '"' | '<' | '>'))
        {
            return Err(
                format!("{}: {:?} is not a URL path such as /temporal", public_path.from, public_path.value).into()
            );
        }
        let public_path_value = app::url_base::normalize(&public_path.value);
        let rpc_deadline_value = Duration::from_secs(rpc_deadline.value.max(1));
        let clusters = cluster::resolve_all(&flags, origins, &file, &file_name, rpc_deadline_value)?;
        let auth = auth::resolve(&flags.auth, &public_path_value)?;
        let codec_pass_access_token = flags.codec_pass_access_token.unwrap_or(false);

        let write_policy = flags.write.policy();
        let cors_origins = flags.cors.origins()?;
        let (limits, limit_origins) = limits::resolve(&flags.limits, &file, &flag, &from_file)?;
        let mut origins = vec![
            ("listen".to_string(), format!("{listen}  # {listen_from}")),
            ("public_path".into(), format!("{:?}  # {}", public_path_value, public_path.from)),
            (
                "server_tls".into(),
                server_tls.as_ref().map_or("(plain HTTP)".into(), |(cert, key)| {
                    format!("cert {}, key {}", cert.display(), key.display())
                }),
            ),
            ("data_dir".into(), format!("{}  # {}", data_dir.value.display(), data_dir.from)),
            ("imports_max_megabytes".into(), format!("{}  # {}", imports_max.value, imports_max.from)),
            ("log_format".into(), format!("{}  # {}", log_format.value, log_format.from)),
            ("rpc_deadline_seconds".into(), format!("{}  # {}", rpc_deadline.value, rpc_deadline.from)),
            ("request_timeout_seconds".into(), format!("{}  # {}", request_timeout.value, request_timeout.from)),
            ("hide_workflow_query_errors".into(), format!("{}  # {}", hide_query_errors.value, hide_query_errors.from)),
            ("forward_headers".into(), format!("{:?}  # {}", forward_headers.value, forward_headers.from)),
            ("status_counts".into(), format!("{}  # {}", status_counts.value, status_counts.from)),
            ("write_actions".into(), write_actions::WriteFlags::describe(&write_policy)),
            ("codec_pass_access_token".into(), codec_pass_access_token.to_string()),
            ("cors_origins".into(), format!("{cors_origins:?}")),
        ];
        origins.extend(limit_origins);
        origins.extend(auth::describe(auth.as_ref()));
        Ok(Config {
            listen,
            data_dir: data_dir.value.clone(),
            imports_max_megabytes: imports_max.value.max(1),
            log_format: log_format_value,
            rpc_deadline: rpc_deadline_value,
            request_timeout: Duration::from_secs(request_timeout.value.max(1)),
            status_counts: status_counts.value,
            public_path: public_path_value,
            server_tls: server_tls.clone(),
            hide_query_errors: hide_query_errors.value,
            forward_headers: forward_headers.value,
            clusters,
            write_policy,
            auth,
            codec_pass_access_token,
            cors_origins,
            max_concurrent_imports: limits.max_concurrent_imports,
            audit_rotation: limits.audit,
            read_cache_bytes: limits.read_cache_bytes,
            triage_runs: limits.triage_runs,
            print_config: flags.print_config,
            check_ready: flags.check_ready,
            origins,
        })
    }

    /// The default cluster (the first).
    pub fn default_cluster(&self) -> &ClusterConfig {
        &self.clusters[0]
    }

    /// The effective configuration, secrets masked, each value with its source.
    pub fn describe(&self) -> String {
        print::describe(&self.origins, &self.clusters)
    }
}

#[cfg(test)]
mod metrics_tests;
#[cfg(test)]
mod tests;
