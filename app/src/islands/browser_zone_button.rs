use leptos::prelude::*;

/// "Use this browser's zone": an island, since only the browser knows its zone.
#[island]
pub fn BrowserZoneButton() -> impl IntoView {
    let browser_zone = RwSignal::new(None::<String>);
    Effect::new(move |_| browser_zone.set(crate::time_zone::browser_zone_name()));
    move || {
        browser_zone.get().map(|name| {
            view! {
                " "
                <button type="submit" name="browser_tz" value=name.clone()>
                    {format!("Use this browser's zone ({})", name)}
                </button>
            }
        })
    }
}
