//! Response shapes shared by several routes.

use chrono::{DateTime, Utc};
use glossa_store::entity::users::Model as User;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A user as the API shows it (never the password hash).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UserView {
    /// Id.
    pub id: Uuid,
    /// Email (lower-case).
    pub email: String,
    /// Optional unique username.
    pub username: Option<String>,
    /// Optional display name.
    pub display_name: Option<String>,
    /// learner, teacher or admin.
    pub role: String,
    /// ISO 639-1 code of the user's own language.
    pub native_language: String,
    /// IANA timezone.
    pub timezone: String,
    /// False once deactivated by an admin.
    pub is_active: bool,
    /// When the account was created.
    pub created_at: DateTime<Utc>,
    /// Last successful login.
    pub last_login_at: Option<DateTime<Utc>>,
}

impl From<User> for UserView {
    fn from(u: User) -> Self {
        Self {
            id: u.id,
            email: u.email,
            username: u.username,
            display_name: u.display_name,
            role: u.role,
            native_language: u.native_language,
            timezone: u.timezone,
            is_active: u.is_active,
            created_at: u.created_at,
            last_login_at: u.last_login_at,
        }
    }
}

/// A page of a list; pass `next_cursor` as `cursor` to get the next one.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// Cursor of the next page, absent on the last one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// `?limit=&cursor=` of every list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PageQuery {
    /// Items per page, 1-100 (default 50).
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

impl PageQuery {
    /// The limit, checked: 1-100, default 50.
    pub fn limit(&self) -> Result<u64, crate::error::ApiError> {
        match self.limit {
            None => Ok(50),
            Some(n @ 1..=100) => Ok(u64::from(n)),
            Some(_) => Err(crate::error::ApiError::field(
                "limit",
                "must be between 1 and 100",
            )),
        }
    }

    /// The id after which the page starts.
    pub fn after(&self) -> Result<Option<Uuid>, crate::error::ApiError> {
        self.cursor
            .as_deref()
            .map(|c| {
                Uuid::parse_str(c)
                    .map_err(|_| crate::error::ApiError::field("cursor", "is not a valid cursor"))
            })
            .transpose()
    }
}

/// Build a page from `limit + 1` fetched rows keyed by id.
pub fn page<T, V>(
    mut rows: Vec<T>,
    limit: u64,
    id: impl Fn(&T) -> Uuid,
    view: impl Fn(T) -> V,
) -> Page<V> {
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next_cursor = if more {
        rows.last().map(|r| id(r).to_string())
    } else {
        None
    };
    Page {
        items: rows.into_iter().map(view).collect(),
        next_cursor,
    }
}
