//! The gRPC message framing of one unary call: reading the request body (at most
//! [`MAX_REQUEST_BYTES`]) down to its single message, and framing the answer's message with the
//! `grpc-status: 0` trailer.
use std::convert::Infallible;

use bytes::{BufMut, Bytes, BytesMut};
use http_body_util::{BodyExt, Limited, StreamBody};
use tonic::{Status, body::Body};

/// The largest request message forwarded (Temporal's own default limit is 4 MB as well).
pub const MAX_REQUEST_BYTES: usize = 4 * 1024 * 1024;

/// Length of the gRPC frame header: a compression flag and the message's length (big endian).
const HEADER: usize = 5;

/// Reads the whole body of a unary call and answers its one message.
pub async fn read_message(body: Body) -> Result<Bytes, Status> {
    let limited = Limited::new(body, MAX_REQUEST_BYTES + HEADER);
    let bytes = match limited.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(error) if error.is::<http_body_util::LengthLimitError>() => {
            return Err(too_large());
        }
        Err(error) => return Err(Status::invalid_argument(format!("The request body could not be read: {error}."))),
    };
    message_of(bytes)
}

fn too_large() -> Status {
    Status::resource_exhausted(format!(
        "The request is larger than {} MB, the most this server forwards.",
        MAX_REQUEST_BYTES / (1024 * 1024)
    ))
}

/// The single message of a framed unary request body.
pub fn message_of(mut bytes: Bytes) -> Result<Bytes, Status> {
    if bytes.len() < HEADER {
        return Err(Status::invalid_argument("The request holds no gRPC message (a unary call sends exactly one)."));
    }
    if bytes[0] != 0 {
        return Err(Status::unimplemented(
            "The request message is compressed; this server forwards uncompressed messages only.",
        ));
    }
    let length = u32::from_be_bytes([bytes[1], bytes[2], bytes[3], bytes[4]]) as usize;
    if length > MAX_REQUEST_BYTES {
        return Err(too_large());
    }
    let rest = bytes.len() - HEADER;
    if rest < length {
        return Err(Status::invalid_argument(format!(
            "The request message is cut short: its frame announces {length} bytes, the body holds {rest}."
        )));
    }
    if rest > length {
        return Err(Status::invalid_argument("The request holds more than one gRPC message; a unary call sends one."));
    }
    Ok(bytes.split_off(HEADER))
}

/// A successful unary answer's body: the framed message, then the `grpc-status: 0` trailer.
pub fn answer_body(message: Bytes) -> Body {
    let mut frame = BytesMut::with_capacity(HEADER + message.len());
    frame.put_u8(0);
    frame.put_u32(message.len() as u32);
    frame.put_slice(&message);
    let mut trailers = http::HeaderMap::new();
    trailers.insert("grpc-status", http::HeaderValue::from_static("0"));
    let frames = [http_body::Frame::data(frame.freeze()), http_body::Frame::trailers(trailers)];
    Body::new(StreamBody::new(futures_util::stream::iter(frames.map(Ok::<_, Infallible>))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(flag: u8, message: &[u8]) -> Bytes {
        let mut bytes = vec![flag];
        bytes.extend_from_slice(&(message.len() as u32).to_be_bytes());
        bytes.extend_from_slice(message);
        bytes.into()
    }

    #[test]
    fn one_uncompressed_message_is_read_and_anything_else_refused() {
        assert_eq!(message_of(framed(0, b"\x0a\x03abc")).unwrap(), Bytes::from_static(b"\x0a\x03abc"));
        assert_eq!(message_of(framed(0, b"")).unwrap(), Bytes::new());
        assert_eq!(message_of(framed(1, b"x")).unwrap_err().code(), tonic::Code::Unimplemented);
        assert_eq!(message_of(Bytes::from_static(b"\0\0")).unwrap_err().code(), tonic::Code::InvalidArgument);
        let mut two = framed(0, b"a").to_vec();
        two.extend_from_slice(&framed(0, b"b"));
        assert!(message_of(two.into()).unwrap_err().message().contains("more than one"));
        let short = framed(0, b"abc").slice(..6);
        assert!(message_of(short).unwrap_err().message().contains("cut short"));
        let mut huge = vec![0u8];
        huge.extend_from_slice(&((MAX_REQUEST_BYTES + 1) as u32).to_be_bytes());
        assert_eq!(message_of(huge.into()).unwrap_err().code(), tonic::Code::ResourceExhausted);
    }

    #[tokio::test]
    async fn bodies_over_the_limit_are_resource_exhausted() {
        let body = Body::new(http_body_util::Full::new(framed(0, &vec![7u8; MAX_REQUEST_BYTES + 1])));
        assert_eq!(read_message(body).await.unwrap_err().code(), tonic::Code::ResourceExhausted);
        let body = Body::new(http_body_util::Full::new(framed(0, b"ok")));
        assert_eq!(read_message(body).await.unwrap(), Bytes::from_static(b"ok"));
    }

    #[tokio::test]
    async fn answers_are_framed_and_end_with_an_ok_status() {
        let collected = answer_body(Bytes::from_static(b"hi")).collect().await.unwrap();
        let trailers = collected.trailers().cloned().unwrap();
        assert_eq!(trailers.get("grpc-status").unwrap(), "0");
        assert_eq!(collected.to_bytes(), framed(0, b"hi"));
    }
}
