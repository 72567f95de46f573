//! Language resources: reading and writing content packs, and importing
//! word lists (CSV/TSV) and Anki decks into packs.

pub mod import;
pub mod pack;
pub mod wordbank;

pub use pack::{Origins, PackError, read_pack, write_pack};
