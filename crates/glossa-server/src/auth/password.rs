//! argon2id password hashing, run on the blocking pool so that hashing
//! never stalls the async workers.

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::ApiError;

/// Hashes and verifies passwords with fixed argon2id parameters.
#[derive(Clone, Debug)]
pub struct Hasher {
    params: Params,
}

impl Hasher {
    /// A hasher with the given memory (KiB), passes and lanes.
    pub fn new(memory_kib: u32, iterations: u32, parallelism: u32) -> Result<Self, String> {
        let params = Params::new(memory_kib, iterations, parallelism, None)
            .map_err(|e| format!("invalid argon2 parameters: {e}"))?;
        Ok(Self { params })
    }

    fn argon2(&self) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone())
    }

    /// Hash a password into a PHC string.
    pub async fn hash(&self, password: String) -> Result<String, ApiError> {
        let this = self.clone();
        tokio::task::spawn_blocking(move || {
            this.argon2()
                .hash_password(password.as_bytes())
                .map(|h| h.to_string())
                .map_err(ApiError::internal)
        })
        .await
        .map_err(ApiError::internal)?
    }

    /// Whether a password matches a stored hash. A malformed stored hash is
    /// an internal error, not a mismatch.
    pub async fn verify(&self, password: String, hash: String) -> Result<bool, ApiError> {
        let this = self.clone();
        tokio::task::spawn_blocking(move || {
            let parsed = PasswordHash::new(&hash).map_err(ApiError::internal)?;
            Ok(this
                .argon2()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok())
        })
        .await
        .map_err(ApiError::internal)?
    }

    /// Spend the time of one verification without a hash, so that an
    /// unknown email takes as long as a wrong password.
    pub async fn burn(&self) {
        let _ = self.hash("timing-equaliser".to_owned()).await;
    }
}
