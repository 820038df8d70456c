//! Which instruments bind the state of a law.
//!
//! The catalogue's `[[instrument]]` entries (see [`crate::rules::instruments`]) decide it:
//!
//! * a **universal** instrument (the ICCPR, the UN Declaration on Human Rights Defenders,
//!   the Declaration +25) applies to every law;
//! * a **regional** instrument (the ECHR, the EU Charter, the American Convention, the
//!   Inter-American Commission's standards) applies when the law's state was bound at some
//!   time in the law's `year` — a party period that starts on or before 31 December and
//!   ends (denunciation, expulsion) after 1 January of that year — or, for a law that is
//!   still on the books (any status but `repealed`), when the state is bound today according
//!   to the data (a period without end): an old law still in force is measured against the
//!   instruments its state has joined since. A law without a year is measured against
//!   today's bindings only.
//!   The state is the jurisdiction code, or its part before the first `-` for a subdivision
//!   (`BA-SRP` is Bosnia and Herzegovina) unless the subdivision is listed itself;
//! * a state that no regional instrument's data mention at all (neither as a party, past or
//!   present, nor as a non-party), or a law without a jurisdiction, is **not determined**:
//!   every regional instrument is then assessed as if it applied, and the law carries a
//!   warning saying so. Analysts would rather see a standard assessed with a caveat than
//!   have it silently hidden.
//!
//! A catalogue that declares no instrument makes every standard universal.

use serde::Serialize;

use crate::rules::RuleBook;
use crate::rules::instruments::{Date, Instrument, Party};
use crate::rules::schema::InstrumentScope;

/// Whether an instrument binds the state of a law.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applies {
    /// It binds the state (or is universal).
    Yes,
    /// It does not bind the state: its standards read `not-applicable`.
    No,
    /// The data do not say: assessed as if it applied, with a warning.
    Assumed,
}

/// The applicability of one instrument to one law, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstrumentStatus {
    /// Instrument id, e.g. `achr`.
    pub instrument: String,
    /// Short name, e.g. `ACHR`.
    pub short: String,
    /// True for a regional instrument (one that binds its parties only).
    pub regional: bool,
    /// Whether it binds the state.
    pub applies: Applies,
    /// Why, in one sentence built from the data (dates, denunciations).
    pub basis: String,
}

/// The applicability of every instrument of the catalogue to a law, and the warning to give
/// when the law's state is not in the data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applicability {
    /// One entry per instrument, in catalogue order.
    pub instruments: Vec<InstrumentStatus>,
    /// For each standard of the catalogue (in catalogue order), whether it is applied.
    pub standards: Vec<bool>,
    /// Set when the regional instruments were assumed to apply.
    pub warning: Option<String>,
}

fn state_of(jurisdiction: &str) -> String {
    jurisdiction.trim().to_ascii_uppercase()
}

fn status(
    instrument: &Instrument,
    state: &str,
    year: Option<i64>,
    current: bool,
    known: bool,
) -> InstrumentStatus {
    let make = |applies, basis: String| InstrumentStatus {
        instrument: instrument.id.clone(),
        short: instrument.short.clone(),
        regional: instrument.scope == InstrumentScope::Regional,
        applies,
        basis,
    };
    if instrument.scope == InstrumentScope::Universal {
        return make(Applies::Yes, "universal instrument".into());
    }
    if !known {
        return make(
            Applies::Assumed,
            format!(
                "`{state}` is not in the instrument data; assessed as if {} applied",
                instrument.short
            ),
        );
    }
    let periods: Vec<_> = instrument.periods(state).collect();
    let in_year = |p: &Party| match year {
        Some(y) => p.from <= Date::last_of(y) && p.until.is_none_or(|u| u > Date::first_of(y)),
        None => p.until.is_none(),
    };
    let note = |n: &Option<String>| n.as_deref().map_or(String::new(), |n| format!("; {n}"));
    if let Some(p) = periods.iter().find(|p| in_year(p)) {
        let basis = match p.until {
            Some(u) => format!(
                "{state} was bound from {} until {u}{}",
                p.from,
                note(&p.note)
            ),
            None => format!("{state} bound since {}{}", p.from, note(&p.note)),
        };
        return make(Applies::Yes, basis);
    }
    if let Some(p) = periods.iter().find(|p| current && p.until.is_none()) {
        return make(
            Applies::Yes,
            format!(
                "{state} bound since {}, after the law's year; the law is still on the books{}",
                p.from,
                note(&p.note)
            ),
        );
    }
    let when = year.map_or("today".to_string(), |y| format!("in {y}"));
    let basis = if let Some(p) = periods.last() {
        match p.until {
            Some(u) if year.is_none_or(|y| u <= Date::first_of(y)) => format!(
                "{state} ceased to be bound on {u}{}; not bound {when}",
                note(&p.note)
            ),
            _ => format!("{state} is bound only from {}; not bound {when}", p.from),
        }
    } else {
        let np = instrument.non_parties.iter().find(|n| n.state == state);
        format!(
            "{state} is not a party{}",
            np.map_or(String::new(), |n| note(&n.note))
        )
    };
    make(Applies::No, basis)
}

/// Decides which instruments, and so which standards, bind the state of a law of
/// `jurisdiction` and `year`; `current` is true unless the law is repealed (see the module
/// docs).
pub fn applicability(
    book: &RuleBook,
    jurisdiction: Option<&str>,
    year: Option<i64>,
    current: bool,
) -> Applicability {
    if book.instruments.is_empty() {
        return Applicability {
            instruments: Vec::new(),
            standards: vec![true; book.standards.len()],
            warning: None,
        };
    }
    let regional: Vec<&Instrument> = book
        .instruments
        .iter()
        .filter(|i| i.scope == InstrumentScope::Regional)
        .collect();
    // The state as listed: the full code when the data name it, else its country part.
    let state = jurisdiction.map(state_of).filter(|s| !s.is_empty());
    let state = state.map(|s| {
        if regional.iter().any(|i| i.knows(&s)) {
            s
        } else {
            s.split('-').next().unwrap_or_default().to_string()
        }
    });
    let known = state
        .as_deref()
        .is_some_and(|s| regional.iter().any(|i| i.knows(s)));
    let shown = state.clone().unwrap_or_else(|| "(no jurisdiction)".into());
    let instruments: Vec<InstrumentStatus> = book
        .instruments
        .iter()
        .map(|i| status(i, &shown, year, current, known))
        .collect();
    let standards = book
        .standards
        .iter()
        .map(|s| {
            book.instruments
                .iter()
                .position(|i| i.name == s.instrument)
                .is_none_or(|k| instruments[k].applies != Applies::No)
        })
        .collect();
    let warning = (!known && !regional.is_empty()).then(|| {
        let names: Vec<&str> = regional.iter().map(|i| i.short.as_str()).collect();
        match jurisdiction.map(str::trim).filter(|j| !j.is_empty()) {
            Some(j) => format!(
                "jurisdiction `{j}` is not in the catalogue's instrument data: the regional standards ({}) were assessed as if they all applied; check which bind the state",
                names.join(", ")
            ),
            None => format!(
                "no jurisdiction given: the regional standards ({}) were assessed as if they all applied; set `jurisdiction` to apply only those that bind the state",
                names.join(", ")
            ),
        }
    });
    Applicability {
        instruments,
        standards,
        warning,
    }
}
