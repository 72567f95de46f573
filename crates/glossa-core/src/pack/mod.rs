//! Content packs: the model, its validation and exercise answerability.

pub mod answerable;
pub mod model;
mod normalize;
pub mod validate;
mod validate_more;

pub use model::*;
pub use validate::{Problem, validate};
