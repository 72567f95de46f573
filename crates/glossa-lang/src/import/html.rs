//! The text and the media references of an Anki field (a fragment of HTML
//! with Anki's own `[sound:...]` and `{{c1::...}}` markup).

/// The visible text: tags removed (block tags and `<br>` become spaces),
/// entities decoded, `[sound:...]` removed, cloze deletions
/// `{{c1::answer::hint}}` replaced by their answer, whitespace collapsed.
pub(crate) fn text(field: &str) -> String {
    let without_sound = remove_sounds(field);
    let mut out = String::with_capacity(without_sound.len());
    let mut rest = without_sound.as_str();
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('>') else {
            // A lone '<' is text.
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let tag = rest[start + 1..start + len]
            .trim_start_matches('/')
            .to_ascii_lowercase();
        let name: String = tag
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if matches!(
            name.as_str(),
            "br" | "div" | "p" | "li" | "tr" | "td" | "hr" | "h1" | "h2" | "h3"
        ) {
            out.push(' ');
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    let decoded = decode_entities(&out);
    let uncloze = cloze_answers(&decoded);
    uncloze.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn remove_sounds(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut rest = field;
    while let Some(start) = rest.find("[sound:") {
        out.push_str(&rest[..start]);
        match rest[start..].find(']') {
            Some(end) => rest = &rest[start + end + 1..],
            None => {
                rest = "";
            }
        }
        out.push(' ');
    }
    out.push_str(rest);
    out
}

fn cloze_answers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{c") {
        let inner = &rest[start + 3..];
        let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
        let (Some(body), Some(end)) = (inner[digits..].strip_prefix("::"), inner.find("}}")) else {
            out.push_str(&rest[..start + 3]);
            rest = inner;
            continue;
        };
        if digits == 0 || end < digits + 2 {
            out.push_str(&rest[..start + 3]);
            rest = inner;
            continue;
        }
        out.push_str(&rest[..start]);
        let body = &body[..end - digits - 2];
        out.push_str(body.split("::").next().unwrap_or_default());
        rest = &inner[end + 2..];
    }
    out.push_str(rest);
    out
}

/// Decode `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;` and numeric
/// references; anything else is kept as written.
pub(crate) fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&after[..e]));
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    let named = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => None,
    };
    if named.is_some() {
        return named;
    }
    let num = name.strip_prefix('#')?;
    let code = match num.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => num.parse().ok()?,
    };
    char::from_u32(code)
}

/// File names the field refers to: `src` of `<img>`, `<audio>` and
/// `<source>` tags, and `[sound:name]`; in order, without repeats.
pub(crate) fn media_refs(field: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |name: String| {
        let name = name.trim().to_owned();
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    };
    let mut rest = field;
    while let Some(start) = rest.find("[sound:") {
        let inner = &rest[start + 7..];
        let Some(end) = inner.find(']') else { break };
        push(decode_entities(&inner[..end]));
        rest = &inner[end + 1..];
    }
    let mut rest = field;
    while let Some(start) = rest.find('<') {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start + 1..start + len];
        let lower = tag.to_ascii_lowercase();
        if (lower.starts_with("img") || lower.starts_with("audio") || lower.starts_with("source"))
            && let Some(src) = attribute(tag, &lower, "src")
        {
            push(decode_entities(&src));
        }
        rest = &rest[start + len + 1..];
    }
    out
}

/// The value of `name=` in a tag (quoted with " or ', or bare).
fn attribute(tag: &str, lower: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let after = tag[from..].trim_start();
        let Some(value) = after.strip_prefix('=').map(str::trim_start) else {
            continue;
        };
        if !before_ok {
            continue;
        }
        let v = match value.chars().next()? {
            q @ ('"' | '\'') => value[1..].split(q).next()?.to_owned(),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()?
                .to_owned(),
        };
        return Some(v);
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn text_of_fields() {
        assert_eq!(
            text("card #3 with image <img src=\"anki.png\" />"),
            "card #3 with image"
        );
        assert_eq!(text("<b>der</b>&nbsp;Hund<br>dog"), "der Hund dog");
        assert_eq!(text("Haus [sound:haus.mp3]"), "Haus");
        assert_eq!(
            text("a &lt; b &amp;&amp; c &#228; &#xE4; &bogus;"),
            "a < b && c ä ä &bogus;"
        );
        assert_eq!(
            text("Ich {{c1::bin::sein}} müde {{c2::heute}}"),
            "Ich bin müde heute"
        );
        assert_eq!(text("3 < 4"), "3 < 4");
        assert_eq!(text("{{c1::x"), "{{c1::x");
    }

    #[test]
    fn media_of_fields() {
        assert_eq!(
            media_refs("<IMG class=x SRC='a b.png'>[sound:s.mp3]<img src=c.jpg/> [sound:s.mp3]"),
            vec!["s.mp3", "a b.png", "c.jpg"]
        );
        assert_eq!(
            media_refs("<img data-src=\"no.png\" src=\"yes&amp;.png\">"),
            vec!["yes&.png"]
        );
        assert!(media_refs("plain").is_empty());
    }
}
