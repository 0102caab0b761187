//! The browser entry point: hydrates the server-rendered page with the `app`
//! crate's components. Nothing else lives here; on the host this crate is empty.

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
