//! Content packs: the model, its validation and exercise answerability.

pub mod answerable;
pub mod known;
pub mod model;
mod normalize;
pub mod validate;
mod validate_more;

pub use known::{Item, Known, Wanted, wanted};
pub use model::*;
pub use validate::{Problem, validate, validate_with_known};
