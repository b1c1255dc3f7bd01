//! Bounds on what the server holds: how many uploaded histories it reads at once, how much of the
//! audit log it keeps on disk, and how much of Temporal's answers each cluster's read cache keeps.
use clap::Args;

use super::{file::FileConfig, layers, pick};
use crate::audit::Rotation;

#[derive(Debug, Clone, Default, Args)]
pub struct LimitFlags {
    /// Uploaded history files read at once; one more gets 503 until another is done [default: 2].
    #[arg(long, env = "TDBG_MAX_CONCURRENT_IMPORTS", value_name = "N")]
    pub max_concurrent_imports: Option<u64>,

    /// Size past which audit.jsonl is renamed audit.jsonl.1 and a new one begun, in bytes
    /// [default: 10485760 (10 MiB)].
    #[arg(long, env = "TDBG_AUDIT_MAX_BYTES", value_name = "BYTES")]
    pub audit_max_bytes: Option<u64>,

    /// Rotated audit files kept, audit.jsonl.1 the newest; 0 keeps none [default: 5].
    #[arg(long, env = "TDBG_AUDIT_KEEP", value_name = "N")]
    pub audit_keep: Option<u64>,

    /// What each cluster's read cache keeps of Temporal's answers (closed runs' histories,
    /// describes, namespace lists), in MiB; 0 keeps nothing [default: 64].
    #[arg(long = "read-cache-mb", env = "TDBG_READ_CACHE_MB", value_name = "MB")]
    pub read_cache_megabytes: Option<u64>,

    /// Runs the stuck-runs page reads per end (the newest and the oldest running), 1 to 1000;
    /// the page's `?n=` overrides it [default: 250].
    #[arg(long, env = "TDBG_TRIAGE_RUNS", value_name = "N")]
    pub triage_runs: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_concurrent_imports: usize,
    pub audit: Rotation,
    /// Bytes each cluster's read cache may hold.
    pub read_cache_bytes: u64,
    /// Runs the stuck-runs page reads per end.
    pub triage_runs: usize,
}

/// The limits from the flags (and environment), else the file, else the defaults, with the
/// `--print-config` lines saying where each came from.
pub fn resolve(
    flags: &LimitFlags,
    file: &FileConfig,
    flag: &dyn Fn(&str) -> String,
    from_file: &dyn Fn(&str) -> String,
) -> Result<(Limits, Vec<(String, String)>), String> {
    let setting = |key: &str, given: Option<u64>, in_file: Option<u64>, default: u64| {
        pick([layers::sourced(given, || flag(key)), layers::sourced(in_file, || from_file(key))], default)
    };
    let imports = setting(
        "max_concurrent_imports",
        flags.max_concurrent_imports,
        file.max_concurrent_imports,
        inspector::imports::DEFAULT_CONCURRENT_IMPORTS as u64,
    );
    let defaults = Rotation::default();
    let max_bytes = setting("audit_max_bytes", flags.audit_max_bytes, file.audit_max_bytes, defaults.max_bytes);
    let keep = setting("audit_keep", flags.audit_keep, file.audit_keep, defaults.keep as u64);
    let read_cache = setting(
        "read_cache_megabytes",
        flags.read_cache_megabytes,
        file.read_cache_megabytes,
        inspector::temporal::cache::DEFAULT_MAX_BYTES / (1024 * 1024),
    );
    let triage =
        setting("triage_runs", flags.triage_runs, file.triage_runs, inspector::settings::DEFAULT_TRIAGE_RUNS as u64);
    if triage.value == 0 || triage.value > inspector::settings::MAX_TRIAGE_RUNS as u64 {
        return Err(format!(
            "{}: {} runs per end; give 1 to {}",
            triage.from,
            triage.value,
            inspector::settings::MAX_TRIAGE_RUNS
        ));
    }
    if imports.value == 0 {
        return Err(format!("{}: 0 imports at once would refuse every file; give at least 1", imports.from));
    }
    if max_bytes.value == 0 {
        return Err(format!("{}: an audit file of 0 bytes cannot hold a line; give at least 1", max_bytes.from));
    }
    let limits = Limits {
        max_concurrent_imports: usize::try_from(imports.value).unwrap_or(usize::MAX),
        audit: Rotation { max_bytes: max_bytes.value, keep: usize::try_from(keep.value).unwrap_or(usize::MAX) },
        read_cache_bytes: read_cache.value.saturating_mul(1024 * 1024),
        triage_runs: usize::try_from(triage.value).unwrap_or(inspector::settings::MAX_TRIAGE_RUNS),
    };
    let origins = [
        ("max_concurrent_imports", imports),
        ("audit_max_bytes", max_bytes),
        ("audit_keep", keep),
        ("read_cache_megabytes", read_cache),
        ("triage_runs", triage),
    ]
    .into_iter()
    .map(|(key, value)| (key.to_string(), format!("{}  # {}", value.value, value.from)))
    .collect();
    Ok((limits, origins))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use crate::{Config, config::Flags};

    fn load(args: &[&str]) -> Result<Config, String> {
        let mut all = vec!["server"];
        all.extend_from_slice(args);
        Config::load(all).map_err(|error| format!("{error:?}"))
    }

    #[test]
    fn limits_have_defaults_flags_and_file_keys() {
        let config = load(&[]).expect("defaults");
        assert_eq!(config.max_concurrent_imports, 2);
        assert_eq!(config.audit_rotation, crate::audit::Rotation { max_bytes: 10 * 1024 * 1024, keep: 5 });
        assert!(config.describe().contains("max_concurrent_imports = 2  # default"), "{}", config.describe());
        assert_eq!(config.read_cache_bytes, 64 * 1024 * 1024);
        assert!(config.describe().contains("read_cache_megabytes = 64  # default"), "{}", config.describe());

        let flags = ["--max-concurrent-imports", "4", "--audit-max-bytes", "1000", "--audit-keep", "0"];
        let config = load(&[&flags[..], &["--read-cache-mb", "0"]].concat());
        let config = config.expect("flags");
        assert_eq!(config.read_cache_bytes, 0, "0 keeps nothing");
        assert_eq!(config.max_concurrent_imports, 4);
        assert_eq!(config.audit_rotation, crate::audit::Rotation { max_bytes: 1000, keep: 0 });
        assert!(config.describe().contains("audit_max_bytes = 1000  # --audit-max-bytes"), "{}", config.describe());

        let dir = std::env::temp_dir().join(format!("tdbg-limits-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("dir");
        let file = dir.join("app.toml");
        std::fs::write(
            &file,
            "max_concurrent_imports = 3\naudit_max_bytes = 2048\naudit_keep = 9\nread_cache_megabytes = 8\n",
        )
        .expect("file");
        let file = file.display().to_string();
        let config = load(&["--config", &file, "--audit-keep", "1"]).expect("file");
        assert_eq!(config.max_concurrent_imports, 3);
        assert_eq!(config.audit_rotation, crate::audit::Rotation { max_bytes: 2048, keep: 1 }, "the flag wins");
        assert_eq!(config.read_cache_bytes, 8 * 1024 * 1024);
        let _ = std::fs::remove_dir_all(&dir);

        let command = Flags::command();
        let env = |id: &str| {
            let arg = command.get_arguments().find(|arg| arg.get_id() == id);
            arg.and_then(|arg| arg.get_env()).map(|name| name.to_string_lossy().into_owned())
        };
        assert_eq!(env("max_concurrent_imports").as_deref(), Some("TDBG_MAX_CONCURRENT_IMPORTS"));
        assert_eq!(env("audit_max_bytes").as_deref(), Some("TDBG_AUDIT_MAX_BYTES"));
        assert_eq!(env("audit_keep").as_deref(), Some("TDBG_AUDIT_KEEP"));
        assert_eq!(env("read_cache_megabytes").as_deref(), Some("TDBG_READ_CACHE_MB"));
        assert_eq!(env("triage_runs").as_deref(), Some("TDBG_TRIAGE_RUNS"));
    }

    #[test]
    fn triage_runs_default_to_250_and_stay_within_1000() {
        assert_eq!(load(&[]).expect("defaults").triage_runs, 250);
        assert_eq!(load(&["--triage-runs", "40"]).expect("flag").triage_runs, 40);
        let error = load(&["--triage-runs", "5000"]).expect_err("too many");
        assert!(error.contains("--triage-runs: 5000 runs per end; give 1 to 1000"), "{error}");
    }

    #[test]
    fn zero_imports_or_bytes_are_refused_with_the_setting_named() {
        let error = load(&["--max-concurrent-imports", "0"]).expect_err("zero imports");
        assert!(error.contains("--max-concurrent-imports: 0 imports at once"), "{error}");
        let error = load(&["--audit-max-bytes", "0"]).expect_err("zero bytes");
        assert!(error.contains("--audit-max-bytes: an audit file of 0 bytes"), "{error}");
    }
}
