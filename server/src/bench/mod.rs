//! The benchmarks, each a `server bench-…` command that prints numbers: the
//! photo pipeline against `vipsthumbnail` (`photo`), search over a synthetic
//! catalogue (`search`, whose catalogue the others reuse), the pages under
//! wrk (`http`), a producer's inbox (`inbox`), its insights (`insights`),
//! and search relevance on the judged query set (`relevance`, which fails
//! below the floors it is given). `./tradema test` runs each at a small
//! size only to prove it works, and the relevance one in full with its
//! floors.

pub mod http;
pub mod inbox;
pub mod insights;
pub mod photo;
pub mod relevance;
pub mod search;
