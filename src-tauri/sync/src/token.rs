//! Where the laptop keeps its device token: a file only its user can read, beside (not
//! inside) the database, so a copied database file carries no credential.

use std::path::{Path, PathBuf};

/// The token file of the database at `database`.
pub fn token_path(database: &Path) -> PathBuf {
    let name = database.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "cluster".into());
    database.with_file_name(format!("{name}.token"))
}

pub fn load(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok().map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// Writes the token readable by this user only (mode 0600 on Unix), replacing any old one.
pub fn save(path: &Path, token: &str) -> std::io::Result<()> {
    let temporary = path.with_extension("token.new");
    {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&temporary)?;
        std::io::Write::write_all(&mut file, token.as_bytes())?;
        file.sync_all()?;
    }
    std::fs::rename(&temporary, path)
}

pub fn remove(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_file_is_private_and_removable() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = token_path(&dir.path().join("cluster.sqlite"));
        save(&path, "cdt_secret").expect("save");
        assert_eq!(load(&path).as_deref(), Some("cdt_secret"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("metadata").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        remove(&path).expect("remove");
        assert_eq!(load(&path), None);
        remove(&path).expect("removing twice is fine");
    }
}
