use leptos::prelude::*;

use super::params::query_param;
use crate::{
    api::load_time_zones,
    components::{PageLoader, PageShell, PageTitle},
    error::set_http_status,
    islands::BrowserZoneButton,
    theme::Theme,
    urls,
};
use model::TimeZoneChoice;

/// `/settings`: the time zone every page writes its times in and the colour theme (each kept in a
/// cookie of this browser). Plain POST forms, so they work without JavaScript; with it, one button
/// takes the browser's zone.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let error = query_param("error").get_untracked();
    if error.is_some() {
        set_http_status(400);
    }
    let back = query_param("back").get_untracked().map(|back| urls::local_path(&back));
    let zones = Resource::new(|| (), |_| load_time_zones());
    let theme = crate::theme::page_theme();
    let theme_back = back.clone();
    view! {
        <PageTitle text="Settings" />
        <PageShell>
            <h1>"Settings"</h1>
            {error.map(|error| view! { <p class="warning" role="alert">{error}</p> })}
            <PageLoader page=zones loading="Loading…" render=move |choice| view! { <TimeZoneForm choice back=back.clone() /> } />
            <ThemeForm current=theme back=theme_back />
        </PageShell>
    }
}

#[component]
fn TimeZoneForm(choice: TimeZoneChoice, back: Option<String>) -> impl IntoView {
    let current = choice.current.clone();
    view! {
        <section class="panel">
            <h2>"Time zone"</h2>
            <p>
                "Times on every page are written in " <strong class="current-zone">{choice.current.clone()}</strong>
                ". The choice is kept in a cookie of this browser; links you share open in the reader's own zone."
            </p>
            {choice.unknown.map(|name| view! {
                <p class="warning">{format!("\"{name}\" is not a zone the tz database knows, so pages use UTC.")}</p>
            })}
            <form class="settings-form" method="post" action=urls::time_zone_setting()>
                <input type="hidden" name="back" value=back.clone().unwrap_or_default() />
                <label>
                    "Zone "
                    <select name="tz">
                        {choice
                            .names
                            .into_iter()
                            .map(|name| {
                                let selected = name == current;
                                let value = name.clone();
                                view! { <option value=value selected=selected>{name}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                " "
                <button type="submit">"Save"</button>
                <BrowserZoneButton />
            </form>
            {back.map(|back| view! { <p><a href=back>"Back to the page you came from"</a></p> })}
        </section>
    }
}

/// The colour theme: radio buttons, one per [`Theme`], the current one checked.
#[component]
fn ThemeForm(current: Theme, back: Option<String>) -> impl IntoView {
    view! {
        <section class="panel">
            <h2 id="theme-heading">"Theme"</h2>
            <form class="settings-form" method="post" action=urls::theme_setting()>
                <input type="hidden" name="back" value=back.unwrap_or_default() />
                <fieldset class="theme-choice">
                    <legend>"Colours"</legend>
                    {Theme::ALL
                        .into_iter()
                        .map(|theme| {
                            view! {
                                <label>
                                    <input type="radio" name="theme" value=theme.value() checked=theme == current />
                                    " "
                                    {theme.label()}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <button type="submit">"Save theme"</button>
            </form>
        </section>
    }
}
