//! The shell rules. Each file holds one rule: its code, the node kinds it
//! wants, and the check. [`RULES`] is the single table the walk dispatches
//! from; [`TEXT_RULES`] look at the script's text instead of its tree.

use tree_sitter::Node;

use crate::context::Ctx;

mod expr;
mod quoting;
mod sourcing;
mod substitution;

mod sc1007;
mod sc1017;
mod sc1090;
mod sc1091;
mod sc2001;
mod sc2002;
mod sc2003;
mod sc2004;
mod sc2005;
mod sc2006;
mod sc2010;
mod sc2012;
mod sc2013;
mod sc2015;
mod sc2016;
mod sc2027;
mod sc2034;
mod sc2035;
mod sc2044;
mod sc2045;
mod sc2046;
mod sc2048;
mod sc2059;
mod sc2064;
mod sc2068;
mod sc2076;
mod sc2086;
mod sc2091;
mod sc2092;
mod sc2115;
mod sc2116;
mod sc2121;
mod sc2124;
mod sc2126;
mod sc2128;
mod sc2129;
mod sc2140;
mod sc2145;
mod sc2148;
mod sc2154;
mod sc2155;
mod sc2162;
mod sc2164;
mod sc2166;
mod sc2174;
mod sc2181;
mod sc2188;
mod sc2196;
mod sc2197;
mod sc2206;
mod sc2207;
mod sc2223;
mod sc2254;
mod sc2268;
mod sc2295;
mod sc2308;
mod sc2329;
mod sc3010;
mod sc3014;
mod sc3020;
mod sc3030;
mod sc3037;
mod sc3043;
mod sc3046;

/// A rule that runs on nodes of the given kinds.
pub struct Rule {
    pub code: &'static str,
    pub kinds: &'static [&'static str],
    pub check: fn(Node, &mut Ctx),
}

/// A rule that runs once on the script's text.
pub struct TextRule {
    pub code: &'static str,
    pub check: fn(&mut Ctx),
}

pub static RULES: &[Rule] = &[
    sc1007::RULE,
    sc1090::RULE,
    sc1091::RULE,
    sc2001::RULE,
    sc2002::RULE,
    sc2003::RULE,
    sc2004::RULE,
    sc2005::RULE,
    sc2006::RULE,
    sc2010::RULE,
    sc2012::RULE,
    sc2013::RULE,
    sc2015::RULE,
    sc2016::RULE,
    sc2027::RULE,
    sc2035::RULE,
    sc2044::RULE,
    sc2045::RULE,
    sc2046::RULE,
    sc2048::RULE,
    sc2059::RULE,
    sc2064::RULE,
    sc2068::RULE,
    sc2076::RULE,
    sc2086::RULE,
    sc2091::RULE,
    sc2092::RULE,
    sc2115::RULE,
    sc2116::RULE,
    sc2121::RULE,
    sc2124::RULE,
    sc2126::RULE,
    sc2128::RULE,
    sc2129::RULE,
    sc2140::RULE,
    sc2145::RULE,
    sc2155::RULE,
    sc2162::RULE,
    sc2164::RULE,
    sc2166::RULE,
    sc2174::RULE,
    sc2181::RULE,
    sc2188::RULE,
    sc2196::RULE,
    sc2197::RULE,
    sc2206::RULE,
    sc2207::RULE,
    sc2223::RULE,
    sc2254::RULE,
    sc2268::RULE,
    sc2295::RULE,
    sc2308::RULE,
    sc2329::RULE,
    sc3010::RULE,
    sc3014::RULE,
    sc3020::RULE,
    sc3030::RULE,
    sc3037::RULE,
    sc3043::RULE,
    sc3046::RULE,
];

pub static TEXT_RULES: &[TextRule] = &[sc1017::RULE, sc2034::RULE, sc2148::RULE, sc2154::RULE];

/// Every code this checker can report.
pub fn codes() -> impl Iterator<Item = &'static str> {
    RULES.iter().map(|r| r.code).chain(TEXT_RULES.iter().map(|r| r.code))
}
