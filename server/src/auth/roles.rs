//! From a session's claims to an [`inspector::access::User`]: the role claim's values (a string or
//! a list) decide the role (an operator only when a value is in `TDBG_AUTH_OPERATORS`, a reader
//! otherwise) and, with `TDBG_AUTH_NAMESPACES`, the namespaces the user may act in.
use inspector::access::{Role, User};
use serde_json::Value;

use crate::config::auth::RoleMapping;

/// The values of `claim` in an ID token's claims: a string is one value, a list its strings.
pub fn claim_values(claims: &serde_json::Map<String, Value>, claim: &str) -> Vec<String> {
    match claims.get(claim) {
        Some(Value::String(value)) => vec![value.clone()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

/// The user a session stands for, under the configured mapping.
pub fn user(mapping: &RoleMapping, subject: &str, display_name: &str, groups: &[String]) -> User {
    let role = if groups.iter().any(|group| mapping.operators.contains(group)) { Role::Operator } else { Role::Reader };
    let namespaces = mapping.namespaces.as_ref().map(|map| {
        let mut allowed: Vec<String> = Vec::new();
        for (group, namespaces) in map {
            if groups.contains(group) {
                for namespace in namespaces {
                    if !allowed.contains(namespace) {
                        allowed.push(namespace.clone());
                    }
                }
            }
        }
        allowed
    });
    User { subject: subject.to_string(), display_name: display_name.to_string(), role, namespaces }
}

/// What pages show for a user: the email, else the name, else the subject.
pub fn display_name(claims: &serde_json::Map<String, Value>, subject: &str) -> String {
    ["email", "name", "preferred_username"]
        .iter()
        .find_map(|key| claims.get(*key).and_then(Value::as_str).filter(|value| !value.trim().is_empty()))
        .unwrap_or(subject)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::auth::parse_namespaces;

    fn claims(json: Value) -> serde_json::Map<String, Value> {
        json.as_object().cloned().expect("an object")
    }

    fn mapping(namespaces: Option<&str>) -> RoleMapping {
        RoleMapping {
            claim: "groups".into(),
            operators: vec!["oncall".into()],
            namespaces: namespaces.map(|text| parse_namespaces(text).expect("map")),
        }
    }

    #[test]
    fn a_claim_may_be_a_string_or_a_list() {
        let list = claims(serde_json::json!({"groups": ["oncall", "viewers", 3]}));
        assert_eq!(claim_values(&list, "groups"), ["oncall", "viewers"]);
        let one = claims(serde_json::json!({"role": "oncall"}));
        assert_eq!(claim_values(&one, "role"), ["oncall"]);
        assert!(claim_values(&one, "groups").is_empty());
    }

    #[test]
    fn operators_come_only_from_the_listed_values() {
        let groups = |names: &[&str]| names.iter().map(|name| name.to_string()).collect::<Vec<_>>();
        assert_eq!(user(&mapping(None), "s", "olive", &groups(&["oncall"])).role, Role::Operator);
        assert_eq!(user(&mapping(None), "s", "reed", &groups(&["viewers"])).role, Role::Reader);
        assert_eq!(user(&mapping(None), "s", "nobody", &[]).role, Role::Reader);
        assert_eq!(user(&RoleMapping::default(), "s", "olive", &groups(&["oncall"])).role, Role::Reader);
    }

    #[test]
    fn namespaces_are_the_union_of_the_listed_groups() {
        let map = mapping(Some("payments=payments-prod|payments-staging;oncall=*;ops=payments-prod"));
        let groups = |names: &[&str]| names.iter().map(|name| name.to_string()).collect::<Vec<_>>();
        assert_eq!(
            user(&map, "s", "p", &groups(&["payments", "ops"])).namespaces.unwrap(),
            ["payments-prod", "payments-staging"]
        );
        assert_eq!(user(&map, "s", "o", &groups(&["oncall"])).namespaces.unwrap(), ["*"]);
        assert!(user(&map, "s", "v", &groups(&["viewers"])).namespaces.unwrap().is_empty());
        assert!(user(&mapping(None), "s", "v", &groups(&["viewers"])).namespaces.is_none());
    }

    #[test]
    fn the_display_name_prefers_the_email() {
        let both = claims(serde_json::json!({"email": "olive@example.com", "name": "Olive"}));
        assert_eq!(display_name(&both, "sub-1"), "olive@example.com");
        assert_eq!(display_name(&claims(serde_json::json!({"name": "Olive"})), "sub-1"), "Olive");
        assert_eq!(display_name(&claims(serde_json::json!({})), "sub-1"), "sub-1");
    }
}
