//! Text strategies shared by the property tests (`*_props.rs`). Built from `any::<char>()`, not
//! regexes: a regex strategy costs ~0.1 ms a sample in a debug build, most of a property's time
//! at 10,000 cases.
use proptest::prelude::*;

/// Any text of up to `max` chars: every Unicode scalar, controls included.
pub fn text(max: usize) -> impl Strategy<Value = String> + Clone {
    prop::collection::vec(any::<char>(), 0..=max).prop_map(String::from_iter)
}

/// Text of `len` chars (a range such as `0..=8`) from `alphabet`.
pub fn text_of(alphabet: &'static str, len: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = String> + Clone {
    let chars: Vec<char> = alphabet.chars().collect();
    prop::collection::vec(prop::sample::select(chars), len).prop_map(String::from_iter)
}

/// Like [`text`], without `excluded` (each one becomes `instead`).
pub fn text_without(
    excluded: char,
    instead: char,
    len: std::ops::RangeInclusive<usize>,
) -> impl Strategy<Value = String> + Clone {
    prop::collection::vec(any::<char>(), len)
        .prop_map(move |chars| chars.into_iter().map(|c| if c == excluded { instead } else { c }).collect())
}
