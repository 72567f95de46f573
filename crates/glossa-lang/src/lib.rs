//! Language resources: reading and writing content packs (and, later,
//! dictionaries, frequency lists and Anki decks).

pub mod pack;

pub use pack::{Origins, PackError, read_pack, write_pack};
