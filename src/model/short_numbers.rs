//! The kit's country (`[kit] country`) and its short numbers — emergency and service numbers
//! such as 112, 1177 and 114 14 — which libphonenumber's short-number data would cover but
//! the `phonenumber` crate does not carry: a short, reviewed list per country.

/// A country a kit can be written for: where national numbers are dialled from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub enum Country {
    /// Sweden (`SE`), the default.
    #[default]
    Se,
    /// Norway (`NO`).
    No,
    /// Denmark (`DK`).
    Dk,
    /// Finland (`FI`).
    Fi,
    /// The United Kingdom (`GB`).
    Gb,
    /// The United States (`US`).
    Us,
    /// Canada (`CA`).
    Ca,
}

/// Every country with its ISO 3166 code, for the loader, its messages and the schema.
pub const COUNTRIES: &[(&str, Country)] = &[
    ("SE", Country::Se),
    ("NO", Country::No),
    ("DK", Country::Dk),
    ("FI", Country::Fi),
    ("GB", Country::Gb),
    ("US", Country::Us),
    ("CA", Country::Ca),
];

impl Country {
    /// True for Sweden, the default (left out of the content fingerprint, so that kits
    /// written before `country` existed keep their fingerprint).
    pub fn is_default(&self) -> bool {
        *self == Country::Se
    }

    /// The ISO 3166 alpha-2 code (`SE`).
    pub fn code(self) -> &'static str {
        COUNTRIES
            .iter()
            .find(|(_, c)| *c == self)
            .map_or("SE", |(s, _)| s)
    }

    /// The country from its ISO 3166 alpha-2 code, any case.
    pub fn from_code(code: &str) -> Option<Country> {
        COUNTRIES
            .iter()
            .find(|(s, _)| s.eq_ignore_ascii_case(code))
            .map(|(_, c)| *c)
    }

    /// libphonenumber's region id.
    pub fn id(self) -> phonenumber::country::Id {
        self.code().parse().unwrap_or(phonenumber::country::Id::SE)
    }

    /// The international calling code (46 for Sweden).
    pub fn calling_code(self) -> u16 {
        match self {
            Country::Se => 46,
            Country::No => 47,
            Country::Dk => 45,
            Country::Fi => 358,
            Country::Gb => 44,
            Country::Us | Country::Ca => 1,
        }
    }

    /// The word printed before an extension: `ankn.` in Sweden, `ext.` elsewhere.
    pub fn extension_word(self) -> &'static str {
        match self {
            Country::Se => "ankn.",
            _ => "ext.",
        }
    }

    /// For messages: "Swedish", "US".
    pub fn adjective(self) -> &'static str {
        match self {
            Country::Se => "Swedish",
            Country::No => "Norwegian",
            Country::Dk => "Danish",
            Country::Fi => "Finnish",
            Country::Gb => "UK",
            Country::Us => "US",
            Country::Ca => "Canadian",
        }
    }
}

/// Short numbers dialled as they are, with the form they are printed in. Sweden: PTS's
/// numbering plan (112 emergency, 1177 health advice, 114 14 police, 113 13 information
/// on accidents and crises, 116 xxx harmonised European numbers, 118 xxx directories).
const SHORT: &[(Country, &str)] = &[
    (Country::Se, "112"),
    (Country::Se, "1177"),
    (Country::Se, "114 14"),
    (Country::Se, "113 13"),
    (Country::Se, "116 000"),
    (Country::Se, "116 006"),
    (Country::Se, "116 111"),
    (Country::Se, "116 117"),
    (Country::Se, "116 123"),
    (Country::Se, "118 118"),
    (Country::Se, "118 100"),
    (Country::Se, "118 700"),
    (Country::No, "112"),
    (Country::No, "113"),
    (Country::No, "110"),
    (Country::No, "116 117"),
    (Country::Dk, "112"),
    (Country::Dk, "114"),
    (Country::Dk, "1813"),
    (Country::Fi, "112"),
    (Country::Fi, "116 117"),
    (Country::Gb, "999"),
    (Country::Gb, "112"),
    (Country::Gb, "111"),
    (Country::Gb, "101"),
    (Country::Gb, "105"),
    (Country::Us, "911"),
    (Country::Us, "988"),
    (Country::Us, "211"),
    (Country::Us, "311"),
    (Country::Us, "411"),
    (Country::Us, "711"),
    (Country::Us, "811"),
    (Country::Ca, "911"),
    (Country::Ca, "988"),
    (Country::Ca, "211"),
    (Country::Ca, "811"),
];

/// The printed form of a short number of `country` whose digits are `digits`.
pub fn find(country: Country, digits: &str) -> Option<&'static str> {
    SHORT
        .iter()
        .filter(|(c, _)| *c == country)
        .map(|(_, s)| *s)
        .find(|s| s.chars().filter(char::is_ascii_digit).eq(digits.chars()))
}
