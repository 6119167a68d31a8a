namespace OrleansClinic.Privacy.Tests;

/// <summary>Blind indexes: one value for every way of writing a contact, and none that another key can reproduce.</summary>
public sealed class BlindIndexTests
{
    [Theory]
    [InlineData("0491 570 006")]
    [InlineData("0491570006")]
    [InlineData("(0491) 570-006")]
    [InlineData("+61 491 570 006")]
    [InlineData("+61491570006")]
    [InlineData("+61 (0)491 570 006")]
    [InlineData("0011 61 491 570 006")]
    public void Australian_mobile_forms_normalise_to_one(string phone) =>
        Assert.Equal("61491570006", BlindIndex.NormalisePhone(phone));

    [Theory]
    [InlineData("(02) 5550 1234", "61255501234")]
    [InlineData("+1 202 555 0143", "12025550143")]
    [InlineData("  ", null)]
    [InlineData("n/a", null)]
    public void Other_phone_forms_keep_their_digits(string phone, string? expected) =>
        Assert.Equal(expected, BlindIndex.NormalisePhone(phone));

    [Fact]
    public void Emails_are_trimmed_and_lower_cased() =>
        Assert.Equal("testa.patientson@example.test", BlindIndex.NormaliseEmail("  Testa.Patientson@EXAMPLE.test \t"));

    [Fact]
    public void Equal_contacts_index_equally_and_different_ones_do_not()
    {
        var index = BlindIndex.Ephemeral();

        Assert.Equal(index.ForEmail("testa.patientson@example.test"), index.ForEmail(" TESTA.patientson@example.TEST"));
        Assert.Equal(index.ForPhone("0491 570 006"), index.ForPhone("+61491570006"));
        Assert.NotEqual(index.ForEmail("testa.patientson@example.test"), index.ForEmail("fakey.mctestface@example.test"));
        Assert.Null(index.ForEmail(" "));
        Assert.Null(index.ForPhone(null));
    }

    [Fact]
    public void Another_key_gives_another_index()
    {
        var email = "testa.patientson@example.test";

        Assert.NotEqual(BlindIndex.Ephemeral().ForEmail(email), BlindIndex.Ephemeral().ForEmail(email));
    }

    [Fact]
    public void An_email_and_a_phone_with_the_same_text_index_differently()
    {
        var index = BlindIndex.Ephemeral();

        Assert.NotEqual(index.ForEmail("61491570006"), index.ForPhone("61491570006"));
    }

    [Fact]
    public void A_name_token_indexes_apart_from_an_email_or_phone_with_the_same_text()
    {
        var index = BlindIndex.Ephemeral();

        var token = Assert.Single(index.ForName("Quokka"));
        Assert.NotEqual(index.ForEmail("quokka"), token);
        Assert.NotEqual(index.ForPhone("491570006"), index.ForName("491570006").Single());
        Assert.Equal(token, Assert.Single(index.ForName(" QUOKKA ")));
        Assert.Equal(32, token.Length);
        Assert.Empty(index.ForName("-"));
    }

    [Fact]
    public void Keys_of_the_wrong_length_are_refused() =>
        Assert.Throws<ArgumentException>(() => new BlindIndex(new byte[16]));
}
