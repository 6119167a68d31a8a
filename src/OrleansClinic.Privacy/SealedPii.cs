namespace OrleansClinic.Privacy;

/// <summary>A <see cref="PatientPii"/> as the vault stores it: the row's columns, none of them readable without the master key.</summary>
/// <param name="KeyVersion">The master-key version <paramref name="WrappedKey"/> is under.</param>
/// <param name="WrappedKey">The record's data key, wrapped by the master key and bound to the patient id.</param>
/// <param name="Nonce">The 12-byte AES-GCM nonce of <paramref name="Ciphertext"/>.</param>
/// <param name="Ciphertext">The encrypted JSON of the record followed by its 16-byte authentication tag.</param>
public sealed record SealedPii(int KeyVersion, byte[] WrappedKey, byte[] Nonce, byte[] Ciphertext);
