//! Content packs on disk: a directory of TOML files (see
//! `docs/content-packs.md`).

mod files;
mod read;
mod write;

pub use read::{Origins, PackError, read_pack};
pub use write::write_pack;
