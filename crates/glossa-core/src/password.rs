//! The password policy applied when a password is set.

/// Fewest characters a password may have.
pub const PASSWORD_MIN_CHARS: usize = 10;
/// Most characters a password may have (the hash has to stay cheap to
/// compute for any accepted input).
pub const PASSWORD_MAX_CHARS: usize = 1024;

/// Check a new password against the policy: 10 to 1024 characters (counted
/// as Unicode characters, not bytes) and not the account's email address
/// or the part of it before the `@`, ignoring case and surrounding spaces.
///
/// The error is a message meant for the person choosing the password.
pub fn check_password(password: &str, email: &str) -> Result<(), String> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        return Err(format!(
            "must be at least {PASSWORD_MIN_CHARS} characters long"
        ));
    }
    if chars > PASSWORD_MAX_CHARS {
        return Err(format!(
            "must be at most {PASSWORD_MAX_CHARS} characters long"
        ));
    }
    let candidate = password.trim().to_lowercase();
    let email = email.trim().to_lowercase();
    if !email.is_empty() && candidate == email {
        return Err("must not be the same as your email address".to_owned());
    }
    let local = email
        .rsplit_once('@')
        .map_or(email.as_str(), |(local, _)| local);
    if !local.is_empty() && candidate == local {
        return Err("must not be the same as the name in your email address".to_owned());
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const EMAIL: &str = "ada.lovelace@example.com";

    #[test]
    fn accepts_reasonable_passwords() {
        assert_eq!(check_password("correct horse battery", EMAIL), Ok(()));
        assert_eq!(check_password("0123456789", EMAIL), Ok(()));
        assert_eq!(check_password(&"x".repeat(1024), EMAIL), Ok(()));
    }

    #[test]
    fn length_is_counted_in_characters() {
        // Nine characters but eighteen bytes.
        let nine = "ééééééééé";
        assert_eq!(nine.len(), 18);
        assert_eq!(
            check_password(nine, EMAIL),
            Err("must be at least 10 characters long".to_owned())
        );
        assert_eq!(check_password("éééééééééé", EMAIL), Ok(()));
        // 1024 characters, 2048 bytes.
        assert_eq!(check_password(&"é".repeat(1024), EMAIL), Ok(()));
        assert_eq!(
            check_password(&"é".repeat(1025), EMAIL),
            Err("must be at most 1024 characters long".to_owned())
        );
    }

    #[test]
    fn rejects_the_email() {
        let err = check_password("Ada.Lovelace@Example.com", EMAIL).unwrap_err();
        assert!(err.contains("email address"));
        assert!(check_password(" ada.lovelace@example.com ", " ADA.LOVELACE@EXAMPLE.COM").is_err());
    }

    #[test]
    fn rejects_the_local_part() {
        let err = check_password("ADA.LOVELACE", EMAIL).unwrap_err();
        assert!(err.contains("name in your email"));
        assert_eq!(check_password("ada.lovelace1", EMAIL), Ok(()));
    }

    #[test]
    fn copes_with_odd_emails() {
        assert_eq!(check_password("long enough pass", ""), Ok(()));
        assert_eq!(check_password("long enough pass", "@"), Ok(()));
        assert!(check_password("long enough pass", "long enough pass").is_err());
    }

    proptest! {
        #[test]
        fn never_panics(password in "\\PC{0,40}", email in "\\PC{0,40}") {
            let _ = check_password(&password, &email);
        }

        #[test]
        fn short_passwords_always_fail(password in "\\PC{0,9}") {
            prop_assert!(check_password(&password, EMAIL).is_err());
        }
    }
}
