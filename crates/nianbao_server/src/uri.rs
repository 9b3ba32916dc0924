//! `file://` URIs and paths, both ways: a document's path finds its `nianbao.toml` and says
//! whether it is a report file; a path becomes a URI for the rule pages.

use std::path::{Path, PathBuf};

/// The local path of a `file:` URI (`file:///home/a/%E5%B9%B4%E6%8A%A5.txt`,
/// `file:///C:/reports/a.txt`), or `None` for any other scheme (`untitled:`) or a remote host.
pub fn to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let path = match rest.find('/') {
        Some(0) => rest,
        Some(at) if rest.get(..at).is_some_and(|host| host == "localhost") => rest.get(at..)?,
        _ => return None,
    };
    let decoded = percent_decode(path)?;
    // `/C:/reports` is a Windows drive path.
    let bytes = decoded.as_bytes();
    let windows = bytes.len() >= 3
        && bytes.first() == Some(&b'/')
        && bytes.get(1).is_some_and(u8::is_ascii_alphabetic)
        && bytes.get(2) == Some(&b':');
    let local = if windows && cfg!(windows) {
        decoded.get(1..).unwrap_or(&decoded).to_owned()
    } else {
        decoded
    };
    Some(PathBuf::from(local))
}

/// The `file:` URI of an absolute path, every byte outside the unreserved set (and `/`)
/// percent-encoded.
pub fn from_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file://");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/:".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if byte == b'%' {
            let hex = bytes.get(at + 1..at + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            at += 3;
        } else {
            out.push(byte);
            at += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_paths_round_trip() {
        let path = Path::new("/srv/年报 2024/偃师区.txt");
        let uri = from_path(path);
        assert_eq!(
            uri,
            "file:///srv/%E5%B9%B4%E6%8A%A5%202024/%E5%81%83%E5%B8%88%E5%8C%BA.txt"
        );
        assert_eq!(to_path(&uri).as_deref(), Some(path));
    }

    #[test]
    fn other_schemes_and_hosts_have_no_path() {
        assert_eq!(to_path("untitled:Untitled-1"), None);
        assert_eq!(to_path("file://server/share/a.txt"), None);
        assert_eq!(to_path("file:///a%ZZ.txt"), None);
        assert_eq!(
            to_path("file://localhost/tmp/a.txt").as_deref(),
            Some(Path::new("/tmp/a.txt"))
        );
    }
}
