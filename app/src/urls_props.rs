//! Properties of the URL texts read from requests and written into links: a path segment or
//! query value `encode`s to one opaque segment that `decode`s back, any text decodes without
//! panicking, and `local_path` lets through only paths of this site.
use model::prop_text::{text, text_of};
use proptest::prelude::*;

use super::{decode, encode, home, local_path, with_base_once, without_base};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn any_value_encodes_to_one_segment_that_decodes_back(value in prop_oneof![text(24), text_of("./%?#&=+ aé", 0..=6)]) {
        let encoded = encode(&value);
        prop_assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)), "{}", encoded);
        prop_assert!(encoded != "." && encoded != "..");
        prop_assert_eq!(decode(&encoded), value);
    }

    /// Whatever a request holds (stray `%`, cut escapes, escaped invalid UTF-8).
    #[test]
    fn any_text_decodes(text in prop_oneof![text(24), text_of("%%%0123456789abcdefABCDEFxX/é", 0..=12)]) {
        let decoded = decode(&text);
        if !text.contains('%') {
            prop_assert_eq!(decoded, text);
        }
    }

    /// `?back=`: a path here stays, anything that could leave the site is the home page.
    #[test]
    fn back_links_stay_on_this_site(back in prop_oneof![text(16), text_of("//\\\\az.:@", 0..=10), text_of("\u{0}\u{1f}\u{7f}\u{85}az", 0..=4).prop_map(|rest| format!("/{rest}"))]) {
        let kept = local_path(&back);
        if kept != home() || back == home() {
            prop_assert_eq!(&kept, &back);
            prop_assert!(kept.starts_with('/') && !kept.starts_with("//") && !kept.starts_with("/\\"));
            prop_assert!(!kept.chars().any(char::is_control));
        }
        // Without a base (as in tests), paths pass through unchanged.
        prop_assert_eq!(with_base_once(&back), back.clone());
        prop_assert_eq!(without_base(&back), back);
    }
}
