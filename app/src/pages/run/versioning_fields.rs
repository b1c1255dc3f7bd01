//! The versioning override form's fields: pinned to a version of a worker deployment,
//! auto-upgrade, or no override, with what the run has now.
use leptos::prelude::*;

use model::VersioningChoice;

#[component]
pub fn VersioningFields(choice: VersioningChoice) -> impl IntoView {
    let VersioningChoice { current_override, deployment_name, build_id, build_ids } = choice;
    let now = match current_override {
        Some(words) => format!("The run's override now: {words}."),
        None => "The run has no override now: its worker's versioning behavior decides.".to_string(),
    };
    let running_on = (!build_id.is_empty())
        .then(|| view! { <p class="muted">"It runs on " <span class="mono">{format!("{deployment_name}:{build_id}")}</span> "."</p> });
    view! {
        <p>{now}</p>
        {running_on}
        <fieldset>
            <legend>"Override"</legend>
            <label><input type="radio" name="override" value="pinned" required /> " Pinned to the version below"</label>
            <label><input type="radio" name="override" value="auto-upgrade" /> " Auto-upgrade (moves to the deployment's current version)"</label>
            <label><input type="radio" name="override" value="remove" /> " Remove the override"</label>
        </fieldset>
        <label>
            "Worker deployment "
            <input name="deployment_name" value=deployment_name autocomplete="off" spellcheck="false" class="mono" />
        </label>
        <label>
            "Build ID " <input name="build_id" value=build_id list="build-ids" autocomplete="off" spellcheck="false" class="mono" />
        </label>
        <datalist id="build-ids">
            {build_ids.into_iter().map(|id| view! { <option value=id /> }).collect_view()}
        </datalist>
    }
}
