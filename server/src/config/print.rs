//! `--print-config`: the effective settings as TOML-like lines, each with its source; secrets
//! are masked before they get here (`Secret` prints `***`, inline keys their size only).
use super::ClusterConfig;

pub fn describe(server: &[(String, String)], clusters: &[ClusterConfig]) -> String {
    let mut out = String::from("# effective configuration (secrets masked); '# …' says where each value came from\n");
    for (key, value) in server {
        out.push_str(&format!("{key} = {value}\n"));
    }
    for cluster in clusters {
        out.push_str("\n[[clusters]]\n");
        for (key, value) in &cluster.origins {
            out.push_str(&format!("{key} = {value}\n"));
        }
    }
    out
}
