//! The desktop's sync with head office: the network half. `desk-core` decides what each
//! page means for the database (what to push, how to merge); this crate moves the pages.
//!
//! - `client`: one method per protocol endpoint (reqwest, gzip, typed failures).
//! - `engine`: one sync: push all, pull all, move attachment files.
//! - `background`: the task that syncs by itself and on "Sync now".
//! - `account`: sign-in and sign-out of a laptop; `token`: where its token is kept.

pub mod account;
pub mod background;
pub mod client;
pub mod engine;
pub mod failure;
pub mod token;

pub use background::{BackgroundSync, Paths};
pub use client::HeadOffice;
pub use engine::{sync_once, SyncReport};
pub use failure::{FailureKind, LocalCode, SyncFailure};
