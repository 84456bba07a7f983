//! Pre-filled values of character-box fields: a value must fill its boxes exactly as
//! written (a date `ÅÅÅÅ-MM-DD`, a time `HH:MM`, a personnummer `ÅÅÅÅMMDD-NNNN`) or fit in
//! them (`boxes`). A value that does not would be cut or shifted into the boxes and print a
//! different, valid-looking value.

use crate::diag::Diagnostic;
use crate::model::{Field, FieldKind, Kit};

/// The boxes of a field kind: group lengths, the separator printed between groups, the form
/// to write the value in, and whether a shorter value may leave boxes empty.
fn boxes(kind: &FieldKind) -> Option<(Vec<u32>, Option<char>, String, bool)> {
    Some(match kind {
        FieldKind::Date => (vec![4, 2, 2], Some('-'), "2026-03-01".into(), false),
        FieldKind::Time => (vec![2, 2], Some(':'), "08:30".into(), false),
        FieldKind::Personnummer => (vec![8, 4], Some('-'), "19121212-1212".into(), false),
        FieldKind::Boxes(n) => (vec![*n], None, format!("at most {n} characters"), true),
        _ => return None,
    })
}

/// Why `value` does not fill the boxes, or `None` when it does.
fn misfit(value: &str, groups: &[u32], sep: Option<char>, partial: bool) -> Option<String> {
    let value: String = value.chars().filter(|c| *c != ' ').collect();
    let total: u32 = groups.iter().sum();
    let parts: Vec<&str> = match sep {
        Some(s) if value.contains(s) => value.split(s).collect(),
        _ => vec![value.as_str()],
    };
    let len = |s: &str| s.chars().count() as u32;
    if parts.len() == 1 {
        let n = len(parts[0]);
        let fits = if partial { n <= total } else { n == total };
        return (!fits).then(|| format!("it has {n} characters for {total} boxes"));
    }
    let lens: Vec<u32> = parts.iter().map(|p| len(p)).collect();
    (lens != groups).then(|| {
        let shown = |l: &[u32]| l.iter().map(u32::to_string).collect::<Vec<_>>().join("+");
        format!(
            "its groups have {} characters where the boxes take {}",
            shown(&lens),
            shown(groups)
        )
    })
}

/// The value as the boxes show it: characters in order, separators between the groups.
fn printed(value: &str, groups: &[u32], sep: Option<char>) -> String {
    let mut chars = value.chars().filter(|c| *c != ' ' && Some(*c) != sep);
    let mut out = String::new();
    for (i, n) in groups.iter().enumerate() {
        if i > 0 {
            out.extend(sep);
        }
        for _ in 0..*n {
            out.push(chars.next().unwrap_or('_'));
        }
    }
    out
}

fn check_field(f: &Field, diags: &mut Vec<Diagnostic>) {
    let (Some(v), Some((groups, sep, form, partial))) = (&f.value, boxes(&f.kind)) else {
        return;
    };
    let Some(why) = misfit(&v.v, &groups, sep, partial) else {
        return;
    };
    let total: usize = groups.iter().sum::<u32>() as usize;
    let significant = v.v.chars().filter(|c| *c != ' ' && Some(*c) != sep).count();
    let shown = printed(&v.v, &groups, sep);
    // A reservnummer (letters) that fits the boxes prints shifted but whole: a warning that
    // says how it prints. Anything cut, or digits that would make another number, is an error.
    let reserv = matches!(f.kind, FieldKind::Personnummer)
        && v.v.chars().any(char::is_alphabetic)
        && significant <= total;
    let message = format!(
        "the pre-filled value `{}` of `{}` does not fit its boxes: {why}; it prints as `{shown}`",
        v.v, f.label.v
    );
    let d = if reserv {
        Diagnostic::warning("prefill-misfit", v.loc, message)
            .hint("check that the number reads right in the boxes, or leave `value` out and write it by hand")
    } else {
        Diagnostic::error("prefill-misfit", v.loc, message)
            .hint(format!("write the value as {form}"))
    };
    diags.push(d);
}

/// Checks every pre-filled character-box field of every form.
pub fn check(kit: &Kit, diags: &mut Vec<Diagnostic>) {
    for form in &kit.forms {
        for s in &form.sections {
            for f in &s.fields {
                check_field(f, diags);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::misfit;

    #[test]
    fn fits() {
        assert_eq!(misfit("19121212-1212", &[8, 4], Some('-'), false), None);
        assert_eq!(misfit("191212121212", &[8, 4], Some('-'), false), None);
        assert!(misfit("121212-1212", &[8, 4], Some('-'), false).is_some());
        assert!(misfit("1912121-21212", &[8, 4], Some('-'), false).is_some());
        assert!(misfit(&"1".repeat(30), &[8, 4], Some('-'), false).is_some());
        assert_eq!(misfit("12", &[4], None, true), None);
        assert!(misfit("12345", &[4], None, true).is_some());
        assert_eq!(misfit("08:30", &[2, 2], Some(':'), false), None);
        assert_eq!(
            super::printed("RES-2024-K17", &[8, 4], Some('-')),
            "RES2024K-17__"
        );
        assert_eq!(
            super::printed(&"1".repeat(30), &[8, 4], Some('-')),
            "11111111-1111"
        );
    }
}
