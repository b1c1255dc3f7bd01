use super::*;

#[test]
fn placeholder_descriptor_pool_loads() {
    assert!(POOL.is_ok());
}
