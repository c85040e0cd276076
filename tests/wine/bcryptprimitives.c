/* A stand-in for Windows' bcryptprimitives.dll, for Wine 8 only (Debian 12's Wine, which
 * lacks it). Rust's standard library asks that DLL for random bytes (ProcessPrng) on
 * every Windows 10 and 11, where it is part of the system; the Wine checks in
 * scripts/test.sh put this file in their own Wine prefix so that the cross-built programs
 * can start there. It is never shipped. It answers from BCryptGenRandom, Windows' own
 * system random number generator, which Wine has. */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
