//! Turning bytes on disk into text we are willing to parse.

use crate::diag::pos_of_offset;

/// Files larger than this are refused: board content is small, and a huge file is a mistake
/// (or an attack) that would otherwise cost memory and time.
pub(crate) const MAX_FILE_BYTES: usize = 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TextError {
    TooLarge(usize),
    NotUtf8 { line: usize, column: usize },
}

/// Decodes UTF-8 (with or without BOM) and normalises CRLF to LF so that positions and
/// snippets agree whichever line endings an editor used.
/// `TooLarge` carries the number of bytes seen, which may be a prefix of the file.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, TextError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(TextError::TooLarge(bytes.len()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(if s.contains('\r') {
            s.replace("\r\n", "\n")
        } else {
            s.to_string()
        }),
        Err(e) => {
            let (line, column) = where_utf8_breaks(bytes, &e);
            Err(TextError::NotUtf8 { line, column })
        }
    }
}

/// Where in `bytes` UTF-8 breaks, as `e` found: the line and column of the first bad byte.
pub(crate) fn where_utf8_breaks(bytes: &[u8], e: &std::str::Utf8Error) -> (usize, usize) {
    let good = &bytes[..e.valid_up_to()];
    let text = String::from_utf8_lossy(good);
    let pos = pos_of_offset(&text, text.len());
    (pos.line, pos.column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_crlf() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFa: 1\r\nb: 2\r\n").unwrap(),
            "a: 1\nb: 2\n"
        );
    }

    #[test]
    fn reports_where_utf8_breaks() {
        assert_eq!(
            decode(b"a: 1\nb: \xff\n"),
            Err(TextError::NotUtf8 { line: 2, column: 4 })
        );
    }

    #[test]
    fn refuses_oversized_files() {
        let big = vec![b'#'; MAX_FILE_BYTES + 1];
        assert_eq!(decode(&big), Err(TextError::TooLarge(MAX_FILE_BYTES + 1)));
    }

    #[test]
    fn offsets_count_characters_not_bytes() {
        let p = pos_of_offset("é: x\nab: ü", "é: x\nab: ü".len());
        assert_eq!((p.line, p.column), (2, 6));
    }
}
