//! Field-level validation errors, reported to API clients as
//! `{"field": ["message", ...]}`.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Validation messages grouped by the field they concern.
///
/// Fields are kept in sorted order so that error bodies are stable.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(transparent)]
#[schema(example = json!({"email": ["is not a valid email address"]}))]
pub struct FieldErrors(BTreeMap<String, Vec<String>>);

impl FieldErrors {
    /// An empty set of errors.
    pub fn new() -> Self {
        Self::default()
    }

    /// Errors holding one message for one field.
    pub fn single(field: impl Into<String>, message: impl Into<String>) -> Self {
        let mut errors = Self::new();
        errors.add(field, message);
        errors
    }

    /// Record a message for `field`; messages for the same field accumulate.
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.entry(field.into()).or_default().push(message.into());
    }

    /// Record the error of `result` under `field`, if there is one, and pass
    /// the value on.
    pub fn check<T, E: fmt::Display>(
        &mut self,
        field: impl Into<String>,
        result: Result<T, E>,
    ) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(e) => {
                self.add(field, e.to_string());
                None
            }
        }
    }

    /// Move every message of `other` into `self`.
    pub fn merge(&mut self, other: FieldErrors) {
        for (field, messages) in other.0 {
            self.0.entry(field).or_default().extend(messages);
        }
    }

    /// True when no field has a message.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The number of fields with at least one message.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The messages recorded for `field` (empty when there are none).
    pub fn get(&self, field: &str) -> &[String] {
        self.0.get(field).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Iterate over `(field, messages)` in field order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.0.iter().map(|(f, m)| (f.as_str(), m.as_slice()))
    }

    /// `Ok(())` when empty, otherwise `Err(self)`.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("no validation errors");
        }
        let mut first = true;
        for (field, messages) in &self.0 {
            for message in messages {
                if !first {
                    f.write_str("; ")?;
                }
                first = false;
                write!(f, "{field}: {message}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for FieldErrors {}

impl From<garde::Report> for FieldErrors {
    fn from(report: garde::Report) -> Self {
        let mut errors = Self::new();
        for (path, error) in report.into_inner() {
            errors.add(path.to_string(), error.message());
        }
        errors
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn empty_is_ok() {
        let errors = FieldErrors::new();
        assert!(errors.is_empty());
        assert_eq!(errors.len(), 0);
        assert_eq!(errors.into_result(), Ok(()));
    }

    #[test]
    fn messages_accumulate_per_field() {
        let mut errors = FieldErrors::new();
        errors.add("email", "is required");
        errors.add("email", "is too long");
        errors.add("age", "must be positive");
        assert_eq!(errors.len(), 2);
        assert_eq!(errors.get("email"), ["is required", "is too long"]);
        assert!(errors.get("missing").is_empty());
        assert!(errors.clone().into_result().is_err());
    }

    #[test]
    fn serializes_as_object_of_lists() {
        let mut errors = FieldErrors::single("zoom", "must be between 25 and 400");
        errors.add("font", "must not be blank");
        let value = serde_json::to_value(&errors).unwrap();
        assert_eq!(
            value,
            json!({"font": ["must not be blank"], "zoom": ["must be between 25 and 400"]})
        );
        let back: FieldErrors = serde_json::from_value(value).unwrap();
        assert_eq!(back, errors);
    }

    #[test]
    fn merge_appends() {
        let mut a = FieldErrors::single("x", "one");
        let mut b = FieldErrors::single("x", "two");
        b.add("y", "three");
        a.merge(b);
        assert_eq!(a.get("x"), ["one", "two"]);
        assert_eq!(a.get("y"), ["three"]);
        a.merge(FieldErrors::new());
        assert_eq!(a.len(), 2);
    }

    #[test]
    fn check_records_errors_and_passes_values() {
        let mut errors = FieldErrors::new();
        let ok: Option<i32> = errors.check("a", Ok::<_, String>(3));
        let bad: Option<i32> = errors.check("b", Err::<i32, _>("is wrong"));
        assert_eq!(ok, Some(3));
        assert_eq!(bad, None);
        assert_eq!(errors.get("b"), ["is wrong"]);
        assert!(errors.get("a").is_empty());
    }

    #[test]
    fn display_lists_every_message() {
        let mut errors = FieldErrors::single("b", "bad");
        errors.add("a", "worse");
        assert_eq!(errors.to_string(), "a: worse; b: bad");
        assert_eq!(FieldErrors::new().to_string(), "no validation errors");
        let as_error: &dyn std::error::Error = &errors;
        assert!(as_error.source().is_none());
    }

    #[test]
    fn iter_is_in_field_order() {
        let mut errors = FieldErrors::single("b", "1");
        errors.add("a", "2");
        let fields: Vec<&str> = errors.iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["a", "b"]);
    }

    #[test]
    fn schema_is_an_object() {
        let schema =
            serde_json::to_value(<FieldErrors as utoipa::PartialSchema>::schema()).unwrap();
        assert_eq!(schema["type"], "object");
    }
}
