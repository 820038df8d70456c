//! Turning a file's bytes into UTF-8 text.
//!
//! UTF-8 is read with or without a byte-order mark (which is removed, so byte offsets count
//! from the first character of the text). Anything else is refused with a reason rather than
//! analysed as garbled text.

/// Decoded text and a description of how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding it was decoded from (`UTF-8`).
    pub encoding: &'static str,
}

/// Decodes a law file's bytes, or says why it cannot be read as text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.contains(&0) {
        return Err("binary file (contains NUL bytes); not a text law".into());
    }
    match std::str::from_utf8(body) {
        Ok(s) => {
            if s.trim().is_empty() {
                return Err("file contains only white space".into());
            }
            Ok(Decoded {
                text: s.to_string(),
                encoding: "UTF-8",
            })
        }
        Err(e) => Err(format!(
            "not valid UTF-8 (first invalid byte at offset {}); save the file as UTF-8",
            e.valid_up_to() + (bytes.len() - body.len())
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_removed() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFabc").map(|d| d.text),
            Ok("abc".to_string())
        );
    }

    #[test]
    fn refuses_what_is_not_text() {
        assert!(decode(b"").is_err());
        assert!(decode(b"ab\0cd").expect_err("binary").contains("binary"));
        assert!(
            decode(b"caf\xE9")
                .expect_err("latin-1")
                .contains("offset 3")
        );
    }
}
