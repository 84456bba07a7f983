//! Encryption of a finished PDF with the PDF 2.0 standard security handler: AES-256 (`/V 5`,
//! `/R 6`, crypt filter `AESV3`), the way snapshots holding personal data leave downkit.
//!
//! The plaintext document is rendered as usual (deterministic, `/ID` from its content) and
//! then encrypted by lopdf's security handler. Following ISO 32000-2 (7.6.4.4.7 and 7.6.3),
//! the file encryption key, the password salts and every string's and stream's
//! initialisation vector are drawn fresh from the operating system's random source on each
//! run: two encryptions of the same document differ in their bytes, so nobody holding two
//! snapshots can tell from the files whether the data changed. Everything under the
//! encryption — the decrypted document — is byte-identical for the same inputs.
//!
//! [`password_opens`] is the other side: whether a password opens such a file, checked by
//! the same security handler (the R6 password hash against `/U` and `/O`), nothing decrypted.

use super::RenderError;
use lopdf::encryption::crypt_filters::{Aes256CryptFilter, CryptFilter};
use lopdf::{Document, EncryptionState, EncryptionVersion, Permissions};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Longest password the R6 handler takes, in bytes of UTF-8 (after SASLprep).
pub const MAX_PASSWORD_BYTES: usize = 127;

/// Encrypts `pdf` (a document from [`super::render_pdf`]) with AES-256 under `password`,
/// which opens the document and is also its owner password. Printing and copying stay
/// allowed: the protection is that the file cannot be read without the password.
pub fn encrypt_pdf(pdf: &[u8], password: &str) -> Result<Vec<u8>, RenderError> {
    if password.is_empty() || password.len() > MAX_PASSWORD_BYTES {
        return Err(RenderError::Pdf(format!(
            "a PDF password must be 1–{MAX_PASSWORD_BYTES} bytes long"
        )));
    }
    let mut doc = crate::load::pdf::parse(pdf)
        .map_err(|e| RenderError::Pdf(format!("cannot read the document back: {e}")))?;
    let mut key = [0u8; 32];
    getrandom::fill(&mut key)
        .map_err(|e| RenderError::Pdf(format!("no random numbers for the key: {e}")))?;
    let filter: Arc<dyn CryptFilter> = Arc::new(Aes256CryptFilter);
    let version = EncryptionVersion::V5 {
        encrypt_metadata: true,
        crypt_filters: BTreeMap::from([(b"StdCF".to_vec(), filter)]),
        file_encryption_key: &key,
        stream_filter: b"StdCF".to_vec(),
        string_filter: b"StdCF".to_vec(),
        owner_password: password,
        user_password: password,
        permissions: Permissions::all(),
    };
    let state = EncryptionState::try_from(version)
        .map_err(|e| RenderError::Pdf(format!("encryption: {e}")))?;
    doc.encrypt(&state)
        .map_err(|e| RenderError::Pdf(format!("encryption: {e}")))?;
    key.fill(0);
    complete_dictionary(&mut doc)?;
    // Objects are written one by one: an object stream would hold strings that were
    // encrypted on their own and then be left unencrypted itself.
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)
        .map_err(|e| RenderError::Pdf(format!("cannot write the encrypted document: {e}")))?;
    Ok(bytes)
}

/// Adds what lopdf leaves out of the encryption dictionary and readers rely on: the key
/// length in bits (`/Length 256`) and, in the crypt filter, its length in bytes and when it
/// applies (`/Length 32`, `/AuthEvent /DocOpen`). Without the lengths poppler derives a
/// 40-bit key and reads nothing but noise.
fn complete_dictionary(doc: &mut Document) -> Result<(), RenderError> {
    use lopdf::Object;
    let fail = |e: lopdf::Error| RenderError::Pdf(format!("encryption dictionary: {e}"));
    let id = doc
        .trailer
        .get(b"Encrypt")
        .and_then(Object::as_reference)
        .map_err(fail)?;
    let dict = doc.get_dictionary_mut(id).map_err(fail)?;
    dict.set("Length", Object::Integer(256));
    let filter = dict
        .get_mut(b"CF")
        .and_then(Object::as_dict_mut)
        .and_then(|cf| cf.get_mut(b"StdCF"))
        .and_then(Object::as_dict_mut)
        .map_err(fail)?;
    filter.set("Length", Object::Integer(32));
    filter.set("AuthEvent", Object::Name(b"DocOpen".to_vec()));
    Ok(())
}

/// Whether a password opens a PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opens {
    /// The password opens it.
    Yes,
    /// The file is encrypted and the password does not open it.
    No,
    /// The file is not encrypted: no password protects it.
    NotEncrypted,
}

/// Whether `password` opens `pdf` (as user or owner password), checked by lopdf's security
/// handler as a PDF reader checks it; nothing of the document is decrypted. An error when the
/// bytes are not a PDF it can read.
pub fn password_opens(pdf: &[u8], password: &str) -> Result<Opens, RenderError> {
    let doc = crate::load::pdf::parse(pdf).map_err(RenderError::Pdf)?;
    if !doc.is_encrypted() {
        return Ok(Opens::NotEncrypted);
    }
    if password.is_empty() || password.len() > MAX_PASSWORD_BYTES {
        return Ok(Opens::No);
    }
    Ok(match doc.authenticate_password(password) {
        Ok(()) => Opens::Yes,
        Err(_) => Opens::No,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn plain() -> Vec<u8> {
        let mut doc = Document::with_version("1.7");
        let pages = doc.new_object_id();
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages, "MediaBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
        });
        doc.objects.insert(
            pages,
            lopdf::Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn the_password_it_was_encrypted_with_opens_it_and_no_other() {
        let pdf = plain();
        assert_eq!(password_opens(&pdf, "x").unwrap(), Opens::NotEncrypted);
        let enc = encrypt_pdf(&pdf, "rätt lösenord här").unwrap();
        assert_eq!(
            password_opens(&enc, "rätt lösenord här").unwrap(),
            Opens::Yes
        );
        assert_eq!(
            password_opens(&enc, "rätt lösenord där").unwrap(),
            Opens::No
        );
        assert_eq!(password_opens(&enc, "").unwrap(), Opens::No);
        assert!(password_opens(b"not a pdf", "x").is_err());
    }
}
