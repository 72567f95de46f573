//! The one API error type: `{"error": {"code", "message", "details"}}` with
//! the right status. 5xx are logged with their cause and never leak it.

use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use glossa_core::FieldErrors;
use glossa_store::StoreError;
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

/// An error answer of the API.
#[derive(Debug)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Stable machine-readable code (`not_found`, `validation_failed`, ...).
    pub code: &'static str,
    /// A sentence for humans.
    pub message: String,
    /// Extra structure, such as per-field messages.
    pub details: Option<Value>,
    /// Seconds to wait, for 429.
    pub retry_after: Option<u64>,
}

/// The JSON body of every error.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// The inner error object.
#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code.
    pub code: String,
    /// Human-readable message.
    pub message: String,
    /// Extra structure: for `validation_failed`, an object of field name to
    /// list of messages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<Value>,
}

impl ApiError {
    /// An error with a status, code and message.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            details: None,
            retry_after: None,
        }
    }

    /// 400: the request could not be read.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 401: no valid credentials.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }

    /// 403: authenticated but not allowed.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// 404.
    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("{what} not found"),
        )
    }

    /// 409.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "conflict", message)
    }

    /// 422 with per-field messages.
    pub fn validation(errors: FieldErrors) -> Self {
        let mut e = Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            "some fields are invalid",
        );
        e.details = serde_json::to_value(&errors).ok();
        e
    }

    /// 422 for one field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self::validation(FieldErrors::single(field, message.into()))
    }

    /// 429 with Retry-After.
    pub fn too_many(retry_after: u64) -> Self {
        let mut e = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            format!("too many attempts; try again in {retry_after} seconds"),
        );
        e.retry_after = Some(retry_after);
        e
    }

    /// 500 that logs its cause and hides it from the client.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(%cause, "internal error");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "internal server error",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code.to_owned(),
                message: self.message,
                details: self.details,
            },
        };
        let mut resp = (self.status, Json(body)).into_response();
        if let Some(secs) = self.retry_after
            && let Ok(v) = HeaderValue::from_str(&secs.to_string())
        {
            resp.headers_mut().insert(header::RETRY_AFTER, v);
        }
        resp
    }
}

impl From<FieldErrors> for ApiError {
    fn from(errors: FieldErrors) -> Self {
        Self::validation(errors)
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => Self::not_found("resource"),
            StoreError::Conflict(name) => Self::conflict(conflict_message(&name)),
            StoreError::ForeignKey(name) => Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_reference",
                format!("a referenced item does not exist or is still in use ({name})"),
            ),
            StoreError::Constraint(name) => Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "constraint_violated",
                format!("a value is out of its allowed range ({name})"),
            ),
            StoreError::Db(e) => Self::internal(e),
        }
    }
}

/// A sentence for a unique violation, from the index name where known.
fn conflict_message(name: &str) -> String {
    if name.contains("email") {
        "an account with this email already exists".into()
    } else if name.contains("username") {
        "this username is taken".into()
    } else if name.contains("learner_languages") {
        "you already learn this language".into()
    } else {
        format!("this already exists ({name})")
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rej: JsonRejection) -> Self {
        let status = rej.status();
        let code = match rej {
            JsonRejection::JsonDataError(_) => "invalid_body",
            JsonRejection::JsonSyntaxError(_) => "malformed_json",
            JsonRejection::MissingJsonContentType(_) => "unsupported_media_type",
            _ if status == StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
            _ => "bad_request",
        };
        let status = if code == "invalid_body" {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            status
        };
        Self::new(status, code, rej.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(rej: PathRejection) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_path", rej.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rej: QueryRejection) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_query", rej.body_text())
    }
}

/// Result of a handler.
pub type ApiResult<T> = Result<T, ApiError>;

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.code,
            self.message
        )
    }
}
