//! The browser entry point: hydrates the islands of the server-rendered page
//! (the `app` crate's `#[island]` components, the only interactive parts),
//! keeps typed fields across a failed form post, and marks the page live. Nothing else lives here; on the host this crate
//! is empty.

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    app::form_memory::start();
    app::mark_hydrated();
}
