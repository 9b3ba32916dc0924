//! Inflation bombs: a few KB of Flate data can inflate to gigabytes, and the interpreter inflates
//! a stream whole before it looks at it. Before any page is interpreted, every Flate stream that
//! is not an image (the interpreter never decodes those for us) is inflated here into a small
//! buffer that is thrown away, counting bytes, so an oversized one is refused without ever
//! being held in memory.

use crate::backend::PdfLimits;
use crate::error::{Budget, PdfError};
use flate2::read::{DeflateDecoder, ZlibDecoder};
use hayro_syntax::Filter;
use hayro_syntax::Pdf;
use hayro_syntax::object::{Name, Object};
use std::io::Read;

/// The inflated size of `data` (zlib-wrapped, or raw deflate as some writers emit), counted up
/// to `limit + 1` bytes; a stream that breaks off counts what it gave until then.
fn inflated_len(data: &[u8], limit: u64) -> u64 {
    let count = |reader: &mut dyn Read| -> u64 {
        let mut buffer = [0u8; 16 * 1024];
        let mut total = 0u64;
        let mut limited = reader.take(limit.saturating_add(1));
        while let Ok(read) = limited.read(&mut buffer) {
            if read == 0 {
                break;
            }
            total += read as u64;
        }
        total
    };
    let zlib = count(&mut ZlibDecoder::new(data));
    if zlib > 0 {
        zlib
    } else {
        count(&mut DeflateDecoder::new(data))
    }
}

/// Refuses a document whose non-image streams inflate past the limits.
pub(crate) fn check(pdf: &Pdf, limits: &PdfLimits) -> Result<(), PdfError> {
    let mut total = 0u64;
    for object in pdf.objects() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if stream.filters().first() != Some(&Filter::FlateDecode) {
            continue;
        }
        let is_image = stream
            .dict()
            .get::<Name<'_>>(b"Subtype")
            .is_some_and(|subtype| subtype.as_ref() == b"Image");
        if is_image {
            continue;
        }
        let size = inflated_len(&stream.raw_data(), limits.max_stream_bytes);
        if size > limits.max_stream_bytes {
            return Err(PdfError::OverBudget {
                budget: Budget::StreamBytes,
                limit: limits.max_stream_bytes,
            });
        }
        total = total.saturating_add(size);
        if total > limits.max_decoded_bytes {
            return Err(PdfError::OverBudget {
                budget: Budget::DecodedBytes,
                limit: limits.max_decoded_bytes,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::ZlibEncoder;
    use std::io::Write;

    #[test]
    fn counting_stops_just_past_the_limit() {
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..8 {
            let _ = encoder.write_all(&zeros);
        }
        let bomb = encoder.finish().unwrap_or_default();
        assert!(
            bomb.len() < 16 * 1024,
            "8 MiB of zeros deflate to {}",
            bomb.len()
        );
        assert_eq!(inflated_len(&bomb, 1000), 1001);
        assert_eq!(inflated_len(&bomb, u64::MAX - 1), 8 << 20);
        assert_eq!(inflated_len(b"not deflate at all", 100), 0);
    }
}
