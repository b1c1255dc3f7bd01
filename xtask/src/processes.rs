//! Child processes that never outlive xtask.
//!
//! Every child started here runs in its own process group and is recorded in a global
//! registry. A [`ChildGuard`] terminates the whole group (SIGTERM, then SIGKILL after a
//! grace period) when dropped, so an error anywhere tears everything down. On
//! SIGINT/SIGTERM/SIGHUP the signal handler does the same for all registered groups
//! and exits with status 130. Because children are not in our process group, a Ctrl-C
//! in the terminal reaches only xtask, which then stops them in an orderly way.

use anyhow::{Context, Result, bail};
use std::fs::File;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// How long a process group gets to exit after SIGTERM before it is SIGKILLed.
const GRACE: Duration = Duration::from_secs(8);

struct Registry {
    shutting_down: bool,
    /// (process-group id, display name), in start order.
    groups: Vec<(i32, String)>,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry { shutting_down: false, groups: Vec::new() });

fn registry() -> MutexGuard<'static, Registry> {
    REGISTRY.lock().unwrap_or_else(PoisonError::into_inner)
}

pub fn install_signal_handler() -> Result<()> {
    ctrlc::set_handler(|| {
        let groups = {
            let mut reg = registry();
            reg.shutting_down = true;
            reg.groups.clone()
        };
        errln!("\nxtask: interrupted, stopping {} child process group(s)…", groups.len());
        let pgids: Vec<i32> = groups.iter().rev().map(|(pgid, _)| *pgid).collect();
        terminate_groups(&pgids);
        std::process::exit(130);
    })
    .context("cannot install the Ctrl-C handler")
}

/// True once the signal handler has started tearing everything down.
pub fn interrupted() -> bool {
    registry().shutting_down
}

/// If the signal handler is tearing down, block until it exits the process (status
/// 130), so that neither an error message caused by the teardown nor an early exit of
/// `main` (which would cut the handler short) gets in the way.
pub fn park_if_interrupted() {
    while interrupted() {
        std::thread::sleep(Duration::from_secs(1));
    }
}

/// SIGTERM each group, wait up to GRACE for all of them to vanish, then SIGKILL.
/// Reaps the group leaders itself (they are our children), so zombies don't count.
fn terminate_groups(pgids: &[i32]) {
    for &pgid in pgids {
        signal_group(pgid, libc::SIGTERM);
    }
    let deadline = Instant::now() + GRACE;
    while Instant::now() < deadline {
        let alive = pgids.iter().filter(|&&pgid| {
            let mut status = 0;
            // SAFETY: plain syscall on a pid we spawned; reaps it if it has exited.
            unsafe { libc::waitpid(pgid, &mut status, libc::WNOHANG) };
            group_alive(pgid)
        });
        if alive.count() == 0 {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    for &pgid in pgids {
        signal_group(pgid, libc::SIGKILL);
    }
}

fn signal_group(pgid: i32, signal: i32) {
    // SAFETY: kill(2) with a negative pid signals the process group we created.
    unsafe { libc::kill(-pgid, signal) };
}

fn group_alive(pgid: i32) -> bool {
    // SAFETY: signal 0 only checks for existence.
    unsafe { libc::kill(-pgid, 0) == 0 }
}

/// Where a background child's stdout/stderr go.
pub enum Output {
    /// Share our terminal.
    Inherit,
    /// Write both streams to this file (created or truncated).
    File(PathBuf),
}

/// A running child (and its process group) that is stopped when dropped.
pub struct ChildGuard {
    name: String,
    child: Child,
    pgid: i32,
    log: Option<PathBuf>,
    exited: Option<ExitStatus>,
}

/// Start `cmd` in its own process group, registered for teardown.
pub fn spawn(name: &str, cmd: &mut Command, output: Output) -> Result<ChildGuard> {
    cmd.process_group(0).stdin(Stdio::null());
    // Belt and braces for when xtask itself is SIGKILLed: the direct child gets SIGTERM.
    // SAFETY: prctl is async-signal-safe and touches no memory of the parent.
    unsafe {
        cmd.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
            Ok(())
        });
    }
    let log = match output {
        Output::Inherit => None,
        Output::File(path) => {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
            }
            let file = File::create(&path).with_context(|| format!("cannot create log {}", path.display()))?;
            let err = file.try_clone().context("cannot duplicate the log file handle")?;
            cmd.stdout(file).stderr(err);
            Some(path)
        }
    };
    // Hold the lock while spawning so the signal handler cannot miss this child.
    let mut reg = registry();
    if reg.shutting_down {
        bail!("interrupted; not starting {name}");
    }
    let child = cmd.spawn().with_context(|| format!("cannot start {name} ({cmd:?})"))?;
    let pgid = i32::try_from(child.id()).context("pid out of range")?;
    reg.groups.push((pgid, name.to_string()));
    drop(reg);
    if let Some(log) = &log {
        outln!("    {name}: pid {pgid}, log {}", log.display());
    }
    Ok(ChildGuard { name: name.to_string(), child, pgid, log, exited: None })
}

/// Run `cmd` to completion (in its own process group, killed if we are interrupted);
/// fail if it exits unsuccessfully.
pub fn run(name: &str, cmd: &mut Command) -> Result<()> {
    let mut guard = spawn(name, cmd, Output::Inherit)?;
    let status = guard.wait()?;
    if !status.success() {
        bail!("{name} failed ({status})");
    }
    Ok(())
}

impl ChildGuard {
    pub fn name(&self) -> &str {
        &self.name
    }

    #[cfg(test)]
    pub fn pgid(&self) -> i32 {
        self.pgid
    }

    /// `Some(status)` once the main process has exited.
    pub fn try_exited(&mut self) -> Result<Option<ExitStatus>> {
        if self.exited.is_none() {
            self.exited = self.child.try_wait().with_context(|| format!("cannot poll {}", self.name))?;
        }
        Ok(self.exited)
    }

    /// Error out if the process has already exited (used while waiting for readiness).
    pub fn ensure_running(&mut self) -> Result<()> {
        if let Some(status) = self.try_exited()? {
            let hint = self.log.as_ref().map(|p| format!("; see {}", p.display())).unwrap_or_default();
            bail!("{} exited early ({status}){hint}", self.name);
        }
        Ok(())
    }

    /// Wait for the main process, then stop anything it left behind in its group.
    pub fn wait(&mut self) -> Result<ExitStatus> {
        let status = match self.exited {
            Some(status) => status,
            None => self.child.wait().with_context(|| format!("cannot wait for {}", self.name))?,
        };
        self.exited = Some(status);
        self.stop();
        Ok(status)
    }

    /// Print the last `lines` lines of the log file, if output went to one.
    pub fn print_log_tail(&self, lines: usize) {
        let Some(path) = &self.log else { return };
        let Ok(text) = std::fs::read_to_string(path) else {
            return;
        };
        let all: Vec<&str> = text.lines().collect();
        let start = all.len().saturating_sub(lines);
        errln!("---- last {} line(s) of {} ({}) ----", all.len() - start, self.name, path.display());
        for line in &all[start..] {
            errln!("{line}");
        }
        errln!("---- end of {} ----", self.name);
    }

    /// Terminate the process group (idempotent) and unregister it.
    fn stop(&mut self) {
        let pgid = self.pgid;
        let still_running = self.exited.is_none();
        if still_running || group_alive(pgid) {
            signal_group(pgid, libc::SIGTERM);
            let deadline = Instant::now() + GRACE;
            while Instant::now() < deadline {
                if self.exited.is_none() {
                    self.exited = self.child.try_wait().ok().flatten();
                }
                if self.exited.is_some() && !group_alive(pgid) {
                    break;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            signal_group(pgid, libc::SIGKILL);
            if self.exited.is_none() {
                self.exited = self.child.wait().ok();
            }
            if still_running {
                outln!("    stopped {}", self.name);
            }
        }
        registry().groups.retain(|(id, _)| *id != pgid);
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Long-running children, stopped in reverse start order when dropped.
#[derive(Default)]
pub struct Children {
    list: Vec<ChildGuard>,
}

impl Children {
    pub fn push(&mut self, child: ChildGuard) -> &mut ChildGuard {
        self.list.push(child);
        let last = self.list.len() - 1;
        &mut self.list[last]
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut ChildGuard> {
        self.list.iter_mut()
    }

    /// Dump the log tails of every child that logs to a file (for failure diagnosis).
    pub fn print_log_tails(&self, lines: usize) {
        for child in &self.list {
            child.print_log_tail(lines);
        }
    }
}

impl Drop for Children {
    fn drop(&mut self) {
        while let Some(child) = self.list.pop() {
            drop(child);
        }
    }
}
