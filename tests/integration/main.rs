//! One integration test binary, a module per feature (crates.io and
//! zero2prod style). Each test spawns what it needs on loopback, port 0.

mod access;
mod accounts;
mod alerts;
mod api;
mod backups;
mod client_address;
mod crash_drill;
mod database;
mod deals;
mod documents;
mod fleet;
mod fleet_drill;
mod imports;
mod inquiries;
mod insights;
mod mail;
mod media_storage;
mod metrics;
mod offices;
mod operations;
mod outages;
mod pages;
mod races;
mod requests;
mod search;
mod security;
mod seo;
mod showcases;
mod teams;
mod uploads;
mod workspace_postgres;
