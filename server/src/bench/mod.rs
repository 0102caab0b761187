//! The benchmarks, each a `server bench-…` command that prints numbers and
//! asserts nothing: the photo pipeline against `vipsthumbnail` (`photo`),
//! search over a synthetic catalogue (`search`, whose catalogue the others
//! reuse), the pages under wrk (`http`), a producer's inbox (`inbox`) and
//! its insights (`insights`). `./tradema test` runs each at a small size
//! only to prove it works.

pub mod http;
pub mod inbox;
pub mod insights;
pub mod photo;
pub mod search;
