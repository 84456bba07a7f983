//! The XMP metadata stream: what the info dictionary says (title, author, subject, dates,
//! creator and producer), in the form PDF/UA and PDF/A read it, with `pdfuaid:part` and, for
//! an archive copy, `pdfaid:part` and the version's record (kit, version, valid from and to).

use lopdf::{Dictionary, Object, Stream};

use super::{Archive, RenderError};
use crate::layout::Meta;

/// The namespace of downkit's own properties in an archive copy.
pub const NAMESPACE: &str = "urn:downkit:ns:archive:1/";

/// `2025-03-01` → `2025-03-01T00:00:00Z` (the info dictionary's date, in XMP's form).
fn xmp_date(date: &str) -> String {
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    let d = if digits.len() == 8 {
        digits
    } else {
        "19700101".to_string()
    };
    format!("{}-{}-{}T00:00:00Z", &d[..4], &d[4..6], &d[6..8])
}

/// Text escaped for XML.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 has no other control characters.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// One property of an extension schema: name, value type, description.
type Property = (&'static str, &'static str, &'static str);

fn schema(out: &mut String, title: &str, uri: &str, prefix: &str, props: &[Property]) {
    out.push_str("<rdf:li rdf:parseType=\"Resource\">");
    out.push_str(&format!(
        "<pdfaSchema:schema>{title}</pdfaSchema:schema><pdfaSchema:namespaceURI>{uri}</pdfaSchema:namespaceURI><pdfaSchema:prefix>{prefix}</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>"
    ));
    for (name, kind, what) in props {
        out.push_str(&format!(
            "<rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>{name}</pdfaProperty:name><pdfaProperty:valueType>{kind}</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>{what}</pdfaProperty:description></rdf:li>"
        ));
    }
    out.push_str("</rdf:Seq></pdfaSchema:property></rdf:li>\n");
}

/// The XMP packet of a document with `meta`, written by `creator` and `producer` (as in the
/// info dictionary), and the archive record when it is an archive copy.
pub(crate) fn xmp(meta: &Meta, creator: &str, producer: &str, archive: Option<&Archive>) -> String {
    let date = xmp_date(&meta.print_date);
    let alt = |v: &str| {
        format!(
            "<rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt>",
            esc(v)
        )
    };
    let mut x = String::with_capacity(4096);
    x.push_str("<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    x.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n");
    x.push_str("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    x.push_str("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"");
    if archive.is_some() {
        x.push_str(&format!(" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\" xmlns:downkit=\"{NAMESPACE}\""));
    }
    x.push_str(">\n");
    x.push_str("<dc:format>application/pdf</dc:format>\n");
    x.push_str(&format!("<dc:title>{}</dc:title>\n", alt(&meta.title)));
    x.push_str(&format!(
        "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
        esc(&meta.author)
    ));
    x.push_str(&format!(
        "<dc:description>{}</dc:description>\n",
        alt(&meta.subject)
    ));
    x.push_str(&format!(
        "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n",
        esc(&meta.lang)
    ));
    x.push_str(&format!("<xmp:CreateDate>{date}</xmp:CreateDate>\n"));
    x.push_str(&format!("<xmp:ModifyDate>{date}</xmp:ModifyDate>\n"));
    x.push_str(&format!("<xmp:MetadataDate>{date}</xmp:MetadataDate>\n"));
    x.push_str(&format!(
        "<xmp:CreatorTool>{}</xmp:CreatorTool>\n",
        esc(creator)
    ));
    x.push_str(&format!("<pdf:Producer>{}</pdf:Producer>\n", esc(producer)));
    x.push_str("<pdfuaid:part>1</pdfuaid:part>\n");
    if let Some(a) = archive {
        x.push_str(&format!(
            "<pdfaid:part>{}</pdfaid:part>\n<pdfaid:conformance>{}</pdfaid:conformance>\n",
            a.part(),
            super::archive::CONFORMANCE
        ));
        x.push_str(&format!("<downkit:kit>{}</downkit:kit>\n", esc(&a.kit)));
        x.push_str(&format!(
            "<downkit:version>{}</downkit:version>\n",
            esc(&a.version)
        ));
        x.push_str(&format!(
            "<downkit:validFrom>{}</downkit:validFrom>\n",
            esc(&a.valid_from)
        ));
        if let Some(to) = &a.valid_to {
            x.push_str(&format!("<downkit:validTo>{}</downkit:validTo>\n", esc(to)));
        }
        x.push_str(&format!(
            "<downkit:fingerprint>{}</downkit:fingerprint>\n",
            esc(&a.fingerprint)
        ));
        x.push_str("<pdfaExtension:schemas><rdf:Bag>\n");
        schema(
            &mut x,
            "PDF/UA Universal Accessibility Schema",
            "http://www.aiim.org/pdfua/ns/id/",
            "pdfuaid",
            &[(
                "part",
                "Integer",
                "Indicates which part of ISO 14289 standard is followed",
            )],
        );
        schema(
            &mut x,
            "downkit archive record of a kit version",
            NAMESPACE,
            "downkit",
            &[
                ("kit", "Text", "The kit's id"),
                ("version", "Text", "The kit's version"),
                (
                    "validFrom",
                    "Date",
                    "The first day the version is in force (its issue date)",
                ),
                (
                    "validTo",
                    "Date",
                    "The last day the version is in force, when known",
                ),
                (
                    "fingerprint",
                    "Text",
                    "SHA-256 of the kit's printed content, as its QR codes carry it",
                ),
            ],
        );
        x.push_str("</rdf:Bag></pdfaExtension:schemas>\n");
    }
    x.push_str("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>");
    x
}

/// Adds `packet` as the document's metadata stream (uncompressed, as archives expect).
pub(crate) fn add(doc: &mut lopdf::Document, packet: String) -> Result<(), RenderError> {
    let dict = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Metadata".to_vec())),
        ("Subtype", Object::Name(b"XML".to_vec())),
    ]);
    let mut stream = Stream::new(dict, packet.into_bytes());
    stream.allows_compression = false;
    let id = doc.add_object(Object::Stream(stream));
    let catalog = super::structure::catalog_id(doc)?;
    doc.get_dictionary_mut(catalog)
        .map_err(|e| RenderError::Pdf(format!("catalog: {e}")))?
        .set("Metadata", Object::Reference(id));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_escapes() {
        assert_eq!(xmp_date("2026-12-01"), "2026-12-01T00:00:00Z");
        assert_eq!(xmp_date("?"), "1970-01-01T00:00:00Z");
        assert_eq!(esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
