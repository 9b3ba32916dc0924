//! The output folder: an earlier corpus removed file by file, anything else refused.

/// Makes room for a new corpus: an empty folder is fine; a folder holding an earlier corpus loses
/// exactly the files its manifest lists (so a smaller rerun leaves no stale files behind); any
/// other content is refused rather than deleted.
pub(super) fn clear_previous(out: &std::path::Path) -> Result<(), String> {
    let manifest = out.join("manifest.json");
    match std::fs::read_to_string(&manifest) {
        Ok(json) => {
            let paths = nianbao_gen::manifest_paths(&json).map_err(|error| {
                format!("{} is not a corpus manifest: {error}", manifest.display())
            })?;
            for path in paths {
                let path = out.join(path);
                match std::fs::remove_file(&path) {
                    Ok(()) => {}
                    Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                    Err(error) => return Err(format!("cannot remove {}: {error}", path.display())),
                }
            }
            Ok(())
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            let mut entries = std::fs::read_dir(out)
                .map_err(|error| format!("cannot read {}: {error}", out.display()))?;
            if entries.next().is_some() {
                return Err(format!(
                    "{} is not empty and holds no manifest.json from an earlier run; choose an empty or new folder",
                    out.display()
                ));
            }
            Ok(())
        }
        Err(error) => Err(format!("cannot read {}: {error}", manifest.display())),
    }
}
