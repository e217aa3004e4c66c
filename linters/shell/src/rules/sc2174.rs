//! SC2174: `mkdir -p -m MODE`, where the mode applies to the last directory only.

use tree_sitter::Node;

use super::Rule;
use crate::context::{Ctx, arguments, command_name};

pub const RULE: Rule = Rule { code: "SC2174", kinds: &["command"], check };

fn check(node: Node, ctx: &mut Ctx) {
    if command_name(node, ctx.text) != Some("mkdir") {
        return;
    }
    let mut parents = false;
    let mut mode = None;
    for arg in arguments(node) {
        let text = ctx.text_of(arg);
        if text == "--" {
            break;
        }
        if text == "--parents" {
            parents = true;
        } else if text == "--mode" || text.starts_with("--mode=") {
            mode = mode.or(Some(arg));
        } else if let Some(flags) = text.strip_prefix('-')
            && !flags.starts_with('-')
        {
            // Short options up to an option that takes a value (`-m`).
            for flag in flags.chars() {
                match flag {
                    'p' => parents = true,
                    'm' => {
                        mode = mode.or(Some(arg));
                        break;
                    }
                    _ => {}
                }
            }
        }
    }
    if let (true, Some(at)) = (parents, mode) {
        ctx.report(
            "SC2174",
            at,
            "with `-p`, `-m` sets the mode of the last directory only; the parents it creates get the default mode",
        );
    }
}
