//! The error of every word bank reader and of the builder.

/// Why a word bank cannot be built. Every message names the file and,
/// where it can, the line.
#[derive(Debug, thiserror::Error)]
pub enum WordBankError {
    /// The options are invalid.
    #[error("{0}")]
    Options(String),
    /// A file could not be read.
    #[error("{file}: {message}")]
    Io {
        /// The file.
        file: String,
        /// The I/O error.
        message: String,
    },
    /// A file is not of the expected format.
    #[error("{file}: {message}")]
    Format {
        /// The file.
        file: String,
        /// The reason.
        message: String,
    },
    /// One line of a file is invalid.
    #[error("{file}:{line}: {message}")]
    Line {
        /// The file.
        file: String,
        /// 1-based line.
        line: u64,
        /// The reason.
        message: String,
    },
}

impl WordBankError {
    pub(crate) fn io(file: &str, e: &std::io::Error) -> Self {
        Self::Io {
            file: file.to_owned(),
            message: e.to_string(),
        }
    }
    pub(crate) fn format(file: &str, message: &str) -> Self {
        Self::Format {
            file: file.to_owned(),
            message: message.to_owned(),
        }
    }
    /// `index` is 0-based.
    pub(crate) fn line(file: &str, index: usize, message: &str) -> Self {
        Self::Line {
            file: file.to_owned(),
            line: u64::try_from(index).unwrap_or(u64::MAX - 1) + 1,
            message: message.to_owned(),
        }
    }
}
