//! Assessments: the adaptive CEFR placement test.

pub mod placement;
