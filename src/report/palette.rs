//! The colour scale of the heat maps, shared by the HTML and XLSX reports.
//!
//! Verdicts and severities are ordinal, so they get one sequential scale rather than a set of
//! unrelated hues: five stops of the *inferno* colour map (matplotlib), which is perceptually
//! uniform, monotonic in lightness — it survives greyscale printing — and stays ordered for
//! the common colour-vision deficiencies (deuteranopia, protanopia, tritanopia). Light means
//! no concern, dark means incompatible. Severities reuse the verdict stops (low ↔ minor,
//! medium ↔ concern, high ↔ serious, critical ↔ incompatible) so that the two heat maps read
//! alike. "Not assessed" is a neutral grey outside the scale.
//!
//! Each fill comes with the text colour, black or white, that contrasts with it best; a test
//! checks every pair against the WCAG 2 minimum of 4.5:1 for normal text. Colour never
//! carries information alone: every coloured cell also states its value in words.

use crate::assess::Verdict;
use crate::rules::Severity;

/// A fill colour and the text colour to use on it, as `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Swatch {
    /// Background.
    pub fill: &'static str,
    /// Text on that background.
    pub text: &'static str,
}

const BLACK: &str = "#000000";
const WHITE: &str = "#ffffff";

/// Inferno at 1.0, 0.8, 0.6, 0.4 and 0.2: from no concern to incompatible.
const SCALE: [Swatch; 5] = [
    Swatch {
        fill: "#fcffa4",
        text: BLACK,
    },
    Swatch {
        fill: "#fca50a",
        text: BLACK,
    },
    Swatch {
        fill: "#dd513a",
        text: BLACK,
    },
    Swatch {
        fill: "#932667",
        text: WHITE,
    },
    Swatch {
        fill: "#420a68",
        text: WHITE,
    },
];

/// Neutral grey for "not assessed".
const NOT_ASSESSED: Swatch = Swatch {
    fill: "#d9d9d9",
    text: BLACK,
};

/// White with a grey border in the legend, for "not applicable": the standard does not
/// bind the state, which is no point on the scale.
const NOT_APPLICABLE: Swatch = Swatch {
    fill: "#ffffff",
    text: BLACK,
};

/// The swatch of a verdict.
pub fn verdict(v: Verdict) -> Swatch {
    match v {
        Verdict::NotApplicable => NOT_APPLICABLE,
        Verdict::NotAssessed => NOT_ASSESSED,
        Verdict::NoConcern => SCALE[0],
        Verdict::Minor => SCALE[1],
        Verdict::Concern => SCALE[2],
        Verdict::Serious => SCALE[3],
        Verdict::Incompatible => SCALE[4],
    }
}

/// The swatch of a highest severity (`None`: no finding, drawn as "no concern").
pub fn severity(s: Option<Severity>) -> Swatch {
    match s {
        None => SCALE[0],
        Some(Severity::Low) => SCALE[1],
        Some(Severity::Medium) => SCALE[2],
        Some(Severity::High) => SCALE[3],
        Some(Severity::Critical) => SCALE[4],
    }
}

/// Parses `#rrggbb` into its three channels.
pub fn rgb(hex: &str) -> Option<[u8; 3]> {
    let h = hex.strip_prefix('#')?;
    if h.len() != 6 || !h.is_ascii() {
        return None;
    }
    let ch = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some([ch(0)?, ch(2)?, ch(4)?])
}

/// `#rrggbb` as the `0xRRGGBB` number that spreadsheet libraries take.
pub fn rgb_u32(hex: &str) -> u32 {
    rgb(hex).map_or(0, |[r, g, b]| {
        (u32::from(r) << 16) | (u32::from(g) << 8) | u32::from(b)
    })
}

/// WCAG 2 relative luminance of `#rrggbb`.
fn luminance(hex: &str) -> f64 {
    let [r, g, b] = rgb(hex).unwrap_or([0, 0, 0]);
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// WCAG 2 contrast ratio between two `#rrggbb` colours (1 to 21).
pub fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_contrasts_with_every_fill() {
        for v in Verdict::ALL {
            let s = verdict(v);
            let c = contrast(s.fill, s.text);
            assert!(c >= 4.5, "{v:?}: contrast {c:.2} < 4.5");
        }
    }

    #[test]
    fn the_scale_darkens_with_severity() {
        let l: Vec<f64> = Verdict::ALL
            .iter()
            .filter(|v| v.is_weighed())
            .map(|v| luminance(verdict(*v).fill))
            .collect();
        assert!(l.windows(2).all(|w| w[0] > w[1]), "{l:?}");
        assert_eq!(severity(Some(Severity::High)), verdict(Verdict::Serious));
        assert_eq!(rgb_u32("#932667"), 0x93_26_67);
        assert!((contrast(BLACK, WHITE) - 21.0).abs() < 1e-9);
    }
}
