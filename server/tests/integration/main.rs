//! Integration tests: the server's own routes against a real Temporal dev server and the fixture
//! workload (`cargo xtask test` starts both and sets `TDBG_TEMPORAL_ADDRESS` and
//! `TDBG_FIXTURE_MANIFEST`).
mod actions_support;
mod activity_commands;
mod support;

mod batch;
mod cluster_health;
mod clusters;
mod codec;
mod codec_writes;
mod compare;
mod diagnosis;
mod errors;
mod grpc_web;
mod history;
mod history_download;
mod history_views;
mod import;
mod live_history;
mod operations;
mod public_path;
mod queries;
mod recovery;
mod relationships;
mod run_actions;
mod run_metadata;
mod run_tabs;
mod secure_connection;
mod server_process;
mod sign_in;
mod time_zones;
mod timeline;
mod update_and_pause;
mod workflow_list_views;
mod workflow_task_banner;
mod workflows;
