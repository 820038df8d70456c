//! The instruments of the standards catalogue and the states they bind.
//!
//! `[[instrument]]` entries in the catalogue name each instrument, say whether it is
//! `universal` (applied to every law) or `regional` (applied to the laws of its parties), and
//! list its parties with the dates from which (and, after a denunciation or expulsion, until
//! which) they are bound, and states recorded as not bound. Every `[[standard]]` belongs to
//! one instrument through its `instrument` name. A catalogue without any `[[instrument]]`
//! entry treats every standard as universal. The assessment stage decides from these data
//! which standards bind the state of each law (see `crate::assess::applicability`).

use std::collections::BTreeSet;

use serde::Serialize;

use super::schema::{InstrumentScope, RawInstrument};
use super::{Diag, RuleError, RuleSource, Standard};

/// A calendar date, compared as (year, month, day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i64,
    /// Month, 1–12 (0 when only the year is recorded).
    pub month: u8,
    /// Day, 1–31 (0 when only the year is recorded).
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, or `YYYY` when only the year is recorded (compared as 1 January
    /// and shown as the year alone).
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        if s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()) {
            return Some(Date {
                year: s.parse().ok()?,
                month: 0,
                day: 0,
            });
        }
        let mut it = s.splitn(3, '-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        ((1..=12).contains(&date.month) && (1..=31).contains(&date.day)).then_some(date)
    }

    /// The first day of a year.
    pub fn first_of(year: i64) -> Date {
        Date {
            year,
            month: 1,
            day: 1,
        }
    }

    /// The last day of a year.
    pub fn last_of(year: i64) -> Date {
        Date {
            year,
            month: 12,
            day: 31,
        }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.month == 0 {
            return write!(f, "{:04}", self.year);
        }
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A state bound by an instrument for a period.
#[derive(Debug, Clone, Serialize)]
pub struct Party {
    /// State code, upper case.
    pub state: String,
    /// Bound from this date (never before the instrument's entry into force).
    pub from: Date,
    /// No longer bound from this date.
    pub until: Option<Date>,
    /// Remarks.
    pub note: Option<String>,
    /// Authority for this entry.
    pub source: Option<String>,
}

/// A state recorded as not bound by an instrument.
#[derive(Debug, Clone, Serialize)]
pub struct NonParty {
    /// State code, upper case.
    pub state: String,
    /// Why.
    pub note: Option<String>,
    /// Authority.
    pub source: Option<String>,
}

/// An instrument of the catalogue.
#[derive(Debug, Clone, Serialize)]
pub struct Instrument {
    /// Stable id, e.g. `echr`.
    pub id: String,
    /// Full name, as the standards give it.
    pub name: String,
    /// Short name.
    pub short: String,
    /// Universal or regional.
    pub scope: InstrumentScope,
    /// Entry into force.
    pub in_force: Option<Date>,
    /// Remarks.
    pub note: Option<String>,
    /// Authorities for the membership data.
    pub sources: Vec<String>,
    /// Periods during which states are bound, in file order.
    pub parties: Vec<Party>,
    /// States recorded as not bound.
    pub non_parties: Vec<NonParty>,
}

impl Instrument {
    /// The periods during which `state` is bound, in file order.
    pub fn periods<'a>(&'a self, state: &'a str) -> impl Iterator<Item = &'a Party> + 'a {
        self.parties.iter().filter(move |p| p.state == state)
    }

    /// True when the data say anything about `state` (party, past party or non-party).
    pub fn knows(&self, state: &str) -> bool {
        self.parties.iter().any(|p| p.state == state)
            || self.non_parties.iter().any(|p| p.state == state)
    }
}

fn is_state_code(s: &str) -> bool {
    let mut parts = s.split('-');
    let head = parts.next().unwrap_or("");
    head.len() == 2
        && head.chars().all(|c| c.is_ascii_uppercase())
        && parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Checks and converts the `[[instrument]]` entries of one catalogue file.
pub(super) fn convert(
    src: &RuleSource,
    raw: Vec<toml::Spanned<RawInstrument>>,
    out: &mut Vec<Instrument>,
    errors: &mut Vec<RuleError>,
) {
    let mut diag = Diag { src, errors };
    for i in raw {
        let span = i.span();
        let i = i.into_inner();
        let id = i.id.get_ref().clone();
        if out.iter().any(|x| x.id == id) {
            diag.at(
                i.id.span().start,
                None,
                format!("instrument `{id}` is defined twice"),
            );
        }
        if out.iter().any(|x| x.name == i.name) {
            diag.at(
                span.start,
                None,
                format!("instrument `{id}`: the name `{}` is used twice", i.name),
            );
        }
        let in_force = i.in_force.as_ref().and_then(|d| {
            let parsed = Date::parse(d.get_ref());
            if parsed.is_none() {
                diag.at(
                    d.span().start,
                    None,
                    format!(
                        "instrument `{id}`: in_force must be a date YYYY-MM-DD (or a year YYYY)"
                    ),
                );
            }
            parsed
        });
        if i.scope == InstrumentScope::Universal
            && !(i.parties.is_empty() && i.non_parties.is_empty())
        {
            diag.at(
                span.start,
                None,
                format!(
                    "instrument `{id}` is universal: it applies to every state and takes no parties or non_parties"
                ),
            );
        }
        let mut parties: Vec<Party> = Vec::new();
        for p in i.parties {
            let at = p.span().start;
            let p = p.into_inner();
            let state = p.state.trim().to_string();
            if !is_state_code(&state) {
                diag.at(
                    at,
                    None,
                    format!(
                        "instrument `{id}`: `{state}` is not a state code (ISO 3166-1 alpha-2 in upper case, optionally with a subdivision: `BA-SRP`)"
                    ),
                );
            }
            let (Some(from), until) = (Date::parse(&p.from), p.until.as_deref().map(Date::parse))
            else {
                diag.at(
                    at,
                    None,
                    format!("instrument `{id}`, party `{state}`: from must be a date YYYY-MM-DD (or a year YYYY)"),
                );
                continue;
            };
            let until = match until {
                Some(None) => {
                    diag.at(
                        at,
                        None,
                        format!(
                            "instrument `{id}`, party `{state}`: until must be a date YYYY-MM-DD (or a year YYYY)"
                        ),
                    );
                    continue;
                }
                Some(Some(u)) => Some(u),
                None => None,
            };
            let from = in_force.map_or(from, |f| f.max(from));
            if until.is_some_and(|u| u <= from) {
                diag.at(
                    at,
                    None,
                    format!(
                        "instrument `{id}`, party `{state}`: until must come after from (and after the entry into force)"
                    ),
                );
            }
            let overlaps = parties
                .iter()
                .filter(|x| x.state == state)
                .any(|x| x.until.is_none_or(|u| u > from) && until.is_none_or(|u| u > x.from));
            if overlaps {
                diag.at(
                    at,
                    None,
                    format!("instrument `{id}`, party `{state}`: periods overlap"),
                );
            }
            parties.push(Party {
                state,
                from,
                until,
                note: p.note,
                source: p.source,
            });
        }
        let mut non_parties: Vec<NonParty> = Vec::new();
        for p in i.non_parties {
            let at = p.span().start;
            let p = p.into_inner();
            let state = p.state.trim().to_string();
            if !is_state_code(&state) {
                diag.at(
                    at,
                    None,
                    format!("instrument `{id}`: `{state}` is not a state code"),
                );
            }
            if parties.iter().any(|x| x.state == state)
                || non_parties.iter().any(|x| x.state == state)
            {
                diag.at(
                    at,
                    None,
                    format!(
                        "instrument `{id}`: `{state}` is listed as a non-party and also as a party or twice"
                    ),
                );
            }
            non_parties.push(NonParty {
                state,
                note: p.note,
                source: p.source,
            });
        }
        out.push(Instrument {
            id,
            name: i.name,
            short: i.short,
            scope: i.scope,
            in_force,
            note: i.note,
            sources: i.sources,
            parties,
            non_parties,
        });
    }
}

/// Checks that every standard names a declared instrument (when any is declared) and that
/// every `equivalent` names another known standard; then makes equivalence symmetric.
/// `equivalents[i]` holds, for standard `i`, the ids it declares with their file and offset.
pub(super) fn link(
    standards: &mut [Standard],
    instruments: &[Instrument],
    spans: &[(&RuleSource, usize)],
    equivalents: &[Vec<(String, usize)>],
    errors: &mut Vec<RuleError>,
) {
    for (i, s) in standards.iter().enumerate() {
        if !instruments.is_empty() && !instruments.iter().any(|x| x.name == s.instrument) {
            let (src, at) = spans[i];
            Diag { src, errors }.at(
                at,
                None,
                format!(
                    "standard `{}`: instrument `{}` is not declared in an [[instrument]] entry",
                    s.id, s.instrument
                ),
            );
        }
    }
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (i, eqs) in equivalents.iter().enumerate() {
        for (e, at) in eqs {
            let (src, _) = spans[i];
            match standards.iter().position(|s| &s.id == e) {
                None => Diag { src, errors }.at(
                    *at,
                    None,
                    format!("standard `{}`: unknown equivalent `{e}`", standards[i].id),
                ),
                Some(j) if j == i => Diag { src, errors }.at(
                    *at,
                    None,
                    format!("standard `{e}` cannot be its own equivalent"),
                ),
                Some(j) => {
                    pairs.insert((i, j));
                    pairs.insert((j, i));
                }
            }
        }
    }
    for (i, j) in pairs {
        let id = standards[j].id.clone();
        if !standards[i].equivalent.contains(&id) {
            standards[i].equivalent.push(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_order() {
        let d = Date::parse("2013-09-10").expect("a date");
        assert_eq!(d.to_string(), "2013-09-10");
        assert!(Date::first_of(2013) < d && d < Date::last_of(2013));
        assert_eq!(Date::parse("2013-9-10"), None);
        assert_eq!(Date::parse("2013-13-01"), None);
        assert_eq!(Date::parse("13"), None);
        let y = Date::parse("1991").expect("a year");
        assert_eq!(y.to_string(), "1991");
        assert!(y < Date::first_of(1991) && y > Date::last_of(1990));
    }

    #[test]
    fn state_codes() {
        assert!(is_state_code("VE") && is_state_code("BA-SRP") && is_state_code("XA"));
        assert!(!is_state_code("ve") && !is_state_code("VEN") && !is_state_code("BA-"));
    }
}
