use leptos::prelude::*;

use crate::error::AppError;
use model::ImportPage;

/// The page of an imported history file that `view` (the history options as a query string) and
/// the linked `event_id` ask for. Reads no Temporal: the file's events are kept by the server.
#[server]
pub async fn load_import(id: String, view: String, event_id: Option<i64>) -> Result<ImportPage, AppError> {
    use crate::error::with_status;
    use inspector::import_page::import_page;
    use model::HistoryOptions;
    let options = HistoryOptions::from_query(|key| super::run::query_value(&view, key));
    let zone = crate::time_zone::zone();
    let imported = match crate::request::import_store() {
        Ok(store) => store.get(&id).await.ok_or_else(|| {
            AppError::NotFound(format!(
                "No imported history has the ID \"{id}\": {}. Open the file again.",
                store.retention()
            ))
        }),
        Err(error) => Err(error),
    };
    with_status(imported.map(|imported| import_page(&imported, &options, event_id, &zone)))
}
