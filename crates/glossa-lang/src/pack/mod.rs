//! Content packs on disk: a directory of TOML files (see
//! `docs/content-packs.md`).

mod files;
mod read;
mod write;

pub use read::{Origins, PackError, located, read_pack, read_pack_checked};
pub use write::write_pack;
