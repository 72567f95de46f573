//! Assessments: the adaptive CEFR placement test.

pub mod diagnostic;
pub mod placement;
