//! Assessment attempts: the adaptive placement test's questions and its
//! persisted attempts (every answer stored, so an attempt continues on any
//! server process).

pub mod diagnostic;
pub mod placement;
