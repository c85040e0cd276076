//! Where the laptop keeps its device token: a file only its user can read, beside (not
//! inside) the database, so a copied database file carries no credential.
//!
//! On Unix the file is created with mode 0600. On Windows file modes do not exist, and a
//! database kept outside the profile (`--database D:\…`) would inherit that folder's
//! permissions, so the token is sealed with DPAPI (`CryptProtectData`, bound to the
//! Windows user's logon): another user, or the file copied to another machine, cannot
//! unseal it. See docs/decisions.md.

use std::path::{Path, PathBuf};

/// The token file of the database at `database`.
pub fn token_path(database: &Path) -> PathBuf {
    let name = database.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "cluster".into());
    database.with_file_name(format!("{name}.token"))
}

/// The token, if there is one this user can read.
pub fn load(path: &Path) -> Option<String> {
    let stored = std::fs::read(path).ok()?;
    let plain = sealing::unseal(&stored)?;
    String::from_utf8(plain).ok().map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// Writes the token readable by this user only, replacing any old one.
pub fn save(path: &Path, token: &str) -> std::io::Result<()> {
    let sealed = sealing::seal(token.as_bytes())?;
    let temporary = path.with_extension("token.new");
    // A leftover temporary file would keep its old mode through `truncate`.
    remove(&temporary)?;
    {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        // The temporary file is private from its first byte, not only after the rename.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&temporary)?;
        std::io::Write::write_all(&mut file, &sealed)?;
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

/// Unix: the file's mode keeps it private, and the bytes are the token itself.
#[cfg(not(windows))]
mod sealing {
    pub fn seal(plain: &[u8]) -> std::io::Result<Vec<u8>> {
        Ok(plain.to_vec())
    }

    pub fn unseal(stored: &[u8]) -> Option<Vec<u8>> {
        Some(stored.to_vec())
    }
}

/// Windows: DPAPI, for the current user, never showing a prompt.
#[cfg(windows)]
mod sealing {
    use windows_sys::Win32::Foundation::LocalFree;
    use windows_sys::Win32::Security::Cryptography::{
        CryptProtectData, CryptUnprotectData, CRYPTPROTECT_UI_FORBIDDEN, CRYPT_INTEGER_BLOB,
    };

    /// The signature `CryptProtectData` and `CryptUnprotectData` share, less the arguments
    /// this module always leaves empty.
    type Call = unsafe fn(&CRYPT_INTEGER_BLOB, &mut CRYPT_INTEGER_BLOB) -> i32;

    /// Runs one DPAPI call on `input` and copies out (then frees) what it allocated;
    /// `None` when it failed.
    fn run(input: &[u8], call: Call) -> Option<Vec<u8>> {
        let length = u32::try_from(input.len()).ok()?;
        let blob = CRYPT_INTEGER_BLOB { cbData: length, pbData: input.as_ptr().cast_mut() };
        let mut output = CRYPT_INTEGER_BLOB { cbData: 0, pbData: std::ptr::null_mut() };
        // SAFETY: `blob` points at `input` for the call's duration (DPAPI only reads it).
        if unsafe { call(&blob, &mut output) } == 0 {
            return None;
        }
        // SAFETY: the call succeeded, so DPAPI allocated `pbData` with LocalAlloc and set
        // `cbData` to its length; it is read once and freed once.
        unsafe {
            let bytes = std::slice::from_raw_parts(output.pbData, output.cbData as usize).to_vec();
            LocalFree(output.pbData.cast());
            Some(bytes)
        }
    }

    unsafe fn protect(input: &CRYPT_INTEGER_BLOB, output: &mut CRYPT_INTEGER_BLOB) -> i32 {
        use std::ptr::null;
        CryptProtectData(input, null(), null(), null(), null(), CRYPTPROTECT_UI_FORBIDDEN, output)
    }

    unsafe fn unprotect(input: &CRYPT_INTEGER_BLOB, output: &mut CRYPT_INTEGER_BLOB) -> i32 {
        use std::ptr::null;
        CryptUnprotectData(input, std::ptr::null_mut(), null(), null(), null(), CRYPTPROTECT_UI_FORBIDDEN, output)
    }

    pub fn seal(plain: &[u8]) -> std::io::Result<Vec<u8>> {
        run(plain, protect).ok_or_else(std::io::Error::last_os_error)
    }

    /// `None` for another user's token, a copy from another machine or a damaged file:
    /// there is no token this user can use, and signing in again writes a new one.
    pub fn unseal(stored: &[u8]) -> Option<Vec<u8>> {
        run(stored, unprotect)
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

    #[cfg(windows)]
    #[test]
    fn on_windows_the_file_holds_no_readable_token_and_a_foreign_file_is_no_token() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = token_path(&dir.path().join("cluster.sqlite"));
        save(&path, "cdt_secret_token_value").expect("save");
        let bytes = std::fs::read(&path).expect("read");
        let needle = b"cdt_secret_token_value";
        assert!(!bytes.windows(needle.len()).any(|w| w == needle), "the token is sealed, not written as it is");
        assert_eq!(load(&path).as_deref(), Some("cdt_secret_token_value"));
        // A plain-text file (as a Linux laptop would write it) is not a sealed token.
        std::fs::write(&path, "cdt_copied_from_elsewhere").expect("write");
        assert_eq!(load(&path), None);
    }
}
