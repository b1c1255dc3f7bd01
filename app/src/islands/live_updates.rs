//! Live updates of a running workflow's page: the server's live-history stream (server-sent
//! events over one upstream long poll) tells the page when new events are written, and the page
//! swaps in its fresh run view (`refresh`; this island stays, with its pause state). A pause
//! button stops the stream; closed runs have none.
use leptos::prelude::*;

/// The live indicator and its pause button, streaming from `url` while not paused.
#[island]
pub fn LiveUpdates(url: String) -> impl IntoView {
    let paused = RwSignal::new(false);
    let (connected, set_connected) = signal(false);
    #[cfg(feature = "hydrate")]
    browser::stream(url, paused, set_connected);
    #[cfg(not(feature = "hydrate"))]
    let _ = (url, set_connected);
    let text = move || match (paused.get(), connected.get()) {
        (true, _) => "Live updates paused",
        (false, true) => "Live: new events appear by themselves",
        (false, false) => "Live updates (with JavaScript)",
    };
    view! {
        <p class="live-updates" role="status">
            <span class="live-dot" class:live-on=move || connected.get() && !paused.get()></span>
            " " {text} " "
            <button type="button" on:click=move |_| paused.update(|paused| *paused = !*paused)>
                {move || if paused.get() { "Resume" } else { "Pause" }}
            </button>
        </p>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, closure::Closure};
    use web_sys::{EventSource, MessageEvent};

    type Listener = Closure<dyn FnMut(MessageEvent)>;

    /// An open EventSource and its listeners; closing happens on drop.
    struct Open {
        source: EventSource,
        _listeners: Vec<Listener>,
    }

    impl Drop for Open {
        fn drop(&mut self) {
            self.source.close();
        }
    }

    pub fn stream(url: String, paused: RwSignal<bool>, connected: WriteSignal<bool>) {
        let open = StoredValue::new_local(None::<Open>);
        // One page fetch at a time; events during one ask for another after it.
        let fetching = StoredValue::new_local(false);
        let again = StoredValue::new_local(false);
        Effect::new(move |_| {
            let is_paused = paused.get();
            open.set_value(None);
            connected.set(false);
            if is_paused {
                return;
            }
            let Ok(source) = EventSource::new(&url) else { return };
            let reload = move || reload_page(fetching, again);
            let listeners: Vec<(&str, Listener)> = vec![
                ("ready", Closure::new(move |_: MessageEvent| connected.set(true))),
                ("events", Closure::new(move |_: MessageEvent| reload())),
                (
                    "closed",
                    Closure::new(move |_: MessageEvent| {
                        open.set_value(None);
                        reload();
                    }),
                ),
            ];
            for (name, listener) in &listeners {
                let _ = source.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
            }
            open.set_value(Some(Open { source, _listeners: listeners.into_iter().map(|(_, l)| l).collect() }));
        });
        on_cleanup(move || open.set_value(None));
    }

    fn reload_page(fetching: StoredValue<bool, LocalStorage>, again: StoredValue<bool, LocalStorage>) {
        if fetching.get_value() {
            again.set_value(true);
            return;
        }
        fetching.set_value(true);
        leptos::task::spawn_local(async move {
            loop {
                again.set_value(false);
                if let Err(error) = crate::islands::refresh::swap_in_fresh_page().await {
                    leptos::logging::warn!("live update: the page could not be loaded again: {error:?}");
                }
                if !again.get_value() {
                    break;
                }
            }
            fetching.set_value(false);
        });
    }
}
