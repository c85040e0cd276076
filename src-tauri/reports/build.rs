//! Copies the Nanum Gothic fonts the reports embed into the build's output folder, from
//! Debian's `fonts-nanum` package (which scripts/setup.sh installs) or from the folder
//! `CLUSTER_DESK_FONT_DIR` names. The font files are not kept in git.

use std::path::PathBuf;

const FONTS: &[&str] = &["NanumGothic.ttf", "NanumGothicBold.ttf"];

fn main() {
    println!("cargo:rerun-if-env-changed=CLUSTER_DESK_FONT_DIR");
    let folder = std::env::var_os("CLUSTER_DESK_FONT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/share/fonts/truetype/nanum"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for name in FONTS {
        let source = folder.join(name);
        println!("cargo:rerun-if-changed={}", source.display());
        if let Err(error) = std::fs::copy(&source, out.join(name)) {
            panic!(
                "the reports embed {name}, which was not found at {} ({error}). Install Debian's \
                 fonts-nanum package (scripts/setup.sh does), or set CLUSTER_DESK_FONT_DIR to a \
                 folder holding NanumGothic.ttf and NanumGothicBold.ttf.",
                source.display()
            );
        }
    }
}
