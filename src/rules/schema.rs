//! The input schema of a rule, derived from the types its `fields` table declares, with the words
//! of each fact (`corpus/facts.tsv`) beside it: what `/api/rules` serves, what the calculators
//! page renders as a form and what MCP lists.
//!
//! Field types are a small grammar:
//!
//! ```text
//! type   := "boolean" | "integer" | "string" | "date" | "datetime"
//!         | "enum:" code ("|" code)*
//!         | "array:" type
//!         | "object{" member ("," member)* "}"
//! member := name ["?"] ":" type          -- "?" marks a member that may be left out
//! ```
//!
//! so a list of payments reads `array:object{date:date,amount:integer}`. A member's words are
//! looked up as `field.member` (`payments.date`) and then as the member alone (`stage`), so a
//! member that is a fact elsewhere is said the same way. `tests` check, for every rule, that an
//! instance built from the schema is accepted by the rule's typed input and that leaving out a
//! required member is refused: the grammar cannot drift from the structs.

use serde_json::{json, Map, Value};

use super::{vocab, RuleDef};

/// A parsed field type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ty {
    Boolean,
    Integer,
    String,
    Date,
    DateTime,
    Enum(Vec<&'static str>),
    Array(Box<Ty>),
    /// Members in order: (name, type, required).
    Object(Vec<(&'static str, Ty, bool)>),
}

/// Parses a field type; a malformed type is a programming error named by its text.
pub(crate) fn parse(t: &'static str) -> Ty {
    try_parse(t).unwrap_or_else(|| panic!("malformed rule field type {t:?}"))
}

fn try_parse(t: &'static str) -> Option<Ty> {
    if let Some(codes) = t.strip_prefix("enum:") {
        let codes: Vec<&str> = codes.split('|').collect();
        return (!codes.iter().any(|c| c.is_empty())).then_some(Ty::Enum(codes));
    }
    if let Some(inner) = t.strip_prefix("array:") {
        return Some(Ty::Array(Box::new(try_parse(inner)?)));
    }
    if let Some(body) = t.strip_prefix("object{").and_then(|b| b.strip_suffix('}')) {
        let mut members = Vec::new();
        for m in split_top(body) {
            let (name, ty) = m.split_once(':')?;
            let (name, required) = match name.strip_suffix('?') {
                Some(n) => (n, false),
                None => (name, true),
            };
            if name.is_empty() {
                return None;
            }
            members.push((name, try_parse(ty)?, required));
        }
        return (!members.is_empty()).then_some(Ty::Object(members));
    }
    Some(match t {
        "boolean" => Ty::Boolean,
        "integer" => Ty::Integer,
        "string" => Ty::String,
        "date" => Ty::Date,
        "datetime" => Ty::DateTime,
        _ => return None,
    })
}

/// Splits at the commas outside braces.
fn split_top(s: &'static str) -> Vec<&'static str> {
    let (mut out, mut depth, mut start) = (Vec::new(), 0usize, 0usize);
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

/// The words of a member: `field.member` first, then the member as a fact of its own.
fn member_words(field: &str, member: &str) -> Option<&'static vocab::FactWords> {
    vocab::words(&format!("{field}.{member}")).or_else(|| vocab::words(member))
}

/// `x-values`: each value's phrase, as the table says it.
fn values_of(w: Option<&vocab::FactWords>) -> Option<Value> {
    let m: Map<String, Value> = w?
        .values
        .iter()
        .map(|(code, phrase)| (code.clone(), json!(phrase)))
        .collect();
    (!m.is_empty()).then_some(Value::Object(m))
}

/// The JSON schema of a type; `name` is the dotted name its words are looked up by.
fn type_schema(ty: &Ty, name: &str) -> Value {
    match ty {
        Ty::Boolean => json!({"type": "boolean"}),
        Ty::Integer => json!({"type": "integer", "minimum": 0}),
        Ty::String => json!({"type": "string"}),
        Ty::Date => json!({"type": "string", "format": "date"}),
        Ty::DateTime => json!({"type": "string", "format": "date-time"}),
        Ty::Enum(codes) => json!({"type": "string", "enum": codes}),
        Ty::Array(inner) => json!({"type": "array", "items": type_schema(inner, name)}),
        Ty::Object(members) => {
            let mut props = Map::new();
            for (m, mty, _) in members {
                let w = member_words(name, m);
                let mut s = type_schema(mty, &format!("{name}.{m}"));
                s["title"] = json!(w.map(|w| w.label.as_str()).unwrap_or("相关事实"));
                if let Some(v) = values_of(w) {
                    s["x-values"] = v;
                }
                props.insert(m.to_string(), s);
            }
            let required: Vec<&str> = members.iter().filter(|m| m.2).map(|m| m.0).collect();
            json!({"type": "object", "properties": props, "required": required,
                   "additionalProperties": false})
        }
    }
}

/// The input schema of a rule.
pub(crate) fn of(def: &RuleDef) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    for (name, ty, req, desc) in def.fields {
        let mut s = type_schema(&parse(ty), name);
        s["description"] = json!(desc);
        // The words of the fact (corpus/facts.tsv): what a page or a chat shows instead of its name.
        s["title"] = json!(vocab::label(name));
        s["x-question"] = json!(vocab::question(name));
        if let Some(v) = values_of(vocab::words(name)) {
            s["x-values"] = v;
        }
        props.insert(name.to_string(), s);
        if *req {
            required.push(*name);
        }
    }
    if def.uses_period {
        props.insert(
            "calendar".into(),
            json!({"type": "string", "enum": ["official", "c0"], "default": "official",
                   "description": "按国务院公布的节假日安排计算，或者仅按周六、周日计算（规则目录的测试日历）",
                   "title": "节假日表",
                   "x-question": "请问按哪种节假日表计算（国务院节假日安排，还是仅周末）？",
                   "x-values": {"official": "按国务院节假日安排计算的", "c0": "仅按周末计算的"}}),
        );
    }
    json!({"type": "object", "properties": props, "required": required})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{evaluate, RULES};

    #[test]
    fn grammar_parses_members_and_rejects_malformed_types() {
        assert_eq!(
            parse("array:object{date:date,amount?:integer,kind:enum:a|b}"),
            Ty::Array(Box::new(Ty::Object(vec![
                ("date", Ty::Date, true),
                ("amount", Ty::Integer, false),
                ("kind", Ty::Enum(vec!["a", "b"]), true),
            ])))
        );
        assert_eq!(
            parse("object{tags?:array:enum:x|y}"),
            Ty::Object(vec![(
                "tags",
                Ty::Array(Box::new(Ty::Enum(vec!["x", "y"]))),
                false
            )])
        );
        for bad in [
            "object{}",
            "array:",
            "enum:",
            "enum:a||b",
            "object{:date}",
            "float",
        ] {
            assert!(try_parse(bad).is_none(), "{bad}");
        }
    }

    /// A value of a type: the first enum code, a date, 1, true.
    fn sample(ty: &Ty) -> Value {
        match ty {
            Ty::Boolean => json!(true),
            Ty::Integer => json!(1),
            Ty::String => json!("某地"),
            Ty::Date => json!("2025-01-06"),
            Ty::DateTime => json!("2025-01-06T10:00:00"),
            Ty::Enum(codes) => json!(codes[0]),
            Ty::Array(inner) => json!([sample(inner)]),
            Ty::Object(members) => {
                let m: Map<String, Value> = members
                    .iter()
                    .map(|(n, t, _)| (n.to_string(), sample(t)))
                    .collect();
                Value::Object(m)
            }
        }
    }

    /// Every object a rule takes (alone or in a list) is accepted when built from the schema, is
    /// refused without a required member, and is accepted without an optional one.
    #[test]
    fn every_object_input_matches_its_rule() {
        let mut checked = 0;
        for def in RULES {
            for (name, ty, _, _) in def.fields {
                let ty = parse(ty);
                let (object, wrap): (&Ty, fn(Value) -> Value) = match &ty {
                    Ty::Object(_) => (&ty, |v| v),
                    Ty::Array(inner) if matches!(**inner, Ty::Object(_)) => (inner, |v| json!([v])),
                    Ty::Array(inner) => {
                        // A list of scalars: one sample element is accepted.
                        let input = json!({ *name: [sample(inner)] });
                        evaluate(def.id, input, None)
                            .unwrap_or_else(|e| panic!("{} {name}: {e}", def.id));
                        continue;
                    }
                    _ => continue,
                };
                let Ty::Object(members) = object else {
                    unreachable!()
                };
                let full = sample(object);
                evaluate(def.id, json!({ *name: wrap(full.clone()) }), None)
                    .unwrap_or_else(|e| panic!("{} {name}: {e}", def.id));
                for (m, _, required) in members {
                    let mut less = full.clone();
                    less.as_object_mut().unwrap().remove(*m);
                    let r = evaluate(def.id, json!({ *name: wrap(less) }), None);
                    assert_eq!(
                        r.is_err(),
                        *required,
                        "{} {name}.{m}: required in the schema = {required}",
                        def.id
                    );
                }
                let mut more = full.clone();
                more["不存在"] = json!(1);
                assert!(
                    evaluate(def.id, json!({ *name: wrap(more) }), None).is_err(),
                    "{} {name}: an unknown member is refused",
                    def.id
                );
                checked += 1;
            }
        }
        assert!(checked >= 9, "{checked} object inputs checked");
    }

    /// Every member of every object input, and each of its values, has words.
    #[test]
    fn every_member_has_words() {
        for def in RULES {
            for (name, ty, _, _) in def.fields {
                let mut stack = vec![(name.to_string(), parse(ty))];
                while let Some((path, ty)) = stack.pop() {
                    match ty {
                        Ty::Array(inner) => stack.push((path, *inner)),
                        Ty::Object(members) => {
                            for (m, mty, _) in members {
                                let field = path.rsplit('.').next().unwrap_or(&path);
                                let w = member_words(field, m).unwrap_or_else(|| {
                                    panic!("{} {path}.{m} has no words", def.id)
                                });
                                let codes: Vec<&str> = match &mty {
                                    Ty::Enum(c) => c.clone(),
                                    Ty::Array(i) => match &**i {
                                        Ty::Enum(c) => c.clone(),
                                        _ => vec![],
                                    },
                                    _ => vec![],
                                };
                                for c in codes {
                                    assert!(
                                        w.values.iter().any(|(v, _)| v == c),
                                        "{} {path}.{m}={c} has no phrase",
                                        def.id
                                    );
                                }
                                stack.push((format!("{path}.{m}"), mty));
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }

    /// What a person reads of a calculator (the rule's description, each field's title and
    /// description) is Chinese: no field name, value code or rule id.
    #[test]
    fn what_a_calculator_says_has_no_code() {
        let ascii = regex::Regex::new("[A-Za-z]").unwrap();
        for r in crate::rules::list() {
            assert!(
                !ascii.is_match(&r.description),
                "{}: {}",
                r.id,
                r.description
            );
            let mut stack = vec![r.inputs.clone()];
            while let Some(s) = stack.pop() {
                for key in ["title", "description"] {
                    if let Some(t) = s.get(key).and_then(Value::as_str) {
                        assert!(!ascii.is_match(t), "{}: {t}", r.id);
                    }
                }
                if let Some(v) = s.get("x-values").and_then(Value::as_object) {
                    for p in v.values().filter_map(Value::as_str) {
                        assert!(!ascii.is_match(p), "{}: {p}", r.id);
                    }
                }
                if let Some(props) = s.get("properties").and_then(Value::as_object) {
                    stack.extend(props.values().cloned());
                }
                if let Some(items) = s.get("items") {
                    stack.push(items.clone());
                }
            }
        }
    }
}
