namespace OrleansClinic.Privacy.Tests;

/// <summary>The envelope itself: per-record data keys, AES-256-GCM bound to the patient id, wrapped by the master key.</summary>
public sealed class PiiCipherTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly PiiCipher cipher = new(LocalKeyRing.Ephemeral());

    [Fact]
    public async Task A_sealed_record_opens_to_the_same_record()
    {
        var sealedPii = await cipher.SealAsync("p-test-1", TestPii.Testa, Cancel);

        Assert.Equal(TestPii.Testa, await cipher.OpenAsync("p-test-1", sealedPii, Cancel));
        Assert.Equal(1, sealedPii.KeyVersion);
        Assert.Equal(12, sealedPii.Nonce.Length);
    }

    [Fact]
    public async Task A_record_sealed_for_one_patient_does_not_open_as_another()
    {
        var sealedPii = await cipher.SealAsync("p-test-1", TestPii.Testa, Cancel);

        await Assert.ThrowsAnyAsync<CryptographicException>(async () => await cipher.OpenAsync("p-test-2", sealedPii, Cancel));
    }

    [Fact]
    public async Task Ciphertext_moved_under_another_records_data_key_does_not_open()
    {
        var first = await cipher.SealAsync("p-test-1", TestPii.Testa, Cancel);
        var second = await cipher.SealAsync("p-test-2", TestPii.Fakey, Cancel);

        await Assert.ThrowsAnyAsync<CryptographicException>(
            async () => await cipher.OpenAsync("p-test-2", second with { Nonce = first.Nonce, Ciphertext = first.Ciphertext }, Cancel));
    }

    [Theory]
    [InlineData("ciphertext", 0)]
    [InlineData("ciphertext", -1)]
    [InlineData("nonce", 0)]
    [InlineData("wrapped key", 10)]
    [InlineData("wrapped key", -1)]
    public async Task Any_flipped_bit_makes_the_record_unreadable(string part, int index)
    {
        var sealedPii = await cipher.SealAsync("p-test-1", TestPii.Testa, Cancel);
        var tampered = part switch
        {
            "ciphertext" => sealedPii with { Ciphertext = Flip(sealedPii.Ciphertext, index) },
            "nonce" => sealedPii with { Nonce = Flip(sealedPii.Nonce, index) },
            _ => sealedPii with { WrappedKey = Flip(sealedPii.WrappedKey, index) },
        };

        await Assert.ThrowsAnyAsync<CryptographicException>(async () => await cipher.OpenAsync("p-test-1", tampered, Cancel));
    }

    [Fact]
    public async Task Sealing_the_same_record_twice_gives_different_keys_nonces_and_ciphertexts()
    {
        var first = await cipher.SealAsync("p-test-1", TestPii.Testa, Cancel);
        var second = await cipher.SealAsync("p-test-1", TestPii.Testa, Cancel);

        Assert.NotEqual(first.WrappedKey, second.WrappedKey);
        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.NotEqual(first.Ciphertext, second.Ciphertext);
    }

    [Fact]
    public async Task A_ring_without_the_version_a_key_was_wrapped_under_cannot_open_it()
    {
        var sealedPii = await cipher.SealAsync("p-test-1", TestPii.Testa, Cancel);
        var other = new PiiCipher(TestPii.Ring(2, (2, TestPii.NewKey())));

        var error = await Assert.ThrowsAnyAsync<CryptographicException>(async () => await other.OpenAsync("p-test-1", sealedPii, Cancel));
        Assert.Contains("version 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_record_does_not_print_its_fields()
    {
        var text = TestPii.Testa.ToString();

        Assert.DoesNotContain("Testa", text.Replace("PatientPii", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("example.test", text, StringComparison.OrdinalIgnoreCase);
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = bytes.ToArray();
        copy[index < 0 ? copy.Length + index : index] ^= 0x01;
        return copy;
    }
}
