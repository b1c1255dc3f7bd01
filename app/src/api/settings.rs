//! The reader's settings: for now the time zone pages use.
use leptos::prelude::*;

use crate::error::AppError;
use model::TimeZoneChoice;

/// The zone pages use for this reader, and every zone they may choose.
#[server]
pub async fn load_time_zones() -> Result<TimeZoneChoice, AppError> {
    use inspector::time_zones;
    let chosen = use_context::<http::request::Parts>().and_then(|parts| time_zones::chosen_name(&parts.headers));
    let current = crate::time_zone::zone().name.clone();
    Ok(TimeZoneChoice {
        unknown: chosen.filter(|name| time_zones::rules_for(name).is_none()),
        current,
        names: time_zones::zone_names().into_iter().map(str::to_string).collect(),
    })
}
