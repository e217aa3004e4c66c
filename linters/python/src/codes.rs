//! Every code the Python checker reports, and which are on for a file.

use lintgate_engine::diagnostic::Finding;
use lintgate_engine::selector::RuleSelection;

use crate::syntax::{TextRange, to_range};

macro_rules! codes {
    ($($code:ident),* $(,)?) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Code { $($code),* }

        impl Code {
            pub const ALL: &[Code] = &[$(Code::$code),*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$code => stringify!($code)),* }
            }
        }
    };
}

codes!(
    E999, F401, F403, F405, F541, F601, F602, F631, F632, F634, F701, F702, F704, F706, F707, F811,
    F821, F822, F823, F841, E402, E501, E711, E712, E713, E714, E721, E722, E731, E741, W291, W292,
    W293, W605, D100, D101, D102, D103, D104, D105, D106, D107, D200, D201, D202, D203, D204, D205,
    D206, D207, D208, D209, D210, D211, D212, D213, D214, D215, D300, D301, D400, D401, D402, D403,
    D404, D405, D406, D407, D408, D409, D410, D411, D412, D413, D414, D415, D416, D417, D418, D419,
    I001, C901, F501, F502, F503, F504, F505, F506, F507, F508, F509, F521, F522, F523, F524, F525,
    F542, F633, F901, F831, F621, F622, F404, F406, F407, F402, E201, E202, E203, E204, E211, E221,
    E222, E223, E224, E225, E226, E227, E228, E231, E241, E242, E251, E252, E261, E262, E265, E266,
    E271, E272, E273, E274, E275, E301, E302, E303, E304, E305, E306, E401, E502, E701, E702, E703,
    E704, E742, E743, W391, W503, W504, W505, E101, E111, E112, E113, E114, E115, E116, E117, E121,
    E122, E123, E124, E125, E126, E127, E128, E129, E131, E133, W191, F824, F842, F722,
);

/// The findings of one file, filtered by the rules enabled for it.
pub struct Report {
    enabled: [bool; Code::ALL.len()],
    pub findings: Vec<Finding>,
}

impl Report {
    pub fn new(rules: &RuleSelection) -> Report {
        let mut enabled = [false; Code::ALL.len()];
        for (on, code) in enabled.iter_mut().zip(Code::ALL) {
            *on = rules.is_enabled(code.as_str());
        }
        Report { enabled, findings: Vec::new() }
    }

    /// Turns a rule off for this file whatever the selection says.
    pub fn disable(&mut self, code: Code) {
        self.enabled[code as usize] = false;
    }

    pub fn enabled(&self, code: Code) -> bool {
        self.enabled[code as usize]
    }

    pub fn any_enabled(&self, codes: &[Code]) -> bool {
        codes.iter().any(|code| self.enabled(*code))
    }

    pub fn push(&mut self, code: Code, message: impl Into<String>, range: TextRange) {
        self.push_bytes(code, message, to_range(range));
    }

    pub fn push_bytes(
        &mut self,
        code: Code,
        message: impl Into<String>,
        range: std::ops::Range<usize>,
    ) {
        if self.enabled(code) {
            self.findings.push(Finding::new(code.as_str(), message, range));
        }
    }
}
