//! Creating accounts: shared by registration and `glossa user create`.

use chrono::{DateTime, Utc};
use glossa_core::{DisplayName, Email, FieldErrors, LanguageCode, Role, Timezone, UserSettings};
use glossa_store::entity::users::Model as User;
use glossa_store::repo::{settings, users};
use glossa_store::{DatabaseConnection, StoreError, TransactionTrait};

use crate::auth::password::Hasher;
use crate::error::{ApiError, ApiResult};

/// A validated email and a password that passed the policy, plus profile.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// Email.
    pub email: Email,
    /// Password (already checked against the policy).
    pub password: String,
    /// Role.
    pub role: Role,
    /// Optional display name (validated here).
    pub display_name: Option<String>,
    /// Native language (default `en`).
    pub native_language: Option<String>,
    /// Timezone (default `UTC`).
    pub timezone: Option<String>,
}

/// Create the user and their default settings in one transaction.
pub async fn create_account(
    db: &DatabaseConnection,
    hasher: &Hasher,
    new: NewAccount,
    now: DateTime<Utc>,
) -> ApiResult<User> {
    let mut errors = FieldErrors::new();
    let display_name = match new.display_name.as_deref() {
        Some(d) => errors.check("display_name", DisplayName::parse(d)),
        None => None,
    };
    let native = errors.check(
        "native_language",
        LanguageCode::parse(new.native_language.as_deref().unwrap_or("en")),
    );
    let tz = errors.check(
        "timezone",
        Timezone::parse(new.timezone.as_deref().unwrap_or("UTC")),
    );
    errors.into_result()?;
    let (Some(native), Some(tz)) = (native, tz) else {
        return Err(ApiError::internal("validated fields missing"));
    };
    let hash = hasher.hash(new.password).await?;
    let defaults = serde_json::to_value(UserSettings::default()).map_err(ApiError::internal)?;
    let txn = db.begin().await.map_err(StoreError::from)?;
    let user = users::create(
        &txn,
        users::NewUser {
            email: new.email.into_inner(),
            password_hash: Some(hash),
            role: new.role.as_str().to_owned(),
            display_name: display_name.map(|d| d.as_str().to_owned()),
            username: None,
            native_language: native.as_str().to_owned(),
            timezone: tz.as_str().to_owned(),
        },
        now,
    )
    .await?;
    settings::create_default(&txn, user.id, defaults, now).await?;
    txn.commit().await.map_err(StoreError::from)?;
    Ok(user)
}
