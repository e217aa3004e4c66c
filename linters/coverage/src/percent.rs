//! Percentages as exact fixed-point numbers. Both sides of every gate are
//! rounded (half up, never truncated) to `precision` decimals before they
//! are compared, from integer counts, so no float error can flip a gate.
//! As coverage.py does, a value that is not exactly 0 or 100 never rounds
//! to 0 or 100: 99.996% shows and compares as 99.99%, and a threshold of
//! 100 means every line.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Percent {
    /// In units of 10^-precision percent.
    units: i64,
    precision: u32,
}

impl Percent {
    /// `covered` of `total` as a percentage; `None` when there is nothing to measure.
    pub fn of(covered: u64, total: u64, precision: u32) -> Option<Percent> {
        if total == 0 {
            return None;
        }
        let scale = 10u128.pow(precision);
        let full = 100 * scale;
        let numerator = u128::from(covered) * full;
        let total = u128::from(total);
        let mut units = (2 * numerator + total) / (2 * total);
        if covered < total.min(u128::from(u64::MAX)) as u64 && units == full {
            units -= 1;
        }
        if covered > 0 && units == 0 {
            units = 1;
        }
        Some(Percent { units: units as i64, precision })
    }

    /// A configured threshold such as `80` or `0.5`, rounded the same way.
    pub fn from_value(value: f64, precision: u32) -> Percent {
        let scale = 10f64.powi(precision as i32);
        Percent { units: (value * scale).round() as i64, precision }
    }

    pub fn minus(self, other: Percent) -> Percent {
        Percent { units: self.units - other.units, precision: self.precision }
    }

    pub fn as_f64(self) -> f64 {
        self.units as f64 / 10f64.powi(self.precision as i32)
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scale = 10i64.pow(self.precision);
        let sign = if self.units < 0 { "-" } else { "" };
        let units = self.units.abs();
        if self.precision == 0 {
            write!(f, "{sign}{units}%")
        } else {
            let width = self.precision as usize;
            write!(f, "{sign}{}.{:0width$}%", units / scale, units % scale)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_up_and_never_reaches_the_ends_unless_exact() {
        assert_eq!(Percent::of(1, 3, 2).unwrap().to_string(), "33.33%");
        assert_eq!(Percent::of(2, 3, 2).unwrap().to_string(), "66.67%");
        assert_eq!(Percent::of(1, 8, 2).unwrap().to_string(), "12.50%");
        assert_eq!(Percent::of(1, 16, 2).unwrap().to_string(), "6.25%");
        assert_eq!(Percent::of(1, 32, 3).unwrap().to_string(), "3.125%");
        assert_eq!(Percent::of(99_999, 100_000, 2).unwrap().to_string(), "99.99%");
        assert_eq!(Percent::of(1, 100_000, 2).unwrap().to_string(), "0.01%");
        assert_eq!(Percent::of(5, 5, 2).unwrap().to_string(), "100.00%");
        assert_eq!(Percent::of(0, 5, 0).unwrap().to_string(), "0%");
        assert_eq!(Percent::of(0, 0, 2), None);
    }

    #[test]
    fn thresholds_compare_after_rounding() {
        let p = 2;
        assert!(Percent::of(99_999, 100_000, p).unwrap() < Percent::from_value(100.0, p));
        assert!(Percent::of(4, 5, p).unwrap() >= Percent::from_value(80.0, p));
        let drop = Percent::of(2, 3, p).unwrap().minus(Percent::of(1, 3, p).unwrap());
        assert_eq!(drop.to_string(), "33.34%");
        assert_eq!(Percent::from_value(0.005, p).to_string(), "0.01%");
        assert_eq!(
            Percent::of(1, 3, p).unwrap().minus(Percent::of(2, 3, p).unwrap()).to_string(),
            "-33.34%"
        );
    }
}
